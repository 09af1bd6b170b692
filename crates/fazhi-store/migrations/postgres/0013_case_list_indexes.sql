-- The lists of open cases every workbench shows, answered from the index
-- (issue 11's budget). With the key (region_code, id) the table's own order
-- is no longer the case id, so the indexes name `id` after the sort column:
-- the urgency list (ORDER BY next_due, id LIMIT n) stops after n entries
-- instead of sorting ties, and the hearing list reads only open cases with a
-- hearing in the window (before: every hearing of the region, open or
-- closed). `unit_path` last lets the scope's path range be checked in the
-- index, so a department's list does not fetch every open case of the
-- district to discard most of them, and the count of cases without a
-- deadline never reads the table.
DROP INDEX cases_open_due;
CREATE INDEX cases_open_due ON cases(region_code, closed_on, next_due, id, unit_path);
DROP INDEX cases_hearing;
CREATE INDEX cases_open_hearing ON cases(region_code, closed_on, hearing_on, id, unit_path);
