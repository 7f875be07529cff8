//! The daily summary's text: what is normal, what is still off-limits.

use crate::config::{Config, Rule};
use crate::i18n::messages;

use super::expand::rule_occurrences;

/// The plan day a milestone is announced on: the day of its rule's first
/// occurrence, so the summary and the milestone's own notification agree
/// (elapsed time, quiet hours and all). `None` for a rule that never fires.
fn announced_on(config: &Config, rule: &Rule) -> Option<u32> {
    if rule.summary {
        return None; // its text is this summary: no recursion
    }
    let start = *super::session_starts(config).ok()?.first()?;
    let first = rule_occurrences(rule, config, start, 1, None).ok()?;
    first.first().map(|o| o.day)
}

/// Today's summary for a plan day: what is normal, what is still off-limits
/// and for how long, what is allowed from today. Built from the healing
/// stages and the milestone rules' `allows`, in the config's language.
pub fn summary_text(config: &Config, day: u32) -> String {
    let m = messages(config.language.lang);
    let mut parts = Vec::new();
    if let Some((_, text)) = config.healing.iter().find(|(d, _)| d.contains(day)) {
        parts.push(m.fmt("summary-normal", &[("text", text.as_str().into())]));
    }
    let mut still = Vec::new();
    let mut today = Vec::new();
    for r in &config.rules {
        let Some(what) = &r.allows else {
            continue;
        };
        let Some(from) = announced_on(config, r) else {
            continue;
        };
        match from.cmp(&day) {
            std::cmp::Ordering::Greater => {
                still.push(m.fmt(
                    "summary-still-item",
                    &[
                        ("what", what.as_str().into()),
                        ("days", (from - day).into()),
                    ],
                ));
            }
            std::cmp::Ordering::Equal => today.push(what.clone()),
            std::cmp::Ordering::Less => {}
        }
    }
    if !still.is_empty() {
        parts.push(m.fmt("summary-still", &[("list", m.list(&still).into())]));
    }
    if !today.is_empty() {
        parts.push(m.fmt("summary-from-today", &[("list", m.list(&today).into())]));
    }
    if parts.is_empty() {
        parts.push(
            config
                .closing
                .nothing_off_limits
                .clone()
                .unwrap_or_else(|| m.text("summary-nothing")),
        );
    }
    parts.join(" ")
}

/// The summary reminder's title: "Day 3: today's aftercare".
pub fn summary_title(config: &Config, day: u32, title: &str) -> String {
    messages(config.language.lang).fmt(
        "summary-title",
        &[("day", day.into()), ("title", title.into())],
    )
}
