//! The table manifest (`tables.toml`): which tables are tenant tables
//! (distributed by `region_code`), reference tables (replicated) or local,
//! and the check of a live schema against it.
//!
//! [`read_schema`] reads the keys of every table from the database's own
//! catalogue (SQLite's `sqlite_master` and pragmas, PostgreSQL's
//! `pg_catalog`); [`check`] names every rule a distributed engine would
//! refuse: a tenant table's primary key or unique constraint without
//! `region_code`, a foreign key between tenant tables without it (or across
//! co-location groups), a reference table pointing at a tenant table, a
//! table the manifest does not know.

use crate::dialect::CatalogueSql;
use crate::{Store, StoreError};
use serde::Deserialize;

/// Where a table lives on a distributed engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Tenant,
    Reference,
    Local,
}

/// One table of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Entry {
    pub name: String,
    pub class: Class,
    /// The co-location group of a tenant table.
    #[serde(default)]
    pub colocate: Option<String>,
}

/// The manifest, tables in file order (parents before children).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Manifest {
    #[serde(rename = "table")]
    pub tables: Vec<Entry>,
}

/// The manifest of this version of the schema.
pub const MANIFEST: &str = include_str!("../tables.toml");

impl Manifest {
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The manifest shipped with the store.
    pub fn builtin() -> Result<Self, StoreError> {
        Self::parse(MANIFEST).map_err(|e| StoreError::Config(format!("tables.toml 无效:{e}")))
    }

    pub fn get(&self, table: &str) -> Option<&Entry> {
        self.tables.iter().find(|t| t.name == table)
    }

    /// The tenant tables, parents first.
    pub fn tenant_tables(&self) -> Vec<&str> {
        self.tables.iter().filter(|t| t.class == Class::Tenant).map(|t| t.name.as_str()).collect()
    }
}

/// A foreign key: its columns, the table and columns it references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub table: String,
    pub references: Vec<String>,
}

/// The keys of one table as the database holds them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableKeys {
    pub name: String,
    pub primary_key: Vec<String>,
    /// Every unique constraint and unique index (the primary key too).
    pub uniques: Vec<Vec<String>>,
    pub foreign_keys: Vec<ForeignKey>,
}

const REGION: &str = "region_code";

fn has_region(cols: &[String]) -> bool {
    cols.iter().any(|c| c == REGION)
}

/// Every rule of the manifest the schema breaks, in words (empty: none).
pub fn check(manifest: &Manifest, schema: &[TableKeys]) -> Vec<String> {
    let mut problems = Vec::new();
    for t in schema {
        let Some(entry) = manifest.get(&t.name) else {
            problems.push(format!("table {} is not in tables.toml", t.name));
            continue;
        };
        if entry.class == Class::Tenant {
            if !has_region(&t.primary_key) {
                problems.push(format!(
                    "tenant table {}: primary key ({}) lacks region_code",
                    t.name,
                    t.primary_key.join(", ")
                ));
            }
            for u in &t.uniques {
                if !has_region(u) {
                    problems.push(format!("tenant table {}: unique ({}) lacks region_code", t.name, u.join(", ")));
                }
            }
        }
        for fk in &t.foreign_keys {
            let target = manifest.get(&fk.table).map(|e| e.class);
            match (entry.class, target) {
                (Class::Tenant, Some(Class::Tenant)) => {
                    let pos = |cols: &[String]| cols.iter().position(|c| c == REGION);
                    if pos(&fk.columns).is_none() || pos(&fk.columns) != pos(&fk.references) {
                        problems.push(format!(
                            "tenant table {}: foreign key ({}) → {}({}) does not pair region_code",
                            t.name,
                            fk.columns.join(", "),
                            fk.table,
                            fk.references.join(", ")
                        ));
                    }
                    let group = |name: &str| manifest.get(name).and_then(|e| e.colocate.clone());
                    if group(&t.name) != group(&fk.table) {
                        problems.push(format!(
                            "tenant table {}: foreign key to {} across co-location groups",
                            t.name, fk.table
                        ));
                    }
                }
                (Class::Reference, Some(Class::Tenant)) => {
                    problems.push(format!("reference table {}: foreign key to tenant table {}", t.name, fk.table))
                }
                (Class::Reference | Class::Tenant, Some(Class::Local)) => {
                    problems.push(format!("table {}: foreign key to local table {}", t.name, fk.table))
                }
                _ => {}
            }
        }
    }
    for e in &manifest.tables {
        if !schema.iter().any(|t| t.name == e.name) {
            problems.push(format!("tables.toml names {}, which the schema does not have", e.name));
        }
        if e.class == Class::Tenant && e.colocate.is_none() {
            problems.push(format!("tenant table {} has no co-location group", e.name));
        }
    }
    problems
}

fn split(cols: &str) -> Vec<String> {
    cols.split(',').map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect()
}

