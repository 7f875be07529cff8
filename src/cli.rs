//! The command line: clap definitions and dispatch to the commands. Nothing
//! else imports this module.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::app::Context;
use crate::app::new_config::NewConfig;
use crate::app::paths::Paths;
use crate::chart::Paper;
use crate::config::{self, DateError, Defaults};
use crate::error::Error;
use crate::zone::{SystemZones, Zone};
use crate::{clock, commands};

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

    /// `--now TIME`: pretend it is this moment, for tests and previews. Not
    /// part of the derived command (see [`NOW`]) so that completions and man
    /// pages, which are made from the derived command, never offer it.
    #[arg(skip)]
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
        /// A week as a grid: days as columns, the routine's times as rows
        /// (80 columns; with --all, every week)
        #[arg(long, conflicts_with = "json")]
        week: bool,
    },
    /// Validate the config (and the plan file it names): exit 0, or 78
    /// with a pointed error
    Check,
    // The text below is `plans --help` as is: `[treatment]` is the
    // config's table, not a link.
    #[allow(rustdoc::broken_intra_doc_links)]
    /// List the built-in care plans: name, days, what each is for
    ///
    /// Choose one with `plan = "NAME"` under [treatment] in the config, or
    /// point at a clinic's own plan file with `plan = "PATH"` (relative to
    /// the config's folder, or absolute; see docs/plan-files.md).
    Plans,
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
    /// config. With --json or --format waybar: the same, for programs and
    /// status bars (docs/status-json.md); waybar's form always exits 0.
    Status {
        /// Print JSON with stable keys (docs/status-json.md)
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// The output's form: text, json, or waybar (one line:
        /// {"text","tooltip","class"})
        #[arg(long, value_enum, value_name = "FORM")]
        format: Option<StatusFormat>,
    },
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
        /// Write to this file ("-", or --ics alone: standard output)
        #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-")]
        ics: Option<PathBuf>,
    },
    /// Write the plan as a printable chart (HTML): a tick box per routine
    /// and day, the milestones, the warning signs
    ///
    /// One page for the built-in plans (A4 or Letter): open it in a browser
    /// and print it (without the browser's headers and footers), or
    /// `chromium --headless --no-pdf-header-footer --print-to-pdf=chart.pdf
    /// chart.html`. Self-contained: no script, nothing fetched.
    Chart {
        /// Write to this file ("-": standard output) [default: standard output]
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The paper size the page is laid out for
        #[arg(long, value_enum, default_value_t = Paper::A4)]
        paper: Paper,
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

/// The forms of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StatusFormat {
    /// Lines for a person (the default)
    Text,
    /// JSON with stable keys (as --json)
    Json,
    /// One JSON line for waybar's custom module (also i3status-rust)
    Waybar,
}

#[derive(Debug, clap::Args, Clone)]
pub(crate) struct InitArgs {
    /// Treatment date, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub date: NaiveDate,
    /// When the treatment ended, HH:MM (24-hour) [default: 12:00]
    #[arg(long, value_name = "HH:MM", value_parser = parse_clock_arg)]
    pub time: Option<NaiveTime>,
    /// Where the treatment happened: an IANA time zone, e.g. Europe/Berlin
    /// [default: the system's, written into the config]
    #[arg(long, value_name = "TZ", value_parser = parse_tz_arg)]
    pub timezone: Option<Zone>,
    /// The care plan: a built-in one (`aftercare plans`), "none", or a
    /// clinic's plan file [default: microneedling]
    #[arg(long, value_name = "NAME|PATH", value_parser = parse_plan_arg)]
    pub plan: Option<String>,
    /// Overwrite an existing config
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args, Clone)]
pub(crate) struct InstallArgs {
    /// Treatment date, YYYY-MM-DD (needed when there is no config yet)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub date: Option<NaiveDate>,
    /// When the treatment ended, HH:MM
    #[arg(long, value_name = "HH:MM", value_parser = parse_clock_arg)]
    pub time: Option<NaiveTime>,
    /// Where the treatment happened: an IANA time zone [default: the
    /// system's, written into a new config]
    #[arg(long, value_name = "TZ", value_parser = parse_tz_arg)]
    pub timezone: Option<Zone>,
    /// The care plan for a new config: a built-in one (`aftercare plans`),
    /// "none", or a clinic's plan file [default: microneedling]
    #[arg(long, value_name = "NAME|PATH", value_parser = parse_plan_arg)]
    pub plan: Option<String>,
}

// Value parsers: the config's own parsers and messages (config::values), so
// `--date 2026-11-31` and `date = 2026-11-31` are explained alike. clap shows
// them as "invalid value 'X' for '--date <YYYY-MM-DD>': MESSAGE", exit 2.

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    config::parse_date(s).map_err(|e| match &e {
        DateError::WithTime { date, time, .. } => {
            format!("{e}: give the date with --date {date} and the time with --time {time}")
        }
        e => e.to_string(),
    })
}

fn parse_clock_arg(s: &str) -> Result<NaiveTime, String> {
    config::parse_clock(s)
}

/// A built-in plan's name (or "none") as is; a plan file's path made
/// absolute against the current folder, as a command line means it (the
/// config would read a relative one against its own folder).
fn parse_plan_arg(s: &str) -> Result<String, String> {
    let names: Vec<&str> = config::BUILTIN_PLANS.iter().map(|(n, _)| *n).collect();
    if !config::is_plan_path(s) {
        if s == "none" || names.contains(&s) {
            return Ok(s.to_string());
        }
        return Err(format!(
            "no built-in plan `{s}`; the built-in plans are {}, or \"none\"; a clinic's plan file is given by its path (with a `/` or ending in .toml)",
            names.join(", ")
        ));
    }
    let path = std::path::absolute(s).map_err(|e| format!("cannot resolve {s}: {e}"))?;
    let text = path
        .to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", path.display()))?;
    Ok(text.to_string())
}

