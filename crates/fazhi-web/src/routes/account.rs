//! Login, logout, the workbench, password change and API tokens.

use crate::ctx::{append_cookie, secure_cookie, Ctx, SESSION_COOKIE};
use crate::error::WebError;
use crate::views::{html, FieldErrors, Layout, LoginPage, PasswordPage, TokenView, TokensPage, WorkbenchPage};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::auth::LoginError;
use fazhi_app::AppError;
use fazhi_core::org::Role;

#[derive(Debug, Default, serde::Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn login_form(ctx: Ctx) -> Response {
    if ctx.actor.is_some() {
        return Redirect::to("/workbench").into_response();
    }
    html(&LoginPage { layout: Layout::new("登录", &ctx, "login"), username: String::new(), error: None })
}

pub async fn login(State(state): State<AppState>, ctx: Ctx, Form(f): Form<LoginForm>) -> Result<Response, WebError> {
    ctx.check_csrf(&f.csrf)?;
    match state.app.login(&f.username, &f.password, ctx.client_ip).await {
        Ok(ok) => {
            let mut res = Redirect::to("/workbench").into_response();
            append_cookie(&mut res, secure_cookie(SESSION_COOKIE, ok.session_secret, state.settings.secure_cookies));
            Ok(res)
        }
        Err(LoginError::App(e)) => Err(e.into()),
        Err(e) => {
            let page = LoginPage {
                layout: Layout::new("登录", &ctx, "login"),
                username: f.username,
                error: Some(e.to_string()),
            };
            Ok((StatusCode::UNAUTHORIZED, html(&page)).into_response())
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx, Form(f): Form<CsrfOnly>) -> Result<Response, WebError> {
    ctx.check_csrf(&f.csrf)?;
    if let Some(secret) = &ctx.session_secret {
        state.app.logout(secret).await?;
    }
    let mut res = Redirect::to("/").into_response();
    let mut c = secure_cookie(SESSION_COOKIE, String::new(), state.settings.secure_cookies);
    c.make_removal();
    append_cookie(&mut res, c);
    Ok(res)
}

fn duties(role: Role) -> &'static str {
    match role {
        Role::Admin => "系统管理员:管理单位与用户账号,查看全部审计日志。不办理业务案件。",
        Role::Coordinator => {
            "法治建设协调人员:统筹本级政府及所属单位的任务清单、指标、考核与年度报告,可查看本级审计日志。"
        }
        Role::Handler => "承办人员:在法定期限内办理本单位案件,维护本单位台账,填报本单位报告内容。",
        Role::Leader => "单位负责人:审批本单位的延期、决定与报告,查看本单位工作情况。",
        Role::ReconsiderationOffice => "行政复议机构:办理本级政府的行政复议与应诉案件。",
        Role::Supervisor => "监督人员:只读查看本级政府及所属单位的记录与统计。",
    }
}

pub async fn workbench(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let (units_in_scope, root) = state.app.scope_summary(actor).await?;
    let scope_name = if actor.role == Role::Admin { "全部单位".to_owned() } else { root.unwrap_or_default() };
    let page = WorkbenchPage {
        layout: Layout::new("工作台", &ctx, "workbench"),
        scope_name,
        units_in_scope,
        role_duties: duties(actor.role),
        cases: state
            .app
            .urgent_cases(actor, None, 20)
            .await?
            .iter()
            .map(|(r, s)| super::cases::row_view(r, s.map(|s| s.zh())))
            .collect(),
        hearings: state
            .app
            .coming_hearings(actor, HEARING_REMINDER_DAYS)
            .await?
            .into_iter()
            .map(|h| {
                let when = match h.in_days {
                    0 => "今天".to_owned(),
                    1 => "明天".to_owned(),
                    n => format!("{n}天后"),
                };
                (h.row.id, h.row.number.clone(), h.row.unit_name.clone(), h.hearing_on.to_string(), when)
            })
            .collect(),
        waiting: state
            .app
            .list_cases(
                actor,
                &fazhi_app::case_list::ListParams { due: "none".into(), per_page: "1".into(), ..Default::default() },
            )
            .await?
            .total,
    };
    Ok(html(&page))
}

/// How far ahead the workbench reminds of hearings (庭前提醒).
const HEARING_REMINDER_DAYS: i64 = 7;

pub async fn password_form(ctx: Ctx) -> Result<Response, WebError> {
    ctx.staff()?;
    Ok(html(&PasswordPage {
        layout: Layout::new("修改密码", &ctx, "password"),
        errors: FieldErrors::default(),
        done: false,
    }))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    match state.app.change_password(actor, &f.current, &f.password, &f.confirm, state.settings.password_cost).await {
        Ok(()) => {
            // Changing the password ends every session, this one included: sign in again.
            let mut res = Redirect::to("/login").into_response();
            let mut c = secure_cookie(SESSION_COOKIE, String::new(), state.settings.secure_cookies);
            c.make_removal();
            append_cookie(&mut res, c);
            Ok(res)
        }
        Err(AppError::Invalid(errs)) => {
            let page = PasswordPage {
                layout: Layout::new("修改密码", &ctx, "password"),
                errors: FieldErrors(errs),
                done: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn tokens_page(
    state: &AppState,
    ctx: &Ctx,
    name: String,
    days: String,
    errors: FieldErrors,
    issued: Option<String>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let now = state.app.now.now();
    let tokens = state
        .app
        .list_api_tokens(actor)
        .await?
        .into_iter()
        .map(|t| {
            let expired = t
                .expires_at
                .as_deref()
                .and_then(|e| chrono::DateTime::parse_from_rfc3339(e).ok())
                .is_some_and(|e| e <= now);
            let local = |s: &str| {
                chrono::DateTime::parse_from_rfc3339(s)
                    .map(|t| fazhi_app::auth::china_time(t.with_timezone(&chrono::Utc)))
                    .unwrap_or_default()
            };
            TokenView {
                id: t.id,
                created: local(&t.created_at),
                expires: t.expires_at.as_deref().map(local).unwrap_or_else(|| "不限".to_owned()),
                last_used: t.last_used_at.as_deref().map(local).unwrap_or_else(|| "未使用".to_owned()),
                state: if t.revoked {
                    "已撤销"
                } else if expired {
                    "已过期"
                } else {
                    "有效"
                },
                live: !t.revoked && !expired,
                name: t.name,
            }
        })
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = TokensPage { layout: Layout::new("API 令牌", ctx, "tokens"), name, days, errors, issued, tokens };
    Ok((status, html(&page)).into_response())
}

/// Default validity of a new API token, in days.
const DEFAULT_TOKEN_DAYS: &str = "90";

pub async fn tokens_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    ctx.staff()?.require_password_changed()?;
    tokens_page(&state, &ctx, String::new(), DEFAULT_TOKEN_DAYS.to_owned(), FieldErrors::default(), None).await
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TokenForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let raw_days = if f.days.trim().is_empty() { DEFAULT_TOKEN_DAYS } else { f.days.trim() };
    let days = match raw_days.parse::<i64>() {
        Ok(d) => d,
        Err(_) => {
            let e = fazhi_core::org::FieldError::new(
                "days",
                format!("有效期应为1至366之间的整数天数,您输入的是“{}”", f.days),
            );
            return tokens_page(&state, &ctx, f.name, f.days, FieldErrors(vec![e]), None).await;
        }
    };
    match state.app.create_api_token(actor, &f.name, days).await {
        Ok((secret, _)) => {
            tokens_page(
                &state,
                &ctx,
                String::new(),
                DEFAULT_TOKEN_DAYS.to_owned(),
                FieldErrors::default(),
                Some(secret),
            )
            .await
        }
        Err(AppError::Invalid(errs)) => tokens_page(&state, &ctx, f.name, f.days, FieldErrors(errs), None).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let id = super::parse_id(&id)?;
    // This page manages the signed-in user's own tokens only.
    if !state.app.list_api_tokens(actor).await?.iter().any(|t| t.id == id) {
        return Err(WebError::NotFound);
    }
    state.app.revoke_api_token(actor, id).await?;
    Ok(Redirect::to("/account/tokens").into_response())
}

/// A form that carries only the CSRF token (for action buttons).
#[derive(Debug, Default, serde::Deserialize)]
pub struct CsrfOnlyPub {
    #[serde(default)]
    pub csrf: String,
}
