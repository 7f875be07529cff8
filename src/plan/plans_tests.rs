//! Every built-in plan as a person lives it: for treatments at several
//! times of day, in zones and seasons with different daylight, each plan
//! keeps the budget of docs/care-plan.md ("Revised timing"): at most 7
//! notifications a local day, at least 25 minutes apart, nothing inside
//! quiet hours, day-0 care that drops at night never spills into day 1,
//! and every milestone at or after the elapsed time it promises, once, at
//! the first slot allowed, with the morning routine.
//!
//! The microneedling plan has its own, stricter fortnight tests
//! (`fortnight_tests.rs`); these hold for every plan in `plans/`, and for
//! the example plan file of docs/plan-files.md.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration as ChronoDuration, NaiveDate, NaiveTime, TimeZone, Utc};

use super::{Occurrence, Plan, summary_text};
use crate::config::{
    BUILTIN_PLANS, Config, Defaults, PlanSource, QuietPolicy, Rule, Trigger, builtin_care_plan,
    parse, parse_plan,
};
use crate::testing::{config_in, zone};
use crate::zone::Zone;

const MAX_PER_DAY: usize = 7;
const MIN_GAP_MINUTES: i64 = 25;

/// (zone, treatment date): winter and summer in Berlin, summer in Sydney,
/// winter in New York. None of them crosses a DST change within 20 days.
const SEASONS: [(&str, &str); 4] = [
    ("Europe/Berlin", "2027-01-11"),
    ("Europe/Berlin", "2027-06-14"),
    ("Australia/Sydney", "2027-01-11"),
    ("America/New_York", "2027-01-11"),
];

/// Just after midnight, early morning (inside quiet hours), the end of
/// quiet hours exactly, late morning, afternoon, evening, just before quiet
/// hours, and late at night.
const TIMES: [&str; 9] = [
    "00:30", "07:00", "08:00", "11:45", "14:30", "18:12", "21:00", "22:45", "23:40",
];

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The default quiet hours: nothing in [21:30, 08:00).
fn in_quiet_hours(t: NaiveTime) -> bool {
    t >= hm(21, 30) || t < hm(8, 0)
}

/// One treatment with one plan.
struct Treated {
    label: String,
    /// The plan's last day (0 = treatment day).
    last_day: u32,
    config: Config,
    plan: Plan,
}

impl Treated {
    fn new(plan_name: &str, zone_name: &str, date: &str, time: &str) -> Treated {
        let text = format!(
            "[treatment]\ndate = {date}\ntime = \"{time}\"\ntimezone = \"{zone_name}\"\nplan = \"{plan_name}\"\n"
        );
        let config = config_in(&text, zone(zone_name));
        let last_day = builtin_care_plan(plan_name).unwrap().last_day();
        Treated::of(
            config,
            format!("{plan_name} {zone_name} {date} {time}"),
            last_day,
        )
    }

    fn of(config: Config, label: String, last_day: u32) -> Treated {
        let plan = Plan::build(&config).unwrap_or_else(|e| panic!("{label}: {e}"));
        Treated {
            label,
            last_day,
            config,
            plan,
        }
    }

    fn start(&self) -> DateTime<Zone> {
        self.plan.start
    }

    fn local_day(&self, o: &Occurrence) -> i64 {
        crate::testing::local_day(&self.plan, o)
    }

    fn date_of(&self, day: i64) -> NaiveDate {
        crate::testing::date_of(&self.plan, day)
    }

    fn local(&self, date: NaiveDate, t: NaiveTime) -> DateTime<Zone> {
        self.start()
            .timezone()
            .from_local_datetime(&date.and_time(t))
            .single()
            .unwrap()
    }

    /// Distinct notification instants per local day.
    fn notifications(&self) -> BTreeMap<i64, BTreeSet<DateTime<Utc>>> {
        crate::testing::notifications_per_day(&self.plan)
    }

