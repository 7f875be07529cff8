use crate::JobSchedulerError;
use crate::context::Context;
#[cfg(not(feature = "has_bytes"))]
use crate::job::job_data::{JobState, JobType};
#[cfg(feature = "has_bytes")]
use crate::job::job_data_prost::{JobState, JobType};
use chrono::{FixedOffset, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::oneshot::{Receiver, Sender};
use tokio::sync::{Notify, RwLock};
use tracing::error;
use uuid::Uuid;

/// The longest the tick loop sleeps by default when no job is due sooner:
/// the fixed interval at which it used to poll.
pub const DEFAULT_MAX_TICK_INTERVAL: Duration = Duration::from_millis(500);

/// Wakes the tick loop early and holds the cap on how long it sleeps.
pub(crate) struct Ticker {
    notify: Notify,
    max_interval_ms: AtomicU64,
}

impl Default for Ticker {
    fn default() -> Self {
        Self {
            notify: Notify::new(),
            max_interval_ms: AtomicU64::new(DEFAULT_MAX_TICK_INTERVAL.as_millis() as u64),
        }
    }
}

impl Ticker {
    /// Ends the loop's current wait, or, when it is not waiting, its next one
    /// (`notify_one` keeps a permit), so a wake is never lost.
    pub(crate) fn wake(&self) {
        self.notify.notify_one();
    }

    pub(crate) fn max_interval(&self) -> Duration {
        Duration::from_millis(self.max_interval_ms.load(Ordering::Relaxed))
    }

    /// At least 1 ms, so that the loop never spins.
    pub(crate) fn set_max_interval(&self, interval: Duration) {
        let ms = u64::try_from(interval.as_millis()).unwrap_or(u64::MAX);
        self.max_interval_ms.store(ms.max(1), Ordering::Relaxed);
        self.wake();
    }

    async fn wait(&self, wait: Duration) {
        let _ = tokio::time::timeout(wait, self.notify.notified()).await;
    }
}

pub struct Scheduler {
    pub shutdown: Arc<AtomicBool>,
    pub start_tx: Arc<RwLock<Option<Sender<bool>>>>,
    pub start_rx: Arc<RwLock<Option<Receiver<bool>>>>,
    pub ticking: Arc<AtomicBool>,
    pub inited: bool,
}

impl Default for Scheduler {
    fn default() -> Self {
        let (ticker_tx, ticker_rx) = tokio::sync::oneshot::channel();
        Self {
            shutdown: Arc::new(AtomicBool::new(false)),
            inited: false,
            start_tx: Arc::new(RwLock::new(Some(ticker_tx))),
            start_rx: Arc::new(RwLock::new(Some(ticker_rx))),
            ticking: Arc::new(AtomicBool::new(false)),
        }
    }
}

impl Scheduler {
    pub async fn init(&mut self, context: &Context) {
        if self.inited {
            return;
        }

        let job_activation_tx = context.job_activation_tx.clone();
        let notify_tx = context.notify_tx.clone();
        let job_delete_tx = context.job_delete_tx.clone();
        let shutdown = self.shutdown.clone();
        let metadata_storage = context.metadata_storage.clone();
        let ticker = context.ticker.clone();

        self.inited = true;

        let start_rx = {
            let mut w = self.start_rx.write().await;
            w.take()
        };

        let ticking = self.ticking.clone();
        tokio::spawn(async move {
            let is_ticking = ticking.load(Ordering::Relaxed);
            if !is_ticking {
                if let Some(start_rx) = start_rx {
                    if let Err(e) = start_rx.await {
                        error!(?e, "Could not subscribe to ticker starter");
                        return;
                    }
                }
                let is_ticking = ticking.load(Ordering::Relaxed);
                if !is_ticking {
                    loop {
                        let is_ticking = ticking.load(Ordering::Relaxed);
                        if is_ticking {
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
            // The first pass runs at once; after that the loop sleeps until
            // the earliest next tick, at most the maximum tick interval, and
            // is woken early when a job is added or removed, the interval
            // changes, the scheduler shuts down, or `JobScheduler::wake` is
            // called.
            let mut wait = Duration::ZERO;
            'next_tick: loop {
                if shutdown.load(Ordering::Relaxed) {
                    break 'next_tick;
                }
                ticker.wait(wait).await;
                if shutdown.load(Ordering::Relaxed) {
                    break 'next_tick;
                }
                wait = ticker.max_interval();
                let now = Utc::now();
                let next_ticks = {
                    let mut w = metadata_storage.write().await;
                    w.list_next_ticks().await
                };
                if let Err(e) = next_ticks {
                    error!("Error with listing next ticks {:?}", e);
                    continue 'next_tick;
                }
                let mut next_ticks = next_ticks.unwrap();
                let to_be_deleted = next_ticks.iter().filter_map(|v| {
                    v.id.as_ref()?;
                    if v.next_tick == 0 {
                        let id: Uuid = v.id.as_ref().unwrap().into();
                        Some(id)
                    } else {
                        None
                    }
                });
                for uuid in to_be_deleted {
                    let tx = job_delete_tx.clone();
                    tokio::spawn(async move {
                        if let Err(e) = tx.send(uuid) {
                            error!("Error sending deletion {:?}", e);
                        }
                    });
                }

                next_ticks.retain(|n| n.next_tick != 0);

                let must_runs = next_ticks.iter().filter_map(|n| {
                    let next_tick = n.next_tick_utc();
                    let last_tick = n.last_tick_utc();
                    let job_type: JobType = JobType::from_i32(n.job_type).unwrap();

                    let must_run = match (last_tick.as_ref(), next_tick.as_ref(), job_type) {
                        (None, Some(next_tick), JobType::OneShot) => {
                            let now_to_next = now.cmp(next_tick);
                            matches!(now_to_next, std::cmp::Ordering::Greater)
                                || matches!(now_to_next, std::cmp::Ordering::Equal)
                        }
                        (None, Some(next_tick), JobType::Repeated) => {
                            let now_to_next = now.cmp(next_tick);
                            matches!(now_to_next, std::cmp::Ordering::Greater)
                                || matches!(now_to_next, std::cmp::Ordering::Equal)
                        }
                        (None, Some(next_tick), JobType::Cron) => {
                            let now_to_next = now.cmp(next_tick);
                            matches!(now_to_next, std::cmp::Ordering::Greater)
                                || matches!(now_to_next, std::cmp::Ordering::Equal)
                        }
                        (Some(last_tick), Some(next_tick), _) => {
                            let now_to_next = now.cmp(next_tick);
                            let last_to_next = last_tick.cmp(next_tick);

                            (matches!(now_to_next, std::cmp::Ordering::Greater)
                                || matches!(now_to_next, std::cmp::Ordering::Equal))
                                && (matches!(last_to_next, std::cmp::Ordering::Less)
                                    || matches!(last_to_next, std::cmp::Ordering::Equal))
                        }
                        _ => false,
                    };
                    if must_run {
                        let id: Uuid = n.id.as_ref().map(|f| f.into()).unwrap();
                        Some(id)
                    } else {
                        None
                    }
                });
                let must_runs: Vec<Uuid> = must_runs.collect();

                // Next ticks after this pass, as whole UTC seconds: those of
                // the jobs that did not fire, then those of the jobs that did.
                let mut upcoming: Vec<u64> = next_ticks
                    .iter()
                    .filter(|n| {
                        let id: Option<Uuid> = n.id.as_ref().map(|f| f.into());
                        !id.is_some_and(|id| must_runs.contains(&id))
                    })
                    .map(|n| n.next_tick)
                    .collect();

                for uuid in must_runs {
                    {
                        let tx = notify_tx.clone();
                        tokio::spawn(async move {
                            if let Err(e) = tx.send((uuid, JobState::Scheduled)) {
                                error!("Error sending notification activation {:?}", e);
                            }
                        });
                    }
                    {
                        let tx = job_activation_tx.clone();
                        tokio::spawn(async move {
                            if let Err(e) = tx.send(uuid) {
                                error!("Error sending job activation tx {:?}", e);
                            }
                        });
                    }

                    // Stored before the next pass (not in a spawned task), so
                    // that no pass, however early it is woken, sees the tick
                    // that fired here again.
                    let next_tick = {
                        let mut w = metadata_storage.write().await;
                        let job = w.get(uuid).await;

                        let next_and_last_tick = match job {
                            Ok(Some(job)) => {
                                let job_type: JobType = JobType::from_i32(job.job_type).unwrap();
                                let schedule = job.schedule();
                                let fixed_offset = FixedOffset::east_opt(job.time_offset_seconds)
                                    .unwrap_or(FixedOffset::east_opt(0).unwrap());
                                let now = now.with_timezone(&fixed_offset);
                                let repeated_every = job.repeated_every();
                                let next_tick = job
                                    .next_tick_utc()
                                    .map(|nt| nt.with_timezone(&fixed_offset));
                                let next_tick = match job_type {
                                    JobType::Cron => {
                                        schedule.and_then(|s| s.iter_after(now).next())
                                    }
                                    JobType::OneShot => None,
                                    JobType::Repeated => repeated_every.and_then(|r| {
                                        next_tick.and_then(|nt| {
                                            nt.checked_add_signed(chrono::Duration::seconds(
                                                r as i64,
                                            ))
                                        })
                                    }),
                                };
                                let last_tick = Some(now);
                                Some((
                                    next_tick.map(|nt| nt.with_timezone(&Utc)),
                                    last_tick.map(|nt| nt.with_timezone(&Utc)),
                                ))
                            }
                            _ => {
                                error!("Could not get job metadata");
                                None
                            }
                        };

                        match next_and_last_tick {
                            Some((next_tick, last_tick)) => {
                                if let Err(e) =
                                    w.set_next_and_last_tick(uuid, next_tick, last_tick).await
                                {
                                    error!("Could not set next and last tick {:?}", e);
                                }
                                next_tick
                            }
                            None => None,
                        }
                    };
                    match next_tick {
                        Some(next_tick) => upcoming.push(next_tick.timestamp() as u64),
                        // A one-shot job is deleted by the next pass: keep
                        // that pass within 500 ms, as it always was.
                        None => wait = wait.min(DEFAULT_MAX_TICK_INTERVAL),
                    }
                }

                // Sleep until the earliest tick still ahead of this pass.
                // Ticks at or before `now` that did not fire cannot fire
                // without a change to the job, so they are left to the cap.
                let pass_ms = now.timestamp_millis();
                let earliest = upcoming
                    .into_iter()
                    .map(|t| (t as i64).saturating_mul(1000))
                    .filter(|&t| t > pass_ms)
                    .min();
                if let Some(earliest) = earliest {
                    let until = earliest.saturating_sub(Utc::now().timestamp_millis());
                    wait = wait.min(Duration::from_millis(until.max(0) as u64));
                }
            }
        });
    }

    pub async fn shutdown(&mut self) {
        self.shutdown.swap(true, Ordering::Relaxed);
    }

    pub async fn start(&mut self) -> Result<(), JobSchedulerError> {
        let is_ticking = self.ticking.load(Ordering::Relaxed);
        if is_ticking {
            Err(JobSchedulerError::TickError)
        } else {
            self.ticking.swap(true, Ordering::Relaxed);
            let tx = {
                let mut w = self.start_tx.write().await;
                let mut tx: Option<Sender<bool>> = None;
                std::mem::swap(&mut tx, &mut *w);
                tx
            };

            if let Some(tx) = tx {
                if let Err(e) = tx.send(true) {
                    error!(?e, "Start ticker send error");
                }
            }

            Ok(())
        }
    }
}
