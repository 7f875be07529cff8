//! The floor that the chosen scheduler sets: a current-thread tokio runtime
//! running tokio-cron-scheduler with one one-shot job hours away, and
//! nothing else. `bench/bench.py` measures aftercare's idle cost against it.
//!
//! `--max-tick-interval SECONDS` sets the scheduler's cap on how long it
//! sleeps between looks at its jobs (vendor/README.md); without it the
//! default, 500 ms, is upstream's fixed tick.

use std::time::Duration;
use tokio_cron_scheduler::{Job, JobScheduler};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut max_tick_interval = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--max-tick-interval" => {
                let secs = args.next().and_then(|s| s.parse::<u64>().ok());
                max_tick_interval = Some(Duration::from_secs(
                    secs.ok_or("--max-tick-interval needs whole seconds")?,
                ));
            }
            other => return Err(format!("unknown argument: {other}").into()),
        }
    }
    #[allow(clippy::disallowed_methods)]
    let at = chrono::Utc::now() + chrono::TimeDelta::hours(5);
    use chrono::{Datelike, Timelike};
    let cron = format!(
        "{} {} {} {} {} * {}",
        at.second(),
        at.minute(),
        at.hour(),
        at.day(),
        at.month(),
        at.year()
    );
    let sched = JobScheduler::new().await?;
    if let Some(interval) = max_tick_interval {
        sched.set_max_tick_interval(interval);
    }
    sched
        .add(Job::new_async(cron.as_str(), |_, _| Box::pin(async {}))?)
        .await?;
    sched.start().await?;
    tokio::signal::ctrl_c().await?;
    Ok(())
}
