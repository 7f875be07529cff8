use super::*;
use crate::i18n::{Choice, Lang};
use crate::zone::Zone;
use chrono::NaiveDate;
use std::path::Path;

fn defaults() -> Defaults {
    Defaults::system(Zone::get("Europe/Berlin").unwrap())
}

fn p(text: &str) -> Result<Config, ConfigError> {
    parse(text, "test.toml", defaults())
}

const MIN: &str = "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\n";

#[test]
fn minimal_config_gets_defaults() {
    let c = p(MIN).unwrap();
    assert_eq!(
        c.treatment.date,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    );
    assert_eq!(c.treatment.time, clock(14, 30));
    assert_eq!(c.treatment.timezone, Zone::get("Europe/Berlin").unwrap());
    assert_eq!(
        c.quiet_hours,
        Some(QuietHours {
            start: clock(21, 30),
            end: clock(8, 0)
        })
    );
    assert_eq!(c.snooze, Duration::from_secs(900));
    assert_eq!(c.catch_up, Duration::from_secs(7200));
    let names: Vec<&str> = c.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "today",
            "first-rinse",
            "hydrate",
            "summary",
            "makeup-ok",
            "exercise-ok",
            "pool-ok",
            "actives-ok",
            "morning-care",
            "morning-care-after",
            "sunscreen",
            "no-picking",
            "check-in",
            "evening-care",
            "sunscreen-daily",
            "wrap-up"
        ]
    );
}

#[test]
fn date_may_be_a_string_and_time_defaults_to_noon() {
    let c = p("[treatment]\ndate = \"2026-11-23\"\n").unwrap();
    assert_eq!(
        c.treatment.date,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    );
    assert_eq!(c.treatment.time, clock(12, 0));
}

#[test]
fn durations() {
    assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
    assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
    assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
    assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
    assert_eq!(parse_duration("1d"), Ok(Duration::from_secs(86400)));
    assert_eq!(parse_duration("0m"), Ok(Duration::ZERO));
    for bad in [
        "",
        "15",
        "-5m",
        "5x",
        "m",
        "1.5h",
        "99999999999999999999d",
        "1000d",
    ] {
        assert!(parse_duration(bad).is_err(), "{bad:?} should fail");
    }
    assert_eq!(format_duration(Duration::from_secs(5400)), "1h30m");
}

