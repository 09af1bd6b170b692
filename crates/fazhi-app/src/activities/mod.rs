//! Activities of 法治建设 (issue 13, item 2): 会前学法, training, exams,
//! 普法, 述法, committee meetings, 宪法宣誓, entered on a page or imported
//! from .xlsx, listed and totalled by unit, kind and period, corrected or
//! deleted when entered in error. Each is validated by the core
//! (`fazhi_core::activity`) and counted by the same rollup as the cases
//! (`fazhi_store::activities`), so `indicators::stored::evaluate` with
//! `fazhi_core::activity::catalogue()` gives their indicators.
//!
//! Who may record for which unit: like the registers of cases, a role that
//! may write records, for an active unit of its scope (a handler's own
//! unit and those below it, a coordinator's whole government).

pub mod import;

use std::collections::{BTreeSet, HashMap};

use crate::auth::Actor;
use crate::case_list::{date_range, positive};
use crate::cases::typed_id;
use crate::error::found;
use crate::{App, AppError};
use chrono::NaiveDate;
use fazhi_core::activity::{Activity, ActivityInput, ActivityKind};
use fazhi_core::org::{FieldError, Permission};
use fazhi_store::activities::{self, ActivityFilter, ActivityKey, ActivityRow, NewActivity};
use fazhi_store::indicators::FactRow;
use fazhi_store::units::{self, Unit};
use serde::{Deserialize, Serialize};

pub use import::{BadRow, ImportCheck};

/// Activities on a page unless the caller asks for another size.
pub const PER_PAGE: i64 = 50;
/// The largest page the API hands out.
pub const MAX_PER_PAGE: i64 = 200;

/// One activity as typed on the form (or sent to the API): the unit that
/// held it and the activity's own fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityForm {
    /// The unit that held it; the actor's unit if empty.
    #[serde(deserialize_with = "typed_id")]
    pub unit_id: Option<i64>,
    #[serde(flatten)]
    pub activity: ActivityInput,
}

impl ActivityForm {
    /// The form of a stored activity (to correct it).
    pub fn of(row: &ActivityRow) -> Self {
        ActivityForm {
            unit_id: Some(row.unit_id),
            activity: ActivityInput {
                kind: row.kind.clone(),
                held_on: row.held_on.clone(),
                topic: row.topic.clone(),
                participants: row.participants.to_string(),
                hours: row.tenth_hours.map(hours_text).unwrap_or_default(),
                passed: row.passed.map(|p| p.to_string()).unwrap_or_default(),
                note: row.note.clone(),
            },
        }
    }
}

/// The list of the activities behind an activity indicator (the query the
/// `/activities` page and `GET /api/v1/activities` take): a kind held by a
/// unit and the units below it in `[from, to]`.
pub fn records_link(unit_id: i64, kind: ActivityKind, from: NaiveDate, to: NaiveDate) -> String {
    format!("/activities?unit={unit_id}&subtree=1&kind={}&from={from}&to={to}", kind.code())
}

/// Hours in tenths as typed: `15` → `1.5`, `20` → `2`.
pub fn hours_text(tenths: i64) -> String {
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// The Chinese name of a stored kind code (the code itself if unknown).
pub fn kind_zh(code: &str) -> String {
    ActivityKind::parse(code).map_or_else(|| code.to_owned(), |k| k.zh().to_owned())
}

/// The stored form of an activity of `unit_id`, with its facts.
pub(crate) fn new_activity(unit_id: i64, a: &Activity) -> NewActivity {
    NewActivity {
        unit_id,
        kind: a.kind.code().to_owned(),
        held_on: a.held_on.to_string(),
        topic: a.topic.clone(),
        participants: i64::from(a.participants),
        tenth_hours: a.tenth_hours.map(i64::from),
        passed: a.passed.map(i64::from),
        note: a.note.clone(),
        facts: crate::cases::fact_rows_of(a.facts()),
    }
}

/// The activity a stored row is, to know what it counted for.
fn stored(row: &ActivityRow) -> Result<Activity, AppError> {
    let bad = |what: &str| AppError::Internal(format!("activity {} of {}: {what}", row.id, row.region_code));
    let count = |n: i64| u32::try_from(n).map_err(|_| bad("a negative count"));
    Ok(Activity {
        kind: ActivityKind::parse(&row.kind).ok_or_else(|| bad("unknown kind"))?,
        held_on: NaiveDate::parse_from_str(&row.held_on, "%Y-%m-%d").map_err(|_| bad("bad date"))?,
        topic: row.topic.clone(),
        participants: count(row.participants)?,
        tenth_hours: row.tenth_hours.map(count).transpose()?,
        passed: row.passed.map(count).transpose()?,
        note: row.note.clone(),
    })
}

/// What an activity is the same as, for the duplicate check.
fn key_of(unit_id: i64, a: &Activity) -> ActivityKey {
    ActivityKey { unit_id, kind: a.kind.code().to_owned(), held_on: a.held_on.to_string(), topic: a.topic.clone() }
}

/// What an import does with a file that has bad rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Nothing is stored unless every row is good.
    AllOrNothing,
    /// Exactly the good rows are stored; the bad ones are listed.
    GoodRowsOnly,
}

