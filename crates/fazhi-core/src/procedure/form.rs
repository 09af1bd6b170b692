//! Step forms as data: a kind declares the fields each of its verbs asks for
//! ([`Field`]); the case page renders them, and [`read`] turns what a form
//! or the API sent into the action's JSON, every bad value refused with a
//! Chinese message that quotes it. The kind's [`Procedure::step`](super::Procedure::step)
//! then checks what only it knows.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::input::{plausible_date, quote_for_message};
use crate::org::FieldError;

/// The longest text a step field takes (characters).
pub const MAX_TEXT: usize = 2000;

/// How a field is entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `YYYY-MM-DD`.
    Date,
    /// One line of text.
    Text,
    /// Several lines (a reason).
    LongText,
    /// A whole number of days.
    Count,
    /// A box to tick.
    Check,
    /// One of the listed codes (code, Chinese label); empty for none.
    Choice(Vec<(String, String)>),
}

/// One field of a step form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The form and JSON name.
    pub name: &'static str,
    /// The Chinese label.
    pub label: String,
    pub input: Input,
    /// Refused when empty (checks that need the case's state are the kind's).
    pub required: bool,
}

impl Field {
    fn new(name: &'static str, label: &str, input: Input) -> Field {
        Field { name, label: label.to_owned(), input, required: false }
    }
    /// A date field.
    pub fn date(name: &'static str, label: &str) -> Field {
        Field::new(name, label, Input::Date)
    }
    /// A line of text.
    pub fn text(name: &'static str, label: &str) -> Field {
        Field::new(name, label, Input::Text)
    }
    /// Several lines of text.
    pub fn long_text(name: &'static str, label: &str) -> Field {
        Field::new(name, label, Input::LongText)
    }
    /// A number of days.
    pub fn count(name: &'static str, label: &str) -> Field {
        Field::new(name, label, Input::Count)
    }
    /// A box to tick.
    pub fn check(name: &'static str, label: &str) -> Field {
        Field::new(name, label, Input::Check)
    }
    /// A choice among codes.
    pub fn choice(name: &'static str, label: &str, options: Vec<(String, String)>) -> Field {
        Field::new(name, label, Input::Choice(options))
    }
    /// The same field, refused when empty.
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }
}

/// The options of a choice from a list of serde-coded values and their
/// Chinese names.
pub fn options<T: serde::Serialize>(items: &[T], zh: impl Fn(&T) -> String) -> Vec<(String, String)> {
    items.iter().map(|i| (code_of(i), zh(i))).collect()
}

/// The serde name of a unit-like enum value (a stage, a verb, an outcome).
pub fn code_of<T: serde::Serialize + ?Sized>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Reads the fields of a form: `get` gives what was sent for a name (`None`
/// when absent). Returns the typed values by name, or every field's error.
pub fn read(fields: &[Field], get: &dyn Fn(&str) -> Option<String>) -> Result<Map<String, Value>, Vec<FieldError>> {
    let mut out = Map::new();
    let mut errors = Vec::new();
    for f in fields {
        let raw = get(f.name).unwrap_or_default();
        let trimmed = raw.trim();
        let shown = quote_for_message(trimmed, 40);
        let value = match &f.input {
            Input::Check => Ok(Value::Bool(matches!(trimmed, "1" | "on" | "true" | "yes"))),
            _ if trimmed.is_empty() => {
                if f.required {
                    Err(format!("请填写{}", f.label))
                } else if matches!(f.input, Input::Text | Input::LongText) {
                    Ok(Value::String(String::new()))
                } else {
                    Ok(Value::Null)
                }
            }
            Input::Date => match NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
                Ok(d) if plausible_date(d) => Ok(Value::String(d.to_string())),
                Ok(_) => Err(format!("{}应在2000-01-01至2100-12-31之间,您输入的是“{shown}”", f.label)),
                Err(_) => Err(format!("{}应为YYYY-MM-DD格式的日期,您输入的是“{shown}”", f.label)),
            },
            Input::Count => match trimmed.parse::<u32>() {
                Ok(n) if n <= 10_000 => Ok(Value::from(n)),
                _ => Err(format!("{}应为不超过10000的正整数,您输入的是“{shown}”", f.label)),
            },
            Input::Text | Input::LongText => {
                let n = trimmed.chars().count();
                if n > MAX_TEXT {
                    Err(format!("{}过长:最多{MAX_TEXT}个字,您输入了{n}个字", f.label))
                } else {
                    Ok(Value::String(trimmed.to_owned()))
                }
            }
            Input::Choice(opts) => match opts.iter().find(|(code, _)| code == trimmed) {
                Some((code, _)) => Ok(Value::String(code.clone())),
                None => Err(format!("“{shown}”不是{}的可选项", f.label)),
            },
        };
        match value {
            Ok(v) => {
                out.insert(f.name.to_owned(), v);
            }
            Err(message) => errors.push(FieldError::new(f.name, message)),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn values_are_typed_and_bad_ones_quoted() {
        let fields = vec![
            Field::count("days", "延长天数").required(),
            Field::date("hearing_on", "开庭日期"),
            Field::check("ruling", "裁定"),
            Field::choice("outcome", "结果", vec![("upheld".into(), "维持".into())]),
            Field::long_text("reason", "理由"),
        ];
        let ok = read(&fields, &sent(&[("days", " 15 "), ("hearing_on", "2026-03-02"), ("ruling", "1")]));
        let ok = ok.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok["days"], Value::from(15));
        assert_eq!(ok["hearing_on"], Value::from("2026-03-02"));
        assert_eq!(ok["ruling"], Value::Bool(true));
        assert_eq!(ok["outcome"], Value::Null);
        assert_eq!(ok["reason"], Value::from(""));

        let bad = read(&fields, &sent(&[("days", "十五"), ("hearing_on", "2026-02-30"), ("outcome", "annulled")]));
        let errs = bad.err().unwrap_or_default();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].message.contains("十五"));
        assert!(errs[1].message.contains("2026-02-30"));
        assert!(errs[2].message.contains("annulled"));
        let missing = read(&fields, &sent(&[])).err().unwrap_or_default();
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].field, "days");
    }
}
