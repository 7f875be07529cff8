//! `aftercare plan --week`: the plan as a grid in the terminal, a week at a
//! time. The days are columns, the moments of the routine (the local times
//! something is due) rows; each cell holds a letter per reminder, explained
//! below the grid, and milestones are numbered where they fall. Fits 80
//! columns. On a terminal (and without `NO_COLOR`) today's column and the
//! next reminder are highlighted. Pure: `now` and whether to colour are
//! arguments.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveTime, Utc};

use crate::config::Config;
use crate::grid::{Day, Grid};
use crate::i18n::{Messages, messages};
use crate::plan::Plan;

/// Width of the time column ("08:00 ").
const LABEL: usize = 6;
/// Width of a day's column.
const COLUMN: usize = 10;
/// Days in a week.
const WEEK: usize = 7;

const REVERSE: &str = "\x1b[7m";
const RESET: &str = "\x1b[0m";

/// Pad `text` to `width` characters (cut with "…" when longer), wrapped in
/// `style` when there is one.
fn cell(text: &str, width: usize, style: Option<&str>) -> String {
    let n = text.chars().count();
    let shown: String = if n > width {
        text.chars()
            .take(width.saturating_sub(1))
            .chain(['…'])
            .collect()
    } else {
        text.to_string()
    };
    let pad = width.saturating_sub(shown.chars().count());
    match style {
        Some(s) => format!("{s}{shown}{RESET}{}", " ".repeat(pad)),
        None => format!("{shown}{}", " ".repeat(pad)),
    }
}

/// The letter of the `i`th distinct reminder: a–z, then A–Z, then `?`.
fn letter(i: usize) -> char {
    let i = u8::try_from(i).unwrap_or(u8::MAX);
    match i {
        0..=25 => char::from(b'a' + i),
        26..=51 => char::from(b'A' + (i - 26)),
        _ => '?',
    }
}

/// What a row of the routine is called in the legend.
fn label(m: &Messages, rule: &crate::config::Rule) -> String {
    if rule.summary {
        m.fmt(
            "chart-summary-row",
            &[("title", rule.title.as_str().into())],
        )
    } else {
        rule.title.clone()
    }
}

/// The grid: the week from `now`'s day (or the plan's first day), or every
/// week with `all`. `color`: highlight today and the next reminder.
pub(crate) fn render(
    config: &Config,
    plan: &Plan,
    now: DateTime<Utc>,
    all: bool,
    color: bool,
) -> String {
    let m = messages(config.language.lang);
    let grid = Grid::new(config, plan);
    let mut out = String::new();
    let today = now.with_timezone(&plan.timezone).date_naive();
    let first = if all {
        0
    } else {
        match grid.days.iter().position(|d| d.date == today) {
            Some(i) => i,
            None if grid.days.first().is_some_and(|d| d.date > today) => 0,
            None => {
                let msg = if plan.occurrences.is_empty() {
                    m.text("plan-empty")
                } else {
                    m.text("plan-over")
                };
                let _ = writeln!(out, "{msg}");
                return out;
            }
        }
    };
    // a letter per distinct text, in the order the plan's rows come
    let mut legend: Vec<String> = Vec::new();
    for row in &grid.rows {
        let l = label(m, row.rule);
        if !legend.contains(&l) {
            legend.push(l);
        }
    }
    let next = plan.next_after(now);
    let series = config.treatment.sessions.len() > 1;
    let mut start = first;
    let mut weeks = 0;
    let mut shown = (first, first);
    while start < grid.days.len() && (all || weeks == 0) {
        let end = (start + WEEK).min(grid.days.len());
        shown.1 = end;
        if weeks > 0 {
            out.push('\n');
        }
        week(
            &mut out,
            m,
            &grid,
            (start, end),
            &legend,
            (today, next.map(|o| o.at)),
            series,
            color,
        );
        start = end;
        weeks += 1;
    }
    out.push('\n');
    let (from, to) = shown;
    for (i, l) in legend.iter().enumerate() {
        let used = grid
            .rows
            .iter()
            .any(|r| label(m, r.rule) == *l && r.cells[from..to].iter().any(Option::is_some));
        if used {
            let _ = writeln!(out, "{}  {l}", letter(i));
        }
    }
    for (i, ms) in grid.milestones.iter().enumerate() {
        if !(from..to).contains(&ms.column) {
            continue;
        }
        let what = ms
            .rule
            .allows
            .clone()
            .unwrap_or_else(|| ms.occurrence.title.clone());
        let date = format!(
            "{} {}",
            m.date_from(ms.occurrence.at.date_naive(), today),
            ms.occurrence.at.format("%H:%M")
        );
        let line = m.fmt(
            "week-milestone",
            &[("date", date.into()), ("what", what.into())],
        );
        let _ = writeln!(out, "✓{}  {line}", i + 1);
    }
    let _ = writeln!(out, "{}", m.text("week-legend"));
    out
}

