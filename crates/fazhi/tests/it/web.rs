//! The web as a person and a machine client use it, route by route.

use crate::harness::{Browser, TestApp};
use fazhi_store::units;

async fn unit_id(t: &TestApp, code: &str) -> i64 {
    units::by_code(t.app.operator_store().pool(), code).await.ok().flatten().map(|u| u.id).unwrap_or(0)
}

#[tokio::test]
async fn anonymous_visitors_see_the_portal_and_are_sent_to_login() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let home = b.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.select("h1")[0].contains("政务公开"));
    assert!(home.body.contains("区市场监督管理局"), "public unit directory");
    assert!(!home.body.contains("Demo-"), "no secrets on the portal");
    for path in ["/workbench", "/units", "/admin/users", "/audit", "/account/password", "/m/disclosure"] {
        let p = b.get(path).await;
        assert_eq!((p.status, p.location.as_deref()), (303, Some("/login")), "{path}");
    }
    assert_eq!(b.get("/login").await.status, 200);
    let missing = b.get("/no/such/page").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("页面不存在") && missing.body.contains("操作编号"));
}

/// Every route, every role: what each may see (200), may not (403), or
/// cannot see because it is outside their unit's subtree (404).
#[tokio::test]
async fn route_matrix_for_every_role() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let scj = unit_id(&t, "YC-SCJGJ").await;
    let street = unit_id(&t, "YC-JX01").await;
    let scj_user = crate::harness::TestApp::user_id(&t, "scj.cbr").await;
    let routes: Vec<(String, [u16; 8])> = vec![
        //                                   admin fzb  fuyi jiandu scj.cbr scj.fzr jd.cbr jd.fzr
        ("/workbench".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/units".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        (format!("/units/{scj}"), [200, 200, 200, 200, 200, 200, 404, 404]),
        (format!("/units/{street}"), [200, 200, 200, 200, 404, 404, 200, 200]),
        ("/admin/units/new".into(), [200, 403, 403, 403, 403, 403, 403, 403]),
        ("/admin/users".into(), [200, 403, 403, 403, 403, 403, 403, 403]),
        ("/admin/users/new".into(), [200, 403, 403, 403, 403, 403, 403, 403]),
        (format!("/admin/users/{scj_user}"), [200, 403, 403, 403, 403, 403, 403, 403]),
        ("/audit".into(), [200, 200, 403, 403, 403, 403, 403, 403]),
        ("/account/password".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/account/tokens".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/m/enforcement".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/m/reconsideration".into(), [303, 303, 303, 303, 303, 303, 303, 303]),
        ("/cases?kind=reconsideration".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/cases?status=all&page=2".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/cases?kind=litigation&status=closed&due=".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/cases?due=overdue&q=%E6%9F%90".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/cases?page=abc".into(), [422, 422, 422, 422, 422, 422, 422, 422]),
        (format!("/cases?unit={scj}"), [200, 200, 200, 200, 200, 200, 422, 422]),
        ("/cases/new/reconsideration".into(), [403, 200, 200, 403, 200, 200, 200, 200]),
        ("/cases/new/litigation".into(), [403, 200, 200, 403, 200, 200, 200, 200]),
        ("/reports/indicators".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/portal/decisions".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("/m/nonexistent".into(), [404, 404, 404, 404, 404, 404, 404, 404]),
        ("/".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
    ];
    let users = ["admin", "fzb", "fuyi", "jiandu", "scj.cbr", "scj.fzr", "jd01.cbr", "jd01.fzr"];
    for (i, user) in users.iter().enumerate() {
        let b = Browser::new(&s);
        let login = b.login(user, &t.password(user)).await;
        assert_eq!((login.status, login.location.as_deref()), (303, Some("/workbench")), "{user} logs in");
        for (path, expected) in &routes {
            let p = b.get(path).await;
            assert_eq!(p.status, expected[i], "{user} GET {path}");
        }
        // A built mechanism's old address leads to where it lives; one not
        // built yet says so.
        assert_eq!(b.get("/m/petition").await.location.as_deref(), Some("/cases?kind=petition"), "{user}");
        assert!(b.get("/m/enforcement").await.body.contains("该功能尚未上线"), "{user}");
        // The menu shows administration only to those who may use it.
        let wb = b.get("/workbench").await;
        assert_eq!(wb.body.contains("href=\"/admin/users\""), *user == "admin", "{user} menu");
        assert_eq!(wb.body.contains("href=\"/audit\""), matches!(*user, "admin" | "fzb"), "{user} menu");
        // The scope line names the scope's root unit and counts the units
        // the unit list shows.
        let actor = t.actor(user).await;
        let units = t.app.list_units(&actor).await.unwrap_or_else(|e| panic!("{e}"));
        let root = match *user {
            "admin" => "全部单位".to_owned(),
            _ => units
                .iter()
                .find(|u| u.path == *actor.scope)
                .map(|u| u.name.clone())
                .unwrap_or_else(|| panic!("{user}")),
        };
        let line = format!("权限范围:{root}(共 {} 个单位)", units.len());
        assert!(units.len() > 1 && wb.body.contains(&line), "{user}: {line}");
    }
}

impl TestApp {
    pub async fn user_id(&self, username: &str) -> i64 {
        fazhi_store::users::by_username(self.app.operator_store().pool(), username)
            .await
            .ok()
            .flatten()
            .map(|u| u.user.id)
            .unwrap_or(0)
    }
}

#[tokio::test]
async fn unit_pages_list_only_the_subtree() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    let units = b.get("/units").await;
    let names = units.select("table.units tbody td:first-child a");
    assert_eq!(names, vec!["区市场监督管理局", "区市场监督管理局法制科"]);
}

#[tokio::test]
async fn failed_login_keeps_the_name_and_says_why_in_chinese() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let p = b.login("fzb", "not-the-password-1").await;
    assert_eq!(p.status, 401);
    assert_eq!(p.attr("input[name=username]", "value").as_deref(), Some("fzb"));
    assert_eq!(p.select("[role=alert]"), vec!["用户名或密码错误"]);
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_are_refused() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let p = b.post("/login", &[("username", "admin"), ("password", &t.password("admin"))]).await;
    assert_eq!(p.status, 403, "login without token");
    b.login("admin", &t.password("admin")).await;
    let p = b.post("/admin/units/new", &[("csrf", "forged"), ("code", "X1"), ("name", "伪造单位")]).await;
    assert_eq!(p.status, 403);
    assert!(p.body.contains("页面已过期"));
    assert_eq!(units::count_all(t.app.operator_store().pool()).await.unwrap_or(0), 64, "nothing written");
}

#[tokio::test]
async fn admin_creates_a_unit_with_errors_shown_and_input_kept() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("admin", &t.password("admin")).await;
    let parent = unit_id(&t, "YC-GOV").await.to_string();
    let bad = b
        .submit(
            "/admin/units/new",
            "/admin/units/new",
            &[
                ("parent_id", &parent),
                ("name", "区数据局"),
                ("code", "YC SJ"),
                ("kind", "department"),
                ("region_code", "99123"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.attr("input[name=name]", "value").as_deref(), Some("区数据局"), "input kept");
    assert_eq!(bad.attr("input[name=region_code]", "value").as_deref(), Some("99123"));
    let errors = bad.select(".field-error");
    assert!(errors.iter().any(|e| e.contains("单位编码") && e.contains("YC SJ")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("行政区划代码") && e.contains("99123")), "{errors:?}");
    let dup = b
        .submit(
            "/admin/units/new",
            "/admin/units/new",
            &[
                ("parent_id", &parent),
                ("name", "区数据局"),
                ("code", "YC-SFJ"),
                ("kind", "department"),
                ("region_code", "519901"),
            ],
        )
        .await;
    assert_eq!(dup.status, 422);
    assert!(dup.select(".field-error").iter().any(|e| e.contains("已被使用")));
    let ok = b
        .submit(
            "/admin/units/new",
            "/admin/units/new",
            &[
                ("parent_id", &parent),
                ("name", "区数据局"),
                ("code", "YC-SJ"),
                ("kind", "department"),
                ("region_code", "519901"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    let loc = ok.location.unwrap_or_default();
    let page = b.get(&loc).await;
    assert_eq!(page.select("h1"), vec!["区数据局"]);
    assert!(page.body.contains("已保存新单位"));
    let audit = b.get("/audit?entity=unit").await;
    assert!(audit.body.contains("区数据局"), "the change is in the trail");
    // Sequence numbers repeat across chains, so each row names its chain.
    let first_row = audit.select("table.audit tbody tr td");
    assert_eq!(first_row.first().map(String::as_str), Some("519901"), "{first_row:?}");
}

#[tokio::test]
async fn admin_creates_a_user_who_must_change_the_one_time_password() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let admin = Browser::new(&s);
    admin.login("admin", &t.password("admin")).await;
    let unit = unit_id(&t, "YC-MZJ").await.to_string();
    let created = admin
        .submit(
            "/admin/users/new",
            "/admin/users/new",
            &[("username", "mzj.cbr"), ("display_name", "民政局 刘洋"), ("unit_id", &unit), ("role", "handler")],
        )
        .await;
    assert_eq!(created.status, 201);
    let otp = created.select("code.secret").first().cloned().unwrap_or_default();
    assert!(otp.starts_with("Fz-"), "{otp}");
    let user = Browser::new(&s);
    assert_eq!(user.login("mzj.cbr", &otp).await.status, 303);
    let wb = user.get("/workbench").await;
    assert_eq!(wb.location.as_deref(), Some("/account/password"), "sent to change it");
    assert!(user.get("/account/password").await.body.contains("一次性密码"), "asked to change it");
    let changed = user
        .submit(
            "/account/password",
            "/account/password",
            &[("current", &otp), ("password", "new-secret-2026"), ("confirm", "new-secret-2026")],
        )
        .await;
    assert_eq!((changed.status, changed.location.as_deref()), (303, Some("/login")));
    let again = Browser::new(&s);
    assert_eq!(again.login("mzj.cbr", "new-secret-2026").await.status, 303);
    let short = again
        .submit(
            "/account/password",
            "/account/password",
            &[("current", "new-secret-2026"), ("password", "short"), ("confirm", "short")],
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(short.body.contains("至少12位"));
}

#[tokio::test]
async fn logout_ends_the_session() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    let wb = b.get("/workbench").await;
    assert_eq!(wb.status, 200);
    let out = b.post("/logout", &[("csrf", &wb.csrf())]).await;
    assert_eq!(out.status, 303);
    assert_eq!(b.get("/workbench").await.status, 303);
}

#[tokio::test]
async fn api_uses_tokens_and_structured_errors() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    let issued = b.submit("/account/tokens", "/account/tokens", &[("name", "对接系统")]).await;
    let token = issued.select("code.secret").first().cloned().unwrap_or_default();
    assert!(token.starts_with("fz_"));
    let api = reqwest::Client::new();
    let url = |p: &str| format!("{}/api/v1{p}", s.base);
    let me: serde_json::Value = api
        .get(url("/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(me["username"], "scj.cbr");
    assert_eq!(me["role"], "handler");
    let units: serde_json::Value = api
        .get(url("/units"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(units.as_array().map(Vec::len), Some(2), "scoped");

    let res = api.get(url("/me")).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 401);
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert_eq!(body["error"]["operation_id"].as_str().map(str::len), Some(16));

    let res = api
        .post(url("/units"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 400);
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    assert_eq!(body["error"]["code"], "invalid_json");

    let res = api
        .post(url("/units"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"code":"X-1","name":"某局","kind":"department","region_code":"519901","parent_id":1}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 403, "a handler may not create units");
    let res = api.get(url("/nope")).bearer_auth(&token).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 404);
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn api_validation_errors_name_the_fields() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("admin", &t.password("admin")).await;
    let token = b
        .submit("/account/tokens", "/account/tokens", &[("name", "测试")])
        .await
        .select("code.secret")
        .first()
        .cloned()
        .unwrap_or_default();
    let root = unit_id(&t, "YC-GOV").await;
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/units", s.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"code":"ok-code","name":"某","kind":"bogus","region_code":"12","parent_id":root}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 400);
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    assert_eq!(body["error"]["code"], "invalid");
    let fields: Vec<_> = body["error"]["fields"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|f| f["field"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(fields, vec!["name", "kind", "region_code"]);
}

#[tokio::test]
async fn openapi_document_is_stable() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let doc: serde_json::Value = reqwest::get(format!("{}/api/v1/openapi.json", s.base))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn health_and_metrics() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let h = b.get("/healthz").await;
    assert_eq!(h.status, 200);
    assert!(h.body.contains("\"ok\""));
    b.get("/login").await;
    let m = b.get("/metrics").await;
    assert!(
        m.body.contains("fazhi_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"),
        "{}",
        m.body
    );
    assert!(m.body.contains("fazhi_http_request_duration_seconds_bucket"));
}

#[tokio::test]
async fn a_database_that_goes_away_gives_503_not_a_panic() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    t.app.operator_store().close().await;
    let p = b.get("/workbench").await;
    assert_eq!(p.status, 503);
    assert!(p.body.contains("服务暂时不可用") && p.body.contains("操作编号"));
    assert_eq!(b.get("/healthz").await.status, 503);
}

#[tokio::test]
async fn deadline_calculator_page_explains_the_due_date() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    // 依申请公开 received Friday 2025-01-24, before the 2025 Spring Festival
    // (holiday 01-28..02-04; 调休 Sunday 01-26 and Saturday 02-08 are working days).
    // 20 working days: 01-26(1) 01-27(2) 02-05..07(3-5) 02-08(6) 02-10..14(7-11)
    // 02-17..21(12-16) 02-24..27(17-20) → 2025-02-27.
    let p = b.get("/tools/deadline?procedure=disclosure&received=2025-01-24").await;
    assert_eq!(p.status, 200);
    let cells = p.select("table tbody td");
    assert!(cells.iter().any(|c| c == "2025-02-27"), "{cells:?}");
    assert!(p.body.contains("春节"), "the explanation names the holiday");
    let bad = b.get("/tools/deadline?procedure=disclosure&received=2025-13-01").await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.attr("input[name=received]", "value").as_deref(), Some("2025-13-01"));
    assert!(bad.select("[role=alert]").iter().any(|e| e.contains("2025-13-01")));
    // A kind's own event has its own field: a ruling served 2024-09-20 leaves
    // 10 days to appeal (行政诉讼法 Art. 85) → 2024-09-30; the field keeps the value.
    let p = b.get("/tools/deadline?procedure=litigation&received=2024-09-02&ruling_served=2024-09-20").await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(p.select("table tbody td").iter().any(|c| c == "2024-09-30"), "{:?}", p.select("table tbody td"));
    assert_eq!(p.attr("input[name=ruling_served]", "value").as_deref(), Some("2024-09-20"));
    // Another kind's event is refused, with the input kept.
    let p = b.get("/tools/deadline?procedure=disclosure&received=2024-09-02&accepted=2024-09-03").await;
    assert_eq!(p.status, 422);
    assert!(p.select("[role=alert]").iter().any(|e| e.contains("不适用于依申请公开")), "{}", p.body);
    assert_eq!(p.attr("input[name=accepted]", "value").as_deref(), Some("2024-09-03"));
}

#[tokio::test]
async fn coordinator_imports_a_holiday_notice_on_the_calendar_page() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    let bad = "[y2027]\nholidays = [[\"2027-01-05\", \"2027-01-01\"]]\nworkdays = []\n";
    let p = b.submit("/tools/calendar", "/tools/calendar", &[("notice", bad)]).await;
    assert_eq!(p.status, 422);
    assert!(p.select("textarea[name=notice]")[0].contains("2027-01-05"), "input kept");
    let good = "[y2027]\nholidays = [[\"2027-01-01\", \"2027-01-03\", \"元旦\"]]\nworkdays = []\n";
    let p = b.submit("/tools/calendar", "/tools/calendar", &[("notice", good)]).await;
    assert_eq!(p.status, 200);
    assert!(p.body.contains("2027年节假日安排已导入"), "{}", p.body);
    assert!(p.body.contains("2026、2027"));
    let handler = Browser::new(&s);
    handler.login("scj.cbr", &t.password("scj.cbr")).await;
    let page = handler.get("/tools/calendar").await;
    assert!(page.select("textarea").is_empty(), "handlers see the calendar but cannot import");
    let forged = handler.submit("/tools/deadline", "/tools/calendar", &[("notice", good)]).await;
    assert_eq!(forged.status, 403);
}

#[tokio::test]
async fn report_check_page_reads_an_uploaded_report() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/samples/reports/003_7154703e6cb5bf5f.txt");
    let Ok(bytes) = std::fs::read(&sample) else {
        eprintln!("skipped: {} not found", sample.display());
        return;
    };
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("jiandu", &t.password("jiandu")).await;
    let csrf = b.get("/tools/report-check").await.csrf();
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("files", reqwest::multipart::Part::bytes(bytes).file_name("yanqing.txt"))
        .part("files", reqwest::multipart::Part::bytes(vec![0u8, 159, 146, 150, 0, 1]).file_name("broken.docx"));
    let res = b
        .http
        .post(format!("{}/tools/report-check", s.base))
        .multipart(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 200);
    let page = crate::harness::Page { status: 200, location: None, body: res.text().await.unwrap_or_default() };
    assert_eq!(page.select("section.report h2"), vec!["yanqing.txt", "broken.docx"]);
    assert!(page.select("dd.unit")[0].contains("延庆"), "{:?}", page.select("dd.unit"));
    assert_eq!(page.select("dd.year")[0], "2021年度");
    assert_eq!(page.select("dd.date")[0], "2022-03-29");
    assert_eq!(
        page.select("section.report")[1].contains("docx").then_some(()),
        Some(()),
        "the broken file gets its own reason"
    );
    let without_token = reqwest::multipart::Form::new()
        .part("files", reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("a.txt"));
    let res = b
        .http
        .post(format!("{}/tools/report-check", s.base))
        .multipart(without_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 403);
}

/// Uploads one text file to the report checker as 监督 and returns the result page.
async fn upload_report(name: &str, text: &str) -> crate::harness::Page {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("jiandu", &t.password("jiandu")).await;
    let csrf = b.get("/tools/report-check").await.csrf();
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("files", reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name(name.to_owned()));
    let res = b
        .http
        .post(format!("{}/tools/report-check", s.base))
        .multipart(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 200);
    crate::harness::Page { status: 200, location: None, body: res.text().await.unwrap_or_default() }
}

#[tokio::test]
async fn report_check_page_says_not_seen_for_parts_after_a_cut() {
    // A report (our own words) whose page stops in the middle of part two.
    let text = "青禾县2023年法治政府建设情况报告\n\
        2023年,青禾县坚持把法治政府建设摆在全局工作的突出位置,围绕群众关心的执法、审批和纠纷化解等事项持续用力,\
        各项工作取得新的进展。现将有关情况报告如下。\n\
        一、主要举措和成效\n\
        (一)决策程序更加规范。县政府出台重大行政决策事项目录管理办法,凡涉及群众切身利益的决策事项一律公开征求意见,\
        全年组织召开听证会四场。\n\
        (二)执法监督持续加强。县司法局牵头开展执法案卷评查,对发现的问题逐一反馈整改,全年收到行政复议申请三十七件,\
        审结三十二件。县政府常务会议全年会前学法十一次。\n\
        (三)基层治理法治化水平提升。各乡镇普遍建立法律顾问制度,矛盾纠纷就地化解的比例明显提高。\n\
        二、存在的不足和原因\n\
        一是部分乡镇执法人员的专业能力与新形势要求还有差距,在办理较为复杂的案件时";
    let page = upload_report("qinghe.txt", text).await;
    let statuses = page.select("td.part-status");
    assert_eq!(
        statuses,
        vec!["有", "有", "未见(正文不完整)", "未见(正文不完整)", "未见(正文不完整)"],
        "parts the text never reached are not seen, not missing"
    );
    assert!(page.select("td.part-status.missing").is_empty());
    assert!(!page.body.contains("缺失"), "{}", page.body);
    let completeness = page.select("dd.completeness");
    assert!(completeness[0].starts_with("不完整") && completeness[0].contains("句子中间"), "{completeness:?}");
    assert_eq!(page.select("dd.verdict"), vec!["法治政府建设年度报告"]);
    // Indicators are named in Chinese, never by their ids.
    let figures = page.select("table.figures td");
    assert!(figures.iter().any(|f| f == "会前学法"), "{figures:?}");
    assert!(figures.iter().any(|f| f == "收到行政复议申请"), "{figures:?}");
    assert!(!page.body.contains("study.sessions") && !page.body.contains("reconsideration."), "{}", page.body);
}

#[tokio::test]
async fn report_check_page_shows_the_verdict_on_a_work_plan() {
    // A work plan (our own words), which is not an annual report: no part judgments.
    let text = "青禾县司法局2024年法治政府建设工作要点\n\
        为进一步推进依法行政,加快法治政府建设步伐,结合本县实际,现提出2024年法治政府建设工作要点如下。\n\
        一、健全依法决策机制\n\
        严格执行重大行政决策程序规定,完善决策前的风险评估和合法性审查环节,推动决策事项目录按时向社会公布。\n\
        二、规范行政执法行为\n\
        全面落实行政执法公示、执法全过程记录和重大执法决定法制审核制度,组织开展执法案卷评查和执法人员轮训。\n\
        三、强化权力制约监督\n\
        自觉接受人大监督、民主监督和司法监督,认真办理人大代表建议和政协委员提案,及时回应社会关切。";
    let page = upload_report("yaodian.txt", text).await;
    let verdict = page.select("p.verdict");
    assert_eq!(verdict.len(), 1, "{}", page.body);
    assert!(verdict[0].contains("不是法治政府建设年度报告") && verdict[0].contains("工作要点"), "{verdict:?}");
    assert!(verdict[0].contains("标题"), "the reason is given: {verdict:?}");
    assert_eq!(page.select("dd.verdict"), vec!["工作要点(不是年度报告)"]);
    assert!(page.select("table.parts").is_empty(), "no part table for a work plan");
    assert!(!page.body.contains("缺失"), "{}", page.body);
    assert_eq!(page.select("dd.unit"), vec!["青禾县司法局"]);
}

#[tokio::test]
async fn report_check_page_shows_the_region_of_the_unit() {
    // A department named without its region, which the opening sentence gives.
    let text = "司法局2023年法治政府建设年度报告\n\
        2023年,在青禾县委、县政府的坚强领导下,我局坚持依法履职,扎实推进法治政府建设各项任务,现将有关情况报告如下。\n\
        一、主要举措和成效\n\
        全面梳理执法事项清单,组织执法人员集中轮训,全年办理法律援助案件一百二十件,群众满意度稳步提升。\n\
        二、存在的不足和原因\n\
        基层法律服务力量分布不均,个别股室对新出台法规的学习还不够深入。\n\
        三、党政主要负责人履行推进法治建设第一责任人职责情况\n\
        局主要负责人带头尊法学法守法用法,亲自研究部署法治建设重点任务。\n\
        四、2024年工作安排\n\
        继续完善执法监督机制,加强法治宣传教育,提升基层法律服务水平。\n\
        五、其他需要报告的事项\n\
        本年度没有其他需要报告的事项。\n\
        青禾县司法局\n\
        2024年3月12日";
    let page = upload_report("sifaju.txt", text).await;
    let parent = page.select("dd.unit-parent");
    assert_eq!(parent.len(), 1, "{:?} {}", page.select("dl.facts"), page.body);
    assert!(parent[0].contains("青禾县"), "{parent:?}");
    let statuses = page.select("td.part-status");
    assert_eq!(statuses.len(), 5);
    assert!(statuses.iter().all(|s| s == "有" || s == "流于形式"), "{statuses:?}");
    assert!(page.select("dd.completeness")[0].starts_with("完整"), "{:?}", page.select("dd.completeness"));
}

#[tokio::test]
async fn admin_moves_a_user_to_another_unit_and_scope_follows() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let admin = Browser::new(&s);
    admin.login("admin", &t.password("admin")).await;
    let id = t.user_id("jd01.cbr").await;
    let page = format!("/admin/users/{id}");
    let scj = unit_id(&t, "YC-SCJGJ").await.to_string();
    let empty = admin
        .submit(&page, &page, &[("version", "1"), ("display_name", ""), ("unit_id", &scj), ("role", "handler")])
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.select(".field-error").iter().any(|e| e.contains("姓名")));
    let saved = admin
        .submit(&page, &page, &[("version", "1"), ("display_name", "孙悦"), ("unit_id", &scj), ("role", "leader")])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let stale = admin
        .submit(&page, &page, &[("version", "1"), ("display_name", "孙悦2"), ("unit_id", &scj), ("role", "leader")])
        .await;
    assert_eq!(stale.status, 409, "an edit based on an old version is refused");
    let user = Browser::new(&s);
    user.login("jd01.cbr", &t.password("jd01.cbr")).await;
    let units = user.get("/units").await;
    assert_eq!(units.select("table.units tbody td:first-child a"), vec!["区市场监督管理局", "区市场监督管理局法制科"]);
}

