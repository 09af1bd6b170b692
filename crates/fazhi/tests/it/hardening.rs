//! The holes of issue 9, each repeated as the probe found it: on both
//! databases, against the served app on loopback.

use crate::harness::{test_settings, Browser, TestApp};
use fazhi_store::units;

async fn unit_id(t: &TestApp, code: &str) -> i64 {
    units::by_code(t.app.operator_store().pool(), code).await.ok().flatten().map(|u| u.id).unwrap_or(0)
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(t.app.operator_store().pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

// ---- item 8: input hygiene ------------------------------------------------

#[tokio::test]
async fn control_characters_are_refused_at_the_edge_in_chinese() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let cases_before = count(&t, "SELECT COUNT(*) FROM cases").await;
    // The tracking code (query string).
    let track = b.get("/portal/track?code=ABC%00DEF").await;
    assert_eq!(track.status, 400, "{}", track.body);
    assert!(track.body.contains("控制字符") && track.body.contains("ABC\\u{0000}DEF"), "{}", track.body);
    // The portal subject (form body).
    let unit = unit_id(&t, "YC-ZJJ").await.to_string();
    let p = b
        .submit(
            "/portal/disclosure",
            "/portal/disclosure",
            &[("unit_id", &unit), ("applicant_type", "0"), ("name", "王小明"), ("subject", "规划\0许可")],
        )
        .await;
    assert_eq!(p.status, 400);
    assert!(p.body.contains("“subject”中含有不允许的控制字符"), "{}", p.body);
    // The login name.
    let p = b.login("ad\0min", "whatever-password").await;
    assert_eq!(p.status, 400);
    assert!(p.body.contains("“username”中含有不允许的控制字符"), "{}", p.body);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases").await, cases_before, "nothing written");
    // The API answers with a structured error naming the field.
    b.login("admin", &t.password("admin")).await;
    let issued = b.submit("/account/tokens", "/account/tokens", &[("name", "接口"), ("days", "30")]).await;
    let token = issued.select("code.secret").first().cloned().unwrap_or_default();
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/units", s.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"code": "X-1", "name": "某\u{0}局", "kind": "department", "region_code": "519901"}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 400);
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    assert_eq!(body["error"]["code"], "invalid");
    assert_eq!(body["error"]["fields"][0]["field"], "name");
}

#[tokio::test]
async fn implausible_dates_are_refused() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    let before = count(&t, "SELECT COUNT(*) FROM cases").await;
    let p = b
        .submit(
            "/cases/new/disclosure",
            "/cases/new/disclosure",
            &[
                ("received_on", "1900-01-01"),
                ("applicant_type", "0"),
                ("name", "张三"),
                ("subject", "某项行政许可的审批材料"),
            ],
        )
        .await;
    assert_eq!(p.status, 422);
    assert!(p.body.contains("2000-01-01至2100-12-31") && p.body.contains("1900-01-01"), "{}", p.body);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases").await, before);
}

#[tokio::test]
async fn weak_passwords_are_refused() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let pw = t.password("scj.cbr");
    b.login("scj.cbr", &pw).await;
    for (new, says) in [("short-pw-1", "至少12位"), ("my-scj.cbr-2026", "不能包含用户名"), ("P@ssw0rd1234", "过于常见")]
    {
        let p = b
            .submit("/account/password", "/account/password", &[("current", &pw), ("password", new), ("confirm", new)])
            .await;
        assert_eq!(p.status, 422, "{new}");
        assert!(p.body.contains(says), "{new}: {}", p.body);
    }
}

#[tokio::test]
async fn metrics_are_served_by_configuration_only() {
    let t = TestApp::new().await;
    let closed = t
        .serve_with(fazhi_web::WebSettings {
            metrics: fazhi_web::MetricsAccess { loopback: false, token: Some("a-very-long-metrics-token".into()) },
            ..test_settings()
        })
        .await;
    let http = reqwest::Client::new();
    let res = http.get(format!("{}/metrics", closed.base)).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 404, "loopback without the token when loopback is off");
    let res = http
        .get(format!("{}/metrics", closed.base))
        .bearer_auth("a-very-long-metrics-token")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 200);
    let open = t.serve().await;
    let res = http.get(format!("{}/metrics", open.base)).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 200, "loopback by default");
}

