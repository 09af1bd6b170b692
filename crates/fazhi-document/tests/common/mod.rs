//! Test helpers: the sample documents, unzipping a .docx and a small XML tree.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[path = "../../examples/sample/report.rs"]
pub mod report;

/// The parts of a .docx by name.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("an entry");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        parts.insert(file.name().to_string(), text);
    }
    parts
}

/// An XML element.
#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    El(El),
    Text(String),
}

fn start(e: &BytesStart<'_>) -> El {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("a well-formed attribute");
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            // Unescaped without `unescape_value`, which quick-xml drops when its
            // `encoding` feature is on (calamine turns it on in the workspace).
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            (key, quick_xml::escape::unescape(&raw).expect("an attribute value").into_owned())
        })
        .collect();
    El { name, attrs, children: Vec::new() }
}

/// Parses an XML text; panics if it is not well-formed.
pub fn parse(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(start(&e)),
            Event::Empty(e) => {
                let el = start(&e);
                stack.last_mut().expect("a parent").children.push(Node::El(el));
            }
            Event::End(_) => {
                let el = stack.pop().expect("an open element");
                stack.last_mut().expect("a parent").children.push(Node::El(el));
            }
            Event::Text(t) => {
                let text = t.unescape().expect("text").into_owned();
                stack.last_mut().expect("a parent").children.push(Node::Text(text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element closed");
    let root = stack.pop().expect("the document");
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
        .expect("a root element")
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element of this name.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// The value of `w:val` of a child element.
    pub fn val(&self, child: &str) -> Option<&str> {
        self.child(child).and_then(|c| c.attr("w:val"))
    }

    /// Every descendant element of this name, in document order.
    pub fn all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        fn walk<'a>(e: &'a El, name: &str, out: &mut Vec<&'a El>) {
            for c in e.elements() {
                if c.name == name {
                    out.push(c);
                }
                walk(c, name, out);
            }
        }
        walk(self, name, &mut out);
        out
    }

    /// The text of every `w:t` below.
    pub fn text(&self) -> String {
        self.all("w:t")
            .into_iter()
            .flat_map(|t| t.children.iter())
            .filter_map(|n| match n {
                Node::Text(s) => Some(s.as_str()),
                Node::El(_) => None,
            })
            .collect()
    }
}
