-- A published document can be withdrawn with a reason: the row stays (never
-- deleted), the portal stops showing its text, the audit trail keeps who and why.
ALTER TABLE published_documents ADD COLUMN withdrawn_at TEXT;
ALTER TABLE published_documents ADD COLUMN withdrawn_reason TEXT;
