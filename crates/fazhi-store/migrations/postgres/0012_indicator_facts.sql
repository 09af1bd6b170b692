-- The indicator projection (issue 13, docs/indicators.md). Each case's facts
-- (dated counters from `Procedure::indicator_facts`) are replaced in the
-- transaction of every write of the case, and a monthly rollup per unit and
-- counter moves by the difference, so that no indicator decodes a case: a
-- value is a SUM over at most units x months rollup rows, and the records
-- behind it a range read of the facts. Both are tenant tables of the case's
-- region (tables.toml), co-located with the cases.

CREATE TABLE indicator_facts (
    region_code TEXT NOT NULL,
    case_id     BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    unit_path   TEXT COLLATE "C" NOT NULL,
    counter     TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    amount      BIGINT NOT NULL,
    PRIMARY KEY (region_code, case_id, seq),
    FOREIGN KEY (region_code, case_id) REFERENCES cases(region_code, id)
);
CREATE INDEX indicator_facts_counter ON indicator_facts(region_code, counter, on_date, unit_path);

CREATE TABLE indicator_rollup (
    region_code TEXT NOT NULL,
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    unit_path   TEXT COLLATE "C" NOT NULL,
    month       TEXT NOT NULL,
    counter     TEXT NOT NULL,
    amount      BIGINT NOT NULL,
    PRIMARY KEY (region_code, unit_id, month, counter)
);
CREATE INDEX indicator_rollup_path ON indicator_rollup(region_code, counter, month, unit_path);

CREATE TRIGGER indicator_facts_region_fixed BEFORE UPDATE OF region_code ON indicator_facts
    FOR EACH ROW EXECUTE FUNCTION region_code_fixed();
CREATE TRIGGER indicator_rollup_region_fixed BEFORE UPDATE OF region_code ON indicator_rollup
    FOR EACH ROW EXECUTE FUNCTION region_code_fixed();
