//! 行政复议 and 行政应诉 through the pages: registration with the 60-day
//! check, the steps of each procedure, links between cases, the decision
//! document published masked on the portal, hearing reminders, table 4,
//! attachments and concurrent edits.

use crate::harness::{Browser, Page, TestApp};

pub(crate) async fn unit_id(t: &TestApp, code: &str) -> i64 {
    fazhi_store::units::by_code(t.app.operator_store().pool(), code).await.ok().flatten().map(|u| u.id).unwrap_or(0)
}

/// Records one step on the case page at `case` with the fields given.
pub(crate) async fn step(b: &Browser, case: &str, action: &str, date: &str, extra: &[(&str, &str)]) -> Page {
    let page = b.get(case).await;
    let version = page.attr("input[name=version]", "value").unwrap_or_default();
    let csrf = page.csrf();
    let mut fields: Vec<(&str, &str)> =
        vec![("csrf", &csrf), ("version", &version), ("action", action), ("date", date)];
    fields.extend_from_slice(extra);
    let p = b.post(&format!("{case}/step"), &fields).await;
    if p.status == 303 {
        // Recorded: back to the case (not to the login page).
        assert_eq!(p.location.as_deref(), Some(case), "{action}");
    }
    p
}

pub(crate) fn alerts(p: &Page) -> String {
    p.select("[role=alert] li").join(" | ")
}