/// One week: the days `[from, to)` of the grid.
#[allow(clippy::too_many_arguments)]
fn week(
    out: &mut String,
    m: &Messages,
    grid: &Grid<'_>,
    (from, to): (usize, usize),
    legend: &[String],
    (today, next): (chrono::NaiveDate, Option<DateTime<crate::zone::Zone>>),
    series: bool,
    color: bool,
) {
    let days: &[Day] = &grid.days[from..to];
    let (Some(a), Some(b)) = (days.first(), days.last()) else {
        return;
    };
    let heading = m.fmt(
        if days.len() == 1 {
            "week-heading-one"
        } else {
            "week-heading"
        },
        &[
            ("first", a.day.into()),
            ("last", b.day.into()),
            ("from", m.date_from(a.date, today).into()),
            ("to", m.date_from(b.date, today).into()),
        ],
    );
    let _ = writeln!(out, "{heading}");
    let style = |is: bool, s: &'static str| (color && is).then_some(s);
    // two head lines: "Mon 23", "day 0"
    let mut line = " ".repeat(LABEL);
    for d in days {
        let text = format!("{} {}", m.weekday(d.date.weekday()), d.date.day());
        line.push_str(&cell(&text, COLUMN, style(d.date == today, REVERSE)));
    }
    let _ = writeln!(out, "{}", line.trim_end());
    let mut line = " ".repeat(LABEL);
    for d in days {
        let text = if series {
            m.fmt(
                "week-session-day",
                &[("session", d.session.into()), ("day", d.day.into())],
            )
        } else {
            m.fmt("week-day", &[("day", d.day.into())])
        };
        line.push_str(&cell(&text, COLUMN, style(d.date == today, REVERSE)));
    }
    let _ = writeln!(out, "{}", line.trim_end());
    // the moments' times this week, in order
    let mut times: Vec<NaiveTime> = grid
        .rows
        .iter()
        .filter(|r| r.cells[from..to].iter().any(Option::is_some))
        .map(|r| r.time)
        .collect();
    times.dedup();
    for t in times {
        let mut line = cell(&t.format("%H:%M").to_string(), LABEL, None);
        for col in from..to {
            let mut letters = String::new();
            let mut is_next = false;
            for row in grid.rows.iter().filter(|r| r.time == t) {
                let Some(o) = row.cells[col] else {
                    continue;
                };
                is_next |= next == Some(o.at);
                let l = label(m, row.rule);
                if let Some(i) = legend.iter().position(|x| *x == l) {
                    let c = letter(i);
                    if !letters.contains(c) {
                        letters.push(c);
                    }
                }
            }
            line.push_str(&cell(&letters, COLUMN - 1, style(is_next, BOLD_REVERSE)));
            line.push(' ');
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if grid
        .milestones
        .iter()
        .any(|ms| (from..to).contains(&ms.column))
    {
        let mut line = cell(&m.text("week-milestones"), LABEL, None);
        for col in from..to {
            let mut marks = Vec::new();
            let mut is_next = false;
            for (i, ms) in grid.milestones.iter().enumerate() {
                if ms.column == col {
                    marks.push(format!("✓{}", i + 1));
                    is_next |= next == Some(ms.occurrence.at);
                }
            }
            line.push_str(&cell(
                &marks.join(" "),
                COLUMN - 1,
                style(is_next, BOLD_REVERSE),
            ));
            line.push(' ');
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

const BOLD_REVERSE: &str = "\x1b[1;7m";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn plan() -> (Config, Plan) {
        let config = testing::config(
            "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\ntimezone = \"Europe/Berlin\"\n",
        );
        let plan = Plan::build(&config).unwrap();
        (config, plan)
    }

    #[test]
    fn fits_80_columns_and_colours_only_when_asked() {
        let (config, plan) = plan();
        let now: DateTime<Utc> = "2026-11-25T10:00:00Z".parse().unwrap();
        let plain = render(&config, &plan, now, true, false);
        assert!(!plain.contains('\x1b'));
        for line in plain.lines() {
            assert!(
                line.chars().count() <= 80,
                "{} wide: {line}",
                line.chars().count()
            );
        }
        let coloured = render(&config, &plan, now, false, true);
        // today's column head (Wed 25) and the next reminder (10:00 on day 2, 11:00 here)
        assert!(
            coloured.contains(&format!("{REVERSE}Wed 25{RESET}")),
            "{coloured}"
        );
        assert_eq!(coloured.matches(BOLD_REVERSE).count(), 1, "{coloured}");
        let next = plan.next_after(now).unwrap();
        assert_eq!(next.at.format("%H:%M").to_string(), "12:00");
        let row = coloured.lines().find(|l| l.starts_with("12:00")).unwrap();
        assert!(row.contains(BOLD_REVERSE), "{row}");
        // without colour, the same text
        let stripped = coloured
            .replace(BOLD_REVERSE, "")
            .replace(REVERSE, "")
            .replace(RESET, "");
        assert_eq!(stripped, render(&config, &plan, now, false, false));
    }

    #[test]
    fn letters_run_a_to_z_then_capitals() {
        assert_eq!(letter(0), 'a');
        assert_eq!(letter(25), 'z');
        assert_eq!(letter(26), 'A');
        assert_eq!(letter(51), 'Z');
        assert_eq!(letter(52), '?');
        assert_eq!(cell("abcdefghijk", 5, None), "abcd…");
        assert_eq!(
            cell("ab", 4, Some(REVERSE)),
            format!("{REVERSE}ab{RESET}  ")
        );
    }
}