    fn of_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Occurrence> + 'a {
        self.plan.occurrences.iter().filter(move |o| o.rule == rule)
    }

    /// The milestones: rules that fire once, after an elapsed time.
    fn milestones(&self) -> impl Iterator<Item = &Rule> {
        self.config
            .rules
            .iter()
            .filter(|r| r.once && r.not_before.is_some())
    }
}

fn every_treatment(plan: &str) -> Vec<Treated> {
    let mut out = Vec::new();
    for (zone_name, date) in SEASONS {
        for time in TIMES {
            out.push(Treated::new(plan, zone_name, date, time));
        }
    }
    out
}

fn every_plan_and_treatment() -> Vec<Treated> {
    BUILTIN_PLANS
        .iter()
        .flat_map(|(name, _)| every_treatment(name))
        .collect()
}

// ------------------------------------------------------------------ checks

fn check_quiet_hours(t: &Treated) {
    assert!(!t.plan.occurrences.is_empty(), "{}", t.label);
    for o in &t.plan.occurrences {
        assert!(
            !in_quiet_hours(o.at.time()),
            "{}: {} at {} is inside quiet hours",
            t.label,
            o.id,
            o.at
        );
    }
}

fn check_budget(t: &Treated) {
    let l = &t.label;
    let per_day = t.notifications();
    let last = i64::from(t.last_day);
    for (day, at) in &per_day {
        assert!(
            (0..=last).contains(day),
            "{l}: notifications on day {day}, past the plan's last day {last}"
        );
        assert!(
            at.len() <= MAX_PER_DAY,
            "{l}: day {day} has {} notifications: {:?}",
            at.len(),
            at.iter()
                .map(|u| u.with_timezone(&t.start().timezone()).time())
                .collect::<Vec<_>>()
        );
    }
    let all: Vec<DateTime<Utc>> = per_day.values().flatten().copied().collect();
    for w in all.windows(2) {
        let gap = (w[1] - w[0]).num_minutes();
        assert!(
            gap >= MIN_GAP_MINUTES,
            "{l}: notifications {gap} min apart at {} and {}",
            w[0].with_timezone(&t.start().timezone()),
            w[1].with_timezone(&t.start().timezone())
        );
    }
}

/// Day-0 care that drops in quiet hours stays on day 0, at its offsets
/// from the treatment time, except those at night.
fn check_day_zero_care(t: &Treated) {
    let l = &t.label;
    for r in t
        .config
        .rules
        .iter()
        .filter(|r| r.quiet == QuietPolicy::Drop)
    {
        let Trigger::After(offsets) = &r.trigger else {
            continue;
        };
        let got: BTreeSet<DateTime<Zone>> = t.of_rule(&r.name).map(|o| o.at).collect();
        let expected: BTreeSet<DateTime<Zone>> = offsets
            .iter()
            .map(|d| t.start() + ChronoDuration::from_std(*d).unwrap())
            .filter(|at| {
                let day = (at.date_naive() - t.start().date_naive()).num_days();
                r.days
                    .as_ref()
                    .is_none_or(|d| d.contains(u32::try_from(day).unwrap()))
                    && !in_quiet_hours(at.time())
            })
            .collect();
        assert_eq!(got, expected, "{l}: {}", r.name);
    }
}

