//! Operations: `/healthz`, `/metrics` (Prometheus text format) and the
//! request-observing middleware that logs and counts every request.
//!
//! Logs carry method, route pattern (never the raw path with ids or the
//! query string), status, latency and operation id — no personal data.

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: String,
    pub route: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: String,
}

/// The process's metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("fazhi");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 14))
        });
        registry.register("http_requests", "HTTP requests by method, route and status", requests.clone());
        registry.register("http_request_duration_seconds", "HTTP request latency by route", latency.clone());
        Self { registry, requests, latency }
    }

    pub fn encode(&self) -> String {
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}

/// Counts, times and logs every request.
pub async fn observe(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().to_string();
    let route =
        req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_else(|| "unmatched".to_owned());
    let res = next.run(req).await;
    let elapsed = start.elapsed();
    let status = res.status().as_u16();
    let op_id = res.headers().get("x-operation-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    metrics.requests.get_or_create(&RequestLabels { method: method.clone(), route: route.clone(), status }).inc();
    metrics.latency.get_or_create(&RouteLabels { route: route.clone() }).observe(elapsed.as_secs_f64());
    tracing::info!(target: "fazhi::http", method = %method, route = %route, status, ms = elapsed.as_millis() as u64, op_id = %op_id, "request");
    res
}

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/metrics", get(metrics))
}

/// Liveness and database reachability.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.app.database_health().await {
        (true, backend) => Json(serde_json::json!({"status": "ok", "database": backend})).into_response(),
        (false, backend) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({"status": "unavailable", "database": backend})))
                .into_response()
        }
    }
}

/// `/metrics`, to loopback clients (if configured) or with the configured
/// bearer token; anyone else is told it is not here.
async fn metrics(State(state): State<AppState>, ctx: crate::ctx::Ctx, headers: axum::http::HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if !metrics_allowed(&state.settings.metrics, ctx.client_ip, bearer) {
        return crate::error::WebError::NotFound.into_response();
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.encode()).into_response()
}

/// Whether a client may read `/metrics`.
pub fn metrics_allowed(access: &crate::MetricsAccess, client: std::net::IpAddr, bearer: Option<&str>) -> bool {
    let token_ok = match (&access.token, bearer) {
        (Some(t), Some(b)) => {
            !t.is_empty() && t.len() == b.len() && t.bytes().zip(b.bytes()).fold(0u8, |a, (x, y)| a | (x ^ y)) == 0
        }
        _ => false,
    };
    token_ok || (access.loopback && client.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_only_to_loopback_or_with_the_token() {
        let remote: std::net::IpAddr = [203, 0, 113, 5].into();
        let lo: std::net::IpAddr = [127, 0, 0, 1].into();
        let open = crate::MetricsAccess { loopback: true, token: Some("s3cret-token".into()) };
        assert!(metrics_allowed(&open, lo, None));
        assert!(!metrics_allowed(&open, remote, None));
        assert!(!metrics_allowed(&open, remote, Some("wrong")));
        assert!(metrics_allowed(&open, remote, Some("s3cret-token")));
        let closed = crate::MetricsAccess { loopback: false, token: None };
        assert!(!metrics_allowed(&closed, lo, None));
        assert!(!metrics_allowed(&closed, lo, Some("")));
    }
}
