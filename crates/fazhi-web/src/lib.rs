//! `fazhi-web`: everything that speaks HTTP.
//!
//! - the staff workbench (工作台) and administration pages, server-rendered
//!   with askama, usable without JavaScript ([`routes`]);
//! - the public portal (政务公开) ([`routes::portal`]);
//! - the JSON API under `/api/v1` with its OpenAPI document ([`api`]);
//! - `/healthz` and `/metrics` ([`ops`]).
//!
//! [`router`] builds the whole application from an [`AppState`]; [`serve`]
//! runs it on a listener until the shutdown future resolves, so tests bind
//! port 0 and the binary shuts down gracefully.
//!
//! Invariants: every POST form carries a CSRF token checked by
//! [`ctx::Ctx::check_csrf`]; handlers never show an internal error's text
//! (see [`error`]); request logs carry the method, the route pattern, the
//! status and an operation id, never query strings, bodies or cookies.

pub mod api;
mod chart;
pub mod ctx;
pub mod edge;
pub mod error;
pub mod limits;
pub mod ops;
pub mod routes;
pub mod views;

use axum::Router;
use fazhi_app::auth::PasswordCost;
use fazhi_app::App;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// Who may read `/metrics`.
#[derive(Debug, Clone)]
pub struct MetricsAccess {
    /// Clients on the loopback interface may read it without a token.
    pub loopback: bool,
    /// Anyone presenting `Authorization: Bearer <token>` may read it.
    pub token: Option<String>,
}

impl Default for MetricsAccess {
    fn default() -> Self {
        Self { loopback: true, token: None }
    }
}

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Mark cookies `Secure` (serve behind HTTPS). Off for plain-HTTP local use.
    pub secure_cookies: bool,
    pub password_cost: PasswordCost,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    pub metrics: MetricsAccess,
    /// Portal submissions per client address.
    pub portal_submissions: limits::Rate,
    /// Portal tracking look-ups per client address.
    pub portal_tracking: limits::Rate,
    /// Report checks running at once (each on the blocking pool).
    pub report_checks: usize,
    /// The longest one report-check request may take.
    pub report_check_timeout: Duration,
}

impl Default for WebSettings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            password_cost: PasswordCost::default(),
            trusted_proxies: Vec::new(),
            metrics: MetricsAccess::default(),
            portal_submissions: limits::Rate::per(10, Duration::from_secs(3600)),
            portal_tracking: limits::Rate::per(30, Duration::from_secs(60)),
            report_checks: 2,
            report_check_timeout: Duration::from_secs(60),
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub settings: WebSettings,
    pub metrics: Arc<ops::Metrics>,
    pub portal_submit_limit: Arc<limits::RateLimiter>,
    pub portal_track_limit: Arc<limits::RateLimiter>,
    /// Permits for report checks running at once.
    pub report_checks: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    pub fn new(app: App, settings: WebSettings) -> Self {
        Self {
            app,
            metrics: Arc::new(ops::Metrics::new()),
            portal_submit_limit: Arc::new(limits::RateLimiter::new(settings.portal_submissions)),
            portal_track_limit: Arc::new(limits::RateLimiter::new(settings.portal_tracking)),
            report_checks: Arc::new(tokio::sync::Semaphore::new(settings.report_checks.max(1))),
            settings,
        }
    }
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let metrics = Arc::clone(&state.metrics);
    Router::new()
        .merge(routes::router())
        .nest("/api/v1", api::router())
        .merge(ops::router())
        .fallback(routes::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(edge::FORM_LIMIT))
        .layer(axum::middleware::from_fn(edge::hygiene))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(edge::MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(state.clone(), ctx::context_layer))
        .layer(axum::middleware::from_fn_with_state(metrics, ops::observe))
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` resolves, then
/// finishes in-flight requests. The peer address of each connection is
/// available to the handlers (throttling, `/metrics`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
