//! Questions asked of a built plan; the present is always an argument.

use chrono::{DateTime, Duration as ChronoDuration, NaiveDate, Utc};

use super::{Daylight, Occurrence, Plan, daylight};

impl Plan {
    /// The first occurrence strictly after `now`.
    pub fn next_after(&self, now: DateTime<Utc>) -> Option<&Occurrence> {
        let i = self.occurrences.partition_point(|o| o.utc() <= now);
        self.occurrences.get(i)
    }

    /// The last occurrence, if any.
    pub fn last(&self) -> Option<&Occurrence> {
        self.occurrences.last()
    }

    /// Whether every occurrence lies at or before `now`.
    pub fn is_over(&self, now: DateTime<Utc>) -> bool {
        self.last().is_none_or(|o| o.utc() <= now)
    }

    /// Occurrences on or after the local calendar day of `now`.
    pub fn from_today(&self, now: DateTime<Utc>) -> &[Occurrence] {
        let today = now.with_timezone(&self.timezone).date_naive();
        let i = self
            .occurrences
            .partition_point(|o| o.at.date_naive() < today);
        &self.occurrences[i..]
    }

    /// The local date of a plan day of a session (1-based).
    pub fn session_day_date(&self, session: u32, day: u32) -> NaiveDate {
        let start = self
            .starts
            .get(session.saturating_sub(1) as usize)
            .unwrap_or(&self.start);
        start.date_naive() + ChronoDuration::days(i64::from(day))
    }

    /// The daylight window of a date, when a location is set and a rule
    /// follows daylight.
    pub fn daylight(&self, date: NaiveDate) -> Option<Daylight> {
        let loc = self.location.filter(|_| self.daylight_rules)?;
        Some(daylight(loc, date, self.timezone))
    }

    /// The session and day number `now` falls on, if a session has started.
    pub fn current_day(&self, now: DateTime<Utc>) -> Option<(u32, u32)> {
        let today = now.with_timezone(&self.timezone).date_naive();
        let (i, s) = self
            .starts
            .iter()
            .enumerate()
            .rev()
            .find(|(_, s)| s.date_naive() <= today)?;
        let day = u32::try_from((today - s.date_naive()).num_days()).ok()?;
        Some((u32::try_from(i + 1).unwrap_or(1), day))
    }

    pub fn get(&self, id: impl AsRef<str>) -> Option<&Occurrence> {
        let id = id.as_ref();
        self.occurrences.iter().find(|o| o.id == id)
    }
}

impl Plan {
    /// The plan's moments: the reminders due at one instant, in plan order.
    /// The daemon shows each as one notification (after `group` brought
    /// reminders a few minutes apart together); the calendar export, the
    /// week grid and the chart list them the same way.
    pub fn moments(&self) -> impl Iterator<Item = &[Occurrence]> {
        self.occurrences.chunk_by(|a, b| a.at == b.at)
    }
}
