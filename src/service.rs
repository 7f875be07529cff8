//! The systemd user service, through `systemctl --user`: the unit and the
//! `.desktop` file `install` writes, the packaged unit, the unit's state.
//! The commands themselves are in `commands/{install,uninstall,status}.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::app::Context;
use crate::error::Error;
use crate::fsutil;

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
/// without systemd's `-@:+!` prefixes): its first word, which may be
/// quoted with `"` or `'` and hold `\` escapes (systemd.service(5), as
/// [`quote`] writes it).
fn exec_program(unit: &str) -> Option<String> {
    let line = unit
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("ExecStart="))?;
    let line = line.trim_start_matches(['-', '@', ':', '+', '!']);
    let Some(q) = line.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
        return line.split_whitespace().next().map(str::to_string);
    };
    let mut prog = String::new();
    let mut chars = line[1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => prog.push(chars.next()?),
            c if c == q => return Some(prog),
            c => prog.push(c),
        }
    }
    None // no closing quote: not a command line systemd would run
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
pub(crate) fn this_binary() -> std::io::Result<PathBuf> {
    std::env::current_exe().and_then(|p| p.canonicalize())
}

/// A packaged `aftercare.service` (the Debian package's, in
/// /usr/lib/systemd/user) that runs this very binary.
pub(crate) fn packaged_unit(exe: &Path) -> Option<PathBuf> {
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
pub(crate) fn remove_if_there(path: &Path, out: &mut dyn Write) -> Result<bool, Error> {
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
pub(crate) fn set_up_unit(
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
pub(crate) fn systemctl(args: &[&str]) -> Result<std::process::Output, Error> {
    Command::new("systemctl")
        .arg("--user")
        .args(args)
        .output()
        .map_err(Error::NoSystemctl)
}

/// Fail clearly when there is no user manager to talk to.
pub(crate) fn require_user_manager() -> Result<(), Error> {
    let out = systemctl(&["show-environment"])?;
    if out.status.success() {
        return Ok(());
    }
    Err(Error::NoUserManager(stderr_of(&out)))
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

pub(crate) fn systemctl_ok(args: &[&str]) -> Result<(), Error> {
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

pub(crate) fn unit_state() -> Result<UnitState, Error> {
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_program_of_a_unit_is_its_last_exec_start() {
        assert_eq!(
            super::exec_program(super::UNIT_TEMPLATE).as_deref(),
            Some("/usr/bin/aftercare")
        );
        let dropped = "[Service]\nExecStart=/usr/bin/aftercare run\nExecStart=\nExecStart=-\"/opt/a b/aftercare\" run\n";
        assert_eq!(
            super::exec_program(dropped).as_deref(),
            Some("/opt/a b/aftercare")
        );
        let single = "ExecStart='/opt/c d/aftercare' run\n";
        assert_eq!(
            super::exec_program(single).as_deref(),
            Some("/opt/c d/aftercare")
        );
        // what install writes reads back as the same program
        for exe in [
            "/usr/bin/aftercare",
            "/opt/my apps/aftercare",
            "/opt/a \"b\"\\c/aftercare",
        ] {
            let unit = super::render_unit(Path::new(exe), Some(Path::new("/etc/a c.toml")));
            assert_eq!(super::exec_program(&unit).as_deref(), Some(exe), "{unit}");
        }
        assert_eq!(super::exec_program("[Service]\nType=notify\n"), None);
        assert_eq!(super::exec_program("ExecStart=\"/opt/a b run\n"), None);
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
        // the exit codes the unit does not restart on are error.rs's
        let no_restart = format!(
            "\nRestartPreventExitStatus={} {}\n",
            crate::error::EXIT_CONFIG,
            crate::error::EXIT_ALREADY_RUNNING
        );
        for key in [
            "Type=notify",
            &no_restart,
            "RestrictAddressFamilies=AF_UNIX",
            "WantedBy=default.target",
        ] {
            assert!(u.contains(key), "{key}");
        }
    }
}
