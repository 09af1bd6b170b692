//! The report checker on a page: upload one or more published annual reports
//! (.txt, .html, .docx) and see what `fazhi report check` sees.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, CheckedReportView, Layout, PartView, ReportCheckPage};
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fazhi_report::{indicators, CheckOptions, PartCheck, PartKind, PartStatus, ReportCheck};
use std::sync::Arc;

/// At most this many files per upload.
const MAX_FILES: usize = 20;

/// Text extracted from one upload, all files together; files past it are
/// not checked (each file is also bounded by `decode::MAX_TEXT_BYTES`).
pub const REQUEST_TEXT_BUDGET: usize = 16 * 1024 * 1024;

/// How long a request waits for a free checker before being told to retry.
const QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Checks the files in order on the calling (blocking) thread, within the
/// text budget and the deadline; files beyond either get an error result.
fn check_within_budget(
    files: Vec<(String, Vec<u8>)>,
    opts: &CheckOptions,
    deadline: std::time::Instant,
) -> Vec<fazhi_report::ReportCheck> {
    let mut used = 0usize;
    files
        .into_iter()
        .map(|(name, bytes)| {
            let refuse = |message: String| {
                fazhi_report::ReportCheck::failed(&name, fazhi_report::InputError::new("too_large", message))
            };
            if std::time::Instant::now() >= deadline {
                return refuse("本次检查已超过时间上限,此文件未检查,请分批上传。".to_owned());
            }
            match fazhi_report::decode::decode(&name, &bytes) {
                Err(e) => fazhi_report::ReportCheck::failed(&name, e),
                Ok(decoded) => {
                    used += decoded.text.len();
                    if used > REQUEST_TEXT_BUDGET {
                        return refuse(format!(
                            "本次上传的文字合计超过{}MB上限,此文件未检查,请分批上传。",
                            REQUEST_TEXT_BUDGET / (1024 * 1024)
                        ));
                    }
                    fazhi_report::check_decoded_report(&name, decoded, opts)
                }
            }
        })
        .collect()
}

pub async fn form(ctx: Ctx) -> Result<Response, WebError> {
    ctx.staff()?;
    Ok(html(&ReportCheckPage {
        layout: Layout::new("年度报告体检", &ctx, "report-check"),
        reports: Vec::new(),
        error: None,
    }))
}

/// The judgment on one part as shown: 有 / 流于形式 / 缺失 / 未见(正文不完整), and its CSS class.
fn part_status(p: &PartCheck) -> (&'static str, &'static str) {
    match p.status {
        PartStatus::Present if p.token => ("流于形式", "token"),
        PartStatus::Present => ("有", "present"),
        PartStatus::Missing => ("缺失", "missing"),
        PartStatus::NotSeen => ("未见(正文不完整)", "not-seen"),
    }
}

fn view(r: &ReportCheck) -> CheckedReportView {
    let not_report = (!r.verdict.is_report).then(|| {
        (
            r.verdict.doc_type.clone().unwrap_or_else(|| "其他文件".to_owned()),
            r.verdict.reason.clone().unwrap_or_default(),
        )
    });
    let completeness = match &r.completeness {
        Some(c) if c.complete => format!("完整({})", c.evidence_zh()),
        Some(c) => format!("不完整,正文在结尾之前中断({})", c.evidence_zh()),
        None => "—".to_owned(),
    };
    CheckedReportView {
        file: r.file.clone(),
        error: r.error.as_ref().map(|e| e.message.clone()),
        unit: r.unit.clone().unwrap_or_else(|| "未识别".to_owned()),
        unit_parent: r.unit_parent.clone(),
        year: r.report_year.map(|y| format!("{y}年度")).unwrap_or_else(|| "未识别".to_owned()),
        date: r.publish_date.clone().unwrap_or_else(|| "页面未显示".to_owned()),
        script: match r.script {
            Some(fazhi_report::Script::Traditional) => "繁体",
            Some(fazhi_report::Script::Simplified) => "简体",
            None => "—",
        },
        completeness,
        not_report,
        // A document that is not a report has no parts to judge.
        parts: if !r.verdict.is_report {
            Vec::new()
        } else {
            PartKind::ALL
                .iter()
                .map(|k| {
                    let p = r.parts.get(*k);
                    let (status, class) = part_status(p);
                    PartView {
                        name: k.name_zh(),
                        status,
                        class,
                        heading: p.heading.clone().unwrap_or_default(),
                        chars: p.chars,
                    }
                })
                .collect()
        },
        // The verdict is shown on its own; its flag would repeat it.
        flags: r.flags.iter().filter(|f| f.code != "not_a_report").map(|f| f.message.clone()).collect(),
        figures: r
            .figures
            .iter()
            .map(|f| {
                (
                    f.text.clone(),
                    f.subject.clone(),
                    f.indicator.map(|id| indicators::label_zh(id).to_owned()).unwrap_or_default(),
                    f.approx.clone().unwrap_or_default(),
                )
            })
            .collect(),
    }
}

pub async fn check(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    ctx.staff()?;
    let mut csrf = String::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut error = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                error = Some(format!(
                    "上传中断或文件过大(单次上传合计不超过{}),请重试。",
                    crate::edge::human_size(crate::edge::REPORT_UPLOAD_LIMIT)
                ));
                break;
            }
        };
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "files" => {
                let name = field.file_name().unwrap_or("未命名文件").to_owned();
                match field.bytes().await {
                    Ok(b) if !(name.is_empty() && b.is_empty()) => files.push((name, b.to_vec())),
                    Ok(_) => {}
                    Err(_) => error = Some(format!("文件“{name}”上传不完整,请重试。")),
                }
            }
            _ => {}
        }
    }
    ctx.check_csrf(&csrf)?;
    if files.is_empty() && error.is_none() {
        error = Some("请选择至少一个报告文件(.txt、.html、.docx)。".to_owned());
    }
    if files.len() > MAX_FILES {
        error = Some(format!("一次最多检查{MAX_FILES}个文件,您选择了{}个。", files.len()));
        files.clear();
    }
    // A bounded number of checks run at once, each on the blocking pool, so
    // that other requests keep being served; the permit is held until the
    // check itself ends, even if the request has given up waiting.
    let permit = match tokio::time::timeout(QUEUE_WAIT, Arc::clone(&state.report_checks).acquire_owned()).await {
        Ok(Ok(p)) => p,
        _ => {
            return Err(WebError::TooManyRequests("正在检查的报告较多,请稍后再试。".to_owned()));
        }
    };
    let opts = CheckOptions::default();
    let limit = state.settings.report_check_timeout;
    let deadline = std::time::Instant::now() + limit;
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        check_within_budget(files, &opts, deadline)
    });
    let checked = match tokio::time::timeout(limit + std::time::Duration::from_secs(5), task).await {
        Ok(r) => r.map_err(|e| WebError::Internal(format!("report check task: {e}")))?,
        Err(_) => {
            error = Some(format!("检查超过时间上限({}秒),请分批上传。", limit.as_secs()));
            Vec::new()
        }
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ReportCheckPage {
        layout: Layout::new("年度报告体检", &ctx, "report-check"),
        reports: checked.iter().map(view).collect(),
        error,
    };
    Ok((status, html(&page)).into_response())
}
