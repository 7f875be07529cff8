//! The care texts as a person reads them, for every built-in plan, many
//! treatment times and the four languages: no notification that
//! contradicts itself (a rule together with the milestone that ends it),
//! no care after the plan's "care is over" note, no relative-day phrase in
//! a note deferred past its day, warning signs complete in every check-in,
//! French spacing, and a golden of every notification of the default plan
//! in each language (`tests/fixtures/notes/`, `UPDATE_GOLDEN=1` rewrites).

use std::collections::BTreeMap;

use chrono::DateTime;

use super::{Occurrence, Plan};
use crate::config::{BUILTIN_PLANS, Config, Rule};
use crate::daemon::merged_text;
use crate::i18n::{Lang, messages};
use crate::testing::{config_in, zone};
use crate::zone::Zone;

/// Zones and dates: winter and summer in Berlin, summer in Sydney, winter
/// in New York (no DST change within the plans).
const SEASONS: [(&str, &str); 4] = [
    ("Europe/Berlin", "2027-01-11"),
    ("Europe/Berlin", "2027-06-14"),
    ("Australia/Sydney", "2027-01-11"),
    ("America/New_York", "2027-01-11"),
];

/// Treatment times through the day: inside quiet hours, at their end,
/// around the morning routine, the afternoon, the evening, late at night.
const TIMES: [&str; 14] = [
    "00:30", "05:10", "07:00", "07:58", "08:00", "08:05", "09:30", "11:45", "14:30", "17:50",
    "18:12", "21:00", "22:45", "23:40",
];

struct Case {
    label: String,
    config: Config,
    plan: Plan,
}

fn case(plan: &str, lang: Lang, zone_name: &str, date: &str, time: &str) -> Case {
    case_quiet(plan, lang, zone_name, date, time, "")
}

/// Quiet hours a person may set (`[quiet_hours]` lines; "" the default
/// 21:30–08:00): an early night that covers the evening check-ins, a
/// late one that does not, and a day's sleep from midnight that leaves no
/// room before it (the check-in waits for its end, that evening).
const QUIET: [&str; 4] = [
    "",
    "start = \"19:00\"\n",
    "start = \"21:00\"\n",
    "start = \"00:00\"\nend = \"20:30\"\n",
];

fn case_quiet(
    plan: &str,
    lang: Lang,
    zone_name: &str,
    date: &str,
    time: &str,
    quiet: &str,
) -> Case {
    let text = format!(
        "language = \"{}\"\n[treatment]\ndate = {date}\ntime = \"{time}\"\ntimezone = \"{zone_name}\"\nplan = \"{plan}\"\n[quiet_hours]\n{quiet}",
        lang.tag()
    );
    let config = config_in(&text, zone(zone_name));
    let label = format!(
        "{plan} {} {zone_name} {date} {time} {}",
        lang.tag(),
        quiet.trim()
    );
    let plan = Plan::build(&config).unwrap_or_else(|e| panic!("{label}: {e}"));
    Case {
        label,
        config,
        plan,
    }
}

/// Every plan × season × time × language.
fn every_case() -> impl Iterator<Item = Case> {
    every_case_quiet("")
}

/// Every plan × season × time × language, with these quiet hours.
fn every_case_quiet(quiet: &'static str) -> impl Iterator<Item = Case> {
    BUILTIN_PLANS.iter().flat_map(move |(plan, _)| {
        Lang::ALL.into_iter().flat_map(move |lang| {
            SEASONS.iter().flat_map(move |(z, d)| {
                TIMES
                    .iter()
                    .map(move |t| case_quiet(plan, lang, z, d, t, quiet))
            })
        })
    })
}

/// The notifications: occurrences at one instant, in plan order.
fn moments(plan: &Plan) -> BTreeMap<DateTime<Zone>, Vec<&Occurrence>> {
    let mut out: BTreeMap<DateTime<Zone>, Vec<&Occurrence>> = BTreeMap::new();
    for o in &plan.occurrences {
        out.entry(o.at).or_default().push(o);
    }
    out
}

fn rule<'a>(c: &'a Config, name: &str) -> &'a Rule {
    c.rules.iter().find(|r| r.name == name).unwrap()
}

/// Care: a reminder to do or avoid something, not the summary, not a
/// milestone, not the wrap-up itself.
fn is_care(r: &Rule) -> bool {
    !r.summary && !r.once && r.allows.is_none() && r.name != "wrap-up"
}

