-- Links between cases, the parties of a review, hearings, attachments and
-- published documents (行政复议 and 行政应诉 on top of 依申请公开).
--
-- `origin_id`: the case this one challenges (a disclosure reply challenged by
-- reconsideration; a reconsideration decision challenged in court).
-- `respondent_id`: the unit whose act is challenged (被申请人 of a
-- reconsideration; for litigation the defendant is the handling unit itself).
-- `matter`: the field of the challenged act; `goi` cases feed table 4 of the
-- 政府信息公开工作年度报告.
-- `hearing_on`: the next scheduled hearing (听证 or 开庭), for 庭前提醒.
ALTER TABLE cases ADD COLUMN origin_id BIGINT REFERENCES cases(id);
ALTER TABLE cases ADD COLUMN respondent_id BIGINT REFERENCES units(id);
ALTER TABLE cases ADD COLUMN matter TEXT NOT NULL DEFAULT 'other';
ALTER TABLE cases ADD COLUMN hearing_on TEXT;
CREATE INDEX cases_origin ON cases(origin_id);
CREATE INDEX cases_respondent ON cases(respondent_id);
CREATE INDEX cases_hearing ON cases(hearing_on);
CREATE INDEX cases_kind_received ON cases(kind, received_on);

-- Files attached to a case (letters, evidence, decisions). Append-only.
CREATE TABLE case_attachments (
    id           BIGSERIAL PRIMARY KEY,
    case_id      BIGINT NOT NULL REFERENCES cases(id),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    content      BYTEA NOT NULL,
    note         TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments(case_id);

-- Documents published on the portal (复议决定书), personal data already masked.
CREATE TABLE published_documents (
    id           BIGSERIAL PRIMARY KEY,
    case_id      BIGINT NOT NULL UNIQUE REFERENCES cases(id),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    unit_name    TEXT NOT NULL,
    decided_on   TEXT NOT NULL,
    published_at TEXT NOT NULL
);
CREATE INDEX published_documents_decided ON published_documents(decided_on);
