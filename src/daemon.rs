//! `aftercare run`: the long-running process the user service starts.
//!
//! [`Daemon`] holds the state (config, plan, journal, notifier) and does one
//! [`Daemon::tick`] whenever something may be due: it asks
//! [`engine::decide`] what to do at `now`, shows, records, and says when to
//! wake next. Ticks are driven by tokio-cron-scheduler: one one-shot job per
//! occurrence at its UTC second (a 7-field cron with the year, which never
//! fires early), over a rolling 48-hour horizon refilled as time passes, plus
//! one-shot wake-ups for snoozes, quiet-hour ends and retries. Every fire
//! re-reads the wall clock, so late fires (suspend, clock jumps) are caught
//! up by the same rules as a restart. The journal makes all of it
//! idempotent: an occurrence it has settled is never shown again.
//!
//! Memory does not grow with the length of the plan: the daemon keeps the
//! plan's [`Overview`] (size, first, last) and only a window of occurrences,
//! from a day before `now` to a few days after, rebuilt as time passes
//! ([`Plan::window`] is exactly the whole plan cut to the window).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Datelike, DurationRound, TimeDelta, Timelike, Utc};
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio_cron_scheduler::{Job, JobScheduler};
use tracing::{debug, error, info, warn};
use uuid::Uuid;

use crate::cli::{Env, plan_config_error, plan_error};
use crate::clock;
use crate::config::{self, Config, Defaults, format_duration};
use crate::engine;
use crate::error::Error;
use crate::journal::{Entry, Journal, Status};
use crate::notifier::{
    ACTION_DONE, ACTION_INDOORS, ACTION_SNOOZE, Answer, DbusNotifier, Note, Notifier,
};
use crate::plan::{Overview, Plan, PlanError, id_local_date, short_date};

/// How far ahead jobs are registered.
pub const HORIZON: TimeDelta = TimeDelta::hours(48);
/// A span of time, `[from, to)`.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// How far back the window of occurrences reaches beyond `catch_up`: a
/// whole day, so "first reminder of the rule today" is always inside.
const LOOKBACK: TimeDelta = TimeDelta::hours(26);
/// Longest wait between retries when no notification server answers.
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// Pseudo id of the plan-complete notification.
const COMPLETE_ID: &str = "aftercare:complete";

/// What woke the main loop.
#[derive(Debug)]
pub enum Event {
    /// A scheduler job fired: an occurrence (id) or a plain wake-up.
    Fire {
        id: Option<String>,
        planned: DateTime<Utc>,
    },
    /// The user answered a notification.
    Answer(Answer),
    /// Something changed in the config's directory.
    ConfigChanged,
}

/// The result of a tick: when to look again, and whether the plan is done.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Extra wake-ups (quiet-hour end, retry); occurrences come from the plan.
    pub wakes: Vec<DateTime<Utc>>,
    /// The plan is complete: exit 0.
    pub finished: bool,
}

/// The daemon's state and decisions, independent of the scheduler.
#[derive(Debug)]
pub struct Daemon<N> {
    pub config: Config,
    /// The occurrences in `window` (not the whole plan).
    pub plan: Plan,
    /// The whole plan's size and ends.
    pub overview: Overview,
    /// The span of time `plan` holds, `[from, to)`.
    window: Span,
    pub journal: Journal,
    notifier: N,
    answers: UnboundedSender<Answer>,
    /// Retry state while the notification server is unreachable.
    retry: Option<(u32, DateTime<Utc>)>,
    /// The plan was over (or empty) before this process started.
    started_after_end: bool,
    /// A journal write failed; logged once until it works again.
    journal_failing: bool,
}

/// Round up to the next whole second (jobs fire on whole seconds).
fn ceil_second(t: DateTime<Utc>) -> DateTime<Utc> {
    let floor = t.duration_trunc(TimeDelta::seconds(1)).unwrap_or(t);
    if floor == t {
        t
    } else {
        floor + TimeDelta::seconds(1)
    }
}

fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}

impl<N: Notifier> Daemon<N> {
    pub fn new(
        config: Config,
        journal: Journal,
        notifier: N,
        answers: UnboundedSender<Answer>,
        now: DateTime<Utc>,
    ) -> Result<Self, PlanError> {
        let overview = Plan::overview(&config)?;
        let started_after_end = journal.complete().is_none()
            && overview
                .last
                .is_none_or(|last| last + delta(config.catch_up) < now);
        let (plan, window) = Self::window(&config, &journal, &overview, now)?;
        let mut d = Daemon {
            config,
            plan,
            overview,
            window,
            journal,
            notifier,
            answers,
            retry: None,
            started_after_end,
            journal_failing: false,
        };
        d.record_missed(None, now);
        Ok(d)
    }