/// A disclosure reply challenged by reconsideration (late, with a reason),
/// decided by annulment, the decision published masked, then challenged in
/// court; table 4 of the replying unit counts both.
#[tokio::test]
async fn a_disclosure_reply_is_challenged_by_reconsideration_then_in_court() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let scj = unit_id(&t, "YC-SCJGJ").await;
    let fuyi_unit = unit_id(&t, "YC-SFJ-FY").await;

    // The market regulator answers a request (2025, before the 2026-03-02 test day).
    let handler = Browser::new(&s);
    handler.login("scj.cbr", &t.password("scj.cbr")).await;
    let request = handler
        .submit(
            "/cases/new/disclosure",
            "/cases/new/disclosure",
            &[
                ("received_on", "2025-09-01"),
                ("applicant_type", "0"),
                ("name", "张三丰"),
                ("subject", "某餐馆检查记录"),
            ],
        )
        .await;
    let request = request.location.unwrap_or_default();
    assert_eq!(
        step(&handler, &request, "reply", "2025-09-10", &[("outcome", "unavailable.not_held")]).await.status,
        303
    );
    let number = handler.get(&request).await.select("h1").join("");
    assert!(number.starts_with("YSQ-2025-"), "{number}");

    // The reconsideration office registers the challenge from the case link.
    let fuyi = Browser::new(&s);
    fuyi.login("fuyi", &t.password("fuyi")).await;
    let form = fuyi.get(&format!("/cases/new/reconsideration?origin={number}")).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.attr("select[name=respondent_id] option[selected]", "value"), Some(scj.to_string()));
    assert_eq!(form.attr("select[name=matter] option[selected]", "value").as_deref(), Some("goi"));
    let unit = fuyi_unit.to_string();
    let scj_s = scj.to_string();
    let fields = |late: &'static str| {
        vec![
            ("unit_id", unit.clone()),
            ("respondent_id", scj_s.clone()),
            ("origin", number.clone()),
            ("matter", "goi".to_owned()),
            ("received_on", "2025-12-01".to_owned()),
            ("known_on", "2025-09-12".to_owned()),
            ("late_reason", late.to_owned()),
            ("applicant_kind", "person".to_owned()),
            ("name", "张三丰".to_owned()),
            ("contact", "13812345678".to_owned()),
            ("subject", "不服答复,请求撤销".to_owned()),
        ]
    };
    let late = fields("");
    let refs: Vec<(&str, &str)> = late.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = fuyi.submit("/cases/new/reconsideration", "/cases/new/reconsideration", &refs).await;
    assert_eq!(refused.status, 422, "past 60 days without a reason");
    // 60 days from 2025-09-12 is 2025-11-11 (a Tuesday).
    assert!(alerts(&refused).contains("2025-11-11") && alerts(&refused).contains("第二十条"), "{}", alerts(&refused));
    assert_eq!(refused.select("textarea[name=subject]"), vec!["不服答复,请求撤销"], "form kept");
    assert_eq!(refused.attr("input[name=name]", "value").as_deref(), Some("张三丰"));
    let with_reason = fields("申请人住院治疗,有医院证明");
    let refs: Vec<(&str, &str)> = with_reason.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = fuyi.submit("/cases/new/reconsideration", "/cases/new/reconsideration", &refs).await;
    assert_eq!(created.status, 303, "{}", alerts(&created));
    let rec = created.location.unwrap_or_default();
    let page = fuyi.get(&rec).await;
    assert!(page.body.contains("住院治疗"), "the late reason is on the case");
    // Acceptance within 5 working days of 2025-12-01: 2025-12-08.
    assert!(page.select("table.deadlines td strong").contains(&"2025-12-08".to_owned()));
    assert_eq!(page.select("ul.links a"), vec![number.clone()], "linked to the reply it challenges");

    assert_eq!(step(&fuyi, &rec, "accept", "2025-12-03", &[]).await.status, 303);
    // The simplified procedure needs its ground (行政复议法 Art. 53).
    let no_ground = step(&fuyi, &rec, "apply_simplified", "2025-12-03", &[]).await;
    assert_eq!(no_ground.status, 422);
    assert!(alerts(&no_ground).contains("第五十三条"), "{}", alerts(&no_ground));
    let with_ground = [("ground", "government_information")];
    assert_eq!(step(&fuyi, &rec, "apply_simplified", "2025-12-03", &with_ground).await.status, 303);
    let ext = step(&fuyi, &rec, "grant_extension", "2025-12-10", &[("days", "30"), ("approved_by", "局长")]).await;
    assert_eq!(ext.status, 422, "no extension in the simplified procedure");
    assert!(alerts(&ext).contains("第六十二条第二款"), "{}", alerts(&ext));
    // The step is not offered in the simplified procedure at all (the kind's
    // definition rules it out); posted anyway, the engine refuses it.
    assert_eq!(ext.attr("input[name=days]", "value"), None, "no extension form offered");
    let none = step(&fuyi, &rec, "decide", "2025-12-20", &[]).await;
    assert_eq!(none.status, 422, "a decision needs its type");
    assert_eq!(step(&fuyi, &rec, "decide", "2025-12-20", &[("outcome", "annulled")]).await.status, 303);
    let decided = fuyi.get(&rec).await;
    assert_eq!(decided.select("dd.stage"), vec!["已作出决定"]);

    // The decision document: previewed masked, published, on the portal.
    let draft = fuyi.get(&format!("{rec}/decision")).await;
    assert_eq!(draft.status, 200);
    let body = draft.select("textarea[name=body]").join("")
        + "\n申请人公民身份号码32010219800101123X。第三人赵六,委托代理人钱七,联系电话138-1234-5678。经查,李娜于2025年12月到场。";
    // Names nobody recorded are listed for staff to confirm before publishing.
    let unconfirmed = fuyi
        .submit(&format!("{rec}/decision"), &format!("{rec}/decision"), &[("body", &body), ("intent", "publish")])
        .await;
    assert_eq!(unconfirmed.status, 422, "{}", unconfirmed.body);
    assert_eq!(unconfirmed.select("li.candidate"), vec!["李娜"]);
    let published = fuyi
        .submit(
            &format!("{rec}/decision"),
            &format!("{rec}/decision"),
            &[("body", &body), ("names", "李娜"), ("checked", "1"), ("intent", "publish")],
        )
        .await;
    assert_eq!(published.status, 303);
    let public = Browser::new(&s);
    let doc = public.get(published.location.as_deref().unwrap_or("/")).await;
    assert_eq!(doc.status, 200);
    assert!(doc.body.contains("申请人:张某"), "masked name");
    assert!(!doc.body.contains("张三丰") && !doc.body.contains("13812345678") && !doc.body.contains("19800101"));
    for leak in ["赵六", "钱七", "1234-5678", "李娜"] {
        assert!(!doc.body.contains(leak), "{leak} published");
    }
    assert!(doc.body.contains("第三人赵某") && doc.body.contains("委托代理人钱某") && doc.body.contains("李某于"));
    assert!(doc.body.contains("3201************3X") && doc.body.contains("撤销"));
    // Issued in the name of the 复议机关, the district government, not of its
    // office; dates as official documents write them.
    assert!(doc.body.contains("云川区人民政府行政复议决定书"), "issuer");
    assert!(doc.body.contains("于2025年12月1日向本机关申请行政复议"), "date written in full");
    // After publication the staff page shows exactly the published text, not a
    // new draft from the record.
    let after = fuyi.get(&format!("{rec}/decision")).await;
    assert!(after.select("pre.document").join("").contains("3201************3X"), "the published text");
    let list = public.get("/portal/decisions").await;
    assert_eq!(list.select("table.decisions tbody tr").len(), 1);
    let again = fuyi
        .submit(
            &format!("{rec}/decision"),
            &format!("{rec}/decision"),
            &[("body", &body), ("names", "李娜"), ("checked", "1"), ("intent", "publish")],
        )
        .await;
    assert_eq!(again.status, 409, "published once");
    // A published decision can be withdrawn with a reason: audited, never deleted;
    // the portal stops showing its text.
    let doc_path = published.location.clone().unwrap_or_default();
    let withdraw = format!("{rec}/decision/withdraw");
    let no_reason = fuyi.submit(&format!("{rec}/decision"), &withdraw, &[("reason", "")]).await;
    assert_eq!(no_reason.status, 422);
    assert!(alerts(&no_reason).contains("撤回的理由"), "{}", alerts(&no_reason));
    let withdrawn =
        fuyi.submit(&format!("{rec}/decision"), &withdraw, &[("reason", "决定书正文有笔误,更正后另行公开")]).await;
    assert_eq!(withdrawn.status, 303);
    assert!(fuyi.get(&format!("{rec}/decision")).await.body.contains("撤回理由:决定书正文有笔误"));
    let gone = public.get(&doc_path).await;
    assert_eq!(gone.status, 200);
    assert!(gone.body.contains("已于") && gone.body.contains("撤回") && !gone.body.contains("3201************3X"));
    assert!(public.get("/portal/decisions").await.select("table.decisions tbody tr").is_empty());
    let twice = fuyi.submit(&format!("{rec}/decision"), &withdraw, &[("reason", "再次撤回试试看")]).await;
    assert_eq!(twice.status, 409, "withdrawn once");
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'published_document' AND action = 'update'")
            .fetch_one(t.app.operator_store().pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(audited, 1, "the withdrawal is in the audit trail");

    // 复议后起诉: registered from the decided case. The 复议 annulled the reply,
    // so the 复议机关, the district government, is the defendant (行政诉讼法
    // Art. 26 ¶2), not the market regulator.
    let gov = unit_id(&t, "YC-GOV").await;
    let rec_number = decided.select("h1").join("");
    let lit_form = fuyi.get(&format!("/cases/new/litigation?origin={rec_number}")).await;
    assert_eq!(lit_form.attr("select[name=unit_id] option[selected]", "value"), Some(gov.to_string()));
    let sue = |defendant: i64| {
        let (fuyi, rec_number) = (&fuyi, rec_number.clone());
        async move {
            let unit = defendant.to_string();
            let fields = [
                ("unit_id", unit.as_str()),
                ("origin", rec_number.as_str()),
                ("received_on", "2026-01-05"),
                ("court", "云川区人民法院"),
                ("plaintiff_kind", "person"),
                ("name", "张三丰"),
                ("subject", "不服复议决定"),
            ];
            fuyi.submit("/cases/new/litigation", "/cases/new/litigation", &fields).await
        }
    };
    let against_the_agency = sue(scj).await;
    assert_eq!(against_the_agency.status, 422);
    assert!(alerts(&against_the_agency).contains("第二十六条第二款"), "{}", alerts(&against_the_agency));
    let sued = sue(gov).await;
    assert_eq!(sued.status, 303, "{}", alerts(&sued));
    let lit = sued.location.unwrap_or_default();
    let lit_page = fuyi.get(&lit).await;
    assert!(lit_page.body.contains("复议后起诉"));
    // Defence within 15 days of 2026-01-05: 2026-01-20 (a Tuesday).
    assert!(lit_page.select("table.deadlines td strong").contains(&"2026-01-20".to_owned()));
    assert_eq!(step(&fuyi, &lit, "submit_defence", "2026-01-15", &[]).await.status, 303);
    let after = fuyi.get(&lit).await;
    assert!(after.select("table.deadlines td.status").iter().any(|s| s.contains("已办理")), "defence met");
    // A hearing in three days: the workbench reminds of it.
    assert_eq!(step(&fuyi, &lit, "schedule_hearing", "2026-02-20", &[("hearing_on", "2026-03-05")]).await.status, 303);
    let wb = fuyi.get("/workbench").await;
    assert!(wb.body.contains("庭前提醒") && wb.body.contains("2026-03-05"), "hearing reminder");
    t.now.advance(chrono::Duration::days(3));
    fuyi.login("fuyi", &t.password("fuyi")).await; // the session has timed out meanwhile
    let staff_only =
        step(&fuyi, &lit, "hold_hearing", "2026-03-05", &[("rank", "staff"), ("appearer", "法制科 某某")]).await;
    assert_eq!(staff_only.location.as_deref(), Some(lit.as_str()));
    let heard = fuyi.get(&lit).await;
    let counted = heard.select("table.records td:nth-child(4)");
    assert_eq!(counted.len(), 1);
    assert!(counted[0].starts_with("负责人未出庭") && counted[0].contains("工作人员"), "{counted:?}");
    assert_eq!(step(&fuyi, &lit, "judge", "2026-03-05", &[("outcome", "claim_rejected")]).await.status, 303);

    // Table 4 of the market regulator: the reconsideration corrected the reply
    // (2025); the suit after reconsideration was concluded upheld (2026).
    let fzb = Browser::new(&s);
    fzb.login("fzb", &t.password("fzb")).await;
    let t2025 = fzb.get(&format!("/reports/goi?unit={scj}&year=2025")).await;
    let rows = t2025.select("table.table4 tbody tr");
    assert_eq!(rows.len(), 3);
    let cells = |p: &Page, row: usize| -> Vec<String> {
        p.select(&format!("table.table4 tbody tr:nth-child({row}) td")).into_iter().skip(1).collect()
    };
    assert_eq!(cells(&t2025, 1), vec!["0", "1", "0", "0", "1"], "reconsideration: 纠正");
    let t2026 = fzb.get(&format!("/reports/goi?unit={scj}&year=2026")).await;
    assert_eq!(cells(&t2026, 1), vec!["0", "0", "0", "0", "0"], "concluded in 2025, not counted in 2026");
    // The suit after reconsideration counts for its defendant, the government.
    assert_eq!(cells(&t2026, 3), vec!["0", "0", "0", "0", "0"], "not the regulator's suit");
    let gov2026 = fzb.get(&format!("/reports/goi?unit={gov}&year=2026")).await;
    assert_eq!(cells(&gov2026, 3), vec!["1", "0", "0", "0", "1"], "suit after reconsideration: 维持");
}