#[test]
fn days() {
    assert_eq!(
        parse_days("0-3").unwrap().iter().collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    assert_eq!(
        parse_days("1,3,5").unwrap().iter().collect::<Vec<_>>(),
        [1, 3, 5]
    );
    assert_eq!(
        parse_days("5, 0-1").unwrap().iter().collect::<Vec<_>>(),
        [0, 1, 5]
    );
    assert_eq!(parse_days("3").unwrap().iter().collect::<Vec<_>>(), [3]);
    for bad in ["7-2", "", "a", "-1", "1-", "1,,2", "401", "2.5"] {
        assert!(parse_days(bad).is_err(), "{bad:?} should fail");
    }
}

#[test]
fn clock_times() {
    assert_eq!(parse_clock("08:30"), Ok(clock(8, 30)));
    assert_eq!(parse_clock("8:30"), Ok(clock(8, 30)));
    for bad in ["24:00", "8", "08:3", "08:60", "ab:cd", "08:30:00", "-1:00"] {
        assert!(parse_clock(bad).is_err(), "{bad:?} should fail");
    }
}

#[test]
fn quiet_hours_wrap_midnight() {
    let q = QuietHours {
        start: clock(21, 30),
        end: clock(8, 0),
    };
    assert!(q.contains(clock(23, 0)));
    assert!(q.contains(clock(21, 30)));
    assert!(q.contains(clock(7, 59)));
    assert!(!q.contains(clock(8, 0)));
    assert!(!q.contains(clock(12, 0)));
    let day = QuietHours {
        start: clock(13, 0),
        end: clock(14, 0),
    };
    assert!(day.contains(clock(13, 30)));
    assert!(!day.contains(clock(14, 0)));
    assert!(!day.contains(clock(12, 0)));
}

#[test]
fn rules_change_disable_and_add() {
    let c = p(&format!(
            "{MIN}[reminders.sunscreen]\nevery = \"3h\"\nbetween = [\"10:00\", \"16:00\"]\n\
             [reminders.no-picking]\nenabled = false\n\
             [reminders.antiviral]\ndays = \"0-2\"\nat = [\"21:00\", \"09:00\"]\ntitle = \"Take your antiviral\"\n"
        ))
        .unwrap();
    let sun = c.rules.iter().find(|r| r.name == "sunscreen").unwrap();
    assert_eq!(
        sun.trigger,
        Trigger::Every {
            every: Duration::from_secs(3 * 3600),
            start: clock(10, 0),
            end: clock(16, 0)
        }
    );
    assert_eq!(
        sun.days.as_ref().unwrap().iter().collect::<Vec<_>>(),
        (1..=7).collect::<Vec<_>>()
    );
    assert!(!sun.title.is_empty(), "built-in title kept");
    assert!(c.rules.iter().all(|r| r.name != "no-picking"));
    let av = c.rules.last().unwrap();
    assert_eq!(av.name, "antiviral");
    assert_eq!(av.trigger, Trigger::At(vec![clock(9, 0), clock(21, 0)]));
    assert_eq!(av.body, "");
}

#[test]
fn plan_none_has_only_own_rules() {
    let c = p("[treatment]\ndate = 2026-11-23\nplan = \"none\"\n[reminders.x]\ndays = \"0\"\nat = [\"12:00\"]\ntitle = \"X\"\n").unwrap();
    assert_eq!(c.rules.len(), 1);
}

#[test]
fn quiet_hours_off() {
    let c = p(&format!("{MIN}[quiet_hours]\nenabled = false\n")).unwrap();
    assert_eq!(c.quiet_hours, None);
}

#[test]
fn unknown_key_suggests() {
    let e = p("[treatment]\ndate = 2026-11-23\ntme = \"14:30\"\n").unwrap_err();
    assert_eq!(e.position, Some((3, 1)));
    assert!(e.message.contains("tme"), "{e}");
    assert!(
        e.hint.as_deref().unwrap().contains("did you mean `time`"),
        "{e}"
    );
    let s = e.to_string();
    assert!(s.starts_with("test.toml:3:1: "), "{s}");
    assert!(s.contains("3 | tme = \"14:30\"\n  | ^^^"), "{s}");
}

#[test]
fn errors_point_at_the_value() {
    let e = p("[treatment]\ndate = 2026-02-30\n").unwrap_err();
    assert_eq!(e.position.map(|p| p.0), Some(2), "{e}");
    let e = p(&format!("{MIN}[reminders.sunscreen]\ndays = \"7-2\"\n")).unwrap_err();
    assert_eq!(e.position, Some((5, 8)), "{e}");
    assert!(e.message.contains("backwards"), "{e}");
    let e = p("[treatment]\ndate = 2026-11-23\ntimezone = \"Europe/Berln\"\n").unwrap_err();
    assert!(e.hint.unwrap().contains("Europe/Berlin"));
}

#[test]
fn disabling_a_missing_rule_is_a_typo() {
    let e = p(&format!("{MIN}[reminders.sunscren]\nenabled = false\n")).unwrap_err();
    assert!(e.hint.unwrap().contains("[reminders.sunscreen]"));
}

#[test]
fn builtin_plans_parse() {
    for (name, _) in BUILTIN_PLANS {
        let rules = builtin_care_plan(name).unwrap().rules;
        assert!(!rules.is_empty());
        for r in &rules {
            assert!(
                !r.title.is_empty() && (r.summary || !r.body.is_empty()),
                "{} needs words",
                r.name
            );
        }
    }
}

#[test]
fn suggestions() {
    assert_eq!(suggest("tme", ["time", "date"]), Some("time"));
    assert_eq!(suggest("zzzzzz", ["time", "date"]), None);
}

// ------------------------------------------------------------ plan files

/// Plan files for these tests, by resolved path.
#[derive(Debug)]
struct Files;

const CLINIC: &str = "description = \"A clinic's plan\"\n\n[reminders.rinse]\ndays = \"0-2\"\nat = [\"09:00\"]\ntitle = \"Rinse\"\nbody = \"Lukewarm water.\"\n\n[reminders.balm]\ndays = \"0-2\"\nat = [\"09:00\"]\ntitle = \"Balm\"\n\n[healing]\n\"0-2\" = \"pink.\"\n";

impl PlanSource for Files {
    fn plan_text(&self, path: &Path) -> Result<String, String> {
        match path.to_str().unwrap_or_default() {
            "/home/a/cfg/clinic.toml"
            | "/srv/clinic/plan.toml"
            | "/home/a/cfg/plans/peel.toml"
            | "clinic.toml" => Ok(CLINIC.into()),
            "/home/a/cfg/broken.toml" => Ok(format!(
                "{CLINIC}\n[reminders.late]\ndays = \"1\"\nat = [\"25:00\"]\ntitle = \"Late\"\n"
            )),
            "/home/a/cfg/config-like.toml" => Ok("[treatment]\ndate = 2026-11-23\n".into()),
            "/home/a/cfg/long.toml" => Ok("description = \"two\\nlines\"\n".into()),
            _ => Err("there is no such file".into()),
        }
    }
}

fn with_files(plan: &str) -> Result<Config, ConfigError> {
    let defaults = Defaults {
        plans: &Files,
        ..defaults()
    };
    parse(
        &format!("{MIN}plan = \"{plan}\"\n[reminders.balm]\nbody = \"The clinic's balm.\"\n"),
        "/home/a/cfg/config.toml",
        defaults,
    )
}

#[test]
fn a_plan_file_is_read_relative_to_the_configs_folder_or_absolute() {
    for (written, resolved) in [
        ("clinic.toml", "/home/a/cfg/clinic.toml"),
        ("plans/peel.toml", "/home/a/cfg/plans/peel.toml"),
        ("/srv/clinic/plan.toml", "/srv/clinic/plan.toml"),
    ] {
        let c = with_files(written).unwrap_or_else(|e| panic!("{written}: {e}"));
        assert_eq!(c.treatment.plan.as_deref(), Some(written));
        assert_eq!(
            c.treatment.plan_file.as_deref(),
            Some(Path::new(resolved)),
            "{written}"
        );
        assert_eq!(c.origin, "/home/a/cfg/config.toml");
        let names: Vec<&str> = c.rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["rinse", "balm"], "in the file's order");
        // The config's own table changes the plan's rule of that name.
        assert_eq!(c.rules[1].body, "The clinic's balm.");
        assert_eq!(c.healing.len(), 1);
    }
    // A config given by a bare file name: the plan is beside it.
    let defaults = Defaults {
        plans: &Files,
        ..defaults()
    };
    let c = parse(
        &format!("{MIN}plan = \"clinic.toml\"\n"),
        "config.toml",
        defaults,
    )
    .unwrap();
    assert_eq!(
        c.treatment.plan_file.as_deref(),
        Some(Path::new("clinic.toml"))
    );
}