    /// Record as missed what lies before the window, from `since`, with no
    /// record yet: it is beyond catch-up (aftercare was stopped or asleep).
    /// The plan is visited a week at a time, never held whole.
    fn record_missed(&mut self, since: Option<DateTime<Utc>>, now: DateTime<Utc>) {
        let mut missed = Vec::new();
        let journal = &self.journal;
        let visited = Plan::for_each_chunk(&self.config, since, Some(self.window.0), |part| {
            missed.extend(
                part.iter()
                    .filter(|o| journal.get(&o.id).is_none())
                    .map(|o| o.id.clone()),
            );
            Ok(())
        });
        if let Err(e) = visited {
            error!("cannot look back over the plan: {e}");
        }
        if missed.is_empty() {
            return;
        }
        for id in &missed {
            self.journal.set(id, Entry::marked(Status::Missed, now));
        }
        info!(
            count = missed.len(),
            "recorded reminders as missed: too late to show (aftercare was not running or the machine slept)"
        );
    }

    /// Where the window should start at `now`: a day before anything that
    /// can still be shown (catch-up, and snoozed reminders, however old).
    fn window_start(config: &Config, journal: &Journal, now: DateTime<Utc>) -> DateTime<Utc> {
        let mut from = now - delta(config.catch_up) - LOOKBACK;
        for (id, e) in journal.entries() {
            if e.status != Status::Snoozed {
                continue;
            }
            let snoozed = id_local_date(id)
                .and_then(|d| d.checked_sub_days(chrono::Days::new(2)))
                .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc());
            if let Some(t) = snoozed {
                from = from.min(t);
            }
        }
        from
    }

    /// The occurrences from [`Self::window_start`] to two horizons ahead,
    /// or further until one lies after `now` (long gaps between reminders).
    fn window(
        config: &Config,
        journal: &Journal,
        overview: &Overview,
        now: DateTime<Utc>,
    ) -> Result<(Plan, Span), PlanError> {
        let from = Self::window_start(config, journal, now);
        let mut to = now + HORIZON * 2;
        loop {
            let plan = Plan::window(config, from, to)?;
            let more_later = overview.last.is_some_and(|last| last >= to);
            if !more_later || plan.occurrences.iter().any(|o| o.utc() > now) {
                return Ok((plan, (from, to)));
            }
            to += HORIZON * 8;
        }
    }

    /// Move the window along when `now` nears its end (or the clock went
    /// back before its start, or an old reminder was snoozed).
    fn refresh_window(&mut self, now: DateTime<Utc>) {
        let (from, to) = self.window;
        let drained =
            !self.window_reaches_end() && !self.plan.occurrences.iter().any(|o| o.utc() > now);
        if now + HORIZON <= to
            && !drained
            && Self::window_start(&self.config, &self.journal, now) >= from
        {
            return;
        }
        match Self::window(&self.config, &self.journal, &self.overview, now) {
            Ok((plan, window)) => {
                debug!(
                    occurrences = plan.occurrences.len(),
                    "moved the plan window"
                );
                self.plan = plan;
                self.window = window;
                // What slid out of the window unseen (a long suspend).
                self.record_missed(Some(from), now);
            }
            // The config was validated as a whole; keep the old window.
            Err(e) => error!("cannot build the plan window: {e}"),
        }
    }

    /// Whether no occurrence of the plan lies beyond the window.
    fn window_reaches_end(&self) -> bool {
        self.overview.last.is_none_or(|last| last < self.window.1)
    }

    fn save(&mut self) {
        match self.journal.save() {
            Ok(()) => {
                if self.journal_failing {
                    info!("journal written again");
                    self.journal_failing = false;
                }
            }
            Err(e) => {
                if !self.journal_failing {
                    error!(path = %self.journal.path().display(), "cannot write the journal: {e}; keeping it in memory and retrying on the next change");
                    self.journal_failing = true;
                }
            }
        }
    }

    /// Show a note, tracking the server's availability. `Err` carries the
    /// time to retry.
    async fn show(&mut self, note: &Note, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        if let Some((_, at)) = self.retry {
            if now < at {
                return Err(at);
            }
        }
        match self.notifier.show(note, &self.answers).await {
            Ok(_) => {
                if self.retry.take().is_some() {
                    info!("notification server reachable again");
                }
                Ok(())
            }
            Err(e) => {
                let attempt = self.retry.map_or(0, |(n, _)| n + 1);
                let wait = Duration::from_secs(1u64 << attempt.min(6)).min(MAX_BACKOFF);
                if attempt == 0 {
                    warn!(
                        "cannot show notifications: {e}; retrying with backoff while reminders are within catch_up"
                    );
                } else {
                    debug!(attempt, "notification server still unreachable: {e}");
                }
                let at = ceil_second(now + delta(wait));
                self.retry = Some((attempt, at));
                Err(at)
            }
        }
    }

    fn note_for(&self, id: &str) -> Option<Note> {
        let o = self.plan.get(id)?;
        // "Indoors today" on the first reminder of a daylight rule each day.
        let daylight = self
            .config
            .rules
            .iter()
            .any(|r| r.name == o.rule && r.daylight);
        let first_today = self
            .plan
            .occurrences
            .iter()
            .find(|x| x.rule == o.rule && x.at.date_naive() == o.at.date_naive())
            .is_some_and(|x| x.id == o.id);
        Some(Note {
            id: o.id.clone(),
            title: o.title.clone(),
            body: o.body.clone(),
            snooze_label: Some(format!("Snooze {}", format_duration(self.config.snooze))),
            indoors: daylight && first_today,
        })
    }

    /// Do what is due at `now`.
    pub async fn tick(&mut self, now: DateTime<Utc>) -> Outcome {
        let mut out = Outcome::default();
        // `aftercare done` may have answered from the command line.
        self.journal.merge_from_disk();
        self.refresh_window(now);
        let d = engine::decide(
            &self.plan,
            &self.journal,
            now,
            self.config.catch_up,
            self.config.quiet_hours.as_ref(),
        );
        if !d.missed.is_empty() {
            for id in &d.missed {
                self.journal.set(id, Entry::marked(Status::Missed, now));
            }
            if self.started_after_end {
                info!(
                    count = d.missed.len(),
                    "recorded reminders of the past plan as missed"
                );
            } else {
                info!(count = d.missed.len(), ids = ?d.missed, "missed: too late to show (beyond catch_up)");
            }
        }
        if let Some(t) = d.deferred_until {
            info!(until = %t, "quiet hours: overdue reminders wait for the end of the window");
            out.wakes.push(t);
        }
        for show in d.show {
            let Some(note) = self.note_for(&show.id) else {
                continue;
            };
            match self.show(&note, now).await {
                Ok(()) => {
                    let rule = self
                        .plan
                        .get(&show.id)
                        .map(|o| o.rule.clone())
                        .unwrap_or_default();
                    self.journal.set(
                        &show.id,
                        Entry {
                            status: Status::Sent,
                            at: now,
                            sent_at: Some(now),
                            until: None,
                            merged_into: None,
                        },
                    );
                    for m in &show.merged {
                        self.journal.set(
                            m,
                            Entry {
                                status: Status::Merged,
                                at: now,
                                sent_at: None,
                                until: None,
                                merged_into: Some(show.id.clone()),
                            },
                        );
                    }
                    // Persist before anything else: a crash from here on must
                    // not show it again.
                    self.save();
                    let late_ms = u64::try_from(show.late.as_millis()).unwrap_or(u64::MAX);
                    if show.merged.is_empty() {
                        info!(%rule, id = %show.id, late_ms, resnooze = show.resnooze, "sent");
                    } else {
                        info!(%rule, id = %show.id, late_ms, collapsed = show.merged.len(), "sent once for several overdue reminders of this rule");
                    }
                }
                Err(retry_at) => {
                    out.wakes.push(retry_at);
                    break;
                }
            }
        }
        self.save();
        if self.window_reaches_end() && engine::all_settled(&self.plan, &self.journal) {
            out.finished = self.finish(now, &mut out.wakes).await;
        }
        out
    }

    /// Everything is settled: say so once and report whether to exit.
    async fn finish(&mut self, now: DateTime<Utc>, wakes: &mut Vec<DateTime<Utc>>) -> bool {
        if let Some(at) = self.journal.complete() {
            info!(%at, "the plan was already complete; nothing left to do");
            return true;
        }
        if self.started_after_end {
            info!(ended = ?self.overview.last.map(|t| t.to_rfc3339()), "the plan ended before aftercare started; nothing to remind, exiting");
            return true;
        }
        let note = Note {
            id: COMPLETE_ID.into(),
            title: "aftercare plan complete".into(),
            body: "That was the last reminder of your aftercare plan. Keep up daily sunscreen, and follow your practitioner's advice from here.".into(),
            snooze_label: None,
            indoors: false,
        };
        match self.show(&note, now).await {
            Ok(()) => {
                info!("plan complete: sent the final notification");
                self.journal.set_complete(now);
                self.save();
                true
            }
            Err(retry_at) => {
                let last = self.overview.last.unwrap_or(now);
                if now - last > delta(self.config.catch_up) {
                    warn!("plan complete, but the final notification could not be shown; exiting");
                    return true;
                }
                wakes.push(retry_at);
                false
            }
        }
    }

    /// Record the user's answer; returns whether the schedule changed.
    pub fn answer(&mut self, a: &Answer, now: DateTime<Utc>) -> bool {
        let sent_at = self.journal.get(&a.id).and_then(|e| e.sent_at);
        if a.action == ACTION_INDOORS {
            return self.indoors(&a.id, sent_at, now);
        }
        let (status, until) = match a.action.as_str() {
            ACTION_DONE => (Status::Done, None),
            ACTION_SNOOZE => (
                Status::Snoozed,
                Some(ceil_second(now + delta(self.config.snooze))),
            ),
            other => {
                debug!(action = other, "ignoring unknown action");
                return false;
            }
        };
        let entry = Entry {
            status,
            at: now,
            sent_at,
            until,
            merged_into: None,
        };
        self.journal.set(&a.id, entry);
        self.save();
        match until {
            Some(until) => info!(id = %a.id, %until, "snoozed"),
            None => info!(id = %a.id, "done"),
        }
        until.is_some()
    }

    /// "Indoors today": this one is done, the rest of its rule today skipped.
    fn indoors(&mut self, id: &str, sent_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        let Some(o) = self.plan.get(id) else {
            return false;
        };
        let (rule, date) = (o.rule.clone(), o.at.date_naive());
        let rest: Vec<String> = self
            .plan
            .occurrences
            .iter()
            .filter(|x| {
                x.rule == rule
                    && x.at.date_naive() == date
                    && x.id != id
                    && engine::due_at(x, &self.journal).is_some()
            })
            .map(|x| x.id.clone())
            .collect();
        self.journal.set(
            id,
            Entry {
                status: Status::Done,
                at: now,
                sent_at,
                until: None,
                merged_into: None,
            },
        );
        for r in &rest {
            self.journal.set(r, Entry::marked(Status::Skipped, now));
        }
        self.save();
        info!(%id, skipped = rest.len(), "indoors today: the rest of this rule's reminders today are skipped");
        true
    }

    /// Swap in a new config; an error (a plan too large) leaves the old
    /// one in place.
    pub fn replace_config(&mut self, config: Config, now: DateTime<Utc>) -> Result<(), PlanError> {
        let overview = Plan::overview(&config)?;
        let (plan, window) = Self::window(&config, &self.journal, &overview, now)?;
        self.config = config;
        self.overview = overview;
        self.plan = plan;
        self.window = window;
        self.record_missed(None, now);
        Ok(())
    }

    /// The one-line status for systemd: "next: Sunscreen at 15:00 (day 2)".
    pub fn status_line(&self, now: DateTime<Utc>) -> String {
        match engine::next_due(&self.plan, &self.journal, now) {
            Some((o, due)) => {
                let local = due.with_timezone(&self.plan.timezone);
                let today = now.with_timezone(&self.plan.timezone).date_naive();
                let when = if local.date_naive() == today {
                    local.format("%H:%M").to_string()
                } else {
                    format!(
                        "{} {}",
                        short_date(local.date_naive()),
                        local.format("%H:%M")
                    )
                };
                format!("next: {} at {when} (day {})", o.title, o.day)
            }
            None => "no reminders left".into(),
        }
    }
}

