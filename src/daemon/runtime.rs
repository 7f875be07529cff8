//! The runtime edge of `aftercare run`: the tokio runtime, signals, the
//! config watcher, systemd readiness and status, and the loop that turns
//! every event into one [`step`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use tokio::signal::unix::Signal;
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio_cron_scheduler::JobScheduler;
use tracing::{debug, error, info, warn};

use super::event::Event;
use super::jobs::Jobs;
use super::state::Daemon;
use super::time::HORIZON;
use crate::app::journal::Journal;
use crate::app::{Context, config_file, lock, plan_error};
use crate::clock;
use crate::config::{Config, ConfigError, Defaults};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::notifier::{Answer, CALL_TIMEOUT, DbusNotifier, Note, Notifier};

fn sd_notify(states: &[sd_notify::NotifyState]) {
    if let Err(e) = sd_notify::notify(states) {
        debug!("sd_notify: {e}");
    }
}

fn set_status(line: &str) {
    sd_notify(&[sd_notify::NotifyState::Status(line)]);
}

/// Watch the config's directory (editors replace files) for changes, and,
/// when the config is a symlink (dotfiles), the directory of its target
/// too, so that editing the target reloads; and the directory of the plan
/// file the config names (`plan = "PATH"`), if any, and of its translation.
fn watch_config(
    path: &Path,
    plan_file: Option<&Path>,
    plan_texts: Option<&Path>,
    events: UnboundedSender<Event>,
) -> Option<super::watch::Watch> {
    let dir_of = |p: &Path| {
        p.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let mut watched = vec![(dir_of(path), path.file_name()?.to_os_string())];
    if let Ok(target) = std::fs::canonicalize(path) {
        if let Some(name) = target.file_name() {
            let entry = (dir_of(&target), name.to_os_string());
            if !watched.contains(&entry) {
                watched.push(entry);
            }
        }
    }
    // A clinic's plan file (`plan = "PATH"`): its folder is watched too, and
    // a change to it reloads like a change to the config; so does a change
    // to its translation into the person's language.
    for plan in plan_file.into_iter().chain(plan_texts) {
        for p in [Some(plan.to_path_buf()), std::fs::canonicalize(plan).ok()]
            .into_iter()
            .flatten()
        {
            if let Some(name) = p.file_name() {
                let entry = (dir_of(&p), name.to_os_string());
                if !watched.contains(&entry) {
                    watched.push(entry);
                }
            }
        }
    }
    super::watch::start(watched, events)
}

/// The plan file the config names (`plan = "PATH"`) and its translation
/// into the config's language: what the watcher watches beside the config.
fn plan_paths(config: &Config) -> (Option<PathBuf>, Option<PathBuf>) {
    let file = config.treatment.plan_file.clone();
    let texts = file
        .as_deref()
        .map(|p| crate::config::plan_texts_path(p, config.language.lang));
    (file, texts)
}

/// Entry point of `aftercare run`.
pub(crate) fn run(ctx: &Context) -> Result<u8, Error> {
    // One daemon per user: a second one would show everything twice.
    let lock = lock::acquire(&ctx.paths.state_dir)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the async runtime", e))?;
    rt.block_on(main_loop(
        lock,
        ctx.paths.config.clone(),
        ctx.paths.state_dir.clone(),
        ctx.paths.journal(),
        ctx.defaults,
    ))
}

/// One step, whatever woke the loop: do what is due at `now`, then line the
/// scheduler's jobs up with what comes next. `None` when the plan is
/// complete (exit); otherwise the status line for systemd.
async fn step<N: Notifier>(
    d: &mut Daemon<N>,
    jobs: &mut Jobs,
    now: DateTime<Utc>,
) -> Option<String> {
    d.observe_clock(now, clock::since_boot());
    let out = d.tick(now).await;
    if out.finished() {
        return None;
    }
    jobs.sync(d.plan(), d.journal(), d.overview().last, now, out.wakes())
        .await;
    Some(d.status_line(now))
}

/// The signals the daemon answers.
struct Signals {
    hup: Signal,
    term: Signal,
    int: Signal,
}

/// What a signal asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ask {
    /// SIGHUP: reload the config.
    Reload,
    /// SIGTERM or SIGINT (named): stop.
    Stop(&'static str),
}

/// Where the asks come from: the process's signals; a channel in tests.
#[allow(async_fn_in_trait)]
pub(super) trait Asks {
    /// The next ask; cancel-safe (it is raced against the step).
    async fn next(&mut self) -> Ask;
}

impl Asks for Signals {
    async fn next(&mut self) -> Ask {
        tokio::select! {
            _ = self.hup.recv() => Ask::Reload,
            _ = self.term.recv() => Ask::Stop("SIGTERM"),
            _ = self.int.recv() => Ask::Stop("SIGINT"),
        }
    }
}

/// What became of a step that signals could interrupt.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Stepped {
    /// Done; the status line for systemd.
    Status(String),
    /// The plan is complete.
    Finished,
    /// SIGTERM or SIGINT came during it: stop now.
    Stop,
}

