//! Bytes to text: picks the format (`.docx`, HTML, plain text), the encoding (BOM,
//! UTF-8, UTF-16, GB18030/GBK) and rejects what is not a text report (empty, binary,
//! undecodable, a `.docx` that is not a zip) with an [`InputError`].

use crate::model::InputError;
use crate::{docx, html};

/// Format of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// A saved web page.
    Html,
    /// A Word 2007+ document.
    Docx,
}

/// Decoded input: the report text (tags already stripped for HTML) and page metadata.
#[derive(Debug, Clone, Default)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Page `<title>` of a web page.
    pub page_title: Option<String>,
    /// Publication date from page metadata (`<meta name="PubDate">` and the like).
    pub meta_date: Option<String>,
    /// The format it came in (`None` for text handed over already decoded).
    pub format: Option<Format>,
}

fn extension(file_name: &str) -> String {
    std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Largest report file read (bytes as stored or uploaded).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Largest text taken from one report (UTF-8 bytes; about 1.3 million
/// Chinese characters, many times the longest real annual report).
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// Largest upload to the web checker, all files together.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

fn too_large(what: &str, limit: usize) -> InputError {
    let mb = limit / (1024 * 1024);
    InputError::new("too_large", format!("{what}超过{mb}MB上限,未检查"))
}

/// Decodes raw bytes of a report. Refuses a file above [`MAX_FILE_BYTES`]
/// and text above [`MAX_TEXT_BYTES`] (a `.docx` is refused while it is
/// being inflated, before the excess is read).
pub fn decode(file_name: &str, bytes: &[u8]) -> Result<Decoded, InputError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large("文件", MAX_FILE_BYTES));
    }
    let ext = extension(file_name);
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    if ext == "docx" || is_zip {
        if !is_zip {
            return Err(InputError::new("bad_docx", "不是有效的 Word 文件(.docx 应为 zip 压缩包)"));
        }
        let text = docx::text(bytes)?;
        return finish(Decoded { text, format: Some(Format::Docx), ..Decoded::default() }, bytes.len());
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") || bytes.starts_with(b"%PDF") {
        return Err(InputError::new("binary", "不支持的文件格式(旧版 .doc 或 PDF),请另存为 .docx 或纯文本"));
    }
    let text = decode_text(bytes)?;
    finish(from_text_with_ext(&ext, &text), bytes.len())
}

/// Wraps text that is already decoded; HTML (by extension or content) is stripped of tags.
pub fn from_text(file_name: &str, text: &str) -> Decoded {
    from_text_with_ext(&extension(file_name), text)
}

fn from_text_with_ext(ext: &str, text: &str) -> Decoded {
    if ext == "html" || ext == "htm" || ext == "shtml" || html::sniff(text) {
        let page = html::to_text(text);
        Decoded { text: page.text, page_title: page.title, meta_date: page.pub_date, format: Some(Format::Html) }
    } else {
        Decoded { text: text.to_string(), format: Some(Format::Text), ..Decoded::default() }
    }
}

fn finish(decoded: Decoded, byte_len: usize) -> Result<Decoded, InputError> {
    if decoded.text.len() > MAX_TEXT_BYTES {
        return Err(too_large("文件中的文字", MAX_TEXT_BYTES));
    }
    if decoded.text.trim().is_empty() {
        if byte_len == 0 {
            return Err(empty());
        }
        return Err(InputError::new("no_report", "文件中没有文字内容"));
    }
    Ok(decoded)
}

fn empty() -> InputError {
    InputError::new("empty", "文件为空")
}

/// Decodes bytes that should be text: BOMs, UTF-8, then GB18030 (a superset of GBK).
pub fn decode_text(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.is_empty() {
        return Err(empty());
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc != encoding_rs::UTF_8 {
            return Err(undecodable());
        }
        return check_controls(text.into_owned());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(InputError::new("binary", "二进制文件,不是文本报告"));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return check_controls(s.to_string());
    }
    let (text, _, had_errors) = declared_charset(bytes).unwrap_or(encoding_rs::GB18030).decode(bytes);
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        let total = text.chars().count().max(1);
        if bad * 100 > total {
            return Err(undecodable());
        }
    }
    check_controls(text.into_owned())
}

