//! The systemd user service: `aftercare install`, `uninstall` and `status`,
//! all through `systemctl --user`.

use std::io::Write;
use std::path::{Path, PathBuf};
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

/// The program a unit's `ExecStart=` runs (its last `ExecStart=` line,
/// without systemd's `-@:+!` prefixes).
fn exec_program(unit: &str) -> Option<&str> {
    let line = unit
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("ExecStart="))?;
    let prog = line
        .trim_start_matches(['-', '@', ':', '+', '!'])
        .split_whitespace()
        .next()?;
    Some(prog.trim_matches('"'))
}

/// Where packages put user units, in systemd's order of search after the
/// user's own folders (systemd.unit(5)): `$XDG_DATA_DIRS/systemd/user`,
/// then /usr/local/lib and /usr/lib.
fn vendor_unit_dirs(data_dirs: Option<std::ffi::OsString>) -> Vec<PathBuf> {
    let data = data_dirs
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&data)
        .filter(|d| d.is_absolute())
        .map(|d| d.join("systemd/user"))
        .collect();
    dirs.extend(["/usr/local/lib/systemd/user", "/usr/lib/systemd/user"].map(PathBuf::from));
    dirs
}

/// The path of the running binary, links resolved: what a unit runs.
fn this_binary() -> std::io::Result<PathBuf> {
    std::env::current_exe().and_then(|p| p.canonicalize())
}

/// A packaged `aftercare.service` (the Debian package's, in
/// /usr/lib/systemd/user) that runs this very binary.
fn packaged_unit(exe: &Path) -> Option<PathBuf> {
    vendor_unit_dirs(std::env::var_os("XDG_DATA_DIRS"))
        .into_iter()
        .map(|d| d.join(UNIT))
        .find(|p| {
            fsutil::read_regular(p, 64 * 1024, true)
                .ok()
                .flatten()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|t| exec_program(&t).map(PathBuf::from))
                .and_then(|prog| prog.canonicalize().ok())
                .is_some_and(|prog| prog == exe)
        })
}

/// A unit file `install` wrote (it starts as the template does), not one
/// the user wrote by hand.
fn written_by_us(path: &Path) -> bool {
    let first = UNIT_TEMPLATE.lines().next().unwrap_or_default();
    std::fs::read_to_string(path).is_ok_and(|t| t.lines().next() == Some(first))
}

/// The drop-in that points the packaged unit at another config.
fn render_dropin(exe: &Path, config: &Path) -> String {
    format!(
        "# Written by `aftercare install`: the packaged unit, with this config.\n[Service]\nExecStart=\nExecStart={} --config {} run\n",
        quote(exe),
        quote(config)
    )
}

/// Write `text` to `path` unless it holds it already; whether it wrote.
fn write_if_changed(path: &Path, text: &str, out: &mut dyn Write) -> Result<bool, Error> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    }
    fsutil::write_atomic(path, text.as_bytes(), true)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    writeln!(out, "wrote {}", path.display()).map_err(Error::output)?;
    Ok(true)
}

/// Remove `path` if it exists; whether it did.
fn remove_if_there(path: &Path, out: &mut dyn Write) -> Result<bool, Error> {
    match std::fs::remove_file(path) {
        Ok(()) => {
            writeln!(out, "removed {}", path.display()).map_err(Error::output)?;
            if let Some(dir) = path.parent() {
                // the drop-in folder, once empty
                if dir.extension().is_some_and(|e| e == "d") {
                    let _ = std::fs::remove_dir(dir);
                }
            }
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(format!("cannot remove {}", path.display()), e)),
    }
}

