-- Holiday notices imported at run time (a new year's 国务院办公厅 notice), merged
-- over the built-in calendar at start. One row per import; the latest per year wins.
CREATE TABLE calendar_notices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    years       TEXT NOT NULL,
    toml_text   TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
