#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

//! The plan at a glance, through real programs: the printed chart rendered
//! and printed by headless Chromium and read back with pdftotext (page
//! count per built-in plan, A4 and Letter, four languages); the week
//! grid's goldens; the calendar export read by python3-icalendar and
//! imported by khal; `status --json` against its schema and
//! `--format waybar`.

use crate::common;

use common::{Sandbox, require_tools, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;

const BUILTIN: [&str; 5] = [
    "microneedling",
    "chemical-peel",
    "laser",
    "tattoo",
    "dermaroller",
];
const LANGS: [&str; 4] = ["en", "de", "es", "fr"];

/// A config for a built-in plan in a language, treated Mon 23 Nov 2026
/// 14:30 in Berlin.
fn config(plan: &str, lang: &str) -> String {
    format!(
        "language = \"{lang}\"\n[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\n\
         timezone = \"Europe/Berlin\"\nplan = \"{plan}\"\n"
    )
}

/// `plan --json --all`.
fn plan_json(sb: &Sandbox) -> Vec<serde_json::Value> {
    let out = sb.run(&["plan", "--json", "--all"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().clone()
}

/// Whitespace runs as one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ------------------------------------------------------------------ chart

/// Headless Chromium prints `html` to `pdf` (no header or footer).
fn print_to_pdf(sb: &Sandbox, html: &Path, pdf: &Path) {
    let out = sb
        .command("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            sb.path().join("chromium").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success() && pdf.is_file(),
        "chromium did not print {}: {}",
        html.display(),
        stderr(&out)
    );
}

/// (pages, page size line) of a PDF, from pdfinfo.
fn pdf_pages(sb: &Sandbox, pdf: &Path) -> (u32, String) {
    let out = sb.command("pdfinfo").arg(pdf).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

fn pdf_text(sb: &Sandbox, pdf: &Path) -> String {
    let out = sb
        .command("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// Where the screenshots go, for a person to look at.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("chart");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Each built-in plan, in each of the four languages, on A4 and
/// Letter: one page, with every reminder's title, every milestone, the
/// warning signs and the "not medical advice" line in the PDF's text.
#[test]
fn the_chart_prints_on_one_page_with_every_reminder_and_milestone() {
    require_tools!(
        ("chromium", "chromium"),
        ("pdfinfo", "poppler-utils"),
        ("pdftotext", "poppler-utils")
    );
    let cases = BUILTIN
        .iter()
        .flat_map(|p| LANGS.iter().map(move |l| (*p, *l)));
    for (plan, lang) in cases {
        let sb = Sandbox::new();
        sb.write_config(&config(plan, lang));
        let occurrences = plan_json(&sb);
        for (paper, size) in [("a4", "(A4)"), ("letter", "(letter)")] {
            let html = sb.path().join(format!("{plan}-{lang}-{paper}.html"));
            let out = sb.run(&[
                "chart",
                "--paper",
                paper,
                "--output",
                html.to_str().unwrap(),
            ]);
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            let page = std::fs::read_to_string(&html).unwrap();
            // self-contained: nothing to fetch, no script
            for bad in ["<script", "http://", "https://", "src=", "@import", "url("] {
                assert!(!page.contains(bad), "{plan} {lang}: {bad} in the page");
            }
            assert!(page.contains(&format!("<html lang=\"{lang}\">")));
            let pdf = html.with_extension("pdf");
            print_to_pdf(&sb, &html, &pdf);
            let (pages, page_size) = pdf_pages(&sb, &pdf);
            assert_eq!(pages, 1, "{plan} in {lang} on {paper}: {pages} pages");
            assert!(page_size.ends_with(size), "{paper}: {page_size}");
            let text = squash(&pdf_text(&sb, &pdf));
            // a line broken at a hyphen comes back joined without it
            let bare = |s: &str| -> String {
                s.chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect()
            };
            let joined = bare(&text);
            for o in &occurrences {
                let title = o["title"].as_str().unwrap();
                // the morning summary's row: its title without "Day N: "
                let want = match o["rule"].as_str() {
                    Some("summary") => title.split_once(": ").map_or(title, |(_, t)| t),
                    _ => title,
                };
                assert!(
                    joined.contains(&bare(want)),
                    "{plan} in {lang} on {paper}: {want:?} is not in the PDF:\n{text}"
                );
            }
            // the milestones that allow something again (the peel's makeup
            // milestone does not: after a medium peel makeup waits longer)
            let milestones = occurrences
                .iter()
                .map(|o| o["rule"].as_str().unwrap())
                .filter(|r| r.ends_with("-ok") && !(plan == "chemical-peel" && *r == "makeup-ok"))
                .count();
            assert!(milestones > 0, "{plan}: milestones");
            let from_here = match lang {
                "de" => "✓ ab hier",
                "es" => "✓ a partir de aquí",
                "fr" => "✓ à partir d’ici",
                _ => "✓ from here",
            };
            assert_eq!(
                text.matches(from_here).count(),
                milestones,
                "{plan} in {lang}: every milestone where it falls:\n{text}"
            );
            let (warning, disclaimer) = match lang {
                "de" => ("Warnzeichen", "Keine medizinische Beratung"),
                "es" => ("Señales de alarma", "no es un consejo médico"),
                "fr" => ("Signes d’alerte", "pas un avis médical"),
                _ => ("Warning signs: where to turn", "Not medical advice"),
            };
            assert!(text.contains(warning), "{plan} {lang}: warning box");
            assert!(text.contains(disclaimer), "{plan} {lang}: disclaimer");
            assert!(text.contains(plan), "{plan}: the plan's name");
            if plan == "microneedling" && lang == "en" {
                for m in [
                    "makeup ✓ from here",
                    "sweaty workouts ✓ from here",
                    "pool, sauna and steam ✓ from here",
                ] {
                    assert!(text.contains(m), "{m}");
                }
                assert!(text.contains("Treatment: Mon 23 Nov at 14:30 (Europe/Berlin)"));
            }
        }
    }
}

/// A screenshot of the chart in each language (for a person to look at:
/// target/tmp/chart/*.png), and of a long clinic plan file, which takes
/// two pages at most.
#[test]
fn the_chart_renders_in_four_languages_and_long_plans_take_two_pages() {
    require_tools!(("chromium", "chromium"), ("pdfinfo", "poppler-utils"));
    let dir = screenshot_dir();
    for lang in LANGS {
        let sb = Sandbox::new();
        sb.write_config(&config("microneedling", lang));
        let html = sb.path().join("chart.html");
        let out = sb.run(&["chart", "-o", html.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let png = dir.join(format!("microneedling-{lang}.png"));
        let _ = std::fs::remove_file(&png);
        let out = sb
            .command("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .arg(format!(
                "--user-data-dir={}",
                sb.path().join("chromium").display()
            ))
            .arg(format!("--screenshot={}", png.display()))
            .arg("--window-size=1240,1754")
            .arg(format!("file://{}", html.display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
            "{lang}"
        );
        eprintln!("chart screenshot: {}", png.display());
    }
    // a clinic's 30-day plan file: two pages, not more
    let sb = Sandbox::new();
    let plan = sb.config_home().join("aftercare/long.toml");
    std::fs::create_dir_all(plan.parent().unwrap()).unwrap();
    std::fs::write(
        &plan,
        "description = \"A long plan\"\n\
         [reminders.cream]\ndays = \"1-30\"\nat = [\"08:00\", \"20:00\"]\ntitle = \"Cream\"\n\
         [reminders.spf]\ndays = \"1-30\"\nat = [\"12:00\"]\ntitle = \"SPF\"\n\
         [reminders.gym-ok]\ndays = \"10-12\"\nat = [\"08:00\"]\nnot_before = \"240h\"\nonce = true\n\
         allows = \"the gym\"\ntitle = \"Gym again\"\n",
    )
    .unwrap();
    sb.write_config(
        "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\ntimezone = \"Europe/Berlin\"\nplan = \"long.toml\"\n",
    );
    let html = sb.path().join("long.html");
    let out = sb.run(&["chart", "-o", html.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = html.with_extension("pdf");
    print_to_pdf(&sb, &html, &pdf);
    assert_eq!(pdf_pages(&sb, &pdf).0, 2);
    // a series of two sessions six weeks apart: the empty weeks between
    // are left out, a page per session
    sb.write_config(
        "[treatment]\ndate = [2026-11-23, 2027-01-04]\ntime = \"14:30\"\ntimezone = \"Europe/Berlin\"\n",
    );
    let out = sb.run(&["chart", "-o", html.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("class=\"gap\"").count(), 1, "one gap");
    print_to_pdf(&sb, &html, &pdf);
    assert_eq!(pdf_pages(&sb, &pdf).0, 2);
}

/// `chart` without --output writes the page to standard output; a file it
/// writes is private (the plan's dates).
#[test]
fn the_chart_goes_to_stdout_or_a_private_file() {
    let sb = Sandbox::new();
    sb.write_config(&config("microneedling", "en"));
    let out = sb.run(&["chart"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    assert!(page.contains("@page{size:A4 portrait"));
    let letter = stdout(&sb.run(&["chart", "--paper", "letter"]));
    assert!(letter.contains("@page{size:letter portrait"));
    let file = sb.path().join("c.html");
    let out = sb.run(&["chart", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), page);
    assert_eq!(common::mode(&file), 0o600);
    let out = sb.run(&["chart", "--paper", "a3"]);
    assert_eq!(out.status.code(), Some(2));
    // the person's overrides, as the daemon reads them
    sb.write_config(&format!(
        "{}[reminders.no-picking]\ntitle = \"Fingers off, please\"\n[reminders.sunscreen]\nenabled = false\n",
        config("microneedling", "en")
    ));
    let page = stdout(&sb.run(&["chart"]));
    assert!(page.contains("Fingers off, please") && !page.contains("> Hands off<"));
    assert!(
        !page.contains("> Sunscreen<"),
        "a rule turned off is not on the chart"
    );
    assert!(page.contains("> Daily sunscreen<"));
}

// -------------------------------------------------------------- week grid

/// Golden files: tests/fixtures/week/LANG.txt, the default plan's weeks in
/// each language at 80 columns. UPDATE_GOLDEN=1 rewrites them.
#[test]
fn golden_week_grids() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/week");
    for lang in LANGS {
        let sb = Sandbox::new();
        sb.write_config(&config("microneedling", lang));
        let out = sb.run(&["plan", "--week", "--all", "--now", "2026-11-25T10:00:00Z"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let got = stdout(&out);
        assert!(!got.contains('\x1b'), "no colour off a terminal");
        for line in got.lines() {
            assert!(
                line.chars().count() <= 80,
                "{lang}: {} columns: {line}",
                line.chars().count()
            );
        }
        let golden = root.join(format!("{lang}.txt"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(&root).unwrap();
            std::fs::write(&golden, &got).unwrap();
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        assert_eq!(got, want, "{} differs", golden.display());
        // one week from today
        let out = sb.run(&["plan", "--week", "--now", "2026-11-25T10:00:00Z"]);
        let week = stdout(&out);
        assert!(week.lines().count() < got.lines().count());
    }
}

/// On a terminal (a pty from script(1)) today and the next reminder are
/// highlighted; NO_COLOR turns it off.
#[test]
fn the_week_grid_is_highlighted_on_a_terminal_only() {
    require_tools!(("script", "bsdutils"));
    let sb = Sandbox::new();
    sb.write_config(&config("microneedling", "en"));
    let config = sb.config_path();
    let line = format!(
        "{} --config {} plan --week --now 2026-11-25T10:00:00Z",
        common::bin(),
        config.display()
    );
    let tty = |no_color: Option<&str>| {
        let mut c = sb.command("script");
        c.args(["-qec", &line, "/dev/null"]);
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let coloured = tty(None);
    assert!(coloured.contains("\x1b[7mWed 25\x1b[0m"), "{coloured:?}");
    assert_eq!(coloured.matches("\x1b[1;7m").count(), 1, "{coloured:?}");
    let plain = tty(Some("1"));
    assert!(!plain.contains('\x1b'), "{plain:?}");
    // an empty NO_COLOR does not count (no-color.org)
    assert!(tty(Some("")).contains('\x1b'));
}

// --------------------------------------------------------------- calendar

/// A python3 that has the `icalendar` package (Debian: python3-icalendar),
/// or None after saying so. In CI (`CI` set) its absence fails the test.
fn python_with_icalendar(test: &str) -> Option<&'static str> {
    for python in ["/usr/bin/python3", "python3"] {
        let ok = Command::new(python)
            .args(["-c", "import icalendar"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(python);
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: python3 with the icalendar package is missing (apt-get install python3-icalendar)"
    );
    eprintln!(
        "\n*** SKIPPED {test}: python3-icalendar is not installed (apt-get install python3-icalendar); CI installs it. ***\n"
    );
    None
}

/// Parse an .ics file with Python's icalendar and print its events as JSON;
/// a floating start (no zone) as "floating", else its UTC instant.
const ICS_TO_JSON: &str = r#"
import json, sys
from datetime import timezone
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = []
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    if start.tzinfo is None:
        kind, at = "floating", start.strftime("%Y-%m-%dT%H:%M:%S")
    else:
        kind, at = "utc", start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    events.append({
        "uid": str(ev["UID"]),
        "kind": kind,
        "start": at,
        "summary": str(ev["SUMMARY"]),
        "description": str(ev.get("DESCRIPTION", "")),
        "alarms": len(ev.walk("VALARM")),
    })
print(json.dumps({"name": str(cal.get("X-WR-CALNAME")), "events": events}))
"#;

/// The plan's moments: occurrences at one instant, as the daemon shows
/// them (one notification each).
fn moments(plan: &[serde_json::Value]) -> Vec<Vec<&serde_json::Value>> {
    let mut out: Vec<Vec<&serde_json::Value>> = Vec::new();
    for o in plan {
        match out.last_mut() {
            Some(m) if m[0]["at"] == o["at"] => m.push(o),
            _ => out.push(vec![o]),
        }
    }
    out
}

/// The rules of the default plan that hang on the treatment's instant:
/// elapsed time (`after`) and the milestones.
fn on_an_instant(rule: &str) -> bool {
    matches!(rule, "today" | "first-rinse" | "hydrate") || rule.ends_with("-ok")
}

fn export_ics(sb: &Sandbox) -> PathBuf {
    let file = sb.path().join("aftercare.ics");
    let out = sb.run(&[
        "export",
        "--ics",
        file.to_str().unwrap(),
        "--now",
        "2026-11-20T10:00:00Z",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(" events)"));
    file
}

/// The exported file, read by an independent iCalendar parser: one event
/// per moment (what the desktop shows as one notification), each listing
/// that moment's reminders in plan order, with one alarm; clock-time
/// routines in floating local time, elapsed-time reminders and milestones
/// at their UTC instant; UIDs from the first occurrence's id, stable.
#[test]
fn export_ics_has_one_event_per_moment_read_by_an_independent_parser() {
    let Some(python) = python_with_icalendar(common::test_name!()) else {
        return;
    };
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "{}[reminders.spf]\ndays = \"1-2\"\nat = [\"10:45\"]\n\
         title = \"Sunscreen, SPF 50; reapply \\\\ now — Sonnencreme für Gesicht, Hals & Ohren ☀️🧴\"\n\
         body = \"Line one; with, commas.\\nLine two: Grüße — {}\"\n",
        config("microneedling", "en"),
        "äöü€🧴 ".repeat(20)
    ));
    let file = export_ics(&sb);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.ends_with("\r\n"));
    for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!line.contains('\n') && line.len() <= 75, "{line:?}");
    }
    assert!(text.contains("\r\n "), "some line was folded");
    assert!(!text.contains("VTIMEZONE") && !text.contains("TZID"));

    let parsed = Command::new(python)
        .args(["-c", ICS_TO_JSON])
        .arg(&file)
        .output()
        .unwrap();
    assert!(parsed.status.success(), "{}", stderr(&parsed));
    let parsed: serde_json::Value = serde_json::from_slice(&parsed.stdout).unwrap();
    assert_eq!(parsed["name"], "Aftercare");
    let events = parsed["events"].as_array().unwrap();
    let plan = plan_json(&sb);
    let moments = moments(&plan);
    assert!(plan.len() > 90 && moments.len() < plan.len());
    assert_eq!(events.len(), moments.len(), "one event per moment");
    let mut uids = std::collections::HashSet::new();
    let (mut floating, mut utc) = (0, 0);
    for (e, m) in events.iter().zip(&moments) {
        let at = chrono::DateTime::parse_from_rfc3339(m[0]["at"].as_str().unwrap()).unwrap();
        if m.iter().any(|o| on_an_instant(o["rule"].as_str().unwrap())) {
            utc += 1;
            assert_eq!(e["kind"], "utc", "{e}");
            assert_eq!(
                e["start"],
                at.with_timezone(&chrono::Utc)
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            );
        } else {
            floating += 1;
            assert_eq!(e["kind"], "floating", "{e}");
            assert_eq!(
                e["start"],
                at.naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
            );
        }
        // the moment's titles, in plan order, in its summary
        let summary = e["summary"].as_str().unwrap();
        let mut from = 0;
        for o in m {
            let title = o["title"].as_str().unwrap();
            let i = summary[from..]
                .find(title)
                .unwrap_or_else(|| panic!("{title:?} not in {summary:?} (in order)"));
            from += i + title.len();
        }
        if let [one] = m.as_slice() {
            assert_eq!(e["summary"], one["title"]);
            assert_eq!(e["description"], one["body"]);
        }
        assert_eq!(e["alarms"], 1);
        assert!(
            uids.insert(e["uid"].as_str().unwrap().to_string()),
            "unique UID"
        );
        let safe: String = m[0]["id"]
            .as_str()
            .unwrap()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        assert_eq!(e["uid"], format!("{safe}@aftercare"));
    }
    assert!(floating > 40 && utc > 5, "{floating} floating, {utc} UTC");
    let spf = events
        .iter()
        .find(|e| {
            e["summary"]
                .as_str()
                .unwrap()
                .starts_with("Sunscreen, SPF 50; reapply \\ now")
        })
        .expect("the custom rule's event");
    assert!(
        spf["description"]
            .as_str()
            .unwrap()
            .contains("Line one; with, commas.\nLine two")
    );
    // the same UIDs on a second export
    let again = sb.run(&["export", "--now", "2026-11-21T10:00:00Z"]);
    let uids_again: std::collections::HashSet<String> = stdout(&again)
        .replace("\r\n ", "")
        .split("\r\n")
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_string)
        .collect();
    assert_eq!(uids, uids_again);
}

/// khal imports the file; in Berlin every event is where the plan says, and
/// on a phone in New York the morning routine still rings at 08:00 local
/// (floating time) while the treatment's first reminder keeps its instant.
#[test]
fn khal_imports_the_calendar_and_keeps_routines_at_local_hours() {
    require_tools!(("khal", "khal"));
    let sb = Sandbox::new();
    sb.write_config(&config("microneedling", "en"));
    let file = export_ics(&sb);
    let plan = plan_json(&sb);
    let moments = moments(&plan);
    for zone in ["Europe/Berlin", "America/New_York"] {
        let home = sb.path().join(zone.replace('/', "-"));
        let cal = home.join("cal");
        std::fs::create_dir_all(&cal).unwrap();
        let conf = home.join("khal.conf");
        std::fs::write(
            &conf,
            format!(
                "[calendars]\n[[aftercare]]\npath = {}\ntype = calendar\n\
                 [locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n\
                 datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\
                 local_timezone = {zone}\ndefault_timezone = {zone}\n\
                 [sqlite]\npath = {}\n",
                cal.display(),
                home.join("khal.db").display()
            ),
        )
        .unwrap();
        let khal = |args: &[&str]| {
            let out = sb
                .command("khal")
                .env("HOME", &home)
                .env("LANG", "C.UTF-8")
                .arg("-c")
                .arg(&conf)
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "khal {args:?}: {}", stderr(&out));
            stdout(&out)
        };
        khal(&["import", "--batch", file.to_str().unwrap()]);
        assert_eq!(std::fs::read_dir(&cal).unwrap().count(), moments.len());
        let listed = khal(&[
            "list",
            "--format",
            "{start} {title}",
            "--day-format",
            "",
            "2026-11-22",
            "20d",
        ]);
        let lines: Vec<&str> = listed.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), moments.len(), "{zone}:\n{listed}");
        for (line, m) in lines.iter().zip(&moments) {
            let title = m[0]["title"].as_str().unwrap();
            assert!(line.contains(title), "{zone}: {line:?} lacks {title:?}");
        }
        let (start, morning) = match zone {
            "Europe/Berlin" => (
                "2026-11-23 14:30 Aftercare has started",
                "2026-11-24 08:00 Day 1",
            ),
            _ => (
                "2026-11-23 08:30 Aftercare has started",
                "2026-11-24 08:00 Day 1",
            ),
        };
        assert!(listed.contains(start), "{zone}: the instant\n{listed}");
        assert!(listed.contains(morning), "{zone}: the local hour\n{listed}");
    }
}

// ----------------------------------------------------------------- status

/// A small JSON Schema check (the keywords docs/status.schema.json uses).
fn check_schema(schema: &serde_json::Value, v: &serde_json::Value, path: &str) {
    use serde_json::Value;
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().map(|x| x.as_str().unwrap()).collect(),
            _ => panic!("bad type in schema"),
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_u64() || v.is_i64(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            other => panic!("type {other} not supported"),
        });
        assert!(ok, "{path}: {v} is not {types:?}");
    }
    if let Some(e) = schema.get("enum") {
        assert!(e.as_array().unwrap().contains(v), "{path}: {v} not in {e}");
    }
    if let (Some(f), Some(s)) = (schema.get("format"), v.as_str()) {
        match f.as_str().unwrap() {
            "date" => assert!(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
                "{path}: {s}"
            ),
            "date-time" => assert!(
                chrono::DateTime::parse_from_rfc3339(s).is_ok(),
                "{path}: {s}"
            ),
            other => panic!("format {other} not supported"),
        }
    }
    if let Some(o) = v.as_object() {
        for k in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            assert!(o.contains_key(k.as_str().unwrap()), "{path}: {k} missing");
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, x) in o {
            match props.and_then(|p| p.get(k)) {
                Some(s) => check_schema(s, x, &format!("{path}.{k}")),
                None => assert!(
                    schema.get("additionalProperties") != Some(&Value::Bool(false)),
                    "{path}: {k} is not in the schema"
                ),
            }
        }
    }
    if let Some(a) = v.as_array() {
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
            assert!(a.len() as u64 <= max, "{path}: {} items", a.len());
        }
        if let Some(items) = schema.get("items") {
            for (i, x) in a.iter().enumerate() {
                check_schema(items, x, &format!("{path}[{i}]"));
            }
        }
    }
}

/// `status --json` matches docs/status.schema.json at the plan's start,
/// in its middle (a journal on disk) and after its end, and says what
/// `status` says.
#[test]
fn status_json_matches_its_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/status.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // the checker catches what it should
    let bad = serde_json::json!({"schema": 1});
    assert!(std::panic::catch_unwind(|| check_schema(&schema, &bad, "$")).is_err());

    let sb = Sandbox::new();
    sb.write_config(&config("microneedling", "en"));
    std::fs::create_dir_all(sb.state_dir()).unwrap();
    std::fs::write(
        sb.journal_path(),
        r#"{"version":1,"entries":{"sunscreen@2026-11-25T10:00":{"status":"done","at":"2026-11-25T09:05:00Z","sent_at":"2026-11-25T09:00:00Z"}}}"#,
    )
    .unwrap();
    for (now, over) in [
        ("2026-11-20T10:00:00Z", false),
        ("2026-11-25T10:00:00Z", false),
        ("2027-01-10T10:00:00Z", true),
    ] {
        let out = sb.run(&["status", "--json", "--now", now]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
        check_schema(&schema, &v, "$");
        assert_eq!(v["over"], over);
        // nothing runs in the sandbox: 3 while reminders are left, as `status`
        let text = sb.run(&["status", "--now", now]);
        assert_eq!(out.status.code(), text.status.code(), "{now}");
        assert_eq!(out.status.code(), Some(if over { 0 } else { 3 }));
        assert_eq!(v["running"], false);
        assert_eq!(v["zone"], "Europe/Berlin");
        assert_eq!(v["plan"], "microneedling");
        assert_eq!(v["reminders"], plan_json(&sb).len());
        // the same next reminders as `status` lists
        for n in v["next"].as_array().unwrap() {
            let title = n["title"].as_str().unwrap();
            assert!(stdout(&text).contains(title), "{title}");
        }
    }
    let mid = sb.run(&[
        "status",
        "--format",
        "json",
        "--now",
        "2026-11-25T10:00:00Z",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&mid.stdout).unwrap();
    assert_eq!(v["today"]["day"], 2);
    assert_eq!(v["today"]["date"], "2026-11-25");
    assert_eq!(v["counts"]["done"], 1);
    assert_eq!(v["next"][0]["at"], "2026-11-25T12:00:00+01:00");
    assert_eq!(v["next_milestone"]["allows"], "sweaty workouts");
    assert_eq!(v["next_milestone"]["at"], "2026-11-27T08:00:00+01:00");
}

/// `status --format waybar`: one line {"text","tooltip","class"}, the next
/// moment titled as its notification, the next milestone, exit 0 even for
/// a broken config.
#[test]
fn status_waybar_is_one_json_line() {
    let sb = Sandbox::new();
    sb.write_config(&config("microneedling", "en"));
    let bar = |now: &str| {
        let out = sb.run(&["status", "--format", "waybar", "--now", now]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert_eq!(text.lines().count(), 1, "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["class", "text", "tooltip"]);
        v
    };
    let v = bar("2026-11-25T10:00:00Z");
    assert_eq!(
        v["text"],
        "Sunscreen · Hands off 12:00 · sweaty workouts in 2 days"
    );
    assert_eq!(v["class"], "stopped");
    assert!(
        v["tooltip"]
            .as_str()
            .unwrap()
            .contains("Wed 25 Nov 12:00  Hands off (day 2)")
    );
    let v = bar("2026-11-26T23:00:00Z");
    assert_eq!(
        v["text"],
        "Day 4: today's aftercare · Workouts can usually resume · Cleanse and moisturize · Sunscreen 08:00 · sweaty workouts in 8 h"
    );
    assert_eq!(bar("2027-01-10T10:00:00Z")["class"], "over");
    sb.write_config("[treatment]\ndate = 2026-13-01\n");
    let v = bar("2026-11-25T10:00:00Z");
    assert_eq!(v["class"], "error");
    assert!(v["tooltip"].as_str().unwrap().contains("config.toml"));
}
