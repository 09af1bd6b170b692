//! The request context: operation id, the signed-in actor (if any) and the
//! CSRF token, set up once per request by [`context_layer`].
//!
//! CSRF protection: a signed-in user's token is bound to their session
//! (stored server-side); an anonymous visitor's token is a random value in
//! the `fazhi_csrf` cookie (double-submit). Every POST form carries the token
//! in a hidden `csrf` field and handlers call [`Ctx::check_csrf`]. Cookies are
//! `HttpOnly` and `SameSite=Lax`, `Secure` behind HTTPS.

use crate::error::{render_error, RenderError, WebError};
use crate::AppState;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use fazhi_app::auth::{new_secret, Actor};

pub const SESSION_COOKIE: &str = "fazhi_session";
pub const CSRF_COOKIE: &str = "fazhi_csrf";

/// What every handler knows about the request.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Shown on error pages and logged, so a user's report can be matched to the log.
    pub op_id: String,
    pub actor: Option<Actor>,
    /// The token forms must carry.
    pub csrf: String,
    /// The raw session secret (to log out).
    pub session_secret: Option<String>,
    /// The session could not be checked because the database is unavailable.
    pub db_unavailable: bool,
    /// The client's address (see [`crate::edge::client_ip`]); never logged.
    pub client_ip: std::net::IpAddr,
}

impl Ctx {
    /// The signed-in actor, or a redirect to the login page.
    pub fn staff(&self) -> Result<&Actor, WebError> {
        match &self.actor {
            Some(a) => Ok(a),
            None if self.db_unavailable => Err(WebError::Unavailable),
            None => Err(WebError::LoginRequired),
        }
    }

    /// Refuses the request unless the submitted token matches.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), WebError> {
        if !self.csrf.is_empty() && constant_time_eq(submitted.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(WebError::Csrf)
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Ctx>().cloned().ok_or(WebError::Internal("request context missing".into()))
    }
}

/// Builds a cookie with the project's security attributes.
pub fn secure_cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    let mut c = Cookie::new(name, value);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(secure);
    c
}

/// Middleware: resolves the session, provides the CSRF token, stamps the
/// operation id, and renders error pages for handlers' [`WebError`]s.
pub async fn context_layer(State(state): State<AppState>, jar: CookieJar, mut req: Request, next: Next) -> Response {
    let op_id = new_secret()[..16].to_owned();
    let mut actor = None;
    let mut csrf = None;
    let mut db_unavailable = false;
    let session_secret = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned());
    let mut clear_session = false;
    if let Some(secret) = &session_secret {
        match state.app.session_actor(secret).await {
            Ok(Some((a, token))) => {
                actor = Some(a);
                csrf = Some(token);
            }
            Ok(None) => clear_session = true,
            Err(fazhi_app::AppError::Unavailable) => db_unavailable = true,
            Err(e) => tracing::error!(op_id = %op_id, error = %e, "session lookup failed"),
        }
    }
    let anon_csrf = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() == 64);
    let new_anon_csrf = if csrf.is_none() && anon_csrf.is_none() { Some(new_secret()) } else { None };
    let csrf = csrf.or(anon_csrf).or_else(|| new_anon_csrf.clone()).unwrap_or_default();
    let client_ip = crate::edge::client_ip(req.extensions(), req.headers(), &state.settings.trusted_proxies);
    let ctx = Ctx { op_id: op_id.clone(), actor: actor.clone(), csrf, session_secret, db_unavailable, client_ip };
    let path = req.uri().path().to_owned();
    req.extensions_mut().insert(ctx.clone());
    let mut res = match &actor {
        // A one-time password must be replaced before anything else: the
        // one place that enforces it for every page.
        Some(a) if a.must_change_password && !allowed_before_password_change(&path) => {
            WebError::PasswordChangeRequired.into_response()
        }
        _ => crate::edge::translate_rejection(&ctx, &path, next.run(req).await),
    };
    if let Some(err) = res.extensions_mut().remove::<RenderError>() {
        res = render_error(&ctx, err, &state);
    }
    let secure = state.settings.secure_cookies;
    if let Some(token) = new_anon_csrf {
        append_cookie(&mut res, secure_cookie(CSRF_COOKIE, token, secure));
    }
    if clear_session {
        let mut c = secure_cookie(SESSION_COOKIE, String::new(), secure);
        c.make_removal();
        append_cookie(&mut res, c);
    }
    if let Ok(v) = HeaderValue::from_str(&op_id) {
        res.headers_mut().insert("x-operation-id", v);
    }
    res.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res.headers_mut().insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res.headers_mut().insert("referrer-policy", HeaderValue::from_static("same-origin"));
    res
}

/// What a user who must replace a one-time password may still reach: the
/// password page, logging out, the public portal and the stylesheet.
fn allowed_before_password_change(path: &str) -> bool {
    matches!(path, "/" | "/account/password" | "/logout" | "/login" | "/static/app.css" | "/healthz")
        || path.starts_with("/portal/")
}

/// Adds a `Set-Cookie` header to a response.
pub fn append_cookie(res: &mut Response, c: Cookie<'static>) {
    if let Ok(v) = HeaderValue::from_str(&c.to_string()) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}
