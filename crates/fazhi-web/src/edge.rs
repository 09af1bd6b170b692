//! The edge of every request, before any handler runs:
//!
//! - [`hygiene`]: one validator for every form, query string and JSON body:
//!   control characters (a NUL byte above all) are refused with a Chinese
//!   message quoting the field, the same on SQLite and PostgreSQL, before
//!   anything reaches a database;
//! - [`client_ip`]: the client's address (the peer, or the address a trusted
//!   reverse proxy forwarded), for throttling and `/metrics`;
//! - [`body_limit`]: the body limit of each route, so that a refusal states
//!   the real limit;
//! - [`translate_rejection`]: extractor rejections (413, 415, 400/422 from a
//!   malformed form) become Chinese pages or structured API errors.

use crate::ctx::Ctx;
use crate::error::WebError;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fazhi_core::input::{forbidden_char, quote_for_message};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Ordinary forms and JSON bodies.
pub const FORM_LIMIT: usize = 1024 * 1024;
/// A portal submission (every field is short).
pub const PORTAL_FORM_LIMIT: usize = 64 * 1024;
/// One upload to the report checker, all files together.
pub const REPORT_UPLOAD_LIMIT: usize = fazhi_report::decode::MAX_UPLOAD_BYTES;
/// One attachment upload.
pub const ATTACHMENT_LIMIT: usize = fazhi_app::attachments::MAX_ATTACHMENT_BYTES + 64 * 1024;
/// A proposal list (.xlsx) to import.
pub const PROPOSAL_IMPORT_LIMIT: usize = fazhi_app::proposals::sheet::MAX_BYTES + 64 * 1024;
/// An activity list (.xlsx) to check or import (taking the good rows after
/// the preview sends only the token of the upload the server holds).
pub const ACTIVITY_IMPORT_LIMIT: usize = fazhi_app::sheet::MAX_BYTES + 64 * 1024;
/// The largest body any route accepts.
pub const MAX_BODY: usize = if REPORT_UPLOAD_LIMIT > ATTACHMENT_LIMIT { REPORT_UPLOAD_LIMIT } else { ATTACHMENT_LIMIT };

/// The body limit of the route at `path`.
pub fn body_limit(path: &str) -> usize {
    if path == "/tools/report-check" {
        REPORT_UPLOAD_LIMIT
    } else if path == "/cases/new/proposal/import" {
        PROPOSAL_IMPORT_LIMIT
    } else if path == "/activities/import" {
        ACTIVITY_IMPORT_LIMIT
    } else if (path.starts_with("/cases/") || path.starts_with("/activities/")) && path.ends_with("/attachments") {
        ATTACHMENT_LIMIT
    } else if path.starts_with("/portal/") {
        PORTAL_FORM_LIMIT
    } else {
        FORM_LIMIT
    }
}

/// A byte count for a message: "64KB", "20MB".
pub fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{}MB", bytes / (1024 * 1024))
    } else if bytes >= 1024 * 1024 {
        format!("{:.1}MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{}KB", bytes.div_ceil(1024))
    }
}

/// The client's address: the TCP peer, or, when the peer is a trusted
/// reverse proxy, the last address in `X-Forwarded-For` that is not one.
pub fn client_ip(req_ext: &axum::http::Extensions, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = req_ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    forwarded.into_iter().rev().find(|ip| !trusted.contains(ip)).unwrap_or(peer)
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The refusal of a field with a forbidden character.
fn refuse(ctx: Option<&Ctx>, path: &str, field: &str, value: &str) -> Response {
    let c = forbidden_char(value).map(|c| format!("\\u{{{:04X}}}", u32::from(c))).unwrap_or_default();
    let message =
        format!("“{field}”中含有不允许的控制字符({c}),请删除后重新提交。您输入的是“{}”", quote_for_message(value, 80));
    if is_api(path) {
        let op_id = ctx.map(|c| c.op_id.clone()).unwrap_or_default();
        return crate::api::error_response(StatusCode::BAD_REQUEST, "invalid", "输入有误", &op_id, field, &message);
    }
    WebError::BadRequest(message).into_response()
}

fn check_pairs(bytes: &[u8]) -> Option<(String, String)> {
    form_urlencoded::parse(bytes)
        .find(|(k, v)| forbidden_char(k).is_some() || forbidden_char(v).is_some())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
}

fn check_json(v: &serde_json::Value, at: &str) -> Option<(String, String)> {
    match v {
        serde_json::Value::String(s) => forbidden_char(s).map(|_| (at.to_owned(), s.clone())),
        serde_json::Value::Array(items) => items.iter().find_map(|i| check_json(i, at)),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            if forbidden_char(k).is_some() {
                Some((k.clone(), k.clone()))
            } else {
                check_json(v, k)
            }
        }),
        _ => None,
    }
}