/// 依申请公开 through correction, extension and reply, on the 2025 Spring
/// Festival calendar; the workbench shows it by urgency while open.
#[tokio::test]
async fn a_disclosure_request_runs_through_correction_extension_and_reply() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    let bad = b
        .submit(
            "/cases/new/disclosure",
            "/cases/new/disclosure",
            &[
                ("received_on", "2099-01-01"),
                ("applicant_type", "0"),
                ("name", "张三"),
                ("subject", "某项行政许可的审批材料"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "a receipt date in the future is refused");
    assert_eq!(bad.select("textarea[name=subject]"), vec!["某项行政许可的审批材料"], "input kept");
    let created = b
        .submit(
            "/cases/new/disclosure",
            "/cases/new/disclosure",
            &[
                ("received_on", "2025-01-20"),
                ("applicant_type", "1"),
                ("name", "某某商贸有限公司"),
                ("contact", "13800000000"),
                ("subject", "2024年度食品抽检结果"),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let case = created.location.unwrap_or_default();
    let page = b.get(&case).await;
    // 20 working days from 2025-01-20 across the Spring Festival (01-28..02-04; 调休 01-26, 02-08):
    // 01-21..24 (4), 01-26 (5), 01-27 (6), 02-05..07 (9), 02-08 (10), 02-10..14 (15), 02-17..21 (20).
    let dues = page.select("table.deadlines td strong");
    assert!(dues.contains(&"2025-02-21".to_owned()), "{dues:?}");
    let step = |action: &'static str, date: &'static str, extra: Vec<(&'static str, &'static str)>| {
        let b = &b;
        let case = case.clone();
        async move {
            let page = b.get(&case).await;
            let version = page.attr("input[name=version]", "value").unwrap_or_default();
            let mut fields = vec![
                ("csrf", page.csrf()),
                ("version", version),
                ("action", action.to_owned()),
                ("date", date.to_owned()),
            ];
            fields.extend(extra.into_iter().map(|(k, v)| (k, v.to_owned())));
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            b.post(&format!("{case}/step"), &refs).await
        }
    };
    assert_eq!(step("request_correction", "2025-01-22", vec![]).await.status, 303);
    assert_eq!(step("receive_correction", "2025-02-05", vec![]).await.status, 303);
    let no_approver = step("grant_extension", "2025-02-20", vec![("days", "20")]).await;
    assert_eq!(no_approver.status, 422, "an extension without approval is refused");
    assert_eq!(
        step("grant_extension", "2025-02-20", vec![("days", "20"), ("approved_by", "李主任")]).await.status,
        303
    );
    let wb = b.get("/workbench").await;
    assert!(wb.body.contains("2024年度食品抽检结果"), "open case on the workbench");
    let no_outcome = step("reply", "2025-03-20", vec![]).await;
    assert_eq!(no_outcome.status, 422, "a reply without an outcome code is refused");
    assert_eq!(step("reply", "2025-03-20", vec![("outcome", "disclosed")]).await.status, 303);
    let done = b.get(&case).await;
    assert_eq!(done.select("dd.stage"), vec!["已答复"]);
    let letter = b.get(&format!("{case}/letter")).await;
    assert_eq!(letter.status, 200);
    // The answer in plain words (not the row label of table 3), the law named in
    // 《》, dates as documents write them.
    let answer = letter.select("p.outcome").join("");
    assert!(answer.contains("本机关予以公开") && !answer.contains("（一）"), "{answer}");
    assert!(letter.body.contains("某某商贸有限公司") && letter.body.contains("《政府信息公开条例》第三十六条"));
    assert!(letter.body.contains("2025年3月20日"), "reply date written in full");
    assert_eq!(done.select("table.history tbody tr").len(), 5);
    // The extension is in the rule's unit: working days (条例 Art. 33 ¶2).
    assert!(done.select("table.history td").iter().any(|t| t.contains("批准延长期限20个工作日")), "history unit");
    let other = Browser::new(&s);
    other.login("jd01.cbr", &t.password("jd01.cbr")).await;
    assert_eq!(other.get(&case).await.status, 404, "another unit's case does not exist for them");
}

#[tokio::test]
async fn the_public_files_a_request_and_follows_it_by_receipt_code() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let public = Browser::new(&s);
    let unit = unit_id(&t, "YC-ZJJ").await.to_string();
    let missing = public
        .submit(
            "/portal/disclosure",
            "/portal/disclosure",
            &[("unit_id", &unit), ("applicant_type", "0"), ("name", ""), ("subject", "某小区规划许可")],
        )
        .await;
    assert_eq!(missing.status, 422);
    assert_eq!(missing.select("textarea[name=subject]"), vec!["某小区规划许可"]);
    let filed = public
        .submit(
            "/portal/disclosure",
            "/portal/disclosure",
            &[
                ("unit_id", &unit),
                ("applicant_type", "0"),
                ("name", "王小明"),
                ("id_number", "11010519491231002X"),
                ("phone", "13912345678"),
                ("address", "北京市海淀区某街道某小区"),
                ("delivery", "邮寄纸质材料"),
                ("subject", "某小区规划许可"),
            ],
        )
        .await;
    assert_eq!(filed.status, 201);
    let code = filed.select("code.receipt").first().cloned().unwrap_or_default();
    assert_eq!(code.len(), 12);
    let track = public.get(&format!("/portal/track?code={}", code.to_lowercase())).await;
    assert_eq!(track.select("dl.progress dd.stage"), vec!["已收到申请"]);
    assert!(!track.body.contains("王小明") && !track.body.contains("13912345678"), "no personal data on the portal");
    let unknown = public.get("/portal/track?code=ABCDEFGHJKLM").await;
    assert!(unknown.body.contains("未找到回执码“ABCDEFGHJKLM”"));
    // Staff of the addressed unit see it, with the applicant.
    let staff = Browser::new(&s);
    staff.login("fzb", &t.password("fzb")).await;
    let list = staff.get("/cases").await;
    assert!(list.body.contains("某小区规划许可"));
}

/// Table 3 from the records: one request carried in from 2024, two received
/// in 2025 (one answered, one still open at year end).
#[tokio::test]
async fn goi_table_three_balances_and_exports() {
    use fazhi_app::cases::DisclosureInput;
    use fazhi_core::procedure::form::code_of;
    use fazhi_core::procedure::DisclosureOutcome;
    let t = TestApp::new().await;
    let u = fazhi_store::users::by_username(t.app.operator_store().pool(), "scj.cbr")
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("user"));
    let actor = t.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"));
    let file = |received: &'static str, kind: &'static str| {
        let input = DisclosureInput {
            unit_id: Some(actor.unit_id),
            received_on: received.into(),
            applicant_type: kind.into(),
            name: "申请人".into(),
            contact: String::new(),
            subject: format!("申请{received}"),
        };
        let app = t.app.clone();
        let actor = actor.clone();
        async move { app.register_disclosure(&actor, &input).await.unwrap_or_else(|e| panic!("{e:?}")) }
    };
    let a = file("2024-12-20", "0").await;
    let b = file("2025-03-03", "1").await;
    let _open = file("2025-12-22", "0").await;
    let outcome = code_of(&DisclosureOutcome::Disclosed);
    let reply = |name: &str| (name == "outcome").then(|| outcome.clone());
    for (c, on) in [(&a, "2025-01-10"), (&b, "2025-03-20")] {
        t.app.record_case_step(&actor, c.id, c.version, "reply", &reply, on).await.unwrap_or_else(|e| panic!("{e:?}"));
    }

    let s = t.serve().await;
    let br = Browser::new(&s);
    br.login("scj.cbr", &t.password("scj.cbr")).await;
    let page = br.get(&format!("/reports/goi?unit={}&year=2025", actor.unit_id)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let row = |label: &str| -> Vec<String> {
        let doc = scraper::Html::parse_document(&page.body);
        let tr = scraper::Selector::parse("table.goi tbody tr").unwrap_or_else(|e| panic!("{e:?}"));
        let td = scraper::Selector::parse("td").unwrap_or_else(|e| panic!("{e:?}"));
        doc.select(&tr)
            .map(|r| r.select(&td).map(|c| c.text().collect::<String>()).collect::<Vec<_>>())
            .find(|cells| cells.first().is_some_and(|c| c.starts_with(label)))
            .map(|cells| cells[1..].to_vec())
            .unwrap_or_default()
    };
    //                      自然人 商业企业 科研 公益 法律服务 其他 总计
    assert_eq!(row("一、"), vec!["1", "1", "0", "0", "0", "0", "2"]);
    assert_eq!(row("二、"), vec!["1", "0", "0", "0", "0", "0", "1"]);
    assert_eq!(row("三、（七）总计"), vec!["1", "1", "0", "0", "0", "0", "2"]);
    assert_eq!(row("四、"), vec!["1", "0", "0", "0", "0", "0", "1"]);
    assert!(page.select("p.balance")[0].contains("各列平衡"));
    let res = br
        .http
        .get(format!("{}/reports/goi.xlsx?unit={}&year=2025", s.base, actor.unit_id))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        res.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    let bytes = res.bytes().await.unwrap_or_default();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let bad = br.get(&format!("/reports/goi?unit={}&year=20x5", actor.unit_id)).await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("20x5"));
}