/// Two people record a step on the same case from the same page: the second
/// is told, with the form kept, and nothing is overwritten.
#[tokio::test]
async fn concurrent_steps_on_one_case_do_not_overwrite_each_other() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let fuyi_unit = unit_id(&t, "YC-SFJ-FY").await.to_string();
    let scj = unit_id(&t, "YC-SCJGJ").await.to_string();
    let b = Browser::new(&s);
    b.login("fuyi", &t.password("fuyi")).await;
    let created = b
        .submit(
            "/cases/new/reconsideration",
            "/cases/new/reconsideration",
            &[
                ("unit_id", &fuyi_unit),
                ("respondent_id", &scj),
                ("matter", "penalty"),
                ("received_on", "2026-02-24"),
                ("known_on", "2026-02-10"),
                ("applicant_kind", "organisation"),
                ("name", "某某餐饮有限公司"),
                ("subject", "不服罚款决定"),
            ],
        )
        .await;
    let case = created.location.unwrap_or_default();
    let page = b.get(&case).await;
    let version = page.attr("input[name=version]", "value").unwrap_or_default();
    let csrf = page.csrf();
    let first = b
        .post(
            &format!("{case}/step"),
            &[("csrf", &csrf), ("version", &version), ("action", "accept"), ("date", "2026-02-26")],
        )
        .await;
    assert_eq!(first.status, 303);
    let second = b
        .post(
            &format!("{case}/step"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("action", "reject"),
                ("date", "2026-02-26"),
                ("reason", "超过期限"),
            ],
        )
        .await;
    assert_eq!(second.status, 422, "the stale step is not recorded");
    assert!(second.body.contains("其他人已在本案记录了新的办理步骤"), "{}", alerts(&second));
    assert_eq!(second.select("dd.stage"), vec!["审理中"], "the first step stands");
    let history = second.select("table.history tbody tr");
    assert_eq!(history.len(), 2, "receipt and acceptance only: {history:?}");
}

