//! Case lists a clerk can work with: every case in the reader's scope,
//! page by page, filtered by kind, concluded or not, stage, unit, deadline
//! status and period of receipt, searched by number, subject and party.
//!
//! The filters arrive as text (a page's query string, the API's query) and
//! are checked here once for both: anything malformed is refused with a
//! Chinese message quoting what was typed. Storage does the filtering and
//! counting in SQL (`fazhi_store::cases::page`), inside the reader's scope.

use crate::auth::Actor;
use crate::cases::{decode, parse_date};
use crate::error::found;
use crate::{App, AppError};
use chrono::NaiveDate;
use fazhi_core::clock::{deadline_status, Approaching, Calendar, DeadlineStatus, Engine};
use fazhi_core::org::FieldError;
use fazhi_core::procedure::{by_id, Kind, KINDS};
use fazhi_store::cases::{self, CaseRow, Due, Filter, Status};
use fazhi_store::units;
use serde::{Deserialize, Serialize};

/// Rows on a page unless the caller asks for another size.
pub const PER_PAGE: i64 = 50;
/// The largest page the API hands out.
pub const MAX_PER_PAGE: i64 = 200;
/// The longest search term.
const MAX_SEARCH: usize = 100;

/// The filters of a case list as typed (query string). Empty means "any".
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ListParams {
    /// `disclosure`, `reconsideration`, `litigation`.
    pub kind: String,
    /// `open` (the default), `closed`, `all`.
    pub status: String,
    /// A stage code (`under_review`).
    pub stage: String,
    /// A unit id: that unit and the units below it.
    pub unit: String,
    /// `overdue` (超期), `approaching` (临期), `normal` (正常), `none` (无期限).
    pub due: String,
    /// Received on or after (`YYYY-MM-DD`).
    pub from: String,
    /// Received on or before.
    pub to: String,
    /// Part of the number, the subject or the party's name.
    pub q: String,
    /// Page number, from 1.
    pub page: String,
    /// Rows per page (1 to 200; 50 if empty).
    pub per_page: String,
}

/// The deadline-status filter values: (code, label).
pub const DUE_CHOICES: [(&str, &str); 4] =
    [("overdue", "超期"), ("approaching", "临期"), ("normal", "正常"), ("none", "无期限(待补正、征求意见、中止等)")];

/// The status values: (code, label).
pub const STATUS_CHOICES: [(&str, &str); 3] = [("open", "在办"), ("closed", "已办结"), ("all", "全部")];

/// One listed case.
#[derive(Debug, Clone)]
pub struct ListedCase {
    pub row: CaseRow,
    /// The status of the main deadline of an open case (`None`: no deadline running).
    pub status: Option<DeadlineStatus>,
    /// Why an open case has no deadline running, from the clock (a case
    /// waiting for a correction or a consultation stays on the list with
    /// this reminder).
    pub reminder: Option<String>,
}

/// One page of a case list.
#[derive(Debug, Clone)]
pub struct CaseList {
    pub items: Vec<ListedCase>,
    /// Cases matching the filters in all.
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// Number of pages (at least 1).
    pub pages: i64,
    /// The kind filtered on (its id).
    pub kind: Option<&'static str>,
    pub status: Status,
}

/// The stages of the stage filter: a kind's (code, name), or without a
/// kind every kind's, each code once.
pub fn stages_of(kind: Option<&dyn Kind>) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for k in KINDS.iter().copied().filter(|k| kind.is_none_or(|want| want.id() == k.id())) {
        for (code, zh) in k.stages() {
            if !out.iter().any(|(c, _)| *c == code) {
                out.push((code, zh));
            }
        }
    }
    out
}

/// The last due date that is still 临期 seen on `today` (statuses are
/// monotone in the due date, so one walk forward finds it).
fn approaching_until(cal: &Calendar, today: NaiveDate) -> NaiveDate {
    let mut until = today;
    for d in today.iter_days().take(60) {
        match deadline_status(cal, d, today, Approaching::default()) {
            Ok(DeadlineStatus::Approaching) => until = d,
            _ => break,
        }
    }
    until
}

pub(crate) fn positive(field: &'static str, label: &str, raw: &str, default: i64, max: i64) -> Result<i64, FieldError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(default);
    }
    t.parse::<i64>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| FieldError::new(field, format!("{label}应为1至{max}之间的整数,您输入的是“{raw}”")))
}

