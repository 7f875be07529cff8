//! The command line: clap definitions and one thin function per command.

use std::io::Write;
use std::path::PathBuf;

use crate::zone::Zone;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use clap::{Parser, Subcommand};

use crate::clock;
use crate::config::{self, Config, Defaults};
use crate::error::Error;
use crate::paths::Paths;
use crate::plan::{Occurrence, Plan, short_date};
use crate::{fsutil, journal};

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
pub struct Cli {
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
pub enum Command {
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
    Install(crate::service::InstallArgs),
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
pub struct InitArgs {
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

fn parse_clock_arg(s: &str) -> Result<NaiveTime, String> {
    config::parse_clock(s)
}

pub fn parse_tz_arg(s: &str) -> Result<Zone, String> {
    s.parse::<Zone>().map_err(|_| {
        format!("unknown time zone `{s}`: use an IANA name such as Europe/Berlin (see `timedatectl list-timezones`)")
    })
}

/// Everything a command needs from outside, resolved once.
#[derive(Debug)]
pub struct Env {
    pub paths: Paths,
    pub defaults: Defaults,
    /// `--now` or the real clock.
    pub now: DateTime<Utc>,
}

impl Env {
    pub fn load_config(&self) -> Result<Config, Error> {
        Ok(config::load(&self.paths.config, self.defaults)?)
    }

    pub fn load_plan(&self) -> Result<(Config, Plan), Error> {
        let c = self.load_config()?;
        let p = build_plan(&c)?;
        Ok((c, p))
    }
}

/// Build a plan, reporting a failure as a config error.
pub fn build_plan(c: &Config) -> Result<Plan, Error> {
    Plan::build(c).map_err(|e| plan_error(&c.origin, &e))
}

/// A plan that cannot be built is a config error (exit 78).
pub fn plan_error(origin: impl std::fmt::Display, e: &crate::plan::PlanError) -> Error {
    Error::Config(plan_config_error(origin, e))
}

pub fn plan_config_error(
    origin: impl std::fmt::Display,
    e: &crate::plan::PlanError,
) -> config::ConfigError {
    config::ConfigError {
        origin: origin.to_string(),
        position: None,
        message: e.to_string(),
        snippet: None,
        hint: Some("use fewer days or a longer `every` interval".into()),
    }
}

pub fn dispatch(cli: Cli, out: &mut dyn Write) -> Result<u8, Error> {
    let custom_config = cli.config.is_some();
    let paths = Paths::resolve(cli.config).map_err(Error::Other)?;
    if cli.now.is_some() && matches!(cli.command, Command::Run) {
        return Err(Error::Usage(
            "--now cannot be used with `run`: the daemon follows the real clock".into(),
        ));
    }
    let env = Env {
        paths,
        defaults: Defaults {
            timezone: clock::system_timezone(),
        },
        now: cli.now.unwrap_or_else(clock::now),
    };
    match cli.command {
        Command::Check => check(&env, out),
        Command::Plan { json, all } => plan(&env, json, all, out),
        Command::Init(args) => init(&env, &args, out),
        Command::Run => crate::daemon::run(&env),
        Command::TestNotification => crate::notifier::test_notification(out),
        Command::Install(args) => crate::service::install(&env, &args, custom_config, out),
        Command::Uninstall { purge } => crate::service::uninstall(&env, purge, out),
        Command::Status => crate::service::status(&env, out),
        Command::Done { rule } => done(&env, &rule, out),
        Command::Today => today(&env, out),
        Command::Export { ics } => export(&env, ics.as_deref(), out),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "aftercare", out);
            Ok(0)
        }
        Command::Man { dir } => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match dir {
                None => clap_mangen::Man::new(cmd).render(out).map_err(w)?,
                Some(dir) => {
                    std::fs::create_dir_all(&dir)
                        .and_then(|()| clap_mangen::generate_to(cmd, &dir))
                        .map_err(|e| {
                            Error::io(format!("cannot write man pages to {}", dir.display()), e)
                        })?;
                    writeln!(
                        out,
                        "wrote aftercare.1 and a page per command (aftercare-plan.1, …) to {}",
                        dir.display()
                    )
                    .map_err(w)?;
                }
            }
            Ok(0)
        }
    }
}

fn w(e: std::io::Error) -> Error {
    Error::io("cannot write output", e)
}

fn check(env: &Env, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = env.load_plan()?;
    if fsutil::readable_by_others(&env.paths.config) {
        writeln!(
            out,
            "warning: {} can be read by other users; it holds health data: chmod 600 {}",
            env.paths.config.display(),
            env.paths.config.display()
        )
        .map_err(w)?;
    }
    let line = match (p.occurrences.first(), p.last()) {
        (Some(first), Some(last)) => format!(
            "ok: {} reminders from {} to {} ({}), config {}",
            p.occurrences.len(),
            when(first),
            when(last),
            c.treatment.timezone.name(),
            c.origin
        ),
        _ => format!(
            "ok: no reminders ({}), config {}",
            c.treatment.timezone.name(),
            c.origin
        ),
    };
    writeln!(out, "{line}").map_err(w)?;
    Ok(0)
}

