//! The holes of issue 9, each repeated as the probe found it: on both
//! databases, against the served app on loopback.

use crate::harness::{test_settings, Browser, TestApp};
use fazhi_store::units;

async fn unit_id(t: &TestApp, code: &str) -> i64 {
    units::by_code(t.app.store.pool(), code).await.ok().flatten().map(|u| u.id).unwrap_or(0)
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(t.app.store.pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
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
    let u = fazhi_store::users::by_username(t.app.store.pool(), "scj.cbr").await.ok().flatten();
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
    let u = fazhi_store::users::by_username(t.app.store.pool(), username)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no user {username}"));
    t.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"))
}
