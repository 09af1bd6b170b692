//! `fazhi indicators rebuild`: the projection (facts and monthly rollup)
//! recomputed from the cases, each case decoded once through its kind's
//! `indicator_facts`, after the definitions changed or to repair it.
//!
//! **One transaction per region.** A region is rebuilt in one write
//! transaction that first takes the region's lock: readers keep seeing the
//! old values until the commit and then the new ones, never a half-rebuilt
//! rollup, and the region's writers wait for the commit (a step recorded
//! meanwhile cannot be lost between the delete and the re-insert). The
//! cases are read in batches of [`BATCH`] by id inside the transaction, with
//! progress after each batch; the rollup is summed in memory (a few rows
//! per unit, month and counter) and written at the end. A failure rolls the
//! region back whole; regions done before stay done, so running the command
//! again resumes the work (regions are independent).
//!
//! Activity counters (`activity.`) are kept by the activities module and
//! left untouched: only case facts and case counters of the rollup are
//! replaced. The catalogue version (`fazhi_core::indicator::version`) is
//! recorded in `settings` when every region is done; `fazhi serve` rebuilds
//! at start when the stored version differs.

use std::time::Instant;

use fazhi_core::audit::AuditAction;
use fazhi_store::indicators as projection;
use fazhi_store::AuditActor;

use crate::cases::fact_rows;
use crate::{App, AppError};

/// Cases read and written per batch.
pub const BATCH: i64 = 2_000;

/// Progress of a rebuild, reported after every batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub region: String,
    /// Cases done in the region, and how many it has.
    pub done: u64,
    pub total: u64,
}

/// What one region's rebuild did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRebuilt {
    pub region: String,
    pub cases: u64,
    pub facts: u64,
    pub rollup_rows: u64,
    pub millis: u64,
}

impl App {
    /// Whether the stored projection follows the catalogue of this build.
    pub async fn indicators_current(&self) -> Result<bool, AppError> {
        let stored = projection::stored_version(self.store.pool()).await?;
        Ok(stored.as_deref() == Some(fazhi_core::indicator::version()))
    }

    /// Records that the stored projection follows this build's catalogue
    /// (after loading data written by this build, e.g. the demo).
    pub async fn mark_indicators_current(&self) -> Result<(), AppError> {
        let mut tx = self.store.begin_write(AuditActor::system("indicators"), self.now.now()).await?;
        projection::set_version(&mut tx, fazhi_core::indicator::version()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Rebuilds the projection of `region` (every region with cases when
    /// `None`), reporting progress after every batch.
    pub async fn rebuild_indicators(
        &self,
        region: Option<&str>,
        progress: &mut (dyn FnMut(&Progress) + Send),
    ) -> Result<Vec<RegionRebuilt>, AppError> {
        let regions = match region {
            Some(r) => {
                if !projection::region_known(self.store.pool(), r).await? {
                    return Err(AppError::invalid(fazhi_core::org::FieldError::new(
                        "region",
                        format!("没有行政区划代码为“{}”的地区", fazhi_core::input::quote_for_message(r, 20)),
                    )));
                }
                vec![r.to_owned()]
            }
            None => projection::regions(self.store.pool()).await?,
        };
        let mut out = Vec::with_capacity(regions.len());
        for r in &regions {
            out.push(self.rebuild_region(r, progress).await?);
        }
        if region.is_none() {
            self.mark_indicators_current().await?;
        }
        Ok(out)
    }

    async fn rebuild_region(
        &self,
        region: &str,
        progress: &mut (dyn FnMut(&Progress) + Send),
    ) -> Result<RegionRebuilt, AppError> {
        let started = Instant::now();
        let mut tx = self.store.begin_write(AuditActor::system("indicators"), self.now.now()).await?;
        projection::clear_cases(&mut tx, region).await?;
        let total = u64::try_from(projection::case_count(&mut tx, region).await?).unwrap_or(0);
        let mut sums = projection::RollupSums::default();
        let (mut after, mut done, mut facts) = (0i64, 0u64, 0u64);
        loop {
            let batch = projection::cases_batch(&mut tx, region, after, BATCH).await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            let mut rows = Vec::with_capacity(batch.len());
            for c in &batch {
                let kind = fazhi_core::procedure::by_id(&c.kind)
                    .ok_or_else(|| AppError::Internal(format!("case {region}/{}: unknown kind {}", c.id, c.kind)))?;
                let case = kind
                    .decode(&c.state_json)
                    .map_err(|e| AppError::Internal(format!("case {region}/{}: {e}", c.id)))?;
                let f = fact_rows(case.as_ref());
                facts += f.len() as u64;
                rows.push((c, f));
            }
            projection::insert_facts(&mut tx, region, &rows, &mut sums).await?;
            done += batch.len() as u64;
            progress(&Progress { region: region.to_owned(), done, total });
        }
        let rollup_rows = projection::insert_rollup(&mut tx, region, sums).await? as u64;
        let after_json = serde_json::json!({
            "cases": done,
            "facts": facts,
            "rollup_rows": rollup_rows,
            "catalogue_version": fazhi_core::indicator::version(),
        });
        tx.audit(region, AuditAction::Update, "indicator_projection", region, None, None::<&()>, Some(&after_json))
            .await?;
        tx.commit().await?;
        Ok(RegionRebuilt {
            region: region.to_owned(),
            cases: done,
            facts,
            rollup_rows,
            millis: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        })
    }

    /// At start: rebuilds every region when the stored catalogue version
    /// differs from this build's (an upgraded database never shows stale
    /// indicators). A database without cases just records the version.
    /// Returns what was rebuilt (empty when nothing had to be).
    pub async fn ensure_indicators_current(&self) -> Result<Vec<RegionRebuilt>, AppError> {
        if self.indicators_current().await? {
            return Ok(Vec::new());
        }
        let stored = projection::stored_version(self.store.pool()).await?;
        tracing::info!(
            stored = stored.as_deref().unwrap_or("none"),
            current = fazhi_core::indicator::version(),
            "indicator catalogue changed: rebuilding the indicator projection"
        );
        let mut last_log = Instant::now();
        let mut log = |p: &Progress| {
            if last_log.elapsed().as_secs() >= 5 || p.done == p.total {
                tracing::info!(region = %p.region, done = p.done, total = p.total, "rebuilding indicators");
                last_log = Instant::now();
            }
        };
        let done = self.rebuild_indicators(None, &mut log).await?;
        tracing::info!(regions = done.len(), "indicator projection rebuilt");
        Ok(done)
    }
}
