//! The systemd user service: `aftercare install`, `uninstall` and `status`,
//! all through `systemctl --user`.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, NaiveTime};

use crate::app::new_config::{self, NewConfig};
use crate::app::{Context, build_plan, lock};
use crate::error::{EXIT_NOT_RUNNING, Error};
use crate::i18n;
use crate::report::{adherence, count_words, counts, next_line, short_date};
use crate::zone::Zone;
use crate::{fsutil, policy};

pub(crate) const UNIT: &str = "aftercare.service";
const UNIT_TEMPLATE: &str = include_str!("../systemd/aftercare.service");
const DESKTOP_TEMPLATE: &str = include_str!("../data/aftercare.desktop");

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
pub(crate) fn render_unit(exe: &Path, config: Option<&Path>) -> String {
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

/// The `.desktop` file with `Exec` pointing at `exe`.
pub(crate) fn render_desktop(exe: &Path) -> String {
    DESKTOP_TEMPLATE
        .lines()
        .map(|l| match l.strip_prefix("Exec=aftercare") {
            Some(rest) => format!("Exec={}{rest}", quote(exe)),
            None => l.to_string(),
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
        .map_err(Error::NoSystemctl)
}

/// Fail clearly when there is no user manager to talk to.
fn require_user_manager() -> Result<(), Error> {
    let out = systemctl(&["show-environment"])?;
    if out.status.success() {
        return Ok(());
    }
    Err(Error::NoUserManager(stderr_of(&out)))
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

fn systemctl_ok(args: &[&str]) -> Result<(), Error> {
    let out = systemctl(args)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Error::Systemctl {
            command: args.join(" "),
            stderr: stderr_of(&out),
        })
    }
}

/// `systemctl --user show` properties of the unit.
#[derive(Debug, Default)]
pub(crate) struct UnitState {
    pub load: String,
    pub active: String,
    pub sub: String,
    pub result: String,
    pub exit_status: String,
    pub status_text: String,
    pub enabled: String,
}

fn unit_state() -> Result<UnitState, Error> {
    let args = [
        "show",
        "-p",
        "LoadState,ActiveState,SubState,Result,ExecMainStatus,StatusText,UnitFileState",
        UNIT,
    ];
    let out = systemctl(&args)?;
    if !out.status.success() {
        return Err(Error::Systemctl {
            command: args.join(" "),
            stderr: stderr_of(&out),
        });
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

/// What `install` is told.
#[derive(Debug, Clone)]
pub(crate) struct Install {
    /// Needed when there is no config yet.
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub timezone: Option<Zone>,
    /// The config is not the default one: the unit names it.
    pub custom_config: bool,
}

pub(crate) fn install(ctx: &Context, args: &Install, out: &mut dyn Write) -> Result<u8, Error> {
    let path = &ctx.paths.config;
    if path.exists() {
        if let Some(date) = args.date {
            let c = ctx.load_config()?;
            let differs = c.treatment.date != date
                || args.time.is_some_and(|t| t != c.treatment.time)
                || args.timezone.is_some_and(|z| z != c.treatment.timezone);
            if differs {
                return Err(Error::TreatmentDiffers {
                    path: path.clone(),
                    held: c.treatment.date,
                    asked: date,
                });
            }
        }
    } else {
        let Some(date) = args.date else {
            return Err(Error::NoConfigYet(path.clone()));
        };
        new_config::write(
            ctx,
            &NewConfig {
                date,
                time: args.time,
                timezone: args.timezone,
                force: false,
            },
        )?;
        writeln!(out, "wrote {} (private: mode 0600)", path.display()).map_err(Error::output)?;
    }
    let (config, plan) = ctx.load_plan()?;
    require_user_manager()?;

    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| Error::io("cannot find the aftercare binary's path", e))?;
    let config_arg = if args.custom_config {
        Some(path.canonicalize().unwrap_or_else(|_| path.clone()))
    } else {
        None
    };
    let unit = render_unit(&exe, config_arg.as_deref());
    let unit_path = ctx.paths.unit_file();
    let changed = std::fs::read_to_string(&unit_path).ok().as_deref() != Some(unit.as_str());
    if changed {
        fsutil::write_atomic(&unit_path, unit.as_bytes(), true)
            .map_err(|e| Error::io(format!("cannot write {}", unit_path.display()), e))?;
        writeln!(out, "wrote {}", unit_path.display()).map_err(Error::output)?;
        systemctl_ok(&["daemon-reload"])?;
    }
    // The notifications' `desktop-entry` hint names this file: desktops
    // (GNOME) match notifications to an app through it.
    let desktop = render_desktop(&exe);
    let desktop_path = ctx.paths.desktop_file();
    if std::fs::read_to_string(&desktop_path).ok().as_deref() != Some(desktop.as_str()) {
        fsutil::write_atomic(&desktop_path, desktop.as_bytes(), true)
            .map_err(|e| Error::io(format!("cannot write {}", desktop_path.display()), e))?;
        writeln!(out, "wrote {}", desktop_path.display()).map_err(Error::output)?;
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
    let journal = ctx.read_journal();
    match state.active.as_str() {
        "active" => {
            writeln!(out, "aftercare is running and starts with every login (systemctl --user status aftercare)").map_err(Error::output)?;
            let m = Context::messages(&config);
            writeln!(out, "{}", next_line(m, &plan, &journal, ctx.now)).map_err(Error::output)?;
            Ok(0)
        }
        _ if plan.is_over(ctx.now) => {
            writeln!(
                out,
                "installed, but the plan is already over: nothing to remind"
            )
            .map_err(Error::output)?;
            Ok(0)
        }
        other => Err(Error::ServiceFailed {
            state: other.to_string(),
            result: state.result,
        }),
    }
}

pub(crate) fn uninstall(ctx: &Context, purge: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let unit_path = ctx.paths.unit_file();
    match require_user_manager() {
        Ok(()) => {
            // Not loaded or already disabled is fine.
            let _ = systemctl(&["disable", "--now", UNIT]);
        }
        Err(e) if unit_path.exists() => return Err(e),
        Err(_) => {}
    }
    let desktop_path = ctx.paths.desktop_file();
    if desktop_path.exists() {
        std::fs::remove_file(&desktop_path)
            .map_err(|e| Error::io(format!("cannot remove {}", desktop_path.display()), e))?;
        writeln!(out, "removed {}", desktop_path.display()).map_err(Error::output)?;
    }
    if unit_path.exists() {
        std::fs::remove_file(&unit_path)
            .map_err(|e| Error::io(format!("cannot remove {}", unit_path.display()), e))?;
        writeln!(out, "removed {}", unit_path.display()).map_err(Error::output)?;
        let _ = systemctl(&["daemon-reload"]);
        let _ = systemctl(&["reset-failed", UNIT]);
    } else {
        writeln!(out, "no unit at {}", unit_path.display()).map_err(Error::output)?;
    }
    if purge {
        for p in [&ctx.paths.config] {
            if p.exists() {
                std::fs::remove_file(p)
                    .map_err(|e| Error::io(format!("cannot remove {}", p.display()), e))?;
                writeln!(out, "removed {}", p.display()).map_err(Error::output)?;
            }
        }
        let state = &ctx.paths.state_dir;
        if state.exists() {
            std::fs::remove_dir_all(state)
                .map_err(|e| Error::io(format!("cannot remove {}", state.display()), e))?;
            writeln!(out, "removed {}", state.display()).map_err(Error::output)?;
        }
    } else {
        writeln!(
            out,
            "kept {} and the journal in {} (use --purge to remove them)",
            ctx.paths.config.display(),
            ctx.paths.state_dir.display()
        )
        .map_err(Error::output)?;
    }
    Ok(0)
}

pub(crate) fn status(ctx: &Context, out: &mut dyn Write) -> Result<u8, Error> {
    let unit_path = ctx.paths.unit_file();
    // The language first: every line below is in it (the config's errors
    // come after the service's state, as before).
    let loaded = ctx.load_config();
    let m = match &loaded {
        Ok(c) => Context::messages(c),
        Err(_) => i18n::messages(ctx.defaults.language.lang),
    };
    let state = unit_state();
    let running = matches!(&state, Ok(s) if s.active == "active");
    let service = match &state {
        Ok(s) if s.load == "not-found" => m.text("status-not-installed"),
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
        Err(e) => m.fmt("status-unknown", &[("error", e.to_string().into())]),
    };
    let w = Error::output;
    writeln!(
        out,
        "{}",
        m.fmt("status-service", &[("state", service.into())])
    )
    .map_err(w)?;
    let daemon = match lock::holder(&ctx.paths.state_dir) {
        Some(Some(pid)) => m.fmt("status-running-pid", &[("pid", pid.into())]),
        Some(None) => m.text("status-running"),
        None => m.text("status-not-running"),
    };
    writeln!(
        out,
        "{}",
        m.fmt("status-daemon", &[("state", daemon.into())])
    )
    .map_err(w)?;
    // a daemon started by hand (or from autostart) counts as running too
    let running = running || lock::holder(&ctx.paths.state_dir).is_some();
    if unit_path.exists() {
        let path = unit_path.display().to_string();
        writeln!(out, "{}", m.fmt("status-unit", &[("path", path.into())])).map_err(w)?;
    }
    let config = loaded?;
    let plan = build_plan(&config)?;
    let line = m.fmt(
        "status-config",
        &[
            ("path", ctx.paths.config.display().to_string().into()),
            ("count", plan.occurrences.len().into()),
            ("zone", plan.timezone.name().into()),
        ],
    );
    writeln!(out, "{line}").map_err(w)?;
    let journal = ctx.read_journal();
    let mut next: Vec<_> = plan
        .occurrences
        .iter()
        .filter_map(|o| Some((o, policy::due_at(o, &journal)?)))
        .filter(|(_, due)| *due > ctx.now)
        .collect();
    next.sort_by_key(|(_, due)| *due);
    if next.is_empty() {
        writeln!(out, "{}", m.text("status-next-none")).map_err(w)?;
    } else {
        writeln!(out, "{}", m.text("status-next")).map_err(w)?;
        for (o, due) in next.iter().take(3) {
            let local = due.with_timezone(&plan.timezone);
            let line = m.fmt(
                "status-next-item",
                &[
                    ("date", short_date(m, local.date_naive()).into()),
                    ("time", local.format("%H:%M").to_string().into()),
                    ("title", o.title.as_str().into()),
                    ("day", o.day.into()),
                ],
            );
            writeln!(out, "  {line}").map_err(w)?;
        }
    }
    let c = counts(&plan, &journal, ctx.now, config.catch_up);
    let parts: Vec<String> = c
        .iter()
        .map(|(s, n)| count_words(m, s.label(), *n))
        .collect();
    writeln!(
        out,
        "{}",
        m.fmt("status-so-far", &[("list", m.list(&parts).into())])
    )
    .map_err(w)?;
    for line in adherence(m, &plan, &journal, ctx.now, config.catch_up) {
        writeln!(out, "  {line}").map_err(w)?;
    }
    let over = next.is_empty();
    if running || over {
        Ok(0)
    } else {
        writeln!(out, "{}", m.text("status-warning-not-running")).map_err(w)?;
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
