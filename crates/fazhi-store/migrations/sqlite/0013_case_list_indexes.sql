-- The two lists of open cases every workbench shows, read in index order
-- (issue 11's budget). With the key (region_code, id) the table's own order
-- is no longer the case id, so the indexes name `id` last: the urgency list
-- (ORDER BY next_due, id LIMIT n) stops after n entries instead of sorting
-- ties, and the hearing list reads only open cases with a hearing in the
-- window (before: every hearing of the region, open or closed).
DROP INDEX cases_open_due;
CREATE INDEX cases_open_due ON cases(region_code, closed_on, next_due, id);
DROP INDEX cases_hearing;
CREATE INDEX cases_open_hearing ON cases(region_code, closed_on, hearing_on, id);