#[test]
fn a_name_is_a_built_in_plan_and_a_path_is_a_file() {
    assert!(validate::is_plan_path("clinic.toml"));
    assert!(validate::is_plan_path("plans/peel"));
    assert!(validate::is_plan_path("/srv/plan"));
    assert!(!validate::is_plan_path("laser"));
    assert!(!validate::is_plan_path("chemical-peel"));
    for (name, _) in BUILTIN_PLANS {
        let c = p(&format!("{MIN}plan = \"{name}\"\n")).unwrap();
        assert_eq!(c.treatment.plan.as_deref(), Some(*name));
        assert_eq!(c.treatment.plan_file, None);
        assert_eq!(c.rules, builtin_care_plan(name).unwrap().rules);
    }
    let e = p(&format!("{MIN}plan = \"lazer\"\n")).unwrap_err();
    assert_eq!(e.origin, "test.toml");
    assert_eq!(e.position, Some((4, 8)));
    let hint = e.hint.unwrap();
    assert!(hint.starts_with("did you mean \"laser\"?"), "{hint}");
    assert!(
        hint.contains("tattoo") && hint.contains("aftercare plans"),
        "{hint}"
    );
}

#[test]
fn plan_file_errors_name_the_plan_file() {
    let e = with_files("broken.toml").unwrap_err();
    assert_eq!(e.origin, "/home/a/cfg/broken.toml");
    let (line, col) = e.position.unwrap();
    assert_eq!((line, col), (CLINIC.lines().count() + 4, 7), "{e}");
    assert!(e.to_string().contains("^^^^^^^"), "{e}");
    assert!(e.headline().starts_with("/home/a/cfg/broken.toml:"), "{e}");

    // A missing one: at the config's `plan` line, with the path tried.
    let e = with_files("missing.toml").unwrap_err();
    assert_eq!(e.origin, "/home/a/cfg/config.toml");
    assert_eq!(e.position, Some((4, 8)));
    assert!(
        e.message
            .contains("cannot read the plan file /home/a/cfg/missing.toml: there is no such file"),
        "{e}"
    );
    assert!(e.hint.unwrap().contains("config's folder"));

    // Without the application's reader, a plan file cannot be had.
    let e = p(&format!("{MIN}plan = \"clinic.toml\"\n")).unwrap_err();
    assert!(e.message.contains("not read here"), "{e}");

    let e = with_files("config-like.toml").unwrap_err();
    assert_eq!(e.origin, "/home/a/cfg/config-like.toml");
    assert!(e.hint.unwrap().contains("belongs in the config"));
    let e = with_files("long.toml").unwrap_err();
    assert!(e.message.contains("one line"), "{e}");
    let e = with_files("plans/").unwrap_err();
    assert!(e.message.contains("names no file"), "{e}");
}

