//! The batch and the CLI entry point: a folder with good and bad files is checked in
//! order, the batch goes on past bad input, and the CSV and .xlsx summaries are written.

#![allow(clippy::unwrap_used)]

use fazhi_report::cli::{run, ReportCommand};

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn good(unit: &str) -> String {
    let body = "坚持依法行政,健全制度机制,强化监督检查,推动各项工作落实落细,取得了明显成效。".repeat(3);
    format!(
        "{unit}2023年法治政府建设年度报告\n一、主要举措和成效\n全年收到行政复议申请30件。{body}\n\
         二、存在的不足和原因\n{body}\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n{body}\n\
         四、2024年工作安排\n{body}\n五、其他需要报告的事项\n{body}\n{unit}\n2024年3月1日"
    )
}

#[test]
fn folder_batch_goes_on_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    write(dir.path(), "a.txt", good("甲区").as_bytes());
    write(dir.path(), "b_empty.txt", b"");
    write(dir.path(), "c_bad.docx", b"not a zip");
    write(
        &sub,
        "d.htm",
        format!("<html><body><p>{}</p></body></html>", good("乙县").replace('\n', "</p><p>")).as_bytes(),
    );
    write(dir.path(), "ignored.png", b"\x89PNG");
    write(dir.path(), ".hidden.txt", b"x");

    let results = fazhi_report::batch::check_paths(&[dir.path().to_path_buf()], &Default::default());
    let names: Vec<String> = results
        .iter()
        .map(|r| std::path::Path::new(&r.file).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.txt", "b_empty.txt", "c_bad.docx", "d.htm"]);
    assert_eq!(results[0].unit.as_deref(), Some("甲区"));
    assert!(results[0].flags.is_empty(), "{:?}", results[0].flags);
    assert_eq!(results[1].error.as_ref().map(|e| e.code), Some("empty"));
    assert_eq!(results[2].error.as_ref().map(|e| e.code), Some("bad_docx"));
    assert_eq!(results[3].unit.as_deref(), Some("乙县"));
    assert_eq!(results[3].publish_date.as_deref(), Some("2024-03-01"));

    let csv = dir.path().join("out.csv");
    let xlsx = dir.path().join("out.xlsx");
    let code = run(ReportCommand::Check {
        paths: vec![dir.path().to_path_buf()],
        json: true,
        csv: Some(csv.clone()),
        xlsx: Some(xlsx.clone()),
        unit_kind: Default::default(),
        deadline_month_day: None,
        threads: 2,
        quiet: true,
    })
    .unwrap();
    assert_eq!(code, 1, "some inputs were unreadable");
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("\u{feff}文件,发布主体,年度,发布日期"));
    assert!(lines[1].contains(",甲区,2023,2024-03-01,简体,有,有,有,有,有,,30,"), "{}", lines[1]);
    assert!(lines[2].contains("文件为空"));
    let x = std::fs::read(&xlsx).unwrap();
    assert!(x.starts_with(b"PK"));
    let rows: Vec<_> = results.iter().map(fazhi_report::output::SummaryRow::of).collect();
    let bytes = fazhi_report::output::xlsx_bytes(&rows).unwrap();
    assert!(bytes.starts_with(b"PK") && bytes.len() > 1000);
}

/// ASCII words of a message once `known` (paths the user gave) are taken out, other than
/// names of formats and encodings.
fn english_words(message: &str, known: &[&str]) -> Vec<String> {
    const NAMES: [&str; 14] =
        ["utf", "gb", "gbk", "word", "docx", "doc", "pdf", "mb", "zip", "xml", "txt", "html", "csv", "xlsx"];
    let mut m = message.to_string();
    for k in known {
        m = m.replace(k, "");
    }
    m.split(|c: char| !c.is_ascii_alphabetic())
        .map(str::to_ascii_lowercase)
        .filter(|w| w.len() > 1 && !NAMES.contains(&w.as_str()))
        .collect()
}

#[test]
fn errors_are_in_chinese_only() {
    let dir = tempfile::tempdir().unwrap();
    let dir_text = dir.path().display().to_string();

    // An input that cannot be read: the operating system's English is not passed on.
    let missing = dir.path().join("不存在.txt");
    let results = fazhi_report::batch::check_paths(&[missing], &Default::default());
    let err = results[0].error.as_ref().unwrap();
    assert_eq!(err.code, "io");
    assert!(err.message.contains("不存在"), "{}", err.message);
    assert_eq!(english_words(&err.message, &[]), Vec::<String>::new(), "{}", err.message);
    assert!(!err.message.contains("os error"), "{}", err.message);

    // Each code of unreadable input.
    write(dir.path(), "空.txt", b"");
    write(dir.path(), "坏.docx", b"\x00\x01");
    write(dir.path(), "短.txt", "只有一句话。".as_bytes());
    write(dir.path(), "旧.doc", b"\xD0\xCF\x11\xE0\x00\x00");
    write(dir.path(), "乱.txt", b"\x80\xff\x80\xff\x80\xff\xff\xff");
    for r in fazhi_report::batch::check_paths(&[dir.path().to_path_buf()], &Default::default()) {
        let err = r.error.as_ref().unwrap_or_else(|| panic!("{} was read", r.file));
        assert_eq!(english_words(&err.message, &[]), Vec::<String>::new(), "{}: {}", r.file, err.message);
        assert_eq!(r.flags[0].message, err.message);
    }

    // A summary that cannot be written: the error chain is Chinese too.
    write(dir.path(), "空.txt", b"");
    let csv = dir.path().join("没有这个文件夹").join("汇总.csv");
    let err = run(ReportCommand::Check {
        paths: vec![dir.path().join("空.txt")],
        json: true,
        csv: Some(csv),
        xlsx: None,
        unit_kind: Default::default(),
        deadline_month_day: None,
        threads: 1,
        quiet: true,
    })
    .unwrap_err();
    let shown = format!("{err:#}");
    assert!(shown.starts_with("无法写入"), "{shown}");
    assert_eq!(english_words(&shown, &[&dir_text]), Vec::<String>::new(), "{shown}");
    let err = run(ReportCommand::Check {
        paths: vec![dir.path().join("空.txt")],
        json: true,
        csv: None,
        xlsx: Some(dir.path().join("没有这个文件夹").join("汇总.xlsx")),
        unit_kind: Default::default(),
        deadline_month_day: None,
        threads: 1,
        quiet: true,
    })
    .unwrap_err();
    let shown = format!("{err:#}");
    assert!(shown.starts_with("无法写入") && shown.ends_with("文件或目录不存在"), "{shown}");
    assert_eq!(english_words(&shown, &[&dir_text]), Vec::<String>::new(), "{shown}");

    let code = run(ReportCommand::Check {
        paths: vec![dir.path().join("空文件夹")],
        json: true,
        csv: None,
        xlsx: None,
        unit_kind: Default::default(),
        deadline_month_day: None,
        threads: 1,
        quiet: true,
    });
    // A path that does not exist is checked (and reported unreadable), not an error.
    assert_eq!(code.unwrap(), 1);
}