#[test]
fn no_notification_holds_a_rule_with_the_milestone_that_ends_it() {
    let mut bounded = 0;
    for c in every_case() {
        let l = &c.label;
        let first = |name: &str| {
            c.plan
                .occurrences
                .iter()
                .find(|o| o.rule == name)
                .map(|o| o.at)
        };
        for (at, notes) in moments(&c.plan) {
            for o in &notes {
                let r = rule(&c.config, &o.rule);
                if let Some(m) = &r.until {
                    bounded += 1;
                    assert!(
                        notes.iter().all(|x| &x.rule != m),
                        "{l}: {} and {m}, which ends it, in one notification at {at}",
                        o.rule
                    );
                    if let Some(mt) = first(m) {
                        assert!(at < mt, "{l}: {} at {at}, after {m} at {mt}", o.rule);
                    }
                }
                if let Some(m) = &r.from {
                    let mt = first(m).unwrap_or_else(|| panic!("{l}: {} without {m}", o.rule));
                    assert!(at >= mt, "{l}: {} at {at}, before {m} at {mt}", o.rule);
                }
            }
        }
        // The care of a rule that ends with a milestone goes on in its
        // counterpart: on no day is the morning routine missing.
        for r in c.config.rules.iter().filter(|r| r.from.is_some()) {
            let before = r.name.trim_end_matches("-after");
            let days = |name: &str| -> Vec<u32> {
                let mut d: Vec<u32> = c
                    .plan
                    .occurrences
                    .iter()
                    .filter(|o| o.rule == name)
                    .map(|o| o.day)
                    .collect();
                d.sort_unstable();
                d
            };
            let mut both = days(before);
            both.extend(days(&r.name));
            both.sort_unstable();
            assert_eq!(
                both,
                (1..=7).collect::<Vec<_>>(),
                "{l}: {before} and {} together",
                r.name
            );
        }
        // Nothing after the plan's "care is over" note, nor with it, is care.
        if let Some(end) = first("wrap-up") {
            for o in c.plan.occurrences.iter().filter(|o| o.at >= end) {
                assert!(
                    !is_care(rule(&c.config, &o.rule)),
                    "{l}: {} at {} comes with or after the wrap-up at {end}",
                    o.rule,
                    o.at
                );
            }
        }
    }
    assert!(
        bounded > 0,
        "no rule of a built-in plan ends with a milestone"
    );
}

/// Words that place a note on a day: wrong in a note shown on a later day
/// than the one it was written for (a late treatment's first note, moved
/// to the next morning).
fn relative_day_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &["today", "tomorrow", "tonight", "this evening", "until day"],
        Lang::De => &["heute", "morgen", "bis tag"],
        Lang::Es => &["hoy", "mañana", "esta noche", "hasta el día"],
        Lang::Fr => &["aujourd’hui", "demain", "ce soir", "jusqu’au jour"],
    }
}

/// With the default quiet hours and ones a person may set: an evening
/// check-in ("call tonight") never arrives the next morning.
#[test]
fn no_deferred_note_speaks_of_the_day_it_was_deferred_past() {
    let mut deferred = 0;
    for c in QUIET.into_iter().flat_map(every_case_quiet) {
        let lang = c.config.language.lang;
        for o in &c.plan.occurrences {
            // the day it belongs to, before quiet hours moved it
            let nominal = c.plan.session_day_date(o.session, o.day);
            if o.at.date_naive() == nominal {
                continue;
            }
            deferred += 1;
            let text = format!("{} {}", o.title, o.body).to_lowercase();
            for w in relative_day_words(lang) {
                assert!(
                    !text.contains(w),
                    "{}: {} deferred to {} says {w:?}: {text}",
                    c.label,
                    o.rule,
                    o.at
                );
            }
        }
    }
    assert!(deferred > 0, "no note was deferred: the test tests nothing");
}

/// (what, per language: phrases that must all be in the check-in).
type Signs = [(Lang, &'static [&'static str]); 4];