#[test]
fn description_is_a_plan_file_key_only() {
    let e = p(&format!("description = \"mine\"\n{MIN}")).unwrap_err();
    assert!(e.message.contains("unknown field `description`"), "{e}");
    let plan = parse_plan(CLINIC, "c.toml").unwrap();
    assert_eq!(plan.description.as_deref(), Some("A clinic's plan"));
    assert_eq!(plan.last_day(), 2);
    let lengths: Vec<(&str, u32)> = BUILTIN_PLANS
        .iter()
        .map(|(n, _)| (*n, builtin_care_plan(n).unwrap().last_day()))
        .collect();
    assert_eq!(
        lengths,
        [
            ("microneedling", 14),
            ("chemical-peel", 14),
            ("laser", 14),
            ("tattoo", 15),
            ("dermaroller", 5)
        ]
    );
}

// ------------------------------------------------------------ languages

/// A clinic plan with a German translation beside it.
#[derive(Debug)]
struct Translated;

const CLINIC_DE: &str = "description = Der Plan einer Praxis\ntitle-rinse = Abspülen\nbody-rinse = Lauwarmes Wasser.\ntitle-balm = Balsam\nhealing-0-2 = rosig.\n";

impl PlanSource for Translated {
    fn plan_text(&self, path: &Path) -> Result<String, String> {
        Files.plan_text(path)
    }
    fn plan_texts(&self, path: &Path) -> Result<Option<String>, String> {
        match path.to_str().unwrap_or_default() {
            "/home/a/cfg/clinic.de.ftl" => Ok(Some(CLINIC_DE.into())),
            "/home/a/cfg/clinic.fr.ftl" => Err("it is a directory".into()),
            _ => Ok(None),
        }
    }
}

static GERMAN: Choice = Choice {
    lang: Lang::De,
    unsupported: None,
};

fn in_german(text: &str) -> Result<Config, ConfigError> {
    let defaults = Defaults {
        plans: &Translated,
        language: &GERMAN,
        ..defaults()
    };
    parse(text, "/home/a/cfg/config.toml", defaults)
}

