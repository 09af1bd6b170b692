-- Cases of the statutory procedures (依申请公开, 行政复议, 行政应诉 …) and their
-- append-only histories. `state_json` is the procedure engine's CaseState;
-- `party_json` holds the applicant's personal data, shown only to staff in scope.
CREATE TABLE cases (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    number       TEXT NOT NULL UNIQUE,
    receipt_code TEXT UNIQUE,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    handler_id   INTEGER REFERENCES users(id),
    stage        TEXT NOT NULL,
    subject      TEXT NOT NULL,
    received_on  TEXT NOT NULL,
    closed_on    TEXT,
    next_due     TEXT,
    party_json   TEXT NOT NULL,
    state_json   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX cases_unit ON cases(unit_id);
CREATE INDEX cases_open_due ON cases(closed_on, next_due);

CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    seq         INTEGER NOT NULL,
    occurred_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor_id    INTEGER,
    actor       TEXT NOT NULL,
    action_json TEXT NOT NULL,
    UNIQUE (case_id, seq)
);
