-- The indicator projection (issue 13, docs/indicators.md). Each case's facts
-- (dated counters from `Procedure::indicator_facts`) are replaced in the
-- transaction of every write of the case, and a monthly rollup per unit and
-- counter moves by the difference, so that no indicator decodes a case: a
-- value is a SUM over at most units x months rollup rows, and the records
-- behind it a range read of the facts. Both are tenant tables of the case's
-- region (tables.toml), co-located with the cases.

CREATE TABLE indicator_facts (
    region_code TEXT NOT NULL,
    case_id     INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    unit_path   TEXT NOT NULL,
    counter     TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    PRIMARY KEY (region_code, case_id, seq),
    FOREIGN KEY (region_code, case_id) REFERENCES cases(region_code, id)
);
CREATE INDEX indicator_facts_counter ON indicator_facts(region_code, counter, on_date, unit_path);

CREATE TABLE indicator_rollup (
    region_code TEXT NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    unit_path   TEXT NOT NULL,
    month       TEXT NOT NULL,
    counter     TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    PRIMARY KEY (region_code, unit_id, month, counter)
);
CREATE INDEX indicator_rollup_path ON indicator_rollup(region_code, counter, month, unit_path);

CREATE TRIGGER indicator_facts_region_fixed BEFORE UPDATE OF region_code ON indicator_facts
    WHEN NEW.region_code IS NOT OLD.region_code
    BEGIN SELECT RAISE(ABORT, 'region_code is never updated'); END;
CREATE TRIGGER indicator_rollup_region_fixed BEFORE UPDATE OF region_code ON indicator_rollup
    WHEN NEW.region_code IS NOT OLD.region_code
    BEGIN SELECT RAISE(ABORT, 'region_code is never updated'); END;
