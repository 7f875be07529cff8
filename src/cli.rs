//! The command line: clap definitions and dispatch to the commands. Nothing
//! else imports this module.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clap::{Parser, Subcommand};

use crate::app::Context;
use crate::app::new_config::NewConfig;
use crate::app::paths::Paths;
use crate::config::{self, Defaults};
use crate::error::Error;
use crate::zone::Zone;
use crate::{clock, commands, daemon, notifier, service};

#[derive(Debug, Parser)]
#[command(
    name = "aftercare",
    version,
    about = "Recovery reminders after a skin treatment, as desktop notifications",
    long_about = "aftercare reads your treatment date from a TOML config and reminds you, \
                  at the right moments over the following days, to reapply sunscreen, \
                  moisturize and keep your hands off healing skin.\n\n\
                  Not medical advice: your practitioner's instructions come first."
)]
pub(crate) struct Cli {
    /// Config file [default: $XDG_CONFIG_HOME/aftercare/config.toml]
    #[arg(long, global = true, env = "AFTERCARE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Pretend it is this moment (RFC 3339), for tests and previews.
    #[arg(long, global = true, hide = true, value_name = "TIME")]
    pub now: Option<DateTime<Utc>>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the reminder daemon in the foreground (what the service runs)
    Run,
    /// Show the schedule by day
    Plan {
        /// Print a JSON array, one object per reminder
        #[arg(long)]
        json: bool,
        /// The whole plan, not only from today on
        #[arg(long)]
        all: bool,
    },
    /// Validate the config: exit 0, or 78 with a pointed error
    Check,
    /// Write a config for a treatment date from the example
    Init(InitArgs),
    /// Send one sample notification and describe the notification server
    TestNotification,
    /// Write the config if needed, then install and start the user service
    Install(InstallArgs),
    /// Stop and remove the user service (keeps config and journal)
    Uninstall {
        /// Also delete the config and the journal
        #[arg(long)]
        purge: bool,
    },
    /// Is the service running, what comes next, what was done
    ///
    /// Exit status: 0 when the service runs or the plan is over, 3 when the
    /// service is not running although reminders are left, 78 for a bad
    /// config.
    Status,
    /// Today's summary: what is normal, what is still off-limits
    Today,
    /// Mark the latest shown reminder of a rule done (for servers without
    /// buttons)
    Done {
        /// The rule's name, e.g. sunscreen (see `aftercare plan --all`)
        rule: String,
    },
    /// Export the plan as an iCalendar file for a phone's calendar
    Export {
        /// Write to this file ("-" or nothing: standard output)
        #[arg(long, value_name = "FILE")]
        ics: Option<PathBuf>,
    },
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command to a directory
    Man {
        /// Write aftercare.1 and aftercare-COMMAND.1 pages into DIR
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args, Clone)]
pub(crate) struct InitArgs {
    /// Treatment date, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: NaiveDate,
    /// When the treatment ended, HH:MM (24-hour) [default: 12:00]
    #[arg(long, value_name = "HH:MM", value_parser = parse_clock_arg)]
    pub time: Option<NaiveTime>,
    /// IANA time zone, e.g. Europe/Berlin [default: the system's]
    #[arg(long, value_name = "TZ", value_parser = parse_tz_arg)]
    pub timezone: Option<Zone>,
    /// Overwrite an existing config
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args, Clone)]
pub(crate) struct InstallArgs {
    /// Treatment date, YYYY-MM-DD (needed when there is no config yet)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// When the treatment ended, HH:MM
    #[arg(long, value_name = "HH:MM", value_parser = parse_clock_arg)]
    pub time: Option<NaiveTime>,
    /// IANA time zone [default: the system's]
    #[arg(long, value_name = "TZ", value_parser = parse_tz_arg)]
    pub timezone: Option<Zone>,
}

fn parse_clock_arg(s: &str) -> Result<NaiveTime, String> {
    config::parse_clock(s)
}

fn parse_tz_arg(s: &str) -> Result<Zone, String> {
    s.parse::<Zone>().map_err(|_| {
        format!("unknown time zone `{s}`: use an IANA name such as Europe/Berlin (see `timedatectl list-timezones`)")
    })
}

impl From<&InitArgs> for NewConfig {
    fn from(a: &InitArgs) -> NewConfig {
        NewConfig {
            date: a.date,
            time: a.time,
            timezone: a.timezone,
            force: a.force,
        }
    }
}

/// Resolve the context once and run the command.
pub(crate) fn dispatch(cli: Cli, out: &mut dyn Write) -> Result<u8, Error> {
    let custom_config = cli.config.is_some();
    let paths = Paths::resolve(cli.config)?;
    if cli.now.is_some() && matches!(cli.command, Command::Run) {
        return Err(Error::NowWithRun);
    }
    let ctx = Context {
        paths,
        defaults: Defaults::system(clock::system_timezone()),
        now: cli.now.unwrap_or_else(clock::now),
    };
    match cli.command {
        Command::Check => commands::check(&ctx, out),
        Command::Plan { json, all } => commands::plan(&ctx, json, all, out),
        Command::Init(args) => commands::init(&ctx, &NewConfig::from(&args), out),
        Command::Run => daemon::run(&ctx),
        Command::TestNotification => notifier::test_notification(out),
        Command::Install(args) => {
            let install = service::Install {
                date: args.date,
                time: args.time,
                timezone: args.timezone,
                custom_config,
            };
            service::install(&ctx, &install, out)
        }
        Command::Uninstall { purge } => service::uninstall(&ctx, purge, out),
        Command::Status => service::status(&ctx, out),
        Command::Done { rule } => commands::done(&ctx, &rule, out),
        Command::Today => commands::today(&ctx, out),
        Command::Export { ics } => commands::export(&ctx, ics.as_deref(), out),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "aftercare", out);
            Ok(0)
        }
        Command::Man { dir } => man(dir.as_deref(), out),
    }
}

/// The man page to `out`, or one page per command into `dir`.
fn man(dir: Option<&Path>, out: &mut dyn Write) -> Result<u8, Error> {
    let cmd = <Cli as clap::CommandFactory>::command();
    match dir {
        None => clap_mangen::Man::new(cmd)
            .render(out)
            .map_err(Error::output)?,
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(cmd, dir))
                .map_err(|e| {
                    Error::io(format!("cannot write man pages to {}", dir.display()), e)
                })?;
            writeln!(
                out,
                "wrote aftercare.1 and a page per command (aftercare-plan.1, …) to {}",
                dir.display()
            )
            .map_err(Error::output)?;
        }
    }
    Ok(0)
}