/// Longest wait, after SIGTERM or SIGINT, for the step in flight: its
/// bus calls are bounded by [`CALL_TIMEOUT`] each (the connection, the
/// server's capabilities, `Notify`, its identity), and systemd waits 90 s
/// before it kills.
pub(super) const STOP_GRACE: Duration = CALL_TIMEOUT.saturating_mul(3);

/// A [`step`] during which signals are still served: HUP asks for a reload
/// after it; TERM and INT stop after it.
async fn guarded_step<N: Notifier>(
    d: &mut Daemon<N>,
    jobs: &mut Jobs,
    now: DateTime<Utc>,
    sigs: &mut Signals,
    reload: &mut bool,
) -> Stepped {
    guarded(step(d, jobs, now), sigs, reload).await
}

/// Await a step while serving `asks`. A stop lets the step in flight end
/// first, within [`STOP_GRACE`]: a notification the server has taken is
/// recorded as sent before the daemon exits (a restart does not show it
/// again), and a hung server does not block the stop for longer. A second
/// TERM or INT stops at once.
pub(super) async fn guarded<A: Asks>(
    step: impl Future<Output = Option<String>>,
    asks: &mut A,
    reload: &mut bool,
) -> Stepped {
    tokio::pin!(step);
    let why = loop {
        tokio::select! {
            r = &mut step => return r.map_or(Stepped::Finished, Stepped::Status),
            ask = asks.next() => match ask {
                Ask::Reload => {
                    info!("SIGHUP: reloading the config once this step is done");
                    *reload = true;
                }
                Ask::Stop(why) => break why,
            },
        }
    };
    info!(
        name: "stopping",
        signal = why,
        step = "in flight",
        grace_s = STOP_GRACE.as_secs(),
        "{why}: stopping once the step in flight is done"
    );
    let grace = tokio::time::sleep(STOP_GRACE);
    tokio::pin!(grace);
    loop {
        tokio::select! {
            _ = &mut step => return Stepped::Stop,
            () = &mut grace => {
                warn!("the step in flight did not end within {} s: stopping anyway", STOP_GRACE.as_secs());
                return Stepped::Stop;
            }
            ask = asks.next() => match ask {
                Ask::Reload => {}
                Ask::Stop(again) => {
                    warn!("{again} again: stopping now, before the step in flight is done");
                    return Stepped::Stop;
                }
            },
        }
    }
}

/// The config to run: the file, or else the last good copy of it (kept
/// private in the state directory). `Err` when there is neither.
async fn initial_config(
    path: &Path,
    last_good: &Path,
    defaults: Defaults,
) -> Result<(Config, Option<ConfigError>), Error> {
    match config_file::load_text(path, defaults) {
        Ok((config, text)) => {
            config_file::save_last_good(last_good, &text, &config);
            Ok((config, None))
        }
        Err(e) => {
            error!("{}", e.headline());
            match config_file::load_last_good(last_good, defaults) {
                Ok(config) => {
                    warn!(copy = %last_good.display(), "running the last config that worked until this one is fixed");
                    Ok((config, Some(e)))
                }
                Err(_) => {
                    // no schedule at all: say so where the person looks
                    let note = config_error_note(defaults.language.lang, &e, "none");
                    let (tx, _rx) = mpsc::unbounded_channel();
                    if let Err(err) = DbusNotifier::default().show(&note, &tx).await {
                        warn!("cannot show the config error either: {err}");
                    }
                    Err(Error::Config(e))
                }
            }
        }
    }
}

