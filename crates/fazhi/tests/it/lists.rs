//! Case lists and cases in the API (issue 8 items 4–6): paging through
//! every row, filters, search, scope, steps over the API with optimistic
//! locking, case numbers past 99,999, and migration 0005 carrying stored
//! rows over.

use crate::harness::{Browser, Server, TestApp, TestDb};
use serde_json::Value;
use std::collections::HashSet;

pub(crate) async fn token(s: &Server, t: &TestApp, user: &str) -> String {
    let b = Browser::new(s);
    b.login(user, &t.password(user)).await;
    let issued = b.submit("/account/tokens", "/account/tokens", &[("name", "测试")]).await;
    let token = issued.select("code.secret").first().cloned().unwrap_or_default();
    assert!(token.starts_with("fz_"), "{user} got a token");
    token
}

pub(crate) async fn api_get(s: &Server, token: &str, path: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1{path}", s.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or_else(|e| panic!("GET {path}: not JSON: {e}")))
}

pub(crate) async fn api_post(s: &Server, token: &str, path: &str, body: &Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1{path}", s.base))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {path}: {e}"));
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or_else(|e| panic!("POST {path}: not JSON: {e}")))
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(t.app.operator_store().pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn numbers(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {page}"))
        .iter()
        .map(|i| i["number"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A disclosure request registered by `user` on the page; returns its number.
async fn register(b: &Browser, received_on: &str, name: &str, subject: &str) -> String {
    let p = b
        .submit(
            "/cases/new/disclosure",
            "/cases/new/disclosure",
            &[("received_on", received_on), ("applicant_type", "0"), ("name", name), ("subject", subject)],
        )
        .await;
    let case = p.location.unwrap_or_else(|| panic!("registered: {}", p.status));
    let page = b.get(&case).await;
    page.select("h1").first().cloned().unwrap_or_default()
}

/// The done-when of item 5 on a small fixture: `total`, page 2 differs from
/// page 1, the last page is short, and the pages cover every row once.
#[tokio::test]
async fn api_pages_through_every_case_exactly_once() {
    let t = TestApp::new().await;
    t.app.load_demo_cases_scaled(7, 5).await.unwrap_or_else(|e| panic!("{e:?}"));
    let s = t.serve().await;
    let fuyi = token(&s, &t, "fuyi").await;
    let direct = count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'reconsideration'").await;
    // A page size that leaves a short last page and gives several pages.
    let per = (5..40).find(|p| direct % p != 0 && direct / p >= 2).unwrap_or_else(|| panic!("{direct} rows"));
    let (status, first) = api_get(&s, &fuyi, &format!("/cases?kind=reconsideration&status=all&per_page={per}")).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["total"].as_i64(), Some(direct), "total is every reconsideration in the government's scope");
    assert_eq!(first["per_page"].as_i64(), Some(per));
    let pages = first["pages"].as_i64().unwrap_or(0);
    assert_eq!(pages, (direct + per - 1) / per);
    let mut seen: Vec<String> = Vec::new();
    let mut previous: Option<Vec<String>> = None;
    for page in 1..=pages {
        let (status, body) =
            api_get(&s, &fuyi, &format!("/cases?kind=reconsideration&status=all&per_page={per}&page={page}")).await;
        assert_eq!(status, 200);
        assert_eq!(body["total"].as_i64(), Some(direct), "page {page}");
        let rows = numbers(&body);
        if page < pages {
            assert_eq!(rows.len() as i64, per, "page {page} is full");
        } else {
            assert_eq!(rows.len() as i64, direct % per, "the last page is short");
        }
        if let Some(prev) = &previous {
            assert_ne!(prev, &rows, "page {page} differs from the page before");
        }
        assert!(body["items"].as_array().is_some_and(|a| a.iter().all(|i| i["kind"] == "reconsideration")));
        seen.extend(rows.iter().cloned());
        previous = Some(rows);
    }
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no row on two pages");
    assert_eq!(seen.len() as i64, direct, "every row on some page");
    let (_, beyond) =
        api_get(&s, &fuyi, &format!("/cases?kind=reconsideration&status=all&per_page={per}&page={}", pages + 1)).await;
    assert_eq!(numbers(&beyond).len(), 0, "past the last page: nothing, with the total");
    assert_eq!(beyond["total"].as_i64(), Some(direct));

    // Open and concluded split the whole.
    let (_, open) = api_get(&s, &fuyi, "/cases?kind=reconsideration").await;
    let (_, closed) = api_get(&s, &fuyi, "/cases?kind=reconsideration&status=closed").await;
    let open_direct =
        count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'reconsideration' AND closed_on IS NULL").await;
    assert_eq!(open["total"].as_i64(), Some(open_direct), "open by default");
    assert_eq!(open["total"].as_i64().unwrap_or(0) + closed["total"].as_i64().unwrap_or(0), direct);
    assert!(closed["items"].as_array().is_some_and(|a| !a.is_empty() && a.iter().all(|i| !i["closed_on"].is_null())));

    // A handler sees only its unit's subtree, counted the same way.
    let scj = token(&s, &t, "scj.cbr").await;
    let (_, own) = api_get(&s, &scj, "/cases?status=all").await;
    let scj_direct = count(
        &t,
        "SELECT COUNT(*) FROM cases c JOIN units u ON u.id = c.unit_id JOIN units s ON u.path LIKE s.path || '%' \
         WHERE s.code = 'YC-SCJGJ'",
    )
    .await;
    assert!(scj_direct > 0);
    assert_eq!(own["total"].as_i64(), Some(scj_direct));
}

/// Bad filters are refused with the input quoted, as structured errors.
#[tokio::test]
async fn api_refuses_bad_filters_quoting_them() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let fzb = token(&s, &t, "fzb").await;
    for (query, field, quoted) in [
        ("page=abc", "page", "abc"),
        ("kind=penalty", "kind", "penalty"),
        ("status=pending", "status", "pending"),
        ("from=2026-02-30", "from", "2026-02-30"),
        ("due=late", "due", "late"),
        ("stage=nonsense", "stage", "nonsense"),
        ("unit=xyz", "unit", "xyz"),
        ("per_page=5000", "per_page", "5000"),
    ] {
        let (status, body) = api_get(&s, &fzb, &format!("/cases?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"]["code"], "invalid", "{query}");
        let fields = body["error"]["fields"].as_array().cloned().unwrap_or_default();
        assert!(
            fields.iter().any(|f| f["field"] == field && f["message"].as_str().is_some_and(|m| m.contains(quoted))),
            "{query}: {fields:?}"
        );
    }
    let (status, body) = api_get(&s, &fzb, "/cases?stage=under_review&kind=disclosure").await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("invalid")), "a stage of another kind");
}

