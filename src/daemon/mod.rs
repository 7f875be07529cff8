//! `aftercare run`: the long-running process the user service starts.
//!
//! [`Daemon`](state::Daemon) (`state.rs`) composes its parts: the plan window
//! (`window.rs`), what is on screen (`screen.rs`), the answer awaited at
//! the end (`awaited.rs`) and the server's retry state (`retry.rs`), with
//! the config, the journal and the notifier; the scheduler's registrations
//! are `jobs.rs`. It does one
//! [`Daemon::tick`](state::Daemon::tick) whenever something may be due: it asks
//! [`policy::decide_trusting`](crate::policy::decide_trusting) what to do at `now`, shows, records, and says when to
//! wake next. Ticks are driven by tokio-cron-scheduler: one one-shot job per
//! occurrence at its UTC second (a 7-field cron with the year, which never
//! fires early), over a rolling 48-hour horizon refilled as time passes, plus
//! one-shot wake-ups for snoozes, quiet-hour ends and retries. Every fire
//! re-reads the wall clock, so late fires (suspend, clock jumps) are caught
//! up by the same rules as a restart. The scheduler sleeps until its next
//! job (10 minutes at most); since its timers stop during a suspend and do
//! not follow the wall clock, `wake.rs` wakes it on resume and on clock
//! changes. The journal makes all of it idempotent: an occurrence it has
//! settled is never shown again.
//!
//! Memory does not grow with the length of the plan: the daemon keeps the
//! plan's [`Overview`](crate::plan::Overview) (size, first, last) and only
//! a window of occurrences, from a day before `now` to a few days after,
//! rebuilt as time passes.
//!
//! This file only names the parts: nothing is defined here, so no part
//! imports its parent (docs/architecture.md: no import circles).

mod awaited;
mod event;
mod heal;
mod jobs;
mod notes;
mod retry;
mod runtime;
mod screen;
mod state;
mod system_bus;
mod time;
mod travel;
mod wake;
mod watch;
mod window;

#[cfg(test)]
mod screen_tests;
#[cfg(test)]
mod stop_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod travel_tests;

pub(crate) use event::Event;
pub(crate) use notes::merged_text;
pub(crate) use runtime::run;
