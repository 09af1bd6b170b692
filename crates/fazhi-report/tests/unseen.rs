//! Pages of the kinds met in the wild, written for these tests in our own words (no text
//! from any real report): documents that are not reports, units named in the opening,
//! in page metadata or only by a self-reference, publication dates in every format,
//! pages cut off before their end, and figures that are rankings, approximations,
//! Traditional script or lists.

#![allow(clippy::unwrap_used)]

use fazhi_report::{check_bytes, CheckOptions, PartStatus, ReportCheck};

fn check(name: &str, text: &str) -> ReportCheck {
    check_bytes(name, text.as_bytes(), &CheckOptions::default())
}

fn codes(c: &ReportCheck) -> Vec<&'static str> {
    c.flags.iter().map(|f| f.code).collect()
}

const FILLER: &str = "坚持依法行政,健全制度机制,强化监督检查,推动各项工作落实落细,取得了明显成效。";

fn para(n: usize) -> String {
    FILLER.repeat(n)
}

#[test]
fn documents_that_are_not_reports() {
    let cases: [(&str, String, &str); 7] = [
        (
            "plan.txt",
            format!("白云区人民政府办公室关于印发白云区2024年法治政府建设工作要点的通知\n各街道、区政府各部门:\n现将工作要点印发给你们,请认真贯彻执行。\n{}", para(3)),
            "工作要点",
        ),
        (
            "scheme.txt",
            format!("为深入推进依法行政,加快建设法治政府,结合本市实际,制定本方案。\n一、总体要求\n{}", para(3)),
            "实施方案",
        ),
        (
            "goi.txt",
            format!("青石县司法局2023年政府信息公开工作年度报告\n一、总体情况\n{}", para(3)),
            "政府信息公开工作年度报告",
        ),
        (
            "explain.txt",
            format!("关于《青石县2023年度法治政府建设情况报告》的解读\n一、起草背景\n{}", para(3)),
            "政策解读",
        ),
        (
            "person.txt",
            format!("今年以来,我认真履行职责。现将我履行推进法治建设第一责任人职责情况报告如下:\n一、带头学法\n{}", para(3)),
            "述法报告",
        ),
        (
            "model.txt",
            format!("某县2024年度法治政府建设情况报告\n2024年,某县坚持依法行政,现将有关情况报告如下。\n一、主要举措和成效\n{}", para(3)),
            "范文模板",
        ),
        (
            "notice.txt",
            format!("东川市人民政府\n关于2023年度全市法治政府\n建设考核结果的通报\n各区县人民政府:\n{}", para(3)),
            "考核通报",
        ),
    ];
    for (name, text, doc) in cases {
        let c = check(name, &text);
        assert!(!c.verdict.is_report, "{name}: {:?}", c.verdict);
        assert_eq!(c.verdict.doc_type.as_deref(), Some(doc), "{name}");
        assert!(c.verdict.reason.as_deref().is_some_and(|r| !r.is_empty()), "{name}");
        assert_eq!(codes(&c), ["not_a_report"], "{name}: no part flags for a non-report");
        assert!(c.parts.measures.status != PartStatus::Present, "{name}");
    }
}

#[test]
fn units_from_the_opening_metadata_and_self_references() {
    // The subject after an adverbial clause.
    let c = check(
        "ministry.txt",
        &format!("2023年,在党中央的坚强领导下,水利部坚持依法行政,推进法治政府建设。\n一、主要举措和成效\n{}", para(2)),
    );
    assert_eq!((c.unit.as_deref(), c.unit_parent.as_deref(), c.report_year), (Some("水利部"), None, Some(2023)));
    assert_eq!(c.sources.unit.as_ref().map(|s| s.kind), Some("first_sentence"));

    // A provincial department that names itself without its province.
    let c = check(
        "dept.txt",
        &format!(
            "2022年,民政厅以法治思维统筹各项工作。\n一、主要举措和成效\n印发《江西省民政厅行政执法公示办法》。{}",
            para(2)
        ),
    );
    assert_eq!((c.unit.as_deref(), c.unit_parent.as_deref()), (Some("民政厅"), Some("江西省")));

    // 我局 with the county it works in.
    let c = check(
        "bureau.txt",
        &format!(
            "根据上级通知要求,我局认真总结全年工作,现将情况报告如下:\n一、主要举措和成效\n\
             按照《丰宁县优化营商环境实施意见》,我县新设企业320家。{}",
            para(2)
        ),
    );
    assert_eq!((c.unit.as_deref(), c.unit_parent.as_deref()), (Some("我局"), Some("丰宁县")));

    // 我镇 named later in the text, with its county.
    let c = check(
        "town.txt",
        &format!(
            "2023年,我镇坚持依法行政。\n一、主要举措和成效\n{}会议精神在石门镇落地见效,传达省、市和安远县有关精神。",
            para(2)
        ),
    );
    assert_eq!((c.unit.as_deref(), c.unit_parent.as_deref()), (Some("石门镇"), Some("安远县")));

    // Only 发布机构 in a metadata list, no title.
    let c = check(
        "meta.html",
        &format!(
            "<ul><li>索引号:000/2024-01</li><li>发布机构:清河区司法局</li><li>发布日期:2024-03-22</li></ul>\
             <p>2023年,全局上下坚持依法行政,推进法治政府建设。</p><p>一、主要举措和成效</p><p>{}</p>",
            para(2)
        ),
    );
    assert_eq!(c.unit.as_deref(), Some("清河区司法局"));
    assert_eq!(c.publish_date.as_deref(), Some("2024-03-22"));
}