/// Files attach to a case, come back byte for byte as downloads, and an
/// empty upload is refused in Chinese.
#[tokio::test]
async fn attachments_are_kept_with_their_digest() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("scj.cbr", &t.password("scj.cbr")).await;
    let created = b
        .submit(
            "/cases/new/disclosure",
            "/cases/new/disclosure",
            &[("received_on", "2026-02-27"), ("applicant_type", "0"), ("name", "李四"), ("subject", "某项目立项批复")],
        )
        .await;
    let case = created.location.unwrap_or_default();
    let csrf = b.get(&case).await.csrf();
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("note", "补正材料")
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name));
        b.http.post(format!("{}{case}/attachments", b.base)).multipart(form).send()
    };
    let content = "补正后的申请书\n".repeat(100).into_bytes();
    let res = upload("申请书.txt", content.clone()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 303);
    let page = b.get(&case).await;
    assert_eq!(page.select("table.attachments td:first-child a"), vec!["申请书.txt"]);
    let href = page.attr("table.attachments a", "href").unwrap_or_default();
    let got = b.http.get(format!("{}{href}", b.base)).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(got
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("attachment")));
    assert_eq!(got.bytes().await.map(|b| b.to_vec()).unwrap_or_default(), content);
    let empty = upload("空.txt", Vec::new()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(empty.status().as_u16(), 400);
    assert!(empty.text().await.unwrap_or_default().contains("文件不能为空"));
    // A NUL in the note (multipart text passes the edge validator) is refused in
    // Chinese on both databases, never a 500.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .text("note", "补正\u{0}材料")
        .part("file", reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("a.txt"));
    let nul = b.http.post(format!("{}{case}/attachments", b.base)).multipart(form).send().await;
    let nul = nul.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(nul.status().as_u16(), 400);
    assert!(nul.text().await.unwrap_or_default().contains("控制字符"));
    let other = Browser::new(&s);
    other.login("jd01.cbr", &t.password("jd01.cbr")).await;
    assert_eq!(other.get(&href).await.status, 404, "another unit cannot download it");
}

