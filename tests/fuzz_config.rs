#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property-based fuzzing of `config::parse` and the plan.
//!
//! Two generators: arbitrary bytes (as text), and structure-aware TOML with
//! random rules, days, durations, clock times, time zones and quiet hours,
//! half of it valid. Properties: never a panic; every error has a message
//! and a position inside the text when it has one; every valid config gives
//! a plan whose occurrences are sorted, unique by id, never inside quiet
//! hours, never before the treatment time, and on the configured days; and
//! that plan, built window by window as the daemon does, is the same plan.
//!
//! CI runs a bounded number of cases (FUZZ_CASES, default 1500 per
//! property). Run longer with e.g. `FUZZ_CASES=200000 cargo test --release
//! --test integration fuzz_config::`. Failing inputs are saved by proptest under
//! tests/fuzz_config.proptest-regressions and replayed first on every run.

use aftercare::config::{self, Defaults, Trigger};
use aftercare::plan::Plan;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500)
}

fn defaults() -> Defaults {
    Defaults::system(aftercare::zone::Zone::get("Europe/Berlin").unwrap())
}

fn clock() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        1 => (0u32..30, 0u32..70).prop_map(|(h, m)| format!("{h}:{m}")),
        1 => "[0-9:apm ]{0,6}",
    ]
}

fn duration() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u32..300, prop::sample::select(vec!["s", "m", "h", "d"])).prop_map(|(n, u)| format!("{n}{u}")),
        1 => (1u32..5, 0u32..60).prop_map(|(h, m)| format!("{h}h{m}m")),
        1 => "-?[0-9]{0,4}[a-z]{0,2}",
    ]
}

fn days() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0u32..20, 0u32..20).prop_map(|(a, b)| format!("{a}-{b}")),
        2 => (0u32..30).prop_map(|a| a.to_string()),
        2 => prop::collection::vec(0u32..20, 1..4).prop_map(|v| v.iter().map(u32::to_string).collect::<Vec<_>>().join(",")),
        1 => "[0-9,\\- ]{0,8}",
    ]
}

fn tz() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "UTC",
        "Europe/Berlin",
        "America/New_York",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "Pacific/Apia",
        "America/St_Johns",
        "Mars/Olympus",
        "",
    ])
    .prop_map(str::to_string)
}

fn list(items: Vec<String>) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn rule() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "sunscreen",
        "hydrate",
        "today",
        "wrap-up",
        "mine",
        "other-1",
        "x",
    ]);
    let trigger = prop_oneof![
        prop::collection::vec(clock(), 0..4).prop_map(|v| format!("at = {}\n", list(v))),
        (duration(), clock(), clock())
            .prop_map(|(e, a, b)| format!("every = \"{e}\"\nbetween = {}\n", list(vec![a, b]))),
        prop::collection::vec(duration(), 0..4).prop_map(|v| format!("after = {}\n", list(v))),
        Just(String::new()),
    ];
    (
        name,
        prop::option::of(days()),
        trigger,
        prop::option::of("[A-Za-z <>&]{0,12}"),
        any::<bool>(),
        0u8..10,
    )
        .prop_map(|(name, days, trig, title, body, enabled)| {
            let mut s = format!("[reminders.{name}]\n");
            if enabled == 0 {
                s.push_str("enabled = false\n");
            }
            if let Some(d) = days {
                s.push_str(&format!("days = \"{d}\"\n"));
            }
            s.push_str(&trig);
            if let Some(t) = title {
                s.push_str(&format!("title = \"{t}\"\n"));
            }
            if body {
                s.push_str("body = \"Body <b>&\"\n");
            }
            s
        })
}