/// One case over the API: history and explained deadlines, a step with
/// optimistic locking, refusals in Chinese; outside the scope it is 404.
#[tokio::test]
async fn api_reads_a_case_and_records_steps_inside_the_scope() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    let number = register(&b, "2026-02-26", "欧阳修远", "某药店抽检报告").await;
    assert!(number.starts_with("YSQ-2026-"), "{number}");
    let scj = token(&s, &t, "scj.cbr").await;
    let (status, case) = api_get(&s, &scj, &format!("/cases/{number}")).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["stage"], "received");
    assert_eq!(case["stage_label"], "已收到申请");
    assert_eq!(case["version"], 1);
    assert_eq!(case["history"].as_array().map(Vec::len), Some(1));
    let reply = case["deadlines"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["step"] == "reply").cloned())
        .unwrap_or_else(|| panic!("reply deadline in {case}"));
    assert!(reply["explanation"].as_str().is_some_and(|e| e.contains("工作日")), "{reply}");
    assert!(case["allowed_steps"].as_array().is_some_and(|a| a.iter().any(|s| s == "request_correction")));

    // Outside the scope: the same answer as a number that does not exist.
    let street = token(&s, &t, "jd01.cbr").await;
    let (status, body) = api_get(&s, &street, &format!("/cases/{number}")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (404, Some("not_found")));
    let (status, _) = api_get(&s, &street, "/cases/YSQ-2026-99999").await;
    assert_eq!(status, 404);
    let (status, _) = api_post(
        &s,
        &street,
        &format!("/cases/{number}/steps"),
        &serde_json::json!({"version": 1, "action": "request_correction", "date": "2026-02-27"}),
    )
    .await;
    assert_eq!(status, 404, "a step on a case outside the scope is not found, not forbidden");

    // A step the procedure does not allow, and a malformed date: refused in Chinese.
    let path = format!("/cases/{number}/steps");
    let (status, body) =
        api_post(&s, &scj, &path, &serde_json::json!({"version": 1, "action": "accept", "date": "2026-02-27"})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("invalid")), "{body}");
    let (status, body) =
        api_post(&s, &scj, &path, &serde_json::json!({"version": 1, "action": "bogus", "date": "2026-02-27"})).await;
    assert_eq!(status, 400);
    assert!(body["error"]["fields"][0]["message"].as_str().is_some_and(|m| m.contains("bogus")), "{body}");
    let (status, body) = api_post(
        &s,
        &scj,
        &path,
        &serde_json::json!({"version": 1, "action": "request_correction", "date": "27/02/2026"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(body["error"]["fields"][0]["message"].as_str().is_some_and(|m| m.contains("27/02/2026")), "{body}");
    // The supervisor may read but not record.
    let jiandu = token(&s, &t, "jiandu").await;
    let (status, body) = api_post(
        &s,
        &jiandu,
        &path,
        &serde_json::json!({"version": 1, "action": "request_correction", "date": "2026-02-27"}),
    )
    .await;
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("forbidden")));

    let (status, after) = api_post(
        &s,
        &scj,
        &path,
        &serde_json::json!({"version": 1, "action": "request_correction", "date": "2026-02-27"}),
    )
    .await;
    assert_eq!(status, 201, "{after}");
    assert_eq!(after["stage"], "correction_requested");
    assert_eq!(after["version"], 2);
    assert_eq!(after["history"].as_array().map(Vec::len), Some(2));
    assert_eq!(after["history"][1]["action"], "request_correction");
    // The same version again: someone recorded a step since.
    let (status, body) = api_post(
        &s,
        &scj,
        &path,
        &serde_json::json!({"version": 1, "action": "start_consultation", "date": "2026-02-27"}),
    )
    .await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("stale")));

    // Waiting for the correction, it stays on the to-do list with its reminder.
    let (_, waiting) = api_get(&s, &scj, "/cases?due=none").await;
    let item = waiting["items"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["number"] == number.as_str()).cloned())
        .unwrap_or_else(|| panic!("{number} waiting: {waiting}"));
    assert!(item["reminder"].as_str().is_some_and(|r| r.contains("补正")), "{item}");
    assert!(item["deadline_status"].is_null());
    let wb = b.get("/workbench").await;
    assert!(wb.body.contains("暂无期限在计算") && wb.body.contains("/cases?due=none"), "workbench points to them");

    // Search by number, subject and party name.
    for q in [number.as_str(), "药店抽检", "欧阳修远"] {
        let (_, found) = api_get(&s, &scj, &format!("/cases?status=all&q={}", urlencode(q))).await;
        assert_eq!(numbers(&found), vec![number.clone()], "q={q}");
    }
    let (_, none) = api_get(&s, &scj, "/cases?status=all&q=%25").await;
    assert_eq!(none["total"], 0, "% matches itself, not everything");

    // The audit entry of the step: the action and what changed, small, without personal data.
    let after_json: String = sqlx::query_scalar(
        "SELECT after_json FROM audit_log WHERE entity = 'case' AND action = 'update' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(after_json.contains("\"action\":\"request_correction\""), "{after_json}");
    assert!(after_json.contains("correction_requested"), "{after_json}");
    assert!(!after_json.contains("欧阳") && !after_json.contains("药店"), "no personal data: {after_json}");
    assert!(after_json.len() < 400, "a small diff, not a whole state: {} bytes", after_json.len());
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The list page: filters in the URL, 共N件 and page links, refusals quoting the input.
#[tokio::test]
async fn case_list_page_filters_and_pages_without_javascript() {
    let t = TestApp::new().await;
    t.app.load_demo_cases_scaled(7, 5).await.unwrap_or_else(|e| panic!("{e:?}"));
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    let direct = count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'reconsideration'").await;
    let first = b.get("/cases?kind=reconsideration&status=all&per_page=10").await;
    assert_eq!(first.status, 200);
    let pages = (direct + 9) / 10;
    assert_eq!(first.select("p.count"), vec![format!("共{direct}件,第1/{pages}页")]);
    assert_eq!(first.select("table.cases tbody tr").len(), 10);
    let next = first.attr("a[rel=next]", "href").unwrap_or_else(|| panic!("a next link"));
    assert!(next.contains("kind=reconsideration") && next.contains("status=all") && next.contains("page=2"), "{next}");
    assert!(first.attr("a[rel=prev]", "href").is_none());
    let second = b.get(&next).await;
    assert_eq!(second.select("p.count"), vec![format!("共{direct}件,第2/{pages}页")]);
    assert_ne!(first.select("table.cases tbody td:first-child"), second.select("table.cases tbody td:first-child"));
    assert!(second.attr("a[rel=prev]", "href").is_some_and(|h| h.contains("page=1")));
    // The form keeps the filters.
    assert_eq!(second.attr("select[name=status] option[selected]", "value").as_deref(), Some("all"));

    // Overdue only: every row says 超期.
    let overdue = b.get("/cases?due=overdue").await;
    let statuses = overdue.select("table.cases tbody td.status");
    assert!(!statuses.is_empty() && statuses.iter().all(|s| s == "超期"), "{statuses:?}");
    // A stage: every row shows it.
    let review = b.get("/cases?kind=reconsideration&status=all&stage=decided").await;
    let stages = review.select("table.cases tbody td.stage");
    assert!(!stages.is_empty() && stages.iter().all(|s| s == "已作出决定"), "{stages:?}");
    // A period of receipt.
    let jan = b.get("/cases?status=all&from=2026-01-01&to=2026-01-31&per_page=200").await;
    let jan_direct =
        count(&t, "SELECT COUNT(*) FROM cases WHERE received_on >= '2026-01-01' AND received_on <= '2026-01-31'").await;
    assert!(
        jan.select("p.count").first().is_some_and(|c| c.starts_with(&format!("共{jan_direct}件"))),
        "{:?}",
        jan.select("p.count")
    );

    // Bad input: the page says what was wrong, quoting it, and keeps the form.
    for (query, quoted) in [("page=abc", "abc"), ("kind=bogus", "bogus"), ("from=2026-13-01", "2026-13-01")] {
        let p = b.get(&format!("/cases?{query}")).await;
        assert_eq!(p.status, 422, "{query}");
        assert!(p.select("[role=alert] li").iter().any(|m| m.contains(&format!("“{quoted}”"))), "{query}");
        assert!(p.select("table.cases").is_empty());
    }
    // A unit outside the reader's scope is refused, not listed.
    let scj = fazhi_store::units::by_code(t.app.operator_store().pool(), "YC-SCJGJ")
        .await
        .ok()
        .flatten()
        .map(|u| u.id)
        .unwrap_or(0);
    let street = Browser::new(&s);
    street.login("jd01.cbr", &t.password("jd01.cbr")).await;
    let p = street.get(&format!("/cases?unit={scj}")).await;
    assert_eq!(p.status, 422);
    assert!(p.body.contains("不在您的权限范围内"));
    let own = b.get(&format!("/cases?status=all&unit={scj}&per_page=200")).await;
    let units = own.select("table.cases tbody td:nth-child(3)");
    assert!(!units.is_empty() && units.iter().all(|u| u.contains("市场监督管理局")), "{units:?}");
}

