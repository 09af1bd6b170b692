//! Synthetic reports written for these tests (not taken from any real report): varied
//! numbering, wording, order, merged parts, page chrome, signature dates, GBK bytes, a
//! `.docx`, Traditional script, and bad input.

#![allow(clippy::unwrap_used)]

use std::io::Write;

use fazhi_report::{check_bytes, CheckOptions, PartKind, RecordSource, ReportCheck, Script};

fn check(name: &str, text: &str) -> ReportCheck {
    check_bytes(name, text.as_bytes(), &CheckOptions::default())
}

fn present(c: &ReportCheck) -> Vec<PartKind> {
    PartKind::ALL.into_iter().filter(|k| c.parts.get(*k).present).collect()
}

fn codes(c: &ReportCheck) -> Vec<&'static str> {
    c.flags.iter().map(|f| f.code).collect()
}

const FILLER: &str = "坚持依法行政,健全制度机制,强化监督检查,推动各项工作落实落细,取得了明显成效。";

fn para(n: usize) -> String {
    FILLER.repeat(n)
}

/// Full-width numbering, the first-responsible part first, 第一部分 style, signature.
fn report_fullwidth() -> String {
    format!(
        "青山县人民政府关于２０２２年度法治政府建设情况的报告\n\
         ２０２２年，青山县认真贯彻落实上级部署，现将有关情况报告如下：\n\
         第一部分　党政主要负责人履行推进法治建设第一责任人职责情况\n{}\n\
         第二部分　２０２２年度法治政府建设主要举措和成效\n（一）完善行政决策机制\n\
         全年合法性审核规范性文件１２件，报备规范性文件９件。{}\n\
         （二）化解行政争议\n全年收到行政复议申请５６件，审结４８件，纠错率为百分之十二。{}\n\
         第三部分　问题和不足\n{}\n\
         第四部分　２０２３年工作打算\n{}\n\
         第五部分　其他需要报告的事项\n本年度无其他需要报告的事项。\n\
         青山县人民政府\n２０２３年３月２０日",
        para(2),
        para(1),
        para(1),
        para(2),
        para(3)
    )
}

#[test]
fn fullwidth_numbering_order_and_signature() {
    let c = check("qingshan.txt", &report_fullwidth());
    assert_eq!(c.unit.as_deref(), Some("青山县人民政府"));
    assert_eq!(c.report_year, Some(2022));
    assert_eq!(c.publish_date.as_deref(), Some("2023-03-20"));
    assert_eq!(c.sources.publish_date.as_ref().map(|s| s.kind), Some("signature"));
    assert_eq!(present(&c), PartKind::ALL.to_vec());
    assert!(c.parts.first_responsible.offset < c.parts.measures.offset);
    assert_eq!(c.parts.measures.heading.as_deref(), Some("第二部分 2022年度法治政府建设主要举措和成效"));
    // "本年度无其他需要报告的事项。" is a token part.
    assert!(c.parts.other.token);
    assert!(!c.parts.shortcomings.token);
    assert!(codes(&c).is_empty(), "{:?}", c.flags);
    let received = c.figure("reconsideration.received").map(|f| f.value);
    assert_eq!(received, Some(56.0));
    let rate = c.figure("reconsideration.correction_rate").map(|f| (f.value, f.text.as_str()));
    assert_eq!(rate, Some((12.0, "百分之十二")));
    assert_eq!(c.figure("normative_docs.filed").map(|f| f.value), Some(9.0));
    assert_eq!(c.figure("normative_docs.reviewed").map(|f| f.value), Some(12.0));
}

#[test]
fn gbk_bytes_give_the_same_result() {
    let text = report_fullwidth();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let a = check_bytes("a.txt", &gbk, &CheckOptions::default());
    let b = check("a.txt", &text);
    assert_eq!(a, b);
    assert!(a.error.is_none());
}

#[test]
fn docx_built_in_test() {
    let text = report_fullwidth();
    let mut body = String::new();
    for line in text.lines() {
        body.push_str(&format!("<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"));
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"x\"><w:body>{body}</w:body></w:document>"
    );
    let mut cur = std::io::Cursor::new(Vec::new());
    {
        let mut zw = zip::ZipWriter::new(&mut cur);
        let o = zip::write::SimpleFileOptions::default();
        zw.start_file("word/document.xml", o).unwrap();
        zw.write_all(xml.as_bytes()).unwrap();
        zw.finish().unwrap();
    }
    let d = check_bytes("r.docx", &cur.into_inner(), &CheckOptions::default());
    let t = check("r.docx.txt", &text);
    assert_eq!((d.unit.clone(), d.report_year, d.publish_date.clone()), (t.unit, t.report_year, t.publish_date));
    assert_eq!(d.parts, t.parts);
    assert_eq!(d.figures, t.figures);
}

