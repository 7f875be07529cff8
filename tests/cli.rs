#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

//! The command line against the real binary: malformed configs, golden plan
//! output, `init` and `check`.

use crate::common;

use common::{Sandbox, assert_stderr_has, assert_stdout_has, mode, stderr, stdout, treatment_zone};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const OK: &str = "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\ntimezone = \"Europe/Berlin\"\n";

/// Malformed configs: each must exit 78 with `error: FILE:…` naming the
/// problem (the `expect` fragment), a hint, and never a panic.
fn malformed() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    // (name, whole file, expect)
    #[rustfmt::skip]
    let files = [
        ("empty file", "", "missing the [treatment] table"),
        ("bad toml", "[treatment\ndate = 2026-11-23\n", ":1:"),
        ("unclosed string", "[treatment]\ndate = 2026-11-23\ntime = \"14:30\n", ":3:"),
        ("impossible date", "[treatment]\ndate = 2026-02-30\n", "invalid date"),
        ("impossible date as string", "[treatment]\ndate = \"2026-02-30\"\n", "not a valid calendar date"),
        ("date with time", "[treatment]\ndate = 2026-11-23T10:00:00\n", "not a valid calendar date"),
        ("date wrong type", "[treatment]\ndate = 5\n", "not a valid calendar date"),
        ("missing date", "[treatment]\ntime = \"14:30\"\n", "missing field `date`"),
        ("treatment time wrong type", "[treatment]\ndate = 2026-11-23\ntime = 1430\n", "invalid type"),
        ("unknown treatment key", "[treatment]\ndate = 2026-11-23\ntme = \"14:30\"\n", "did you mean `time`"),
        ("unknown time zone", "[treatment]\ndate = 2026-11-23\ntimezone = \"Mars/Olympus\"\n", "unknown time zone"),
        ("unknown plan", "[treatment]\ndate = 2026-11-23\nplan = \"lazer\"\n", "did you mean \"laser\""),
        ("missing plan file", "[treatment]\ndate = 2026-11-23\nplan = \"no-such-plan.toml\"\n", "cannot read the plan file"),
        ("plan too large", "[treatment]\ndate = 2026-01-01\nplan = \"none\"\n[reminders.a]\ndays = \"0-400\"\nevery = \"5m\"\nbetween = [\"00:00\", \"23:55\"]\ntitle = \"A\"\n", "more than"),
    ];
    // (name, lines after the valid `OK`, expect)
    #[rustfmt::skip]
    let after_ok = [
        ("bad time", "[reminders.x]\ndays = \"1\"\nat = [\"25:00\"]\ntitle = \"X\"\n", "not a time of day"),
        ("days backwards", "[reminders.sunscreen]\ndays = \"7-2\"\n", "runs backwards"),
        ("days garbage", "[reminders.sunscreen]\ndays = \"mon\"\n", "not a day number"),
        ("days too far", "[reminders.sunscreen]\ndays = \"0-5000\"\n", "too far out"),
        ("negative day", "[reminders.sunscreen]\ndays = -1\n", "out of range"),
        ("zero every", "[reminders.sunscreen]\nevery = \"0m\"\nbetween = [\"09:00\", \"17:00\"]\n", "at least"),
        ("negative duration", "[notifications]\nsnooze = \"-5m\"\n", "negative"),
        ("zero snooze", "[notifications]\nsnooze = \"0s\"\n", "longer than zero"),
        ("duration without unit", "[notifications]\ncatch_up = \"120\"\n", "needs a unit"),
        ("unknown top-level key", "[quiet]\nstart = \"22:00\"\n", "unknown field `quiet`"),
        ("unknown rule key", "[reminders.sunscreen]\nevry = \"2h\"\n", "did you mean `every`"),
        ("every without between", "[reminders.x]\ndays = \"1\"\nevery = \"2h\"\ntitle = \"X\"\n", "go together"),
        ("between backwards", "[reminders.sunscreen]\nevery = \"2h\"\nbetween = [\"17:00\", \"09:00\"]\n", "ends before it starts"),
        ("two triggers", "[reminders.x]\ndays = \"1\"\nat = [\"09:00\"]\nafter = [\"1h\"]\ntitle = \"X\"\n", "not several"),
        ("new rule without title", "[reminders.x]\ndays = \"1\"\nat = [\"09:00\"]\n", "needs a `title`"),
        ("new rule without days", "[reminders.x]\nat = [\"09:00\"]\ntitle = \"X\"\n", "needs `days`"),
        ("disable unknown rule", "[reminders.sunscren]\nenabled = false\n", "no rule `sunscren`"),
        ("bad rule name", "[reminders.\"My Rule\"]\ndays = \"1\"\nat = [\"09:00\"]\ntitle = \"X\"\n", "not allowed"),
        ("empty at", "[reminders.morning-care]\nat = []\n", "`at` is empty"),
        ("quiet hours empty window", "[quiet_hours]\nstart = \"08:00\"\nend = \"08:00\"\n", "same time"),
    ];
    let mut huge = b"# padding\n".repeat(1_100_000);
    huge.extend_from_slice(OK.as_bytes());
    let bytes: [(&str, Vec<u8>, &str); 3] = [
        (
            "non-utf8",
            b"[treatment]\ndate = 2026-11-23\n# caf\xe9\n".to_vec(),
            "not valid UTF-8",
        ),
        ("10 MB file", huge, "larger than"),
        (
            "binary garbage",
            vec![0, 159, 146, 150, 255, 0, 1],
            "not valid UTF-8",
        ),
    ];
    let files = files.map(|(name, text, expect)| (name, text.as_bytes().to_vec(), expect));
    let after_ok =
        after_ok.map(|(name, text, expect)| (name, format!("{OK}{text}").into_bytes(), expect));
    files.into_iter().chain(after_ok).chain(bytes).collect()
}

/// `check` on the sandbox's config: refused (exit 78); what it said.
fn check_refused(sb: &Sandbox) -> String {
    let out = sb.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(78), "{err}");
    err
}

#[test]
fn malformed_configs_exit_78_with_a_pointed_error() {
    let cases = malformed();
    assert!(cases.len() >= 25);
    let sb = Sandbox::new();
    for (name, bytes, expect) in cases {
        let path = sb.path().join("bad.toml");
        std::fs::write(&path, &bytes).unwrap();
        let out = sb.run(&["check", "--config", path.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(78), "{name}: {err}");
        assert!(
            err.starts_with(&format!("error: {}", path.display())),
            "{name}: {err}"
        );
        assert!(
            err.contains(expect),
            "{name}: expected {expect:?} in\n{err}"
        );
        assert!(err.contains("hint: "), "{name}: no hint in\n{err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(stdout(&out).is_empty(), "{name}");
    }
}

#[test]
fn positioned_errors_show_line_col_and_caret() {
    let sb = Sandbox::new();
    sb.write_config(&format!("{OK}[reminders.sunscreen]\ndays = \"7-2\"\n"));
    let out = sb.run(&["check"]);
    let err = stderr(&out);
    let want = format!(
        "error: {}:6:8: day range `7-2` runs backwards (write `2-7`)\n  |\n6 | days = \"7-2\"\n  |        ^^^^^\nhint: ",
        sb.config_path().display()
    );
    assert!(err.starts_with(&want), "{err}");
}

#[test]
fn missing_config_says_where_and_how() {
    let sb = Sandbox::new();
    let err = check_refused(&sb);
    assert!(
        err.contains(&sb.config_path().display().to_string()),
        "{err}"
    );
    assert!(err.contains("aftercare init"), "{err}");
}

#[test]
fn config_flag_env_and_position() {
    let sb = Sandbox::new();
    let p = sb.path().join("elsewhere.toml");
    std::fs::write(&p, OK).unwrap();
    let p = p.to_str().unwrap();
    for args in [vec!["--config", p, "check"], vec!["check", "--config", p]] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).contains("elsewhere.toml"));
    }
    let out = sb
        .cmd()
        .env("AFTERCARE_CONFIG", p)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("elsewhere.toml"));
}