// ---------------------------------------------------------------- the edge

/// The scheduler's jobs, keyed by (occurrence id or none, due second).
struct Jobs {
    sched: JobScheduler,
    by_key: HashMap<(Option<String>, DateTime<Utc>), Uuid>,
    events: UnboundedSender<Event>,
}

impl Jobs {
    async fn add(&mut self, id: Option<String>, at: DateTime<Utc>) {
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
        let job = Job::new_async(cron.as_str(), move |_uuid, _lock| {
            let tx = tx.clone();
            let id = id.clone();
            Box::pin(async move {
                let _ = tx.send(Event::Fire { id, planned: at });
            })
        });
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
    async fn sync<N: Notifier>(
        &mut self,
        d: &Daemon<N>,
        now: DateTime<Utc>,
        extra: &[DateTime<Utc>],
    ) {
        let until = now + HORIZON;
        let mut want: Vec<(Option<String>, DateTime<Utc>)> =
            engine::upcoming(&d.plan, &d.journal, now, until)
                .map(|(o, due)| (Some(o.id.clone()), ceil_second(due)))
                .collect();
        want.extend(extra.iter().map(|t| (None, ceil_second(*t))));
        if d.overview.last.is_some_and(|last| last > until) {
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

fn sd_notify(states: &[sd_notify::NotifyState]) {
    if let Err(e) = sd_notify::notify(states) {
        debug!("sd_notify: {e}");
    }
}

fn set_status(line: &str) {
    sd_notify(&[sd_notify::NotifyState::Status(line)]);
}

/// Watch the config's directory (editors replace files) for changes.
fn watch_config(
    path: &std::path::Path,
    events: UnboundedSender<Event>,
) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path.file_name()?.to_os_string();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if matches!(ev.kind, EventKind::Access(_)) {
            return;
        }
        if ev.paths.iter().any(|p| p.file_name() == Some(&name)) {
            let _ = events.send(Event::ConfigChanged);
        }
    })
    .map_err(|e| warn!("cannot watch the config for changes: {e}; use SIGHUP to reload"))
    .ok()?;
    if let Err(e) = watcher.watch(dir, RecursiveMode::NonRecursive) {
        warn!(dir = %dir.display(), "cannot watch the config directory: {e}; use SIGHUP to reload");
        return None;
    }
    Some(watcher)
}

/// Entry point of `aftercare run`.
pub fn run(env: &Env) -> Result<u8, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the async runtime", e))?;
    rt.block_on(main_loop(
        env.paths.config.clone(),
        env.paths.journal(),
        env.defaults,
    ))
}

