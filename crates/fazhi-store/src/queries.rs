//! The scoped queries of the tenant tables, in one place.
//!
//! Each function here builds one query a reader's request runs against
//! `cases` and the tables co-located with it: its text and its arguments.
//! Every one of them filters on `region_code` first (one region, or the list
//! a city-level scope spans) and then on the case's unit-path range or the
//! case's id, so that a distributed engine routes it to the reader's
//! region(s) and a partitioned table scans only theirs. [`catalogue`] lists
//! them all with sample arguments: the test on a partitioned schema runs
//! `EXPLAIN` on each and checks that it touches one partition.

use crate::activities::ActivityFilter;
use crate::cases::{Due, Filter, Status};
use crate::documents::Owner;
use crate::scope::{Regions, Scope};
use fazhi_core::org::UnitPath;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::{QueryAs, QueryScalar};
use sqlx::Any;

/// An argument of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Int(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<i64> for Arg {
    fn from(i: i64) -> Self {
        Arg::Int(i)
    }
}

/// A query text and its arguments, numbered `$1, $2 …` in the order they
/// appear in the text (SQLite binds `$n` by first appearance).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    /// Appends text.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Adds an argument and returns its placeholder.
    pub fn arg(&mut self, a: impl Into<Arg>) -> String {
        self.args.push(a.into());
        format!("${}", self.args.len())
    }

    /// Appends the condition "the row's region is one of the scope's" on
    /// `column` (nothing for a scope over every region).
    pub fn region_cond(&mut self, column: &str, scope: &Scope) -> &mut Self {
        match scope.regions() {
            Regions::All => self.push("1 = 1"),
            Regions::Only(r) if r.is_empty() => self.push("1 = 0"),
            Regions::Only(r) if r.len() == 1 => {
                let p = self.arg(r[0].as_str());
                self.push(&format!("{column} = {p}"))
            }
            Regions::Only(r) => {
                let ps: Vec<String> = r.iter().map(|x| self.arg(x.as_str())).collect();
                self.push(&format!("{column} IN ({})", ps.join(", ")))
            }
        }
    }

    /// Appends "the case's unit is inside `path`": one index range on
    /// `cases.unit_path` (path characters are digits and '/', below '~').
    pub fn path_range(&mut self, path: &UnitPath) -> &mut Self {
        self.path_range_on("c.unit_path", path)
    }

    /// Appends "`column` (a unit path copied onto the row) is inside `path`",
    /// one index range.
    pub fn path_range_on(&mut self, column: &str, path: &UnitPath) -> &mut Self {
        let lo = self.arg(path.as_str());
        let hi = self.arg(format!("{}~", path.as_str()));
        self.push(&format!("{column} >= {lo} AND {column} < {hi}"))
    }

    /// The query, to fetch rows of `T`.
    pub fn query_as<'q, T>(&'q self) -> QueryAs<'q, Any, T, AnyArguments<'q>>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow>,
    {
        let mut q = sqlx::query_as::<Any, T>(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Text(s) => q.bind(s.as_str()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }

    /// The query, to execute (a write).
    pub fn query(&self) -> sqlx::query::Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query::<Any>(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Text(s) => q.bind(s.as_str()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }

    /// The query, to fetch one value.
    pub fn query_scalar<'q, T>(&'q self) -> QueryScalar<'q, Any, T, AnyArguments<'q>>
    where
        (T,): for<'r> sqlx::FromRow<'r, AnyRow>,
    {
        let mut q = sqlx::query_scalar::<Any, T>(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Text(s) => q.bind(s.as_str()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

/// The columns of a case row (`c`) with its unit's name (`n`) and its
/// respondent's (`r`).
pub const CASE_SELECT: &str = "SELECT c.region_code, c.id, c.kind, c.number, c.receipt_code, c.unit_id, c.handler_id, \
    c.stage, c.subject, c.received_on, c.closed_on, c.next_due, c.party_json, c.state_json, c.version, \
    n.name AS unit_name, c.unit_path, c.origin_id, c.respondent_id, r.name AS respondent_name, c.matter, c.hearing_on, \
    c.transferred_to_region, c.transferred_to_id, c.transferred_from_region, c.transferred_from_id, c.transfer_reason \
    FROM cases c JOIN units n ON n.id = c.unit_id LEFT JOIN units r ON r.id = c.respondent_id";

fn case_where(scope: &Scope) -> Sql {
    let mut s = Sql::default();
    s.push(CASE_SELECT).push(" WHERE ").region_cond("c.region_code", scope).push(" AND ");
    s
}

/// One case by id, inside the scope.
pub fn case_by_id(scope: &Scope, id: i64) -> Sql {
    let mut s = case_where(scope);
    let p = s.arg(id);
    s.push(&format!("c.id = {p} AND ")).path_range(scope.path());
    s
}

/// One case by number, inside the scope (the lowest region first if a
/// city-level scope holds the number in two districts).
pub fn case_by_number(scope: &Scope, number: &str) -> Sql {
    let mut s = case_where(scope);
    let p = s.arg(number);
    s.push(&format!("c.number = {p} AND ")).path_range(scope.path()).push(" ORDER BY c.region_code LIMIT 1");
    s
}

/// Open cases with (`dated`) or without a due date, of a kind or every
/// kind, most urgent first: the workbench.
pub fn cases_open_by_urgency(scope: &Scope, kind: Option<&str>, dated: bool, limit: i64) -> Sql {
    let mut s = case_where(scope);
    let due = if dated { "NOT NULL" } else { "NULL" };
    s.push(&format!("c.closed_on IS NULL AND c.next_due IS {due} AND ")).path_range(scope.path());
    if let Some(k) = kind {
        let p = s.arg(k);
        s.push(&format!(" AND c.kind = {p}"));
    }
    let l = s.arg(limit);
    s.push(&format!(" ORDER BY c.next_due, c.id LIMIT {l}"));
    s
}

/// `%` and `_` in a search term match themselves.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// The filter's conditions on `c` (after the region and the path).
fn filter_conds(s: &mut Sql, scope: &Scope, f: &Filter) {
    s.region_cond("c.region_code", scope).push(" AND ");
    s.path_range(f.unit.as_ref().unwrap_or(scope.path()));
    if let Some(k) = &f.kind {
        let p = s.arg(k.as_str());
        s.push(&format!(" AND c.kind = {p}"));
    }
    match f.status {
        Status::Open => {
            s.push(" AND c.closed_on IS NULL");
        }
        Status::Closed => {
            s.push(" AND c.closed_on IS NOT NULL");
        }
        Status::All => {}
    }
    if let Some(st) = &f.stage {
        let p = s.arg(st.as_str());
        s.push(&format!(" AND c.stage = {p}"));
    }
    match &f.due {
        None => {}
        Some(Due::Overdue { today }) => {
            let p = s.arg(today.as_str());
            s.push(&format!(" AND c.closed_on IS NULL AND c.next_due < {p}"));
        }
        Some(Due::Approaching { today, until }) => {
            let a = s.arg(today.as_str());
            let b = s.arg(until.as_str());
            s.push(&format!(" AND c.closed_on IS NULL AND c.next_due >= {a} AND c.next_due <= {b}"));
        }
        Some(Due::Normal { after }) => {
            let p = s.arg(after.as_str());
            s.push(&format!(" AND c.closed_on IS NULL AND c.next_due > {p}"));
        }
        Some(Due::None) => {
            s.push(" AND c.closed_on IS NULL AND c.next_due IS NULL");
        }
    }
    if let Some(d) = &f.received_from {
        let p = s.arg(d.as_str());
        s.push(&format!(" AND c.received_on >= {p}"));
    }
    if let Some(d) = &f.received_to {
        let p = s.arg(d.as_str());
        s.push(&format!(" AND c.received_on <= {p}"));
    }
    if let Some(q) = &f.search {
        // Numbers are upper case; the subject and names are matched as typed
        // (PostgreSQL's LIKE is case-sensitive, SQLite's only for non-ASCII).
        let a = s.arg(like_escape(&q.to_uppercase()));
        let b = s.arg(like_escape(q));
        let c = s.arg(like_escape(q));
        s.push(&format!(
            " AND (c.number LIKE {a} ESCAPE '\\' OR c.subject LIKE {b} ESCAPE '\\' OR c.party_name LIKE {c} ESCAPE '\\')"
        ));
    }
}

fn page_order(status: Status) -> &'static str {
    match status {
        Status::Open => "CASE WHEN c.next_due IS NULL THEN 1 ELSE 0 END, c.next_due, c.id",
        Status::Closed => "c.closed_on DESC, c.id DESC",
        Status::All => "c.received_on DESC, c.id DESC",
    }
}

/// How many cases of the scope match the filter.
pub fn cases_page_count(scope: &Scope, f: &Filter) -> Sql {
    let mut s = Sql::default();
    s.push("SELECT COUNT(*) FROM cases c WHERE ");
    filter_conds(&mut s, scope, f);
    s
}

/// One page of the cases of the scope that match the filter: the page's
/// keys first, sorted on the keys alone, then those rows in full (sorting
/// whole rows with their stored state is what made a district's list slow).
pub fn cases_page(scope: &Scope, f: &Filter, limit: i64, offset: i64) -> Sql {
    let order = page_order(f.status);
    let mut s = case_where(scope);
    s.push("c.id IN (SELECT c.id FROM cases c WHERE ");
    filter_conds(&mut s, scope, f);
    let l = s.arg(limit);
    let o = s.arg(offset);
    s.push(&format!(" ORDER BY {order} LIMIT {l} OFFSET {o}) ORDER BY {order}"));
    s
}

/// Open cases of the scope with a hearing in `[from, to]`, soonest first.
pub fn cases_hearings(scope: &Scope, from: &str, to: &str) -> Sql {
    let mut s = case_where(scope);
    s.path_range(scope.path());
    let a = s.arg(from);
    let b = s.arg(to);
    s.push(&format!(
        " AND c.hearing_on >= {a} AND c.hearing_on <= {b} AND c.closed_on IS NULL ORDER BY c.hearing_on, c.id"
    ));
    s
}

/// The cases of the scope that challenge case `id` of `region` (a challenge
/// lives in the region of the case it challenges), oldest first.
pub fn cases_challenging(scope: &Scope, region: &str, id: i64) -> Sql {
    let mut s = case_where(scope);
    let r = s.arg(region);
    let p = s.arg(id);
    s.push(&format!("c.region_code = {r} AND c.origin_id = {p} AND ")).path_range(scope.path()).push(" ORDER BY c.id");
    s
}

/// The unit at the scope's path or, with `subtree`, every unit below it,
/// as a condition on `c.unit_path`.
fn unit_cond(s: &mut Sql, path: &UnitPath, subtree: bool) {
    if subtree {
        s.path_range(path);
    } else {
        let p = s.arg(path.as_str());
        s.push(&format!("c.unit_path = {p}"));
    }
}

/// Every case of a kind of the unit at the scope's path (with `subtree`,
/// of its whole subtree): the indicators.
pub fn cases_of_kind(scope: &Scope, kind: &str, subtree: bool) -> Sql {
    let mut s = case_where(scope);
    let k = s.arg(kind);
    s.push(&format!("c.kind = {k} AND "));
    unit_cond(&mut s, scope.path(), subtree);
    s.push(" ORDER BY c.id");
    s
}

/// Cases of a kind of the unit (or subtree) open at some point in
/// `[from, to]`: the annual tables.
pub fn cases_open_during(scope: &Scope, kind: &str, subtree: bool, from: &str, to: &str) -> Sql {
    let mut s = case_where(scope);
    let k = s.arg(kind);
    s.push(&format!("c.kind = {k} AND "));
    unit_cond(&mut s, scope.path(), subtree);
    let t = s.arg(to);
    let f = s.arg(from);
    s.push(&format!(" AND c.received_on <= {t} AND (c.closed_on IS NULL OR c.closed_on >= {f}) ORDER BY c.id"));
    s
}

/// Reconsiderations whose respondent is the unit (or one below it) and
/// suits it defends, in a field, open at some point in `[from, to]`: table 4.
pub fn cases_reviews_of(scope: &Scope, matter: &str, subtree: bool, from: &str, to: &str) -> Sql {
    let mut s = case_where(scope);
    let m = s.arg(matter);
    let rp = s.arg(scope.path().as_str());
    let r_cond = if subtree { format!("r.path LIKE {rp} || '%'") } else { format!("r.path = {rp}") };
    s.push(&format!("c.matter = {m} AND ((c.kind = 'reconsideration' AND {r_cond}) OR (c.kind = 'litigation' AND "));
    unit_cond(&mut s, scope.path(), subtree);
    let t = s.arg(to);
    let f = s.arg(from);
    s.push(&format!(")) AND c.received_on <= {t} AND (c.closed_on IS NULL OR c.closed_on >= {f}) ORDER BY c.id"));
    s
}

/// The history of a case, oldest first.
pub fn case_events(region: &str, case_id: i64) -> Sql {
    let mut s = Sql::default();
    let r = s.arg(region);
    let c = s.arg(case_id);
    s.push(&format!(
        "SELECT seq, occurred_on, recorded_at, actor, action_json FROM case_events \
         WHERE region_code = {r} AND case_id = {c} ORDER BY seq"
    ));
    s
}

/// The columns of an attachment without its content (`owner_id`: the case
/// or activity it hangs on).
pub fn attachment_columns(owner: Owner) -> String {
    format!(
        "region_code, id, {} AS owner_id, filename, content_type, size, sha256, note, uploaded_at, uploaded_by",
        owner.column()
    )
}

/// The attachments of a case or an activity, oldest first.
pub fn attachments_of(region: &str, owner: Owner) -> Sql {
    let mut s = Sql::default();
    let r = s.arg(region);
    let o = s.arg(owner.id());
    s.push(&format!(
        "SELECT {} FROM {} WHERE region_code = {r} AND {} = {o} ORDER BY id",
        attachment_columns(owner),
        owner.table(),
        owner.column()
    ));
    s
}

/// One attachment of a case or an activity (with `content`, its bytes only).
pub fn attachment_of(region: &str, owner: Owner, id: i64, content: bool) -> Sql {
    let mut s = Sql::default();
    let r = s.arg(region);
    let o = s.arg(owner.id());
    let i = s.arg(id);
    let cols = if content { "content".to_owned() } else { attachment_columns(owner) };
    s.push(&format!(
        "SELECT {cols} FROM {} WHERE region_code = {r} AND {} = {o} AND id = {i}",
        owner.table(),
        owner.column()
    ));
    s
}

/// The columns of a published document.
pub const DOC_COLUMNS: &str =
    "region_code, id, case_id, title, body, unit_name, decided_on, published_at, withdrawn_at, withdrawn_reason";

/// The published document of a case.
pub fn published_of_case(region: &str, case_id: i64) -> Sql {
    let mut s = Sql::default();
    let r = s.arg(region);
    let c = s.arg(case_id);
    s.push(&format!("SELECT {DOC_COLUMNS} FROM published_documents WHERE region_code = {r} AND case_id = {c}"));
    s
}

/// The columns of an activity row (`a`) with its unit's name (`n`).
pub const ACTIVITY_SELECT: &str = "SELECT a.region_code, a.id, a.unit_id, n.name AS unit_name, a.unit_path, a.kind, \
    a.held_on, a.topic, a.participants, a.tenth_hours, a.passed, a.note, a.version, a.created_at, a.created_by \
    FROM activities a JOIN units n ON n.id = a.unit_id";

/// The filter's conditions on `a`: the region, the unit (alone or with its
/// subtree; the scope's subtree without one), the kind and the days.
fn activity_conds(s: &mut Sql, scope: &Scope, f: &ActivityFilter) {
    s.push(" WHERE ").region_cond("a.region_code", scope).push(" AND ");
    match &f.unit {
        Some(u) if !f.subtree => {
            let p = s.arg(u.as_str());
            s.push(&format!("a.unit_path = {p}"));
        }
        unit => {
            s.path_range_on("a.unit_path", unit.as_ref().unwrap_or(scope.path()));
        }
    }
    if let Some(k) = &f.kind {
        let p = s.arg(k.as_str());
        s.push(&format!(" AND a.kind = {p}"));
    }
    if let Some(d) = &f.from {
        let p = s.arg(d.as_str());
        s.push(&format!(" AND a.held_on >= {p}"));
    }
    if let Some(d) = &f.to {
        let p = s.arg(d.as_str());
        s.push(&format!(" AND a.held_on <= {p}"));
    }
}

/// One activity by id, inside the scope.
pub fn activity_by_id(scope: &Scope, id: i64) -> Sql {
    let mut s = Sql::default();
    s.push(ACTIVITY_SELECT).push(" WHERE ").region_cond("a.region_code", scope);
    let p = s.arg(id);
    s.push(&format!(" AND a.id = {p} AND ")).path_range_on("a.unit_path", scope.path());
    s
}

/// How many activities of the scope match the filter.
pub fn activities_count(scope: &Scope, f: &ActivityFilter) -> Sql {
    let mut s = Sql::default();
    s.push("SELECT COUNT(*) FROM activities a");
    activity_conds(&mut s, scope, f);
    s
}

/// One page of the activities of the scope that match the filter, the
/// latest held first.
pub fn activities_page(scope: &Scope, f: &ActivityFilter, limit: i64, offset: i64) -> Sql {
    let mut s = Sql::default();
    s.push(ACTIVITY_SELECT);
    activity_conds(&mut s, scope, f);
    let (l, o) = (s.arg(limit), s.arg(offset));
    s.push(&format!(" ORDER BY a.held_on DESC, a.id DESC LIMIT {l} OFFSET {o}"));
    s
}

/// Per kind, how many activities of the scope match the filter and how
/// many took part in them.
pub fn activity_totals(scope: &Scope, f: &ActivityFilter) -> Sql {
    let mut s = Sql::default();
    s.push("SELECT a.kind, COUNT(*) AS held, CAST(SUM(a.participants) AS BIGINT) AS people FROM activities a");
    activity_conds(&mut s, scope, f);
    s.push(" GROUP BY a.kind ORDER BY a.kind");
    s
}

/// What identifies an activity for the duplicate check of a form or an
/// import: unit, kind, day and topic of those of the scope held in `[from, to]`.
pub fn activity_keys(scope: &Scope, from: &str, to: &str) -> Sql {
    let f = ActivityFilter { from: Some(from.to_owned()), to: Some(to.to_owned()), ..ActivityFilter::default() };
    let mut s = Sql::default();
    s.push("SELECT a.unit_id, a.kind, a.held_on, a.topic FROM activities a");
    activity_conds(&mut s, scope, &f);
    s
}

/// Sample arguments for [`catalogue`]: a case of the reader's region.
#[derive(Debug, Clone)]
pub struct Sample {
    pub region: String,
    pub case_id: i64,
    pub number: String,
    pub kind: String,
    pub day: String,
}

/// Every scoped query of the tenant tables that a reader's page runs, with
/// sample arguments: the case page, the lists, the workbench, the
/// indicators and the annual tables.
pub fn catalogue(d: &dyn crate::dialect::Dialect, scope: &Scope, x: &Sample) -> Vec<(&'static str, Sql)> {
    let listed = |status: Status| Filter { kind: Some(x.kind.clone()), status, ..Filter::default() };
    let searched = Filter {
        search: Some("2026".into()),
        due: Some(Due::Overdue { today: x.day.clone() }),
        received_from: Some("2026-01-01".into()),
        received_to: Some(x.day.clone()),
        stage: Some("received".into()),
        ..Filter::default()
    };
    let months = |subtree: bool| crate::indicators::Where {
        scope,
        unit: scope.path(),
        subtree,
        from_month: "2026-01",
        to_month: "2026-12",
        days: None,
    };
    vec![
        ("case by id", case_by_id(scope, x.case_id)),
        ("case by number", case_by_number(scope, &x.number)),
        ("workbench (dated)", cases_open_by_urgency(scope, None, true, 50)),
        ("workbench (undated)", cases_open_by_urgency(scope, Some(&x.kind), false, 50)),
        ("list count", cases_page_count(scope, &listed(Status::Open))),
        ("list page (open)", cases_page(scope, &listed(Status::Open), 50, 0)),
        ("list page (closed)", cases_page(scope, &listed(Status::Closed), 50, 50)),
        ("list page (searched)", cases_page(scope, &searched, 50, 0)),
        ("list count (searched)", cases_page_count(scope, &searched)),
        ("hearings", cases_hearings(scope, &x.day, "2026-12-31")),
        ("challenges", cases_challenging(scope, &x.region, x.case_id)),
        ("indicators (unit)", cases_of_kind(scope, &x.kind, false)),
        ("indicators (subtree)", cases_of_kind(scope, &x.kind, true)),
        ("annual table 3", cases_open_during(scope, &x.kind, true, "2026-01-01", "2026-12-31")),
        ("annual table 4", cases_reviews_of(scope, "goi", true, "2026-01-01", "2026-12-31")),
        ("history", case_events(&x.region, x.case_id)),
        ("attachments", attachments_of(&x.region, Owner::Case(x.case_id))),
        ("attachment", attachment_of(&x.region, Owner::Case(x.case_id), 1, true)),
        ("published document", published_of_case(&x.region, x.case_id)),
        ("indicator sums (unit)", crate::indicators::sums_sql(d, &months(false), &["reconsideration.received"])),
        ("indicator sums (subtree)", crate::indicators::sums_sql(d, &months(true), &["reconsideration.received"])),
        ("indicator grid (subtree)", crate::indicators::grid_sql(d, &months(true))),
        (
            "indicator distinct grid (subtree)",
            crate::indicators::distinct_grid_sql(d, &months(true), &["litigation.head_appeared"]),
        ),
        (
            "indicator distinct cases",
            crate::indicators::distinct_cases_sql(&months(true), &["litigation.head_appeared"]),
        ),
        ("indicator records page", crate::indicators::records_sql(&months(true), &["reconsideration.received"], 50, 0)),
        (
            "indicator records facts",
            crate::indicators::facts_of_sql(&months(false), &["reconsideration.received"], &[x.case_id, x.case_id + 1]),
        ),
        ("activity by id", activity_by_id(scope, x.case_id)),
        ("activities count", activities_count(scope, &ActivityFilter::default())),
        ("activities page (scope)", activities_page(scope, &ActivityFilter::default(), 50, 0)),
        ("activities page (filtered)", activities_page(scope, &activities_filtered(scope, false), 50, 50)),
        ("activities count (subtree)", activities_count(scope, &activities_filtered(scope, true))),
        ("activity totals", activity_totals(scope, &activities_filtered(scope, true))),
        ("activity keys", activity_keys(scope, "2026-01-01", &x.day)),
        ("activity attachments", attachments_of(&x.region, Owner::Activity(x.case_id))),
        ("activity attachment", attachment_of(&x.region, Owner::Activity(x.case_id), 1, false)),
        (
            "activity indicator sums",
            crate::indicators::sums_sql(d, &months(true), &["activity.meeting_study.held", "activity.training.people"]),
        ),
    ]
}

/// A filter of every kind of condition, for [`catalogue`].
fn activities_filtered(scope: &Scope, subtree: bool) -> ActivityFilter {
    ActivityFilter {
        unit: Some(scope.path().clone()),
        subtree,
        kind: Some("training".into()),
        from: Some("2026-01-01".into()),
        to: Some("2026-12-31".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_text_and_match_the_arguments() {
        let scope = Scope::new(UnitPath::root(1), vec!["110108".into(), "110105".into()]);
        let x = Sample {
            region: "110108".into(),
            case_id: 7,
            number: "YSQ-2026-00001".into(),
            kind: "disclosure".into(),
            day: "2026-03-02".into(),
        };
        for (name, q) in catalogue(&crate::dialect::Sqlite, &scope, &x) {
            let mut seen = Vec::new();
            let bytes = q.text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'$' {
                    let digits: String = q.text[i + 1..].chars().take_while(char::is_ascii_digit).collect();
                    i += digits.len();
                    seen.push(digits.parse::<usize>().unwrap_or(0));
                }
                i += 1;
            }
            let expected: Vec<usize> = (1..=q.args.len()).collect();
            assert_eq!(seen, expected, "{name}: {}", q.text);
            assert!(q.text.contains("region_code"), "{name} filters on the region: {}", q.text);
        }
    }

    #[test]
    fn one_region_is_an_equality_and_several_a_list() {
        let one = Scope::new(UnitPath::root(1), vec!["110108".into()]);
        assert!(case_by_id(&one, 1).text.contains("c.region_code = $1 AND c.id = $2"));
        let two = Scope::new(UnitPath::root(1), vec!["110108".into(), "110105".into()]);
        let q = case_by_id(&two, 1);
        assert!(q.text.contains("c.region_code IN ($1, $2)"), "{}", q.text);
        assert_eq!(q.args[0], Arg::Text("110105".into()), "regions are sorted");
        let none = Scope::new(UnitPath::root(1), vec![]);
        assert!(case_by_id(&none, 1).text.contains("1 = 0"));
    }
}