fn check_milestones(t: &Treated) {
    let l = &t.label;
    let summary = t.config.rules.iter().find(|r| r.summary);
    let milestones: Vec<&Rule> = t.milestones().collect();
    assert!(!milestones.is_empty(), "{l}: no milestones");
    for r in milestones {
        let rule = &r.name;
        assert!(r.once, "{l}: milestone {rule} is not `once`");
        let not_before = ChronoDuration::from_std(r.not_before.unwrap()).unwrap();
        let threshold = t.start() + not_before;
        let occ: Vec<&Occurrence> = t.of_rule(rule).collect();
        assert_eq!(occ.len(), 1, "{l}: {rule} exactly once: {occ:?}");
        let o = occ[0];
        assert!(
            o.at >= threshold,
            "{l}: {rule} at {} is before T+{}h ({threshold})",
            o.at,
            not_before.num_hours()
        );
        // The first of its slots at or after the threshold: worked out here
        // from the rule's days and clock times alone.
        let (Some(days), Trigger::At(times)) = (&r.days, &r.trigger) else {
            panic!("{l}: milestone {rule} is not a clock-time rule with days");
        };
        let first_slot = days
            .iter()
            .flat_map(|d| times.iter().map(move |tm| (d, *tm)))
            .map(|(d, tm)| t.local(t.date_of(i64::from(d)), tm))
            .filter(|at| *at >= threshold && !in_quiet_hours(at.time()))
            .min()
            .unwrap_or_else(|| panic!("{l}: {rule}: no slot after T+{}h", not_before.num_hours()));
        assert_eq!(o.at, first_slot, "{l}: {rule} not at its first slot");
        let day = t.local_day(o);
        // With the morning routine, when there is one that day.
        if let Some(s) = summary {
            if s.days
                .as_ref()
                .is_some_and(|d| d.contains(u32::try_from(day).unwrap()))
            {
                let routine = t
                    .of_rule(&s.name)
                    .find(|m| t.local_day(m) == day)
                    .unwrap_or_else(|| panic!("{l}: no morning routine on day {day}"));
                assert_eq!(
                    routine.at, o.at,
                    "{l}: {rule} apart from the morning routine"
                );
            }
        }
        // The morning summary agrees with the milestone.
        if let Some(allows) = &r.allows {
            let text = summary_text(&t.config, u32::try_from(day).unwrap());
            assert!(
                text.split("From today, usually fine again: ")
                    .nth(1)
                    .is_some_and(|s| s.contains(allows.as_str())),
                "{l}: day {day} summary does not say {allows:?} is fine: {text}"
            );
            if day > 0 {
                let before = summary_text(&t.config, u32::try_from(day - 1).unwrap());
                assert!(
                    before
                        .split("Still off-limits: ")
                        .nth(1)
                        .is_some_and(|s| s.contains(&format!("{allows} (1 more day)"))),
                    "{l}: day {} summary should count {allows:?} down: {before}",
                    day - 1
                );
            }
        }
    }
}

#[test]
fn every_plan_keeps_quiet_hours() {
    for t in every_plan_and_treatment() {
        check_quiet_hours(&t);
    }
}

#[test]
fn every_plan_keeps_its_daily_budget() {
    for t in every_plan_and_treatment() {
        check_budget(&t);
    }
}

#[test]
fn every_plan_drops_night_time_day_zero_care() {
    for t in every_plan_and_treatment() {
        check_day_zero_care(&t);
    }
}

#[test]
fn every_plan_keeps_its_milestones_elapsed_times() {
    for t in every_plan_and_treatment() {
        check_milestones(&t);
    }
}

/// The milestones of each plan, with the elapsed time each promises: what
/// docs/care-plan.md lists. A change to a plan file shows here first.
#[test]
fn milestone_thresholds_are_the_documented_ones() {
    let want: &[(&str, &[(&str, u64)])] = &[
        (
            "microneedling",
            &[
                ("makeup-ok", 24),
                ("exercise-ok", 72),
                ("pool-ok", 96),
                ("actives-ok", 144),
            ],
        ),
        (
            "chemical-peel",
            &[
                ("makeup-ok", 24),
                ("exercise-ok", 72),
                ("heat-ok", 168),
                ("actives-ok", 168),
            ],
        ),
        (
            "laser",
            &[
                ("makeup-ok", 24),
                ("heat-ok", 48),
                ("sauna-ok", 72),
                ("actives-ok", 168),
            ],
        ),
        ("tattoo", &[("exercise-ok", 48), ("swim-ok", 336)]),
        (
            "dermaroller",
            &[
                ("makeup-ok", 24),
                ("heat-ok", 48),
                ("actives-ok", 72),
                ("wrap-up", 72),
            ],
        ),
    ];
    let names: Vec<&str> = BUILTIN_PLANS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, want.iter().map(|(n, _)| *n).collect::<Vec<_>>());
    for (name, milestones) in want {
        let plan = builtin_care_plan(name).unwrap();
        let got: Vec<(&str, u64)> = plan
            .rules
            .iter()
            .filter(|r| r.once)
            .filter_map(|r| Some((r.name.as_str(), r.not_before?.as_secs() / 3600)))
            .collect();
        assert_eq!(&got, milestones, "{name}");
    }
}