fn when(o: &Occurrence) -> String {
    format!("{} {}", short_date(o.at.date_naive()), o.at.format("%H:%M"))
}

/// One occurrence in `plan --json`.
#[derive(serde::Serialize)]
struct JsonOccurrence<'a> {
    id: &'a str,
    rule: &'a str,
    day: u32,
    session: u32,
    at: String,
    title: &'a str,
    body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

fn plan(env: &Env, json: bool, all: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = env.load_plan()?;
    let journal = journal::Journal::read_only(&env.paths.journal());
    let shown: &[Occurrence] = if all {
        &p.occurrences
    } else {
        p.from_today(env.now)
    };
    if json {
        let items: Vec<JsonOccurrence> = shown
            .iter()
            .map(|o| JsonOccurrence {
                id: &o.id,
                rule: &o.rule,
                day: o.day,
                session: o.session,
                at: o.at.to_rfc3339(),
                title: &o.title,
                body: &o.body,
                status: crate::engine::status_at(o, &journal, env.now, c.catch_up)
                    .map(journal::Status::label),
            })
            .collect();
        let s = serde_json::to_string_pretty(&items).map_err(|e| Error::Other(e.to_string()))?;
        writeln!(out, "{s}").map_err(w)?;
        return Ok(0);
    }
    let dates: Vec<String> = p
        .starts
        .iter()
        .map(|s| short_date(s.date_naive()))
        .collect();
    writeln!(
        out,
        "Treatment{} {} at {} ({}), plan {}",
        if dates.len() > 1 { "s" } else { "" },
        dates.join(", "),
        p.start.format("%H:%M"),
        c.treatment.timezone.name(),
        c.treatment.plan.as_deref().unwrap_or("none")
    )
    .map_err(w)?;
    if shown.is_empty() {
        let msg = if p.occurrences.is_empty() {
            "No reminders in this plan."
        } else {
            "The plan is over: nothing from today on (see --all)."
        };
        writeln!(out, "{msg}").map_err(w)?;
        return Ok(0);
    }
    let next_id = p.next_after(env.now).map(|o| o.id.as_str());
    let mut day = None;
    for o in shown {
        if day != Some((o.session, o.day)) {
            day = Some((o.session, o.day));
            let date = p.session_day_date(o.session, o.day);
            let session = if p.starts.len() > 1 {
                format!("Session {}, ", o.session)
            } else {
                String::new()
            };
            let light = p
                .daylight(date)
                .map(|d| format!(" ({})", daylight_words(d)))
                .unwrap_or_default();
            writeln!(
                out,
                "\n{session}Day {} — {}{light}",
                o.day,
                short_date(date)
            )
            .map_err(w)?;
        }
        let mut time = o.at.format("%H:%M").to_string();
        if o.at.date_naive() != p.session_day_date(o.session, o.day) {
            // moved past midnight by quiet hours
            time = format!("{} {time}", short_date(o.at.date_naive()));
        }
        if matches!(
            p.timezone.from_local_datetime(&o.at.naive_local()),
            chrono::LocalResult::Ambiguous(..)
        ) {
            // a wall-clock time that happens twice (DST ends): say which
            time = format!("{time} {}", o.at.format("%Z"));
        }
        let is_next = next_id == Some(o.id.as_str());
        let mark = if is_next { ">" } else { " " };
        let status = match crate::engine::status_at(o, &journal, env.now, c.catch_up) {
            Some(s) => format!("  [{}]", s.label()),
            None if is_next => "  <- next".to_string(),
            None => String::new(),
        };
        writeln!(out, "{mark} {time}  {}{status}", o.title).map_err(w)?;
    }
    Ok(0)
}

/// The example config with the treatment filled in.
pub fn render_init(args: &InitArgs) -> String {
    let example = include_str!("../config.example.toml");
    let mut done = [false; 3];
    let mut out = String::with_capacity(example.len() + 64);
    for line in example.lines() {
        let replaced = if !done[0] && line.starts_with("date = ") {
            done[0] = true;
            format!("date = {}", args.date.format("%Y-%m-%d"))
        } else if !done[1] && line.starts_with("time = ") {
            done[1] = true;
            match args.time {
                Some(t) => format!("time = \"{}\"", t.format("%H:%M")),
                None => "# time = \"12:00\"".to_string(),
            }
        } else if !done[2] && line.starts_with("# timezone = ") {
            done[2] = true;
            match args.timezone {
                Some(tz) => format!("timezone = \"{}\"", tz.name()),
                None => line.to_string(),
            }
        } else {
            line.to_string()
        };
        out.push_str(&replaced);
        out.push('\n');
    }
    out
}