/// A legacy encoding declared by a web page (`<meta charset="big5">`,
/// `content="text/html; charset=gb2312"`) in its first 2 KB; GB2312/GBK map to GB18030.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = lower[at..]
        .iter()
        .copied()
        .skip_while(|b| *b == b'"' || *b == b'\'' || *b == b' ')
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        .collect();
    let enc = encoding_rs::Encoding::for_label(&label)?;
    // UTF-8 was already tried; GBK and GB2312 are read as their superset GB18030.
    if enc == encoding_rs::UTF_8 || enc == encoding_rs::GBK {
        return None;
    }
    Some(enc)
}

fn undecodable() -> InputError {
    InputError::new("undecodable", "无法识别文件编码(不是 UTF-8 或 GB18030/GBK 文本)")
}

/// Rejects "text" that is mostly control characters (a binary file that happens to decode).
fn check_controls(text: String) -> Result<String, InputError> {
    let head = &text.as_bytes()[..text.len().min(16_384)];
    let mut controls = 0usize;
    // Characters = bytes that do not continue a UTF-8 sequence.
    let mut total = 0usize;
    for &b in head {
        total += usize::from((b & 0xC0) != 0x80);
        controls += usize::from((b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F);
    }
    if total > 0 && controls * 20 > total {
        return Err(InputError::new("binary", "二进制文件,不是文本报告"));
    }
    Ok(text)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_and_utf8_and_bom() {
        let s = "二、存在的不足和原因";
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        assert_eq!(decode_text(&gbk).unwrap(), s);
        assert_eq!(decode_text(s.as_bytes()).unwrap(), s);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode_text(&bom).unwrap(), s);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&utf16).unwrap(), s);
    }

    #[test]
    fn decodes_big5_page_by_its_declared_charset() {
        let page = "<html><head><meta charset=\"big5\"></head><body>二、存在的不足和原因。法治政府建設</body></html>";
        let (big5, _, _) = encoding_rs::BIG5.encode(page);
        assert_eq!(decode_text(&big5).unwrap(), page);
        let gb_page = page.replace("big5", "gb2312");
        let (gbk, _, _) = encoding_rs::GBK.encode(&gb_page);
        assert_eq!(decode_text(&gbk).unwrap(), gb_page);
    }

    #[test]
    fn rejects_bad_input_with_codes() {
        let cases: [(&str, &[u8], &str); 5] = [
            ("a.txt", b"", "empty"),
            ("a.txt", b"\x00\x01\x02\x03binary", "binary"),
            ("a.docx", b"plain text, not a zip", "bad_docx"),
            ("a.txt", b"\x80\xff\x80\xff\x80\xff\xff\xff", "undecodable"),
            ("a.txt", b"   \n\n  ", "no_report"),
        ];
        for (name, bytes, code) in cases {
            let err = decode(name, bytes).unwrap_err();
            assert_eq!(err.code, code, "{name} {bytes:?}");
            assert_eq!(english_words(&err.message), Vec::<String>::new(), "{}", err.message);
        }
        let mut big = b"PK\x03\x04".to_vec();
        big.resize(MAX_FILE_BYTES + 1, b'x');
        let err = decode("big.docx", &big).unwrap_err();
        assert_eq!(err.code, "too_large");
        assert_eq!(english_words(&err.message), Vec::<String>::new(), "{}", err.message);
    }

    /// ASCII words in a message other than names of formats and encodings.
    pub(crate) fn english_words(message: &str) -> Vec<String> {
        const NAMES: [&str; 12] = ["utf", "gb", "gbk", "word", "docx", "doc", "pdf", "mb", "zip", "xml", "txt", "html"];
        message
            .split(|c: char| !c.is_ascii_alphabetic())
            .map(str::to_ascii_lowercase)
            .filter(|w| w.len() > 1 && !NAMES.contains(&w.as_str()))
            .collect()
    }
}