const EVERY_CHECK_IN: &[(&str, Signs)] = &[
    (
        "allergy",
        [
            (
                Lang::En,
                &["lips", "tongue", "throat", "hives", "trouble breathing"],
            ),
            (
                Lang::De,
                &["lippen", "zunge", "rachen", "quaddeln", "atemnot"],
            ),
            (
                Lang::Es,
                &[
                    "labios",
                    "lengua",
                    "garganta",
                    "ronchas",
                    "dificultad para respirar",
                ],
            ),
            (
                Lang::Fr,
                &[
                    "lèvres",
                    "langue",
                    "gorge",
                    "urticaire",
                    "difficultés à respirer",
                ],
            ),
        ],
    ),
    (
        "emergency services, with the number where it is certain (Berlin: 112)",
        [
            (Lang::En, &["call 112 now"]),
            (Lang::De, &["notruf 112"]),
            (Lang::Es, &["llame ya al 112"]),
            (Lang::Fr, &["appelez immédiatement le 112"]),
        ],
    ),
    (
        "infection",
        [
            (Lang::En, &["pus", "fever", "redness"]),
            (Lang::De, &["eiter", "fieber", "rötung"]),
            (Lang::Es, &["pus", "fiebre", "enrojecimiento"]),
            (Lang::Fr, &["pus", "fièvre", "rougeur"]),
        ],
    ),
    (
        "where to turn tonight",
        [
            (
                Lang::En,
                &["tonight", "urgent-care or out-of-hours service"],
            ),
            (
                Lang::De,
                &["heute abend", "notfallpraxis", "bereitschaftsdienst"],
            ),
            (
                Lang::Es,
                &[
                    "esta misma noche",
                    "centro de urgencias",
                    "servicio de guardia",
                ],
            ),
            (
                Lang::Fr,
                &["dès ce soir", "soins non programmés", "médecin de garde"],
            ),
        ],
    ),
];

/// A plan's own signs.
fn own_signs(plan: &str) -> &'static [(&'static str, Signs)] {
    match plan {
        "laser" => &[(
            "eye pain or a change in vision: urgent care tonight",
            [
                (
                    Lang::En,
                    &["eye pain", "vision", "eye emergency", "tonight"],
                ),
                (
                    Lang::De,
                    &["augenschmerzen", "sicht", "augenklinik", "heute abend"],
                ),
                (
                    Lang::Es,
                    &[
                        "dolor en un ojo",
                        "visión",
                        "urgencias oftalmológicas",
                        "esta misma noche",
                    ],
                ),
                (
                    Lang::Fr,
                    &[
                        "douleur à l’œil",
                        "vision",
                        "urgences ophtalmologiques",
                        "dès ce soir",
                    ],
                ),
            ],
        )],
        "tattoo" => &[(
            "an ink reaction: the artist and a doctor",
            [
                (Lang::En, &["one ink colour", "artist", "doctor"]),
                (Lang::De, &["farbe gestochen", "tätowierer", "arzt"]),
                (Lang::Es, &["color de tinta", "tatuador", "médico"]),
                (Lang::Fr, &["couleur d’encre", "tatoueur", "médecin"]),
            ],
        )],
        _ => &[],
    }
}

#[test]
fn every_check_in_names_the_warning_signs_and_where_to_turn() {
    for (name, _) in BUILTIN_PLANS {
        for lang in Lang::ALL {
            let c = case(name, lang, "Europe/Berlin", "2027-01-11", "14:30");
            let check_ins: Vec<&Rule> = c
                .config
                .rules
                .iter()
                .filter(|r| r.name.starts_with("check-in"))
                .collect();
            assert!(!check_ins.is_empty(), "{}: no check-in", c.label);
            for r in check_ins {
                assert!(
                    r.emergency,
                    "{}: {} without the emergency line",
                    c.label, r.name
                );
                let bodies: Vec<String> = c
                    .plan
                    .occurrences
                    .iter()
                    .filter(|o| o.rule == r.name)
                    .map(|o| o.body.to_lowercase())
                    .collect();
                assert!(!bodies.is_empty(), "{}: {} never fires", c.label, r.name);
                for body in &bodies {
                    for (what, per_lang) in EVERY_CHECK_IN.iter().chain(own_signs(name)) {
                        let (_, phrases) = per_lang.iter().find(|(l, _)| *l == lang).unwrap();
                        for p in *phrases {
                            assert!(
                                body.contains(p),
                                "{}: {} lacks {what} ({p:?}): {body}",
                                c.label,
                                r.name
                            );
                        }
                    }
                }
            }
        }
    }
}

