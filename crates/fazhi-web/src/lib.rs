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
pub mod ctx;
pub mod error;
pub mod ops;
pub mod routes;
pub mod views;

use axum::Router;
use fazhi_app::auth::PasswordCost;
use fazhi_app::App;
use std::sync::Arc;

/// Settings of the web layer.
#[derive(Debug, Clone, Default)]
pub struct WebSettings {
    /// Mark cookies `Secure` (serve behind HTTPS). Off for plain-HTTP local use.
    pub secure_cookies: bool,
    pub password_cost: PasswordCost,
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub settings: WebSettings,
    pub metrics: Arc<ops::Metrics>,
}

impl AppState {
    pub fn new(app: App, settings: WebSettings) -> Self {
        Self { app, settings, metrics: Arc::new(ops::Metrics::new()) }
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
        .layer(axum::middleware::from_fn_with_state(state.clone(), ctx::context_layer))
        .layer(axum::middleware::from_fn_with_state(metrics, ops::observe))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(32 * 1024 * 1024))
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` resolves, then
/// finishes in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}
