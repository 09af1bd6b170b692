//! Table 3 of the 政府信息公开工作年度报告 (requests received and handled),
//! computed from the case records for a unit and year, with the balance
//! check shown; as a page and as an .xlsx file.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, FieldErrors, GoiTablePage, Layout};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use fazhi_app::cases::Table3Report;
use fazhi_app::indicators::Table4Report;
use fazhi_app::AppError;
use fazhi_core::procedure::ApplicantType;
use fazhi_core::procedure::ReviewRoute;

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct GoiQuery {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub subtree: String,
}

/// Column headings of table 3.
pub fn headings() -> Vec<&'static str> {
    let mut h: Vec<&'static str> = ApplicantType::ALL.iter().map(|t| t.zh()).collect();
    h.push("总计");
    h
}

/// Tables 3 and 4 of a unit's year.
type Tables = (Table3Report, Table4Report);

async fn compute(
    state: &AppState,
    ctx: &Ctx,
    q: &GoiQuery,
) -> Result<Result<Tables, Vec<fazhi_core::org::FieldError>>, WebError> {
    let actor = ctx.staff()?;
    let unit = q.unit.trim().parse::<i64>().unwrap_or(actor.unit_id);
    let year = match q.year.trim() {
        "" => chrono::Datelike::year(&state.app.now.today()) - 1,
        y => match y.parse::<i32>() {
            Ok(y) => y,
            Err(_) => {
                return Ok(Err(vec![fazhi_core::org::FieldError::new(
                    "year",
                    format!("年度应为四位数字,您输入的是“{y}”"),
                )]))
            }
        },
    };
    let subtree = q.subtree == "1";
    let both = match state.app.goi_table3(actor, unit, year, subtree).await {
        Ok(t3) => state.app.goi_table4(actor, unit, year, subtree).await.map(|t4| (t3, t4)),
        Err(e) => Err(e),
    };
    match both {
        Ok(r) => Ok(Ok(r)),
        Err(AppError::Invalid(errs)) => Ok(Err(errs)),
        Err(e) => Err(e.into()),
    }
}

pub async fn page(State(state): State<AppState>, ctx: Ctx, Query(q): Query<GoiQuery>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let units = super::units::tree_rows(&state.app.list_units(actor).await?);
    let result = compute(&state, &ctx, &q).await?;
    let (report, table4, errors) = match result {
        Ok((t3, t4)) => (Some(t3), Some(t4), Vec::new()),
        Err(e) => (None, None, e),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = GoiTablePage {
        layout: Layout::new("政府信息公开年报表三、表四", &ctx, "goi-report"),
        unit: if q.unit.is_empty() { actor.unit_id.to_string() } else { q.unit.clone() },
        year: report.as_ref().map(|r| r.year.to_string()).unwrap_or_else(|| q.year.clone()),
        subtree: q.subtree == "1",
        units,
        headings: headings(),
        lines: report.as_ref().map(|r| r.table.lines()).unwrap_or_default(),
        unit_name: report.as_ref().map(|r| r.unit_name.clone()).unwrap_or_default(),
        records: report.as_ref().map(|r| r.records).unwrap_or(0),
        balance: report.as_ref().map(|r| match &r.balance {
            Ok(()) => Ok("本年新收 + 上年结转 = 办理结果总计 + 结转下年度,各列平衡。".to_owned()),
            Err(e) => Err(e.to_string()),
        }),
        table4: table4.as_ref().map(table4_lines).unwrap_or_default(),
        table4_records: table4.as_ref().map(|t| t.records).unwrap_or(0),
        errors: FieldErrors(errors),
    };
    Ok((status, html(&page)).into_response())
}

pub async fn xlsx(State(state): State<AppState>, ctx: Ctx, Query(q): Query<GoiQuery>) -> Result<Response, WebError> {
    let (report, table4) = compute(&state, &ctx, &q)
        .await?
        .map_err(|e| WebError::BadRequest(e.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(";")))?;
    let bytes = workbook(&report, &table4).map_err(|e| WebError::Internal(format!("xlsx: {e}")))?;
    let name = format!("goi-tables-{}.xlsx", report.year);
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

/// The three groups of table 4, each with its five cells
/// (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
pub fn table4_lines(r: &Table4Report) -> Vec<(&'static str, [u64; 5])> {
    [ReviewRoute::Reconsideration, ReviewRoute::DirectSuit, ReviewRoute::SuitAfterReconsideration]
        .into_iter()
        .map(|route| (route.zh(), r.table.group(route).cells()))
        .collect()
}

/// Column headings of table 4.
pub const TABLE4_HEADINGS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// The .xlsx file: table 3 (title, headings, one line per row, the balance
/// check) and table 4 on a second sheet.
fn workbook(r: &Table3Report, t4: &Table4Report) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("表三")?;
    sheet.write_string(0, 0, format!("{} {}年度 收到和处理政府信息公开申请情况", r.unit_name, r.year))?;
    sheet.write_string(1, 0, "项目")?;
    for (i, h) in headings().iter().enumerate() {
        sheet.write_string(1, u16::try_from(i + 1).unwrap_or(0), *h)?;
    }
    for (row, (label, values)) in r.table.lines().iter().enumerate() {
        let y = u32::try_from(row + 2).unwrap_or(0);
        sheet.write_string(y, 0, label)?;
        for (i, v) in values.iter().enumerate() {
            sheet.write_number(y, u16::try_from(i + 1).unwrap_or(0), *v as f64)?;
        }
    }
    let last = u32::try_from(r.table.lines().len() + 3).unwrap_or(0);
    let check = match &r.balance {
        Ok(()) => "校验:各列平衡(一 + 二 = 三(七) + 四)".to_owned(),
        Err(e) => format!("校验未通过:{e}"),
    };
    sheet.write_string(last, 0, check)?;
    sheet.set_column_width(0, 48)?;
    let sheet = book.add_worksheet();
    sheet.set_name("表四")?;
    sheet.write_string(0, 0, format!("{} {}年度 政府信息公开行政复议、行政诉讼情况", t4.unit_name, t4.year))?;
    sheet.write_string(1, 0, "类别")?;
    for (i, h) in TABLE4_HEADINGS.iter().enumerate() {
        sheet.write_string(1, u16::try_from(i + 1).unwrap_or(0), *h)?;
    }
    for (row, (label, cells)) in table4_lines(t4).iter().enumerate() {
        let y = u32::try_from(row + 2).unwrap_or(0);
        sheet.write_string(y, 0, *label)?;
        for (i, v) in cells.iter().enumerate() {
            sheet.write_number(y, u16::try_from(i + 1).unwrap_or(0), *v as f64)?;
        }
    }
    sheet.set_column_width(0, 32)?;
    book.save_to_buffer()
}
