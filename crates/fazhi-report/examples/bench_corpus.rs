//! Benchmark of `fazhi report check` over a generated corpus.
//!
//! Generates a corpus in a temporary folder (deleted afterwards) from the sample reports
//! in `../shared/samples/reports` (when present) and from built-in synthetic reports, with
//! variations: unit names, years, numbers, GBK encoding, web-page chrome, `.docx`. Then it
//! measures, on the same files and the same number of threads:
//!
//! 1. baseline: read + decode (bytes to text) only;
//! 2. check: read + the whole check;
//! 3. check + JSON: as 2, plus serializing each result to JSON.
//!
//! ```text
//! cargo run --release -p fazhi-report --example bench_corpus            # ~300 MB
//! cargo run --release -p fazhi-report --example bench_corpus -- --mb 1500
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use fazhi_report::{check_bytes, decode, CheckOptions};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PLACES: [&str; 12] =
    ["东城", "南山", "青河", "白石", "金水", "玉泉", "长宁", "平谷", "清远", "临江", "安平", "永和"];
const KINDS: [&str; 4] = ["区", "县", "市", "区人民政府"];

const SYNTHETIC: &str = "UNIT关于YEAR年度法治政府建设情况的报告\n\
YEAR年,UNIT坚持依法行政,扎实推进法治政府建设,现将有关情况报告如下。\n\
一、主要举措和成效\n(一)完善依法决策机制。全年合法性审核规范性文件12件,备案规范性文件9件,重大行政决策事项3项。\n\
(二)化解行政争议。全年收到行政复议申请156件,审结142件,纠错率为8.5%。行政诉讼案件87件,负责人出庭应诉率100%,败诉率3.2%。\n\
(三)推进政务公开。主动公开政府信息2340条,受理依申请公开43件。12345热线受理群众诉求约3.2万件,解决率93.5%,满意率95.10%。\n\
(四)强化执法监督。开展双随机抽查28批次,检查市场主体1200余户,组织执法培训560人次,开展普法活动近三百场。\n\
二、存在的不足和原因\n一是基层执法力量薄弱,执法人员持证率不高。二是规范性文件备案审查还有滞后。三是普法宣传针对性不强。\n\
三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人主持召开常务会会前学法6次,专题研究法治政府建设重大问题4次。\n\
四、NEXT年工作安排\n一是健全依法决策机制。二是深化行政执法体制改革。三是推进复议应诉规范化建设。\n\
五、其他需要报告的事项\n本年度无其他需要报告的事项。\nUNIT\nNEXT年3月18日\n";

fn templates() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/reports");
    let mut out = vec![SYNTHETIC.to_string()];
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(s) = std::fs::read_to_string(&p) {
                    out.push(s);
                }
            }
        }
    } else {
        eprintln!("NOTICE: {} not found; synthetic reports only", dir.display());
    }
    out
}

