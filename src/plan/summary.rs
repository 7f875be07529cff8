//! The daily summary's text: what is normal, what is still off-limits.
//! It is given the milestones (what each allows, and the plan day it is
//! announced on: `expand.rs` finds them), so it never expands a rule.

use crate::config::Config;
use crate::i18n::messages;

/// A milestone: what it allows (its rule's `allows`) from the plan day it
/// is announced on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Milestone {
    pub(super) allows: String,
    pub(super) day: u32,
}

/// Today's summary for a plan day: what is normal, what is still off-limits
/// and for how long, what is allowed from today. Built from the healing
/// stages and the `milestones` (in the rules' order), in the config's
/// language.
pub(super) fn text(config: &Config, milestones: &[Milestone], day: u32) -> String {
    let m = messages(config.language.lang);
    let mut parts = Vec::new();
    if let Some((_, text)) = config.healing.iter().find(|(d, _)| d.contains(day)) {
        parts.push(m.fmt("summary-normal", &[("text", text.as_str().into())]));
    }
    let mut still = Vec::new();
    let mut today = Vec::new();
    for Milestone {
        allows: what,
        day: from,
    } in milestones
    {
        let from = *from;
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
pub(super) fn summary_title(config: &Config, day: u32, title: &str) -> String {
    messages(config.language.lang).fmt(
        "summary-title",
        &[("day", day.into()), ("title", title.into())],
    )
}
