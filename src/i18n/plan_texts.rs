//! The translation of a plan's texts into one language: a Fluent file
//! beside the plan (`plans/NAME.LANG.ftl` for a built-in plan, `X.LANG.ftl`
//! beside a clinic's `X.toml`).
//!
//! Keys: `description`, `title-RULE`, `body-RULE`, `deferred-body-RULE`,
//! `allows-RULE` (what a
//! milestone allows again, in the morning summary) and `healing-RANGE`
//! (the `[healing]` key with `,` as `_`: `healing-0-1`, `healing-1_3_5`).
//! A key the file lacks keeps the plan's English text.

use std::ops::Range;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use fluent_syntax::ast::Entry;

use super::lang::{Lang, bundle};

/// Longest text a notification carries, in characters: a rule's own texts
/// and their translations alike.
pub(crate) const MAX_TEXT: usize = 1000;

/// The first control character other than line break and tab, with its
/// byte offset: the bus drops a message carrying NUL, and servers render
/// the others as garbage. The one rule for a rule's texts and their
/// translations.
pub(crate) fn control_char(s: &str) -> Option<(usize, char)> {
    s.char_indices()
        .find(|(_, c)| c.is_control() && *c != '\n' && *c != '\t')
}

/// Why a text cannot go into a notification: the one rule for a rule's
/// texts, a plan's closing words and their translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextProblem {
    /// A control character (not a line break or tab) at this byte offset.
    Control { at: usize, c: char },
    /// Longer than [`MAX_TEXT`] characters.
    TooLong,
}

impl TextProblem {
    /// What is wrong with `text`, if anything.
    pub(crate) fn of(text: &str) -> Option<TextProblem> {
        if let Some((at, c)) = control_char(text) {
            return Some(TextProblem::Control { at, c });
        }
        (text.chars().count() > MAX_TEXT).then_some(TextProblem::TooLong)
    }

    /// The error message, for the text named `what` (a key).
    pub(crate) fn message(self, what: &str) -> String {
        match self {
            TextProblem::Control { c, .. } => format!(
                "`{what}` holds a control character (U+{:04X}) that a notification cannot carry",
                u32::from(c)
            ),
            TextProblem::TooLong => format!("`{what}` is too long (over {MAX_TEXT} characters)"),
        }
    }
}

/// A plan's texts in one language.
pub struct PlanTexts {
    keys: Vec<String>,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for PlanTexts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanTexts")
            .field("keys", &self.keys)
            .finish()
    }
}

/// What is wrong with a translation file, and where (bytes of its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTextsError {
    pub span: Range<usize>,
    pub message: String,
}

/// The key of a `[healing]` range: `"0-1"` → `healing-0-1`,
/// `"1,3,5"` → `healing-1_3_5`.
pub fn healing_key(range: &str) -> String {
    let range: String = range
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '_' } else { c })
        .collect();
    format!("healing-{range}")
}

/// Where `key = …` starts in `source`, for an error's position.
fn key_span(source: &str, key: &str) -> Range<usize> {
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return at..at + key.len();
        }
        at += line.len();
    }
    0..0
}

impl PlanTexts {
    /// Parse a translation file. Fluent syntax errors, a text with a
    /// control character (other than line break and tab), an over-long
    /// text or a text with placeholders are errors.
    pub fn parse(source: &str, lang: Lang) -> Result<PlanTexts, PlanTextsError> {
        if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
            if let Some(e) = errors.first() {
                let start = e.pos.start.min(source.len());
                let end = e.pos.end.clamp(start, source.len());
                return Err(PlanTextsError {
                    span: start..end.max(start),
                    message: format!("this is not valid Fluent syntax: {}", e.kind),
                });
            }
        }
        let bundle = bundle(lang, source);
        let mut keys = Vec::new();
        if let Ok(resource) = FluentResource::try_new(source.to_string()) {
            for entry in resource.entries() {
                match entry {
                    Entry::Message(m) => keys.push(m.id.name.to_string()),
                    Entry::Term(t) => keys.push(format!("-{}", t.id.name)),
                    _ => {}
                }
            }
        }
        let texts = PlanTexts { keys, bundle };
        for key in &texts.keys {
            if key.starts_with('-') {
                continue; // a term: only used inside messages
            }
            let Some(msg) = texts.bundle.get_message(key) else {
                continue;
            };
            let Some(pattern) = msg.value() else {
                return Err(PlanTextsError {
                    span: key_span(source, key),
                    message: format!("`{key}` has no text"),
                });
            };
            let mut errors = Vec::new();
            let text = texts.bundle.format_pattern(pattern, None, &mut errors);
            if let Some(e) = errors.first() {
                return Err(PlanTextsError {
                    span: key_span(source, key),
                    message: format!("`{key}` cannot be formatted: {e}"),
                });
            }
            if let Some(problem) = TextProblem::of(&text) {
                return Err(PlanTextsError {
                    span: key_span(source, key),
                    message: problem.message(key),
                });
            }
        }
        Ok(texts)
    }

    /// The translated text of `key`, if the file has it (and it is not
    /// empty).
    pub fn get(&self, key: &str) -> Option<String> {
        let pattern = self.bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, None, &mut errors);
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// Every message key the file has (terms with their leading `-`).
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Where `key` is defined in `source` (for an error about it).
    pub fn span_of(source: &str, key: &str) -> Range<usize> {
        key_span(source, key)
    }
}
