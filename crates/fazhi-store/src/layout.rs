//! The partitioned layout: every tenant table turned into a table
//! partitioned by list of `region_code`, one partition per region (created
//! when the region is inserted) and a default partition.
//!
//! Declarative partitioning stands in here for a distributed engine, which
//! cannot be installed in this environment: it refuses the same things
//! (a primary key or unique index without the partition column) and shows
//! in `EXPLAIN` which partitions a query touches, as a distributed engine's
//! router decides which shards a query goes to. The converter is generic:
//! it reads the tenant tables from the manifest and their keys, indexes,
//! foreign keys and triggers from the catalogue, so the same migrations
//! serve both layouts. The DDL it writes comes from the dialect; a backend
//! without declarative partitioning refuses the conversion.

use crate::manifest::Manifest;
use crate::{Store, StoreError};
use sqlx::{Any, Transaction};

async fn exec(tx: &mut Transaction<'static, Any>, sql: &str) -> Result<(), StoreError> {
    sqlx::query(sql).execute(&mut **tx).await?;
    Ok(())
}

/// Converts every tenant table of the manifest to the partitioned layout,
/// and installs the trigger that gives each new region its partitions.
/// Run once, right after the migrations, on a database with no other
/// client (a test's, or an operator's during set-up).
pub async fn partition_by_region(store: &Store) -> Result<(), StoreError> {
    let d = store.dialect();
    let manifest = Manifest::builtin()?;
    let tenants = manifest.tenant_tables();
    if d.partitioned_like("t", "t_old", "region_code").is_none() {
        return Err(StoreError::Config(format!("{} 不支持按行政区划分区", store.backend().name())));
    }
    let mut tx = store.pool().begin().await?;
    // 1. Every foreign key from or to a tenant table, to drop now and add
    //    back once the tables are partitioned.
    let mut fks: Vec<(String, String, String)> = Vec::new();
    for t in &tenants {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT conrelid::regclass::text, conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE contype = 'f' AND conparentid = 0 AND (conrelid = $1::regclass OR confrelid = $1::regclass) \
             ORDER BY conrelid::regclass::text, conname",
        )
        .bind(*t)
        .fetch_all(&mut *tx)
        .await?;
        for r in rows {
            if !fks.contains(&r) {
                fks.push(r);
            }
        }
    }
    for (table, name, _) in &fks {
        exec(&mut tx, &format!("ALTER TABLE {table} DROP CONSTRAINT {name}")).await?;
    }
    let regions: Vec<String> = sqlx::query_scalar("SELECT code FROM regions ORDER BY code").fetch_all(&mut *tx).await?;
    // 2. Each table: its keys, indexes and triggers read, the table rebuilt
    //    partitioned, its rows copied, its keys, indexes and triggers re-made.
    for t in &tenants {
        let keys: Vec<(String, String)> = sqlx::query_as(
            "SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE conrelid = $1::regclass AND contype IN ('p', 'u') ORDER BY contype, conname",
        )
        .bind(*t)
        .fetch_all(&mut *tx)
        .await?;
        let indexes: Vec<String> = sqlx::query_scalar(
            "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = $1::regclass \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)",
        )
        .bind(*t)
        .fetch_all(&mut *tx)
        .await?;
        let triggers: Vec<String> = sqlx::query_scalar(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal",
        )
        .bind(*t)
        .fetch_all(&mut *tx)
        .await?;
        let old = format!("{t}_unpartitioned");
        exec(&mut tx, &format!("ALTER TABLE {t} RENAME TO {old}")).await?;
        let create = d.partitioned_like(t, &old, "region_code").unwrap_or_default();
        exec(&mut tx, &create).await?;
        for sql in
            std::iter::once(None).chain(regions.iter().map(|r| Some(r.as_str()))).filter_map(|r| d.partition_of(t, r))
        {
            exec(&mut tx, &sql).await?;
        }
        exec(&mut tx, &format!("INSERT INTO {t} SELECT * FROM {old}")).await?;
        exec(&mut tx, &format!("DROP TABLE {old}")).await?;
        for (name, def) in &keys {
            exec(&mut tx, &format!("ALTER TABLE {t} ADD CONSTRAINT {name} {def}")).await?;
        }
        for sql in indexes.iter().chain(&triggers) {
            exec(&mut tx, sql).await?;
        }
    }
    // 3. The foreign keys again, now between partitioned tables.
    for (table, name, def) in &fks {
        exec(&mut tx, &format!("ALTER TABLE {table} ADD CONSTRAINT {name} {def}")).await?;
    }
    // 4. A new region gets its partition of every tenant table.
    for sql in d.partitions_on_new_region(&tenants) {
        exec(&mut tx, &sql).await?;
    }
    tx.commit().await?;
    Ok(())
}
