//! A minimal XML writer: the OOXML parts are small and fixed in shape, so a
//! string with escaping is all they need.

/// An XML text being written.
#[derive(Debug, Default)]
pub(crate) struct Xml {
    pub(crate) out: String,
}

impl Xml {
    pub(crate) fn new() -> Xml {
        let mut out = String::with_capacity(16 * 1024);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        Xml { out }
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v, true);
            self.out.push('"');
        }
    }

    /// `<name attrs>`.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.start(name, attrs);
        self.out.push('>');
        self
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) -> &mut Xml {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// `<name attrs/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.start(name, attrs);
        self.out.push_str("/>");
        self
    }

    /// `<name w:val="val"/>`, the most common OOXML element.
    pub(crate) fn val(&mut self, name: &str, val: &str) -> &mut Xml {
        self.empty(name, &[("w:val", val)])
    }

    /// Escaped character data.
    pub(crate) fn text(&mut self, text: &str) -> &mut Xml {
        escape_into(&mut self.out, text, false);
        self
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Xml {
        self.open(name, attrs).text(text).close(name)
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Escapes text for XML, dropping the characters XML 1.0 cannot carry.
pub(crate) fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        let mut x = Xml::default();
        x.element("w:t", &[("a", "x\"<y>&")], "a<b>&c\u{1}d");
        assert_eq!(x.finish(), "<w:t a=\"x&quot;&lt;y&gt;&amp;\">a&lt;b&gt;&amp;cd</w:t>");
    }
}
