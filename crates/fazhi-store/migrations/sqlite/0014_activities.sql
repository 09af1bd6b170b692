-- Activities of 法治建设 (issue 13, item 2): 会前学法, 理论学习中心组学法,
-- training, exams, 普法 events and materials, 述法, committee meetings and
-- 宪法宣誓, one dated row each, in the region of the unit that held them (a
-- tenant table, tables.toml). An activity counts in the same monthly rollup
-- as the cases (`indicator_rollup`, moved in the activity's write); it has no
-- rows in `indicator_facts`, whose rows belong to cases. Attachments (the
-- sign-in sheet, photos, the material) hang on it as on a case.

CREATE TABLE activities (
    region_code  TEXT NOT NULL REFERENCES regions(code),
    id           INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    unit_path    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    topic        TEXT NOT NULL,
    participants INTEGER NOT NULL,
    tenth_hours  INTEGER,
    passed       INTEGER,
    note         TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    PRIMARY KEY (region_code, id)
);
CREATE INDEX activities_scope ON activities(region_code, unit_path, held_on);
CREATE INDEX activities_kind ON activities(region_code, kind, held_on);

CREATE TABLE activity_attachments (
    region_code  TEXT NOT NULL,
    id           INTEGER NOT NULL,
    activity_id  INTEGER NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    content      BLOB NOT NULL,
    note         TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    PRIMARY KEY (region_code, id),
    FOREIGN KEY (region_code, activity_id) REFERENCES activities(region_code, id)
);
CREATE INDEX activity_attachments_owner ON activity_attachments(region_code, activity_id);

CREATE TRIGGER activities_region_fixed BEFORE UPDATE OF region_code ON activities
    WHEN NEW.region_code IS NOT OLD.region_code
    BEGIN SELECT RAISE(ABORT, 'region_code is never updated'); END;
CREATE TRIGGER activity_attachments_region_fixed BEFORE UPDATE OF region_code ON activity_attachments
    WHEN NEW.region_code IS NOT OLD.region_code
    BEGIN SELECT RAISE(ABORT, 'region_code is never updated'); END;
