-- Activities of 法治建设 (issue 13, item 2): 会前学法, 理论学习中心组学法,
-- training, exams, 普法 events and materials, 述法, committee meetings and
-- 宪法宣誓, one dated row each, in the region of the unit that held them (a
-- tenant table, tables.toml). An activity counts in the same monthly rollup
-- as the cases (`indicator_rollup`, moved in the activity's write); it has no
-- rows in `indicator_facts`, whose rows belong to cases. Attachments (the
-- sign-in sheet, photos, the material) hang on it as on a case.

CREATE TABLE activities (
    region_code  TEXT NOT NULL REFERENCES regions(code),
    id           BIGINT NOT NULL,
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    unit_path    TEXT COLLATE "C" NOT NULL,
    kind         TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    topic        TEXT NOT NULL,
    participants BIGINT NOT NULL,
    tenth_hours  BIGINT,
    passed       BIGINT,
    note         TEXT NOT NULL,
    version      BIGINT NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    PRIMARY KEY (region_code, id)
);
CREATE INDEX activities_scope ON activities(region_code, unit_path, held_on);
CREATE INDEX activities_kind ON activities(region_code, kind, held_on);

CREATE TABLE activity_attachments (
    region_code  TEXT NOT NULL,
    id           BIGINT NOT NULL,
    activity_id  BIGINT NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    content      BYTEA NOT NULL,
    note         TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    PRIMARY KEY (region_code, id),
    FOREIGN KEY (region_code, activity_id) REFERENCES activities(region_code, id)
);
CREATE INDEX activity_attachments_owner ON activity_attachments(region_code, activity_id);

CREATE TRIGGER activities_region_fixed BEFORE UPDATE OF region_code ON activities
    FOR EACH ROW EXECUTE FUNCTION region_code_fixed();
CREATE TRIGGER activity_attachments_region_fixed BEFORE UPDATE OF region_code ON activity_attachments
    FOR EACH ROW EXECUTE FUNCTION region_code_fixed();
