//! The report checker on a page: upload one or more published annual reports
//! (.txt, .html, .docx) and see what `fazhi report check` sees.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, CheckedReportView, Layout, PartView, ReportCheckPage};
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fazhi_report::{check_bytes, CheckOptions, PartKind, ReportCheck};

const PART_KINDS: [PartKind; 5] =
    [PartKind::Measures, PartKind::Shortcomings, PartKind::FirstResponsible, PartKind::NextYearPlan, PartKind::Other];

/// At most this many files per upload.
const MAX_FILES: usize = 50;

pub async fn form(ctx: Ctx) -> Result<Response, WebError> {
    ctx.staff()?;
    Ok(html(&ReportCheckPage {
        layout: Layout::new("年度报告体检", &ctx, "report-check"),
        reports: Vec::new(),
        error: None,
    }))
}

fn view(r: &ReportCheck) -> CheckedReportView {
    CheckedReportView {
        file: r.file.clone(),
        error: r.error.as_ref().map(|e| e.message.clone()),
        unit: r.unit.clone().unwrap_or_else(|| "未识别".to_owned()),
        year: r.report_year.map(|y| format!("{y}年度")).unwrap_or_else(|| "未识别".to_owned()),
        date: r.publish_date.clone().unwrap_or_else(|| "页面未显示".to_owned()),
        script: match r.script {
            Some(fazhi_report::Script::Traditional) => "繁体",
            Some(fazhi_report::Script::Simplified) => "简体",
            None => "—",
        },
        parts: PART_KINDS
            .iter()
            .map(|k| {
                let p = r.parts.get(*k);
                PartView {
                    name: k.name_zh(),
                    status: if !p.present {
                        "缺失"
                    } else if p.token {
                        "流于形式"
                    } else {
                        "有"
                    },
                    heading: p.heading.clone().unwrap_or_default(),
                    chars: p.chars,
                }
            })
            .collect(),
        flags: r.flags.iter().map(|f| f.message.clone()).collect(),
        figures: r
            .figures
            .iter()
            .map(|f| {
                (
                    f.text.clone(),
                    f.subject.clone(),
                    f.indicator.map(str::to_owned).unwrap_or_default(),
                    f.approx.clone().unwrap_or_default(),
                )
            })
            .collect(),
    }
}

pub async fn check(ctx: Ctx, mut multipart: Multipart) -> Result<Response, WebError> {
    ctx.staff()?;
    let mut csrf = String::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut error = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                error = Some("上传中断或文件过大(单次上传合计不超过32MB),请重试。".to_owned());
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
    let opts = CheckOptions::default();
    let checked =
        tokio::task::spawn_blocking(move || files.iter().map(|(n, b)| check_bytes(n, b, &opts)).collect::<Vec<_>>())
            .await
            .map_err(|e| WebError::Internal(format!("report check task: {e}")))?;
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ReportCheckPage {
        layout: Layout::new("年度报告体检", &ctx, "report-check"),
        reports: checked.iter().map(view).collect(),
        error,
    };
    Ok((status, html(&page)).into_response())
}
