//! Errors of the web layer and the error page.
//!
//! Handlers return [`WebError`]; its response carries a [`RenderError`]
//! marker that [`crate::ctx::context_layer`] turns into a Chinese error page
//! with the operation id (and the signed-in user's navigation). Internal
//! details are logged with the operation id, never shown.

use crate::ctx::Ctx;
use crate::views::{ErrorPage, Layout};
use crate::AppState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fazhi_app::AppError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("login required")]
    LoginRequired,
    /// A one-time password must be changed first: sent to the password page.
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("too large: {0}")]
    TooLarge(String),
    #[error("too many requests: {0}")]
    TooManyRequests(String),
    #[error("csrf")]
    Csrf,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("unavailable")]
    Unavailable,
    #[error("internal: {0}")]
    Internal(String),
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Unauthenticated => WebError::LoginRequired,
            AppError::Forbidden => WebError::Forbidden,
            AppError::PasswordChangeRequired => WebError::PasswordChangeRequired,
            AppError::NotFound => WebError::NotFound,
            AppError::Invalid(errs) => {
                WebError::BadRequest(errs.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(";"))
            }
            AppError::Conflict(m) => WebError::Conflict(m),
            AppError::Stale => WebError::Conflict("记录已被他人修改,请返回刷新后重试".into()),
            AppError::Unavailable => WebError::Unavailable,
            AppError::Internal(m) => WebError::Internal(m),
        }
    }
}

/// Marker carried by an error response until the context layer renders it.
#[derive(Debug, Clone)]
pub struct RenderError {
    pub status: StatusCode,
    pub title: &'static str,
    pub message: String,
    /// Logged, never shown.
    pub detail: Option<String>,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, message, detail) = match self {
            WebError::LoginRequired => return Redirect::to("/login").into_response(),
            WebError::PasswordChangeRequired => return Redirect::to("/account/password").into_response(),
            WebError::TooLarge(m) => (StatusCode::PAYLOAD_TOO_LARGE, "提交的内容过大", m, None),
            WebError::TooManyRequests(m) => (StatusCode::TOO_MANY_REQUESTS, "请求过于频繁", m, None),
            WebError::Csrf => (
                StatusCode::FORBIDDEN,
                "页面已过期",
                "表单校验失败(可能页面停留过久或在其他窗口已退出登录)。请返回上一页,刷新后重新提交。".to_owned(),
                None,
            ),
            WebError::Forbidden => (StatusCode::FORBIDDEN, "无权访问", "您的角色无权进行此操作。".to_owned(), None),
            WebError::NotFound => (
                StatusCode::NOT_FOUND,
                "页面不存在",
                "您访问的页面或记录不存在,或不在您的权限范围内。".to_owned(),
                None,
            ),
            WebError::BadRequest(m) => (StatusCode::BAD_REQUEST, "请求有误", m, None),
            WebError::Conflict(m) => (StatusCode::CONFLICT, "操作冲突", m, None),
            WebError::Unavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, "服务暂时不可用", "数据库暂时无法访问,请稍后再试。".to_owned(), None)
            }
            WebError::Internal(d) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "系统内部错误", "处理请求时发生内部错误。".to_owned(), Some(d))
            }
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(RenderError { status, title, message, detail });
        res
    }
}

/// Renders the error page (called by the context layer).
pub fn render_error(ctx: &Ctx, err: RenderError, _state: &AppState) -> Response {
    if let Some(detail) = &err.detail {
        tracing::error!(op_id = %ctx.op_id, status = err.status.as_u16(), error = %detail, "request failed");
    }
    let page = ErrorPage {
        layout: Layout::new(err.title, ctx, ""),
        title: err.title,
        message: err.message,
        op_id: ctx.op_id.clone(),
    };
    (err.status, crate::views::html(&page)).into_response()
}