// ---- item 2: throttling ------------------------------------------------------

#[tokio::test]
async fn the_login_page_answers_alike_for_known_and_unknown_names() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..6 {
        let b = Browser::new(&s);
        let p = b.login("admin", "wrong-password-1").await;
        known.push((p.status, p.select("[role=alert]").join("").chars().take(8).collect::<String>()));
    }
    for _ in 0..6 {
        let b = Browser::new(&s);
        let p = b.login("no.such.admin", "wrong-password-1").await;
        unknown.push((p.status, p.select("[role=alert]").join("").chars().take(8).collect::<String>()));
    }
    assert_eq!(known, unknown);
    assert!(known.last().is_some_and(|(_, m)| m.contains("次数过多")), "{known:?}");
}

// ---- item 4: tokens and one-time passwords -------------------------------------

#[tokio::test]
async fn a_one_time_password_allows_nothing_but_changing_it() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let admin = Browser::new(&s);
    admin.login("admin", &t.password("admin")).await;
    let id = t.user_id("scj.cbr").await;
    let reset = admin.submit(&format!("/admin/users/{id}"), &format!("/admin/users/{id}/reset"), &[]).await;
    let otp = reset.select("code.secret").first().cloned().unwrap_or_default();
    assert!(otp.starts_with("Fz-"), "{}", reset.body);
    let user = Browser::new(&s);
    assert_eq!(user.login("scj.cbr", &otp).await.status, 303);
    for path in ["/workbench", "/cases", "/account/tokens", "/units"] {
        let p = user.get(path).await;
        assert_eq!((p.status, p.location.as_deref()), (303, Some("/account/password")), "{path}");
    }
    // Posting a step or issuing a token is refused as well.
    let csrf = user.get("/account/password").await.csrf();
    let p = user.post("/account/tokens", &[("csrf", &csrf), ("name", "x"), ("days", "30")]).await;
    assert_eq!(p.location.as_deref(), Some("/account/password"));
    let p = user.post("/cases/1/step", &[("csrf", &csrf), ("action", "accept"), ("date", "2026-03-02")]).await;
    assert_eq!(p.location.as_deref(), Some("/account/password"));
    assert_eq!(count(&t, "SELECT COUNT(*) FROM api_tokens").await, 0);
    // The app refuses it too, whatever the edge.
    let u = fazhi_store::users::by_username(t.app.operator_store().pool(), "scj.cbr").await.ok().flatten();
    let actor = t.app.actor_for(&u.unwrap_or_else(|| panic!("user"))).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(t.app.create_api_token(&actor, "x", 30).await, Err(fazhi_app::AppError::PasswordChangeRequired)));
    // Once changed, everything works again.
    let changed = user
        .submit(
            "/account/password",
            "/account/password",
            &[("current", &otp), ("password", "new-secret-2026!"), ("confirm", "new-secret-2026!")],
        )
        .await;
    assert_eq!(changed.status, 303);
    let again = Browser::new(&s);
    again.login("scj.cbr", "new-secret-2026!").await;
    assert_eq!(again.get("/cases").await.status, 200);
}

