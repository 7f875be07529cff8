//! The floor that the chosen scheduler sets: a current-thread tokio runtime
//! running tokio-cron-scheduler with one one-shot job hours away, and
//! nothing else. `bench/bench.py` measures aftercare's idle cost against it.

use tokio_cron_scheduler::{Job, JobScheduler};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
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
    sched
        .add(Job::new_async(cron.as_str(), |_, _| Box::pin(async {}))?)
        .await?;
    sched.start().await?;
    tokio::signal::ctrl_c().await?;
    Ok(())
}
