//! A saved web page to text: drops scripts, styles and comments, turns block elements into
//! line breaks, decodes entities, and keeps the page `<title>` and a publication date from
//! `<meta>` tags (`PubDate`, `publishdate`, `article:published_time`). Deliberately a small
//! linear scanner, not a DOM: pages are often malformed and speed matters.

/// The text of a page and its metadata.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Visible text, one block per line.
    pub text: String,
    /// `<title>` text.
    pub title: Option<String>,
    /// Publication date from a `<meta>` tag, as written.
    pub pub_date: Option<String>,
}

/// Whether decoded text looks like HTML.
pub fn sniff(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let mut cut = t.len().min(2048);
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = t[..cut].to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<body") || head.contains("<div") || head.contains("<p>")))
}

const SKIP: [&str; 7] = ["script", "style", "noscript", "template", "svg", "select", "iframe"];
const BLOCK: [&str; 28] = [
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "header",
    "footer",
    "nav",
    "title",
    "hr",
    "dd",
    "dt",
    "dl",
    "form",
    "blockquote",
    "pre",
    "aside",
];

/// Strips a page to text.
pub fn to_text(src: &str) -> Page {
    let mut out = String::with_capacity(src.len() / 2);
    let mut page = Page::default();
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let mut in_title = false;
    let mut title = String::new();
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        // Flush the text before the tag.
        let chunk = &src[text_start..i];
        if in_title {
            title.push_str(chunk);
        } else {
            push_text(&mut out, chunk);
        }
        if src[i..].starts_with("<!--") {
            i = src[i + 4..].find("-->").map_or(bytes.len(), |p| i + 4 + p + 3);
            text_start = i;
            continue;
        }
        let Some(close) = src[i..].find('>').map(|p| i + p) else {
            // A lone '<' at the end: keep it as text.
            text_start = i;
            break;
        };
        let tag = &src[i + 1..close];
        let (closing, name) = tag_name(tag);
        i = close + 1;
        text_start = i;
        if name.is_empty() {
            continue;
        }
        if !closing && SKIP.contains(&name.as_str()) {
            let end_tag = format!("</{name}");
            let rest_lower = find_ci(&src[i..], &end_tag);
            i = match rest_lower {
                Some(p) => src[i + p..].find('>').map_or(bytes.len(), |q| i + p + q + 1),
                None => bytes.len(),
            };
            text_start = i;
            continue;
        }
        if name == "title" {
            in_title = !closing;
            if closing && page.title.is_none() {
                let t = decode_entities(title.trim());
                if !t.is_empty() {
                    page.title = Some(t);
                }
            }
            continue;
        }
        if name == "meta" && page.pub_date.is_none() {
            page.pub_date = meta_date(tag);
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            out.push('\n');
        } else if name == "td" || name == "th" {
            out.push(' ');
        }
    }
    if text_start < bytes.len() {
        push_text(&mut out, &src[text_start..]);
    }
    page.text = out;
    page
}

fn push_text(out: &mut String, chunk: &str) {
    if chunk.is_empty() {
        return;
    }
    if chunk.contains('&') {
        out.push_str(&decode_entities(chunk));
    } else {
        out.push_str(chunk);
    }
}

fn tag_name(tag: &str) -> (bool, String) {
    let t = tag.trim_start();
    let (closing, t) = match t.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let name: String = t.chars().take_while(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    (closing, name)
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    let hb = hay.as_bytes();
    let nb = needle.as_bytes();
    if hb.len() < n {
        return None;
    }
    (0..=hb.len() - n).find(|&p| hb[p..p + n].eq_ignore_ascii_case(nb))
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let key = format!("{name}=");
    let mut from = 0;
    while let Some(p) = lower[from..].find(&key) {
        let at = from + p;
        let boundary = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = &tag[at + key.len()..];
        if boundary {
            let quote = rest.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = &rest[1..];
                return inner.find(quote).map(|e| &inner[..e]);
            }
            let end = rest.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(rest.len());
            return Some(&rest[..end]);
        }
        from = at + key.len();
    }
    None
}

fn meta_date(tag: &str) -> Option<String> {
    let key = attr(tag, "name").or_else(|| attr(tag, "property"))?;
    let key = key.to_ascii_lowercase();
    let wanted = ["pubdate", "publishdate", "publish_date", "article:published_time", "firstpublishedtime", "dc.date"];
    if wanted.contains(&key.as_str()) {
        attr(tag, "content").map(|c| c.trim().to_string())
    } else {
        None
    }
}

/// Decodes the HTML entities that occur in Chinese government pages.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&after[..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "copy" => '©',
        "reg" => '®',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_keeps_meta() {
        let page = to_text(
            "<html><head><title>某区报告_某区政府</title>\
             <meta name=\"PubDate\" content=\"2024-03-28 09:30\">\
             <style>p{color:red}</style><script>var a='<p>';</script></head>\
             <body><div class=nav>首页 &gt; 政务公开</div><!-- c --><p>一、主要举措&nbsp;和成效</p>\
             <p>受理申请&#49;2件</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("某区报告_某区政府"));
        assert_eq!(page.pub_date.as_deref(), Some("2024-03-28 09:30"));
        let lines: Vec<&str> = page.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["首页 > 政务公开", "一、主要举措 和成效", "受理申请12件"]);
    }

    #[test]
    fn survives_malformed_markup() {
        for s in ["<", "<p", "&", "&#xZZ;", "<script>never closed", "a<!--", "<meta name=>"] {
            let _ = to_text(s);
        }
        assert_eq!(decode_entities("a&b&amp;c&#x4e00;"), "a&b&c一");
    }
}
