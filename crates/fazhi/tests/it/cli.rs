//! The binary itself: `fazhi deadline`, `fazhi demo`, `fazhi audit verify`.

use crate::harness::pg_base_url;
use std::process::Command;

fn fazhi(args: &[&str], data_dir: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(["--data-dir", &data_dir.display().to_string()])
        .args(args)
        .env_remove("FAZHI_DATABASE_URL")
        .env("FAZHI_LOG", "error")
        .output()
        .unwrap_or_else(|e| panic!("run fazhi: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn deadline_prints_json_with_explanations() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 依申请公开 received 2024-02-05, the Monday before the 2024 Spring Festival
    // (holiday 02-10..02-17, 调休 Sunday 02-18 is a working day).
    let (code, out, err) = fazhi(&["deadline", "disclosure", "--received", "2024-02-05", "--json"], dir.path());
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    let d = v["deadlines"].as_array().cloned().unwrap_or_default();
    let pairs: Vec<(String, String)> =
        d.iter().map(|x| (x["step"].as_str().unwrap_or("").into(), x["due"].as_str().unwrap_or("").into())).collect();
    assert_eq!(pairs, vec![("correction_notice".into(), "2024-02-20".into()), ("reply".into(), "2024-03-08".into())]);
    assert!(d[0]["explanation"].as_str().unwrap_or("").contains("春节"));
}

/// Issue 8, done when: the decision of a 复议 accepted late runs from the deemed
/// acceptance (行政复议法 Art. 30 ¶3), and hours count as natural hours.
#[test]
fn deadline_and_calendar_add_print_the_corrected_and_hourly_due_moments() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) =
        fazhi(&["deadline", "reconsideration", "--received", "2024-03-01", "--accepted", "2024-03-20"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("decision（复议决定）截止 2024-05-07（星期二）"), "{out}");
    assert!(out.contains("第三十条第三款"), "{out}");
    let (code, out, err) = fazhi(&["calendar", "add", "--from", "2024-09-30T16:00", "--hours", "24"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().next(), Some("2024-10-01 16:00"), "{out}");
    // 行政诉讼法 Art. 85: a ruling served 2024-09-20 can be appealed until 09-30.
    let (code, out, err) = fazhi(
        &["deadline", "litigation", "--received", "2024-09-02", "--judgment-served", "2024-09-20", "--ruling"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("appeal（上诉）截止 2024-09-30（星期一）"), "{out}");
    assert!(out.contains("第八十五条"), "{out}");
    let (code, _, err) = fazhi(&["calendar", "add", "--from", "2024-09-30", "--hours", "24"], dir.path());
    assert_ne!(code, 0);
    assert!(err.contains("需要起算时刻"), "{err}");
}

/// Issue 12: `fazhi deadline petition --received 2025-03-03` prints the transfer
/// deadline: 15 calendar days (信访工作条例 Art. 22; LAW.md §0) → 2025-03-18 (Tue).
#[test]
fn deadline_of_a_petition_prints_the_transfer_and_handling_deadlines() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = fazhi(&["deadline", "petition", "--received", "2025-03-03"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("transfer（转送交办或告知）截止 2025-03-18（星期二）"), "{out}");
    assert!(out.contains("《信访工作条例》第二十二条"), "{out}");
    // Transferred 03-10, accepted 03-12: notice by 03-25, 60 days to 05-11 (Sun) → 05-12.
    let (code, out, err) = fazhi(
        &[
            "deadline",
            "petition",
            "--received",
            "2025-03-03",
            "--transferred",
            "2025-03-10",
            "--notified",
            "2025-03-12",
            "--accepted",
            "2025-03-12",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("acceptance_notice（告知受理情况）截止 2025-03-25（星期二）"), "{out}");
    assert!(out.contains("handling（办结）截止 2025-05-12（星期一）"), "{out}");
    assert!(!out.contains("objection"), "nothing to object to once the petitioner was told: {out}");
}

#[test]
fn demo_then_tamper_then_verify_names_the_row() {
    if pg_base_url().is_some() {
        // This test drives the SQLite default of the binary; the PostgreSQL
        // run covers the same verification through the store suite.
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = fazhi(&["demo", "--no-serve", "--seed", "3"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("admin") && out.contains("Demo-admin-"), "{out}");
    let (code, out, _) = fazhi(&["audit", "verify"], dir.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("完整"));
    let db = dir.path().join("fazhi.db");
    let sql = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 17;";
    let st = Command::new("sqlite3").arg(&db).arg(sql).status();
    if !st.as_ref().is_ok_and(|s| s.success()) {
        // sqlite3 CLI missing: edit through sqlx instead.
        let rt = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
        rt.block_on(async {
            let store = fazhi_store::Store::connect(&format!("sqlite://{}", db.display()))
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            for s in sql.split(';').filter(|s| !s.trim().is_empty()) {
                sqlx::query(s).execute(store.pool()).await.unwrap_or_else(|e| panic!("{e}"));
            }
        });
    }
    let (code, out, _) = fazhi(&["audit", "verify"], dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("第 17 条"), "{out}");
    assert!(out.contains("行政区划 519901:校验失败"), "the broken chain's region is named: {out}");
}

#[test]
fn config_example_is_valid_toml() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = fazhi(&["config", "example"], dir.path());
    assert_eq!(code, 0);
    let file = dir.path().join("fazhi.toml");
    std::fs::write(&file, &out).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = fazhi(&["--config", &file.display().to_string(), "migrate"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("SQLite"), "{out}");
}

/// Issue 12: `fazhi deadline mediation --received 2025-03-03` prints the
/// handling deadline (a local setting, 30 days by default: 04-02), the
/// 司法确认 deadline from `--agreed`, and a rules file overrides the period.
#[test]
fn deadline_prints_the_mediation_handling_period_and_its_override() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = fazhi(&["deadline", "mediation", "--received", "2025-03-03"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("mediation（调解结案）截止 2025-04-02（星期三）"), "{out}");
    assert!(out.contains("第三十七条"), "{out}");
    // 司法确认: 2025-03-20 + 30 = 04-19 (Sat) → 04-21 (人民调解法 Art. 33).
    let (code, out, err) =
        fazhi(&["deadline", "mediation", "--received", "2025-03-03", "--agreed", "2025-03-20"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("judicial_confirmation（申请司法确认）截止 2025-04-21（星期一）"), "{out}");
    assert!(out.contains("《人民调解法》第三十三条第一款"), "{out}");
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "[[rule]]\nid = \"mediation.handling\"\nlength = 15\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = fazhi(
        &["deadline", "mediation", "--received", "2025-03-03", "--rules", &rules.display().to_string()],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("mediation（调解结案）截止 2025-03-18（星期二）"), "{out}");
}

/// A configured `rules_file` that cannot be applied stops the program with
/// the file named (a server must not count with other rules than configured).
#[test]
fn a_bad_rules_file_stops_the_demo_with_its_name() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let rules = dir.path().join("local-rules.toml");
    std::fs::write(&rules, "[[rule]]\nid = \"mediation.no_such_rule\"\nlength = 15\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let cfg = dir.path().join("fazhi.toml");
    std::fs::write(&cfg, format!("rules_file = {:?}\n", rules.display().to_string())).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = fazhi(&["--config", &cfg.display().to_string(), "demo", "--no-serve"], dir.path());
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("期限规则文件") && err.contains("local-rules.toml"), "{err}");
    assert!(err.contains("mediation.no_such_rule"), "{err}");
}

/// Issue 12: `fazhi deadline proposal --assigned 2025-03-20` prints the reply
/// deadline, 3 months from the assignment (代表法 Art. 51 ¶2): 2025-06-20, and
/// 6 months with the assigning body's consent (2025-09-20, a Saturday → 09-22).
#[test]
fn deadline_of_a_proposal_runs_from_its_assignment() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = fazhi(&["deadline", "proposal", "--assigned", "2025-03-20"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("deputy_reply") && out.contains("2025-06-20"), "{out}");
    assert!(out.contains("第五十一条第二款"), "{out}");
    let (code, out, err) =
        fazhi(&["deadline", "proposal", "--assigned", "2025-03-20", "--difficult", "2025-05-10"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2025-09-22"), "{out}");
    // The start is the assignment: --received is not how a proposal begins.
    let (code, _, err) = fazhi(&["deadline", "proposal"], dir.path());
    assert_ne!(code, 0);
    assert!(err.contains("--assigned"), "{err}");
}