impl ImportMode {
    pub fn code(self) -> &'static str {
        match self {
            ImportMode::AllOrNothing => "all_or_nothing",
            ImportMode::GoodRowsOnly => "good_rows_only",
        }
    }

    /// Reads a mode's code; anything else is a field error quoting it.
    pub fn parse(raw: &str) -> Result<ImportMode, FieldError> {
        match raw.trim() {
            "all_or_nothing" => Ok(ImportMode::AllOrNothing),
            "good_rows_only" => Ok(ImportMode::GoodRowsOnly),
            other => Err(FieldError::new(
                "mode",
                format!(
                    "导入方式“{}”无效,应为 all_or_nothing(有错误行时全部不导入)或 good_rows_only(只导入正确的行)",
                    fazhi_core::input::quote_for_message(other, 30)
                ),
            )),
        }
    }
}

/// What an import found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub mode: ImportMode,
    /// Good rows (stored, or ready to be).
    pub good: usize,
    /// The bad rows with every reason, in file order.
    pub bad: Vec<BadRow>,
    /// How many were stored (0, or every good row).
    pub stored: usize,
}

/// The filters of an activities list as typed (query string). Empty means "any".
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityListParams {
    /// A unit id (inside the scope).
    pub unit: String,
    /// `1`: the unit with the units below it; else the unit alone.
    pub subtree: String,
    /// A kind's code (`meeting_study`) or Chinese name.
    pub kind: String,
    /// Held on or after (`YYYY-MM-DD`).
    pub from: String,
    /// Held on or before.
    pub to: String,
    /// Page number, from 1.
    pub page: String,
    /// Rows per page (1 to 200; 50 if empty).
    pub per_page: String,
}

/// Totals of one kind over a list's filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindTotal {
    pub kind: ActivityKind,
    pub held: i64,
    pub people: i64,
}

/// One page of activities with the totals of the whole filter.
#[derive(Debug, Clone)]
pub struct ActivityList {
    pub items: Vec<ActivityRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub pages: i64,
    /// Per kind, in the kinds' order, those with any activity.
    pub totals: Vec<KindTotal>,
    /// The unit filtered on, if any.
    pub unit: Option<Unit>,
    pub subtree: bool,
    pub kind: Option<ActivityKind>,
}

impl App {
    /// The units the actor may record activities for: the active units of its scope.
    pub async fn activity_units(&self, actor: &Actor) -> Result<Vec<Unit>, AppError> {
        actor.require(Permission::WriteRecords)?;
        Ok(units::list(self.store.pool(), &actor.scope).await?.into_iter().filter(|u| u.active).collect())
    }

    /// The unit a form names (the actor's own if none), or its field error.
    async fn recording_unit(&self, actor: &Actor, id: Option<i64>) -> Result<Result<Unit, FieldError>, AppError> {
        let unit = found(units::get(self.store.pool(), &actor.scope, id.unwrap_or(actor.unit_id)).await)?;
        Ok(match unit {
            Some(u) if u.active => Ok(u),
            Some(u) => Err(FieldError::new("unit_id", format!("{}已停用,不能再登记活动", u.name))),
            None => Err(FieldError::new("unit_id", "请选择举办单位(本单位或下属单位)")),
        })
    }

    /// Validates a form: the unit in scope and every field of the activity;
    /// all errors at once.
    async fn checked(&self, actor: &Actor, form: &ActivityForm) -> Result<(Unit, Activity), AppError> {
        let unit = self.recording_unit(actor, form.unit_id).await?;
        let activity = form.activity.validate(self.now.today());
        match (unit, activity) {
            (Ok(u), Ok(a)) => Ok((u, a)),
            (unit, activity) => {
                let mut errors: Vec<FieldError> = unit.err().into_iter().collect();
                errors.extend(activity.err().unwrap_or_default());
                Err(AppError::Invalid(errors))
            }
        }
    }

    /// Whether the scope holds an activity with the key (other than `except`).
    async fn repeated(&self, actor: &Actor, key: &ActivityKey, except: Option<i64>) -> Result<bool, AppError> {
        let same = activities::keys(self.store.pool(), &actor.scope, &key.held_on, &key.held_on).await?;
        if !same.contains(key) {
            return Ok(false);
        }
        // A correction may keep its own key.
        let Some(id) = except else { return Ok(true) };
        let own = activities::get(self.store.pool(), &actor.scope, id).await?;
        let own_key = ActivityKey { unit_id: own.unit_id, kind: own.kind, held_on: own.held_on, topic: own.topic };
        Ok(own_key != *key || same.iter().filter(|k| *k == key).count() > 1)
    }