/// In December, before next year's holiday notice is out, an application
/// whose limit runs into the new year is still registered, and its
/// deadlines are computed on plain weekends and say so (not left out).
#[tokio::test]
async fn deadlines_running_into_a_year_without_a_notice_are_shown_provisionally() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    t.now.advance(chrono::Duration::days(294)); // 2026-12-21, a Monday
    let fuyi_unit = unit_id(&t, "YC-SFJ-FY").await.to_string();
    let scj = unit_id(&t, "YC-SCJGJ").await.to_string();
    let b = Browser::new(&s);
    b.login("fuyi", &t.password("fuyi")).await;
    let created = b
        .submit(
            "/cases/new/reconsideration",
            "/cases/new/reconsideration",
            &[
                ("unit_id", &fuyi_unit),
                ("respondent_id", &scj),
                ("matter", "penalty"),
                ("received_on", "2026-12-18"),
                ("known_on", "2026-11-20"),
                ("applicant_kind", "person"),
                ("name", "王五"),
                ("subject", "不服罚款决定"),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", alerts(&created));
    let case = created.location.unwrap_or_default();
    assert_eq!(step(&b, &case, "accept", "2026-12-21", &[]).await.status, 303);
    let page = b.get(&case).await;
    // 60 days from the acceptance on 2026-12-21: 2027-02-19, a Friday on plain weekends.
    assert!(
        page.select("table.deadlines td strong").contains(&"2027-02-19".to_owned()),
        "{:?}",
        page.select("table.deadlines td strong")
    );
    assert!(page.body.contains("尚未导入2027年节假日安排通知"), "the estimate says so");
    // The first duty is the copy to the respondent, 7 working days from the
    // acceptance (行政复议法 Art. 48): 2026-12-30.
    let list = b.get("/cases?kind=reconsideration").await;
    assert!(list.body.contains("2026-12-30"), "the copy is due first");
    assert_eq!(step(&b, &case, "serve_copy", "2026-12-21", &[]).await.status, 303);
    let list = b.get("/cases?kind=reconsideration").await;
    assert!(list.body.contains("2027-02-19"), "the case has a due date on the list");
}

/// `?origin=NUMBER` and the `origin` / `respondent_id` fields name records:
/// they are read through the reader's scope like every other read. A street
/// clerk learns nothing of a market-regulator case by its number, and cannot
/// register a challenge of it or name a respondent outside the street.
#[tokio::test]
async fn origin_and_respondent_lookups_stay_inside_the_readers_scope() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let scj = unit_id(&t, "YC-SCJGJ").await;
    let street = unit_id(&t, "YC-JX01").await;
    let handler = Browser::new(&s);
    handler.login("scj.cbr", &t.password("scj.cbr")).await;
    let request = handler
        .submit(
            "/cases/new/disclosure",
            "/cases/new/disclosure",
            &[("received_on", "2025-09-01"), ("applicant_type", "0"), ("name", "郑秀文"), ("subject", "冷库抽检台账")],
        )
        .await
        .location
        .unwrap_or_default();
    assert_eq!(
        step(&handler, &request, "reply", "2025-09-10", &[("outcome", "unavailable.not_held")]).await.status,
        303
    );
    let number = handler.get(&request).await.select("h1").join("");
    assert!(number.starts_with("YSQ-"), "{number}");

    let clerk = Browser::new(&s);
    clerk.login("jd01.cbr", &t.password("jd01.cbr")).await;
    for kind in ["reconsideration", "litigation"] {
        let form = clerk.get(&format!("/cases/new/{kind}?origin={number}")).await;
        assert_eq!(form.status, 200, "{kind}");
        assert!(!form.body.contains("冷库抽检台账"), "{kind}: the subject of an out-of-scope case leaked");
    }
    // The reconsideration office of the government reaches the case.
    let fuyi = Browser::new(&s);
    fuyi.login("fuyi", &t.password("fuyi")).await;
    assert!(fuyi.get(&format!("/cases/new/reconsideration?origin={number}")).await.body.contains("冷库抽检台账"));

    let street_s = street.to_string();
    let scj_s = scj.to_string();
    let fields = |origin: &str, respondent: &str| {
        vec![
            ("unit_id", street_s.clone()),
            ("respondent_id", respondent.to_owned()),
            ("origin", origin.to_owned()),
            ("matter", "goi".to_owned()),
            ("received_on", "2025-09-20".to_owned()),
            ("known_on", "2025-09-12".to_owned()),
            ("late_reason", String::new()),
            ("applicant_kind", "person".to_owned()),
            ("name", "郑秀文".to_owned()),
            ("contact", "13812345678".to_owned()),
            ("subject", "不服答复".to_owned()),
        ]
    };
    let by_origin = fields(&number, "");
    let refs: Vec<(&str, &str)> = by_origin.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = clerk.submit("/cases/new/reconsideration", "/cases/new/reconsideration", &refs).await;
    assert_eq!(refused.status, 422);
    assert!(alerts(&refused).contains(&format!("找不到编号为“{number}”的案件")), "{}", alerts(&refused));
    let by_respondent = fields("", &scj_s);
    let refs: Vec<(&str, &str)> = by_respondent.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = clerk.submit("/cases/new/reconsideration", "/cases/new/reconsideration", &refs).await;
    assert_eq!(refused.status, 422);
    assert!(alerts(&refused).contains("被申请人"), "{}", alerts(&refused));
}

