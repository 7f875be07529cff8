//! The scheduler edge: one tokio-cron-scheduler job per upcoming
//! occurrence within the horizon, plus plain wake-ups.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Timelike, Utc};
use tokio::sync::mpsc::UnboundedSender;
use tokio_cron_scheduler::{Job, JobScheduler};
use tracing::{debug, error};
use uuid::Uuid;

use super::event::Event;
use super::time::{HORIZON, ceil_second};
use crate::app::journal::Journal;
use crate::plan::{OccurrenceId, Plan};
use crate::{clock, policy};

/// Occurrence jobs registered at once, at most (within [`HORIZON`]).
const MAX_JOBS: usize = 12;

/// Slots in each of the scheduler's ten internal broadcast channels
/// (upstream's default: 200, about 180 KiB of heap held for good; 64 take
/// about 120 KiB less, docs/performance.md). A receiver that falls behind
/// by more than this loses messages, so it must exceed the largest burst:
/// `add` and `remove` wait for their answer (one message at a time), and
/// the scheduler's loop sends at most one activation, one deletion and
/// three job states per job due at once. Jobs held: at most
/// [`MAX_JOBS`] occurrences, [`MAX_WAKES`] wake-ups and a refill; twice
/// that if a sync leaves the previous ones due in the same second.
pub(super) const CHANNEL_SIZE: usize = 64;

/// Extra wake-ups one tick asks for, at most (`Daemon::tick`: a retry of
/// taking notifications over, the end of quiet hours, a retry of showing,
/// and the end of the plan's wait or its retry).
const MAX_WAKES: usize = 4;

// the activations of every job held, twice over, fit in a channel
const _: () = assert!(2 * (MAX_JOBS + MAX_WAKES + 1) <= CHANNEL_SIZE);

/// The scheduler's jobs, keyed by (occurrence id or none, due second).
pub(super) struct Jobs {
    sched: JobScheduler,
    by_key: HashMap<(Option<OccurrenceId>, DateTime<Utc>), Uuid>,
    events: UnboundedSender<Event>,
}

impl Jobs {
    /// No jobs yet on `sched`; they send to `events` when they fire.
    pub(super) fn new(sched: JobScheduler, events: UnboundedSender<Event>) -> Jobs {
        Jobs {
            sched,
            by_key: HashMap::new(),
            events,
        }
    }

    /// Make the scheduler look at its jobs now and sleep anew: its timer
    /// is monotonic, so after a resume or a clock change its sleep was
    /// planned against a wall clock that has moved since.
    pub(super) fn wake(&self) {
        self.sched.wake();
    }

    /// How many jobs are registered.
    pub(super) fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Stop the scheduler.
    pub(super) async fn shutdown(&mut self) {
        let _ = self.sched.shutdown().await;
    }

    async fn add(&mut self, id: Option<OccurrenceId>, at: DateTime<Utc>) {
        let at = ceil_second(at);
        let key = (id.clone(), at);
        if self.by_key.contains_key(&key) {
            return;
        }
        // 7 fields with the year: fires once, on that UTC second, never early.
        let cron = format!(
            "{} {} {} {} {} * {}",
            at.second(),
            at.minute(),
            at.hour(),
            at.day(),
            at.month(),
            at.year()
        );
        let tx = self.events.clone();
        let fire_id = id.clone();
        let job = Job::new_async(cron.as_str(), move |_uuid, _lock| {
            let tx = tx.clone();
            let id = fire_id.clone();
            Box::pin(async move {
                let _ = tx.send(Event::Fire { id, planned: at });
            })
        });
        // Checked after the job is built, which computes its next tick from
        // the clock: if `at` is still ahead now, it was ahead then, and the
        // job will fire. Otherwise it came due while the step ran (a slow
        // bus, a clock change, a resume): a job for a past second would
        // never fire; look again at once.
        if at <= clock::now() {
            let _ = self.events.send(Event::Fire { id, planned: at });
            return;
        }
        match job {
            Ok(job) => match self.sched.add(job).await {
                Ok(uuid) => {
                    self.by_key.insert(key, uuid);
                }
                Err(e) => error!("cannot schedule a job for {at}: {e}"),
            },
            Err(e) => error!("cannot build a job for {at} ({cron}): {e}"),
        }
    }

