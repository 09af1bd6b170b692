//! The seam between the portable SQL of the store and each backend.
//!
//! Everything else in the store is one SQL text for both backends. What
//! differs between engines (upserts, row locks, how a write transaction
//! begins, partition DDL) is one method here, implemented once per backend.
//! A PostgreSQL-derived database that lacks `ON CONFLICT` (openGauss,
//! GaussDB) or renames the advisory-lock functions (KingbaseES) is one more
//! implementation of [`Dialect`] and one more arm in [`for_backend`]; no
//! other module tests which backend it runs on.

use crate::Backend;

/// The queries that read a schema's keys from the database's catalogue
/// (for the manifest check): the tables; the primary key of table `$1`
/// (column names in key order); its unique constraints and indexes (a flag
/// and the comma-separated columns); its foreign keys (referenced table,
/// columns, referenced columns).
#[derive(Debug, Clone, Copy)]
pub struct CatalogueSql {
    pub tables: &'static str,
    pub primary_key: &'static str,
    pub uniques: &'static str,
    pub foreign_keys: &'static str,
}

/// The constructs that differ between backends.
pub trait Dialect: Send + Sync + std::fmt::Debug {
    /// How many write transactions of this process may hold a connection
    /// at once, out of a pool of `connections`; the others queue in the
    /// process, in order, without the pool's acquire timeout. SQLite: one
    /// (one writer per file; waiting here avoids busy errors). PostgreSQL:
    /// all but two, so that a burst of writes to one region (queued on its
    /// lock inside the database) neither fails on the pool's timeout nor
    /// takes the connections the readers need; writers of different regions
    /// still proceed at once until such a burst fills every writer's place.
    fn concurrent_writers(&self, connections: u32) -> u32;

    /// The statement that opens a write transaction (`None`: plain `BEGIN`).
    fn begin_write(&self) -> Option<&'static str>;

    /// A statement taking the lock of region `$1` until the transaction
    /// ends, or `None` when the backend's single writer lock covers it. The
    /// lock is the region's audit head row: the appends of one region line
    /// up behind it, and so do the next-number reads that precede them.
    fn lock_region(&self) -> Option<&'static str>;

    /// `INSERT INTO table (cols) VALUES ($1, …)` that does nothing when a row
    /// with the same `key` exists.
    fn insert_if_absent(&self, table: &str, cols: &[&str], key: &[&str]) -> String;

    /// `INSERT INTO table (cols) VALUES ($1, …)` that replaces the non-key
    /// columns when a row with the same `key` exists.
    fn upsert(&self, table: &str, cols: &[&str], key: &[&str]) -> String;

    /// The DDL that turns `table` (already renamed to `old`) into a table
    /// partitioned by list of `column`, with the same columns, defaults and
    /// checks; `None` where the backend has no declarative partitioning.
    fn partitioned_like(&self, table: &str, old: &str, column: &str) -> Option<String>;

    /// The DDL of the partition of `table` for the value `value` (a region
    /// code, digits only), or of its default partition (`None`).
    fn partition_of(&self, table: &str, value: Option<&str>) -> Option<String>;

    /// The DDL that makes every new region (a row inserted into `regions`)
    /// its partition of each of `tables` (none where there are no partitions).
    fn partitions_on_new_region(&self, tables: &[&str]) -> Vec<String>;

    /// How to read the keys of the schema from the catalogue.
    fn catalogue(&self) -> CatalogueSql;

    /// An aggregate that folds the rows of a group into one JSON object
    /// (text) of `key` → `value`: many small sums cross the driver as one
    /// value per group instead of one row each.
    fn json_object_agg(&self, key: &str, value: &str) -> String;

    /// An aggregate that joins the text `expr` of the rows of a group with
    /// `separator` (NULL over no rows): a whole result crosses the driver
    /// as one value. (sqlx's SQLite driver hands each row from its worker
    /// thread to the caller on its own, a thread wake-up each: a thousand
    /// rows cost more in hand-offs than SQLite needs to compute them.)
    fn text_agg(&self, expr: &str, separator: &str) -> String;