/// Middleware: refuses control characters in the path, the query string and
/// form or JSON bodies (multipart uploads are files and are not inspected).
pub async fn hygiene(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let ctx = req.extensions().get::<Ctx>().cloned();
    let decoded_path = percent_encoding::percent_decode_str(&path).decode_utf8_lossy().into_owned();
    if forbidden_char(&decoded_path).is_some() {
        return refuse(ctx.as_ref(), &path, "地址", &decoded_path);
    }
    if let Some((k, v)) = req.uri().query().and_then(|q| check_pairs(q.as_bytes())) {
        return refuse(ctx.as_ref(), &path, &k, &v);
    }
    let content_type =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    let json = content_type.starts_with("application/json");
    if !form && !json {
        return next.run(req).await;
    }
    let limit = body_limit(&path);
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return too_large(ctx.as_ref(), &path),
    };
    let bad = if form {
        check_pairs(&bytes)
    } else {
        serde_json::from_slice::<serde_json::Value>(&bytes).ok().and_then(|v| check_json(&v, "body"))
    };
    if let Some((k, v)) = bad {
        return refuse(ctx.as_ref(), &path, &k, &v);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn too_large(ctx: Option<&Ctx>, path: &str) -> Response {
    let message = format!("提交的内容过大:此处上限为{},请精简后重新提交。", human_size(body_limit(path)));
    if is_api(path) {
        let op_id = ctx.map(|c| c.op_id.clone()).unwrap_or_default();
        return crate::api::error_response(StatusCode::PAYLOAD_TOO_LARGE, "too_large", &message, &op_id, "", "");
    }
    WebError::TooLarge(message).into_response()
}

/// Turns an extractor's plain-text rejection into a Chinese page or a
/// structured API error. Other responses pass unchanged.
pub fn translate_rejection(ctx: &Ctx, path: &str, res: Response) -> Response {
    let status = res.status();
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    let rendered = res.extensions().get::<crate::error::RenderError>().is_some();
    if rendered || !(status.is_client_error() && plain) || status == StatusCode::NOT_FOUND {
        return res;
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return too_large(Some(ctx), path);
    }
    let (code, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "不支持此请求方式。".to_owned()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "请求格式不受支持。".to_owned()),
        _ => ("invalid", "提交的内容无法识别,请返回上一页重新填写后提交。".to_owned()),
    };
    if is_api(path) {
        return crate::api::error_response(status, code, &message, &ctx.op_id, "", "");
    }
    let mut out = WebError::BadRequest(message).into_response();
    *out.status_mut() = status;
    if let Some(e) = out.extensions_mut().get_mut::<crate::error::RenderError>() {
        e.status = status;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_stated_in_messages() {
        assert_eq!(human_size(64 * 1024), "64KB");
        assert_eq!(human_size(20 * 1024 * 1024), "20MB");
        assert_eq!(body_limit("/portal/disclosure"), PORTAL_FORM_LIMIT);
        assert_eq!(body_limit("/tools/report-check"), REPORT_UPLOAD_LIMIT);
        assert_eq!(body_limit("/cases/3/attachments"), ATTACHMENT_LIMIT);
        assert_eq!(body_limit("/activities/3/attachments"), ATTACHMENT_LIMIT);
        assert_eq!(body_limit("/activities/import"), ACTIVITY_IMPORT_LIMIT);
    }

    #[test]
    fn forms_and_json_are_checked() {
        assert_eq!(check_pairs(b"a=1&b=x%00y"), Some(("b".into(), "x\0y".into())));
        assert_eq!(check_pairs(b"a=1&b=%E4%B8%AD%0A"), None, "line breaks are fine");
        let v = serde_json::json!({"name": "ok", "inner": {"subject": "a\u{0}b"}});
        assert_eq!(check_json(&v, "body"), Some(("subject".into(), "a\0b".into())));
    }

    #[test]
    fn forwarded_addresses_only_from_trusted_proxies() {
        let mut ext = axum::http::Extensions::new();
        ext.insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 5000))));
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "203.0.113.9, 10.0.0.1".parse().unwrap_or_else(|_| unreachable!()));
        let lo: IpAddr = [127, 0, 0, 1].into();
        assert_eq!(client_ip(&ext, &h, &[]), lo, "untrusted peer: the header is ignored");
        let proxy: IpAddr = [10, 0, 0, 1].into();
        assert_eq!(client_ip(&ext, &h, &[lo, proxy]), IpAddr::from([203, 0, 113, 9]));
    }
}
