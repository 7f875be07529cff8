//! The runtime edge of `aftercare run`: the tokio runtime, signals, the
//! config watcher, systemd readiness and status, and the loop that turns
//! every event into one [`step`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio_cron_scheduler::JobScheduler;
use tracing::{debug, error, info, warn};

use super::jobs::Jobs;
use super::{Daemon, Event, HORIZON};
use crate::app::journal::Journal;
use crate::app::{Context, config_file, plan_error};
use crate::clock;
use crate::config::Defaults;
use crate::error::Error;
use crate::notifier::{Answer, DbusNotifier, Note, Notifier};

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
pub(crate) fn run(ctx: &Context) -> Result<u8, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the async runtime", e))?;
    rt.block_on(main_loop(
        ctx.paths.config.clone(),
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
    let out = d.tick(now).await;
    if out.finished {
        return None;
    }
    jobs.sync(d, now, &out.wakes).await;
    Some(d.status_line(now))
}

async fn main_loop(
    config_path: PathBuf,
    journal_path: PathBuf,
    defaults: Defaults,
) -> Result<u8, Error> {
    use tokio::signal::unix::{SignalKind, signal};

    let config = config_file::load(&config_path, defaults).map_err(|e| {
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
    let mut jobs = Jobs {
        sched,
        by_key: Default::default(),
        events: events_tx.clone(),
    };
    let _watcher = watch_config(&config_path, events_tx.clone());
    let _wake = super::wake::start(events_tx.clone());

    let timezone = config.treatment.timezone;
    let mut d = Daemon::new(config, journal, DbusNotifier::default(), answers_tx, now)
        .map_err(|e| Error::Config(plan_error(config_path.display(), &e)))?;
    info!(
        config = %config_path.display(),
        reminders = d.overview.total,
        timezone = timezone.name(),
        "starting"
    );
    let Some(status) = step(&mut d, &mut jobs, now).await else {
        sd_notify(&[sd_notify::NotifyState::Stopping]);
        return Ok(0);
    };
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
                    let Some(status) = step(&mut d, &mut jobs, now).await else { break };
                    set_status(&status);
                }
                Event::ClockMoved(why) => {
                    info!("{why}: looking at the schedule now");
                    jobs.wake();
                    let Some(status) = step(&mut d, &mut jobs, clock::now()).await else { break };
                    set_status(&status);
                }
                Event::ConfigChanged => {
                    // Editors write in several steps: let them settle.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    while let Ok(Event::ConfigChanged) = events.try_recv() {}
                    reload = true;
                }
            },
            Some(a) = answers.recv() => {
                let now = clock::now();
                // The schedule changed (snooze, indoors): settle it, which
                // also notices when nothing is left to do.
                if d.answer(&a, now) {
                    let Some(status) = step(&mut d, &mut jobs, now).await else { break };
                    set_status(&status);
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
            let Some(status) = step(&mut d, &mut jobs, now).await else {
                break;
            };
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
    path: &Path,
    defaults: Defaults,
    now: DateTime<Utc>,
) {
    let loaded = config_file::load(path, defaults).and_then(|c| {
        if c == d.config {
            return Ok(false);
        }
        let timezone = c.treatment.timezone;
        d.replace_config(c, now)
            .map_err(|e| plan_error(path.display(), &e))?;
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
                let note = Note::info(
                    "aftercare:config-error",
                    "aftercare: config error — keeping the previous schedule",
                    format!("{}\nRun `aftercare check` for details.", e.headline()),
                );
                if d.show(&note, now).await.is_ok() {
                    d.journal.set_config_error_shown(Some(fingerprint));
                    d.save();
                }
            }
        }
    }
}