    /// The statements (run in order, in one transaction) that refresh the
    /// planner's statistics after a bulk load or at start. Without them
    /// SQLite guesses between indexes that all begin with `region_code` and
    /// may walk a whole region where a few open cases would do.
    fn refresh_statistics(&self) -> &'static [&'static str];
}

fn placeholders(n: usize) -> String {
    (1..=n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// `ON CONFLICT` as SQLite (3.24+) and PostgreSQL (9.5+) both spell it.
fn on_conflict(table: &str, cols: &[&str], key: &[&str], update: bool) -> String {
    let action = if update {
        let sets: Vec<String> =
            cols.iter().filter(|c| !key.contains(c)).map(|c| format!("{c} = excluded.{c}")).collect();
        format!("DO UPDATE SET {}", sets.join(", "))
    } else {
        "DO NOTHING".to_owned()
    };
    format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT ({}) {action}",
        cols.join(", "),
        placeholders(cols.len()),
        key.join(", ")
    )
}

#[derive(Debug)]
pub struct Sqlite;

impl Dialect for Sqlite {
    fn concurrent_writers(&self, _connections: u32) -> u32 {
        1
    }
    fn json_object_agg(&self, key: &str, value: &str) -> String {
        format!("json_group_object({key}, {value})")
    }
    fn text_agg(&self, expr: &str, separator: &str) -> String {
        format!("group_concat({expr}, {separator})")
    }
    fn begin_write(&self) -> Option<&'static str> {
        // Take the file's write lock at once, not at the first write: a
        // transaction that read first and then writes cannot be refused
        // midway for a writer that started after it.
        Some("BEGIN IMMEDIATE")
    }
    fn lock_region(&self) -> Option<&'static str> {
        None
    }
    fn insert_if_absent(&self, table: &str, cols: &[&str], key: &[&str]) -> String {
        on_conflict(table, cols, key, false)
    }
    fn upsert(&self, table: &str, cols: &[&str], key: &[&str]) -> String {
        on_conflict(table, cols, key, true)
    }
    fn partitioned_like(&self, _table: &str, _old: &str, _column: &str) -> Option<String> {
        None
    }
    fn partition_of(&self, _table: &str, _value: Option<&str>) -> Option<String> {
        None
    }
    fn partitions_on_new_region(&self, _tables: &[&str]) -> Vec<String> {
        Vec::new()
    }
    fn refresh_statistics(&self) -> &'static [&'static str] {
        // The per-index row counts (`sqlite_stat1`) are what the planner
        // needs to choose between the `region_code` indexes. The value
        // samples ANALYZE also takes (`sqlite_stat4`, compiled into the
        // bundled SQLite) are removed before anyone sees them: with samples,
        // SQLite plans a statement again at every run whose bound values
        // changed (a region, a path, a date), and under load that planning
        // cost the workbench a fifth of its throughput (issue 11).
        // `ANALYZE sqlite_schema` then has this connection reload the
        // statistics without the samples.
        &["ANALYZE", "DELETE FROM sqlite_stat4", "ANALYZE sqlite_schema"]
    }
    fn catalogue(&self) -> CatalogueSql {
        let [tables, primary_key, uniques, foreign_keys] = [
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
            "SELECT CAST(l.origin = 'pk' AS INTEGER), \
             (SELECT group_concat(name, ',') FROM (SELECT i.name FROM pragma_index_info(l.name) i ORDER BY i.seqno)) \
             FROM pragma_index_list($1) l WHERE l.\"unique\" = 1",
            "SELECT f.\"table\", group_concat(f.\"from\", ','), group_concat(f.\"to\", ',') \
             FROM (SELECT * FROM pragma_foreign_key_list($1) ORDER BY id, seq) f GROUP BY f.id, f.\"table\"",
        ];
        CatalogueSql { tables, primary_key, uniques, foreign_keys }
    }
}

#[derive(Debug)]
pub struct Postgres;

