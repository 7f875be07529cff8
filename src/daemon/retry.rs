//! Retrying while the notification server cannot be reached: a backoff
//! that doubles up to [`MAX_BACKOFF`].

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::time::{MAX_BACKOFF, ceil_second, delta};

/// Whether the server was unreachable, and when to try it again.
#[derive(Debug, Default)]
pub(crate) struct Retry {
    /// The failed attempt's number (from 0) and when to try again.
    failed: Option<(u32, DateTime<Utc>)>,
}

impl Retry {
    /// The time to try again, while it lies after `now`.
    pub(crate) fn pending(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.failed.map(|(_, at)| at).filter(|at| now < *at)
    }

    /// The server answered; whether it had been unreachable.
    pub(crate) fn reached(&mut self) -> bool {
        self.failed.take().is_some()
    }

    /// The server could not be reached at `now`: the attempt's number
    /// (0 for the first) and when to try again.
    pub(crate) fn failed(&mut self, now: DateTime<Utc>) -> (u32, DateTime<Utc>) {
        let attempt = self.failed.map_or(0, |(n, _)| n + 1);
        let wait = Duration::from_secs(1u64 << attempt.min(6)).min(MAX_BACKOFF);
        let at = ceil_second(now + delta(wait));
        self.failed = Some((attempt, at));
        (attempt, at)
    }

    /// No failure outstanding.
    #[cfg(test)]
    pub(crate) fn is_clear(&self) -> bool {
        self.failed.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        format!("2026-11-23T{s}Z").parse().unwrap()
    }

    #[test]
    fn backs_off_doubling_up_to_a_minute_and_clears_when_reached() {
        let mut r = Retry::default();
        assert!(r.is_clear());
        assert_eq!(r.pending(t("09:00:00")), None);
        let now = t("09:00:00");
        let waits: Vec<i64> = (0..9)
            .map(|_| (r.failed(now).1 - now).num_seconds())
            .collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(r.pending(now), Some(t("09:01:00")));
        assert_eq!(r.pending(t("09:01:00")), None, "due: try now");
        assert!(r.reached());
        assert!(!r.reached(), "reported once");
        assert!(r.is_clear());
    }

    #[test]
    fn a_retry_time_is_a_whole_second() {
        let mut r = Retry::default();
        let now: DateTime<Utc> = "2026-11-23T09:00:00.250Z".parse().unwrap();
        assert_eq!(r.failed(now), (0, t("09:00:02")));
    }
}
