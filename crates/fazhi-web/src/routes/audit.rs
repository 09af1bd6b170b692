//! The audit trail page (coordinators: their scope; administrators: everything).

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, AuditPage, AuditQuery, AuditRowView, FieldErrors, Layout};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use fazhi_core::audit::AuditAction;
use fazhi_core::org::FieldError;
use fazhi_store::audit::AuditFilter;

const PAGE_SIZE: i64 = 50;

/// Entity kinds that appear in the trail, with their Chinese names.
const ENTITIES: &[(&str, &str)] = &[
    ("unit", "单位"),
    ("user", "用户"),
    ("region", "行政区划"),
    ("api_token", "API令牌"),
    ("calendar_notice", "节假日安排"),
    ("activity", "法治活动"),
    ("attachment", "附件"),
];

fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn date_bound(raw: &str, field: &'static str, next_day: bool, errors: &mut Vec<FieldError>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) => {
            // Dates are Beijing dates; stored timestamps are UTC.
            let d = if next_day { d.succ_opt().unwrap_or(d) } else { d };
            let utc = d.and_time(chrono::NaiveTime::MIN) - chrono::Duration::hours(8);
            Some(fazhi_store::ts(utc.and_utc()))
        }
        Err(_) => {
            errors.push(FieldError::new(field, format!("日期格式应为YYYY-MM-DD,您输入的是“{raw}”")));
            None
        }
    }
}

fn link(q: &AuditQuery, page: i64) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    format!(
        "/audit?entity={}&action={}&actor={}&from={}&until={}&page={page}",
        enc(&q.entity),
        enc(&q.action),
        enc(&q.actor),
        enc(&q.from),
        enc(&q.until)
    )
}

pub async fn browse(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let mut errors = Vec::new();
    let page = q.page.unwrap_or(1).max(1);
    let filter = AuditFilter {
        scope: None,
        entity: nonempty(&q.entity),
        actor: nonempty(&q.actor),
        action: nonempty(&q.action).filter(|a| AuditAction::from_code(a).is_some()),
        from: date_bound(&q.from, "from", false, &mut errors),
        until: date_bound(&q.until, "until", true, &mut errors),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    let (records, total) = state.app.browse_audit(actor, filter).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let rows = records
        .into_iter()
        .map(|r| AuditRowView {
            chain: if r.region == fazhi_core::audit::INSTALLATION_CHAIN { "全局".to_owned() } else { r.region },
            seq: r.seq,
            at: chrono::DateTime::parse_from_rfc3339(&r.at)
                .map(|t| fazhi_app::auth::china_time(t.with_timezone(&chrono::Utc)))
                .unwrap_or(r.at.clone()),
            actor: r.actor,
            action: AuditAction::from_code(&r.action).map(AuditAction::label).unwrap_or("未知"),
            entity: r.entity,
            entity_id: r.entity_id,
            before: r.before,
            after: r.after,
        })
        .collect();
    let view = AuditPage {
        layout: Layout::new("审计日志", &ctx, "audit"),
        prev_link: (page > 1).then(|| link(&q, page - 1)),
        next_link: (page < pages).then(|| link(&q, page + 1)),
        q,
        rows,
        total,
        page,
        pages,
        errors: FieldErrors(errors),
        entities: ENTITIES.iter().map(|(c, l)| ((*c).to_owned(), *l)).collect(),
    };
    Ok(html(&view))
}