#[tokio::test]
async fn tokens_are_listed_expire_and_are_revoked() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let pw = t.password("scj.cbr");
    b.login("scj.cbr", &pw).await;
    let bad = b.submit("/account/tokens", "/account/tokens", &[("name", "对接"), ("days", "999")]).await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("有效期应为1至366天") && bad.body.contains("999"));
    let issued = b.submit("/account/tokens", "/account/tokens", &[("name", "对接系统"), ("days", "30")]).await;
    let token = issued.select("code.secret").first().cloned().unwrap_or_default();
    let second = b.submit("/account/tokens", "/account/tokens", &[("name", "报表"), ("days", "1")]).await;
    let token2 = second.select("code.secret").first().cloned().unwrap_or_default();
    let page = b.get("/account/tokens").await;
    assert_eq!(page.select("table.tokens td.state"), vec!["有效", "有效"]);
    let api = reqwest::Client::new();
    let me = |tok: String| {
        let api = api.clone();
        let url = format!("{}/api/v1/me", s.base);
        async move { api.get(url).bearer_auth(tok).send().await.map(|r| r.status().as_u16()).unwrap_or(0) }
    };
    assert_eq!(me(token.clone()).await, 200);
    assert_eq!(me(token2.clone()).await, 200);
    // A day later the one-day token has expired.
    t.now.advance(chrono::Duration::hours(25));
    assert_eq!(me(token2.clone()).await, 401);
    let b = Browser::new(&s);
    b.login("scj.cbr", &pw).await;
    assert_eq!(b.get("/account/tokens").await.select("table.tokens td.state"), vec!["已过期", "有效"]);
    // Revoked on the page.
    let tokens = t.app.list_api_tokens(&actor(&t, "scj.cbr").await).await.unwrap_or_default();
    let first = tokens.iter().find(|x| x.name == "对接系统").map(|x| x.id).unwrap_or(0);
    let p = b.submit("/account/tokens", &format!("/account/tokens/{first}/revoke"), &[]).await;
    assert_eq!(p.status, 303);
    assert_eq!(me(token.clone()).await, 401);
    // Another user's token cannot be revoked by this user.
    let other = Browser::new(&s);
    other.login("jd01.cbr", &t.password("jd01.cbr")).await;
    let third = other.submit("/account/tokens", "/account/tokens", &[("name", "街道"), ("days", "30")]).await;
    let token3 = third.select("code.secret").first().cloned().unwrap_or_default();
    let id3 = t.app.list_api_tokens(&actor(&t, "jd01.cbr").await).await.unwrap_or_default()[0].id;
    assert_eq!(b.submit("/account/tokens", &format!("/account/tokens/{id3}/revoke"), &[]).await.status, 404);
    assert_eq!(me(token3.clone()).await, 200);
    // A password change revokes every token of the account.
    let changed = other
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current", &t.password("jd01.cbr")),
                ("password", "another-secret-77"),
                ("confirm", "another-secret-77"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303);
    assert_eq!(me(token3).await, 401);
}

#[tokio::test]
async fn reset_and_disable_revoke_tokens() {
    let t = TestApp::new().await;
    let admin = actor(&t, "admin").await;
    let cap = admin.account_admin().unwrap_or_else(|e| panic!("{e}"));
    let user = actor(&t, "fzb").await;
    let (a, _) = t.app.create_api_token(&user, "a", 30).await.unwrap_or_else(|e| panic!("{e}"));
    t.app.reset_password(&admin, &cap, user.user_id, crate::harness::TEST_COST).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(t.app.token_actor(&a).await.ok().flatten().is_none(), "reset revokes");
    let user = actor(&t, "jiandu").await;
    let (b, _) = t.app.create_api_token(&user, "b", 30).await.unwrap_or_else(|e| panic!("{e}"));
    t.app.set_user_active(&admin, &cap, user.user_id, false).await.unwrap_or_else(|e| panic!("{e}"));
    t.app.set_user_active(&admin, &cap, user.user_id, true).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(t.app.token_actor(&b).await.ok().flatten().is_none(), "disable revokes, enabling does not restore");
}

async fn actor(t: &TestApp, username: &str) -> fazhi_app::auth::Actor {
    let u = fazhi_store::users::by_username(t.app.operator_store().pool(), username)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no user {username}"));
    t.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"))
}

// ---- item 6: the anonymous portal ---------------------------------------------