async fn main_loop(
    lock: lock::RunLock,
    config_path: PathBuf,
    state_dir: PathBuf,
    journal_path: PathBuf,
    defaults: Defaults,
) -> Result<u8, Error> {
    use tokio::signal::unix::{SignalKind, signal};

    let sig =
        |k: SignalKind| signal(k).map_err(|e| Error::io("cannot install a signal handler", e));
    let mut sigs = Signals {
        hup: sig(SignalKind::hangup())?,
        term: sig(SignalKind::terminate())?,
        int: sig(SignalKind::interrupt())?,
    };
    let last_good = state_dir.join("last-good.toml");
    let (config, broken) = initial_config(&config_path, &last_good, defaults).await?;
    if let Some(note) = config.language.note() {
        warn!("{note}");
    }
    let now = clock::now();
    let (journal, problem) = Journal::open(&journal_path, now);
    if let Some(p) = problem {
        warn!(name: "journal_problem", kind = p.kind(), dropped = p.dropped(), "{p}");
    }

    let (events_tx, mut events) = mpsc::unbounded_channel::<Event>();
    let (answers_tx, mut answers) = mpsc::unbounded_channel::<Answer>();
    let scheduler = |what: &'static str| {
        move |e: tokio_cron_scheduler::JobSchedulerError| Error::Scheduler {
            what,
            reason: e.to_string(),
        }
    };
    let sched = JobScheduler::new().await.map_err(scheduler("create"))?;
    // Sleep until the next job, minutes at most: resume and clock changes
    // wake it through `_wake` below.
    sched.set_max_tick_interval(super::wake::max_tick_interval());
    sched.start().await.map_err(scheduler("start"))?;
    let mut jobs = Jobs::new(sched, events_tx.clone());
    let mut watched_plan = plan_paths(&config);
    let mut watcher = watch_config(
        &config_path,
        watched_plan.0.as_deref(),
        watched_plan.1.as_deref(),
        events_tx.clone(),
    );
    let _wake = super::wake::start(events_tx.clone());
    let mut keeper = super::heal::Keeper::new(&state_dir, lock);

    let _zone_watch = super::watch::start_zone(events_tx.clone());
    let _timedated = AbortOnDrop(super::travel::watch_timedated(events_tx.clone()));
    // the zone may have changed between reading the config and now
    let system = clock::system_zone();
    let mut config = config;
    config.follow_zone(system.zone, &crate::zone::SystemZones);
    let mut journal = journal;
    super::travel::adopt_journal(&mut config, &mut journal);
    let (day_zone, treated_in) = (config.day_zone, config.treatment.timezone);
    let mut d = Daemon::new(config, journal, DbusNotifier::default(), answers_tx, now)
        .map_err(|e| Error::Config(plan_error(config_path.display(), &e)))?;
    if let Some(w) = &system.warning {
        warn!("{w}");
    }
    info!(
        name: "starting",
        config = %config_path.display(),
        reminders = d.overview().total,
        timezone = day_zone.name(),
        treated_in = treated_in.name(),
        zone_from = ?system.origin,
        "starting"
    );
    if let Some(e) = broken {
        config_error(&mut d, &e, "last-good", now).await;
    }
    let mut reload = false;
    let status = match guarded_step(&mut d, &mut jobs, now, &mut sigs, &mut reload).await {
        Stepped::Status(s) => s,
        Stepped::Finished | Stepped::Stop => {
            sd_notify(&[sd_notify::NotifyState::Stopping]);
            d.save();
            return Ok(0);
        }
    };
    info!(
        name: "scheduled",
        jobs = jobs.len(),
        horizon_h = HORIZON.num_hours(),
        "scheduled; {status}"
    );
    sd_notify(&[
        sd_notify::NotifyState::Ready,
        sd_notify::NotifyState::Status(&status),
    ]);

    loop {
        // a journal write that failed is tried again until it works
        keeper.after(d.journal().is_dirty());
        let stepped = tokio::select! {
            Some(ev) = events.recv() => match ev {
                Event::Fire { id, planned } => {
                    let now = clock::now();
                    let late = now - planned;
                    if late > TimeDelta::seconds(5) {
                        info!(id = ?id, late_s = late.num_seconds(), "woke up late (suspend or clock change?); catching up");
                    }
                    Some(guarded_step(&mut d, &mut jobs, now, &mut sigs, &mut reload).await)
                }
                Event::ClockMoved(why) => {
                    info!(name: "clock_moved", cause = why.key(), "{why}: looking at the schedule now");
                    jobs.wake();
                    Some(guarded_step(&mut d, &mut jobs, clock::now(), &mut sigs, &mut reload).await)
                }
                Event::ZoneChanged(why) => {
                    // timedated replaces the link, then /etc/timezone: let
                    // it settle, and take the burst as one
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    while let Ok(Event::ZoneChanged(_)) = events.try_recv() {}
                    let now = clock::now();
                    if d.follow_zone(&clock::system_zone(), why, now) {
                        Some(guarded_step(&mut d, &mut jobs, now, &mut sigs, &mut reload).await)
                    } else {
                        None
                    }
                }
                Event::ConfigChanged => {
                    // Editors write in several steps: let them settle.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    while let Ok(Event::ConfigChanged) = events.try_recv() {}
                    reload = true;
                    None
                }
            },
            Some(a) = answers.recv() => {
                let now = clock::now();
                // The schedule changed (snooze, indoors): settle it, which
                // also notices when nothing is left to do.
                if d.answer(&a, now) {
                    Some(guarded_step(&mut d, &mut jobs, now, &mut sigs, &mut reload).await)
                } else {
                    None
                }
            }
            () = keeper.wait() => {
                keeper.heal(&mut d);
                None
            }
            _ = sigs.hup.recv() => {
                info!("SIGHUP: reloading the config");
                reload = true;
                None
            }
            _ = sigs.term.recv() => { info!(name: "stopping", signal = "SIGTERM", step = "none", "SIGTERM: stopping"); Some(Stepped::Stop) }
            _ = sigs.int.recv() => { info!(name: "stopping", signal = "SIGINT", step = "none", "SIGINT: stopping"); Some(Stepped::Stop) }
        };
        match stepped {
            Some(Stepped::Status(status)) => set_status(&status),
            Some(Stepped::Finished | Stepped::Stop) => break,
            None => {}
        }
        if std::mem::take(&mut reload) {
            sd_notify(&[sd_notify::NotifyState::Reloading, monotonic()]);
            let now = clock::now();
            reload_config(&mut d, &config_path, &last_good, defaults, now).await;
            // `plan =` may name another file now (or its translation
            // another language): watch that one instead, then read again
            // what may have changed before that watch was in place
            for _ in 0..3 {
                let plan = plan_paths(d.config());
                if plan == watched_plan {
                    break;
                }
                drop(watcher.take());
                watcher = watch_config(
                    &config_path,
                    plan.0.as_deref(),
                    plan.1.as_deref(),
                    events_tx.clone(),
                );
                debug!(name: "plan_file_watched", plan_file = ?plan.0, "watching the plan file the config names now");
                watched_plan = plan;
                reload_config(&mut d, &config_path, &last_good, defaults, clock::now()).await;
            }
            match guarded_step(&mut d, &mut jobs, now, &mut sigs, &mut reload).await {
                Stepped::Status(status) => sd_notify(&[
                    sd_notify::NotifyState::Ready,
                    sd_notify::NotifyState::Status(&status),
                ]),
                Stepped::Finished | Stepped::Stop => break,
            }
        }
    }
    sd_notify(&[sd_notify::NotifyState::Stopping]);
    d.save();
    jobs.shutdown().await;
    info!("stopped");
    Ok(0)
}