/// Every plan: a description, healing stages, words for every rule; in
/// the plans added after microneedling, every rule states its quiet-hours
/// policy, and the milestones (other than a closing note) say what they
/// allow.
#[test]
fn every_plan_file_is_complete() {
    for (name, text) in BUILTIN_PLANS {
        let plan = builtin_care_plan(name).unwrap();
        let description = plan.description.as_deref().unwrap_or_default();
        assert!(
            !description.is_empty() && description.len() <= 120,
            "{name}: description {description:?}"
        );
        assert!(!plan.healing.is_empty(), "{name}: no [healing]");
        assert!(plan.rules.iter().any(|r| r.summary), "{name}: no summary");
        for r in &plan.rules {
            assert!(
                !r.title.is_empty() && (r.summary || !r.body.is_empty()),
                "{name}: {} needs words",
                r.name
            );
            // a milestone says what it allows, unless it closes the plan
            // or what it allows depends on the treatment (makeup after a
            // light peel, not after a medium one)
            let says_it_itself =
                r.name == "wrap-up" || (*name, r.name.as_str()) == ("chemical-peel", "makeup-ok");
            if r.once && r.not_before.is_some() && !says_it_itself {
                assert!(r.allows.is_some(), "{name}: {} allows nothing", r.name);
            }
        }
        if *name != "microneedling" {
            let tables = text.matches("\n[reminders.").count();
            let policies = text.matches("\nquiet = \"").count();
            assert_eq!(tables, plan.rules.len(), "{name}");
            assert_eq!(policies, tables, "{name}: a rule without `quiet`");
        }
        // Every healing day is within the plan.
        let last = plan.last_day();
        for (days, _) in &plan.healing {
            assert!(
                days.max().unwrap() <= last,
                "{name}: healing past day {last}"
            );
        }
    }
}

/// Daily counts for several treatment times in Berlin in January, for the
/// docs (`--nocapture` prints it).
#[test]
#[allow(clippy::print_stderr)]
fn notifications_per_day_by_treatment_time() {
    for (name, _) in BUILTIN_PLANS {
        for time in ["07:00", "08:00", "14:30", "18:12", "22:45"] {
            let t = Treated::new(name, "Europe/Berlin", "2027-01-11", time);
            let per_day = t.notifications();
            let counts: Vec<String> = (0..=i64::from(t.last_day))
                .map(|d| per_day.get(&d).map_or(0, BTreeSet::len).to_string())
                .collect();
            let milestones: Vec<String> = t
                .milestones()
                .map(|r| {
                    let o = t.of_rule(&r.name).next().unwrap();
                    let h = (o.at - t.start()).num_minutes();
                    format!(
                        "{} {:.2} h (day {})",
                        r.name,
                        h as f64 / 60.0,
                        t.local_day(o)
                    )
                })
                .collect();
            eprintln!(
                "| {name} | {time} | {} | {} |",
                counts.join(" "),
                milestones.join(", ")
            );
            assert!(per_day.values().all(|d| d.len() <= MAX_PER_DAY));
        }
    }
}

