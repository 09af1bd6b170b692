//! Account administration pages (system administrators only).

use super::parse_id;
use super::units::tree_rows;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, FieldErrors, Layout, UserFormValues, UserNewPage, UserPage, UserRowView, UsersPage};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::accounts::UserInput;
use fazhi_app::auth::china_time;
use fazhi_app::AppError;
use fazhi_core::org::Role;
use fazhi_store::users::UserInUnit;

/// An account's row; `blocked` says whether the login throttle holds it now.
fn row(u: &UserInUnit, blocked: bool) -> UserRowView {
    UserRowView {
        id: u.user.id,
        username: u.user.username.clone(),
        display_name: u.user.display_name.clone(),
        role: u.user.role.label(),
        unit_name: u.unit_name.clone(),
        active: u.user.active,
        locked: blocked,
    }
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let users = state.app.list_users(actor).await?;
    Ok(html(&UsersPage {
        layout: Layout::new("用户管理", &ctx, "users"),
        rows: users.iter().map(|u| row(u, state.app.login_state(&u.user.username).1.is_some())).collect(),
    }))
}

fn roles() -> Vec<(&'static str, &'static str)> {
    Role::ALL.iter().map(|r| (r.code(), r.label())).collect()
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.account_admin()?;
    let page = UserNewPage {
        layout: Layout::new("新增用户", &ctx, "users"),
        form: UserFormValues::default(),
        errors: FieldErrors::default(),
        roles: roles(),
        units: tree_rows(&state.app.list_units(actor).await?),
    };
    Ok(html(&page))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct UserNewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    role: String,
}

pub async fn create(State(state): State<AppState>, ctx: Ctx, Form(f): Form<UserNewForm>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let cap = actor.account_admin()?;
    let input = UserInput {
        username: f.username.clone(),
        display_name: f.display_name.clone(),
        unit_id: f.unit_id.trim().parse().ok(),
        role: f.role.clone(),
        password: String::new(),
    };
    match state.app.create_user(actor, &cap, &input, state.settings.password_cost).await {
        Ok(issued) => {
            let units = tree_rows(&state.app.list_units(actor).await?);
            let page = user_page(
                &ctx,
                &issued.user,
                state.app.login_state(&issued.user.user.username),
                issued.one_time_password,
                units,
            );
            Ok((StatusCode::CREATED, html(&page)).into_response())
        }
        Err(AppError::Invalid(errs)) => {
            let page = UserNewPage {
                layout: Layout::new("新增用户", &ctx, "users"),
                form: UserFormValues {
                    username: f.username,
                    display_name: f.display_name,
                    unit_id: f.unit_id,
                    role: f.role,
                },
                errors: FieldErrors(errs),
                roles: roles(),
                units: tree_rows(&state.app.list_units(actor).await?),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn user_page(
    ctx: &Ctx,
    u: &UserInUnit,
    (failures, blocked): (u32, Option<chrono::DateTime<chrono::Utc>>),
    otp: Option<String>,
    units: Vec<crate::views::UnitRowView>,
) -> UserPage {
    UserPage {
        layout: Layout::new(u.user.display_name.clone(), ctx, "users"),
        user: row(u, blocked.is_some()),
        failed_logins: i64::from(failures),
        locked_until: blocked.map(china_time).unwrap_or_default(),
        one_time_password: otp,
        is_self: ctx.actor.as_ref().is_some_and(|a| a.user_id == u.user.id),
        form: UserFormValues {
            username: u.user.username.clone(),
            display_name: u.user.display_name.clone(),
            unit_id: u.user.unit_id.to_string(),
            role: u.user.role.code().to_owned(),
        },
        version: u.user.version,
        errors: FieldErrors::default(),
        roles: roles(),
        units,
        notice: None,
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let u = state.app.get_user(actor, parse_id(&id)?).await?;
    let units = tree_rows(&state.app.list_units(actor).await?);
    let mut page = user_page(&ctx, &u, state.app.login_state(&u.user.username), None, units);
    page.notice = (q.ok == "saved").then_some("已保存。");
    Ok(html(&page))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    ok: String,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct UserEditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    role: String,
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<UserEditForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let cap = actor.account_admin()?;
    let id = parse_id(&id)?;
    let input = UserInput {
        username: String::new(),
        display_name: f.display_name.clone(),
        unit_id: f.unit_id.trim().parse().ok(),
        role: f.role.clone(),
        password: String::new(),
    };
    let version = f.version.trim().parse().unwrap_or(0);
    match state.app.update_user_profile(actor, &cap, id, version, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/users/{id}?ok=saved")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let u = state.app.get_user(actor, id).await?;
            let units = tree_rows(&state.app.list_units(actor).await?);
            let mut page = user_page(&ctx, &u, state.app.login_state(&u.user.username), None, units);
            page.form.display_name = f.display_name;
            page.form.unit_id = f.unit_id;
            page.form.role = f.role;
            page.errors = FieldErrors(errs);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ActiveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    active: String,
}

pub async fn set_active(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActiveForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let cap = actor.account_admin()?;
    let id = parse_id(&id)?;
    state.app.set_user_active(actor, &cap, id, f.active == "1").await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

pub async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<super::account::CsrfOnlyPub>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let cap = actor.account_admin()?;
    let issued = state.app.reset_password(actor, &cap, parse_id(&id)?, state.settings.password_cost).await?;
    let units = tree_rows(&state.app.list_units(actor).await?);
    Ok(html(&user_page(
        &ctx,
        &issued.user,
        state.app.login_state(&issued.user.user.username),
        issued.one_time_password,
        units,
    )))
}