fn parse_tz_arg(s: &str) -> Result<Zone, String> {
    config::parse_zone(s, &SystemZones)
}

fn parse_now_arg(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            format!("`{s}` is not a moment: write it as RFC 3339, e.g. 2026-11-23T14:30:00Z")
        })
}

/// The id of the hidden `--now` argument.
const NOW: &str = "now";

/// The command as parsed: the derived one plus the hidden `--now`.
fn parsing_command() -> clap::Command {
    Cli::command().arg(
        clap::Arg::new(NOW)
            .long("now")
            .global(true)
            .hide(true)
            .value_name("TIME")
            .value_parser(parse_now_arg)
            .help("Pretend it is this moment (RFC 3339), for tests and previews"),
    )
}

/// The command for man pages: no hidden arguments (`--now` is only in
/// [`parsing_command`]) and no `help` subcommand, which has no page.
fn man_command() -> clap::Command {
    Cli::command().disable_help_subcommand(true)
}

/// Parse the command line (`--help` and `--version` come back as errors,
/// as from clap).
pub(crate) fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = parsing_command();
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    let mut cli = Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))?;
    cli.now = matches.get_one::<DateTime<Utc>>(NOW).copied();
    Ok(cli)
}

impl From<&InitArgs> for NewConfig {
    fn from(a: &InitArgs) -> NewConfig {
        NewConfig {
            date: a.date,
            time: a.time,
            timezone: a.timezone,
            plan: a.plan.clone(),
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
    let system_zone = clock::system_zone();
    if let Some(w) = &system_zone.warning {
        let _ = writeln!(std::io::stderr(), "warning: {w}");
    }
    let ctx = Context {
        paths,
        defaults: Defaults {
            language: crate::app::language::from_env(),
            ..Defaults::system(system_zone.zone)
        },
        system_zone,
        now: cli.now.unwrap_or_else(clock::now),
        language_noted: Default::default(),
    };
    match cli.command {
        Command::Check => commands::check(&ctx, out),
        Command::Plans => commands::plans(ctx.defaults.language, out),
        Command::Plan {
            all, week: true, ..
        } => commands::week(&ctx, all, out),
        Command::Plan { json, all, .. } => commands::plan(&ctx, json, all, out),
        Command::Init(args) => commands::init(&ctx, &NewConfig::from(&args), out),
        Command::Run => commands::run(&ctx),
        Command::TestNotification => commands::test_notification(ctx.defaults.language.lang, out),
        Command::Install(args) => {
            let install = commands::Install {
                date: args.date,
                time: args.time,
                timezone: args.timezone,
                plan: args.plan,
                custom_config,
            };
            commands::install(&ctx, &install, out)
        }
        Command::Uninstall { purge } => commands::uninstall(&ctx, purge, out),
        Command::Status { json: true, .. }
        | Command::Status {
            format: Some(StatusFormat::Json),
            ..
        } => commands::status_json(&ctx, out),
        Command::Status {
            format: Some(StatusFormat::Waybar),
            ..
        } => commands::status_bar(&ctx, out),
        Command::Status { .. } => commands::status(&ctx, out),
        Command::Done { rule } => commands::done(&ctx, &rule, out),
        Command::Today => commands::today(&ctx, out),
        Command::Export { ics } => commands::export(&ctx, ics.as_deref(), out),
        Command::Chart { output, paper } => commands::chart(&ctx, output.as_deref(), paper, out),
        // Without the hidden --now: the derived command lacks it.
        Command::Completions { shell } => commands::completions(Cli::command(), shell, out),
        Command::Man { dir } => commands::man(man_command(), dir.as_deref(), out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_well_formed() {
        parsing_command().debug_assert();
        man_command().debug_assert();
    }

    #[test]
    fn now_is_parsed_anywhere_but_never_documented() {
        let at: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
        for args in [
            &["aftercare", "--now", "2026-11-24T11:00:00+01:00", "plan"][..],
            &["aftercare", "plan", "--now", "2026-11-24T10:00:00Z"],
        ] {
            assert_eq!(parse(args).unwrap().now, Some(at), "{args:?}");
        }
        assert_eq!(parse(["aftercare", "plan"]).unwrap().now, None);
        let documented = Cli::command();
        assert!(documented.get_arguments().all(|a| a.get_id() != NOW));
    }

    #[test]
    fn ics_takes_an_optional_file() {
        let ics = |args: &[&str]| match parse(args).unwrap().command {
            Command::Export { ics } => ics,
            c => panic!("{c:?}"),
        };
        assert_eq!(ics(&["aftercare", "export"]), None);
        assert_eq!(ics(&["aftercare", "export", "--ics"]), Some("-".into()));
        assert_eq!(
            ics(&["aftercare", "export", "--ics", "-"]),
            Some("-".into())
        );
        assert_eq!(
            ics(&["aftercare", "export", "--ics", "a.ics"]),
            Some("a.ics".into())
        );
        assert_eq!(
            ics(&[
                "aftercare",
                "export",
                "--ics",
                "--now",
                "2026-11-24T10:00:00Z"
            ]),
            Some("-".into())
        );
    }
}