fn config_text() -> impl Strategy<Value = String> {
    let date =
        (2020i32..2031, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"));
    let quiet = prop_oneof![
        Just(String::new()),
        Just("[quiet_hours]\nenabled = false\n".to_string()),
        (clock(), clock())
            .prop_map(|(a, b)| format!("[quiet_hours]\nstart = \"{a}\"\nend = \"{b}\"\n")),
    ];
    let notes = prop_oneof![
        Just(String::new()),
        (duration(), duration())
            .prop_map(|(s, c)| format!("[notifications]\nsnooze = \"{s}\"\ncatch_up = \"{c}\"\n")),
    ];
    (
        date,
        prop::option::of(clock()),
        prop::option::of(tz()),
        prop::sample::select(vec!["microneedling", "none"]),
        quiet,
        notes,
        prop::collection::vec(rule(), 0..5),
    )
        .prop_map(|(date, time, tz, plan, quiet, notes, rules)| {
            let mut s = format!("[treatment]\ndate = {date}\nplan = \"{plan}\"\n");
            if let Some(t) = time {
                s.push_str(&format!("time = \"{t}\"\n"));
            }
            if let Some(z) = tz {
                s.push_str(&format!("timezone = \"{z}\"\n"));
            }
            s.push_str(&quiet);
            s.push_str(&notes);
            for r in rules {
                s.push_str(&r);
            }
            s
        })
}

/// The properties every parse result must have.
fn check(text: &str) -> Result<bool, TestCaseError> {
    let c = match config::parse(text, "fuzz.toml", defaults()) {
        Ok(c) => c,
        Err(e) => {
            prop_assert!(
                !e.message.trim().is_empty(),
                "empty error message for {text:?}"
            );
            if let Some((line, col)) = e.position {
                prop_assert!(line >= 1 && col >= 1);
                prop_assert!(
                    line <= text.lines().count().max(1) + 1,
                    "line {line} beyond the text"
                );
            }
            let _ = e.to_string();
            return Ok(false);
        }
    };
    let plan = match Plan::build(&c) {
        Ok(p) => p,
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            return Ok(false);
        }
    };
    let occ = &plan.occurrences;
    prop_assert!(occ.windows(2).all(|w| w[0].at <= w[1].at), "not sorted");
    let mut ids: Vec<&str> = occ.iter().map(|o| o.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    prop_assert_eq!(ids.len(), n, "duplicate ids");
    for o in occ {
        prop_assert!(o.at >= plan.start, "{} before the treatment time", o.id);
        if let Some(q) = &c.quiet_hours {
            prop_assert!(
                !q.contains(o.at.time()),
                "{} at {} inside quiet hours {q:?}",
                o.id,
                o.at
            );
        }
        let rule = c
            .rules
            .iter()
            .find(|r| r.name == o.rule)
            .expect("occurrence of an unknown rule");
        match (&rule.days, &rule.trigger) {
            (Some(days), _) => prop_assert!(
                days.contains(o.day),
                "{} on day {} outside its days",
                o.id,
                o.day
            ),
            (None, Trigger::After(_)) => {}
            (None, _) => prop_assert!(false, "clock rule without days"),
        }
    }
    // What the daemon keeps: the plan window by window, and its overview,
    // must be exactly the whole plan. Cuts fall at odd hours and exactly on
    // some occurrences (windows are half-open).
    let ov = Plan::overview(&c).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(ov.total, occ.len(), "overview total");
    prop_assert_eq!(ov.first, occ.first().map(|o| o.utc()), "overview first");
    prop_assert_eq!(ov.last, occ.last().map(|o| o.utc()), "overview last");
    if let (Some(first), Some(last)) = (occ.first(), occ.last()) {
        let mut cuts: Vec<_> = occ.iter().step_by(7).map(|o| o.utc()).collect();
        let mut t = first.utc() - chrono::TimeDelta::hours(30);
        while t <= last.utc() {
            cuts.push(t);
            t += chrono::TimeDelta::minutes(29 * 60 + 13);
        }
        cuts.push(last.utc() + chrono::TimeDelta::seconds(1));
        cuts.sort();
        cuts.dedup();
        let mut joined = Vec::new();
        for w in cuts.windows(2) {
            let part =
                Plan::window(&c, w[0], w[1]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            joined.extend(part.occurrences);
        }
        prop_assert!(joined == *occ, "windows differ from the whole plan");
    }
    Ok(true)
}

proptest! {
    // Failures are kept beside this file (tests/fuzz_config.proptest-regressions):
    // proptest's default would put them under proptest-regressions/, since
    // tests/ has a lib.rs.
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        check(&text)?;
    }

    #[test]
    fn arbitrary_toml_like_text_never_panics(text in "(\\[[a-z_.]{0,12}\\]\n|[a-z_]{1,10} = (\"[^\"\n]{0,10}\"|[0-9:.\\-T]{1,12}|\\[[^\n]{0,20}\\]|true|false)\n){0,12}") {
        check(&text)?;
    }

    #[test]
    fn structured_configs_hold_the_plan_invariants(text in config_text()) {
        check(&text)?;
    }
}

/// The generators must reach valid configs, or the invariants test nothing.
#[test]
fn structured_generator_reaches_valid_plans() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = config_text();
    let mut valid = 0;
    for _ in 0..400 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        if matches!(check(&text), Ok(true)) {
            valid += 1;
        }
    }
    assert!(
        valid >= 40,
        "only {valid} of 400 generated configs were valid"
    );
}