#[test]
fn spam_mirror_names_are_not_units() {
    let c = check(
        "spam.txt",
        &format!(
            "2023年,xyz体育:坚持依法行政。现将xyz体育:2023年度法治政府建设情况报告如下。\n一、主要举措和成效\n{}",
            para(2)
        ),
    );
    assert_eq!(c.unit, None);
    assert!(c.has_flag("spam_mirror"), "{:?}", c.flags);
    assert!(c.verdict.is_report);
}

#[test]
fn publication_dates_in_every_format() {
    let cases: [(&str, &str); 6] = [
        ("发布时间:2024年3月22日", "2024-03-22"),
        ("日期:2024/03/22", "2024-03-22"),
        ("2024-03-22 09:18 青石县人民政府网", "2024-03-22"),
        ("成文日期:2024-03-10 发布日期:2024-03-22", "2024-03-22"),
        ("- [ 发布日期 ] 2024-03-22", "2024-03-22"),
        ("发布时间:二〇二四年三月二十二日", "2024-03-22"),
    ];
    for (line, want) in cases {
        let text = format!(
            "青石县2023年度法治政府建设情况报告\n{line}\n2023年,青石县坚持依法行政。\n一、主要举措和成效\n{}",
            para(2)
        );
        let c = check("d.txt", &text);
        assert_eq!(c.publish_date.as_deref(), Some(want), "{line}");
        assert_eq!(c.report_year, Some(2023), "{line}: the year is never the page's date");
    }
    // The signature date at the end, in Chinese numerals.
    let text = format!(
        "青石县2023年度法治政府建设情况报告\n一、主要举措和成效\n{}\n青石县人民政府\n二〇二四年三月二十二日",
        para(2)
    );
    assert_eq!(check("s.txt", &text).publish_date.as_deref(), Some("2024-03-22"));
}

#[test]
fn a_page_cut_off_says_not_seen_instead_of_missing() {
    let text = format!(
        "青石县2023年度法治政府建设情况报告\n2023年,青石县坚持依法行政。\n一、主要举措和成效\n{}全年受理行政复议申请",
        para(2)
    );
    let c = check("cut.txt", &text);
    let done = c.completeness.as_ref().unwrap();
    assert_eq!((done.complete, done.evidence), (false, "mid_sentence"));
    assert_eq!(c.parts.measures.status, PartStatus::Present);
    assert_eq!(c.parts.shortcomings.status, PartStatus::NotSeen);
    let codes = codes(&c);
    assert!(codes.contains(&"text_incomplete"), "{codes:?}");
    assert!(!codes.iter().any(|c| c.starts_with("missing_")), "{codes:?}");

    // A part cut off right after its heading is not judged token: its end was not seen.
    let cut_part = format!("{}。\n二、存在的不足和原因\n一是基层执法", text.trim_end_matches("全年受理行政复议申请"));
    let c = check("cut2.txt", &cut_part);
    assert_eq!(c.parts.shortcomings.status, PartStatus::Present);
    assert!(!c.has_flag("token_shortcomings"), "{:?}", c.flags);

    // The same text ending at a full stop is complete: the parts are missing.
    let c = check("whole.txt", &format!("{}。", text.trim_end_matches("全年受理行政复议申请")));
    assert_eq!(c.completeness.as_ref().map(|d| d.complete), Some(true));
    assert!(c.has_flag("missing_shortcomings"), "{:?}", c.flags);
    assert!(!c.has_flag("text_incomplete"));
}

#[test]
fn figures_rankings_approximations_traditional_and_lists() {
    let text = format!(
        "青石县2023年度法治政府建设情况报告\n一、主要举措和成效\n\
         全年培训执法人员1万余人次,法治建设考核在全市排名第三,群众满意度位列全省第十名,\
         连续5年获评优秀。办理人大建议、政协提案分别为12件、8件,每半年听取一次专题汇报。\
         依据《某条例》第三十二条,按照青政发〔2023〕15号文件,于2023年3月5日召开第36次常务会议,\
         传达十二届五次全会精神,围绕五个方面开展工作。{}",
        para(1)
    );
    let c = check("f.txt", &text);
    let got: Vec<(String, f64)> = c.figures.iter().map(|f| (f.text.clone(), f.value)).collect();
    let want: [(&str, f64); 7] = [
        ("1万余人次", 10_000.0),
        ("第三", 3.0),
        ("第十名", 10.0),
        ("5年", 5.0),
        ("12件", 12.0),
        ("8件", 8.0),
        ("一次", 1.0),
    ];
    let want: Vec<(String, f64)> = want.iter().map(|(t, v)| (t.to_string(), *v)).collect();
    assert_eq!(got, want);

    // Traditional script: converted, numerals read.
    let c = check(
        "t.txt",
        &format!(
            "青石縣2023年度法治政府建設情況報告\n一、主要舉措和成效\n全年舉辦培訓兩期,受理複議申請十二件。{}",
            para(2)
        ),
    );
    let got: Vec<(String, f64)> = c.figures.iter().map(|f| (f.text.clone(), f.value)).collect();
    assert_eq!(got, [("两期".to_string(), 2.0), ("十二件".to_string(), 12.0)]);
}