/// French: a no-break space before : ; ? ! (never a plain one, never none
/// after a word), the typographic apostrophe, and a lower-case word after
/// the colon of a summary title.
#[test]
fn french_texts_keep_french_typography() {
    let mut texts: Vec<(String, String)> = Vec::new();
    for (name, _) in BUILTIN_PLANS {
        let c = case(name, Lang::Fr, "Europe/Paris", "2027-01-11", "14:30");
        for o in &c.plan.occurrences {
            texts.push((
                format!("{name} {}", o.rule),
                format!("{}\n{}", o.title, o.body),
            ));
        }
        if let Some(t) = &c.config.closing.complete {
            texts.push((format!("{name} complete"), t.clone()));
        }
        if let Some(t) = &c.config.closing.nothing_off_limits {
            texts.push((format!("{name} nothing"), t.clone()));
        }
    }
    let m = messages(Lang::Fr);
    for id in ["complete-text", "summary-nothing", "emergency-line"] {
        texts.push((id.to_string(), m.text(id)));
    }
    for (what, t) in &texts {
        assert!(!t.contains('\''), "{what}: a straight apostrophe: {t}");
        for (i, ch) in t.char_indices() {
            if !matches!(ch, ':' | ';' | '?' | '!') {
                continue;
            }
            let before = t[..i].chars().next_back();
            // "08:00" and URLs aside: a colon between digits
            let after = t[i + ch.len_utf8()..].chars().next();
            if ch == ':'
                && before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit())
            {
                continue;
            }
            assert_eq!(
                before,
                Some('\u{a0}'),
                "{what}: no no-break space before {ch:?}: {t}"
            );
        }
        if let Some((_, rest)) = t
            .split_once("Jour ")
            .and_then(|(_, r)| r.split_once("\u{a0}: "))
        {
            assert!(
                rest.chars().next().is_some_and(|c| !c.is_uppercase()),
                "{what}: a capital after the summary title's colon: {t}"
            );
        }
    }
}

/// Spanish: a lower-case word after "Día N:".
#[test]
fn summary_titles_read_as_one_phrase() {
    for lang in Lang::ALL {
        for (name, _) in BUILTIN_PLANS {
            let c = case(name, lang, "Europe/Madrid", "2027-01-11", "14:30");
            let s = c
                .plan
                .occurrences
                .iter()
                .find(|o| o.rule == "summary")
                .unwrap();
            let (_, rest) = s.title.split_once(": ").unwrap();
            let first = rest.chars().next().unwrap();
            // German capitalises "Ihre"; the others write the title in
            // lower case after the colon
            if lang != Lang::De {
                assert!(first.is_lowercase(), "{}: {}", c.label, s.title);
            }
        }
    }
}

/// Every notification of the default plan (Berlin, treated on Monday
/// 23 November 2026 at 14:30), in each language, as the desktop shows it:
/// the reminders of one moment merged, the last with the plan's closing
/// words.
fn default_plan_notes(lang: Lang) -> String {
    let c = case(
        "microneedling",
        lang,
        "Europe/Berlin",
        "2026-11-23",
        "14:30",
    );
    let all = moments(&c.plan);
    let last = all.keys().next_back().copied();
    let mut out = String::new();
    for (at, notes) in &all {
        let (title, body) = merged_text(&c.config, notes, Some(*at) == last).unwrap();
        out.push_str(&format!(
            "== {} (day {})\n{title}\n{body}\n\n",
            at.format("%Y-%m-%d %H:%M"),
            notes[0].day
        ));
    }
    out
}

#[test]
fn every_notification_of_the_default_plan_matches_its_golden() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes");
    for lang in Lang::ALL {
        let got = default_plan_notes(lang);
        let path = root.join(format!("default-{}.txt", lang.tag()));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(&root).unwrap();
            std::fs::write(&path, &got).unwrap();
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            got,
            want,
            "{} differs (UPDATE_GOLDEN=1 rewrites it)",
            path.display()
        );
    }
}

/// A merged item never stacks colons: "• Title — body", the title's own
/// colon at most.
#[test]
fn merged_items_keep_title_and_body_apart() {
    for lang in Lang::ALL {
        for line in default_plan_notes(lang)
            .lines()
            .filter(|l| l.starts_with("• "))
        {
            let (title, body) = line
                .split_once(" — ")
                .unwrap_or_else(|| panic!("{}: no dash: {line}", lang.tag()));
            assert!(title.matches(':').count() <= 1, "{}: {line}", lang.tag());
            assert!(!body.is_empty(), "{line}");
        }
    }
}