impl Dialect for Postgres {
    fn concurrent_writers(&self, connections: u32) -> u32 {
        connections.saturating_sub(2).max(1)
    }
    fn json_object_agg(&self, key: &str, value: &str) -> String {
        format!("CAST(json_object_agg({key}, {value}) AS TEXT)")
    }
    fn text_agg(&self, expr: &str, separator: &str) -> String {
        format!("string_agg({expr}, {separator})")
    }
    fn begin_write(&self) -> Option<&'static str> {
        None
    }
    fn lock_region(&self) -> Option<&'static str> {
        Some("SELECT seq FROM audit_heads WHERE region_code = $1 FOR UPDATE")
    }
    fn insert_if_absent(&self, table: &str, cols: &[&str], key: &[&str]) -> String {
        on_conflict(table, cols, key, false)
    }
    fn upsert(&self, table: &str, cols: &[&str], key: &[&str]) -> String {
        on_conflict(table, cols, key, true)
    }
    fn partitioned_like(&self, table: &str, old: &str, column: &str) -> Option<String> {
        Some(format!(
            "CREATE TABLE {table} (LIKE {old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED \
             INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY LIST ({column})"
        ))
    }
    fn partition_of(&self, table: &str, value: Option<&str>) -> Option<String> {
        Some(match value {
            Some(v) if v.bytes().all(|b| b.is_ascii_digit()) => {
                format!("CREATE TABLE IF NOT EXISTS {table}_r{v} PARTITION OF {table} FOR VALUES IN ('{v}')")
            }
            Some(_) => return None,
            None => format!("CREATE TABLE IF NOT EXISTS {table}_default PARTITION OF {table} DEFAULT"),
        })
    }
    fn partitions_on_new_region(&self, tables: &[&str]) -> Vec<String> {
        let body: String = tables
            .iter()
            .map(|t| {
                format!(
                    "    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES IN (%L)', \
                     '{t}_r' || NEW.code, '{t}', NEW.code);\n"
                )
            })
            .collect();
        vec![
            format!(
                "CREATE OR REPLACE FUNCTION region_partitions() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body}    \
                 RETURN NEW;\nEND;\n$$"
            ),
            "CREATE TRIGGER regions_partitions AFTER INSERT ON regions FOR EACH ROW EXECUTE FUNCTION region_partitions()"
                .to_owned(),
        ]
    }
    fn refresh_statistics(&self) -> &'static [&'static str] {
        &["ANALYZE"]
    }
    fn catalogue(&self) -> CatalogueSql {
        let [tables, primary_key, uniques, foreign_keys] = [
            "SELECT c.relname::text FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace \
             AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname",
            "SELECT a.attname::text FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid \
             JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n) ON true \
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
             WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND i.indisprimary ORDER BY k.n",
            "SELECT CAST(CASE WHEN i.indisprimary THEN 1 ELSE 0 END AS BIGINT), \
             (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n) \
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) \
             FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid \
             WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND i.indisunique",
            "SELECT r.relname::text, \
             (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n) \
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), \
             (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n) \
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) \
             FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid \
             WHERE c.contype = 'f' AND t.relname = $1 AND t.relnamespace = current_schema()::regnamespace \
             AND c.conparentid = 0",
        ];
        CatalogueSql { tables, primary_key, uniques, foreign_keys }
    }
}

/// The dialect of a backend.
pub fn for_backend(backend: Backend) -> &'static dyn Dialect {
    match backend {
        Backend::Sqlite => &Sqlite,
        Backend::Postgres => &Postgres,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upserts_name_the_key_and_update_the_rest() {
        let sql = Postgres.upsert("settings", &["key", "value"], &["key"]);
        assert_eq!(
            sql,
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        );
        assert!(Sqlite
            .insert_if_absent("audit_heads", &["region_code", "seq", "hash"], &["region_code"])
            .ends_with("ON CONFLICT (region_code) DO NOTHING"));
    }

    #[test]
    fn partitions_are_named_by_region_and_refuse_anything_but_digits() {
        assert_eq!(
            Postgres.partition_of("cases", Some("110108")).as_deref(),
            Some("CREATE TABLE IF NOT EXISTS cases_r110108 PARTITION OF cases FOR VALUES IN ('110108')")
        );
        assert_eq!(Postgres.partition_of("cases", Some("1'; DROP")), None);
        assert_eq!(Sqlite.partition_of("cases", None), None);
    }
}
