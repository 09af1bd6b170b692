//! Unit pages: the scoped tree, a unit's page with its edit form, and the
//! administrator's "new unit" form.

use super::parse_id;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, FieldErrors, Layout, UnitFormValues, UnitNewPage, UnitPage, UnitRowView, UnitsPage};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::accounts::{UnitEdit, UnitInput};
use fazhi_app::AppError;
use fazhi_core::org::{FieldError, Permission, UnitKind};
use fazhi_store::units::Unit;

pub fn row(u: &Unit, base_depth: usize) -> UnitRowView {
    UnitRowView {
        id: u.id,
        code: u.code.clone(),
        name: u.name.clone(),
        kind: u.kind.label(),
        depth: u.path.depth().saturating_sub(base_depth),
        active: u.active,
    }
}

/// Units ordered as a tree (each parent followed by its subtree).
pub fn tree_rows(units: &[Unit]) -> Vec<UnitRowView> {
    let base = units.iter().map(|u| u.path.depth()).min().unwrap_or(1);
    let mut out = Vec::with_capacity(units.len());
    fn walk(units: &[Unit], parent: Option<i64>, base: usize, out: &mut Vec<UnitRowView>, top: bool) {
        for u in units.iter().filter(|u| if top { u.path.depth() == base } else { u.parent_id == parent }) {
            out.push(row(u, base));
            walk(units, Some(u.id), base, out, false);
        }
    }
    walk(units, None, base, &mut out, true);
    out
}

fn kinds() -> Vec<(&'static str, &'static str)> {
    UnitKind::ALL.iter().map(|k| (k.code(), k.label())).collect()
}

/// `?ok=…` after a redirect: which notice a page shows.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoticeQuery {
    #[serde(default)]
    pub(crate) ok: String,
}

fn notice(q: &NoticeQuery) -> Option<&'static str> {
    match q.ok.as_str() {
        "created" => Some("已保存新单位。"),
        "saved" => Some("已保存。"),
        _ => None,
    }
}

pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<NoticeQuery>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let all = state.app.list_units(actor).await?;
    let page = UnitsPage {
        layout: Layout::new("单位", &ctx, "units"),
        rows: tree_rows(&all),
        can_manage: actor.can(Permission::ManageAccounts),
        notice: notice(&q),
    };
    Ok(html(&page))
}

async fn unit_page(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: Option<UnitFormValues>,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> Result<UnitPage, WebError> {
    let actor = ctx.staff()?;
    let unit = state.app.get_unit(actor, id).await?;
    let breadcrumb = state.app.unit_breadcrumb(actor, &unit).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let all = state.app.list_units(actor).await?;
    let children = all.iter().filter(|u| u.parent_id == Some(unit.id)).map(|u| row(u, 0)).collect();
    let form = form.unwrap_or_else(|| UnitFormValues {
        code: unit.code.clone(),
        name: unit.name.clone(),
        kind: unit.kind.code().to_owned(),
        region_code: unit.region_code.clone(),
        parent_id: unit.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        sort_order: unit.sort_order.to_string(),
        active: unit.active,
        version: unit.version,
    });
    Ok(UnitPage {
        layout: Layout::new(unit.name.clone(), ctx, "units"),
        id: unit.id,
        name: unit.name.clone(),
        code: unit.code.clone(),
        kind: unit.kind.label(),
        region_code: unit.region_code.clone(),
        breadcrumb,
        children,
        can_manage: actor.can(Permission::ManageAccounts),
        form,
        errors,
        kinds: kinds(),
        notice,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let page = unit_page(&state, &ctx, parse_id(&id)?, None, FieldErrors::default(), notice(&q)).await?;
    Ok(html(&page))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct UnitEditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    sort_order: String,
    #[serde(default)]
    active: String,
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<UnitEditForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    let cap = actor.account_admin()?;
    let mut errors = Vec::new();
    let sort_order = parse_sort(&f.sort_order, &mut errors);
    let version = f.version.trim().parse::<i64>().unwrap_or(0);
    let result = if errors.is_empty() {
        state
            .app
            .update_unit(
                actor,
                &cap,
                id,
                &UnitEdit { version, name: f.name.clone(), kind: f.kind.clone(), sort_order, active: f.active == "1" },
            )
            .await
    } else {
        Err(AppError::Invalid(errors))
    };
    match result {
        Ok(u) => Ok(Redirect::to(&format!("/units/{}?ok=saved", u.id)).into_response()),
        Err(AppError::Invalid(errs)) => {
            let current = state.app.get_unit(actor, id).await?;
            let form = UnitFormValues {
                code: current.code,
                name: f.name,
                kind: f.kind,
                region_code: current.region_code,
                parent_id: String::new(),
                sort_order: f.sort_order,
                active: f.active == "1",
                version,
            };
            let page = unit_page(&state, &ctx, id, Some(form), FieldErrors(errs), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn parse_sort(raw: &str, errors: &mut Vec<FieldError>) -> i64 {
    let raw = raw.trim();
    if raw.is_empty() {
        return 0;
    }
    raw.parse().unwrap_or_else(|_| {
        errors.push(FieldError::new("sort_order", format!("排序号应为整数,您输入的是“{raw}”")));
        0
    })
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.account_admin()?;
    let in_scope = state.app.list_units(actor).await?;
    let region = in_scope.first().map(|u| u.region_code.clone()).unwrap_or_default();
    let parents = tree_rows(&in_scope);
    let page = UnitNewPage {
        layout: Layout::new("新增单位", &ctx, "units"),
        form: UnitFormValues { region_code: region, ..Default::default() },
        errors: FieldErrors::default(),
        kinds: kinds(),
        parents,
    };
    Ok(html(&page))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct UnitNewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    region_code: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    sort_order: String,
}

pub async fn create(State(state): State<AppState>, ctx: Ctx, Form(f): Form<UnitNewForm>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let cap = actor.account_admin()?;
    let mut errors = Vec::new();
    let sort_order = parse_sort(&f.sort_order, &mut errors);
    let parent_id = f.parent_id.trim().parse::<i64>().ok();
    let input = UnitInput {
        code: f.code.clone(),
        name: f.name.clone(),
        kind: f.kind.clone(),
        region_code: f.region_code.clone(),
        parent_id,
        sort_order: Some(sort_order),
    };
    let result = if errors.is_empty() {
        state.app.create_unit(actor, &cap, &input).await
    } else {
        Err(AppError::Invalid(errors))
    };
    match result {
        Ok(u) => Ok(Redirect::to(&format!("/units/{}?ok=created", u.id)).into_response()),
        Err(AppError::Invalid(errs)) => {
            let page = UnitNewPage {
                layout: Layout::new("新增单位", &ctx, "units"),
                form: UnitFormValues {
                    code: f.code,
                    name: f.name,
                    kind: f.kind,
                    region_code: f.region_code,
                    parent_id: f.parent_id,
                    sort_order: f.sort_order,
                    active: true,
                    version: 0,
                },
                errors: FieldErrors(errs),
                kinds: kinds(),
                parents: tree_rows(&state.app.list_units(actor).await?),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
