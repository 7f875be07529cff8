//! The man pages: clap_mangen's sections from the command line's
//! definitions, and ours in roff (exit status, environment, files).

use crate::error::{
    EXIT_ALREADY_RUNNING, EXIT_CONFIG, EXIT_FAILURE, EXIT_IOERR, EXIT_NOT_RUNNING,
    EXIT_UNAVAILABLE, EXIT_USAGE,
};

/// `(file name, page)` for `cmd` and each visible subcommand, as
/// `clap_mangen::generate_to` names them.
pub(crate) fn pages(
    cmd: &clap::Command,
    top: bool,
    out: &mut Vec<(String, Vec<u8>)>,
) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages(sub, false, out)?;
    }
    let name = clap_mangen::Man::new(cmd.clone()).get_filename();
    out.push((name, page(cmd, top)?));
    Ok(())
}

/// One page: clap_mangen's sections, then EXIT STATUS, ENVIRONMENT, FILES
/// and SEE ALSO, then the version (the conventional order, man-pages(7)).
/// `cmd` is built (global arguments propagated).
pub(crate) fn page(cmd: &clap::Command, top: bool) -> std::io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut w = Vec::new();
    man.render_title(&mut w)?;
    man.render_name_section(&mut w)?;
    man.render_synopsis_section(&mut w)?;
    man.render_description_section(&mut w)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut w)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut w)?;
    }
    if cmd.get_after_help().is_some() || cmd.get_after_long_help().is_some() {
        man.render_extra_section(&mut w)?;
    }
    w.extend_from_slice(sections(top).as_bytes());
    if cmd.get_version().is_some() || cmd.get_long_version().is_some() {
        man.render_version_section(&mut w)?;
    }
    Ok(w)
}

/// The sections every page carries, in roff.
fn sections(top: bool) -> String {
    // the codes as error.rs returns them, in the page's order
    let codes: [(u8, &str); 8] = [
        (
            0,
            "Success; for status: the service runs, or the plan is over.",
        ),
        (
            EXIT_FAILURE,
            "Another failure: systemctl, the scheduler, no home directory.",
        ),
        (
            EXIT_USAGE,
            "Bad usage: an invalid argument, a config that exists already (see --force), an unknown rule.",
        ),
        (
            EXIT_NOT_RUNNING,
            "status: the service is not running although reminders are left.",
        ),
        (
            EXIT_UNAVAILABLE,
            "No notification server is reachable on the session bus (EX_UNAVAILABLE).",
        ),
        (EXIT_IOERR, "Reading or writing a file failed (EX_IOERR)."),
        (
            EXIT_ALREADY_RUNNING,
            "run: another aftercare run holds the lock for this user (EX_TEMPFAIL); the service does not restart on it.",
        ),
        (
            EXIT_CONFIG,
            "The config is invalid (EX_CONFIG); the message names its file, line and column.",
        ),
    ];
    let numbers = codes.map(|(n, _)| n.to_string());
    let exit: Vec<(&str, &str)> = numbers
        .iter()
        .zip(codes)
        .map(|(n, (_, text))| (n.as_str(), text))
        .collect();
    let environment: [(&str, &str); 13] = [
        (
            "AFTERCARE_CONFIG",
            "The config file, as --config FILE (the option wins).",
        ),
        (
            "AFTERCARE_LOG",
            "What to log to standard error, e.g. debug or info,aftercare=debug (default: info for run, warn for the other commands).",
        ),
        (
            "XDG_CONFIG_HOME",
            "Holds aftercare/config.toml and the user unit in systemd/user (default: ~/.config).",
        ),
        (
            "XDG_STATE_HOME",
            "Holds aftercare/journal.json (default: ~/.local/state).",
        ),
        (
            "XDG_DATA_HOME",
            "Holds applications/aftercare.desktop (default: ~/.local/share).",
        ),
        (
            "TZ",
            "The system time zone, read as the C library reads it: an IANA name (with or without a leading colon), a zoneinfo path, or a POSIX rule such as EST5EDT,M3.2.0,M11.1.0; unset, /etc/localtime. The day (clock-time reminders, quiet hours, day numbers) follows it unless the config sets day_timezone; a config without [treatment] timezone is read in it once and kept. Changing it needs a restart; a change of /etc/localtime is followed at once.",
        ),
        (
            "LC_ALL, LC_MESSAGES, LANG",
            "The language of notifications and of plan, today and status (the first one set; C and POSIX mean English): en, de, es or fr, else English. language = \"de\" in the config wins.",
        ),
        (
            "LANGUAGE",
            "GNU's list of preferred languages (fr:de), used unless the locale is C.",
        ),
        (
            "TZDIR",
            "The time zone database (default: /usr/share/zoneinfo, from the tzdata package).",
        ),
        (
            "DBUS_SESSION_BUS_ADDRESS",
            "The session bus that notifications go to; set by the desktop session.",
        ),
        (
            "NOTIFY_SOCKET",
            "Set by systemd for the service: run reports readiness and a \"next: ...\" status line through it.",
        ),
        (
            "JOURNAL_STREAM",
            "Set by systemd when standard error goes to the journal: log lines then carry no timestamps (journald adds them).",
        ),
        (
            "NO_COLOR",
            "When set and not empty, plan --week highlights nothing (it only does on a terminal anyway).",
        ),
    ];
    let files: [(&str, &str); 5] = [
        (
            "~/.config/aftercare/config.toml",
            "The config (mode 0600), written by init and install; see AFTERCARE_CONFIG and XDG_CONFIG_HOME.",
        ),
        (
            "~/.local/state/aftercare/journal.json",
            "What was sent, done, snoozed or missed; uninstall --purge deletes it.",
        ),
        (
            "~/.config/systemd/user/aftercare.service",
            "The user unit that install writes and uninstall removes.",
        ),
        (
            "~/.local/share/applications/aftercare.desktop",
            "Names the application for the notifications' desktop-entry hint.",
        ),
        (
            "/usr/share/zoneinfo",
            "The system time zone database (see TZDIR).",
        ),
    ];
    let mut roff = String::new();
    for (title, items) in [
        ("EXIT STATUS", &exit[..]),
        ("ENVIRONMENT", &environment[..]),
        ("FILES", &files[..]),
    ] {
        roff.push_str(&format!(".SH \"{title}\"\n"));
        for (term, text) in items {
            roff.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                roff_escape(term),
                roff_escape(text)
            ));
        }
    }
    if !top {
        roff.push_str(".SH \"SEE ALSO\"\n\\fBaftercare\\fR(1)\n");
    }
    roff
}

/// Plain text as roff: backslashes and hyphens escaped, no leading control
/// character.
fn roff_escape(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with(['.', '\'']) {
        format!("\\&{s}")
    } else {
        s
    }
}