#[test]
fn merged_parts_under_key_matters_heading() {
    let text = format!(
        "南湖区2023年法治政府建设年度报告\n\
         一、主要工作举措及成效\n{}\n二、存在的问题及原因\n{}\n\
         三、需要报告的重点事项\n(一)党政主要负责人履行推进法治建设第一责任人职责情况\n{}\n\
         (二)其他事项\n区政府常务会议专题听取法治政府建设情况汇报两次,研究解决重点问题六项。{}\n\
         四、下一步工作思路\n{}",
        para(3),
        para(2),
        para(2),
        para(1),
        para(2)
    );
    let c = check("nanhu.txt", &text);
    assert_eq!(c.unit.as_deref(), Some("南湖区"));
    assert_eq!(c.report_year, Some(2023));
    assert_eq!(present(&c), PartKind::ALL.to_vec());
    assert_eq!(
        c.parts.first_responsible.heading.as_deref(),
        Some("(一)党政主要负责人履行推进法治建设第一责任人职责情况")
    );
    assert_eq!(c.parts.other.heading.as_deref(), Some("(二)其他事项"));
    // The responsibility part ends where (二) starts.
    assert_eq!(c.parts.first_responsible.end, c.parts.other.offset);
    assert_eq!(codes(&c), ["no_publish_date"]);
}

#[test]
fn merged_heading_yields_to_nested_specific_headings() {
    let text = format!(
        "东风街道办事处2023年度法治政府建设情况报告\n\
         一、工作开展情况\n{}\n\
         二、主要负责人履行推进法治建设第一责任人职责情况\n{}\n\
         三、存在的问题和下一步打算\n(一)存在的问题\n{}\n(二)下一步打算\n{}",
        para(3),
        para(2),
        para(2),
        para(2)
    );
    let c = check("jd.txt", &text);
    assert_eq!(c.parts.measures.heading.as_deref(), Some("一、工作开展情况"));
    assert_eq!(c.parts.shortcomings.heading.as_deref(), Some("(一)存在的问题"));
    assert_eq!(c.parts.next_year_plan.heading.as_deref(), Some("(二)下一步打算"));
    assert!(!c.parts.other.present);
    assert_eq!(codes(&c), ["no_publish_date", "missing_other"]);
}

#[test]
fn token_shortcomings_and_missing_plan() {
    let text = format!(
        "东山市司法局2023年度法治政府建设工作报告\n一、主要举措和成效\n{}\n\
         二、存在的不足\n与新形势新要求相比还存在一定差距。\n\
         三、主要负责人履行法治建设第一责任人职责情况\n{}\n东山市司法局\n2024年2月1日",
        para(3),
        para(2)
    );
    let c = check("ds.txt", &text);
    assert_eq!(c.unit.as_deref(), Some("东山市司法局"));
    assert!(c.parts.shortcomings.present && c.parts.shortcomings.token);
    assert_eq!(codes(&c), ["token_shortcomings", "missing_next_year_plan", "missing_other"]);
}

#[test]
fn unnumbered_headings_and_sentence_cues() {
    let text = format!(
        "2023年,西岭镇在县委县政府领导下扎实推进依法行政。\n主要举措和成效\n{}\n\
         同时也要清醒地看到,我镇法治建设还存在一些问题和不足:执法人员持证率偏低,\
         规范性文件备案不及时,基层普法针对性不强。\n\
         党委书记、镇长认真履行推进法治建设第一责任人职责,带头学法用法,全年主持专题会议四次。{}\n\
         下一步,我镇将继续深化法治政府建设,重点抓好执法规范化和基层依法治理。{}",
        para(3),
        para(1),
        para(2)
    );
    let c = check("xl.txt", &text);
    assert_eq!(c.unit.as_deref(), Some("西岭镇"));
    assert_eq!(c.report_year, Some(2023));
    assert_eq!(c.parts.measures.found_by, Some("heading"));
    assert_eq!(c.parts.shortcomings.found_by, Some("sentence"));
    assert!(!c.parts.shortcomings.token);
    assert_eq!(c.parts.first_responsible.found_by, Some("sentence"));
    assert_eq!(c.parts.next_year_plan.found_by, Some("sentence"));
    assert!(!c.parts.other.present);
}