#[test]
fn check_summarises_in_one_line() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    // a date more than a few months from now would show its year
    let out = sb.run(&["check", "--now", "2026-11-23T00:00:00Z"]);
    assert_eq!(out.status.code(), Some(0));
    let s = stdout(&out);
    assert_eq!(s.lines().count(), 1, "{s}");
    assert!(
        s.starts_with(
            "ok: 91 reminders from Mon 23 Nov 14:30 to Mon 7 Dec 08:00 (times in Europe/Berlin, from TZ)"
        ),
        "{s}"
    );
}

#[test]
fn a_long_series_is_taken_and_far_dates_show_their_year() {
    let sb = Sandbox::new();
    // 13 treatment dates, a month apart: all valid, all taken
    let dates: Vec<String> = (0..13)
        .map(|i| {
            let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap() + chrono::Months::new(i);
            d.to_string()
        })
        .collect();
    sb.write_config(&format!(
        "[treatment]\ndate = [{}]\ntime = \"10:00\"\ntimezone = \"UTC\"\n",
        dates.join(", ")
    ));
    let out = sb.run(&["check", "--now", "2026-12-04T09:00:00Z"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = stdout(&out);
    // the first date is near (no year), the last a year away (its year)
    assert!(
        s.starts_with("ok: ") && s.contains(" reminders from Fri 4 Dec 10:00 to "),
        "{s}"
    );
    assert!(s.contains(" 2027 "), "the year of the last reminder: {s}");
    let out = sb.run(&["plan", "--now", "2026-12-04T09:00:00Z"]);
    let plan = stdout(&out);
    assert!(plan.contains("Fri 4 Dec"), "{plan}");
    assert!(plan.contains("Sat 4 Dec 2027"), "{plan}");
    // more than a series can hold: said as it is
    let many: Vec<String> = (0..101)
        .map(|i| {
            (chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(i * 7))
                .to_string()
        })
        .collect();
    sb.write_config(&format!(
        "[treatment]\ndate = [{}]\ntime = \"10:00\"\ntimezone = \"UTC\"\n",
        many.join(", ")
    ));
    let err = check_refused(&sb);
    assert!(
        err.contains(
            ":2:8: `date` lists 101 treatment dates; aftercare follows at most 100 in one series"
        ),
        "{err}"
    );
    assert!(!err.contains("not a valid calendar date"), "{err}");
    // one wrong date in a series: that date is pointed at
    sb.write_config("[treatment]\ndate = [2026-11-23, 2026-02-30]\ntime = \"10:00\"\n");
    let err = check_refused(&sb);
    assert!(err.contains(":2:21: "), "{err}");
    assert!(err.contains("February 2026 has 28 days"), "{err}");
}

#[test]
fn look_alike_characters_in_the_config_are_named() {
    let sb = Sandbox::new();
    // (what is typed after the [treatment] table, what `check` must say)
    let cases = [
        (
            "[reminders.sunscreen]\ndays\u{a0}= \"1-7\"\n",
            ":6:5: U+00A0 NO-BREAK SPACE at 6:5: type a normal space",
        ),
        (
            "[reminders.sunscreen]\nat = [\"09:\u{200b}00\"]\n",
            ":6:11: U+200B ZERO WIDTH SPACE at 6:11: delete it (it is invisible)",
        ),
        (
            "\u{feff}[reminders.sunscreen]\ndays = \"1-7\"\n",
            ":5:1: U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark) at 5:1",
        ),
        (
            "[reminders.sunscreen]\ndays = \u{201c}1-7\u{201d}\n",
            ":6:8: U+201C LEFT DOUBLE QUOTATION MARK at 6:8: type a straight quote \"",
        ),
        (
            "[reminders.sunscreen]\nda\tys = \"1-7\"\n",
            ":6:3: U+0009 CHARACTER TABULATION (a tab) at 6:3",
        ),
    ];
    for (rest, want) in cases {
        sb.write_config(&format!("{OK}{rest}"));
        let out = sb.run(&["check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(78), "{rest:?}: {err}");
        assert!(err.contains(want), "{rest:?}: want {want:?} in\n{err}");
        assert!(err.contains("hint: U+"), "{rest:?}: {err}");
    }
}

#[test]
fn check_warns_about_a_config_others_can_read() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    std::fs::set_permissions(sb.config_path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let s = stdout(&sb.run(&["check"]));
    assert!(s.contains("warning:") && s.contains("chmod 600"), "{s}");
}

#[test]
fn init_writes_a_private_config_and_refuses_to_clobber() {
    let sb = Sandbox::new();
    let out = sb.run(&[
        "init",
        "--date",
        "2026-11-23",
        "--time",
        "09:15",
        "--timezone",
        "America/New_York",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(&sb.config_path().display().to_string()));
    assert_eq!(mode(&sb.config_path()), 0o600);
    let text = std::fs::read_to_string(sb.config_path()).unwrap();
    assert!(text.contains("\ndate = 2026-11-23\n"));
    assert!(text.contains("\ntime = \"09:15\"\n"));
    assert!(text.contains("\ntimezone = \"America/New_York\"\n"));
    let check = stdout(&sb.run(&["check"]));
    assert!(
        check.contains("from Mon 23 Nov 09:15") && check.contains("America/New_York"),
        "{check}"
    );

    let again = sb.run(&["init", "--date", "2026-12-01"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(sb.config_path()).unwrap(),
        text,
        "not clobbered"
    );

    let forced = sb.run(&["init", "--date", "2026-12-01", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    let text = std::fs::read_to_string(sb.config_path()).unwrap();
    assert!(text.contains("\ndate = 2026-12-01\n") && text.contains("\n# time = \"12:00\"\n"));
}

#[test]
fn init_and_install_take_a_plan_by_name_or_path() {
    let sb = Sandbox::new();
    let out = sb.run(&["init", "--date", "2026-11-23", "--plan", "tattoo"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(sb.config_path()).unwrap();
    assert!(text.contains("\nplan = \"tattoo\"\n"), "{text}");
    assert_stdout_has(
        &sb.run(&["plan", "--all", "--now", "2026-11-23T00:00:00Z"]),
        "plan tattoo",
    );

    // a clinic's file, relative to where the command runs (not to the
    // config's folder): written as an absolute path
    let dir = sb.path().join("clinic");
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("after-peel.toml");
    std::fs::write(
        &plan,
        "description = \"A clinic's own\"\n[reminders.rinse]\ndays = \"0-2\"\nat = [\"09:00\"]\ntitle = \"Clinic rinse\"\n",
    )
    .unwrap();
    let mut cmd = sb.command(common::bin());
    cmd.current_dir(&dir).args([
        "init",
        "--force",
        "--date",
        "2026-11-23",
        "--plan",
        "after-peel.toml",
    ]);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(sb.config_path()).unwrap();
    assert!(
        text.contains(&format!("\nplan = \"{}\"\n", plan.display())),
        "{text}"
    );
    let check = sb.run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_stdout_has(&check, &format!("plan file {}", plan.display()));

    // install with a config that uses another plan: refused, nothing changed
    let out = sb.run(&["install", "--plan", "laser"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_stderr_has(&out, "install does not change it");
    assert_eq!(std::fs::read_to_string(sb.config_path()).unwrap(), text);

    // unknown names: the list, exit 2, no config written
    let fresh = Sandbox::new();
    let out = fresh.run(&["init", "--date", "2026-11-23", "--plan", "lazer"]);
    assert_eq!(out.status.code(), Some(2));
    assert_stderr_has(
        &out,
        "microneedling, chemical-peel, laser, tattoo, dermaroller",
    );
    assert!(!fresh.config_path().exists());
    // a plan file that is not there: named, exit 78, no config written
    let out = fresh.run(&[
        "init",
        "--date",
        "2026-11-23",
        "--plan",
        "/nonexistent/plan.toml",
    ]);
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    assert_stderr_has(&out, "/nonexistent/plan.toml: there is no such file");
    assert!(!fresh.config_path().exists());
}

#[test]
fn init_rejects_bad_arguments() {
    let sb = Sandbox::new();
    for args in [
        vec!["init", "--date", "2026-02-30"],
        vec!["init", "--date", "2026-11-23", "--time", "25:00"],
        vec!["init", "--date", "2026-11-23", "--timezone", "Mars/Olympus"],
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!sb.config_path().exists());
    }
}

#[test]
fn example_config_parses_and_matches_the_default_plan() {
    let sb = Sandbox::new();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml");
    let out = sb.run(&["check", "--config", example]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The example, uncommented rule by rule, still parses: every sample is valid.
    let text = std::fs::read_to_string(example).unwrap();
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with("[") || is_setting(rest) => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    // `enabled = false` under quiet_hours turns them off; fine too.
    let p = sb.path().join("uncommented.toml");
    std::fs::write(&p, uncommented).unwrap();
    let out = sb.run(&["check", "--config", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// `key = value` with a bare lowercase key (not the aligned prose lines).
fn is_setting(line: &str) -> bool {
    line.split_once(" = ").is_some_and(|(k, _)| {
        !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
    })
}

/// Golden files: tests/fixtures/plan/NAME/{config.toml,now,plan.txt,plan.json}.
/// Set UPDATE_GOLDEN=1 to rewrite them after an intended change.
#[test]
fn golden_plans() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan");
    let mut n = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let now = std::fs::read_to_string(dir.join("now")).unwrap();
        let config = dir.join("config.toml");
        let sb = Sandbox::new();
        for (file, args) in [
            ("plan.txt", vec!["plan"]),
            ("plan-all.txt", vec!["plan", "--all"]),
            ("plan.json", vec!["plan", "--json", "--all"]),
        ] {
            let mut full = vec!["--config", config.to_str().unwrap(), "--now", now.trim()];
            full.extend(args);
            // the computer is where the treatment was
            let zone = treatment_zone(&std::fs::read_to_string(&config).unwrap());
            let out = sb.cmd().args(&full).env("TZ", zone).output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}: {}",
                dir.display(),
                stderr(&out)
            );
            let got = stdout(&out);
            let golden = dir.join(file);
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                std::fs::write(&golden, &got).unwrap();
            }
            let want = std::fs::read_to_string(&golden).unwrap_or_default();
            assert_eq!(got, want, "{} differs from {}", file, dir.display());
            n += 1;
        }
    }
    assert!(n >= 9, "expected at least 3 fixtures");
}

#[test]
fn plan_json_has_the_documented_fields() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    let out = sb.run(&["plan", "--json", "--all"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 91);
    for o in arr {
        for k in [
            "id",
            "rule",
            "day",
            "at",
            "title",
            "body",
            "anchor",
            "treated_at",
        ] {
            assert!(o.get(k).is_some(), "{k} missing in {o}");
        }
        let at = o["at"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(at).is_ok(), "{at}");
        assert_eq!(o["treated_at"], "2026-11-23T13:30:00+00:00");
        // elapsed-time reminders hang on the treatment, the rest on the clock
        let anchor = if o["id"].as_str().unwrap().contains('+') {
            "treatment"
        } else {
            "clock"
        };
        assert_eq!(o["anchor"], anchor, "{o}");
    }
    assert_eq!(arr[0]["at"], "2026-11-23T14:30:00+01:00");
    assert_eq!(arr[0]["rule"], "today");
    assert_eq!(arr[0]["anchor"], "treatment");
    let makeup = arr.iter().find(|o| o["rule"] == "makeup-ok").unwrap();
    assert_eq!(makeup["not_before"], "2026-11-24T13:30:00+00:00");
}

fn journal_with(sb: &Sandbox, entries: &[(&str, &str)]) {
    let mut map = serde_json::Map::new();
    for (id, status) in entries {
        map.insert(id.to_string(), serde_json::json!({"status": status, "at": "2026-11-24T10:00:00Z", "sent_at": "2026-11-24T10:00:00Z"}));
    }
    std::fs::create_dir_all(sb.state_dir()).unwrap();
    std::fs::write(
        sb.journal_path(),
        serde_json::to_vec(&serde_json::json!({"version": 1, "entries": map})).unwrap(),
    )
    .unwrap();
}

#[test]
fn done_marks_the_latest_shown_reminder_of_a_rule() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    journal_with(
        &sb,
        &[
            ("sunscreen@2026-11-24T08:00", "sent"),
            ("sunscreen@2026-11-24T10:00", "sent"),
        ],
    );
    let out = sb.run(&["done", "sunscreen", "--now", "2026-11-24T10:30:00Z"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stdout_has(&out, "Tue 24 Nov 10:00");
    // the old journal's ids were migrated on the way
    let j = sb.journal();
    assert_eq!(j["version"], 2);
    assert_eq!(j["entries"]["sunscreen@s1d1T10:00"]["status"], "done");
    assert_eq!(j["entries"]["sunscreen@s1d1T08:00"]["status"], "sent");
    let bad = sb.run(&["done", "sunscren", "--now", "2026-11-24T10:30:00Z"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_stderr_has(&bad, "did you mean `sunscreen`");
    let none = sb.run(&["done", "wrap-up", "--now", "2026-11-24T10:30:00Z"]);
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn plan_all_and_status_show_adherence() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    journal_with(
        &sb,
        &[
            ("sunscreen@2026-11-24T08:00", "done"),
            ("sunscreen@2026-11-24T10:00", "sent"),
            ("sunscreen@2026-11-24T12:00", "missed"),
            ("morning-care@2026-11-24T08:00", "done"),
        ],
    );
    // 13:30 in Berlin: the 08:00, 10:00 and 12:00 sunscreen are past.
    let now = "2026-11-24T12:30:00Z";
    let plan = stdout(&sb.run(&["plan", "--all", "--now", now]));
    // The first sunscreen is part of the morning routine: a '+' line.
    assert!(
        plan.contains("      +  Cleanse and moisturize  [done]\n      +  Sunscreen  [done]\n"),
        "{plan}"
    );
    assert!(plan.contains("10:00  Sunscreen  [sent]"), "{plan}");
    assert!(plan.contains("12:00  Sunscreen  [missed]"), "{plan}");
    let out = sb.run(&["status", "--now", now]);
    let s = stdout(&out);
    assert!(s.contains("sunscreen: 1 sent, 1 done, 1 missed"), "{s}");
    let day1 = s
        .lines()
        .find(|l| l.trim_start().starts_with("Day 1:"))
        .unwrap();
    assert!(
        day1.contains("sunscreen 1/3 done") && day1.contains("morning-care 1/1 done"),
        "{day1}"
    );
}

#[test]
fn today_prints_the_summary() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    // Treated at 14:30: 72 hours are up on day 3 in the afternoon, so
    // workouts are announced with the morning routine of day 4.
    let s = stdout(&sb.run(&["today", "--now", "2026-11-27T10:00:00Z"]));
    assert!(s.starts_with("Day 4 — Fri 27 Nov\n"), "{s}");
    assert!(
        s.contains("From today, usually fine again: sweaty workouts."),
        "{s}"
    );
    let day3 = stdout(&sb.run(&["today", "--now", "2026-11-26T10:00:00Z"]));
    assert!(
        day3.starts_with("Day 3 — Thu 26 Nov\n")
            && day3.contains("Still off-limits: sweaty workouts (1 more day)"),
        "{day3}"
    );
    let before = stdout(&sb.run(&["today", "--now", "2026-11-20T10:00:00Z"]));
    assert!(
        before.contains("Your treatment is on Mon 23 Nov"),
        "{before}"
    );
}

#[test]
fn completions_and_man_page_come_from_the_cli() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = sb.run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        let s = stdout(&out);
        for sub in ["install", "plan", "export", "today"] {
            assert!(s.contains(sub), "{shell} completions lack {sub}");
        }
    }
    let man = stdout(&sb.run(&["man"]));
    assert!(
        man.contains(".TH aftercare 1") && man.contains("install"),
        "{man}"
    );
    // One page per command, each a valid page for man(1) itself.
    let dir = sb.path().join("man/man1");
    let out = sb.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for page in [
        "aftercare",
        "aftercare-plan",
        "aftercare-install",
        "aftercare-done",
    ] {
        let file = dir.join(format!("{page}.1"));
        assert!(file.exists(), "{} missing", file.display());
        let rendered = Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .expect("man (package man-db)");
        assert!(rendered.status.success(), "{}", stderr(&rendered));
        assert!(
            stdout(&rendered).contains(page),
            "{page}: {}",
            stdout(&rendered)
        );
    }
    let plan_page = std::fs::read_to_string(dir.join("aftercare-plan.1")).unwrap();
    assert!(plan_page.contains("json"), "plan page lacks its options");
    let bad = sb.run(&["man", "--dir", "/proc/no/such/dir"]);
    assert_eq!(bad.status.code(), Some(74), "{}", stderr(&bad));
    assert_stderr_has(&bad, "cannot write man pages");
}

#[test]
fn zones_come_from_the_system_database_and_its_absence_is_explained() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    let check = |tzdir: &Path| {
        let mut cmd = sb.cmd();
        cmd.arg("check").env("TZDIR", tzdir);
        cmd.output().unwrap()
    };
    // the real database: Europe/Berlin resolves
    let out = check(Path::new("/usr/share/zoneinfo"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stdout_has(&out, "Europe/Berlin");
    // refused, in words that say all of `said`
    let refused = |tzdir: &Path, said: &[&str]| {
        let out = check(tzdir);
        assert_eq!(out.status.code(), Some(78));
        for needle in said {
            assert_stderr_has(&out, needle);
        }
    };
    // no database at all: a pointed error that says what to install
    let empty = tempfile::tempdir().unwrap();
    refused(
        empty.path(),
        &[
            ":4:",
            "unknown time zone `Europe/Berlin`",
            "install the `tzdata` package",
        ],
    );
    // a damaged zone file: named, with the fix
    std::fs::create_dir(empty.path().join("Europe")).unwrap();
    std::fs::write(empty.path().join("Europe/Berlin"), b"TZif2 damaged").unwrap();
    refused(empty.path(), &["is not a valid TZif file", "reinstall"]);
    // UTC needs no database
    sb.write_config("[treatment]\ndate = 2026-11-23\ntimezone = \"UTC\"\n");
    let out = check(empty.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Bad dates, times and zones on the command line get the config's words,
/// for every command and flag that takes them, with exit 2 and nothing
/// written.
#[test]
fn cli_dates_times_and_zones_are_explained_like_the_configs() {
    let sb = Sandbox::new();
    #[rustfmt::skip]
    let cases: &[(&[&str], &str)] = &[
        (&["--date", "23/11/2026"], "invalid value '23/11/2026' for '--date <YYYY-MM-DD>': `23/11/2026` is not a date: write dates as YYYY-MM-DD, e.g. 2026-11-23 (did you mean 2026-11-23?)"),
        (&["--date", "2026-11-31"], "`2026-11-31` is not a date: November has 30 days"),
        (&["--date", "2026-02-29"], "`2026-02-29` is not a date: February 2026 has 28 days"),
        (&["--date", "2026-13-01"], "there is no month 13"),
        (&["--date", "2026-11-23T14:30"], "`2026-11-23T14:30` is a date and a time: give the date with --date 2026-11-23 and the time with --time 14:30"),
        (&["--date", "2026-11-23", "--time", "25:00"], "for '--time <HH:MM>': `25:00` is not a time of day: write it as \"HH:MM\", 24-hour, like \"08:30\""),
        (&["--date", "2026-11-23", "--time", "2:30pm"], "write it as \"HH:MM\", 24-hour"),
        (&["--date", "2026-11-23", "--timezone", "America/Los_Angelos"], "for '--timezone <TZ>': unknown time zone `America/Los_Angelos`: did you mean \"America/Los_Angeles\"?"),
        (&["--date", "2026-11-23", "--timezone", "Mars/Olympus"], "unknown time zone `Mars/Olympus`: use an IANA name"),
    ];
    for command in ["init", "install"] {
        for (args, expect) in cases {
            let mut full = vec![command];
            full.extend_from_slice(args);
            let out = sb.run(&full);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{full:?}: {err}");
            assert!(err.starts_with("error: invalid value '"), "{full:?}: {err}");
            assert!(
                err.contains(expect),
                "{full:?}: expected {expect:?} in\n{err}"
            );
            assert!(
                !err.contains("input contains invalid characters")
                    && !err.contains("out of range")
                    && !err.contains("trailing input"),
                "{err}"
            );
            assert!(!sb.config_path().exists(), "{full:?} wrote a config");
        }
    }
    // The hidden --now is explained too.
    let out = sb.run(&["plan", "--now", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    assert_stderr_has(&out, "write it as RFC 3339");

    // The config file says the same, with file:line:col.
    #[rustfmt::skip]
    let config: &[(&str, &str)] = &[
        ("date = \"2026-11-31\"", ":2:8: `date` is not a valid calendar date: November has 30 days"),
        ("date = 2026-11-31", "hint: November has 30 days"),
        ("date = \"23/11/2026\"", ":2:8: `date` is not a valid calendar date: write dates as YYYY-MM-DD, e.g. 2026-11-23 (did you mean 2026-11-23?)"),
        ("date = 2026-11-23T14:30:00", "hint: give the date and the time apart: `date = 2026-11-23` and `time = \"14:30\"`"),
        ("date = 2026-11-23\ntimezone = \"America/Los_Angelos\"", "did you mean \"America/Los_Angeles\"?"),
    ];
    let file = sb.path().join("c.toml");
    for (text, expect) in config {
        std::fs::write(&file, format!("[treatment]\n{text}\n")).unwrap();
        let out = sb.run(&["check", "--config", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(78), "{text}");
        assert!(
            stderr(&out).contains(expect),
            "{text}: expected {expect:?} in\n{}",
            stderr(&out)
        );
    }
}

/// `export --ics` alone and `--ics -` write the calendar to stdout; `--ics
/// FILE` writes the file; a flag after `--ics` is not taken as its file.
#[test]
fn export_ics_writes_stdout_without_a_file() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    let now = "2026-11-20T10:00:00Z";
    let reference = sb.run(&["export", "--now", now]);
    assert_eq!(reference.status.code(), Some(0), "{}", stderr(&reference));
    let text = stdout(&reference);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    for args in [
        vec!["export", "--ics", "--now", now],
        vec!["export", "--now", now, "--ics"],
        vec!["export", "--ics", "-", "--now", now],
    ] {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), text, "{args:?}");
    }
    let file = sb.path().join("out.ics");
    let out = sb.run(&["export", "--ics", file.to_str().unwrap(), "--now", now]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("wrote {}", file.display())));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert!(!sb.path().join("--now").exists());
}

/// Spawn aftercare with stdout on a pipe; either read one line and then
/// close the pipe (`| head -1`), or close it before the program writes (so
/// the first write surely fails). It must exit 0 with nothing on stderr.
fn assert_quiet_on_closed_pipe(sb: &Sandbox, args: &[&str], read_first: bool) {
    use std::io::BufRead;
    use std::process::Stdio;
    let mut child = sb
        .cmd()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pipe = child.stdout.take().unwrap();
    if read_first {
        let mut reader = std::io::BufReader::new(pipe);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "{args:?} printed nothing");
    } else {
        drop(pipe);
    }
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(
        !err.contains("panicked"),
        "{args:?} (read first: {read_first}): {err}"
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?} (read first: {read_first}): {err}"
    );
    assert!(err.is_empty(), "{args:?} (read first: {read_first}): {err}");
}

#[test]
fn no_command_panics_or_fails_on_a_closed_pipe() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    let now = ["--now", "2026-11-24T10:00:00Z"];
    let commands: &[&[&str]] = &[
        &["plan"],
        &["plan", "--all"],
        &["plan", "--json", "--all"],
        &["today"],
        &["check"],
        &["plans"],
        &["export"],
        &["export", "--ics"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["man"],
        &["--help"],
        &["--version"],
        &["plan", "--help"],
        &["help", "export"],
    ];
    for args in commands {
        let mut full = args.to_vec();
        if !args
            .iter()
            .any(|a| a.contains("help") || a.contains("version"))
        {
            full.extend(now);
        }
        for read_first in [true, false] {
            assert_quiet_on_closed_pipe(&sb, &full, read_first);
        }
    }
    // and through a real shell pipeline
    for cmd in [
        "plan --all",
        "completions bash",
        "man",
        "export --ics",
        "--help",
    ] {
        let mut sh = sb.command("bash");
        sh.args([
            "-o",
            "pipefail",
            "-c",
            &format!("\"$0\" {cmd} | head -1 >/dev/null"),
            common::bin(),
        ]);
        let out = sh.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{cmd}: {}", stderr(&out));
    }
}

/// Hidden flags (`--now`) stay out of every shell's completions; bash's
/// and fish's are loaded into the shell and asked.
#[test]
fn completions_do_not_offer_hidden_flags() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let text = stdout(&sb.run(&["completions", shell]));
        assert!(text.contains("config"), "{shell}: {text}");
        assert!(
            !text.contains("--now") && !text.contains("-l now") && !text.contains("now="),
            "{shell} offers --now"
        );
        assert!(!text.contains("RFC 3339"), "{shell} describes --now");
    }
    // bash: complete `aftercare plan --` and `aftercare --` with the real function
    let script = r#"source <("$0" completions bash) || exit 9
ask() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        COMPREPLY=(); _aftercare aftercare "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\n' "${COMPREPLY[@]}"; }
ask aftercare plan --; echo ---; ask aftercare --; echo ---; ask aftercare export --"#;
    let out = sb
        .command("bash")
        .args(["-c", script, common::bin()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let parts: Vec<&str> = text.split("---\n").collect();
    assert_eq!(parts.len(), 3, "{text}");
    assert!(
        parts[0].contains("--json\n") && parts[0].contains("--config\n"),
        "{text}"
    );
    assert!(parts[1].contains("--config\n"), "{text}");
    assert!(parts[2].contains("--ics\n"), "{text}");
    assert!(!text.contains("--now"), "bash offers --now:\n{text}");
    // fish, when installed (CI installs it)
    if common::installed("fish") {
        let out = sb
            .command("fish")
            .args([
                "-c",
                &format!(
                    "{} completions fish | source; complete -C 'aftercare plan --'; echo ---; complete -C 'aftercare --'",
                    common::bin()
                ),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains("--json") && text.contains("--config"),
            "{text}"
        );
        assert!(!text.contains("--now"), "fish offers --now:\n{text}");
    } else {
        assert!(std::env::var_os("CI").is_none(), "fish is not installed");
        eprintln!(
            "\n*** SKIPPED loading fish completions: fish is not installed; CI installs it. ***\n"
        );
    }
}

/// `man` and every page of `man --dir` carry EXIT STATUS, ENVIRONMENT and
/// FILES, render with man(1), and refer only to pages that exist.
#[test]
fn man_pages_have_exit_status_environment_and_files() {
    let sb = Sandbox::new();
    let dir = sb.path().join("man1");
    let out = sb.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let single = sb.path().join("single.1");
    std::fs::write(&single, sb.run(&["man"]).stdout).unwrap();
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    let names: std::collections::HashSet<String> = pages
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.contains("aftercare") && names.contains("aftercare-export"),
        "{names:?}"
    );
    assert!(!names.contains("aftercare-help"), "no page for `help`");
    pages.push(single);
    for page in &pages {
        let rendered = Command::new("man")
            .arg("-l")
            .arg(page)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .env("LANG", "C.UTF-8")
            .output()
            .expect("man (package man-db)");
        assert!(rendered.status.success(), "{}", stderr(&rendered));
        let text = stdout(&rendered);
        let section = |name: &str| {
            let start = text
                .find(&format!("\n{name}\n"))
                .unwrap_or_else(|| panic!("{}: no {name} section in\n{text}", page.display()));
            let rest = &text[start + name.len() + 2..];
            let end = rest.find("\n\n\x1b").or_else(|| {
                rest.match_indices('\n')
                    .find(|(i, _)| rest[i + 1..].starts_with(|c: char| c.is_ascii_uppercase()))
                    .map(|(i, _)| i)
            });
            rest[..end.unwrap_or(rest.len())].to_string()
        };
        let exit = section("EXIT STATUS");
        for code in ["0", "1", "2", "3", "69", "74", "78"] {
            assert!(
                exit.lines()
                    .any(|l| l.trim_start().starts_with(&format!("{code} "))),
                "{}: exit {code} missing in\n{exit}",
                page.display()
            );
        }
        let env = section("ENVIRONMENT");
        for var in [
            "AFTERCARE_CONFIG",
            "AFTERCARE_LOG",
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "XDG_DATA_HOME",
            "TZ",
            "TZDIR",
            "LC_MESSAGES",
            "LANGUAGE",
            "DBUS_SESSION_BUS_ADDRESS",
            "NOTIFY_SOCKET",
            "JOURNAL_STREAM",
        ] {
            assert!(
                env.contains(var),
                "{}: {var} missing in\n{env}",
                page.display()
            );
        }
        let files = section("FILES");
        for f in [
            "~/.config/aftercare/config.toml",
            "~/.local/state/aftercare/journal.json",
            "~/.config/systemd/user/aftercare.service",
            "~/.local/share/applications/aftercare.desktop",
        ] {
            assert!(
                files.contains(f),
                "{}: {f} missing in\n{files}",
                page.display()
            );
        }
        // every aftercare…(1) named is a page that was written
        for (i, _) in text.match_indices("aftercare") {
            let rest = &text[i..];
            if let Some(end) = rest.find("(1)") {
                let name = &rest[..end];
                if name.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    assert!(
                        names.contains(name),
                        "{}: {name}(1) has no page",
                        page.display()
                    );
                }
            }
        }
        // mandoc's linter, when installed: no errors, no warnings of ours
        if common::installed("mandoc") {
            let lint = Command::new("mandoc")
                .args(["-Tlint", "-Wwarning"])
                .arg(page)
                .output()
                .unwrap();
            for l in stdout(&lint).lines().chain(stderr(&lint).lines()) {
                // clap_mangen's: an empty .TH date, a .br after .sp
                let known =
                    l.contains("cannot parse date") || l.contains("skipping paragraph macro");
                assert!(known, "{}: mandoc: {l}", page.display());
            }
        }
    }
}

// ------------------------------------------------------------ plans

/// A sandbox whose config names the plan file `clinic.toml`, and where
/// that file is (beside the config; not written).
fn clinic_plan_sandbox() -> (Sandbox, PathBuf) {
    let sb = Sandbox::new();
    sb.write_config(&format!("{OK}plan = \"clinic.toml\"\n"));
    let file = sb.config_path().with_file_name("clinic.toml");
    (sb, file)
}

/// The example plan file of docs/plan-files.md, between its marker lines.
fn documented_example_plan() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/plan-files.md"))
        .unwrap();
    let (_, rest) = doc.split_once("<!-- example plan: begin -->").unwrap();
    let (inner, _) = rest.split_once("<!-- example plan: end -->").unwrap();
    let inner = inner.trim();
    let toml = inner
        .strip_prefix("```toml")
        .and_then(|s| s.strip_suffix("```"))
        .unwrap();
    toml.trim_start().to_string()
}

#[test]
fn plans_lists_every_built_in_plan_on_one_line() {
    let sb = Sandbox::new();
    let out = sb.run(&["plans"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = stdout(&out);
    let want = [
        ("microneedling", "14 days", "Microneedling at a clinic"),
        ("chemical-peel", "14 days", "chemical peel"),
        ("laser", "14 days", "IPL"),
        ("tattoo", "15 days", "tattoo"),
        ("dermaroller", "5 days", "derma-rolling"),
    ];
    assert_eq!(s.lines().count(), want.len(), "{s}");
    for (line, (name, days, words)) in s.lines().zip(want) {
        let fields: Vec<&str> = line.split("  ").filter(|f| !f.is_empty()).collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert_eq!(fields[0].trim(), name, "{line}");
        assert_eq!(fields[1].trim(), days, "{line}");
        assert!(fields[2].contains(words), "{line}");
    }
    // Each one named in a config passes `check`.
    for (name, ..) in want {
        sb.write_config(&format!("{OK}plan = \"{name}\"\n"));
        let out = sb.run(&["check"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let out = sb.run(&["plan", "--all", "--now", "2026-11-23T12:00:00Z"]);
        assert_stdout_has(&out, &format!("plan {name}"));
    }
    // in the locale's language
    let out = sb
        .cmd()
        .env("LANG", "de_DE.UTF-8")
        .arg("plans")
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(s.lines().next().unwrap().contains("  14 Tage  "), "{s}");
    assert!(s.contains("  5 Tage  "), "{s}");
}

#[test]
fn a_clinic_plan_file_beside_the_config_or_anywhere() {
    let (sb, beside) = clinic_plan_sandbox();
    let example = documented_example_plan();
    std::fs::write(&beside, &example).unwrap();
    // Run from elsewhere: the path counts from the config's folder.
    let mut cmd = sb.cmd();
    cmd.arg("check").current_dir("/");
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(
        s.contains(&format!("plan file {}", beside.display())),
        "{s}"
    );
    let out = sb.run(&["plan", "--all", "--now", "2026-11-23T12:00:00Z"]);
    let plan = stdout(&out);
    assert!(plan.contains("plan clinic.toml"), "{plan}");
    assert!(plan.contains("Soothe your skin"), "{plan}");
    assert!(!plan.contains("Hands off"), "microneedling rules: {plan}");

    // Absolute, in another folder.
    let elsewhere = sb.path().join("clinic-share/plan-v2.toml");
    std::fs::create_dir_all(elsewhere.parent().unwrap()).unwrap();
    std::fs::write(&elsewhere, &example).unwrap();
    sb.write_config(&format!("{OK}plan = \"{}\"\n", elsewhere.display()));
    let out = sb.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(&elsewhere.display().to_string()));
    let today = stdout(&sb.run(&["today", "--now", "2026-11-25T09:00:00Z"]));
    assert!(today.contains("the skin may feel dry"), "{today}");
}

#[test]
fn a_broken_clinic_plan_file_names_itself_with_line_column_and_caret() {
    let (sb, file) = clinic_plan_sandbox();
    // The example with one bad time: where is it?
    let bad = documented_example_plan().replacen("at = [\"20:00\"]", "at = [\"20:70\"]", 1);
    let (line_no, line) = bad
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("20:70"))
        .unwrap();
    std::fs::write(&file, &bad).unwrap();
    let out = sb.run(&["check"]);
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    let err = stderr(&out);
    let col = line.find("\"20:70\"").unwrap() + 1;
    let want = format!(
        "error: {}:{}:{col}: `20:70` is not a time of day",
        file.display(),
        line_no + 1
    );
    assert!(err.starts_with(&want), "want {want}\n{err}");
    assert!(err.contains(&format!("| {line}")), "{err}");
    assert!(err.contains("^^^^^^^"), "{err}");
    assert!(err.contains("hint: "), "{err}");
    assert!(stdout(&out).is_empty());

    // A config's table in a plan file.
    std::fs::write(&file, OK).unwrap();
    let err = stderr(&sb.run(&["check"]));
    assert!(
        err.starts_with(&format!(
            "error: {}:1:2: unknown field `treatment`",
            file.display()
        )),
        "{err}"
    );
    assert!(err.contains("belongs in the config"), "{err}");

    // A directory, a FIFO: named, not read (and nothing blocks).
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let err = check_refused(&sb);
    assert!(err.contains("it is a directory"), "{err}");
    std::fs::remove_dir(&file).unwrap();
    let fifo = Command::new("mkfifo").arg(&file).status().unwrap();
    assert!(fifo.success());
    let err = check_refused(&sb);
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn a_missing_clinic_plan_file_says_which_path_was_tried() {
    let (sb, tried) = clinic_plan_sandbox();
    let err = check_refused(&sb);
    let want = format!(
        "error: {}:5:8: cannot read the plan file {}: there is no such file",
        sb.config_path().display(),
        tried.display()
    );
    assert!(err.starts_with(&want), "want {want}\n{err}");
    assert!(err.contains("^^^^^^^^^^^^^"), "{err}");
    assert!(
        err.contains("hint: a relative path counts from the config's folder"),
        "{err}"
    );
    assert!(err.contains("aftercare plans"), "{err}");
}

// ------------------------------------------------------------ languages

/// `aftercare plan` (and `today`) with `LANG=…` set, at the default-berlin
/// fixture's moment (day 2, Wednesday 25 November).
fn plan_in(sb: &Sandbox, lang: &str, args: &[&str]) -> std::process::Output {
    sb.cmd()
        .env("LANG", lang)
        .args(args)
        .args(["--now", "2026-11-25T10:00:00Z"])
        .output()
        .unwrap()
}

#[test]
fn plan_and_today_follow_lang() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    // (LANG, words of `plan` that only that language has, of `today`)
    #[rustfmt::skip]
    let cases: [(&str, &[&str], &[&str]); 3] = [
        ("de_DE.UTF-8",
         &["Behandlung Mo., 23. Nov. um 14:30 (Europe/Berlin), Plan microneedling\n",
           "\nTag 2 — Mi., 25. Nov. (Tageslicht 07:44–16:03)\n",
           "\nTag 3 — Do., 26. Nov.",
           "Tag 2: ", "[verpasst]", "<- als Nächstes", "Sonnenschutz richtet sich nach dem Tageslicht"],
         &["Tag 2 — Mi., 25. Nov.\n", "Noch zu meiden: ", "(noch 2 Tage)", "(noch 3 Tage)", "Tageslicht 07:44–16:03"]),
        ("es_ES.UTF-8",
         &["Tratamiento lun, 23 nov a las 14:30 (Europe/Berlin), plan microneedling\n",
           "\nDía 2 — mié, 25 nov (luz del día 07:44–16:03)\n",
           "\nDía 3 — jue, 26 nov",
           "[perdido]", "<- siguiente"],
         &["Día 2 — mié, 25 nov\n", "Todavía debe evitar: ", "(faltan 2 días)"]),
        ("fr_FR.UTF-8",
         &["Traitement lun. 23 nov. à 14:30 (Europe/Berlin), plan microneedling\n",
           "\nJour 2 — mer. 25 nov. (lumière du jour 07:44–16:03)\n",
           "\nJour 3 — jeu. 26 nov.",
           "Jour 2\u{a0}: ", "[manqué]", "<- prochain"],
         &["Jour 2 — mer. 25 nov.\n", "Encore à éviter\u{a0}: ", "(encore 2 jours)"]),
    ];
    for (lang, plan_words, today_words) in cases {
        let out = plan_in(&sb, lang, &["plan"]);
        assert_eq!(out.status.code(), Some(0), "{lang}: {}", stderr(&out));
        for w in plan_words {
            assert_stdout_has(&out, w);
        }
        let s = stdout(&out);
        for english in ["Treatment", "Day 2", "[missed]", "<- next", "daylight"] {
            assert!(!s.contains(english), "{lang}: {english:?} in\n{s}");
        }
        assert_eq!(
            stderr(&out),
            "",
            "{lang}: a language aftercare has, no note"
        );
        let out = plan_in(&sb, lang, &["today"]);
        assert_eq!(out.status.code(), Some(0), "{lang}: {}", stderr(&out));
        for w in today_words {
            assert_stdout_has(&out, w);
        }
    }
}

#[test]
fn lc_all_beats_lang_and_c_means_english() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    // LANG=de_DE.UTF-8, and another variable that wins over it
    let plan_with = |var: &str, value: &str| {
        sb.cmd()
            .env("LANG", "de_DE.UTF-8")
            .env(var, value)
            .args(["plan", "--now", "2026-11-25T10:00:00Z"])
            .output()
            .unwrap()
    };
    assert_stdout_has(
        &plan_with("LC_ALL", "fr_FR.UTF-8"),
        "\nJour 2 — mer. 25 nov.",
    );
    assert_stdout_has(&plan_with("LC_MESSAGES", "C"), "\nDay 2 — Wed 25 Nov");
}

#[test]
fn language_in_the_config_beats_lang() {
    let sb = Sandbox::new();
    sb.write_config(&format!("language = \"fr\"\n{OK}"));
    let out = plan_in(&sb, "de_DE.UTF-8", &["plan"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stdout_has(&out, "Traitement lun. 23 nov. à 14:30");
    assert_stdout_has(&out, "\nJour 2 — mer. 25 nov.");
    assert!(!stdout(&out).contains("Tag 2"), "{}", stdout(&out));
    // `--json` keeps its machine keys and values
    let out = plan_in(&sb, "de_DE.UTF-8", &["plan", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let missed: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "missed")
        .collect();
    assert!(!missed.is_empty(), "status values stay English: {v}");
    assert_eq!(missed[0]["rule"], "summary");
}

#[test]
fn an_unknown_language_is_english_with_one_warning() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    let out = plan_in(&sb, "pt_BR.UTF-8", &["plan"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stdout_has(&out, "Treatment Mon 23 Nov at 14:30");
    assert_stdout_has(&out, "\nDay 2 — Wed 25 Nov");
    assert_eq!(
        stderr(&out),
        "warning: language \"pt\" (from LANG) is not available; using English (available: en, de, es, fr)\n"
    );
    // the same from the config: English, one warning, not an error
    sb.write_config(&format!("language = \"pt-BR\"\n{OK}"));
    let out = plan_in(&sb, "de_DE.UTF-8", &["plan"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stdout_has(&out, "\nDay 2 — Wed 25 Nov");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("\"pt-BR\" (from the config)"), "{err}");
    // `check` accepts it
    assert_eq!(sb.run(&["check"]).status.code(), Some(0));
}

#[test]
fn a_malformed_language_is_a_config_error_with_a_hint() {
    let sb = Sandbox::new();
    for (text, expect) in [
        (
            format!("language = 5\n{OK}"),
            "`language` must be a language tag in quotes, not integer",
        ),
        (
            format!("language = \"Deutsch!\"\n{OK}"),
            "`language = \"Deutsch!\"` is not a language tag",
        ),
    ] {
        sb.write_config(&text);
        let out = sb.run(&["check"]);
        assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
        assert_stderr_has(&out, "config.toml:1:12");
        assert_stderr_has(&out, expect);
        assert_stderr_has(&out, "e.g. language = \"de\"");
    }
    // written inside a table: where it belongs
    sb.write_config(&format!("{OK}language = \"de\"\n"));
    let err = check_refused(&sb);
    assert!(err.contains("`language` is a top-level key"), "{err}");
}

#[test]
fn status_follows_lang() {
    let sb = Sandbox::new();
    sb.write_config(OK);
    let out = plan_in(&sb, "de_DE.UTF-8", &["status"]);
    let s = stdout(&out);
    for w in [
        "Dienst: ",
        "Daemon: läuft nicht\n",
        "Konfiguration: ",
        "Erinnerungen, Europe/Berlin)",
        "Als Nächstes:\n",
        "  Mi., 25. Nov. 12:00  ",
        "(Tag 2)",
        "Bisher: 0 gesendet, 0 erledigt",
        "verpasst",
    ] {
        assert!(s.contains(w), "{w:?} not in\n{s}");
    }
}

#[test]
fn a_clinic_plan_file_carries_its_own_translation() {
    let sb = Sandbox::new();
    let dir = sb.config_path().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("clinic.toml"),
        "description = \"A clinic's plan\"\n\n[reminders.rinse]\ndays = \"0-3\"\nat = [\"09:00\"]\ntitle = \"Rinse\"\nbody = \"Lukewarm water.\"\n\n[reminders.balm]\ndays = \"0-3\"\nat = [\"19:00\"]\ntitle = \"Balm\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("clinic.de.ftl"),
        "title-rinse = Abspülen\nbody-rinse = Mit lauwarmem Wasser.\n",
    )
    .unwrap();
    sb.write_config(
        "[treatment]\ndate = 2026-11-23\ntime = \"08:30\"\ntimezone = \"Europe/Berlin\"\nplan = \"clinic.toml\"\n",
    );
    let out = plan_in(&sb, "de_DE.UTF-8", &["plan", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first_of = |rule: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|o| o["rule"] == rule)
            .unwrap()
    };
    let first = first_of("rinse");
    assert_eq!(first["title"], "Abspülen");
    assert_eq!(first["body"], "Mit lauwarmem Wasser.");
    // a key the translation lacks keeps the plan's words
    assert_eq!(first_of("balm")["title"], "Balm");
    // French: no translation beside it, the plan's own words
    let out = plan_in(&sb, "fr_FR.UTF-8", &["plan"]);
    assert_stdout_has(&out, "  Rinse");
    // `check` checks every translation there is, in any language
    let check = |file: &str, text: &str, lang: Option<&str>| {
        std::fs::write(dir.join(file), text).unwrap();
        match lang {
            Some(lang) => plan_in(&sb, lang, &["check"]),
            None => sb.run(&["check"]),
        }
    };
    let out = check("clinic.es.ftl", "title-balm = Bálsamo\n", None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stdout_has(&out, "clinic.toml (translated: de, es)\n");
    let out = check("clinic.es.ftl", "title-balsam = Bálsamo\n", None);
    assert_eq!(out.status.code(), Some(78), "{}", stdout(&out));
    assert_stderr_has(
        &out,
        "clinic.es.ftl:1:1: `title-balsam` is not a text of the plan",
    );
    std::fs::remove_file(dir.join("clinic.es.ftl")).unwrap();
    // a key the plan does not have is an error in the translation's file,
    // and so is one that is not Fluent, positioned
    let wrong: [(&str, &[&str]); 2] = [
        (
            "title-rinse = Abspülen\ntitle-rins = X\n",
            &[
                "clinic.de.ftl:2:1",
                "`title-rins` is not a text of the plan",
                "did you mean `title-rinse`?",
            ],
        ),
        (
            "title-rinse = Abspülen\nbody-rinse\n",
            &["clinic.de.ftl:2:", "not valid Fluent syntax"],
        ),
    ];
    for (text, said) in wrong {
        let out = check("clinic.de.ftl", text, Some("de_DE.UTF-8"));
        assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
        for needle in said {
            assert_stderr_has(&out, needle);
        }
    }
}

/// A journal the previous release wrote (tests/fixtures/journal-v1): its
/// ids named local clock times. `plan` reads it migrated in memory; the
/// daemon migrates it on disk at its first start, every entry kept under
/// its zone-independent id, and the treatment instant recorded.
#[test]
fn a_journal_of_the_previous_release_is_migrated() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-v1");
    let sb = Sandbox::new();
    sb.write_config(&std::fs::read_to_string(fixture.join("config.toml")).unwrap());
    std::fs::create_dir_all(sb.state_dir()).unwrap();
    let old_text = std::fs::read_to_string(fixture.join("journal.json")).unwrap();
    std::fs::write(sb.journal_path(), &old_text).unwrap();
    let old: serde_json::Value = serde_json::from_str(&old_text).unwrap();
    let old = old["entries"].as_object().unwrap().clone();
    assert_eq!(old.len(), 33);

    // the config names no zone: the old daemon read it in Berlin
    let plan = |sb: &Sandbox| -> serde_json::Value {
        let out = sb
            .cmd()
            .args(["plan", "--json", "--all", "--now", "2026-12-04T21:14:00Z"])
            .env("TZ", "Europe/Berlin")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let before = plan(&sb);
    let missed = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|o| o["status"] == "missed")
            .count()
    };
    assert_eq!(
        missed(&before),
        33,
        "every old entry found under its new id"
    );
    assert_eq!(
        std::fs::read_to_string(sb.journal_path()).unwrap(),
        old_text,
        "reading changes nothing on disk"
    );

    // the daemon, with no notification server: it migrates and saves
    let mut cmd = sb.cmd();
    cmd.args(["run"])
        .env("TZ", "Europe/Berlin")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .env("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent");
    let mut d = common::daemon::Running::spawn(cmd);
    d.wait_event("journal_migrated");
    d.wait_event("treatment_recorded");
    d.signal("TERM");
    d.wait_exit();
    let j = sb.journal();
    assert_eq!(j["version"], 2);
    assert_eq!(j["treatment"]["zone"], "Europe/Berlin");
    assert_eq!(j["treatment"]["at"], "2026-12-01T09:00:00Z");
    let entries = j["entries"].as_object().unwrap();
    for (id, e) in &old {
        assert!(!entries.contains_key(id), "{id} left in the old form");
        // same rule, same record, under the new id
        let rule = id.split('@').next().unwrap();
        assert!(
            entries
                .iter()
                .any(|(k, v)| k.starts_with(&format!("{rule}@s1")) && v["at"] == e["at"]),
            "{id} lost"
        );
    }
    // what the daemon found due since (on a later day) only adds to them
    assert!(missed(&plan(&sb)) >= 33);
}