#[test]
fn the_plans_texts_are_translated_and_the_users_own_words_kept() {
    let c = in_german(&format!(
        "{MIN}plan = \"clinic.toml\"\n[reminders.balm]\ntitle = \"Meine Creme\"\n"
    ))
    .unwrap();
    assert_eq!(c.language.lang, Lang::De);
    let rinse = c.rules.iter().find(|r| r.name == "rinse").unwrap();
    assert_eq!(
        (rinse.title.as_str(), rinse.body.as_str()),
        ("Abspülen", "Lauwarmes Wasser.")
    );
    let balm = c.rules.iter().find(|r| r.name == "balm").unwrap();
    assert_eq!(balm.title, "Meine Creme", "the user's own title");
    assert_eq!(c.healing[0].1, "rosig.");
    assert_eq!(crate::plan::summary_text(&c, 1), "Jetzt normal: rosig.");
    // `language = "en"` in the config: the plan's own words
    let c = in_german(&format!("language = \"en\"\n{MIN}plan = \"clinic.toml\"\n")).unwrap();
    assert_eq!(c.language.lang, Lang::En);
    assert_eq!(c.rules[0].title, "Rinse");
    assert_eq!(crate::plan::summary_text(&c, 1), "Normal now: pink.");
    // a translation that cannot be read is an error naming it
    let e = in_german(&format!("language = \"fr\"\n{MIN}plan = \"clinic.toml\"\n")).unwrap_err();
    assert!(
        e.message.contains(
            "cannot read the plan's translation /home/a/cfg/clinic.fr.ftl: it is a directory"
        ),
        "{e}"
    );
}

#[test]
fn the_language_is_a_top_level_tag() {
    let c = in_german(&format!("language = \"es-MX\"\n{MIN}")).unwrap();
    assert_eq!(c.language.lang, Lang::Es);
    let c = in_german(&format!("language = \"pt\"\n{MIN}")).unwrap();
    assert_eq!(c.language.lang, Lang::En, "not one aftercare has: English");
    assert!(
        c.language
            .note()
            .unwrap()
            .contains("\"pt\" (from the config)")
    );
    let c = in_german(MIN).unwrap();
    assert_eq!(c.language, GERMAN, "the locale's, without `language`");
    let e = in_german(&format!("language = [\"de\"]\n{MIN}")).unwrap_err();
    assert!(
        e.message
            .contains("must be a language tag in quotes, not array"),
        "{e}"
    );
    assert!(e.hint.unwrap().contains("en, de, es, fr"));
}

#[test]
fn a_built_in_plan_without_its_translation_keeps_its_english_words() {
    // whatever plans/*.LANG.ftl exist, a missing key falls back: the
    // summary's title is the plan's when the translation lacks it
    let c = in_german(MIN).unwrap();
    let summary = c.rules.iter().find(|r| r.summary).unwrap();
    let english = crate::config::builtin_care_plan("microneedling").unwrap();
    let en_summary = english.rules.iter().find(|r| r.summary).unwrap();
    match crate::config::builtin_plan_texts("microneedling", Lang::De) {
        None => assert_eq!(summary.title, en_summary.title),
        Some(_) => assert_ne!(summary.title, en_summary.title, "translated"),
    }
}

#[test]
fn look_alike_characters_are_named_with_their_code_point_and_a_fix() {
    // (config after [treatment], expected start of the message, line:col)
    let cases = [
        // a no-break space inside a key
        (
            "[reminders.sunscreen]\nde\u{a0}ys = \"1-7\"\n",
            "U+00A0 NO-BREAK SPACE at 5:3: type a normal space",
            (5, 3),
        ),
        // a no-break space before `=`
        (
            "[reminders.sunscreen]\ndays\u{a0}= \"1-7\"\n",
            "U+00A0 NO-BREAK SPACE at 5:5: type a normal space",
            (5, 5),
        ),
        // a zero-width space inside a time
        (
            "[reminders.sunscreen]\nat = [\"09:\u{200b}00\"]\n",
            "U+200B ZERO WIDTH SPACE at 5:11: delete it",
            (5, 11),
        ),
        // a byte order mark in the middle of the file
        (
            "\u{feff}[reminders.sunscreen]\ndays = \"1-7\"\n",
            "U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark) at 4:1",
            (4, 1),
        ),
        // smart quotes around a value
        (
            "[reminders.sunscreen]\ndays = \u{201c}1-7\u{201d}\n",
            "U+201C LEFT DOUBLE QUOTATION MARK at 5:8: type a straight quote \"",
            (5, 8),
        ),
        // a tab inside a value, and inside a key
        (
            "timezone = \"Europe/\tBerlin\"\n",
            "U+0009 CHARACTER TABULATION (a tab) at 4:20",
            (4, 20),
        ),
        (
            "[reminders.sunscreen]\nda\tys = \"1-7\"\n",
            "U+0009 CHARACTER TABULATION (a tab) at 5:3",
            (5, 3),
        ),
        // an en dash in a range of days
        (
            "[reminders.sunscreen]\ndays = \"1\u{2013}7\"\n",
            "U+2013 EN DASH at 5:10: type a hyphen -",
            (5, 10),
        ),
    ];
    for (rest, want, pos) in cases {
        let Err(e) = p(&format!("{MIN}{rest}")) else {
            panic!("{rest:?} was accepted");
        };
        assert!(e.message.starts_with(want), "{rest:?}: {e}");
        assert_eq!(e.position, Some(pos), "{rest:?}: {e}");
        let hint = e.hint.clone().unwrap_or_default();
        assert!(hint.starts_with(&want[..6]), "{rest:?}: hint {hint:?}");
    }
    // a no-break space inside a title is text, not an error
    let ok = format!(
        "{MIN}[reminders.own]\ndays = \"1\"\nat = [\"09:00\"]\ntitle = \"Cr\u{e8}me\u{a0}:\"\n"
    );
    assert!(p(&ok).is_ok());
}