/// Daily counts for an afternoon treatment in Berlin in January: the
/// numbers the closing notes and docs/care-plan.md quote.
#[test]
#[allow(clippy::print_stderr)]
fn notifications_per_day_table() {
    let mut table = String::new();
    for (name, _) in BUILTIN_PLANS {
        let t = Treated::new(name, "Europe/Berlin", "2027-01-11", "14:30");
        let per_day = t.notifications();
        let last = i64::from(t.last_day);
        let counts: Vec<String> = (0..=last)
            .map(|d| per_day.get(&d).map_or(0, BTreeSet::len).to_string())
            .collect();
        table.push_str(&format!("{name}: {}\n", counts.join(" ")));
    }
    eprintln!("{table}");
    let want = "\
microneedling: 3 6 7 7 7 7 7 7 1 1 1 1 1 1 1
chemical-peel: 3 6 7 7 7 7 7 7 1 1 1 1 1 1 1
laser: 4 6 7 7 7 7 7 7 1 1 1 1 1 1 1
tattoo: 3 3 3 4 4 4 4 4 4 4 4 4 4 4 1 1
dermaroller: 2 6 6 1 1 1
";
    assert_eq!(table, want);
}

// ------------------------------------------------- the documented example

/// The example plan file of docs/plan-files.md, between its marker lines.
pub(crate) fn documented_example() -> String {
    let doc = include_str!("../../docs/plan-files.md");
    let begin = "<!-- example plan: begin -->";
    let end = "<!-- example plan: end -->";
    let inner = doc
        .split_once(begin)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(inner, _)| inner)
        .expect("docs/plan-files.md has the example between its markers");
    let inner = inner.trim();
    inner
        .strip_prefix("```toml")
        .and_then(|s| s.strip_suffix("```"))
        .expect("the example is a ```toml block")
        .trim_start()
        .to_string()
}

/// Plan files for tests: the documented example, under any name.
#[derive(Debug)]
struct ExampleFile;

impl PlanSource for ExampleFile {
    fn plan_text(&self, _path: &std::path::Path) -> Result<String, String> {
        Ok(documented_example())
    }
}

#[test]
fn the_documented_example_plan_loads_and_keeps_the_budget() {
    let example = documented_example();
    let plan = parse_plan(&example, "clinic-plan.toml").unwrap_or_else(|e| panic!("{e}"));
    assert!(plan.description.is_some());
    assert!(!plan.healing.is_empty());
    for time in TIMES {
        let text = format!(
            "[treatment]\ndate = 2027-01-11\ntime = \"{time}\"\ntimezone = \"Europe/Berlin\"\nplan = \"clinic-plan.toml\"\n"
        );
        let defaults = Defaults {
            plans: &ExampleFile,
            ..Defaults::system(zone("Europe/Berlin"))
        };
        let config = parse(&text, "/home/a/.config/aftercare/config.toml", defaults)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            config.treatment.plan_file.as_deref(),
            Some(std::path::Path::new(
                "/home/a/.config/aftercare/clinic-plan.toml"
            ))
        );
        assert_eq!(config.rules, plan.rules);
        let t = Treated::of(config, format!("example {time}"), plan.last_day());
        check_quiet_hours(&t);
        check_budget(&t);
        check_day_zero_care(&t);
        check_milestones(&t);
    }
}

/// The list of built-in plans is written once in code (`BUILTIN_PLANS`);
/// the texts that name them for people (README, the example config, the
/// plan-file guide) must name every one, so a new plan cannot be left out.
#[test]
fn every_text_that_lists_the_built_in_plans_names_each() {
    for (doc, text) in [
        ("README.md", include_str!("../../README.md")),
        (
            "config.example.toml",
            include_str!("../../config.example.toml"),
        ),
        (
            "docs/plan-files.md",
            include_str!("../../docs/plan-files.md"),
        ),
    ] {
        for (name, _) in BUILTIN_PLANS {
            assert!(
                text.contains(&format!("\"{name}\"")) || text.contains(&format!("`{name}`")),
                "{doc} does not name the built-in plan {name}"
            );
        }
    }
}