/// The unit: the packaged one when it runs this binary (with a drop-in for
/// a config that is not the default), else one written for this binary.
/// Whether anything changed (then systemd reloads).
fn set_up_unit(
    ctx: &Context,
    exe: &Path,
    config: Option<&Path>,
    out: &mut dyn Write,
) -> Result<bool, Error> {
    let unit_path = ctx.paths.unit_file();
    let dropin = ctx.paths.unit_dropin();
    let Some(packaged) = packaged_unit(exe) else {
        let mut changed = write_if_changed(&unit_path, &render_unit(exe, config), out)?;
        changed |= remove_if_there(&dropin, out)?;
        return Ok(changed);
    };
    writeln!(out, "using the packaged unit {}", packaged.display()).map_err(Error::output)?;
    let mut changed = false;
    if written_by_us(&unit_path) {
        // an earlier install's copy would hide the packaged unit
        changed |= remove_if_there(&unit_path, out)?;
    } else if unit_path.exists() {
        writeln!(
            out,
            "note: {} (not written by aftercare) overrides the packaged unit; kept",
            unit_path.display()
        )
        .map_err(Error::output)?;
    }
    changed |= match config {
        Some(c) => write_if_changed(&dropin, &render_dropin(exe, c), out)?,
        None => remove_if_there(&dropin, out)?,
    };
    Ok(changed)
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
    /// `--plan`, for a new config (an existing one must already use it).
    pub plan: Option<String>,
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
        if let Some(asked) = &args.plan {
            let c = ctx.load_config()?;
            let same = match (asked.as_str(), &c.treatment.plan_file, &c.treatment.plan) {
                ("none", _, held) => held.is_none(),
                (a, Some(file), _) if a.starts_with('/') => Path::new(a) == file,
                (a, None, Some(held)) => a == held,
                _ => false,
            };
            if !same {
                return Err(Error::PlanDiffers {
                    path: path.clone(),
                    held: c.treatment.plan.clone().unwrap_or_else(|| "none".into()),
                    asked: asked.clone(),
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
                plan: args.plan.clone(),
                force: false,
            },
        )?;
        writeln!(out, "wrote {} (private: mode 0600)", path.display()).map_err(Error::output)?;
    }
    let (config, plan) = ctx.load_plan()?;
    require_user_manager()?;

    let exe = this_binary().map_err(|e| Error::io("cannot find the aftercare binary's path", e))?;
    let config_arg = if args.custom_config {
        Some(path.canonicalize().unwrap_or_else(|_| path.clone()))
    } else {
        None
    };
    let changed = set_up_unit(ctx, &exe, config_arg.as_deref(), out)?;
    if changed {
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
    let dropin = remove_if_there(&ctx.paths.unit_dropin(), out)?;
    let own = unit_path.exists() && remove_if_there(&unit_path, out)?;
    if own || dropin {
        let _ = systemctl(&["daemon-reload"]);
        let _ = systemctl(&["reset-failed", UNIT]);
    }
    let packaged = this_binary().ok().and_then(|exe| packaged_unit(&exe));
    match (own, packaged) {
        (false, Some(p)) => writeln!(
            out,
            "disabled the packaged unit {} (the package keeps it)",
            p.display()
        )
        .map_err(Error::output)?,
        (false, None) => {
            writeln!(out, "no unit at {}", unit_path.display()).map_err(Error::output)?
        }
        (true, _) => {}
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
    if let Some(line) = crate::report::treated_elsewhere(m, &plan) {
        writeln!(out, "         {line}").map_err(w)?;
    }
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
    #[test]
    fn the_program_of_a_unit_is_its_last_exec_start() {
        assert_eq!(
            super::exec_program(super::UNIT_TEMPLATE),
            Some("/usr/bin/aftercare")
        );
        let dropped = "[Service]\nExecStart=/usr/bin/aftercare run\nExecStart=\nExecStart=-\"/opt/a b/aftercare\" run\n";
        assert_eq!(super::exec_program(dropped), Some("/opt/a"));
        assert_eq!(super::exec_program("[Service]\nType=notify\n"), None);
    }

    #[test]
    fn packaged_units_are_looked_for_where_systemd_looks() {
        let dirs = super::vendor_unit_dirs(Some("/opt/share:relative:/usr/share".into()));
        let dirs: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        assert_eq!(
            dirs,
            [
                "/opt/share/systemd/user",
                "/usr/share/systemd/user",
                "/usr/local/lib/systemd/user",
                "/usr/lib/systemd/user"
            ]
        );
        let default = super::vendor_unit_dirs(None);
        assert_eq!(
            default[0],
            std::path::Path::new("/usr/local/share/systemd/user")
        );
        assert_eq!(
            default.last().map(|p| p.as_path()),
            Some(std::path::Path::new("/usr/lib/systemd/user"))
        );
    }

    #[test]
    fn the_dropin_replaces_exec_start() {
        let d = super::render_dropin(
            std::path::Path::new("/usr/bin/aftercare"),
            std::path::Path::new("/home/me/my config.toml"),
        );
        assert!(d.contains("\nExecStart=\nExecStart=/usr/bin/aftercare --config \"/home/me/my config.toml\" run\n"), "{d}");
    }

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