/// A complete, valid portal request to `unit`.
fn request(unit: &str) -> Vec<(&'static str, String)> {
    vec![
        ("unit_id", unit.to_owned()),
        ("applicant_type", "0".to_owned()),
        ("name", "王小明".to_owned()),
        ("id_number", "11010519491231002X".to_owned()),
        ("phone", "139-1234-5678".to_owned()),
        ("address", "北京市海淀区某街道某小区".to_owned()),
        ("delivery", "邮寄纸质材料".to_owned()),
        ("subject", "某小区规划许可".to_owned()),
    ]
}

async fn file(b: &Browser, fields: &[(&'static str, String)]) -> crate::harness::Page {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.submit("/portal/disclosure", "/portal/disclosure", &borrowed).await
}

fn with(mut fields: Vec<(&'static str, String)>, key: &'static str, value: &str) -> Vec<(&'static str, String)> {
    fields.retain(|(k, _)| *k != key);
    fields.push((key, value.to_owned()));
    fields
}

#[tokio::test]
async fn portal_fields_are_bounded_checked_and_addressed_to_public_units_only() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let public = unit_id(&t, "YC-ZJJ").await.to_string();
    let internal = unit_id(&t, "YC-SCJGJ-FZK").await.to_string();
    let before = count(&t, "SELECT COUNT(*) FROM cases").await;
    // A hidden internal unit is not addressable (and not offered).
    assert!(!b.get("/portal/disclosure").await.body.contains("区市场监督管理局法制科"));
    let p = file(&b, &request(&internal)).await;
    assert_eq!(p.status, 422);
    assert!(p.body.contains("请选择受理申请的机关"));
    // A huge field is refused, with the real limit, before anything is stored.
    let huge = "1".repeat(1_900_000);
    let p = file(&b, &with(request(&public), "address", &huge)).await;
    assert_eq!(p.status, 413, "{}", &p.body[..p.body.len().min(400)]);
    assert!(p.body.contains("64KB"), "the limit is stated");
    let p = file(&b, &with(request(&public), "address", &"某".repeat(201))).await;
    assert_eq!(p.status, 422);
    assert!(p.body.contains("通信地址过长") && p.body.contains("201"));
    // A too-long name says it is too long, not that it is empty.
    let p = file(&b, &with(request(&public), "name", &"王".repeat(60))).await;
    assert_eq!(p.status, 422);
    assert!(p.body.contains("申请人姓名过长") && !p.body.contains("请填写申请人姓名"), "{}", p.body);
    // Art. 29: proof of identity and contact details, in their formats.
    let p = file(&b, &with(with(request(&public), "id_number", "110105194912310021"), "phone", "12345")).await;
    assert_eq!(p.status, 422);
    assert!(p.body.contains("校验位") && p.body.contains("联系电话应为"));
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases").await, before, "nothing stored");
    let ok = file(&b, &request(&public)).await;
    assert_eq!(ok.status, 201);
}

#[tokio::test]
async fn the_portal_is_rate_limited_per_client_address() {
    let t = TestApp::new().await;
    let s = t
        .serve_with(fazhi_web::WebSettings {
            portal_submissions: fazhi_web::limits::Rate::per(3, std::time::Duration::from_secs(3600)),
            portal_tracking: fazhi_web::limits::Rate::per(5, std::time::Duration::from_secs(60)),
            ..test_settings()
        })
        .await;
    let b = Browser::new(&s);
    let unit = unit_id(&t, "YC-ZJJ").await.to_string();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(file(&b, &request(&unit)).await.status);
    }
    assert_eq!(statuses, vec![201, 201, 201, 429, 429]);
    let refused = file(&b, &request(&unit)).await;
    assert!(refused.body.contains("提交申请过于频繁"), "{}", refused.body);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases WHERE receipt_code IS NOT NULL").await, 3);
    let mut tracked = Vec::new();
    for i in 0..7 {
        tracked.push(b.get(&format!("/portal/track?code=ABCDEFGHJK{i:02}")).await.status);
    }
    assert_eq!(tracked, vec![200, 200, 200, 200, 200, 429, 429]);
}

// ---- item 5: the audit trail against its database owner ------------------------------

use fazhi_core::audit::{chain_hash, AuditKey, ChainBreak};
use fazhi_store::audit::Verification;

/// Rows `from..=to` as stored.
async fn audit_rows(t: &TestApp, from: i64) -> Vec<fazhi_core::audit::AuditRecord> {
    let mut f = fazhi_store::audit::AuditFilter { limit: 500, ..Default::default() };
    f.from = None;
    let (mut rows, _) =
        fazhi_store::audit::browse(t.app.operator_store().pool(), &f).await.unwrap_or_else(|e| panic!("{e}"));
    rows.retain(|r| r.seq >= from && r.region == "519901");
    rows.sort_by_key(|r| r.seq);
    rows
}

#[tokio::test]
async fn deleting_the_tail_and_moving_the_head_back_is_caught_by_a_checkpoint() {
    let t = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cps = dir.path().join("checkpoints.jsonl");
    t.app.write_checkpoint(&cps).await.unwrap_or_else(|e| panic!("{e}"));
    let n = count(&t, "SELECT COUNT(*) FROM audit_log WHERE region_code = '519901'").await;
    assert_eq!(t.app.verify_audit_with(&cps).await.ok().map(|v| v.0.summary()), Some(Verification::Intact(n)));
    crate::store::drop_audit_triggers(t.app.operator_store()).await;
    let pool = t.app.operator_store().pool();
    let keep = n - 3;
    sqlx::query("DELETE FROM audit_log WHERE region_code = '519901' AND seq > $1")
        .bind(keep)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let hash: String = sqlx::query_scalar("SELECT hash FROM audit_log WHERE region_code = '519901' AND seq = $1")
        .bind(keep)
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    sqlx::query("UPDATE audit_heads SET seq = $1, hash = $2 WHERE region_code = '519901'")
        .bind(keep)
        .bind(&hash)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // The chain alone still links up (the probe's finding) ...
    assert_eq!(t.app.verify_audit().await.ok().map(|v| v.summary()), Some(Verification::Intact(keep)));
    // ... the checkpoint outside the database does not.
    assert_eq!(
        t.app.verify_audit_with(&cps).await.ok().map(|v| v.0.summary()),
        Some(Verification::Broken(ChainBreak::Truncated { checkpoint: n, last: keep }))
    );
    // A forged checkpoint line is refused too.
    let mut text = std::fs::read_to_string(&cps).unwrap_or_default();
    text = text.replace(&format!("\"seq\":{n}"), &format!("\"seq\":{keep}"));
    std::fs::write(&cps, text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        t.app.verify_audit_with(&cps).await.ok().map(|v| v.0.summary()),
        Some(Verification::Broken(ChainBreak::BadCheckpoint { line: 1 }))
    );
}

#[tokio::test]
async fn rehashing_with_a_forged_actor_is_caught_without_the_key() {
    let t = TestApp::new().await;
    let from = 10;
    let rows = audit_rows(&t, from - 1).await;
    crate::store::drop_audit_triggers(t.app.operator_store()).await;
    let pool = t.app.operator_store().pool();
    // Whoever owns the database but not the key re-hashes from row 10 on.
    let forger = AuditKey::from_bytes([1; 32]);
    let mut prev = rows[0].hash.clone();
    for r in &rows[1..] {
        let hash = chain_hash(
            &forger,
            &r.region,
            &prev,
            r.seq,
            &r.at,
            r.actor_id,
            "mallory",
            &r.action,
            &r.entity,
            &r.entity_id,
            r.unit_path.as_deref(),
            &r.before,
            &r.after,
        );
        sqlx::query(
            "UPDATE audit_log SET actor = 'mallory', prev_hash = $1, hash = $2 WHERE region_code = '519901' AND seq = $3",
        )
            .bind(&prev)
            .bind(&hash)
            .bind(r.seq)
            .execute(pool)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        prev = hash;
    }
    sqlx::query("UPDATE audit_heads SET hash = $1 WHERE region_code = '519901'")
        .bind(&prev)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        t.app.verify_audit().await.ok().map(|v| v.summary()),
        Some(Verification::Broken(ChainBreak::Altered { seq: from }))
    );
}