/// Write a fresh config; refuses to clobber one unless `force`.
pub fn write_config(env: &Env, args: &InitArgs) -> Result<Config, Error> {
    let text = render_init(args);
    let origin = env.paths.config.display().to_string();
    let config = config::parse(&text, &origin, env.defaults)?;
    build_plan(&config)?;
    fsutil::write_atomic(&env.paths.config, text.as_bytes(), args.force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!(
                "{origin} already exists; edit it, or pass --force to replace it"
            ))
        } else {
            Error::io(format!("cannot write {origin}"), e)
        }
    })?;
    Ok(config)
}

fn init(env: &Env, args: &InitArgs, out: &mut dyn Write) -> Result<u8, Error> {
    write_config(env, args)?;
    writeln!(
        out,
        "wrote {} (private: mode 0600)",
        env.paths.config.display()
    )
    .map_err(w)?;
    writeln!(
        out,
        "next: review it, then `aftercare plan` to see the schedule and `aftercare install` to start reminders"
    )
    .map_err(w)?;
    Ok(0)
}

fn done(env: &Env, rule: &str, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = env.load_plan()?;
    if !c.rules.iter().any(|r| r.name == rule) {
        let names = c.rules.iter().map(|r| r.name.as_str());
        let hint = match config::suggest(rule, names) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "see `aftercare plan --all` for the rule names".into(),
        };
        return Err(Error::Usage(format!(
            "there is no rule `{rule}` in the plan; {hint}"
        )));
    }
    let (mut journal, problem) = journal::Journal::open(&env.paths.journal(), env.now);
    if let Some(problem) = problem {
        writeln!(out, "warning: {problem}").map_err(w)?;
    }
    let latest = p
        .occurrences
        .iter()
        .rev()
        .filter(|o| o.rule == rule && o.utc() <= env.now)
        .find(|o| {
            matches!(
                journal.status(&o.id),
                Some(journal::Status::Sent | journal::Status::Snoozed)
            )
        });
    let Some(o) = latest else {
        return Err(Error::Usage(format!(
            "no `{rule}` reminder has been shown yet that is waiting for an answer"
        )));
    };
    let sent_at = journal.get(&o.id).and_then(|e| e.sent_at);
    journal.set(
        &o.id,
        journal::Entry {
            status: journal::Status::Done,
            at: env.now,
            sent_at,
            until: None,
            merged_into: None,
        },
    );
    journal
        .save()
        .map_err(|e| Error::io(format!("cannot write {}", env.paths.journal().display()), e))?;
    writeln!(
        out,
        "done: {} of {} {}",
        o.title,
        short_date(o.at.date_naive()),
        o.at.format("%H:%M")
    )
    .map_err(w)?;
    Ok(0)
}

fn export(env: &Env, ics: Option<&std::path::Path>, out: &mut dyn Write) -> Result<u8, Error> {
    let (_, p) = env.load_plan()?;
    let text = crate::export::ics(&p, env.now);
    match ics {
        None => out.write_all(text.as_bytes()).map_err(w)?,
        Some(path) if path.as_os_str() == "-" => out.write_all(text.as_bytes()).map_err(w)?,
        Some(path) => {
            fsutil::write_atomic(path, text.as_bytes(), true)
                .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
            writeln!(
                out,
                "wrote {} ({} events); import it into your calendar",
                path.display(),
                p.occurrences.len()
            )
            .map_err(w)?;
        }
    }
    Ok(0)
}

fn today(env: &Env, out: &mut dyn Write) -> Result<u8, Error> {
    let (c, p) = env.load_plan()?;
    let Some((session, day)) = p.current_day(env.now) else {
        writeln!(
            out,
            "Your treatment is on {}; nothing yet.",
            short_date(p.start.date_naive())
        )
        .map_err(w)?;
        return Ok(0);
    };
    let label = if p.starts.len() > 1 {
        format!("Session {session}, day {day}")
    } else {
        format!("Day {day}")
    };
    writeln!(
        out,
        "{label} — {}",
        short_date(p.session_day_date(session, day))
    )
    .map_err(w)?;
    writeln!(out, "{}", crate::plan::summary_text(&c, day)).map_err(w)?;
    if let Some(d) = p.daylight(p.session_day_date(session, day)) {
        writeln!(out, "{}", daylight_words(d)).map_err(w)?;
    }
    Ok(0)
}

fn daylight_words(d: crate::plan::Daylight) -> String {
    match d {
        crate::plan::Daylight::Between(up, down) => {
            format!("daylight {}–{}", up.format("%H:%M"), down.format("%H:%M"))
        }
        crate::plan::Daylight::PolarDay => "sun up all day".into(),
        crate::plan::Daylight::PolarNight => "no daylight today".into(),
    }
}