async fn main_loop(
    config_path: PathBuf,
    journal_path: PathBuf,
    defaults: Defaults,
) -> Result<u8, Error> {
    use tokio::signal::unix::{SignalKind, signal};

    let config = config::load(&config_path, defaults).map_err(|e| {
        error!("{}", e.headline());
        Error::Config(e)
    })?;
    let now = clock::now();
    let (journal, problem) = Journal::open(&journal_path, now);
    if let Some(p) = problem {
        warn!("{p}");
    }
    let sig =
        |k: SignalKind| signal(k).map_err(|e| Error::io("cannot install a signal handler", e));
    let (mut hup, mut term, mut int) = (
        sig(SignalKind::hangup())?,
        sig(SignalKind::terminate())?,
        sig(SignalKind::interrupt())?,
    );

    let (events_tx, mut events) = mpsc::unbounded_channel::<Event>();
    let (answers_tx, mut answers) = mpsc::unbounded_channel::<Answer>();
    let sched = JobScheduler::new()
        .await
        .map_err(|e| Error::Other(format!("cannot create the scheduler: {e}")))?;
    sched
        .start()
        .await
        .map_err(|e| Error::Other(format!("cannot start the scheduler: {e}")))?;
    let mut jobs = Jobs {
        sched,
        by_key: HashMap::new(),
        events: events_tx.clone(),
    };
    let _watcher = watch_config(&config_path, events_tx.clone());

    let timezone = config.treatment.timezone;
    let mut d = Daemon::new(config, journal, DbusNotifier::default(), answers_tx, now)
        .map_err(|e| plan_error(config_path.display(), &e))?;
    info!(
        config = %config_path.display(),
        reminders = d.overview.total,
        timezone = timezone.name(),
        "starting"
    );
    let out = d.tick(now).await;
    if out.finished {
        sd_notify(&[sd_notify::NotifyState::Stopping]);
        return Ok(0);
    }
    jobs.sync(&d, now, &out.wakes).await;
    let status = d.status_line(now);
    info!(
        jobs = jobs.by_key.len(),
        horizon_h = HORIZON.num_hours(),
        "scheduled; {status}"
    );
    sd_notify(&[
        sd_notify::NotifyState::Ready,
        sd_notify::NotifyState::Status(&status),
    ]);

    loop {
        let mut reload = false;
        tokio::select! {
            Some(ev) = events.recv() => match ev {
                Event::Fire { id, planned } => {
                    let now = clock::now();
                    let late = now - planned;
                    if late > TimeDelta::seconds(5) {
                        info!(id = ?id, late_s = late.num_seconds(), "woke up late (suspend or clock change?); catching up");
                    }
                    let out = d.tick(now).await;
                    if out.finished {
                        break;
                    }
                    jobs.sync(&d, now, &out.wakes).await;
                    set_status(&d.status_line(now));
                }
                Event::ConfigChanged => {
                    // Editors write in several steps: let them settle.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    while let Ok(Event::ConfigChanged) = events.try_recv() {}
                    reload = true;
                }
                Event::Answer(_) => {}
            },
            Some(a) = answers.recv() => {
                let now = clock::now();
                if d.answer(&a, now) {
                    // The schedule changed (snooze, indoors): settle it, which
                    // also notices when nothing is left to do.
                    let out = d.tick(now).await;
                    if out.finished {
                        break;
                    }
                    jobs.sync(&d, now, &out.wakes).await;
                    set_status(&d.status_line(now));
                }
            }
            _ = hup.recv() => {
                info!("SIGHUP: reloading the config");
                reload = true;
            }
            _ = term.recv() => { info!("SIGTERM: stopping"); break; }
            _ = int.recv() => { info!("SIGINT: stopping"); break; }
        }
        if reload {
            sd_notify(&[sd_notify::NotifyState::Reloading, monotonic()]);
            let now = clock::now();
            reload_config(&mut d, &config_path, defaults, now).await;
            let out = d.tick(now).await;
            if out.finished {
                break;
            }
            jobs.sync(&d, now, &out.wakes).await;
            let status = d.status_line(now);
            sd_notify(&[
                sd_notify::NotifyState::Ready,
                sd_notify::NotifyState::Status(&status),
            ]);
        }
    }
    sd_notify(&[sd_notify::NotifyState::Stopping]);
    d.save();
    let _ = jobs.sched.shutdown().await;
    info!("stopped");
    Ok(0)
}

