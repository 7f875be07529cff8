//! The plan laid out as a grid, for the printed chart and the week view:
//! one column per local date from the treatment day to the last reminder,
//! one row per routine (a rule at a local time of day), and the milestones
//! on the day they fall. Pure: built from the config and its plan.

use chrono::{NaiveDate, NaiveTime};

use crate::config::{Config, DaySet, Rule};
use crate::plan::{Occurrence, Plan};

/// One column: a local date and the plan day it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day {
    pub date: NaiveDate,
    /// Which treatment of a series (1 for a single one).
    pub session: u32,
    /// The plan day (0 = treatment day of its session).
    pub day: u32,
    /// Days without reminders were left out just before this one.
    pub after_gap: bool,
}

/// One routine: a rule at a local time of day, ticked on some days.
#[derive(Debug, Clone)]
pub(crate) struct Row<'a> {
    pub time: NaiveTime,
    pub rule: &'a Rule,
    /// Per column: the occurrence at this time that day, if any.
    pub cells: Vec<Option<&'a Occurrence>>,
}

/// A milestone: the day from which something is allowed again.
#[derive(Debug, Clone)]
pub(crate) struct Milestone<'a> {
    /// The column it falls on.
    pub column: usize,
    pub occurrence: &'a Occurrence,
    pub rule: &'a Rule,
}

/// The whole plan as a grid.
#[derive(Debug, Clone)]
pub(crate) struct Grid<'a> {
    pub days: Vec<Day>,
    /// By time of day, then in the rules' order (the order a person does
    /// them, as the notification lists them).
    pub rows: Vec<Row<'a>>,
    /// In the order they fall.
    pub milestones: Vec<Milestone<'a>>,
}

/// Whether a rule is a milestone: it allows something again ("makeup").
pub(crate) fn is_milestone(rule: &Rule) -> bool {
    rule.allows.is_some()
}

impl<'a> Grid<'a> {
    pub(crate) fn new(config: &'a Config, plan: &'a Plan) -> Grid<'a> {
        let first = plan.start.date_naive();
        let last = plan
            .occurrences
            .iter()
            .map(|o| o.at.date_naive())
            .max()
            .unwrap_or(first)
            .max(first);
        let days: Vec<Day> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(|date| {
                let (session, day) = plan
                    .starts
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, s)| s.date_naive() <= date)
                    .map_or((1, 0), |(i, s)| {
                        (
                            u32::try_from(i + 1).unwrap_or(1),
                            u32::try_from((date - s.date_naive()).num_days()).unwrap_or(0),
                        )
                    });
                Day {
                    date,
                    session,
                    day,
                    after_gap: false,
                }
            })
            .collect();
        let column = |d: NaiveDate| usize::try_from((d - first).num_days()).unwrap_or(0);
        let order = |name: &str| config.rules.iter().position(|r| r.name == name);
        let mut rows: Vec<Row<'a>> = Vec::new();
        let mut milestones = Vec::new();
        for o in &plan.occurrences {
            let Some(rule) = config.rules.iter().find(|r| r.name == o.rule) else {
                continue;
            };
            let col = column(o.at.date_naive()).min(days.len().saturating_sub(1));
            if is_milestone(rule) {
                milestones.push(Milestone {
                    column: col,
                    occurrence: o,
                    rule,
                });
                continue;
            }
            let time = o.at.time();
            let i = match rows
                .iter()
                .position(|r| r.time == time && r.rule.name == rule.name)
            {
                Some(i) => i,
                None => {
                    rows.push(Row {
                        time,
                        rule,
                        cells: vec![None; days.len()],
                    });
                    rows.len() - 1
                }
            };
            rows[i].cells[col] = Some(o);
        }
        rows.sort_by(|a, b| {
            a.time
                .cmp(&b.time)
                .then_with(|| order(&a.rule.name).cmp(&order(&b.rule.name)))
        });
        Grid {
            days,
            rows,
            milestones,
        }
    }
}

impl Grid<'_> {
    /// The grid without the days that have nothing on them (between the
    /// sessions of a series, or a long pause in a plan); the day after such
    /// a gap says so.
    pub(crate) fn without_empty_days(mut self) -> Self {
        let keep: Vec<bool> = (0..self.days.len())
            .map(|i| {
                i == 0
                    || self.rows.iter().any(|r| r.cells[i].is_some())
                    || self.milestones.iter().any(|m| m.column == i)
            })
            .collect();
        if keep.iter().all(|k| *k) {
            return self;
        }
        let mut new_index = vec![0; keep.len()];
        let mut days = Vec::new();
        let mut gap = false;
        for (i, d) in self.days.iter().enumerate() {
            if keep[i] {
                new_index[i] = days.len();
                days.push(Day {
                    after_gap: gap,
                    ..*d
                });
                gap = false;
            } else {
                gap = true;
            }
        }
        for r in &mut self.rows {
            r.cells = r
                .cells
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| *c)
                .collect();
        }
        for m in &mut self.milestones {
            m.column = new_index[m.column];
        }
        self.days = days;
        self
    }
}

/// Day numbers as a person writes them: "0–1", "8–14", "1, 3, 5".
pub(crate) fn day_ranges(days: &DaySet) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for d in days.iter() {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == d => *end = d,
            _ => runs.push((d, d)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
