//! A Word 2007+ `.docx` to text: reads `word/document.xml` from the zip and writes one line
//! per paragraph (`w:p`), with `w:tab` as a tab and `w:br`/`w:cr` as line breaks.

use std::io::Read;

use quick_xml::events::Event;

use crate::model::InputError;

/// Largest `document.xml` we inflate (guards against zip bombs): the markup
/// around [`crate::decode::MAX_TEXT_BYTES`] of text. Inflation stops at the
/// limit; the excess is never read.
const MAX_XML: u64 = 16 * 1024 * 1024;

fn inflated_too_large() -> InputError {
    InputError::new("too_large", format!("Word 文件解压后超过{}MB上限,未检查", MAX_XML / (1024 * 1024)))
}

fn bad(detail: &str) -> InputError {
    InputError::new("bad_docx", format!("无法读取 Word 文件:{detail}"))
}

/// Extracts the paragraph text of a `.docx`.
pub fn text(bytes: &[u8]) -> Result<String, InputError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| bad("不是有效的 zip 压缩包"))?;
    let mut xml = Vec::new();
    {
        let file = archive.by_name("word/document.xml").map_err(|_| bad("缺少正文部分(word/document.xml)"))?;
        if file.size() > MAX_XML {
            return Err(inflated_too_large());
        }
        // The declared size may lie: read one byte past the limit at most.
        file.take(MAX_XML + 1).read_to_end(&mut xml).map_err(|_| bad("压缩数据损坏"))?;
        if xml.len() as u64 > MAX_XML {
            return Err(inflated_too_large());
        }
    }
    let text = paragraphs(&xml)?;
    if text.len() > crate::decode::MAX_TEXT_BYTES {
        return Err(InputError::new(
            "too_large",
            format!("Word 文件中的文字超过{}MB上限,未检查", crate::decode::MAX_TEXT_BYTES / (1024 * 1024)),
        ));
    }
    Ok(text)
}

fn paragraphs(xml: &[u8]) -> Result<String, InputError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|_| bad("正文的 XML 格式错误"))?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                b"w:t" => in_text = true,
                b"w:tab" => out.push('\t'),
                b"w:br" | b"w:cr" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:tab" => out.push('\t'),
                b"w:br" | b"w:cr" | b"w:p" => out.push('\n'),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.unescape().map_err(|_| bad("XML 文本转义错误 (bad XML escape)"))?;
                out.push_str(&s);
            }
            Event::CData(t) if in_text => {
                out.push_str(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use std::io::Write;

    /// Builds a minimal `.docx` with one paragraph per line.
    pub(crate) fn make_docx(lines: &[&str]) -> Vec<u8> {
        let mut body = String::new();
        for l in lines {
            let esc = l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            body.push_str(&format!(
                "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{esc}</w:t></w:r></w:p>"
            ));
        }
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
             <w:body>{body}<w:sectPr/></w:body></w:document>"
        );
        let mut cur = std::io::Cursor::new(Vec::new());
        {
            let mut zw = zip::ZipWriter::new(&mut cur);
            let opts = zip::write::SimpleFileOptions::default();
            zw.start_file("[Content_Types].xml", opts).unwrap();
            zw.write_all(b"<Types/>").unwrap();
            zw.start_file("word/document.xml", opts).unwrap();
            zw.write_all(xml.as_bytes()).unwrap();
            zw.finish().unwrap();
        }
        cur.into_inner()
    }

    #[test]
    fn reads_paragraphs() {
        let bytes = make_docx(&["一、主要举措和成效", "受理复议申请12件 & 审结10件"]);
        let text = super::text(&bytes).unwrap();
        assert_eq!(text, "一、主要举措和成效\n受理复议申请12件 & 审结10件\n");
    }

    #[test]
    fn an_inflating_docx_is_refused_early_with_the_limit() {
        // About 34 MB of paragraphs that compress to well under 2 MB.
        let line = "受理复议申请12件,审结10件,纠错2件。".repeat(20);
        let lines: Vec<&str> = std::iter::repeat_n(line.as_str(), 30_000).collect();
        let bytes = make_docx(&lines);
        assert!(bytes.len() < 2 * 1024 * 1024, "{}", bytes.len());
        let started = std::time::Instant::now();
        let err = super::text(&bytes).unwrap_err();
        assert_eq!(err.code, "too_large");
        assert!(err.message.contains("16MB"), "{}", err.message);
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    }

    #[test]
    fn zip_without_document_is_bad_docx() {
        let mut cur = std::io::Cursor::new(Vec::new());
        {
            let mut zw = zip::ZipWriter::new(&mut cur);
            zw.start_file("x.txt", zip::write::SimpleFileOptions::default()).unwrap();
            zw.write_all(b"hello").unwrap();
            zw.finish().unwrap();
        }
        let err = super::text(&cur.into_inner()).unwrap_err();
        assert_eq!(err.code, "bad_docx");
        let err = super::text(b"PK\x03\x04garbage").unwrap_err();
        assert_eq!(err.code, "bad_docx");
    }
}