/// Route × role for the API's case routes: every role lists (its own
/// scope); a case outside the scope is 404; recording needs the write
/// permission (a wrong version proves the request got that far).
#[tokio::test]
async fn api_case_routes_for_every_role() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    let number = register(&b, "2026-02-26", "李四", "某检查记录").await;
    let users = ["admin", "fzb", "fuyi", "jiandu", "scj.cbr", "scj.fzr", "jd01.cbr", "jd01.fzr"];
    //                       admin fzb  fuyi jiandu scj.cbr scj.fzr jd.cbr jd.fzr
    let list = [200, 200, 200, 200, 200, 200, 200, 200];
    let show = [200, 200, 200, 200, 200, 200, 404, 404];
    let post = [403, 409, 409, 403, 409, 409, 404, 404];
    for (i, user) in users.iter().enumerate() {
        let tok = token(&s, &t, user).await;
        let (status, body) = api_get(&s, &tok, "/cases?status=all").await;
        assert_eq!(status, list[i], "{user} list");
        let listed = numbers(&body).contains(&number);
        assert_eq!(listed, show[i] == 200, "{user} sees the case in the list iff in scope");
        assert_eq!(api_get(&s, &tok, &format!("/cases/{number}")).await.0, show[i], "{user} show");
        let (status, _) = api_post(
            &s,
            &tok,
            &format!("/cases/{number}/steps"),
            &serde_json::json!({"version": 0, "action": "request_correction", "date": "2026-02-27"}),
        )
        .await;
        assert_eq!(status, post[i], "{user} step");
    }
    let (status, _) = api_get(&s, "fz_not_a_token", "/cases").await;
    assert_eq!(status, 401);
}