#[test]
fn html_page_with_chrome_late_publication() {
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>北坡区2023年法治政府建设年度报告_北坡区人民政府网</title>\
         <meta name=\"PubDate\" content=\"2024-04-15 09:00\"><script>var x = '<p>一、假的</p>';</script></head><body>\
         <div class=\"nav\"><a>首页</a> &gt; <a>政务公开</a> &gt; <a>法治政府建设</a></div>\
         <div class=\"share\">分享到:<a>微信</a><a>微博</a></div><div>【字号:大 中 小】【打印】【关闭】</div>\
         <h1>北坡区2023年法治政府建设年度报告</h1>\
         <div class=\"info\">发布时间:2024-04-15 来源:北坡区司法局</div>\
         <p>一、主要举措和成效</p><p>{}全年受理依申请公开申请320件,12345热线受理群众诉求2.5万件,解决率95.2%,满意率96.10%。</p>\
         <p>二、存在的不足和原因</p><p>{}</p>\
         <p>三、党政主要负责人履行推进法治建设第一责任人职责情况</p><p>{}</p>\
         <p>四、2024年工作安排</p><p>{}</p>\
         <div class=\"pager\">上一篇:关于印发某办法的通知</div><div>下一篇:无</div>\
         <div class=\"footer\">主办单位:北坡区人民政府办公室 网站标识码:1100000000 京ICP备00000000号 京公网安备 11000000000000号</div>\
         </body></html>",
        para(2),
        para(2),
        para(2),
        para(2)
    );
    let c = check("beipo.html", &html);
    assert_eq!(c.unit.as_deref(), Some("北坡区"));
    assert_eq!(c.report_year, Some(2023));
    assert_eq!(c.publish_date.as_deref(), Some("2024-04-15"));
    assert_eq!(codes(&c), ["published_late", "missing_other"]);
    assert_eq!(c.figure("disclosure.requests_received").map(|f| f.value), Some(320.0));
    assert_eq!(c.figure("hotline.tickets").map(|f| f.value), Some(25000.0));
    assert_eq!(c.figure("hotline.resolution_rate").map(|f| f.value), Some(95.2));
    assert_eq!(c.figure("hotline.satisfaction_rate").map(|f| f.value), Some(96.1));
    // No chrome survives in part headings or figures.
    assert!(c.figures.iter().all(|f| !f.subject.contains("ICP")));
}

#[test]
fn traditional_with_taiwan_wording() {
    let text = "北嶺區人民政府2023年法治政府建設年度報告\n\
        一、主要舉措和成效\n嚴格執行重大行政決策程式,提高規範性文件品質和管理水準。全年收到行政復議申請215件,\
        審結行政復議案件198件,行政機關負責人出庭應訴率達到100%。加強網路平臺建設,依法辦理政府資訊公開申請88件。\n\
        二、存在的不足和原因\n一是部分單位依法行政意識不強。二是執法隊伍專業化水準有待提高。三是網路執法能力不足。\n\
        三、黨政主要負責人履行推進法治建設第一責任人職責情況\n區政府主要負責人主持召開常務會議會前學法六次,專題研究法治政府建設重大問題。\n\
        四、2024年工作安排\n持續完善依法行政制度體系,推進嚴格規範公正文明執法,提升行政復議工作品質。";
    let c = check("beiling.txt", text);
    assert_eq!(c.script, Some(Script::Traditional));
    assert_eq!(c.unit.as_deref(), Some("北岭区人民政府"));
    assert_eq!(c.report_year, Some(2023));
    assert_eq!(c.parts.shortcomings.heading.as_deref(), Some("二、存在的不足和原因"));
    assert_eq!(c.figure("reconsideration.received").map(|f| f.value), Some(215.0));
    assert_eq!(c.figure("reconsideration.concluded").map(|f| f.value), Some(198.0));
    assert_eq!(c.figure("litigation.head_appearance_rate").map(|f| f.value), Some(100.0));
    assert_eq!(c.figure("disclosure.requests_received").map(|f| f.value), Some(88.0));
    assert_eq!(c.figure("study.sessions").map(|f| f.value), Some(6.0));
    assert!(c.parts.first_responsible.present);
}

#[test]
fn published_before_year_end() {
    let text = format!(
        "青河区2023年法治政府建设年度报告\n发布日期:2023-12-20\n一、主要举措和成效\n{}\n二、存在的不足\n{}",
        para(3),
        para(2)
    );
    let c = check("early.txt", &text);
    assert!(c.has_flag("published_before_year_end"));
    assert!(!c.has_flag("published_late"));
}

