//! aftercare: recovery reminders after a skin treatment, delivered as desktop
//! notifications by a small daemon that runs as a systemd user service.
//!
//! Data flows one way: config file → [`config::Config`] → [`plan::Plan`]
//! (every dated occurrence) → scheduler (`daemon`) → `notifier` →
//! [`journal`]. The core (`config`, `plan`, `policy`, `ledger`, `report`) is
//! pure; the clock is read only in `clock`; I/O lives at the edges.

// Layers, top down (docs/architecture.md): `cli` → `commands` (all twelve)
// → what they run (`daemon`, `service`, `notifier`, `man`) → the application
// layer (`app`) → core (`config`, `plan`, `policy`, `ledger`, `report`) →
// leaves (`zone`, `fsutil`, `clock`). Only `lib` imports `cli`.
// The docs are built with private items (`cargo doc --document-private-items`,
// .ci/run): links to private items are how they find their way around.
#![allow(rustdoc::private_intra_doc_links)]

mod app;
mod chart;
mod cli;
mod clock;
mod commands;
pub mod config;
mod daemon;
mod error;
mod export;
mod fsutil;
mod grid;
pub mod i18n;
mod ledger;
mod log_events;
mod man;
mod notifier;
pub mod plan;
mod policy;
mod report;
mod service;
#[cfg(test)]
mod testing;
mod week;
pub mod zone;

/// The journal's store and its ledger types (for tests and tools).
pub use app::journal;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

/// Run the command line; returns the process exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::parse(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and exit 0; usage errors 2.
            // A failed write (`--help | head -1`) changes neither.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { error::EXIT_USAGE } else { 0 });
        }
    };
    init_logging(matches!(cli.command, cli::Command::Run));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli::dispatch(cli, &mut out) {
        Ok(code) => {
            let _ = out.flush();
            ExitCode::from(code)
        }
        // A closed pipe (`aftercare plan | head`) is not an error.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Logs go to stderr; without timestamps under systemd (journald adds
/// them). `AFTERCARE_LOG` sets the filter (default: info for the daemon,
/// warn for the other commands).
fn init_logging(daemon: bool) {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    // `Targets` rather than `EnvFilter`: the same "info,crate=warn" syntax
    // without a regex engine in the binary (smaller, less resident memory).
    let default = if daemon {
        "info,tokio_cron_scheduler=warn"
    } else {
        "warn"
    };
    let filter: Targets = std::env::var("AFTERCARE_LOG")
        .ok()
        .and_then(|s| s.parse().ok())
        .or_else(|| default.parse().ok())
        .unwrap_or_default();
    let journald = std::env::var_os("JOURNAL_STREAM").is_some();
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false);
    let registry = tracing_subscriber::registry().with(filter);
    // the event line (a test hook) after the human line it goes with, so a
    // test that has seen the event also sees the line
    let events = log_events::Events::from_env();
    let result = if journald {
        registry
            .with(layer.without_time().with_ansi(false))
            .with(events)
            .try_init()
    } else {
        registry.with(layer.with_ansi(tty)).with(events).try_init()
    };
    drop(result);
}
