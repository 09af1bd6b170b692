-- Uploads held between a preview and its confirmation (the activity import,
-- issue 13): the file stays here instead of going back to the browser, and
-- the confirmation names it by a random token (only its SHA-256 is kept).
-- A local table like `sessions` (tables.toml): a row belongs to the session
-- that uploaded it and goes with it; it expires after 30 minutes.

CREATE TABLE held_uploads (
    token_hash   TEXT PRIMARY KEY,
    session_hash TEXT NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    size         INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    content      BLOB NOT NULL
);
CREATE INDEX held_uploads_user ON held_uploads(user_id, created_at);
CREATE INDEX held_uploads_session ON held_uploads(session_hash);
CREATE INDEX held_uploads_expiry ON held_uploads(expires_at);