#[test]
fn one_is_numbering_for_parts_in_a_short_report() {
    let text = format!(
        "石桥乡人民政府2023年度法治政府建设情况报告\n\
         一是主要举措和成效。{}\n二是存在的不足和原因。{}\n\
         三是主要负责人履行推进法治建设第一责任人职责情况。{}\n四是2024年工作安排。{}\n五是其他事项。无。",
        para(3),
        para(2),
        para(2),
        para(2)
    );
    let c = check("xiang.txt", &text);
    assert_eq!(present(&c), PartKind::ALL.to_vec());
    assert_eq!(c.parts.shortcomings.heading.as_deref(), Some("二是存在的不足和原因"));
    assert!(c.parts.other.token);
}

#[test]
fn bad_input_has_reasons_and_never_panics() {
    let cases: [(&str, &[u8], &str); 6] = [
        ("empty.txt", b"", "empty"),
        ("bin.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3], "binary"),
        ("bad.docx", b"this is not a zip", "bad_docx"),
        ("gbk?.txt", b"\x81\x30\xff\xfe\x80\xff\x80\xff\x80\xff", "undecodable"),
        (
            "nav.html",
            b"<html><body><div>\xe9\xa6\x96\xe9\xa1\xb5</div><div>404 Not Found</div></body></html>",
            "no_report",
        ),
        ("legacy.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", "binary"),
    ];
    for (name, bytes, code) in cases {
        let c = check_bytes(name, bytes, &CheckOptions::default());
        let err = c.error.as_ref().expect(name);
        assert_eq!(err.code, code, "{name}");
        assert!(!err.message.contains('\n'), "{name}: one line");
        assert_eq!(codes(&c), ["unreadable"], "{name}");
        // The JSON still has every key.
        let v: serde_json::Value = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        for key in ["file", "unit", "report_year", "publish_date", "script", "parts", "figures", "flags"] {
            assert!(v.get(key).is_some(), "{name} {key}");
        }
    }
}

struct FakeRecords;

impl RecordSource for FakeRecords {
    fn value(&self, unit: &str, year: i32, indicator: &str) -> Option<f64> {
        match (unit, year, indicator) {
            ("青山县人民政府", 2022, "reconsideration.received") => Some(60.0),
            ("青山县人民政府", 2022, "normative_docs.filed") => Some(9.0),
            _ => None,
        }
    }
}

#[test]
fn figures_are_compared_with_records() {
    let records = FakeRecords;
    let opts = CheckOptions { records: Some(&records), ..CheckOptions::default() };
    let c = check_bytes("q.txt", report_fullwidth().as_bytes(), &opts);
    let mismatches: Vec<&str> =
        c.flags.iter().filter(|f| f.code == "figure_mismatch").map(|f| f.message.as_str()).collect();
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert!(mismatches[0].contains("(收到行政复议申请)") && mismatches[0].contains("60"), "{}", mismatches[0]);
    assert!(!mismatches[0].contains("reconsideration"), "the indicator is named in Chinese: {}", mismatches[0]);
}

#[test]
fn json_shape_is_stable() {
    let c = check("qingshan.txt", &report_fullwidth());
    let v: serde_json::Value = serde_json::to_value(&c).unwrap();
    assert_eq!(v["file"], "qingshan.txt");
    assert_eq!(v["unit"], "青山县人民政府");
    assert_eq!(v["report_year"], 2022);
    assert_eq!(v["publish_date"], "2023-03-20");
    assert_eq!(v["script"], "simplified");
    for part in ["measures", "shortcomings", "first_responsible", "next_year_plan", "other"] {
        let p = &v["parts"][part];
        assert!(p["present"].is_boolean(), "{part}");
        assert!(p["heading"].is_string(), "{part}");
        assert!(p["offset"].is_u64(), "{part}");
        assert!(p["token"].is_boolean(), "{part}");
    }
    let f = &v["figures"][0];
    for key in ["text", "value", "unit", "subject", "approx", "indicator"] {
        assert!(f.get(key).is_some(), "{key}");
    }
    assert_eq!(v["flags"], serde_json::json!([]));
    let late = check("late.txt", &report_fullwidth().replace("３月２０日", "４月２日"));
    let v: serde_json::Value = serde_json::to_value(&late).unwrap();
    assert_eq!(v["flags"][0]["code"], "published_late");
    assert!(v["flags"][0]["message"].as_str().unwrap().contains("2023-03-31"));
}

/// Builds a report from headings, each followed by three filler sentences.
fn from_headings(title: &str, headings: &[&str]) -> String {
    let mut s = format!("{title}\n");
    for h in headings {
        s.push_str(h);
        s.push('\n');
        s.push_str(&para(3));
        s.push('\n');
    }
    s
}

#[test]
fn wording_and_numbering_variants_table() {
    use PartKind::*;
    type Case = (&'static [&'static str], &'static [PartKind]);
    let cases: [Case; 9] = [
        (
            &[
                "一、2023年度法治政府建设工作开展情况",
                "二、存在的主要问题",
                "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                "四、2024年度工作计划",
            ],
            &[Measures, Shortcomings, FirstResponsible, NextYearPlan],
        ),
        (
            &["一、工作成效", "二、问题与不足", "三、主要负责同志履职情况", "四、今后工作打算", "五、其他情况"],
            &[Measures, Shortcomings, FirstResponsible, NextYearPlan, Other],
        ),
        (
            &["1.主要举措和成效", "2.存在的不足和原因", "3.第一责任人职责履行情况", "4.下一年度工作思路"],
            &[Measures, Shortcomings, FirstResponsible, NextYearPlan],
        ),
        (
            &[
                "一、主要举措和成效",
                "(一)健全制度",
                "(二)落实党政主要负责人推进法治建设第一责任人职责",
                "二、2024年工作安排",
            ],
            &[Measures, FirstResponsible, NextYearPlan],
        ),
        (
            &["第一章 推进法治政府建设的主要做法", "第二章 困难和问题", "第三章 明年工作展望"],
            &[Measures, Shortcomings, NextYearPlan],
        ),
        (
            &["一、主要举措和成效:", "二、存在的不足和原因:", "三、下一步工作安排:"],
            &[Measures, Shortcomings, NextYearPlan],
        ),
        (
            &["一、加强党的领导", "二、深化放管服改革", "三、存在的差距和不足", "四、2024年重点任务"],
            &[Measures, Shortcomings, NextYearPlan],
        ),
        (&["一、主要举措和成效及存在的不足", "二、2024年主要安排"], &[Measures, Shortcomings, NextYearPlan]),
        (
            &[
                "(一)主要举措和成效",
                "(二)存在的不足和原因",
                "(三)主要负责人履行法治建设第一责任人职责情况",
                "(四)2024年工作打算",
                "(五)其他需要报告的事项",
            ],
            &[Measures, Shortcomings, FirstResponsible, NextYearPlan, Other],
        ),
    ];
    for (headings, want) in cases {
        let c = check("v.txt", &from_headings("青河区2023年法治政府建设年度报告", headings));
        assert_eq!(present(&c), want.to_vec(), "{headings:?}");
        for kind in PartKind::ALL {
            let missing = c.has_flag(match kind {
                Measures => "missing_measures",
                Shortcomings => "missing_shortcomings",
                FirstResponsible => "missing_first_responsible",
                NextYearPlan => "missing_next_year_plan",
                Other => "missing_other",
            });
            assert_eq!(missing, !want.contains(&kind), "{headings:?} {kind:?}");
        }
    }
}

#[test]
fn unnamed_first_section_is_measures_by_position() {
    let c = check(
        "p.txt",
        &from_headings(
            "青河区2023年法治政府建设年度报告",
            &["一、加强党的领导", "二、深化放管服改革", "三、存在的差距和不足"],
        ),
    );
    assert_eq!(c.parts.measures.found_by, Some("position"));
    assert_eq!(c.parts.measures.heading.as_deref(), Some("一、加强党的领导"));
}

#[test]
fn gbk_html_page() {
    let html = format!(
        "<html><head><meta charset=\"gb2312\"><title>白石县2022年法治政府建设年度报告</title></head><body>\
         <div>发布日期:2023年03月30日</div><p>一、主要举措和成效</p><p>{}</p><p>二、存在的不足和原因</p><p>{}</p></body></html>",
        para(3),
        para(2)
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&html);
    let c = check_bytes("page.htm", &gbk, &CheckOptions::default());
    assert_eq!(c.unit.as_deref(), Some("白石县"));
    assert_eq!(c.report_year, Some(2022));
    assert_eq!(c.publish_date.as_deref(), Some("2023-03-30"));
    assert!(c.parts.measures.present && c.parts.shortcomings.present);
}

#[test]
fn unit_on_its_own_line_above_the_title() {
    let text = format!(
        "首页 > 政务公开\n白河县人民政府\n关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{}\n二、存在的不足和原因\n{}",
        para(3),
        para(2)
    );
    let c = check("baihe.txt", &text);
    assert_eq!(c.unit.as_deref(), Some("白河县人民政府"));
    assert_eq!(c.report_year, Some(2023));
    assert_eq!(c.sources.unit.as_ref().map(|s| s.kind), Some("title"));
}

#[test]
fn problems_mentioned_in_measures_are_not_a_shortcomings_part() {
    let text = format!(
        "青河区2023年法治政府建设年度报告\n一、主要举措和成效\n对检查中发现存在问题的单位进行通报,\
         着力解决群众反映强烈的突出问题。{}\n二、2024年工作安排\n{}",
        para(3),
        para(2)
    );
    let c = check("m.txt", &text);
    assert!(!c.parts.shortcomings.present, "{:?}", c.parts.shortcomings);
    assert!(c.has_flag("missing_shortcomings"));
}

#[test]
fn header_sources_table() {
    // (text, unit, year, date, unit source, year source, date source)
    type Row =
        (String, Option<&'static str>, Option<i32>, Option<&'static str>, &'static str, &'static str, &'static str);
    let body = format!("一、主要举措和成效\n{}\n二、存在的不足和原因\n{}\n", para(3), para(2));
    let rows: Vec<Row> = vec![
        (
            format!("关于2023年度法治政府建设情况的报告\n来源:白云区人民政府 发布时间:2024-03-15\n{body}"),
            Some("白云区人民政府"),
            Some(2023),
            Some("2024-03-15"),
            "source_line",
            "title",
            "date_line",
        ),
        (
            format!("法治政府建设情况报告\n{body}三、2024年工作安排\n{}\n黄石镇人民政府\n二〇二四年三月八日", para(2)),
            Some("黄石镇人民政府"),
            Some(2023),
            Some("2024-03-08"),
            "signature",
            "plan_heading",
            "signature",
        ),
        (
            format!("2024-03-20 09:12\n红河县2023年度法治政府建设工作报告\n{body}"),
            Some("红河县"),
            Some(2023),
            Some("2024-03-20"),
            "title",
            "title",
            "date_line",
        ),
    ];
    for (text, unit, year, date, us, ys, ds) in rows {
        let c = check("h.txt", &text);
        assert_eq!(c.unit.as_deref(), unit, "{text}");
        assert_eq!(c.report_year, year, "{text}");
        assert_eq!(c.publish_date.as_deref(), date, "{text}");
        assert_eq!(c.sources.unit.as_ref().map(|s| s.kind), Some(us), "{text}");
        assert_eq!(c.sources.report_year.as_ref().map(|s| s.kind), Some(ys), "{text}");
        assert_eq!(c.sources.publish_date.as_ref().map(|s| s.kind), Some(ds), "{text}");
    }
}

#[test]
fn sidebar_links_to_other_reports_are_not_the_title() {
    let html = format!(
        "<html><body><ul class=\"side\"><li>金山区2021年法治政府建设年度报告</li>\
         <li>金山区2022年法治政府建设年度报告</li></ul>\
         <h1>金山区2023年法治政府建设年度报告</h1><div>发布日期:2024-03-29</div>\
         <p>一、主要举措和成效</p><p>{}</p><p>二、存在的不足和原因</p><p>{}</p></body></html>",
        para(3),
        para(2)
    );
    let c = check("jinshan.html", &html);
    assert_eq!(c.report_year, Some(2023));
    assert_eq!(c.unit.as_deref(), Some("金山区"));
    assert_eq!(c.publish_date.as_deref(), Some("2024-03-29"));
}

#[test]
fn other_matters_stated_in_a_closing_sentence() {
    let text = format!(
        "青河区2023年法治政府建设年度报告\n一、主要举措和成效\n{}\n二、存在的不足和原因\n{}\n\
         三、主要负责人履行推进法治建设第一责任人职责情况\n{}\n四、2024年工作安排\n{}\n本年度无其他需要报告的事项。",
        para(3),
        para(2),
        para(2),
        para(2)
    );
    let c = check("o.txt", &text);
    assert_eq!(c.parts.other.found_by, Some("sentence"));
    assert!(c.parts.other.token);
    assert!(c.flags.iter().all(|f| !f.code.ends_with("_other")), "{:?}", c.flags);
    // The plan part ends where that sentence starts.
    assert_eq!(c.parts.next_year_plan.end, c.parts.other.offset);
}