#[test]
fn from_and_until_name_a_milestone() {
    // plan = none: only these rules
    let head = "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\nplan = \"none\"\n";
    let ms = "[reminders.ok]\ndays = \"2-4\"\nat = [\"08:00\"]\nnot_before = \"48h\"\nonce = true\ntitle = \"OK\"\n";
    let c = p(&format!(
        "{head}{ms}[reminders.care]\ndays = \"1-4\"\nat = [\"08:00\"]\nuntil = \"ok\"\ntitle = \"Care\"\n[reminders.later]\ndays = \"1-4\"\nat = [\"08:00\"]\nfrom = \"ok\"\ntitle = \"Later\"\n"
    ))
    .unwrap();
    let care = c.rules.iter().find(|r| r.name == "care").unwrap();
    assert_eq!(care.until.as_deref(), Some("ok"));
    let later = c.rules.iter().find(|r| r.name == "later").unwrap();
    assert_eq!(later.from.as_deref(), Some("ok"));

    // a typo: at the value, with the milestone it meant
    let e = p(&format!(
        "{head}{ms}[reminders.care]\ndays = \"1-4\"\nat = [\"08:00\"]\nuntil = \"okk\"\ntitle = \"Care\"\n"
    ))
    .unwrap_err();
    assert_eq!(e.position, Some((14, 9)), "{e}");
    assert!(e.message.contains("no rule `okk`"), "{e}");
    assert!(e.hint.as_deref().unwrap().contains("until = \"ok\""), "{e}");

    // a rule that fires more than once marks no moment
    let e = p(&format!(
        "{head}{ms}[reminders.care]\ndays = \"1-4\"\nat = [\"08:00\"]\nfrom = \"daily\"\ntitle = \"Care\"\n[reminders.daily]\ndays = \"1-4\"\nat = [\"09:00\"]\ntitle = \"D\"\n"
    ))
    .unwrap_err();
    assert_eq!(e.position, Some((14, 8)), "{e}");
    assert!(e.message.contains("fires more than once"), "{e}");

    // not itself, and not a milestone that has bounds of its own
    let e = p(&format!("{head}{ms}until = \"ok\"\n")).unwrap_err();
    assert!(e.message.contains("cannot end with itself"), "{e}");
    let e = p(&format!(
        "{head}{ms}[reminders.m2]\ndays = \"3\"\nat = [\"08:00\"]\nonce = true\nuntil = \"ok\"\ntitle = \"M2\"\n[reminders.care]\ndays = \"1-4\"\nat = [\"08:00\"]\nuntil = \"m2\"\ntitle = \"Care\"\n"
    ))
    .unwrap_err();
    assert!(e.message.contains("itself begins or ends"), "{e}");
}

