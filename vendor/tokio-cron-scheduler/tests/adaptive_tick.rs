//! The tick loop sleeps until the next job is due (capped by the maximum tick
//! interval) and is woken early by `add`, `shutdown` and `wake`.
//!
//! Jobs are due by the wall clock (`Utc::now`), which tokio's paused time
//! does not move, so these tests run in real time, a few seconds each. Their
//! bounds are loose on purpose: every job is due about 2 s ahead while the
//! cap is 60 s, and a test gives up after 20 s, so a loop that slept the cap
//! fails and a loaded machine does not.

use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_cron_scheduler::{DEFAULT_MAX_TICK_INTERVAL, Job, JobScheduler};

const LONG_CAP: Duration = Duration::from_secs(60);
const GIVE_UP: Duration = Duration::from_secs(20);

/// A whole UTC second `secs` ahead, and a cron pattern (with the year) that
/// matches only that second.
fn second_ahead(secs: i64) -> (DateTime<Utc>, String) {
    let at = (Utc::now() + TimeDelta::seconds(secs))
        .with_nanosecond(0)
        .unwrap();
    let cron = format!(
        "{} {} {} {} {} * {}",
        at.second(),
        at.minute(),
        at.hour(),
        at.day(),
        at.month(),
        at.year()
    );
    (at, cron)
}

/// A job at `cron` that sends the time it ran.
fn reporting_job(cron: &str, tx: mpsc::UnboundedSender<DateTime<Utc>>) -> Job {
    Job::new_async(cron, move |_, _| {
        let tx = tx.clone();
        Box::pin(async move {
            let _ = tx.send(Utc::now());
        })
    })
    .unwrap()
}

#[tokio::test]
async fn the_default_cap_is_the_old_fixed_interval() {
    let sched = JobScheduler::new().await.unwrap();
    assert_eq!(sched.max_tick_interval(), Duration::from_millis(500));
    assert_eq!(DEFAULT_MAX_TICK_INTERVAL, Duration::from_millis(500));
    sched.set_max_tick_interval(Duration::ZERO);
    assert_eq!(sched.max_tick_interval(), Duration::from_millis(1));
    sched.set_max_tick_interval(LONG_CAP);
    assert_eq!(sched.max_tick_interval(), LONG_CAP);
}

/// (a) The loop sleeps until the job's second, not until the cap.
#[tokio::test]
async fn a_due_job_fires_at_its_second_not_a_cap_later() {
    let sched = JobScheduler::new().await.unwrap();
    sched.set_max_tick_interval(LONG_CAP);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (at, cron) = second_ahead(2);
    sched.add(reporting_job(&cron, tx)).await.unwrap();
    sched.start().await.unwrap();

    let fired = tokio::time::timeout(GIVE_UP, rx.recv())
        .await
        .expect("the job did not fire before the cap")
        .unwrap();
    assert!(fired >= at, "fired at {fired}, before its second {at}");
}

/// (b) A job added while the loop sleeps (no jobs, long cap) wakes it, so
/// the loop sleeps until the new job instead of the rest of the cap.
#[tokio::test]
async fn adding_a_job_wakes_the_sleeping_loop() {
    let sched = JobScheduler::new().await.unwrap();
    sched.set_max_tick_interval(LONG_CAP);
    sched.start().await.unwrap();
    // Let the loop make its first pass and go to sleep for the cap.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let (tx, mut rx) = mpsc::unbounded_channel();
    let (at, cron) = second_ahead(2);
    sched.add(reporting_job(&cron, tx)).await.unwrap();

    let fired = tokio::time::timeout(GIVE_UP, rx.recv())
        .await
        .expect("the added job did not fire before the cap")
        .unwrap();
    assert!(fired >= at, "fired at {fired}, before its second {at}");
}

/// (c) Waking the loop over and over around a job's second makes many passes
/// see the job due; it still fires once, because its next tick is stored
/// before the pass ends. The wakes come from a thread of their own, so that
/// the loop finds a wake pending at the end of every pass and goes straight
/// into the next one, before any task spawned by the pass has had a turn on
/// this single-threaded runtime.
#[tokio::test]
async fn a_job_fires_once_however_often_the_loop_is_woken() {
    let sched = JobScheduler::new().await.unwrap();
    sched.set_max_tick_interval(LONG_CAP);
    let runs = Arc::new(AtomicUsize::new(0));
    let (at, cron) = second_ahead(2);
    let job = {
        let runs = runs.clone();
        Job::new_async(cron.as_str(), move |_, _| {
            let runs = runs.clone();
            Box::pin(async move {
                runs.fetch_add(1, Ordering::SeqCst);
            })
        })
        .unwrap()
    };
    sched.add(job).await.unwrap();
    sched.start().await.unwrap();

    // Wake continuously from before the job's second until well after it.
    let waker = {
        let sched = sched.clone();
        std::thread::spawn(move || {
            let mut wakes = 0u64;
            while Utc::now() < at + TimeDelta::milliseconds(1500) {
                sched.wake();
                wakes += 1;
                std::thread::yield_now();
            }
            wakes
        })
    };
    while !waker.is_finished() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let wakes = waker.join().unwrap();
    assert!(wakes > 1000, "only {wakes} wakes");
    // Leave time for any second run to show.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

/// (d) Shutting down while the loop sleeps with a long cap ends the loop
/// at once rather than at the end of the cap.
#[tokio::test]
async fn shutdown_ends_a_sleeping_loop() {
    let mut sched = JobScheduler::new().await.unwrap();
    sched.set_max_tick_interval(LONG_CAP);
    let (tx, _rx) = mpsc::unbounded_channel();
    let (_, cron) = second_ahead(5 * 3600);
    sched.add(reporting_job(&cron, tx)).await.unwrap();
    sched.start().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    // The loop owns one clone of the shutdown flag; the scheduler one, this
    // test the third. The loop ending drops its clone.
    let flag = sched.scheduler.read().await.shutdown.clone();
    assert_eq!(Arc::strong_count(&flag), 3, "the loop is not running");

    sched.shutdown().await.unwrap();
    tokio::time::timeout(GIVE_UP, async {
        while Arc::strong_count(&flag) > 2 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the loop still sleeps after shutdown");
}
