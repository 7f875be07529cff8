//! The commands other than `run` and the service ones: each a function
//! from the [`Context`](crate::app::Context) and its arguments to an exit
//! code, writing to `out`.

mod chart;
mod check;
mod done;
mod export;
mod init;
mod plan;
mod plans;
mod today;
mod week;

pub(crate) use chart::chart;
pub(crate) use check::check;
pub(crate) use done::done;
pub(crate) use export::export;
pub(crate) use init::init;
pub(crate) use plan::plan;
pub(crate) use plans::plans;
pub(crate) use today::today;
pub(crate) use week::week;