    /// Make the jobs match: the plan's upcoming occurrences within the
    /// horizon, the extra wakes, and a refill before the horizon runs out.
    /// `plan` is the daemon's window and `last` the whole plan's last
    /// occurrence.
    pub(super) async fn sync(
        &mut self,
        plan: &Plan,
        journal: &Journal,
        last: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
        extra: &[DateTime<Utc>],
    ) {
        let until = now + HORIZON;
        let mut want: Vec<(Option<OccurrenceId>, DateTime<Utc>)> =
            policy::upcoming(plan, journal, now, until)
                .map(|(o, due)| (Some(o.id.clone()), ceil_second(due)))
                .collect();
        // The first few only: a job costs memory in the scheduler for as
        // long as it waits, and a dense plan (every 30 min) has ~100 in the
        // horizon. Each fire steps and syncs again, so the next ones are
        // added as these go (the last one kept is a refill too).
        want.sort_by_key(|(_, at)| *at);
        want.truncate(MAX_JOBS);
        want.extend(extra.iter().map(|t| (None, ceil_second(*t))));
        // the bound CHANNEL_SIZE is sized for (tests run debug builds)
        debug_assert!(extra.len() <= MAX_WAKES, "{} wakes", extra.len());
        if last.is_some_and(|last| last > until) {
            want.push((None, ceil_second(now + HORIZON / 2)));
        }
        let stale: Vec<_> = self
            .by_key
            .keys()
            .filter(|k| !want.contains(k))
            .cloned()
            .collect();
        for key in stale {
            if let Some(uuid) = self.by_key.remove(&key) {
                if key.1 > now {
                    // Still pending (reload or answer changed the plan).
                    if let Err(e) = self.sched.remove(&uuid).await {
                        debug!("removing job: {e}");
                    }
                }
            }
        }
        let before = self.by_key.len();
        for (id, at) in want {
            self.add(id, at).await;
        }
        let added = self.by_key.len() - before;
        if added > 0 {
            debug!(added, total = self.by_key.len(), "scheduled jobs");
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;
    use tokio::sync::mpsc;

    use super::*;
    use crate::app::journal::{Entry, Status};
    use crate::testing::config;

    /// A reminder every hour for four days, years from now (jobs for a
    /// second already past are not registered: they fire at once).
    const HOURLY: &str = "[treatment]\ndate = 2036-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [quiet_hours]\nenabled = false\n\
        [reminders.a]\ndays = \"0-3\"\nevery = \"1h\"\nbetween = [\"00:00\", \"23:00\"]\ntitle = \"A\"\n";

    use crate::testing::utc as t;

    async fn jobs() -> (Jobs, mpsc::UnboundedReceiver<Event>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Jobs::new(JobScheduler::new().await.unwrap(), tx), rx)
    }

    #[tokio::test]
    async fn the_first_few_upcoming_the_extra_wakes_and_a_refill() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(HOURLY);
        let plan = Plan::build(&c).unwrap();
        let now = t("2036-11-23T08:30:00Z");
        let (mut j, _) = Journal::open(&dir.path().join("journal.json"), now);
        let (mut jobs, _rx) = jobs().await;
        let last = plan.occurrences.last().map(|o| o.utc());
        let extra = [now + TimeDelta::minutes(5)];
        jobs.sync(&plan, &j, last, now, &extra).await;
        // twelve occurrences, the extra wake, the refill half a horizon on
        assert_eq!(jobs.len(), MAX_JOBS + 2);
        let first = plan.occurrences.iter().find(|o| o.utc() > now).unwrap();
        assert!(
            jobs.by_key
                .contains_key(&(Some(first.id.clone()), first.utc()))
        );
        assert!(jobs.by_key.contains_key(&(None, now + HORIZON / 2)));
        // the same again registers nothing twice
        jobs.sync(&plan, &j, last, now, &extra).await;
        assert_eq!(jobs.len(), MAX_JOBS + 2);
        // answered ahead of time, its job goes; the next one comes in; the
        // wake no longer asked for goes too
        j.set(&first.id, Entry::marked(Status::Done, now));
        jobs.sync(&plan, &j, last, now, &[]).await;
        assert_eq!(jobs.len(), MAX_JOBS + 1);
        assert!(
            !jobs
                .by_key
                .keys()
                .any(|(id, _)| id.as_ref() == Some(&first.id))
        );
        jobs.shutdown().await;
    }

    #[tokio::test]
    async fn a_wake_already_past_fires_at_once_instead_of_never() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(HOURLY);
        let plan = Plan::build(&c).unwrap();
        let now = t("2036-11-23T08:30:00Z");
        let (j, _) = Journal::open(&dir.path().join("journal.json"), now);
        let (mut jobs, mut rx) = jobs().await;
        let past = clock::now() - TimeDelta::seconds(10);
        jobs.sync(&plan, &j, None, now, &[past]).await;
        assert!(!jobs.by_key.keys().any(|(_, at)| *at == ceil_second(past)));
        match rx.try_recv() {
            Ok(Event::Fire { id: None, planned }) => assert_eq!(planned, ceil_second(past)),
            other => panic!("expected a fire at once, got {other:?}"),
        }
        jobs.shutdown().await;
    }
}