/// The optional period `[from, to]` of a list's filter (`from`, `to` fields),
/// each bound as typed, checked in order; `label` names the date (收到日期).
pub(crate) fn date_range(
    from: &str,
    to: &str,
    label: &str,
    errors: &mut Vec<FieldError>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let bound = |field: &'static str, end: &str, raw: &str, errors: &mut Vec<FieldError>| match raw.trim() {
        "" => None,
        raw => parse_date(field, &format!("{label}({end})"), raw).map_err(|e| errors.push(e)).ok(),
    };
    let from = bound("from", "起", from, errors);
    let to = bound("to", "止", to, errors);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            errors.push(FieldError::new("to", format!("{label}(止){t}早于{label}(起){f}")));
        }
    }
    (from, to)
}

impl App {
    /// The unit a list's `unit` filter names (its id as typed), inside the
    /// actor's scope; a bad or unknown one is an error of the field `unit`.
    pub(crate) async fn unit_filter(
        &self,
        actor: &Actor,
        raw: &str,
        errors: &mut Vec<FieldError>,
    ) -> Result<Option<units::Unit>, AppError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let Ok(id) = raw.parse::<i64>() else {
            errors.push(FieldError::new("unit", format!("单位应为单位编号(整数),您输入的是“{raw}”")));
            return Ok(None);
        };
        let unit = found(units::get(self.store.pool(), &actor.scope, id).await)?;
        if unit.is_none() {
            errors.push(FieldError::new("unit", format!("找不到编号为“{raw}”的单位,或该单位不在您的权限范围内")));
        }
        Ok(unit)
    }

    /// One page of the cases in the actor's scope that match `p`.
    pub async fn list_cases(&self, actor: &Actor, p: &ListParams) -> Result<CaseList, AppError> {
        let mut errors = Vec::new();
        let kind = match p.kind.trim() {
            "" => None,
            k => {
                let found = by_id(k);
                if found.is_none() {
                    let known: Vec<String> = KINDS.iter().map(|k| format!("{}({})", k.id(), k.zh())).collect();
                    errors
                        .push(FieldError::new("kind", format!("未知的案件类型“{}”,应为 {}", p.kind, known.join("、"))));
                }
                found
            }
        };
        let status = match p.status.trim() {
            "" | "open" => Status::Open,
            "closed" => Status::Closed,
            "all" => Status::All,
            _ => {
                errors.push(FieldError::new(
                    "status",
                    format!("未知的办理状态“{}”,应为 open(在办)、closed(已办结)或 all(全部)", p.status),
                ));
                Status::Open
            }
        };
        let stage = match p.stage.trim() {
            "" => None,
            code => match stages_of(None).into_iter().find(|(c, _)| c == code) {
                Some(_) if stages_of(kind).iter().any(|(c, _)| c == code) => Some(code.to_owned()),
                Some((_, zh)) => {
                    errors.push(FieldError::new(
                        "stage",
                        format!("{}案件没有“{zh}”环节", kind.map(|k| k.zh()).unwrap_or("")),
                    ));
                    None
                }
                None => {
                    errors.push(FieldError::new("stage", format!("未知的办理环节“{}”", p.stage)));
                    None
                }
            },
        };
        let unit = self.unit_filter(actor, &p.unit, &mut errors).await?.map(|u| u.path);
        let (from, to) = date_range(&p.from, &p.to, "收到日期", &mut errors);
        let search = p.q.trim();
        if search.chars().count() > MAX_SEARCH {
            errors.push(FieldError::new("q", format!("查询内容不得超过{MAX_SEARCH}字")));
        }
        let page = positive("page", "页码", &p.page, 1, 1_000_000).map_err(|e| errors.push(e)).unwrap_or(1);
        let per_page = positive("per_page", "每页件数", &p.per_page, PER_PAGE, MAX_PER_PAGE)
            .map_err(|e| errors.push(e))
            .unwrap_or(PER_PAGE);
        let due_code = p.due.trim();
        if !due_code.is_empty() && !DUE_CHOICES.iter().any(|(c, _)| *c == due_code) {
            errors.push(FieldError::new(
                "due",
                format!("未知的期限状态“{}”,应为 overdue(超期)、approaching(临期)、normal(正常)或 none(无期限)", p.due),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }

        let cal = self.calendar().await?;
        let today = self.now.today();
        let due = match due_code {
            "overdue" => Some(Due::Overdue { today: today.to_string() }),
            "approaching" => {
                Some(Due::Approaching { today: today.to_string(), until: approaching_until(&cal, today).to_string() })
            }
            "normal" => Some(Due::Normal { after: approaching_until(&cal, today).to_string() }),
            "none" => Some(Due::None),
            _ => None,
        };
        let filter = Filter {
            kind: kind.map(|k| k.id().to_owned()),
            status,
            stage,
            unit,
            due,
            received_from: from.map(|d| d.to_string()),
            received_to: to.map(|d| d.to_string()),
            search: (!search.is_empty()).then(|| search.to_owned()),
        };
        let (rows, total) =
            cases::page(self.store.pool(), &actor.scope, &filter, per_page, (page - 1) * per_page).await?;
        let engine = Engine::new(&cal, self.rules());
        let items = rows
            .into_iter()
            .map(|row| {
                let status = row
                    .next_due
                    .as_deref()
                    .filter(|_| row.closed_on.is_none())
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .and_then(|due| deadline_status(&cal, due, today, Approaching::default()).ok());
                let reminder =
                    if row.closed_on.is_none() && row.next_due.is_none() { reminder(&engine, &row) } else { None };
                ListedCase { row, status, reminder }
            })
            .collect();
        Ok(CaseList {
            items,
            total,
            page,
            per_page,
            pages: ((total + per_page - 1) / per_page).max(1),
            kind: kind.map(|k| k.id()),
            status,
        })
    }
}

impl App {
    /// The id of the case numbered `number` in the actor's scope; a case
    /// outside the scope is not found (its existence is not revealed).
    pub async fn case_id_by_number(&self, actor: &Actor, number: &str) -> Result<i64, AppError> {
        let number = number.trim();
        match cases::by_number(self.store.pool(), &actor.scope, number).await? {
            Some(row) => Ok(row.id),
            None => Err(AppError::NotFound),
        }
    }
}

/// Why an open case has no deadline running: what the clock says is
/// pending (a correction awaited, a consultation or suspension under way),
/// or the stage when nothing is pending.
fn reminder(engine: &Engine<'_>, row: &CaseRow) -> Option<String> {
    let case = decode(row).ok()?;
    let clock = case.kind().clock();
    if case.common().clock_events.is_empty() {
        return Some(format!("{}(期限自{}之日起计算)", case.stage_zh(), clock.def().received_zh));
    }
    let schedule = engine.schedule(clock, &case.common().clock_events).ok()?;
    match schedule.pending.first() {
        Some(p) => Some(format!("{}:{}", p.step.zh(), p.reason)),
        None => Some(format!("{}(暂无法定期限)", case.stage_zh())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_lists_its_own_stages() {
        let codes = |k: &str| -> Vec<String> { stages_of(by_id(k)).into_iter().map(|(c, _)| c).collect() };
        let has = |v: &[String], c: &str| v.iter().any(|x| x == c);
        let d = codes("disclosure");
        assert!(has(&d, "correction_requested") && has(&d, "replied"));
        assert!(!has(&d, "under_review") && !has(&d, "new"));
        let r = codes("reconsideration");
        assert!(has(&r, "decided") && has(&r, "terminated") && has(&r, "suspended"));
        assert!(has(&codes("litigation"), "final"));
        // Without a kind: every kind's, each code once.
        let all: Vec<String> = stages_of(None).into_iter().map(|(c, _)| c).collect();
        assert_eq!(all.iter().filter(|c| *c == "withdrawn").count(), 1);
        assert!(has(&all, "final") && has(&all, "replied"));
    }

    #[test]
    fn page_numbers_quote_the_input() {
        assert!(positive("page", "页码", "abc", 1, 10).is_err_and(|e| e.message.contains("“abc”")));
        assert!(positive("page", "页码", "0", 1, 10).is_err());
        assert_eq!(positive("page", "页码", " ", 1, 10).ok(), Some(1));
        assert_eq!(positive("page", "页码", "7", 1, 10).ok(), Some(7));
    }
}
