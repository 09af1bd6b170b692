-- Hardening (issue 9): API tokens get an expiry and a revocation time.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