/// The keys of every table of the live schema (partitions of a
/// partitioned table are left out: they are the table).
pub async fn read_schema(store: &Store) -> Result<Vec<TableKeys>, StoreError> {
    let pool = store.pool();
    let mut out = Vec::new();
    let CatalogueSql { tables: tables_sql, primary_key: pk_sql, uniques: unique_sql, foreign_keys: fk_sql } =
        store.dialect().catalogue();
    let names: Vec<String> = sqlx::query_scalar(tables_sql).fetch_all(pool).await?;
    for name in names {
        let primary_key: Vec<String> = sqlx::query_scalar(pk_sql).bind(&name).fetch_all(pool).await?;
        let uniques: Vec<(i64, Option<String>)> = sqlx::query_as(unique_sql).bind(&name).fetch_all(pool).await?;
        let fks: Vec<(String, Option<String>, Option<String>)> =
            sqlx::query_as(fk_sql).bind(&name).fetch_all(pool).await?;
        let mut uniques: Vec<Vec<String>> = uniques.into_iter().map(|(_, c)| split(&c.unwrap_or_default())).collect();
        // A SQLite table whose key is its rowid alias has no index for it.
        if !primary_key.is_empty() && !uniques.contains(&primary_key) {
            uniques.push(primary_key.clone());
        }
        let foreign_keys = fks
            .into_iter()
            .map(|(table, from, to)| ForeignKey {
                columns: split(&from.unwrap_or_default()),
                references: split(&to.unwrap_or_default()),
                table,
            })
            .collect();
        out.push(TableKeys { name, primary_key, uniques, foreign_keys });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| (*s).to_owned()).collect()
    }

    fn table(name: &str, pk: &[&str], uniques: &[&[&str]], fks: &[(&[&str], &str, &[&str])]) -> TableKeys {
        TableKeys {
            name: name.into(),
            primary_key: cols(pk),
            uniques: std::iter::once(cols(pk)).chain(uniques.iter().map(|u| cols(u))).collect(),
            foreign_keys: fks
                .iter()
                .map(|(c, t, r)| ForeignKey { columns: cols(c), table: (*t).into(), references: cols(r) })
                .collect(),
        }
    }

    fn manifest() -> Manifest {
        Manifest::parse(
            "[[table]]\nname = \"units\"\nclass = \"reference\"\n\
             [[table]]\nname = \"cases\"\nclass = \"tenant\"\ncolocate = \"cases\"\n\
             [[table]]\nname = \"case_events\"\nclass = \"tenant\"\ncolocate = \"cases\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn good() -> Vec<TableKeys> {
        vec![
            table("units", &["id"], &[&["code"]], &[]),
            table(
                "cases",
                &["region_code", "id"],
                &[&["region_code", "number"]],
                &[(&["unit_id"], "units", &["id"]), (&["region_code", "origin_id"], "cases", &["region_code", "id"])],
            ),
            table(
                "case_events",
                &["region_code", "id"],
                &[&["region_code", "case_id", "seq"]],
                &[(&["region_code", "case_id"], "cases", &["region_code", "id"])],
            ),
        ]
    }

    #[test]
    fn a_schema_keyed_by_region_passes() {
        assert_eq!(check(&manifest(), &good()), Vec::<String>::new());
    }

    #[test]
    fn every_broken_rule_is_named() {
        // A tenant key without the region.
        let mut s = good();
        s[1].primary_key = cols(&["id"]);
        s[1].uniques[0] = cols(&["id"]);
        let p = check(&manifest(), &s);
        assert!(p.iter().any(|x| x.contains("cases: primary key (id) lacks region_code")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("cases: unique (id) lacks region_code")), "{p:?}");
        // A unique constraint without it.
        let mut s = good();
        s[2].uniques.push(cols(&["case_id", "seq"]));
        assert_eq!(check(&manifest(), &s), vec!["tenant table case_events: unique (case_id, seq) lacks region_code"]);
        // A foreign key between tenant tables without it.
        let mut s = good();
        s[2].foreign_keys[0] =
            ForeignKey { columns: cols(&["case_id"]), table: "cases".into(), references: cols(&["id"]) };
        assert_eq!(check(&manifest(), &s).len(), 1);
        // A reference table pointing at a tenant table.
        let mut s = good();
        s[0].foreign_keys.push(ForeignKey {
            columns: cols(&["region_code", "case_id"]),
            table: "cases".into(),
            references: cols(&["region_code", "id"]),
        });
        assert_eq!(check(&manifest(), &s), vec!["reference table units: foreign key to tenant table cases"]);
        // A table the manifest does not know, and one it names that is gone.
        let mut s = good();
        s.push(table("notes", &["id"], &[], &[]));
        s.remove(2);
        let p = check(&manifest(), &s);
        assert!(p.contains(&"table notes is not in tables.toml".to_owned()), "{p:?}");
        assert!(p.contains(&"tables.toml names case_events, which the schema does not have".to_owned()), "{p:?}");
    }

    #[test]
    fn the_shipped_manifest_parses_and_lists_tenants_parents_first() {
        let m = Manifest::builtin().unwrap_or_else(|e| panic!("{e}"));
        let tenants = m.tenant_tables();
        assert_eq!(tenants.first(), Some(&"cases"));
        assert!(tenants.contains(&"audit_log") && tenants.contains(&"case_events"));
        assert_eq!(m.get("units").map(|e| e.class), Some(Class::Reference));
    }
}