#[tokio::test]
async fn the_unit_path_is_covered_by_the_chain() {
    let t = TestApp::new().await;
    crate::store::drop_audit_triggers(t.app.operator_store()).await;
    let seq: i64 =
        sqlx::query_scalar("SELECT MIN(seq) FROM audit_log WHERE region_code = '519901' AND unit_path IS NOT NULL")
            .fetch_one(t.app.operator_store().pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    sqlx::query("UPDATE audit_log SET unit_path = '/999/' WHERE region_code = '519901' AND seq = $1")
        .bind(seq)
        .execute(t.app.operator_store().pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        t.app.verify_audit().await.ok().map(|v| v.summary()),
        Some(Verification::Broken(ChainBreak::Altered { seq }))
    );
}

// ---- item 1: report checker limits ---------------------------------------------------

async fn upload(b: &Browser, files: Vec<(String, Vec<u8>)>) -> (u16, String) {
    let csrf = b.get("/tools/report-check").await.csrf();
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
    for (name, bytes) in files {
        form = form.part("files", reqwest::multipart::Part::bytes(bytes).file_name(name));
    }
    let res = b
        .http
        .post(format!("{}/tools/report-check", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (res.status().as_u16(), res.text().await.unwrap_or_default())
}

#[tokio::test]
async fn report_uploads_are_bounded_with_the_real_limit_in_chinese() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("jiandu", &t.password("jiandu")).await;
    // 2.1 MB of text is within the limits and is checked (it was refused,
    // with a message about 32 MB).
    let text = "北京市某区人民政府2023年法治政府建设年度报告\n一、主要举措和成效\n".to_owned()
        + &"受理行政复议申请12件,审结10件。\n".repeat(48_000);
    assert!(text.len() > 2_100_000);
    let (status, body) = upload(&b, vec![("big.txt".into(), text.into_bytes())]).await;
    assert_eq!(status, 200, "{}", &body[..body.len().min(600)]);
    assert!(body.contains("big.txt") && !body.contains("32MB"));
    // Above the upload limit: a Chinese page stating the limit, not an English 413.
    let (status, body) = upload(&b, vec![("huge.txt".into(), vec![b'a'; 21 * 1024 * 1024])]).await;
    assert_eq!(status, 413);
    assert!(body.contains("20MB") && body.contains("提交的内容过大"), "{}", &body[..body.len().min(600)]);
    // The API answers a too-large body with a structured error.
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/units", s.base))
        .header("content-type", "application/json")
        .body(vec![b' '; 2 * 1024 * 1024])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 413);
    let v: serde_json::Value = res.json().await.unwrap_or_default();
    assert_eq!(v["error"]["code"], "too_large");
    assert!(v["error"]["message"].as_str().is_some_and(|m| m.contains("1MB")), "{v}");
}

/// The administrator's pages show the login throttle as it stands (it lives in
/// memory now, not in the user row): failures from one address hold that
/// address back but do not lock the owner out, so the account shows 正常 with
/// its failures counted.
#[tokio::test]
async fn the_admin_sees_the_throttle_as_it_stands() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let attacker = Browser::new(&s);
    for _ in 0..6 {
        attacker.login("scj.cbr", "wrong-password-123").await;
    }
    let admin = Browser::new(&s);
    admin.login("admin", &t.password("admin")).await;
    let list = admin.get("/admin/users").await;
    let row = list.select("tbody tr").into_iter().find(|r| r.contains("scj.cbr")).unwrap_or_default();
    assert!(row.contains("正常"), "one address does not lock the owner out: {row}");
    let id = TestApp::user_id(&t, "scj.cbr").await;
    let page = admin.get(&format!("/admin/users/{id}")).await;
    let failures = page.select("dd").into_iter().find(|d| d.ends_with("次")).unwrap_or_default();
    // Five counted; the sixth attempt was held back by the delay before it was tried.
    assert_eq!(failures, "5 次", "the failures are counted");
}