fn monotonic() -> sd_notify::NotifyState<'static> {
    sd_notify::NotifyState::monotonic_usec_now()
        .unwrap_or(sd_notify::NotifyState::Custom("MONOTONIC_USEC=0"))
}

/// Re-read the config: a valid one replaces the schedule; an invalid one is
/// logged, shown once, and the previous schedule keeps running.
async fn reload_config<N: Notifier>(
    d: &mut Daemon<N>,
    path: &std::path::Path,
    defaults: Defaults,
    now: DateTime<Utc>,
) {
    let loaded = config::load(path, defaults).and_then(|c| {
        if c == d.config {
            return Ok(false);
        }
        let timezone = c.treatment.timezone;
        d.replace_config(c, now)
            .map_err(|e| plan_config_error(path.display(), &e))?;
        info!(
            reminders = d.overview.total,
            timezone = timezone.name(),
            "config reloaded"
        );
        Ok(true)
    });
    match loaded {
        Ok(changed) => {
            if !changed {
                debug!("config unchanged");
            }
            d.journal.set_config_error_shown(None);
            d.save();
        }
        Err(e) => {
            error!(
                "config error, keeping the previous schedule: {}",
                e.headline()
            );
            let fingerprint = e.headline();
            if d.journal.config_error_shown() != Some(fingerprint.as_str()) {
                let note = Note {
                    id: "aftercare:config-error".into(),
                    title: "aftercare: config error — keeping the previous schedule".into(),
                    body: format!("{}\nRun `aftercare check` for details.", e.headline()),
                    snooze_label: None,
                    indoors: false,
                };
                if d.show(&note, now).await.is_ok() {
                    d.journal.set_config_error_shown(Some(fingerprint));
                    d.save();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    /// Records what it is asked to show; can be told to fail.
    #[derive(Debug, Default)]
    struct Recorder {
        shown: Vec<Note>,
        fail: bool,
    }

    impl Notifier for Recorder {
        async fn show(&mut self, note: &Note, _: &UnboundedSender<Answer>) -> Result<u32, String> {
            if self.fail {
                return Err("org.freedesktop.DBus.Error.ServiceUnknown".into());
            }
            self.shown.push(note.clone());
            Ok(u32::try_from(self.shown.len()).unwrap_or(0))
        }
    }

    const CFG: &str = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
        [reminders.a]\ndays = \"0\"\nat = [\"09:00\", \"10:00\", \"11:00\"]\ntitle = \"A\"\nbody = \"secret body\"\n\
        [reminders.b]\ndays = \"0\"\nat = [\"10:00\"]\ntitle = \"B\"\n";

    fn t(s: &str) -> DateTime<Utc> {
        format!("2026-11-{s}Z").parse().unwrap()
    }

    fn daemon(dir: &std::path::Path, now: DateTime<Utc>) -> Daemon<Recorder> {
        daemon_with(dir, CFG, now)
    }

    fn titles(d: &Daemon<Recorder>) -> Vec<&str> {
        d.notifier.shown.iter().map(|n| n.title.as_str()).collect()
    }

    #[tokio::test]
    async fn each_once_in_order_and_then_complete() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = daemon(dir.path(), t("23T08:30:00"));
        assert_eq!(d.tick(t("23T08:30:00")).await, Outcome::default());
        assert!(titles(&d).is_empty(), "nothing early");
        d.tick(t("23T09:00:00")).await;
        d.tick(t("23T09:00:01")).await; // a duplicate fire changes nothing
        assert_eq!(titles(&d), ["A"]);
        d.tick(t("23T10:00:00")).await;
        assert_eq!(titles(&d), ["A", "A", "B"]);
        let out = d.tick(t("23T11:00:00")).await;
        assert!(out.finished);
        assert_eq!(titles(&d), ["A", "A", "B", "A", "aftercare plan complete"]);
    }

    #[tokio::test]
    async fn restart_does_not_repeat() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = daemon(dir.path(), t("23T09:00:00"));
        d.tick(t("23T09:00:00")).await;
        assert_eq!(titles(&d), ["A"]);
        drop(d);
        let mut d = daemon(dir.path(), t("23T09:00:30"));
        d.tick(t("23T09:00:30")).await;
        assert!(titles(&d).is_empty(), "already sent before the restart");
        d.tick(t("23T10:00:00")).await;
        assert_eq!(titles(&d), ["A", "B"]);
    }

    #[tokio::test]
    async fn server_down_retries_with_backoff_then_delivers_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = daemon(dir.path(), t("23T09:00:00"));
        d.notifier.fail = true;
        let out = d.tick(t("23T09:00:00")).await;
        assert_eq!(out.wakes, [t("23T09:00:01")]);
        let out = d.tick(t("23T09:00:01")).await;
        assert_eq!(out.wakes, [t("23T09:00:03")], "backoff doubles");
        assert!(
            d.journal.get("a@2026-11-23T09:00").is_none(),
            "not recorded while unsent"
        );
        d.notifier.fail = false;
        d.tick(t("23T09:00:03")).await;
        d.tick(t("23T09:00:04")).await;
        assert_eq!(titles(&d), ["A"]);
    }

    #[tokio::test]
    async fn snooze_shows_again_and_done_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = daemon(dir.path(), t("23T09:00:00"));
        d.tick(t("23T09:00:00")).await;
        let id = "a@2026-11-23T09:00".to_string();
        assert!(d.answer(
            &Answer {
                id: id.clone(),
                action: "snooze".into()
            },
            t("23T09:01:00")
        ));
        assert_eq!(d.journal.status(&id), Some(Status::Snoozed));
        assert_eq!(d.status_line(t("23T09:01:00")), "next: A at 09:16 (day 0)");
        d.tick(t("23T09:15:59")).await;
        assert_eq!(titles(&d), ["A"]);
        d.tick(t("23T09:16:00")).await;
        assert_eq!(titles(&d), ["A", "A"]);
        assert!(!d.answer(
            &Answer {
                id: id.clone(),
                action: "done".into()
            },
            t("23T09:17:00")
        ));
        assert_eq!(d.journal.status(&id), Some(Status::Done));
    }

    #[tokio::test]
    async fn started_after_the_end_exits_without_notifying() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = daemon(dir.path(), t("25T09:00:00"));
        let out = d.tick(t("25T09:00:00")).await;
        assert!(out.finished);
        assert!(titles(&d).is_empty());
        // Not shown, and recorded as missed although far outside the window.
        assert!(d.plan.get("b@2026-11-23T10:00").is_none());
        assert_eq!(d.journal.status("b@2026-11-23T10:00"), Some(Status::Missed));
    }

    #[tokio::test]
    async fn after_a_long_suspend_one_per_rule_and_the_rest_recorded_missed() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [quiet_hours]\nenabled = false\n\
            [reminders.often]\ndays = \"0-20\"\nevery = \"1h\"\nbetween = [\"08:00\", \"20:00\"]\ntitle = \"Often\"\n";
        let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
        d.tick(t("23T08:00:00")).await;
        assert_eq!(titles(&d), ["Often"]);
        // asleep from day 0 to day 10, 10:30 (the window has moved on)
        let wake: DateTime<Utc> = "2026-12-03T10:30:00Z".parse().unwrap();
        d.tick(wake).await;
        assert!(d.window.0 > t("30T00:00:00"), "window {:?}", d.window);
        // 09:00 and 10:00 are within catch-up: one notification for both
        assert_eq!(titles(&d), ["Often", "Often"]);
        let full = Plan::build(&d.config).unwrap();
        let past: Vec<_> = full
            .occurrences
            .iter()
            .filter(|o| o.utc() <= wake)
            .collect();
        let status = |s| {
            past.iter()
                .filter(|o| d.journal.status(&o.id) == Some(s))
                .count()
        };
        assert_eq!(status(Status::Sent), 2);
        assert_eq!(status(Status::Merged), 1);
        assert_eq!(
            status(Status::Missed),
            past.len() - 3,
            "every other one recorded"
        );
    }

    fn daemon_with(dir: &std::path::Path, cfg: &str, now: DateTime<Utc>) -> Daemon<Recorder> {
        let c = parse(
            cfg,
            "t",
            Defaults {
                timezone: crate::zone::Zone::utc(),
            },
        )
        .unwrap();
        let (j, _) = Journal::open(&dir.join("journal.json"), now);
        let (tx, _rx) = mpsc::unbounded_channel();
        Daemon::new(c, j, Recorder::default(), tx, now).unwrap()
    }

    /// Drive the daemon as the scheduler would: tick at every due time
    /// (the window and jobs are refilled on the way) until it finishes.
    async fn drive(d: &mut Daemon<Recorder>, mut now: DateTime<Utc>, max_window: &mut usize) {
        for _ in 0..100_000 {
            let out = d.tick(now).await;
            *max_window = (*max_window).max(d.plan.occurrences.len());
            if out.finished {
                return;
            }
            let next = engine::next_due(&d.plan, &d.journal, now).map(|(_, t)| t);
            let refill = d
                .overview
                .last
                .filter(|l| *l > now + HORIZON)
                .map(|_| now + HORIZON / 2);
            now = [next, refill, out.wakes.iter().min().copied()]
                .into_iter()
                .flatten()
                .min()
                .expect("nothing left to wake for, yet not finished");
        }
        panic!("did not finish");
    }

    #[tokio::test]
    async fn a_long_plan_is_delivered_through_a_small_moving_window() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [quiet_hours]\nenabled = false\n\
            [reminders.often]\ndays = \"0-60\"\nevery = \"3h\"\nbetween = [\"00:00\", \"23:00\"]\ntitle = \"Often\"\n";
        let start = t("23T08:00:00");
        let mut d = daemon_with(dir.path(), cfg, start);
        let full = Plan::build(&d.config).unwrap();
        assert_eq!(d.overview.total, full.occurrences.len());
        let mut max_window = 0;
        drive(&mut d, start, &mut max_window).await;
        // every occurrence exactly once, then the completion
        let mut expected: Vec<&str> = full.occurrences.iter().map(|o| o.title.as_str()).collect();
        expected.push("aftercare plan complete");
        assert_eq!(titles(&d), expected);
        let sent = full
            .occurrences
            .iter()
            .filter(|o| d.journal.status(&o.id) == Some(Status::Sent))
            .count();
        assert_eq!(sent, full.occurrences.len());
        // 8 a day over a window of a few days, not the plan's 480
        assert!(
            max_window <= 8 * 6,
            "the window held {max_window} of {} occurrences",
            full.occurrences.len()
        );
    }

    #[tokio::test]
    async fn a_gap_of_weeks_between_reminders_is_bridged() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [reminders.check]\ndays = \"0,40\"\nat = [\"12:00\"]\ntitle = \"Check\"\n";
        let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
        d.tick(t("23T12:00:00")).await;
        assert_eq!(
            d.status_line(t("23T12:00:00")),
            "next: Check at Sat 2 Jan 12:00 (day 40)"
        );
        let mut max_window = 0;
        drive(&mut d, t("23T12:00:01"), &mut max_window).await;
        assert_eq!(titles(&d), ["Check", "Check", "aftercare plan complete"]);
    }

    #[tokio::test]
    async fn a_reminder_snoozed_for_days_stays_in_the_window() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [quiet_hours]\nenabled = false\n[notifications]\nsnooze = \"20h\"\n\
            [reminders.a]\ndays = \"0\"\nat = [\"09:00\"]\ntitle = \"A\"\n\
            [reminders.later]\ndays = \"0-10\"\nat = [\"23:59\"]\ntitle = \"Later\"\n";
        let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
        let id = "a@2026-11-23T09:00".to_string();
        let mut now = t("23T09:00:00");
        for _ in 0..4 {
            d.tick(now).await;
            assert!(d.answer(
                &Answer {
                    id: id.clone(),
                    action: "snooze".into()
                },
                now
            ));
            now += TimeDelta::hours(20);
        }
        // 80 hours after it was planned, far beyond catch-up and lookback,
        // and the window has moved on meanwhile
        d.tick(now).await;
        assert!(d.window.1 > t("28T00:00:00"), "window {:?}", d.window);
        let a: Vec<_> = titles(&d).into_iter().filter(|t| *t == "A").collect();
        assert_eq!(a, ["A"; 5]);
        assert_eq!(d.journal.status(&id), Some(Status::Sent));
    }

    #[test]
    fn ceil_to_second() {
        let x: DateTime<Utc> = "2026-11-23T09:00:00.200Z".parse().unwrap();
        assert_eq!(ceil_second(x), t("23T09:00:01"));
        assert_eq!(ceil_second(t("23T09:00:00")), t("23T09:00:00"));
    }

    #[tokio::test]
    async fn indoors_today_skips_the_rest_of_the_day_only() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = "[treatment]\ndate = 2026-11-23\ntime = \"08:00\"\ntimezone = \"UTC\"\nplan = \"none\"\n\
            [reminders.sun]\ndays = \"0-1\"\nevery = \"2h\"\nbetween = [\"09:00\", \"13:00\"]\ndaylight = true\ntitle = \"Sun\"\n";
        let mut d = daemon_with(dir.path(), cfg, t("23T08:00:00"));
        d.tick(t("23T09:00:00")).await;
        assert!(
            d.notifier.shown[0].indoors,
            "first of the day offers Indoors today"
        );
        assert!(d.answer(
            &Answer {
                id: "sun@2026-11-23T09:00".into(),
                action: "indoors".into()
            },
            t("23T09:01:00")
        ));
        assert_eq!(d.journal.status("sun@2026-11-23T09:00"), Some(Status::Done));
        assert_eq!(
            d.journal.status("sun@2026-11-23T11:00"),
            Some(Status::Skipped)
        );
        assert_eq!(
            d.journal.status("sun@2026-11-23T13:00"),
            Some(Status::Skipped)
        );
        d.tick(t("23T11:00:00")).await;
        d.tick(t("23T13:00:00")).await;
        assert_eq!(titles(&d), ["Sun"], "nothing more today");
        d.tick(t("24T09:00:00")).await;
        assert_eq!(titles(&d), ["Sun", "Sun"], "the next day is normal");
        assert!(d.notifier.shown[1].indoors);
        d.tick(t("24T11:00:00")).await;
        assert!(!d.notifier.shown[2].indoors, "only on the first of a day");
    }
}
