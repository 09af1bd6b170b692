-- The rollup's key in the order its whole-table reads want (issue 13's
-- grid: every unit of a region x every month of a period):
-- `(region_code, month, unit_id, counter)`, so that a grid read is one
-- ordered range of the key's index, grouped as it streams. The same
-- columns as before, so a write's lookup by the whole key is unchanged.
-- (SQLite also stores the table in this key's order, WITHOUT ROWID; a
-- PostgreSQL table is a heap either way.)

ALTER TABLE indicator_rollup DROP CONSTRAINT indicator_rollup_pkey;
ALTER TABLE indicator_rollup ADD PRIMARY KEY (region_code, month, unit_id, counter);
