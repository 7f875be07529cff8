//! Config errors: file, line, column, a caret under the span and a hint;
//! "did you mean" suggestions.

use std::fmt;
use std::ops::Range;

pub use super::suggest::suggest;
pub(crate) use super::suggest::zone_hint;
use super::values::{DateError, parse_date};

/// A configuration error with the place it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub origin: String,
    /// 1-based line and column, when a position is known.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The offending line and a caret under the span.
    pub snippet: Option<String>,
    pub hint: Option<String>,
}

impl ConfigError {
    pub(crate) fn new(origin: &str, message: impl Into<String>) -> Self {
        ConfigError {
            origin: origin.to_string(),
            position: None,
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    pub(crate) fn at(
        origin: &str,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let (line, col, snippet) = locate(text, span);
        ConfigError {
            origin: origin.to_string(),
            position: Some((line, col)),
            message: message.into(),
            snippet: Some(snippet),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The one-line form: `FILE:LINE:COL: message`.
    pub fn headline(&self) -> String {
        match self.position {
            Some((l, c)) => format!("{}:{l}:{c}: {}", self.origin, self.message),
            None => format!("{}: {}", self.origin, self.message),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let Some(s) = &self.snippet {
            write!(f, "\n{s}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\nhint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Line, column (1-based, in characters) and a caret snippet for a byte span.
fn locate(text: &str, span: Range<usize>) -> (usize, usize, String) {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_no = text[..start].matches('\n').count() + 1;
    let col = text[line_start..start].chars().count() + 1;
    let line = text[line_start..line_end].trim_end_matches('\r');
    let width = text[start..end.min(line_end).max(start)]
        .chars()
        .count()
        .max(1);
    let gutter = " ".repeat(line_no.to_string().len());
    let snippet = format!(
        "{gutter} |\n{line_no} | {line}\n{gutter} | {}{}",
        " ".repeat(col - 1),
        "^".repeat(width.min(line.chars().count().saturating_sub(col - 1).max(1)))
    );
    (line_no, col, snippet)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Turn a toml/serde error into a positioned error with a hint.
pub(super) fn from_toml(origin: &str, text: &str, e: &toml::de::Error) -> ConfigError {
    let msg = e.message().trim().to_string();
    let mut err = match e.span() {
        Some(span) => ConfigError::at(origin, text, span, msg.clone()),
        None => ConfigError::new(origin, msg.clone()),
    };
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        err.hint = Some(match suggest(key, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? (allowed here: {})", allowed.join(", ")),
            None => format!(
                "`{key}` is not a setting here; allowed: {}",
                allowed.join(", ")
            ),
        });
    } else if msg.contains("missing field `date`") {
        err.hint = Some("add `date = 2026-11-23` (your treatment date) under [treatment]".into());
    } else if msg.contains("missing field `treatment`") || msg.contains("missing field") {
        err.hint = Some("see config.example.toml, or run `aftercare init --date YYYY-MM-DD` to write a fresh config".into());
    } else if msg.contains("invalid date")
        || msg.contains("invalid time")
        || msg.contains("invalid datetime")
    {
        // "expected day between 01 and 30" says which days, not which month.
        let day = e
            .span()
            .and_then(|span| text.get(span))
            .and_then(|t| t.get(..10))
            .and_then(|t| parse_date(t).err())
            .filter(|e| matches!(e, DateError::NoSuchDay { .. }));
        err.hint = Some(match day {
            Some(e) => format!(
                "{}: write a real calendar date as YYYY-MM-DD, e.g. `date = 2026-11-23`",
                e.reason()
            ),
            None => "write a real calendar date as YYYY-MM-DD, e.g. `date = 2026-11-23`; times are quoted \"HH:MM\"".into(),
        });
    } else if msg.contains("invalid type") {
        err.hint = Some("check the value's type: times and durations are quoted strings (\"08:30\", \"2h\"), lists use [ ]".into());
    } else {
        err.hint =
            Some("this is a TOML syntax error; see config.example.toml for the layout".into());
    }
    err
}

// ---------------------------------------------------------------- raw serde types