fn vary(t: &str, rng: &mut Rng) -> String {
    let unit = format!("{}{}", PLACES[rng.below(PLACES.len())], KINDS[rng.below(KINDS.len())]);
    let year = 2019 + rng.below(6) as i32;
    let mut s = t.replace("UNIT", &unit).replace("NEXT", &(year + 1).to_string()).replace("YEAR", &year.to_string());
    // Perturb some digits so figures differ between files.
    let mut bytes = std::mem::take(&mut s).into_bytes();
    for _ in 0..20 {
        let i = rng.below(bytes.len());
        if bytes[i].is_ascii_digit() && i > 0 && bytes[i - 1].is_ascii_digit() {
            bytes[i] = b'0' + (rng.below(10) as u8);
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

fn as_html(text: &str) -> String {
    let mut s = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>报告</title>\
         <meta name=\"PubDate\" content=\"2024-03-20 10:00\"><script>var a=1;</script></head><body>\
         <div class=\"nav\">首页 &gt; 政务公开 &gt; 法治政府建设</div><div>分享到: 微信 微博</div>\
         <div>【字号:大 中 小】【打印】</div><div class=\"info\">发布时间:2024-03-20 来源:司法局</div>",
    );
    for line in text.lines() {
        s.push_str("<p style=\"text-indent:2em\">");
        s.push_str(line);
        s.push_str("</p>\n");
    }
    s.push_str("<div>上一篇:无</div><div>主办单位:某区人民政府办公室 京ICP备00000000号</div></body></html>");
    s
}

fn as_docx(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines() {
        body.push_str("<w:p><w:r><w:t>");
        body.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
        body.push_str("</w:t></w:r></w:p>");
    }
    let xml = format!("<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>{body}</w:body></w:document>");
    let mut cur = std::io::Cursor::new(Vec::new());
    {
        let mut zw = zip::ZipWriter::new(&mut cur);
        let o = zip::write::SimpleFileOptions::default();
        if zw.start_file("word/document.xml", o).is_ok() {
            let _ = zw.write_all(xml.as_bytes());
        }
        let _ = zw.finish();
    }
    cur.into_inner()
}

fn generate(dir: &Path, target_bytes: u64) -> (Vec<PathBuf>, u64) {
    let ts = templates();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut files = Vec::new();
    let mut total = 0u64;
    let mut i = 0usize;
    while total < target_bytes {
        let text = vary(&ts[i % ts.len()], &mut rng);
        let roll = rng.below(100);
        let (name, bytes) = if roll < 25 {
            (format!("{i:06}.html"), as_html(&text).into_bytes())
        } else if roll < 45 {
            let (gbk, _, _) = encoding_rs::GBK.encode(&text);
            (format!("{i:06}.txt"), gbk.into_owned())
        } else if roll < 50 {
            (format!("{i:06}.docx"), as_docx(&text))
        } else {
            (format!("{i:06}.txt"), text.into_bytes())
        };
        let sub = dir.join(format!("{:03}", i / 1000));
        if !sub.exists() {
            let _ = std::fs::create_dir_all(&sub);
        }
        let path = sub.join(name);
        if std::fs::write(&path, &bytes).is_ok() {
            total += bytes.len() as u64;
            files.push(path);
        }
        i += 1;
    }
    (files, total)
}

/// CPU seconds (user + system) used by this process so far, from /proc (Linux); the
/// machine may be shared, so CPU time per report is the load-independent figure.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn parallel(files: &[PathBuf], threads: usize, work: &(dyn Fn(&[u8], &Path) -> usize + Sync)) -> (f64, u64, usize) {
    let next = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let acc = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(p) = files.get(i) else { break };
                let Ok(b) = std::fs::read(p) else { continue };
                bytes.fetch_add(b.len(), Ordering::Relaxed);
                acc.fetch_add(work(&b, p), Ordering::Relaxed);
            });
        }
    });
    (start.elapsed().as_secs_f64(), bytes.load(Ordering::Relaxed) as u64, acc.load(Ordering::Relaxed))
}

/// One measured pass: bytes and path in, a small number out (so the work is not optimized away).
type Work<'a> = Box<dyn Fn(&[u8], &Path) -> usize + Sync + 'a>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse::<u64>().ok())
    };
    let mb = arg("--mb").unwrap_or(300);
    let threads =
        arg("--threads").map_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()), |t| t as usize);
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("cannot create a temporary folder");
        return;
    };
    let t0 = Instant::now();
    let (files, total) = generate(dir.path(), mb * 1_000_000);
    println!(
        "corpus: {} files, {:.1} MB, generated in {:.1} s; {} threads",
        files.len(),
        total as f64 / 1e6,
        t0.elapsed().as_secs_f64(),
        threads
    );
    let opts = CheckOptions::default();
    let rows: [(&str, Work); 3] = [
        (
            "read + decode (baseline)",
            Box::new(|b: &[u8], p: &Path| decode::decode(&p.to_string_lossy(), b).map_or(0, |d| d.text.len().min(1))),
        ),
        ("read + check", Box::new(|b: &[u8], p: &Path| check_bytes(&p.to_string_lossy(), b, &opts).figures.len())),
        (
            "read + check + JSON",
            Box::new(|b: &[u8], p: &Path| {
                let c = check_bytes(&p.to_string_lossy(), b, &opts);
                serde_json::to_string(&c).map_or(0, |s| s.len().min(1))
            }),
        ),
    ];
    // Warm up the one-time tables (script conversion, regexes) outside the timings.
    if let Some(p) = files.first() {
        if let Ok(b) = std::fs::read(p) {
            let _ = check_bytes("warmup.txt", &b, &opts);
        }
    }
    println!(
        "{:<26} {:>8} {:>10} {:>7} {:>12} {:>14} {:>16}",
        "pass", "wall s", "reports/s", "MB/s", "100k wall s", "CPU ms/report", "100k idle 2c s"
    );
    for (name, work) in &rows {
        let cpu0 = cpu_seconds();
        let (secs, bytes, acc) = parallel(&files, threads, work.as_ref());
        let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b);
        let rps = files.len() as f64 / secs;
        let cpu_ms = cpu.map(|c| c * 1000.0 / files.len() as f64);
        println!(
            "{:<26} {:>8.2} {:>10.0} {:>7.1} {:>12.1} {:>14} {:>16}   (check value {acc})",
            name,
            secs,
            rps,
            bytes as f64 / 1e6 / secs,
            100_000.0 / rps,
            cpu_ms.map_or("-".to_string(), |m| format!("{m:.3}")),
            cpu_ms.map_or("-".to_string(), |m| format!("{:.1}", m * 100.0 / threads as f64)),
        );
    }
}
