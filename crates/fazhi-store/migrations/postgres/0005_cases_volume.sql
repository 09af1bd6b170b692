-- Cases ready for volume (issue 8 item 6).
--
-- 1. `unit_path`: the handling unit's materialised path, copied onto the case,
--    so that "inside the reader's scope" is one index range on `cases`
--    (`unit_path >= scope AND unit_path < scope || '~'`: every path character
--    is a digit or '/', both below '~') instead of a join to `units` and a
--    LIKE per row. Units are never moved in the hierarchy, so the copy stays
--    true; a future "move a unit" must update its cases in the same
--    transaction. The column is COLLATE "C" (byte order) so that the range
--    is exactly the prefix whatever the database's locale, and its index
--    serves it.
-- 2. `number_series` + `number_seq`: the case number `YSQ-2026-00017` split
--    into its series (`YSQ-2026`) and its sequence number (17). The next
--    number is MAX(number_seq) of the series, an integer, so numbers keep
--    counting past 99,999 a year (`YSQ-2026-100000`); the text MAX used
--    before stopped there ("99999" > "100000"). Existing numbers are kept
--    as they are; the suffix is zero-padded to at least five digits.
-- 3. `stage` holds the stage's code (`under_review`), not its Chinese name;
--    the name is derived for display. The code is taken from the stored
--    state, which the engine wrote in the same statement as the name.
-- 4. `party_name`: the party's name, copied out of `party_json` for search
--    by party (personal data: read only in scope, never audited or logged).
ALTER TABLE cases ADD COLUMN unit_path TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE cases SET unit_path = (SELECT u.path FROM units u WHERE u.id = cases.unit_id);
CREATE INDEX cases_unit_path ON cases(unit_path);
CREATE INDEX cases_kind_unit_path ON cases(kind, unit_path);

ALTER TABLE cases ADD COLUMN number_series TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN number_seq BIGINT NOT NULL DEFAULT 0;
UPDATE cases SET number_series = substr(number, 1, length(number) - 6),
                 number_seq = CAST(substr(number, length(number) - 4) AS INTEGER);
CREATE UNIQUE INDEX cases_number_series_seq ON cases(number_series, number_seq);

UPDATE cases SET stage = (state_json::json)->>'stage';

ALTER TABLE cases ADD COLUMN party_name TEXT NOT NULL DEFAULT '';
UPDATE cases SET party_name = COALESCE((party_json::json)->>'name', '');
