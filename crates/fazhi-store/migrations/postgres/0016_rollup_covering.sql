-- The indicators pages sum the rollup over a unit's subtree, a counter list
-- and a range of months. With `amount` at the end of the index those sums
-- are answered from the index alone; before, every matching entry (about
-- fifteen thousand for a district's year) fetched its table row for the one
-- number it adds.
DROP INDEX indicator_rollup_path;
CREATE INDEX indicator_rollup_path ON indicator_rollup(region_code, counter, month, unit_path, amount);