/// A challenge comes after what it challenges (a 复议 after the reply), and a
/// second 复议 of the same reply needs an explicit confirmation.
#[tokio::test]
async fn challenges_come_after_what_they_challenge_and_duplicates_are_confirmed() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let scj = unit_id(&t, "YC-SCJGJ").await.to_string();
    let fuyi_unit = unit_id(&t, "YC-SFJ-FY").await.to_string();
    let handler = Browser::new(&s);
    handler.login("scj.cbr", &t.password("scj.cbr")).await;
    let request = handler
        .submit(
            "/cases/new/disclosure",
            "/cases/new/disclosure",
            &[("received_on", "2025-09-01"), ("applicant_type", "0"), ("name", "冯七"), ("subject", "排污许可台账")],
        )
        .await
        .location
        .unwrap_or_default();
    let number = handler.get(&request).await.select("h1").join("");
    let fuyi = Browser::new(&s);
    fuyi.login("fuyi", &t.password("fuyi")).await;
    let fields = |received: &str, confirm: &str| {
        vec![
            ("unit_id", fuyi_unit.clone()),
            ("respondent_id", scj.clone()),
            ("origin", number.clone()),
            ("matter", "goi".to_owned()),
            ("received_on", received.to_owned()),
            ("known_on", "2025-09-10".to_owned()),
            ("applicant_kind", "person".to_owned()),
            ("name", "冯七".to_owned()),
            ("subject", "不服答复".to_owned()),
            ("confirm_duplicate", confirm.to_owned()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let fuyi = &fuyi;
        async move {
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            fuyi.submit("/cases/new/reconsideration", "/cases/new/reconsideration", &refs).await
        }
    };
    // Not replied yet.
    let refused = post(fields("2025-09-20", "")).await;
    assert_eq!(refused.status, 422);
    assert!(alerts(&refused).contains("尚未作出答复"), "{}", alerts(&refused));
    assert_eq!(
        step(&handler, &request, "reply", "2025-09-10", &[("outcome", "unavailable.not_held")]).await.status,
        303
    );
    // Received before the reply.
    let refused = post(fields("2025-09-09", "")).await;
    assert_eq!(refused.status, 422);
    assert!(alerts(&refused).contains("早于所针对的"), "{}", alerts(&refused));
    assert_eq!(post(fields("2025-09-20", "")).await.status, 303);
    // A second 复议 of the same reply: refused unless confirmed.
    let refused = post(fields("2025-09-22", "")).await;
    assert_eq!(refused.status, 422);
    assert!(alerts(&refused).contains("已有行政复议案件"), "{}", alerts(&refused));
    assert_eq!(post(fields("2025-09-22", "1")).await.status, 303);
}

/// Nobody reviews its own act: the district government (or its office) cannot
/// be the respondent of a 复议 its own office registers (行政复议法 Art. 24).
#[tokio::test]
async fn the_government_is_never_the_respondent_of_its_own_reconsideration() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let gov = unit_id(&t, "YC-GOV").await.to_string();
    let fuyi_unit = unit_id(&t, "YC-SFJ-FY").await.to_string();
    let fuyi = Browser::new(&s);
    fuyi.login("fuyi", &t.password("fuyi")).await;
    for respondent in [&gov, &fuyi_unit] {
        let fields = [
            ("unit_id", fuyi_unit.as_str()),
            ("respondent_id", respondent.as_str()),
            ("matter", "penalty"),
            ("received_on", "2026-02-20"),
            ("known_on", "2026-02-10"),
            ("applicant_kind", "person"),
            ("name", "褚八"),
            ("subject", "不服区政府决定"),
        ];
        let refused = fuyi.submit("/cases/new/reconsideration", "/cases/new/reconsideration", &fields).await;
        assert_eq!(refused.status, 422, "respondent {respondent}");
        assert!(alerts(&refused).contains("第二十四条"), "{}", alerts(&refused));
    }
}