/// Case numbers keep counting past 99,999 a year: the next number comes
/// from the integer sequence, not from the text of the highest number.
#[tokio::test]
async fn case_numbers_count_past_99999_a_year() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    let first = register(&b, "2026-02-26", "王五", "第一件").await;
    assert_eq!(first, "YSQ-2026-00001", "existing format kept");
    // As if 99,998 more had been registered this year.
    sqlx::query("UPDATE cases SET number = 'YSQ-2026-99999', number_seq = 99999 WHERE number = $1")
        .bind(&first)
        .execute(t.app.operator_store().pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(register(&b, "2026-02-26", "赵六", "第十万件").await, "YSQ-2026-100000");
    assert_eq!(register(&b, "2026-02-27", "钱七", "第十万零一件").await, "YSQ-2026-100001");
    // Another year starts again at 1.
    assert_eq!(register(&b, "2025-12-30", "孙八", "上一年的").await, "YSQ-2025-00001");
    let scj = token(&s, &t, "scj.cbr").await;
    assert_eq!(api_get(&s, &scj, "/cases/YSQ-2026-100000").await.0, 200);
}

/// Migration 0005 carries stored cases over: the unit path copied from the
/// unit, the number split into series and sequence, the Chinese stage name
/// replaced by its code, the party's name copied out for search.
#[tokio::test]
async fn migration_0005_carries_stored_cases_over() {
    let db = TestDb::before("0005").await;
    let pool = db.store.pool();
    crate::harness::old_schema_units(pool).await;
    for sql in [
        "INSERT INTO cases (kind, number, unit_id, stage, subject, received_on, party_json, state_json, created_at, updated_at) \
         VALUES ('disclosure', 'YSQ-2025-00417', 7, '待补正', '某事', '2025-05-06', '{\"name\":\"周九\",\"contact\":\"\"}', \
         '{\"kind\":\"disclosure\",\"stage\":\"correction_requested\"}', 'x', 'x')",
        "INSERT INTO cases (kind, number, unit_id, stage, subject, received_on, party_json, state_json, created_at, updated_at) \
         VALUES ('reconsideration', 'FY-2026-00003', 1, '审理中', '某复议', '2026-01-06', '{\"name\":\"某公司\",\"contact\":\"\"}', \
         '{\"kind\":\"reconsideration\",\"stage\":\"under_review\"}', 'x', 'x')",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    db.store.migrate().await.unwrap_or_else(|e| panic!("0005 on stored rows: {e}"));
    let rows: Vec<(String, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT number, stage, unit_path, number_series, number_seq, party_name FROM cases ORDER BY number DESC",
    )
    .fetch_all(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rows,
        vec![
            (
                "YSQ-2025-00417".into(),
                "correction_requested".into(),
                "/1/7/".into(),
                "YSQ-2025".into(),
                417,
                "周九".into()
            ),
            ("FY-2026-00003".into(), "under_review".into(), "/1/".into(), "FY-2026".into(), 3, "某公司".into()),
        ]
    );
}
