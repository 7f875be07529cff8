//! Config errors: file, line, column, a caret under the span and a hint;
//! "did you mean" suggestions.

use std::fmt;
use std::ops::Range;

use super::de::{DeKind, ReadError};
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
        Self::at_in(origin, text, span, message.into(), false).0
    }

    /// [`ConfigError::at`]; with `line`, a confusable character anywhere on
    /// the span's line is named (a syntax error points at where parsing
    /// stopped, which may be after it). Also says whether it is such a
    /// character.
    fn at_in(
        origin: &str,
        text: &str,
        span: Range<usize>,
        message: String,
        line: bool,
    ) -> (Self, bool) {
        // a character that looks like another (or like nothing) in what the
        // error points at: name it, point at it, say what to type instead
        if let Some((at, c, name, fix)) = invisible_in(text, span.clone(), line) {
            let (line, col, snippet) = locate(text, at..at + c.len_utf8());
            let err = ConfigError {
                origin: origin.to_string(),
                position: Some((line, col)),
                message: format!(
                    "U+{:04X} {name} at {line}:{col}: {fix} ({message})",
                    u32::from(c)
                ),
                snippet: Some(snippet),
                hint: Some(format!(
                    "U+{:04X} {name} looks like {}; {fix}",
                    u32::from(c),
                    looks_like(c)
                )),
            };
            return (err, true);
        }
        let (line, col, snippet) = locate(text, span);
        let err = ConfigError {
            origin: origin.to_string(),
            position: Some((line, col)),
            message,
            snippet: Some(snippet),
            hint: None,
        };
        (err, false)
    }

    /// Add a hint, unless the error already has one: only a look-alike
    /// character's error is made with its hint, and it says more than a
    /// general one.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        if self.hint.is_some() {
            return self;
        }
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

/// A character that a person cannot tell from another (or from nothing)
/// when reading the config: its Unicode name and what to do instead.
fn confusable(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{00A0}' => ("NO-BREAK SPACE", "type a normal space"),
        '\u{202F}' => ("NARROW NO-BREAK SPACE", "type a normal space"),
        '\u{2007}' => ("FIGURE SPACE", "type a normal space"),
        '\u{2009}' => ("THIN SPACE", "type a normal space"),
        '\u{3000}' => ("IDEOGRAPHIC SPACE", "type a normal space"),
        '\u{200B}' => ("ZERO WIDTH SPACE", "delete it (it is invisible)"),
        '\u{200C}' => ("ZERO WIDTH NON-JOINER", "delete it (it is invisible)"),
        '\u{200D}' => ("ZERO WIDTH JOINER", "delete it (it is invisible)"),
        '\u{2060}' => ("WORD JOINER", "delete it (it is invisible)"),
        '\u{00AD}' => ("SOFT HYPHEN", "delete it (it is invisible)"),
        '\u{FEFF}' => (
            "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
            "delete it (it is invisible)",
        ),
        '\u{2018}' => ("LEFT SINGLE QUOTATION MARK", "type a straight quote '"),
        '\u{2019}' => ("RIGHT SINGLE QUOTATION MARK", "type a straight quote '"),
        '\u{201C}' => ("LEFT DOUBLE QUOTATION MARK", "type a straight quote \""),
        '\u{201D}' => ("RIGHT DOUBLE QUOTATION MARK", "type a straight quote \""),
        '\u{201E}' => ("DOUBLE LOW-9 QUOTATION MARK", "type a straight quote \""),
        '\u{00AB}' => (
            "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK",
            "type a straight quote \"",
        ),
        '\u{00BB}' => (
            "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK",
            "type a straight quote \"",
        ),
        '\u{2013}' => ("EN DASH", "type a hyphen -"),
        '\u{2014}' => ("EM DASH", "type a hyphen -"),
        '\u{2212}' => ("MINUS SIGN", "type a hyphen -"),
        '\u{FF1A}' => ("FULLWIDTH COLON", "type a colon :"),
        '\t' => (
            "CHARACTER TABULATION (a tab)",
            "type a normal space, or delete it",
        ),
        _ => return None,
    })
}

/// What a confusable character passes for.
fn looks_like(c: char) -> &'static str {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}'
        | '\u{00BB}' => "a quote but is not one to TOML",
        '\u{2013}' | '\u{2014}' | '\u{2212}' => "a hyphen but is not one",
        '\u{FF1A}' => "a colon but is not one",
        '\t' => "a space but is a tab",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{00AD}' | '\u{FEFF}' => {
            "nothing at all"
        }
        _ => "a space but is not one",
    }
}

