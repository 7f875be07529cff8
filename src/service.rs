//! The systemd user service: `aftercare install`, `uninstall` and `status`,
//! all through `systemctl --user`.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};

use crate::cli::{Env, InitArgs, build_plan, write_config};
use crate::engine;
use crate::error::{EXIT_NOT_RUNNING, Error};
use crate::fsutil;
use crate::journal::{Journal, Status};
use crate::plan::{Plan, short_date};

pub const UNIT: &str = "aftercare.service";
const UNIT_TEMPLATE: &str = include_str!("../systemd/aftercare.service");

/// The manual alternative when there is no systemd user session.
const MANUAL: &str = "without systemd, start `aftercare run` from your desktop's autostart \
     (e.g. an XDG autostart entry in ~/.config/autostart/aftercare.desktop with Exec=aftercare run)";

fn w(e: std::io::Error) -> Error {
    Error::io("cannot write output", e)
}

/// Quote a path for a unit file's command line.
fn quote(p: &Path) -> String {
    let s = p.display().to_string();
    if s.chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '\\')
    {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s
    }
}

/// The unit with `ExecStart` pointing at `exe` (and at a config that is
/// not the default one).
pub fn render_unit(exe: &Path, config: Option<&Path>) -> String {
    let exec = match config {
        Some(c) => format!("ExecStart={} --config {} run", quote(exe), quote(c)),
        None => format!("ExecStart={} run", quote(exe)),
    };
    UNIT_TEMPLATE
        .lines()
        .map(|l| {
            if l.starts_with("ExecStart=") {
                exec.as_str()
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Run `systemctl --user ARGS`.
fn systemctl(args: &[&str]) -> Result<std::process::Output, Error> {
    Command::new("systemctl")
        .arg("--user")
        .args(args)
        .output()
        .map_err(|e| {
            Error::Service(format!(
                "cannot run systemctl ({e}): this does not look like a systemd system; {MANUAL}"
            ))
        })
}

/// Fail clearly when there is no user manager to talk to.
fn require_user_manager() -> Result<(), Error> {
    let out = systemctl(&["show-environment"])?;
    if out.status.success() {
        return Ok(());
    }
    Err(Error::Service(format!(
        "systemctl --user is not available ({}): this is not a systemd user session \
         (over ssh or su, log in graphically or use `machinectl shell user@`); {MANUAL}",
        String::from_utf8_lossy(&out.stderr).trim()
    )))
}

fn systemctl_ok(args: &[&str]) -> Result<(), Error> {
    let out = systemctl(args)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Error::Service(format!(
            "`systemctl --user {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

/// `systemctl --user show` properties of the unit.
#[derive(Debug, Default)]
pub struct UnitState {
    pub load: String,
    pub active: String,
    pub sub: String,
    pub result: String,
    pub exit_status: String,
    pub status_text: String,
    pub enabled: String,
}

fn unit_state() -> Result<UnitState, Error> {
    let out = systemctl(&[
        "show",
        "-p",
        "LoadState,ActiveState,SubState,Result,ExecMainStatus,StatusText,UnitFileState",
        UNIT,
    ])?;
    if !out.status.success() {
        return Err(Error::Service(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    let mut s = UnitState::default();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let v = v.to_string();
        match k {
            "LoadState" => s.load = v,
            "ActiveState" => s.active = v,
            "SubState" => s.sub = v,
            "Result" => s.result = v,
            "ExecMainStatus" => s.exit_status = v,
            "StatusText" => s.status_text = v,
            "UnitFileState" => s.enabled = v,
            _ => {}
        }
    }
    Ok(s)
}

/// "next: Hydrate at 17:30 today".
pub fn describe_next(plan: &Plan, journal: &Journal, now: DateTime<Utc>) -> String {
    let Some((o, due)) = engine::next_due(plan, journal, now) else {
        return "no reminders left: the plan is over".into();
    };
    let local = due.with_timezone(&plan.timezone);
    let today = now.with_timezone(&plan.timezone).date_naive();
    let day = match (local.date_naive() - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        _ => format!("on {}", short_date(local.date_naive())),
    };
    format!("next: {} at {} {day}", o.title, local.format("%H:%M"))
}

#[derive(Debug, clap::Args, Clone)]
pub struct InstallArgs {
    /// Treatment date, YYYY-MM-DD (needed when there is no config yet)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// When the treatment ended, HH:MM
    #[arg(long, value_name = "HH:MM", value_parser = crate::config::parse_clock)]
    pub time: Option<chrono::NaiveTime>,
    /// IANA time zone [default: the system's]
    #[arg(long, value_name = "TZ", value_parser = crate::cli::parse_tz_arg)]
    pub timezone: Option<crate::zone::Zone>,
}

pub fn install(
    env: &Env,
    args: &InstallArgs,
    custom_config: bool,
    out: &mut dyn Write,
) -> Result<u8, Error> {
    let path = &env.paths.config;
    if path.exists() {
        if let Some(date) = args.date {
            let c = env.load_config()?;
            let differs = c.treatment.date != date
                || args.time.is_some_and(|t| t != c.treatment.time)
                || args.timezone.is_some_and(|z| z != c.treatment.timezone);
            if differs {
                return Err(Error::Usage(format!(
                    "{} already holds a treatment on {}; install does not overwrite it. \
                     Edit the file, or replace it with `aftercare init --force --date {}`, then run `aftercare install` again",
                    path.display(),
                    c.treatment.date,
                    date
                )));
            }
        }
    } else {
        let Some(date) = args.date else {
            return Err(Error::Usage(format!(
                "there is no config at {} yet: pass --date YYYY-MM-DD (and --time HH:MM) to write one",
                path.display()
            )));
        };
        write_config(
            env,
            &InitArgs {
                date,
                time: args.time,
                timezone: args.timezone,
                force: false,
            },
        )?;
        writeln!(out, "wrote {} (private: mode 0600)", path.display()).map_err(w)?;
    }
    let (_, plan) = env.load_plan()?;
    require_user_manager()?;

    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| Error::io("cannot find the aftercare binary's path", e))?;
    let config_arg = if custom_config {
        Some(path.canonicalize().unwrap_or_else(|_| path.clone()))
    } else {
        None
    };
    let unit = render_unit(&exe, config_arg.as_deref());
    let unit_path = env.paths.unit_file();
    let changed = std::fs::read_to_string(&unit_path).ok().as_deref() != Some(unit.as_str());
    if changed {
        fsutil::write_atomic(&unit_path, unit.as_bytes(), true)
            .map_err(|e| Error::io(format!("cannot write {}", unit_path.display()), e))?;
        writeln!(out, "wrote {}", unit_path.display()).map_err(w)?;
        systemctl_ok(&["daemon-reload"])?;
    }
    systemctl_ok(&["enable", UNIT])?;
    let state = unit_state()?;
    if changed && state.active == "active" {
        systemctl_ok(&["restart", UNIT])?;
    } else if state.active != "active" {
        // Type=notify: this returns once the daemon is READY (or failed).
        let _ = systemctl(&["reset-failed", UNIT]);
        systemctl_ok(&["start", UNIT])?;
    }
    let state = unit_state()?;
    let journal = Journal::read_only(&env.paths.journal());
    match state.active.as_str() {
        "active" => {
            writeln!(out, "aftercare is running and starts with every login (systemctl --user status aftercare)").map_err(w)?;
            writeln!(out, "{}", describe_next(&plan, &journal, env.now)).map_err(w)?;
            Ok(0)
        }
        _ if plan.is_over(env.now) => {
            writeln!(
                out,
                "installed, but the plan is already over: nothing to remind"
            )
            .map_err(w)?;
            Ok(0)
        }
        other => Err(Error::Service(format!(
            "the service did not start ({other}, {}): see `journalctl --user -u aftercare`",
            state.result
        ))),
    }
}

pub fn uninstall(env: &Env, purge: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let unit_path = env.paths.unit_file();
    match require_user_manager() {
        Ok(()) => {
            // Not loaded or already disabled is fine.
            let _ = systemctl(&["disable", "--now", UNIT]);
        }
        Err(e) if unit_path.exists() => return Err(e),
        Err(_) => {}
    }
    if unit_path.exists() {
        std::fs::remove_file(&unit_path)
            .map_err(|e| Error::io(format!("cannot remove {}", unit_path.display()), e))?;
        writeln!(out, "removed {}", unit_path.display()).map_err(w)?;
        let _ = systemctl(&["daemon-reload"]);
        let _ = systemctl(&["reset-failed", UNIT]);
    } else {
        writeln!(out, "no unit at {}", unit_path.display()).map_err(w)?;
    }
    if purge {
        for p in [&env.paths.config] {
            if p.exists() {
                std::fs::remove_file(p)
                    .map_err(|e| Error::io(format!("cannot remove {}", p.display()), e))?;
                writeln!(out, "removed {}", p.display()).map_err(w)?;
            }
        }
        let state = &env.paths.state_dir;
        if state.exists() {
            std::fs::remove_dir_all(state)
                .map_err(|e| Error::io(format!("cannot remove {}", state.display()), e))?;
            writeln!(out, "removed {}", state.display()).map_err(w)?;
        }
    } else {
        writeln!(
            out,
            "kept {} and the journal in {} (use --purge to remove them)",
            env.paths.config.display(),
            env.paths.state_dir.display()
        )
        .map_err(w)?;
    }
    Ok(0)
}

/// Per-status counts over the plan's occurrences.
pub fn counts(
    plan: &Plan,
    journal: &Journal,
    now: DateTime<Utc>,
    catch_up: std::time::Duration,
) -> [(Status, usize); 6] {
    let mut c = [
        (Status::Sent, 0),
        (Status::Done, 0),
        (Status::Snoozed, 0),
        (Status::Missed, 0),
        (Status::Merged, 0),
        (Status::Skipped, 0),
    ];
    for o in &plan.occurrences {
        if let Some(s) = crate::engine::status_at(o, journal, now, catch_up) {
            if let Some(slot) = c.iter_mut().find(|(k, _)| *k == s) {
                slot.1 += 1;
            }
        }
    }
    c
}

/// Per-rule and per-day adherence over what is due so far:
/// "sunscreen: 12 sent, 9 done, 1 missed" and
/// "Day 2: sunscreen 4/5 done, moisturize 2/2 done".
pub fn adherence(
    plan: &Plan,
    journal: &Journal,
    now: DateTime<Utc>,
    catch_up: std::time::Duration,
) -> Vec<String> {
    use std::collections::BTreeMap;
    let past: Vec<_> = plan.occurrences.iter().filter(|o| o.utc() <= now).collect();
    if past.is_empty() {
        return Vec::new();
    }
    let order = |rule: &str| plan.occurrences.iter().position(|o| o.rule == rule);
    let mut lines = Vec::new();
    let mut rules: Vec<&str> = past.iter().map(|o| o.rule.as_str()).collect();
    rules.sort_by_key(|r| order(r));
    rules.dedup();
    for rule in &rules {
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for o in past.iter().filter(|o| o.rule == *rule) {
            let label = crate::engine::status_at(o, journal, now, catch_up)
                .map_or("pending", Status::label);
            *by.entry(label).or_default() += 1;
        }
        let parts: Vec<String> = [
            "sent", "done", "snoozed", "missed", "merged", "skipped", "pending",
        ]
        .iter()
        .filter_map(|k| by.get(k).map(|n| format!("{n} {k}")))
        .collect();
        lines.push(format!("{rule}: {}", parts.join(", ")));
    }
    let mut days: BTreeMap<u32, Vec<&crate::plan::Occurrence>> = BTreeMap::new();
    for o in &past {
        days.entry(o.day).or_default().push(o);
    }
    for (day, occ) in days {
        let mut rs: Vec<&str> = occ.iter().map(|o| o.rule.as_str()).collect();
        rs.sort_by_key(|r| order(r));
        rs.dedup();
        let parts: Vec<String> = rs
            .iter()
            .map(|r| {
                let of: Vec<_> = occ.iter().filter(|o| o.rule == *r).collect();
                let done = of
                    .iter()
                    .filter(|o| journal.status(&o.id) == Some(Status::Done))
                    .count();
                format!("{r} {done}/{} done", of.len())
            })
            .collect();
        lines.push(format!("Day {day}: {}", parts.join(", ")));
    }
    lines
}

pub fn status(env: &Env, out: &mut dyn Write) -> Result<u8, Error> {
    let unit_path = env.paths.unit_file();
    let state = unit_state();
    let running = matches!(&state, Ok(s) if s.active == "active");
    let service = match &state {
        Ok(s) if s.load == "not-found" => "not installed (run `aftercare install`)".to_string(),
        Ok(s) => {
            let mut line = format!("{} ({})", s.active, s.sub);
            if s.active == "failed"
                || (s.active == "inactive" && s.exit_status != "0" && !s.exit_status.is_empty())
            {
                line.push_str(&format!(
                    ", exit status {}, result {}",
                    s.exit_status, s.result
                ));
            }
            if !s.enabled.is_empty() {
                line.push_str(&format!(", {}", s.enabled));
            }
            if running && !s.status_text.is_empty() {
                line.push_str(&format!(" — {}", s.status_text));
            }
            line
        }
        Err(e) => format!("unknown: {e}"),
    };
    writeln!(out, "service: {service}").map_err(w)?;
    if unit_path.exists() {
        writeln!(out, "unit:    {}", unit_path.display()).map_err(w)?;
    }
    let config = env.load_config()?;
    let plan = build_plan(&config)?;
    writeln!(
        out,
        "config:  {} ({} reminders, {})",
        env.paths.config.display(),
        plan.occurrences.len(),
        plan.timezone.name()
    )
    .map_err(w)?;
    let journal = Journal::read_only(&env.paths.journal());
    let mut next: Vec<_> = plan
        .occurrences
        .iter()
        .filter_map(|o| Some((o, engine::due_at(o, &journal)?)))
        .filter(|(_, due)| *due > env.now)
        .collect();
    next.sort_by_key(|(_, due)| *due);
    if next.is_empty() {
        writeln!(out, "next:    nothing: the plan is over").map_err(w)?;
    } else {
        writeln!(out, "next:").map_err(w)?;
        for (o, due) in next.iter().take(3) {
            let local = due.with_timezone(&plan.timezone);
            writeln!(
                out,
                "  {} {}  {} (day {})",
                short_date(local.date_naive()),
                local.format("%H:%M"),
                o.title,
                o.day
            )
            .map_err(w)?;
        }
    }
    let c = counts(&plan, &journal, env.now, config.catch_up);
    let parts: Vec<String> = c
        .iter()
        .map(|(s, n)| format!("{n} {}", s.label()))
        .collect();
    writeln!(out, "so far:  {}", parts.join(", ")).map_err(w)?;
    for line in adherence(&plan, &journal, env.now, config.catch_up) {
        writeln!(out, "  {line}").map_err(w)?;
    }
    let over = next.is_empty();
    if running || over {
        Ok(0)
    } else {
        writeln!(out, "warning: the service is not running but the plan is not over; start it with `aftercare install`")
            .map_err(w)?;
        Ok(EXIT_NOT_RUNNING)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_points_at_the_binary() {
        let u = render_unit(Path::new("/home/me/.cargo/bin/aftercare"), None);
        assert!(u.contains("\nExecStart=/home/me/.cargo/bin/aftercare run\n"));
        assert!(!u.contains("/usr/bin/aftercare"));
        let u = render_unit(
            Path::new("/opt/my apps/aftercare"),
            Some(Path::new("/etc/a c.toml")),
        );
        assert!(
            u.contains("\nExecStart=\"/opt/my apps/aftercare\" --config \"/etc/a c.toml\" run\n")
        );
        for key in [
            "Type=notify",
            "RestartPreventExitStatus=78",
            "RestrictAddressFamilies=AF_UNIX",
            "WantedBy=default.target",
        ] {
            assert!(u.contains(key), "{key}");
        }
    }
}