/// A task stopped when dropped (the timedated listener).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn monotonic() -> sd_notify::NotifyState<'static> {
    sd_notify::NotifyState::monotonic_usec_now()
        .unwrap_or(sd_notify::NotifyState::Custom("MONOTONIC_USEC=0"))
}

/// Re-read the config: a valid one replaces the schedule (and becomes the
/// last good copy); an invalid one is logged, shown once, and the previous
/// schedule keeps running.
async fn reload_config<N: Notifier>(
    d: &mut Daemon<N>,
    path: &Path,
    last_good: &Path,
    defaults: Defaults,
    now: DateTime<Utc>,
) {
    // the zone the computer is in now, not at start
    let defaults = Defaults {
        timezone: clock::system_zone().zone,
        ..defaults
    };
    let loaded = config_file::load_text(path, defaults).and_then(|(mut c, text)| {
        config_file::save_last_good(last_good, &text, &c);
        super::travel::adopt_journal(&mut c, d.journal_mut());
        if c == *d.config() {
            return Ok(false);
        }
        let timezone = c.treatment.timezone;
        if c.language != d.config().language {
            if let Some(note) = c.language.note() {
                warn!("{note}");
            }
        }
        d.replace_config(c, now)
            .map_err(|e| plan_error(path.display(), &e))?;
        info!(
            name: "reloaded",
            reminders = d.overview().total,
            timezone = timezone.name(),
            "config reloaded"
        );
        Ok(true)
    });
    match loaded {
        Ok(changed) => {
            if !changed {
                debug!(name: "config_unchanged", "config unchanged");
            }
            d.journal_mut().set_config_error_shown(None);
            d.save();
        }
        Err(e) => {
            error!(
                name: "kept_previous_schedule",
                "config error, keeping the previous schedule: {}",
                e.headline()
            );
            config_error(d, &e, "previous", now).await;
        }
    }
}

/// The notification about a config error, in the person's language; the
/// error itself (file:line, what is wrong) stays as `check` prints it.
/// `doing`: `none` (no reminders), `last-good` or `previous`.
fn config_error_note(lang: Lang, e: &ConfigError, doing: &str) -> Note {
    let m = i18n::messages(lang);
    Note::info(
        m.text(&format!("config-error-title-{doing}")),
        m.fmt("config-error-body", &[("error", e.headline().into())]),
    )
}

/// Show a config error once (until it changes or is fixed).
async fn config_error<N: Notifier>(
    d: &mut Daemon<N>,
    e: &ConfigError,
    doing: &str,
    now: DateTime<Utc>,
) {
    let fingerprint = e.headline();
    if d.journal_mut().config_error_shown() == Some(fingerprint.as_str()) {
        return;
    }
    let note = config_error_note(d.config().language.lang, e, doing);
    if d.show_note(&note, now).await {
        d.journal_mut().set_config_error_shown(Some(fingerprint));
        d.save();
    }
}