/// The first confusable character in what an error points at: its byte
/// offset, the character, its name and the fix. Looked for in the span,
/// then in the rest of its line (a TOML error points at where parsing
/// stopped, which may be just after it). A tab counts only inside the span
/// (between keys and values it is allowed).
fn invisible_in(
    text: &str,
    span: Range<usize>,
    line: bool,
) -> Option<(usize, char, &'static str, &'static str)> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let in_span = text[start..end]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .find(|&(_, c)| confusable(c).is_some());
    // a tab counts on the line only inside a word (a key cut in two);
    // between keys, `=` and values it is TOML's whitespace
    let inside_word = |i: usize| {
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
        word(before) && word(after)
    };
    let on_line = || {
        text[line_start..line_end]
            .char_indices()
            .map(|(i, c)| (line_start + i, c))
            .find(|&(i, c)| {
                confusable(c).is_some()
                    && (c != '\t' || inside_word(i))
                    && !(i == 0 && c == '\u{FEFF}')
            })
    };
    let (at, c) = in_span.or_else(|| line.then(on_line).flatten())?;
    let (name, fix) = confusable(c)?;
    Some((at, c, name, fix))
}

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

impl DeKind {
    /// Whether it is the unknown key `name`.
    pub(super) fn is_unknown(&self, name: &str) -> bool {
        matches!(self, DeKind::UnknownField { key, .. } if key == name)
    }
}

/// Turn an error reading the text into a positioned error with a hint, and
/// say what kind it is (a syntax error has none; None also for a
/// look-alike character, reported as such).
pub(super) fn from_read<'e>(
    origin: &str,
    text: &str,
    e: &'e ReadError,
) -> (ConfigError, Option<&'e DeKind>) {
    let (msg, span) = match e {
        ReadError::Syntax { error, .. } => (error.message(), error.span()),
        ReadError::Value(d) => (d.message.as_str(), d.span.clone()),
    };
    let msg = msg.trim().to_string();
    let (mut err, look_alike) = match span.clone() {
        Some(span) => ConfigError::at_in(origin, text, span, msg, true),
        None => (ConfigError::new(origin, msg), false),
    };
    if look_alike {
        return (err, None);
    }
    let (hint, kind) = match e {
        ReadError::Syntax {
            bad_datetime: true, ..
        } => (date_hint(text, span), None),
        ReadError::Syntax { .. } => (
            "this is a TOML syntax error; see config.example.toml for the layout".into(),
            None,
        ),
        ReadError::Value(d) => (value_hint(&d.kind), Some(&d.kind)),
    };
    err.hint = Some(hint);
    (err, kind)
}

/// The hint for a TOML date-time that is not one: the month's days when
/// our own date parser finds a day the month lacks ("expected day between
/// 01 and 30" says which days, not which month).
fn date_hint(text: &str, span: Option<Range<usize>>) -> String {
    let day = span
        .and_then(|span| text.get(span))
        .and_then(|t| t.get(..10))
        .and_then(|t| parse_date(t).err())
        .filter(|e| matches!(e, DateError::NoSuchDay { .. }));
    match day {
        Some(e) => format!(
            "{}: write a real calendar date as YYYY-MM-DD, e.g. `date = 2026-11-23`",
            e.reason()
        ),
        None => "write a real calendar date as YYYY-MM-DD, e.g. `date = 2026-11-23`; times are quoted \"HH:MM\"".into(),
    }
}

/// The hint for a value that is not what the layout takes.
fn value_hint(kind: &DeKind) -> String {
    match kind {
        DeKind::UnknownField { key, allowed } => match suggest(key, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? (allowed here: {})", allowed.join(", ")),
            None => format!(
                "`{key}` is not a setting here; allowed: {}",
                allowed.join(", ")
            ),
        },
        DeKind::MissingField("date") => {
            "add `date = 2026-11-23` (your treatment date) under [treatment]".into()
        }
        DeKind::NumberTooLarge => "the number is too large to be read; see config.example.toml for the values this key takes".into(),
        DeKind::MissingField(_) => "see config.example.toml, or run `aftercare init --date YYYY-MM-DD` to write a fresh config".into(),
        DeKind::InvalidType { .. }
        | DeKind::InvalidValue { .. }
        | DeKind::InvalidLength { .. }
        | DeKind::UnknownVariant { .. }
        | DeKind::DuplicateField(_)
        | DeKind::Custom => "check the value's type: times and durations are quoted strings (\"08:30\", \"2h\"), lists use [ ]".into(),
    }
}

// ---------------------------------------------------------------- raw serde types
