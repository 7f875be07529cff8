//! The twelve commands, one module each: a function from the
//! [`Context`](crate::app::Context) and its arguments to an exit code,
//! writing to `out`. They call the layers below: `daemon` (run), `service`
//! (install, uninstall, status), `notifier` (test-notification), `man`.

mod chart;
mod check;
mod completions;
mod done;
mod export;
mod init;
mod install;
mod man;
mod plan;
mod plans;
mod run;
mod status;
mod status_json;
mod test_notification;
mod today;
mod uninstall;
mod week;

pub(crate) use chart::chart;
pub(crate) use check::check;
pub(crate) use completions::completions;
pub(crate) use done::done;
pub(crate) use export::export;
pub(crate) use init::init;
pub(crate) use install::{Install, install};
pub(crate) use man::man;
pub(crate) use plan::plan;
pub(crate) use plans::plans;
pub(crate) use run::run;
pub(crate) use status::status;
pub(crate) use status_json::{status_bar, status_json};
pub(crate) use test_notification::test_notification;
pub(crate) use today::today;
pub(crate) use uninstall::uninstall;
pub(crate) use week::week;