    /// Records one activity; returns its id.
    pub async fn record_activity(&self, actor: &Actor, form: &ActivityForm) -> Result<i64, AppError> {
        actor.require(Permission::WriteRecords)?;
        let (unit, activity) = self.checked(actor, form).await?;
        if self.repeated(actor, &key_of(unit.id, &activity), None).await? {
            return Err(AppError::invalid(repeated_error(&unit, &activity)));
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let id = activities::insert(&mut tx, &new_activity(unit.id, &activity)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One activity in the actor's scope.
    pub async fn activity(&self, actor: &Actor, id: i64) -> Result<ActivityRow, AppError> {
        actor.require(Permission::ReadRecords)?;
        Ok(activities::get(self.store.pool(), &actor.scope, id).await?)
    }

    /// Corrects an activity read at `version` (an older version is refused as stale).
    pub async fn correct_activity(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        form: &ActivityForm,
    ) -> Result<(), AppError> {
        actor.require(Permission::WriteRecords)?;
        let old = activities::get(self.store.pool(), &actor.scope, id).await?;
        if old.version != version {
            return Err(AppError::Stale);
        }
        let (unit, activity) = self.checked(actor, form).await?;
        if unit.region_code != old.region_code {
            return Err(AppError::invalid(FieldError::new(
                "unit_id",
                format!("{}属于另一行政区划,不能改为该单位举办:请删除本条后在该单位重新登记", unit.name),
            )));
        }
        if self.repeated(actor, &key_of(unit.id, &activity), Some(id)).await? {
            return Err(AppError::invalid(repeated_error(&unit, &activity)));
        }
        let old_facts = crate::cases::fact_rows_of(stored(&old)?.facts());
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        activities::update(&mut tx, &old, &old_facts, &new_activity(unit.id, &activity)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an activity entered in error, read at `version`, with its attachments.
    pub async fn delete_activity(&self, actor: &Actor, id: i64, version: i64) -> Result<(), AppError> {
        actor.require(Permission::WriteRecords)?;
        let old = activities::get(self.store.pool(), &actor.scope, id).await?;
        if old.version != version {
            return Err(AppError::Stale);
        }
        let old_facts: Vec<FactRow> = crate::cases::fact_rows_of(stored(&old)?.facts());
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        activities::delete(&mut tx, &old, &old_facts).await?;
        tx.commit().await?;
        Ok(())
    }

    /// One page of the activities in the actor's scope that match `p`, with
    /// the totals per kind of everything that matches.
    pub async fn list_activities(&self, actor: &Actor, p: &ActivityListParams) -> Result<ActivityList, AppError> {
        actor.require(Permission::ReadRecords)?;
        let mut errors = Vec::new();
        let unit = self.unit_filter(actor, &p.unit, &mut errors).await?;
        let subtree = match p.subtree.trim() {
            "1" | "true" | "on" => true,
            "" | "0" | "false" => false,
            other => {
                errors.push(FieldError::new("subtree", format!("“含下级单位”应为1或0,您输入的是“{other}”")));
                false
            }
        };
        let kind = match p.kind.trim() {
            "" => None,
            raw => {
                let k = ActivityKind::parse(raw);
                if k.is_none() {
                    let known: Vec<String> =
                        ActivityKind::ALL.iter().map(|k| format!("{}({})", k.code(), k.zh())).collect();
                    errors.push(FieldError::new(
                        "kind",
                        format!(
                            "未知的活动类型“{}”,应为 {}",
                            fazhi_core::input::quote_for_message(raw, 30),
                            known.join("、")
                        ),
                    ));
                }
                k
            }
        };
        let (from, to) = date_range(&p.from, &p.to, "举办日期", &mut errors);
        let page = positive("page", "页码", &p.page, 1, 1_000_000).map_err(|e| errors.push(e)).unwrap_or(1);
        let per_page = positive("per_page", "每页条数", &p.per_page, PER_PAGE, MAX_PER_PAGE)
            .map_err(|e| errors.push(e))
            .unwrap_or(PER_PAGE);
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let filter = ActivityFilter {
            unit: unit.as_ref().map(|u| u.path.clone()),
            subtree: unit.is_none() || subtree,
            kind: kind.map(|k| k.code().to_owned()),
            from: from.map(|d| d.to_string()),
            to: to.map(|d| d.to_string()),
        };
        let pool = self.store.pool();
        let (items, total) = activities::page(pool, &actor.scope, &filter, per_page, (page - 1) * per_page).await?;
        let by_code: HashMap<String, (i64, i64)> = activities::totals(pool, &actor.scope, &filter)
            .await?
            .into_iter()
            .map(|t| (t.kind, (t.held, t.people)))
            .collect();
        let totals = ActivityKind::ALL
            .into_iter()
            .filter_map(|k| {
                by_code.get(k.code()).map(|(held, people)| KindTotal { kind: k, held: *held, people: *people })
            })
            .collect();
        Ok(ActivityList {
            items,
            total,
            page,
            per_page,
            pages: ((total + per_page - 1) / per_page).max(1),
            totals,
            unit,
            subtree: filter.subtree,
            kind,
        })
    }

    /// Reads and checks every row of an .xlsx list of activities without
    /// storing anything: the good rows and each bad row with its reasons (a
    /// row repeating another row of the file, or an activity already
    /// recorded, is bad). `Err`: the file itself cannot be read.
    pub async fn check_activity_import(&self, actor: &Actor, bytes: &[u8]) -> Result<ImportCheck, AppError> {
        let units = self.activity_units(actor).await?;
        let find = |text: &str| {
            let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            units.iter().find(|u| u.code == want || u.name == want).map(|u| u.id).ok_or_else(|| {
                format!(
                    "找不到单位“{}”,或该单位不在您可登记的范围内:请填写单位编码或全称(见“单位”页面)",
                    fazhi_core::input::quote_for_message(text, 30)
                )
            })
        };
        let mut check = import::check(bytes, self.now.today(), find)
            .map_err(|e| AppError::Invalid(e.into_iter().map(|m| FieldError::new("file", m)).collect()))?;
        // Repeats: of a row above in the file, or of an activity already recorded.
        let days: BTreeSet<String> = check.good.iter().map(|g| g.activity.held_on.to_string()).collect();
        let recorded: BTreeSet<ActivityKey> = match (days.first(), days.last()) {
            (Some(from), Some(to)) => {
                activities::keys(self.store.pool(), &actor.scope, from, to).await?.into_iter().collect()
            }
            _ => BTreeSet::new(),
        };
        let mut seen: HashMap<ActivityKey, usize> = HashMap::new();
        let mut good = Vec::with_capacity(check.good.len());
        for row in std::mem::take(&mut check.good) {
            let key = key_of(row.unit_id, &row.activity);
            let reason = if let Some(first) = seen.get(&key) {
                Some(format!("与第{first}行重复(同一单位、类型、日期和主题)"))
            } else if recorded.contains(&key) {
                Some("与已登记的活动重复(同一单位、类型、日期和主题),不能重复登记".to_owned())
            } else {
                None
            };
            seen.entry(key).or_insert(row.line);
            match reason {
                Some(r) => check.bad.push(BadRow { line: row.line, reasons: vec![format!("「主题」{r}")] }),
                None => good.push(row),
            }
        }
        check.good = good;
        check.bad.sort_by_key(|b| b.line);
        Ok(check)
    }

    /// Imports an .xlsx list of activities: every row is checked first
    /// ([`App::check_activity_import`]); then, in one transaction, every
    /// good row is stored, unless the mode is all-or-nothing and a row is
    /// bad, when nothing is.
    pub async fn import_activities(
        &self,
        actor: &Actor,
        bytes: &[u8],
        mode: ImportMode,
    ) -> Result<ImportReport, AppError> {
        actor.require(Permission::WriteRecords)?;
        let check = self.check_activity_import(actor, bytes).await?;
        let take = check.bad.is_empty() || mode == ImportMode::GoodRowsOnly;
        let mut stored = 0;
        if take && !check.good.is_empty() {
            let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
            for row in &check.good {
                activities::insert(&mut tx, &new_activity(row.unit_id, &row.activity)).await?;
            }
            tx.commit().await?;
            stored = check.good.len();
        }
        Ok(ImportReport { mode, good: check.good.len(), bad: check.bad, stored })
    }
}

/// The refusal of an activity recorded twice.
fn repeated_error(unit: &Unit, a: &Activity) -> FieldError {
    FieldError::new(
        "topic",
        format!(
            "{}已登记过{}举办的“{}”{}活动,不能重复登记(如确为另一场,请在主题中注明区别)",
            a.held_on,
            unit.name,
            fazhi_core::input::quote_for_message(&a.topic, 30),
            a.kind.zh()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_read_back_as_typed() {
        assert_eq!(hours_text(15), "1.5");
        assert_eq!(hours_text(20), "2");
        assert_eq!(hours_text(5), "0.5");
    }

    #[test]
    fn modes_read_their_codes_and_quote_anything_else() {
        for m in [ImportMode::AllOrNothing, ImportMode::GoodRowsOnly] {
            assert_eq!(ImportMode::parse(m.code()).ok(), Some(m));
        }
        assert!(ImportMode::parse("maybe").is_err_and(|e| e.message.contains("“maybe”")));
    }
}