#[test]
fn a_plan_rule_whose_milestone_is_turned_off_still_loads() {
    // the default plan's morning care ends with actives-ok: turning the
    // milestone off is no error (the care then runs its days)
    let c = p(&format!("{MIN}[reminders.actives-ok]\nenabled = false\n")).unwrap();
    assert!(c.rules.iter().all(|r| r.name != "actives-ok"));
}

#[test]
fn a_plan_file_has_its_own_closing_words() {
    let plan = "complete = \"Done: ask your artist.\"\nnothing_off_limits = \"All fine.\"\n[reminders.a]\ndays = \"1\"\nat = [\"09:00\"]\ntitle = \"A\"\n";
    let cp = parse_plan(plan, "x.toml").unwrap();
    assert_eq!(
        cp.closing.complete.as_deref(),
        Some("Done: ask your artist.")
    );
    assert_eq!(cp.closing.nothing_off_limits.as_deref(), Some("All fine."));
    let empty = plan.replace("\"Done: ask your artist.\"", "\"  \"");
    let e = parse_plan(&empty, "x.toml").unwrap_err();
    assert!(e.message.contains("`complete` is empty"), "{e}");
    assert_eq!(e.position, Some((1, 12)), "{e}");
}

#[test]
fn own_rules_keep_the_order_they_are_written_in_whatever_the_toml_form() {
    let head = "[treatment]\ndate = 2026-11-23\nplan = \"none\"\n";
    let names = |text: &str| -> Vec<String> {
        p(&format!("{head}{text}"))
            .unwrap()
            .rules
            .iter()
            .map(|r| r.name.clone())
            .collect()
    };
    let rule = |t: &str| format!("days = \"0\"\nat = [\"09:00\"]\ntitle = \"{t}\"\n");
    assert_eq!(
        names(&format!(
            "[reminders.zinc]\n{}[reminders.aloe]\n{}",
            rule("Z"),
            rule("A")
        )),
        ["zinc", "aloe"]
    );
    // inline tables and dotted keys have no `[reminders.NAME]` line
    assert_eq!(
        names(
            "[reminders]\nzinc = { days = \"0\", at = [\"09:00\"], title = \"Z\" }\n\
             aloe.days = \"0\"\naloe.at = [\"10:00\"]\naloe.title = \"A\"\n"
        ),
        ["zinc", "aloe"]
    );
}

#[test]
fn texts_a_notification_cannot_carry_are_errors_that_point_at_them() {
    // a control character in a rule's title: pointed at its escape
    let e = p(&format!(
        "{MIN}[reminders.x]\ndays = \"0\"\nat = [\"12:00\"]\ntitle = \"A\\u0007B\"\n"
    ))
    .unwrap_err();
    assert_eq!(
        e.message,
        "`title` holds a control character (U+0007) that a notification cannot carry"
    );
    assert_eq!(e.position, Some((7, 11)), "{e:?}");
    assert!(
        e.hint.as_deref().unwrap_or("").starts_with("remove it"),
        "{e:?}"
    );
    // a body over the limit
    let long = "x".repeat(1001);
    let e = p(&format!(
        "{MIN}[reminders.x]\ndays = \"0\"\nat = [\"12:00\"]\ntitle = \"A\"\nbody = \"{long}\"\n"
    ))
    .unwrap_err();
    assert_eq!(e.message, "`body` is too long (over 1000 characters)");
    assert!(
        p(&format!(
            "{MIN}[reminders.x]\ndays = \"0\"\nat = [\"12:00\"]\ntitle = \"A\"\nbody = \"{}\"\n",
            &long[1..]
        ))
        .is_ok()
    );
    // a plan's closing words, by the same rule
    let plan = |complete: &str| {
        parse_plan(
            &format!(
                "complete = \"{complete}\"\n[reminders.r]\ndays = \"0\"\nat = [\"09:00\"]\ntitle = \"R\"\n"
            ),
            "x.toml",
        )
    };
    let e = plan("Done.\\u001b").unwrap_err();
    assert_eq!(
        e.message,
        "`complete` holds a control character (U+001B) that a notification cannot carry"
    );
    assert_eq!(
        plan(&long).unwrap_err().message,
        "`complete` is too long (over 1000 characters)"
    );
    assert!(plan("Done.\\nThat was all.").is_ok());
}
