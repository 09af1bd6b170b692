//! The annual reports (issue 13, items 3-8): the demo's published reports
//! and a direct count of every figure; tables 3 and 4 of the GOI report
//! equal to the GOI page; a unit writing, the coordinator compiling and
//! reviewing, the checker blocking a contradicting figure until overridden,
//! the portal showing the report, its .docx downloading and its figures
//! linking to the records.

use crate::harness::{Browser, Page, TestApp};
use chrono::{Datelike, NaiveDate};
use fazhi_core::procedure::annual_report::{Data, FigureLine};
use fazhi_core::procedure::{
    Case, CorrectionScope, Disclosure, Litigation, LitigationRecord, Procedure, Reconsideration, ReconsiderationRecord,
};
use fazhi_document::{Document, Part, Run};

fn in_year(d: Option<NaiveDate>, year: i32) -> bool {
    d.is_some_and(|d| d.year() == year)
}

/// Every figure run of a document: (text, link).
fn figure_runs(doc: &Document) -> Vec<(String, String)> {
    fn walk(parts: &[Part], out: &mut Vec<(String, String)>) {
        for p in parts {
            match p {
                Part::Section(s) => walk(&s.parts, out),
                Part::Paragraph(p) => {
                    for r in &p.runs {
                        if let Run::Figure(f) = r {
                            out.push((f.text.clone(), f.records.clone()));
                        }
                    }
                }
                Part::Table(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.parts, &mut out);
    out
}

async fn states<P: Procedure>(t: &TestApp, kind: &str) -> Vec<(String, Case<P>)> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT received_on, state_json FROM cases WHERE kind = $1")
        .bind(kind)
        .fetch_all(t.app.operator_store().pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    rows.into_iter().map(|(r, s)| (r, serde_json::from_str(&s).unwrap_or_else(|e| panic!("{kind}: {e}")))).collect()
}

/// The value of a figure counted directly from the stored cases of the
/// whole district (the government's report covers its subtree).
async fn direct(t: &TestApp, f: &FigureLine, year: i32) -> Option<f64> {
    let received = |rows: &[(String, String)]| rows.iter().filter(|(r, _)| r.starts_with(&year.to_string())).count();
    let pct = |n: usize, d: usize| ((n as f64 * 10_000.0 / d as f64).round()) / 100.0;
    Some(match f.indicator.as_str() {
        "reconsideration.received"
        | "reconsideration.accepted"
        | "reconsideration.concluded"
        | "reconsideration.correction_rate" => {
            let cases = states::<Reconsideration>(t, Reconsideration::ID).await;
            let records: Vec<ReconsiderationRecord> =
                cases.iter().filter_map(|(_, c)| ReconsiderationRecord::of(c)).collect();
            let concluded: Vec<&ReconsiderationRecord> =
                records.iter().filter(|r| in_year(r.concluded.map(|c| c.0), year)).collect();
            match f.indicator.as_str() {
                "reconsideration.received" => records.iter().filter(|r| r.received.year() == year).count() as f64,
                "reconsideration.accepted" => records.iter().filter(|r| in_year(r.accepted, year)).count() as f64,
                "reconsideration.concluded" => concluded.len() as f64,
                _ => {
                    let corrected = concluded
                        .iter()
                        .filter(|r| r.concluded.is_some_and(|(_, o)| o.is_correction(CorrectionScope::Standard)))
                        .count();
                    pct(corrected, concluded.len())
                }
            }
        }
        "litigation.cases" | "litigation.concluded" => {
            let cases = states::<Litigation>(t, Litigation::ID).await;
            let records: Vec<LitigationRecord> = cases.iter().filter_map(|(_, c)| LitigationRecord::of(c)).collect();
            if f.indicator == "litigation.cases" {
                records.iter().filter(|r| r.received.year() == year).count() as f64
            } else {
                records.iter().filter(|r| in_year(r.concluded.map(|c| c.0), year)).count() as f64
            }
        }
        "disclosure.requests_received" => {
            let rows: Vec<(String, String)> = sqlx::query_as("SELECT received_on, kind FROM cases WHERE kind = $1")
                .bind(Disclosure::ID)
                .fetch_all(t.app.operator_store().pool())
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            received(&rows) as f64
        }
        "petition.received" => {
            use fazhi_core::procedure::petition::{Petition, Round};
            let cases = states::<Petition>(t, Petition::ID).await;
            cases.iter().filter(|(_, c)| c.data.round == Round::First && in_year(c.common.received_on, year)).count()
                as f64
        }
        "mediation.accepted" => {
            use fazhi_core::procedure::mediation::Mediation;
            let cases = states::<Mediation>(t, Mediation::ID).await;
            cases.iter().filter(|(_, c)| in_year(c.data.accepted_on, year)).count() as f64
        }
        "proposal.assigned" => {
            let cases = states::<fazhi_core::procedure::proposal::Proposal>(t, "proposal").await;
            cases.iter().filter(|(_, c)| in_year(c.data.assigned_on, year)).count() as f64
        }
        // Activities: counted or added up straight from their table.
        "activity.meeting_study.count"
        | "activity.training.count"
        | "activity.training.people"
        | "activity.education_event.count" => {
            let (kind, what) = match f.indicator.as_str() {
                "activity.meeting_study.count" => ("meeting_study", "COUNT(*)"),
                "activity.training.count" => ("training", "COUNT(*)"),
                "activity.training.people" => ("training", "SUM(participants)"),
                _ => ("education_event", "COUNT(*)"),
            };
            let n: i64 = sqlx::query_scalar(&format!(
                "SELECT CAST({what} AS BIGINT) FROM activities WHERE kind = $1 AND held_on >= $2 AND held_on <= $3"
            ))
            .bind(kind)
            .bind(format!("{year}-01-01"))
            .bind(format!("{year}-12-31"))
            .fetch_one(t.app.operator_store().pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
            n as f64
        }
        _ => return None,
    })
}

#[tokio::test]
async fn demo_reports_are_published_and_every_figure_equals_a_direct_count() {
    let t = TestApp::new().await;
    // 1 May: last year's reports have gone through their review and publication.
    t.now.advance(chrono::Duration::days(60));
    let added = t.app.load_demo_cases_scaled(7, 3).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(added.reports, 3, "{added:?}");
    let public = t.app.public_reports().await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(public.len(), 3, "{public:?}");
    let gov = public
        .iter()
        .find(|p| p.title == "云川区人民政府2025年度法治政府建设情况报告")
        .unwrap_or_else(|| panic!("{public:?}"));
    assert_eq!(gov.published_on, "2026-03-27", "before 1 April");
    let dept = public.iter().find(|p| p.unit_name == "区市场监督管理局").unwrap_or_else(|| panic!("{public:?}"));
    assert!(dept.published_on.as_str() < "2026-03-01", "the department reported before 1 March: {dept:?}");

    // Every figure of the published report, recounted from the records.
    let (_, doc) = t.app.public_report(gov.id).await.unwrap_or_else(|e| panic!("{e:?}"));
    let runs = figure_runs(&doc);
    assert!(runs.len() >= 8, "{runs:?}");
    let state: (String,) = sqlx::query_as(
        "SELECT c.state_json FROM cases c JOIN published_documents d ON d.case_id = c.id WHERE d.id = $1",
    )
    .bind(gov.id)
    .fetch_one(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let data: Data = serde_json::from_str::<serde_json::Value>(&state.0)
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_else(|| panic!("state"));
    let mut checked = 0;
    for f in &data.figures {
        assert!(runs.iter().any(|(text, link)| *text == f.text && *link == f.records), "{f:?} not in the document");
        let catalogue = fazhi_core::indicator::find(&Default::default(), &f.indicator).is_some();
        let to_records = f.records.starts_with(&format!("/reports/indicators/{}/records?", f.indicator));
        let to_activities = f.records.starts_with("/activities?unit=");
        assert!(
            if catalogue { to_records || to_activities } else { f.records.starts_with("/cases?kind=disclosure&") },
            "{f:?}"
        );
        if let Some(v) = direct(&t, f, 2025).await {
            assert!((v - f.value).abs() < 0.006, "{}: stated {}, counted {v}", f.text, f.value);
            checked += 1;
        }
    }
    // Every figure but the two litigation rates (负责人出庭应诉率, 败诉率), whose
    // \[U\] definitions the indicator tests of 行政应诉 cover.
    assert_eq!(checked + 2, data.figures.len(), "{checked} figures recounted of {}", data.figures.len());
    // The activities at the seeds' scale, each figure opening its records.
    let texts: Vec<&str> = data.figures.iter().map(|f| f.text.as_str()).collect();
    for want in ["全年开展政府常务会议会前学法7次", "参训2000人次", "开展普法活动130场"] {
        assert!(texts.contains(&want), "{want} not in {texts:?}");
    }
    let gov_id = fazhi_store::units::by_code(t.app.operator_store().pool(), "YC-GOV")
        .await
        .ok()
        .flatten()
        .map(|u| u.id)
        .unwrap_or_else(|| panic!("gov"));
    let study = data.figures.iter().find(|f| f.indicator == "activity.meeting_study.count").map(|f| f.records.clone());
    assert_eq!(
        study.as_deref(),
        Some(format!("/activities?unit={gov_id}&subtree=1&kind=meeting_study&from=2025-01-01&to=2025-12-31").as_str())
    );

    // Each figure in the HTML version opens exactly its records.
    figures_open_their_records(&t, gov.id, &data.figures).await;

    // The GOI report's tables 3 and 4 are those of the GOI page.
    let goi = public.iter().find(|p| p.kind_zh == "政府信息公开工作年度报告").unwrap_or_else(|| panic!("{public:?}"));
    let (_, goi_doc) = t.app.public_report(goi.id).await.unwrap_or_else(|e| panic!("{e:?}"));
    let u = fazhi_store::users::by_username(t.app.operator_store().pool(), "fzb")
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("fzb"));
    let actor = t.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"));
    let gov_unit = fazhi_store::units::by_code(t.app.operator_store().pool(), "YC-GOV")
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("gov"));
    let t3 = t.app.goi_table3(&actor, gov_unit.id, 2025, false).await.unwrap_or_else(|e| panic!("{e:?}"));
    let t4 = t.app.goi_table4(&actor, gov_unit.id, 2025, false).await.unwrap_or_else(|e| panic!("{e:?}"));
    let tables: Vec<&fazhi_document::Table> = goi_doc
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Section(s) => Some(s.parts.iter().filter_map(|x| match x {
                Part::Table(t) => Some(t),
                _ => None,
            })),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(tables.len(), 3, "tables 2, 3 and 4");
    assert_eq!(*tables[1], fazhi_document::goi::table3(&t3.table));
    assert_eq!(*tables[2], fazhi_document::goi::table4(&t4.table));
    assert!(t3.records > 0, "the demo has requests");

    // What the command line exports is the published document.
    let exported =
        t.app.published_annual_report("YC-GOV", 2025, "rule_of_law_report").await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(exported, doc);
    let missing =
        t.app.published_annual_report("YC-GOV", 2024, "rule_of_law_report").await.err().map(|e| e.to_string());
    assert!(missing.is_some_and(|m| m.contains("尚未公开")));
}

/// The number a list page says it lists: the records page (共 N 件案件),
/// the case list (共N件) or the activities list (共N条).
fn listed(p: &Page) -> u64 {
    assert_eq!(p.status, 200, "{}", p.body);
    let text = [p.select("p.summary"), p.select("p.count")].concat().join("");
    let digits: String =
        text.rsplit('共').next().unwrap_or("").trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("no total in {text:?}"))
}

/// Follows every figure link of the published report's HTML version as the
/// rule-of-law office (fzb) and checks that the records listed make the
/// figure: a count is the number of records listed (or, for 人次, the people
/// of the activities listed), a rate is its numerator's records over its
/// denominator's.
async fn figures_open_their_records(t: &TestApp, published: i64, figures: &[FigureLine]) {
    let s = t.serve().await;
    let fzb = Browser::new(&s);
    fzb.login("fzb", &t.password("fzb")).await;
    let html = fzb.get(&format!("/portal/reports/{published}")).await;
    assert_eq!(html.status, 200);
    let doc = scraper::Html::parse_document(&html.body);
    let a = scraper::Selector::parse("a.figure").unwrap_or_else(|e| panic!("{e:?}"));
    let links: Vec<(String, String)> = doc
        .select(&a)
        .map(|e| (e.text().collect::<String>(), e.value().attr("href").unwrap_or("").to_owned()))
        .collect();
    assert_eq!(links.len(), figures.len(), "every figure is a link: {links:?}");
    for (text, href) in &links {
        let f = figures.iter().find(|f| f.text == *text && f.records == *href).unwrap_or_else(|| panic!("{text}"));
        let opened = fzb.get(href).await;
        let counted = if f.text.contains('%') {
            let part = |p: &str| format!("{href}&part={p}");
            let (n, d) = (listed(&fzb.get(&part("numerator")).await), listed(&fzb.get(&part("denominator")).await));
            assert!(d > 0 && listed(&opened) >= d, "{text}: the page lists both parts");
            ((n as f64 * 10_000.0 / d as f64).round()) / 100.0
        } else if f.indicator.ends_with(".people") {
            let totals = opened.select("table.totals tbody td");
            assert_eq!(totals.len(), 3, "{text}: one kind listed: {totals:?}");
            totals[2].split('(').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{totals:?}"))
        } else {
            listed(&opened) as f64
        };
        assert!((counted - f.value).abs() < 0.006, "{text} ({href}): the records make {counted}");
    }
}

/// The page of a report: its id from a redirect.
fn id_of(p: &Page) -> i64 {
    p.location
        .as_deref()
        .and_then(|l| l.strip_prefix("/cases/"))
        .and_then(|l| l.split('/').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no report in {:?} ({}): {}", p.location, p.status, alerts(p)))
}

fn alerts(p: &Page) -> String {
    p.select("[role=alert] li, [role=alert]").join(" | ")
}

/// Posts an action of a report's page with its CSRF token and version.
async fn report_op(b: &Browser, id: i64, op: &str, fields: &[(&str, &str)]) -> Page {
    let page = b.get(&format!("/cases/{id}/report")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = page.csrf();
    let version = page.attr("input[name=version]", "value").unwrap_or_default();
    let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf), ("version", &version)];
    all.extend_from_slice(fields);
    b.post(&format!("/cases/{id}/report/{op}"), &all).await
}

/// Records a review step on the case page.
async fn case_step(b: &Browser, id: i64, action: &str, fields: &[(&str, &str)]) -> Page {
    let page = b.get(&format!("/cases/{id}")).await;
    let csrf = page.csrf();
    let version = page.attr("input[name=version]", "value").unwrap_or_default();
    let mut all: Vec<(&str, &str)> =
        vec![("csrf", &csrf), ("version", &version), ("action", action), ("date", "2026-03-02")];
    all.extend_from_slice(fields);
    let p = b.post(&format!("/cases/{id}/step"), &all).await;
    assert_eq!(p.status, 303, "{action}: {}", alerts(&p));
    p
}

#[tokio::test]
async fn a_unit_writes_the_coordinator_compiles_reviews_and_publishes_through_the_pages() {
    let t = TestApp::new().await;
    t.app.load_demo_cases_scaled(7, 2).await.unwrap_or_else(|e| panic!("{e:?}"));
    let s = t.serve().await;

    // A street's handler opens and writes the street's report.
    let street = Browser::new(&s);
    street.login("jd01.cbr", &t.password("jd01.cbr")).await;
    let list = street.get("/reports/annual").await;
    assert_eq!(list.status, 200);
    let unit = list.attr("select[name=unit_id] option[selected]", "value").unwrap_or_default();
    let early = street
        .submit(
            "/reports/annual",
            "/reports/annual",
            &[("kind", "rule_of_law_report"), ("unit_id", &unit), ("year", "2026")],
        )
        .await;
    assert_eq!(early.status, 422);
    assert!(alerts(&early).contains("尚未结束"), "{}", alerts(&early));
    let opened = street
        .submit(
            "/reports/annual",
            "/reports/annual",
            &[("kind", "rule_of_law_report"), ("unit_id", &unit), ("year", "2025")],
        )
        .await;
    let sid = id_of(&opened);
    let texts = [
        ("measures", "全面落实街道综合行政执法改革,规范执法程序,推进基层依法治理。"),
        ("shortcomings", "执法人员数量不足,部分人员法律素养有待提高,原因是培训的针对性不强。"),
        ("leaders", "街道党工委书记、办事处主任履行第一责任人职责,专题研究法治建设工作。"),
        ("plans", "下一年度加强执法人员培训,完善基层矛盾纠纷多元化解机制。"),
    ];
    for (part, body) in texts {
        let p = report_op(&street, sid, "write", &[("part", part), ("heading", ""), ("body", body)]).await;
        assert_eq!(p.status, 303, "{part}: {}", alerts(&p));
    }
    // Bad input keeps what was typed.
    let long = "长".repeat(20_001);
    let refused = report_op(&street, sid, "write", &[("part", "plans"), ("heading", ""), ("body", &long)]).await;
    assert_eq!(refused.status, 422);
    assert!(alerts(&refused).contains("过长"), "{}", alerts(&refused));
    assert!(refused.body.contains(&long[..300]), "the input is kept");
    // A handler may not publish; nor may anyone before the review steps.
    let handler_publish = report_op(&street, sid, "publish", &[]).await;
    assert!(alerts(&handler_publish).contains("单位负责人"), "{}", alerts(&handler_publish));
    let leader = Browser::new(&s);
    leader.login("jd01.fzr", &t.password("jd01.fzr")).await;
    let early_publish = report_op(&leader, sid, "publish", &[]).await;
    assert!(alerts(&early_publish).contains("尚未完成审核审议程序"), "{}", alerts(&early_publish));

    // The coordinator takes the district's report back for revision and compiles the street's.
    let fzb = Browser::new(&s);
    fzb.login("fzb", &t.password("fzb")).await;
    let reports = fzb.get("/reports/annual").await;
    let gov_link = reports.attr("table.cases a", "href").unwrap_or_else(|| panic!("no report listed"));
    let gov_id: i64 = {
        // The district's own 法治政府建设 report (the demo drafted and submitted it).
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT c.id FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.kind = 'rule_of_law_report' AND u.code = 'YC-GOV'",
        )
        .fetch_all(t.app.operator_store().pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        rows[0].0
    };
    assert!(!gov_link.is_empty());
    let gov_page = fzb.get(&format!("/cases/{gov_id}/report")).await;
    assert!(gov_page.body.contains("审核中"), "the demo submitted it today");
    case_step(&fzb, gov_id, "return_for_revision", &[("reason", "汇总街道报告后重新提交")]).await;
    let page = fzb.get(&format!("/cases/{gov_id}/report")).await;
    assert!(page.body.contains("汇总下级单位报告"), "the street's report can be compiled");
    let compiled = report_op(&fzb, gov_id, "compile", &[]).await;
    assert_eq!(compiled.status, 303, "{}", alerts(&compiled));
    let page = fzb.get(&format!("/cases/{gov_id}/report")).await;
    assert!(page.body.contains("街道办事处：全面落实街道综合行政执法改革"), "the street's text is in the district's");
    // A figure typed into the narrative that contradicts the records.
    let p = report_op(
        &fzb,
        gov_id,
        "write",
        &[("part", "measures"), ("heading", "自拟小标题"), ("body", "全年共收到行政复议申请99999件,均依法处理。")],
    )
    .await;
    assert_eq!(p.status, 303, "{}", alerts(&p));
    let page = fzb.get(&format!("/cases/{gov_id}/report")).await;
    let flags = page.select(".report-check li").join(" | ");
    assert!(flags.contains("99999") && flags.contains("不一致"), "the checker flags it: {flags}");
    case_step(&fzb, gov_id, "submit", &[]).await;
    case_step(&fzb, gov_id, "approve", &[("opinion", "同意")]).await;
    case_step(&fzb, gov_id, "government_meeting", &[("meeting", "区政府常务会议"), ("opinion", "")]).await;
    case_step(&fzb, gov_id, "party_meeting", &[("meeting", "区委常委会会议"), ("opinion", "")]).await;
    let blocked = report_op(&fzb, gov_id, "publish", &[]).await;
    assert_eq!(blocked.status, 422);
    assert!(alerts(&blocked).contains("99999"), "{}", alerts(&blocked));
    let short = report_op(&fzb, gov_id, "override", &[("reason", "无误")]).await;
    assert!(alerts(&short).contains("至少10个字"), "{}", alerts(&short));
    let over =
        report_op(&fzb, gov_id, "override", &[("reason", "该数字为全市口径,已在正文中说明,经审核准予公开")]).await;
    assert_eq!(over.status, 303, "{}", alerts(&over));
    let published = report_op(&fzb, gov_id, "publish", &[]).await;
    assert_eq!(published.status, 303, "{}", alerts(&published));
    let history = fzb.get(&format!("/cases/{gov_id}")).await;
    assert!(history.body.contains("说明理由后准予公开") && history.body.contains("fzb"), "who and when in the history");

    // The portal shows it, its figures link to the records, the .docx downloads.
    let public = Browser::new(&s);
    let home = public.get("/").await;
    assert!(!home.body.contains("<h2>法治政府建设年度报告</h2><p class=\"todo\">"), "no 尚未上线 card");
    let column = public.get("/portal/reports").await;
    assert!(column.body.contains("云川区人民政府2025年度法治政府建设情况报告"), "{}", column.body);
    let href = column.attr("table.decisions a", "href").unwrap_or_default();
    let view = public.get(&href).await;
    assert_eq!(view.status, 200);
    let received = "/reports/indicators/reconsideration.received/records?";
    assert!(view.body.contains(&format!("href=\"{received}")), "figures link to their records");
    let docx = public.http.get(format!("{}{href}/docx", s.base)).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docx.status().as_u16(), 200);
    let bytes = docx.bytes().await.unwrap_or_default();
    assert!(bytes.starts_with(b"PK"), "a .docx (zip)");
    // A record link opens the records behind the figure for a staff member.
    let link = view.attr(&format!("a[href^='{received}']"), "href").unwrap_or_default();
    let records = fzb.get(&link).await;
    assert_eq!(records.status, 200);
    assert!(records.body.contains("FY-2025-"), "the records behind the figure");
    assert!(public.get(&link).await.location.is_some_and(|l| l.starts_with("/login")), "staff only");

    // A published report is revised by a new version; the published one stays.
    let revised = report_op(&fzb, gov_id, "revise", &[]).await;
    let new_id = id_of(&revised);
    assert_ne!(new_id, gov_id);
    let again = public.get(&href).await;
    assert_eq!(again.body, view.body, "the published report stays as it was");
}
