use super::*;
use crate::testing::{config_in, zone};

fn berlin(text: &str) -> Config {
    config_in(text, zone("Europe/Berlin"))
}

fn plan(text: &str) -> Plan {
    Plan::build(&berlin(text)).unwrap()
}

fn times(p: &Plan, rule: &str) -> Vec<String> {
    p.occurrences
        .iter()
        .filter(|o| o.rule == rule)
        .map(|o| o.at.format("%Y-%m-%d %H:%M %:z").to_string())
        .collect()
}

const BASE: &str =
    "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\ntimezone = \"Europe/Berlin\"\n";
/// The same clock as Berlin in November, in a zone without a principal
/// city: no daylight, the fixed sunscreen window.
const FIXED: &str = "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\ntimezone = \"Etc/GMT-1\"\n";

#[test]
fn default_plan_day_zero() {
    let p = plan(BASE);
    let day0: Vec<(&str, String)> = p
        .occurrences
        .iter()
        .filter(|o| o.day == 0)
        .map(|o| (o.rule.as_str(), o.at.format("%d %H:%M").to_string()))
        .collect();
    // T = 14:30: today at T, hydrate at +3h/+6h/+9h (23:30 falls in quiet
    // hours and is dropped: time-bound care does not spill into day 1),
    // first rinse at +6h, listed before the serum.
    assert_eq!(
        day0,
        [
            ("today", "23 14:30".into()),
            ("hydrate", "23 17:30".into()),
            ("first-rinse", "23 20:30".into()),
            ("hydrate", "23 20:30".into()),
        ]
    );
    assert_eq!(p.occurrences[0].title, "Aftercare has started");
    assert!(p.occurrences[0].body.contains("practitioner"));
}

#[test]
fn default_plan_shape() {
    let p = plan(FIXED);
    let count = |r: &str| p.occurrences.iter().filter(|o| o.rule == r).count();
    assert_eq!(count("sunscreen"), 7 * 6); // 08,10,12,14,16,18 on days 1-7
    // treated at 14:30: actives come back on day 7 at 08:00, and so does
    // the morning routine without "No actives yet"
    assert_eq!(count("morning-care"), 6);
    assert_eq!(count("morning-care-after"), 1);
    assert_eq!(count("evening-care"), 7);
    assert_eq!(count("no-picking"), 12);
    assert_eq!(count("check-in"), 3);
    for milestone in ["makeup-ok", "exercise-ok", "pool-ok", "actives-ok"] {
        assert_eq!(count(milestone), 1, "{milestone}: once");
    }
    assert_eq!(count("sunscreen-daily"), 6); // days 8-13: day 14 is the wrap-up's
    assert_eq!(count("wrap-up"), 1);
    assert_eq!(p.last().unwrap().rule, "wrap-up");
    assert_eq!(
        p.last().unwrap().at.format("%Y-%m-%d %H:%M").to_string(),
        "2026-12-07 08:00"
    );
    // sorted and unique ids
    assert!(p.occurrences.windows(2).all(|w| w[0].at <= w[1].at));
    let ids: HashSet<_> = p.occurrences.iter().map(|o| &o.id).collect();
    assert_eq!(ids.len(), p.occurrences.len());
}

#[test]
fn day_zero_drops_times_before_treatment() {
    let p = plan(&format!(
        "{BASE}[reminders.x]\ndays = \"0-1\"\nat = [\"09:00\", \"15:00\"]\ntitle = \"X\"\n"
    ));
    assert_eq!(
        times(&p, "x"),
        [
            "2026-11-23 15:00 +01:00",
            "2026-11-24 09:00 +01:00",
            "2026-11-24 15:00 +01:00"
        ]
    );
}

#[test]
fn after_counts_from_treatment_time() {
    let p = plan(&format!(
        "{BASE}[reminders.x]\nafter = [\"90m\", \"1d\"]\ntitle = \"X\"\n"
    ));
    assert_eq!(
        times(&p, "x"),
        ["2026-11-23 16:00 +01:00", "2026-11-24 14:30 +01:00"]
    );
    let days: Vec<u32> = p
        .occurrences
        .iter()
        .filter(|o| o.rule == "x")
        .map(|o| o.day)
        .collect();
    assert_eq!(days, [0, 1]);
    // with days, offsets landing on other days are dropped
    let p = plan(&format!(
        "{BASE}[reminders.x]\ndays = \"1\"\nafter = [\"90m\", \"1d\"]\ntitle = \"X\"\n"
    ));
    assert_eq!(times(&p, "x"), ["2026-11-24 14:30 +01:00"]);
}

#[test]
fn quiet_hours_move_and_collide() {
    // 22:00 and 23:00 both move to 08:00 and become one; 07:00 too.
    let p = plan(&format!(
        "{BASE}[reminders.x]\ndays = \"1\"\nat = [\"22:00\", \"23:00\", \"12:00\"]\ntitle = \"X\"\n\
             [reminders.y]\ndays = \"2\"\nat = [\"07:00\"]\ntitle = \"Y\"\n"
    ));
    assert_eq!(
        times(&p, "x"),
        ["2026-11-24 12:00 +01:00", "2026-11-25 08:00 +01:00"]
    );
    assert_eq!(times(&p, "y"), ["2026-11-25 08:00 +01:00"]);
    // different rules at the same moment both stay
    assert_eq!(
        p.occurrences
            .iter()
            .filter(|o| (o.rule == "x" || o.rule == "y")
                && o.at.format("%d %H:%M").to_string() == "25 08:00")
            .count(),
        2
    );
    // the moved one keeps its day and nominal id
    let x = p
        .occurrences
        .iter()
        .find(|o| o.rule == "x" && o.day == 1 && o.at.format("%H").to_string() == "08")
        .unwrap();
    assert_eq!(x.id, "x@s1d1T22:00");
}

#[test]
fn quiet_hours_custom_window_and_off() {
    let p = plan(&format!(
        "{BASE}[quiet_hours]\nstart = \"12:00\"\nend = \"13:30\"\n[reminders.x]\ndays = \"1\"\nat = [\"12:15\", \"22:00\"]\ntitle = \"X\"\n"
    ));
    assert_eq!(
        times(&p, "x"),
        ["2026-11-24 13:30 +01:00", "2026-11-24 22:00 +01:00"]
    );
    let p = plan(&format!(
        "{BASE}[quiet_hours]\nenabled = false\n[reminders.x]\ndays = \"1\"\nat = [\"03:00\"]\ntitle = \"X\"\n"
    ));
    assert_eq!(times(&p, "x"), ["2026-11-24 03:00 +01:00"]);
}

fn dst(tz: &str, date: &str, at: &str) -> Vec<String> {
    let p = plan(&format!(
        "[treatment]\ndate = {date}\ntime = \"00:00\"\ntimezone = \"{tz}\"\nplan = \"none\"\n\
             [quiet_hours]\nenabled = false\n\
             [reminders.x]\ndays = \"0\"\nat = [{at}]\ntitle = \"X\"\n"
    ));
    times(&p, "x")
}

#[test]
fn dst_new_york_spring_forward_moves_past_gap() {
    // 2026-03-08 02:00 EST → 03:00 EDT; 02:30 does not exist.
    assert_eq!(
        dst(
            "America/New_York",
            "2026-03-08",
            "\"01:30\", \"02:30\", \"03:30\""
        ),
        ["2026-03-08 01:30 -05:00", "2026-03-08 03:30 -04:00"]
    );
    // 02:30 alone moves forward past the gap, to 03:30 EDT
    assert_eq!(
        dst("America/New_York", "2026-03-08", "\"02:30\""),
        ["2026-03-08 03:30 -04:00"]
    );
}

#[test]
fn dst_new_york_fall_back_fires_once() {
    // 2026-11-01 02:00 EDT → 01:00 EST; 01:30 exists twice.
    assert_eq!(
        dst("America/New_York", "2026-11-01", "\"01:30\""),
        ["2026-11-01 01:30 -04:00"]
    );
}

#[test]
fn dst_berlin() {
    assert_eq!(
        dst("Europe/Berlin", "2026-03-29", "\"02:30\""),
        ["2026-03-29 03:30 +02:00"]
    );
    assert_eq!(
        dst("Europe/Berlin", "2026-10-25", "\"02:30\""),
        ["2026-10-25 02:30 +02:00"]
    );
}

#[test]
fn dst_every_across_the_change_keeps_wall_clock() {
    let p = plan(
        "[treatment]\ndate = 2026-03-28\ntime = \"08:00\"\ntimezone = \"Europe/Berlin\"\nplan = \"none\"\n\
             [reminders.x]\ndays = \"0-1\"\nevery = \"4h\"\nbetween = [\"09:00\", \"17:00\"]\ntitle = \"X\"\n",
    );
    assert_eq!(
        times(&p, "x"),
        [
            "2026-03-28 09:00 +01:00",
            "2026-03-28 13:00 +01:00",
            "2026-03-28 17:00 +01:00",
            "2026-03-29 09:00 +02:00",
            "2026-03-29 13:00 +02:00",
            "2026-03-29 17:00 +02:00",
        ]
    );
}

#[test]
fn quiet_hours_end_in_a_dst_gap() {
    // Quiet hours end at 02:30, which does not exist on 2026-03-29 in
    // Berlin: the moved occurrence lands just past the gap.
    let p = plan(
        "[treatment]\ndate = 2026-03-28\ntime = \"20:00\"\ntimezone = \"Europe/Berlin\"\nplan = \"none\"\n\
             [quiet_hours]\nstart = \"22:00\"\nend = \"02:30\"\n\
             [reminders.x]\ndays = \"0\"\nat = [\"23:00\"]\ntitle = \"X\"\n",
    );
    assert_eq!(times(&p, "x"), ["2026-03-29 03:30 +02:00"]);
}

#[test]
fn time_zones_shift_the_instant_not_the_wall_clock() {
    let ny = plan(&BASE.replace("Europe/Berlin", "America/New_York"));
    let be = plan(BASE);
    let a = ny.occurrences.iter().find(|o| o.rule == "wrap-up").unwrap();
    let b = be.occurrences.iter().find(|o| o.rule == "wrap-up").unwrap();
    assert_eq!(a.at.naive_local(), b.at.naive_local());
    assert_eq!(a.utc() - b.utc(), ChronoDuration::hours(6));
    assert_eq!(
        a.id, b.id,
        "ids follow the wall clock, so a zone change keeps them"
    );
}

#[test]
fn ids_are_stable_and_follow_the_config() {
    let a = plan(BASE);
    let b = plan(BASE);
    assert_eq!(a.occurrences, b.occurrences);
    assert_eq!(a.occurrences[1].id, "hydrate@s1+3h");
    // disabling one rule does not change the others' ids
    let c = plan(&format!("{BASE}[reminders.hydrate]\nenabled = false\n"));
    let ids_c: HashSet<_> = c.occurrences.iter().map(|o| o.id.clone()).collect();
    let ids_a: HashSet<_> = a
        .occurrences
        .iter()
        .filter(|o| o.rule != "hydrate")
        .map(|o| o.id.clone())
        .collect();
    assert_eq!(ids_a, ids_c);
}

#[test]
fn past_plan_is_all_past() {
    let p = plan(&FIXED.replace("2026-11-23", "2020-01-06"));
    let now = "2026-11-24T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
    assert!(p.is_over(now));
    assert!(p.next_after(now).is_none());
    assert!(p.from_today(now).is_empty());
    assert_eq!(p.occurrences.len(), plan(FIXED).occurrences.len());
}

#[test]
fn next_and_today() {
    let p = plan(BASE);
    let now = "2026-11-25T10:00:00Z".parse::<DateTime<Utc>>().unwrap(); // 11:00 Berlin
    let next = p.next_after(now).unwrap();
    assert_eq!(next.at.format("%d %H:%M").to_string(), "25 12:00");
    assert_eq!(
        p.from_today(now)[0].at.format("%d %H:%M").to_string(),
        "25 08:00"
    );
}

#[test]
fn a_huge_plan_is_refused_not_built() {
    let c = crate::testing::config(
        "[treatment]\ndate = 2026-01-01\nplan = \"none\"\n[quiet_hours]\nenabled = false\n\
             [reminders.a]\ndays = \"0-400\"\nevery = \"5m\"\nbetween = [\"00:00\", \"23:59\"]\ntitle = \"A\"\n",
    );
    assert!(matches!(Plan::build(&c), Err(PlanError::TooLarge)));
}

fn sunscreen_on(p: &Plan, date: &str) -> Vec<String> {
    p.occurrences
        .iter()
        .filter(|o| o.rule == "sunscreen" && o.at.format("%Y-%m-%d").to_string() == date)
        .map(|o| o.at.format("%H:%M").to_string())
        .collect()
}

#[test]
fn daylight_limits_sunscreen_to_the_hours_of_sun() {
    // Berlin in late November: sunrise ~07:50, sunset ~16:00.
    let p = plan(&format!(
        "{BASE}[location]\nlatitude = 52.52\nlongitude = 13.40\n"
    ));
    // sunset is 16:02 here (16:03 by the NOAA equations)
    assert_eq!(
        sunscreen_on(&p, "2026-11-24"),
        ["08:00", "10:00", "12:00", "14:00", "16:00"]
    );
    let d = p.daylight(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let Some(Daylight::Between(up, down)) = d else {
        panic!("{d:?}")
    };
    assert!(
        up > NaiveTime::from_hms_opt(7, 30, 0).unwrap()
            && up < NaiveTime::from_hms_opt(8, 15, 0).unwrap(),
        "{up}"
    );
    assert!(
        down > NaiveTime::from_hms_opt(15, 45, 0).unwrap()
            && down < NaiveTime::from_hms_opt(16, 30, 0).unwrap(),
        "{down}"
    );
    // without a location, the zone's principal city (Berlin: 52.50N
    // 13.37E) is assumed: the same hours here
    let assumed = plan(BASE);
    assert!(assumed.location.is_some_and(|l| l.from_zone));
    assert_eq!(
        sunscreen_on(&assumed, "2026-11-24"),
        ["08:00", "10:00", "12:00", "14:00", "16:00"]
    );
    // a zone without one (UTC, Etc/*) keeps the fixed window, no daylight
    let fixed = plan(FIXED);
    assert_eq!(fixed.location, None);
    assert_eq!(
        sunscreen_on(&fixed, "2026-11-24"),
        ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00"]
    );
    assert_eq!(
        fixed.daylight(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
        None
    );
}

#[test]
fn polar_night_and_polar_day() {
    let tromso = |date: &str| {
        plan(&format!(
            "[treatment]\ndate = {date}\ntime = \"08:00\"\ntimezone = \"Europe/Oslo\"\n[location]\nlatitude = 69.65\nlongitude = 18.96\n"
        ))
    };
    let winter = tromso("2026-12-10");
    assert!(
        winter.occurrences.iter().all(|o| o.rule != "sunscreen"),
        "no sun, no sunscreen reminders"
    );
    assert_eq!(
        winter.daylight(NaiveDate::from_ymd_opt(2026, 12, 11).unwrap()),
        Some(Daylight::PolarNight)
    );
    let summer = tromso("2026-06-20");
    assert_eq!(
        sunscreen_on(&summer, "2026-06-21"),
        ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00"]
    );
    assert_eq!(
        summer.daylight(NaiveDate::from_ymd_opt(2026, 6, 21).unwrap()),
        Some(Daylight::PolarDay)
    );
}

#[test]
fn summary_counts_restrictions_down() {
    let c = berlin(BASE);
    let day2 = summary_text(&c, 2);
    // T = 14:30 on day 0: makeup from T+24 h is announced at the morning
    // routine of day 2, workouts (T+72 h) on day 4, pool (T+96 h) on day 5,
    // actives (T+144 h) on day 7: the summary says the same days
    let day1 = summary_text(&c, 1);
    assert!(day1.contains("makeup (1 more day)"), "{day1}");
    assert!(
        day2.starts_with("Normal now: redness and swelling fading"),
        "{day2}"
    );
    assert!(day2.contains("Still off-limits: sweaty workouts (2 more days); pool, sauna and steam (3 more days); retinoids, acids and vitamin C (5 more days)."), "{day2}");
    assert!(
        day2.contains("From today, usually fine again: makeup."),
        "{day2}"
    );
    let day3 = summary_text(&c, 4);
    assert!(
        day3.contains("From today, usually fine again: sweaty workouts."),
        "{day3}"
    );
    let day9 = summary_text(&c, 9);
    assert!(
        !day9.contains("off-limits") && day9.contains("mostly calm"),
        "{day9}"
    );
    let p = Plan::build(&c).unwrap();
    let summaries: Vec<_> = p
        .occurrences
        .iter()
        .filter(|o| o.rule == "summary")
        .collect();
    assert_eq!(summaries.len(), 14);
    assert_eq!(summaries[3].title, "Day 4: today's aftercare");
    assert_eq!(summaries[3].body, day3);
    assert_eq!(summaries[2].at.format("%H:%M").to_string(), "08:00");
}

#[test]
fn a_series_merges_without_duplicates() {
    let one = plan(FIXED);
    let two = plan(&FIXED.replace("date = 2026-11-23", "date = [2026-11-23, 2026-11-24]"));
    assert_eq!(two.starts.len(), 2);
    // overlapping sunscreen days: Nov 24-30 and Nov 25-Dec 1 make 8 days, not 14
    assert_eq!(
        two.occurrences
            .iter()
            .filter(|o| o.rule == "sunscreen")
            .count(),
        8 * 6
    );
    let mut keys: Vec<_> = two
        .occurrences
        .iter()
        .map(|o| (o.rule.clone(), o.at))
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "one reminder per rule and moment");
    // session 1 keeps its ids; session 2 is labelled
    let ids_one: HashSet<_> = one.occurrences.iter().map(|o| o.id.clone()).collect();
    assert!(
        two.occurrences
            .iter()
            .filter(|o| o.session == 1)
            .all(|o| ids_one.contains(&o.id))
    );
    let second_today = two
        .occurrences
        .iter()
        .find(|o| o.session == 2 && o.rule == "today")
        .unwrap();
    assert_eq!(
        second_today.at.format("%Y-%m-%d %H:%M").to_string(),
        "2026-11-24 14:30"
    );
    assert_eq!(
        two.current_day("2026-11-26T12:00:00Z".parse().unwrap()),
        Some((2, 2))
    );
}

#[test]
fn rules_begin_and_end_with_a_milestone() {
    // ok: 48 h after 14:30 on day 0 is day 2 14:30, so day 3 at 08:00
    let p = plan(
        "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\nplan = \"none\"\n\
         [reminders.ok]\ndays = \"2-4\"\nat = [\"08:00\"]\nnot_before = \"48h\"\nonce = true\ntitle = \"OK\"\n\
         [reminders.care]\ndays = \"1-4\"\nat = [\"08:00\"]\nuntil = \"ok\"\ntitle = \"Care\"\n\
         [reminders.early]\ndays = \"1-4\"\nat = [\"07:58\"]\nuntil = \"ok\"\ntitle = \"Early\"\n\
         [reminders.later]\ndays = \"1-4\"\nat = [\"08:00\", \"20:00\"]\nfrom = \"ok\"\ntitle = \"Later\"\n\
         [quiet_hours]\nenabled = false\n",
    );
    assert_eq!(times(&p, "ok"), ["2026-11-26 08:00 +01:00"]);
    // ends before the milestone's moment, and not in its notification
    // (on days 1 and 2 it is grouped with `early`, 2 minutes before)
    assert_eq!(
        times(&p, "care"),
        ["2026-11-24 07:58 +01:00", "2026-11-25 07:58 +01:00"]
    );
    // 2 minutes before it would be grouped with it: it ends there too
    assert_eq!(
        times(&p, "early"),
        ["2026-11-24 07:58 +01:00", "2026-11-25 07:58 +01:00"]
    );
    // begins with it
    assert_eq!(
        times(&p, "later"),
        [
            "2026-11-26 08:00 +01:00",
            "2026-11-26 20:00 +01:00",
            "2026-11-27 08:00 +01:00",
            "2026-11-27 20:00 +01:00"
        ]
    );
}

#[test]
fn a_rule_ending_with_a_turned_off_milestone_runs_its_days() {
    let text = "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\nplan = \"none\"\n\
         [reminders.ok]\ndays = \"2-4\"\nat = [\"08:00\"]\nnot_before = \"48h\"\nonce = true\ntitle = \"OK\"\n\
         [reminders.care]\ndays = \"1-4\"\nat = [\"08:00\"]\nuntil = \"ok\"\ntitle = \"Care\"\n\
         [reminders.later]\ndays = \"1-4\"\nat = [\"08:00\"]\nfrom = \"ok\"\ntitle = \"Later\"\n";
    let mut c = berlin(text);
    c.rules.retain(|r| r.name != "ok");
    let p = Plan::build(&c).unwrap();
    assert_eq!(times(&p, "care").len(), 4);
    assert!(times(&p, "later").is_empty());
}

#[test]
fn a_check_in_names_the_emergency_number_only_where_it_is_certain() {
    let text = |zone: &str| {
        format!(
            "[treatment]\ndate = 2026-11-23\ntime = \"14:30\"\ntimezone = \"{zone}\"\nplan = \"none\"\n\
             [reminders.check]\ndays = \"1\"\nat = [\"20:00\"]\nemergency = true\ntitle = \"Check\"\nbody = \"Look.\"\n"
        )
    };
    let body = |zone: &str| {
        Plan::build(&berlin(&text(zone))).unwrap().occurrences[0]
            .body
            .clone()
    };
    let b = body("Europe/Berlin");
    assert!(
        b.starts_with("Look. Swelling of the lips, tongue or throat"),
        "{b}"
    );
    assert!(b.ends_with(": call 112 now."), "{b}");
    assert!(body("America/Chicago").ends_with(": call 911 now."));
    let b = body("Europe/Zurich");
    assert!(b.ends_with(": call emergency services now."), "{b}");
    let b = body("UTC");
    assert!(b.ends_with(": call emergency services now."), "{b}");
}

// ------------------------------------------------- travel: two zones

fn read_in(text: &str, here: &str) -> Config {
    crate::testing::config_now_in(text, zone(here))
}

#[test]
fn the_treatment_is_an_instant_and_the_day_follows_the_zone() {
    let text = "[treatment]\ndate = 2026-12-07\ntime = \"19:15\"\ntimezone = \"Europe/Berlin\"\n";
    let be = Plan::build(&read_in(text, "Europe/Berlin")).unwrap();
    let ny = Plan::build(&read_in(text, "America/New_York")).unwrap();
    assert_eq!(ny.start, be.start, "one instant");
    assert_eq!(ny.start.format("%H:%M").to_string(), "13:15");
    assert_eq!(ny.treatment_zone.name(), "Europe/Berlin");
    assert_eq!(ny.timezone.name(), "America/New_York");
    let by_id = |p: &Plan| -> std::collections::HashMap<String, Occurrence> {
        p.occurrences
            .iter()
            .map(|o| (o.id.to_string(), o.clone()))
            .collect()
    };
    let (b, n) = (by_id(&be), by_id(&ny));
    let mut clock = 0;
    for (id, o) in &b {
        let Some(m) = n.get(id) else { continue };
        match o.anchor {
            // quiet hours (a local window) may move one but not the other
            Anchor::Treatment if o.rule != "hydrate" && o.rule != "first-rinse" => {
                assert_eq!(o.utc(), m.utc(), "{id}")
            }
            Anchor::Treatment => {}
            Anchor::Clock => {
                clock += 1;
                assert_eq!(o.at.naive_local(), m.at.naive_local(), "{id}");
                assert_eq!(m.utc() - o.utc(), ChronoDuration::hours(6), "{id}");
            }
        }
        assert_eq!(o.not_before, m.not_before, "{id}");
    }
    assert!(clock > 60, "{clock}");
}

#[test]
fn day_timezone_pins_the_day() {
    let text =
        "day_timezone = \"Europe/Berlin\"\n[treatment]\ndate = 2026-12-07\ntime = \"19:15\"\n";
    let mut c = read_in(text, "America/New_York");
    assert!(c.day_zone_pinned);
    assert_eq!(c.day_zone.name(), "Europe/Berlin");
    // treated where the computer was when the config was first read
    assert_eq!(c.treatment.timezone.name(), "America/New_York");
    assert!(!c.follow_zone(zone("Asia/Tokyo"), &crate::zone::SystemZones));
    assert_eq!(c.day_zone.name(), "Europe/Berlin");
    let p = Plan::build(&c).unwrap();
    let summary = p.occurrences.iter().find(|o| o.rule == "summary").unwrap();
    assert_eq!(summary.at.format("%H:%M %Z").to_string(), "08:00 CET");
}

#[test]
fn following_a_zone_moves_the_assumed_location() {
    let text = "[treatment]\ndate = 2026-12-07\ntime = \"19:15\"\n";
    let mut c = read_in(text, "Europe/Berlin");
    let berlin = c.location.unwrap();
    assert!(c.follow_zone(zone("America/New_York"), &crate::zone::SystemZones));
    let ny = c.location.unwrap();
    assert!(ny.from_zone && ny.longitude < -70.0 && berlin.longitude > 10.0);
    // a location the person set stays
    let mut set = read_in(
        &format!("{text}[location]\nlatitude = 48.1\nlongitude = 11.6\n"),
        "Europe/Berlin",
    );
    set.follow_zone(zone("America/New_York"), &crate::zone::SystemZones);
    assert_eq!(set.location.unwrap().longitude, 11.6);
}

#[test]
fn old_ids_map_to_zone_independent_ones() {
    let c = berlin(BASE);
    let map = legacy_ids(&c).unwrap();
    let p = Plan::build(&c).unwrap();
    assert_eq!(map["hydrate@2026-11-23T17:30"], "hydrate@s1+3h");
    assert_eq!(map["summary@2026-11-24T08:00"], "summary@s1d1T08:00");
    assert_eq!(map["makeup-ok@2026-11-25T08:00"], "makeup-ok@s1");
    assert_eq!(map["sunscreen@2026-11-24T10:00"], "sunscreen@s1d1T10:00");
    // every occurrence has its old id (rules cut by a milestone, `until`,
    // have a few more slots, which name nothing)
    let new: HashSet<&str> = map.values().map(String::as_str).collect();
    assert!(p.occurrences.iter().all(|o| new.contains(o.id.as_str())));
    assert_eq!(map.len(), new.len(), "one old id per slot");
}

#[test]
fn an_id_says_about_when_it_falls() {
    let c = berlin(BASE);
    let p = Plan::build(&c).unwrap();
    for o in &p.occurrences {
        let t = id_anchor(&c, o.id.as_str()).unwrap();
        assert!(
            (o.utc() - t).num_hours().abs() <= 36 || o.not_before.is_some(),
            "{}",
            o.id
        );
    }
    assert_eq!(id_anchor(&c, "hydrate@2026-11-23T17:30"), None);
}

/// The check-in of the default plan (20:00 on days 1, 3 and 5) and the
/// text it comes with.
fn check_ins(p: &Plan) -> Vec<(String, bool, Option<String>)> {
    p.occurrences
        .iter()
        .filter(|o| o.rule == "check-in")
        .map(|o| {
            (
                o.at.format("%Y-%m-%d %H:%M").to_string(),
                o.body.contains("tonight"),
                o.show_until.map(|u| u.format("%d %H:%M").to_string()),
            )
        })
        .collect()
}

#[test]
fn evening_check_in_keeps_its_evening_under_any_quiet_hours() {
    let at = |d: u32, hm: &str| format!("2026-11-{d} {hm}");
    // the default window (21:30–08:00) and one from 21:00 leave 20:00 alone
    for quiet in ["", "[quiet_hours]\nstart = \"21:00\"\n"] {
        let p = plan(&format!("{BASE}{quiet}"));
        assert_eq!(
            check_ins(&p),
            [24, 26, 28].map(|d| (at(d, "20:00"), true, None)),
            "{quiet}"
        );
    }
    // quiet from 19:00: the minute before, that same evening, and not
    // shown once quiet hours have begun (19:00 CET is 18:00 UTC)
    let p = plan(&format!("{BASE}[quiet_hours]\nstart = \"19:00\"\n"));
    assert_eq!(
        check_ins(&p),
        [24, 26, 28].map(|d| (at(d, "18:59"), true, Some(format!("{d} 18:00"))))
    );
    // ids by nominal time: the same whether it moved or not, so a restart
    // under other quiet hours neither repeats nor drops it
    let ids = |p: &Plan| -> Vec<String> {
        p.occurrences
            .iter()
            .filter(|o| o.rule == "check-in")
            .map(|o| o.id.to_string())
            .collect()
    };
    assert_eq!(
        ids(&p),
        [
            "check-in@s1d1T20:00",
            "check-in@s1d3T20:00",
            "check-in@s1d5T20:00"
        ]
    );
    assert_eq!(ids(&p), ids(&plan(BASE)));
}

#[test]
fn evening_check_in_with_no_room_before_quiet_hours_is_deferred_without_tonight() {
    // quiet hours that begin at midnight and cover 20:00: the minute
    // before them is on the day before; deferred to their end, still that
    // evening, so still "tonight"
    let p = plan(&format!(
        "{BASE}[quiet_hours]\nstart = \"00:00\"\nend = \"20:30\"\n"
    ));
    assert_eq!(
        check_ins(&p),
        [24, 26, 28].map(|d| (format!("2026-11-{d} 20:30"), true, None))
    );
    // a check-in moved to day 0 of a treatment at 19:30, quiet hours from
    // 19:00: 18:59 is before the treatment, so it waits for the morning,
    // in the built-in plan's words for then
    let text = "[treatment]\ndate = 2026-11-23\ntime = \"19:30\"\ntimezone = \"Europe/Berlin\"\n\
        [quiet_hours]\nstart = \"19:00\"\n[reminders.check-in]\ndays = \"0-1\"\n";
    let p = plan(text);
    assert_eq!(
        check_ins(&p),
        [
            ("2026-11-24 08:00".to_string(), false, None),
            (
                "2026-11-24 18:59".to_string(),
                true,
                Some("24 18:00".to_string())
            )
        ]
    );
    let o = p.occurrences.iter().find(|o| o.rule == "check-in").unwrap();
    assert!(o.body.contains("without waiting"), "{}", o.body);
    assert!(!o.body.contains("in the morning"), "{}", o.body);
    // the emergency line is kept
    assert!(o.body.contains("112"), "{}", o.body);
    // and in every language
    for (lang, word) in [
        ("de", "sofort"),
        ("es", "cuanto antes"),
        ("fr", "sans attendre"),
    ] {
        let p = plan(&format!("language = \"{lang}\"\n{text}"));
        let o = p.occurrences.iter().find(|o| o.rule == "check-in").unwrap();
        assert!(o.body.contains(word), "{lang}: {}", o.body);
    }
}

#[test]
fn before_quiet_never_moves_before_the_treatment() {
    // a user's rule on day 0 at 20:00, treated at 19:30 with quiet hours
    // from 19:00: 18:59 is before the treatment, so it waits for the
    // morning, with its deferred text
    let text = "[treatment]\ndate = 2026-11-23\ntime = \"19:30\"\ntimezone = \"Europe/Berlin\"\nplan = \"none\"\n\
        [quiet_hours]\nstart = \"19:00\"\n\
        [reminders.look]\ndays = \"0-1\"\nat = [\"20:00\"]\nquiet = \"before\"\ntitle = \"Look\"\n\
        body = \"Call tonight.\"\ndeferred_body = \"Call now.\"\n";
    let p = plan(text);
    let got: Vec<(String, &str)> = p
        .occurrences
        .iter()
        .map(|o| (o.at.format("%d %H:%M").to_string(), o.body.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("24 08:00".into(), "Call now."),
            ("24 18:59".into(), "Call tonight.")
        ]
    );
    // without a deferred_body, its own body
    let p = plan(&text.replace("deferred_body = \"Call now.\"\n", ""));
    assert!(p.occurrences.iter().all(|o| o.body == "Call tonight."));
}

#[test]
fn reminders_just_after_quiet_hours_join_the_ones_held_back() {
    let text = "[treatment]\ndate = 2026-11-23\ntime = \"14:10\"\nplan = \"none\"\n\
         [reminders.night]\ndays = \"1-2\"\nat = [\"07:00\"]\ntitle = \"Night\"\n\
         [reminders.soon]\ndays = \"1-3\"\nat = [\"08:20\"]\ntitle = \"Soon\"\n\
         [reminders.later]\ndays = \"1\"\nat = [\"08:25\"]\ntitle = \"Later\"\n\
         [reminders.ok]\ndays = \"2\"\nat = [\"08:10\"]\nnot_before = \"42h\"\nonce = true\ntitle = \"OK\"\n";
    let p = plan(text);
    // held back by quiet hours (21:30-08:00) to 08:00
    assert_eq!(
        times(&p, "night"),
        ["2026-11-24 08:00 +01:00", "2026-11-25 08:00 +01:00"]
    );
    // less than 25 min after it: with it (day 1); a milestone never comes
    // before its elapsed time, so it is a moment of its own, 08:20 is
    // after that (day 2); nothing held back (day 3)
    assert_eq!(times(&p, "ok"), ["2026-11-25 08:10 +01:00"]);
    assert_eq!(
        times(&p, "soon"),
        [
            "2026-11-24 08:00 +01:00",
            "2026-11-25 08:20 +01:00",
            "2026-11-26 08:20 +01:00"
        ]
    );
    // 25 min after it: on its own
    assert_eq!(times(&p, "later"), ["2026-11-24 08:25 +01:00"]);
    // the id is the nominal time's
    let moved = p.occurrences.iter().find(|o| o.rule == "soon").unwrap();
    let nominal = OccurrenceId::new(
        "soon",
        1,
        Slot::Clock(1, NaiveTime::from_hms_opt(8, 20, 0).unwrap()),
        1,
    );
    assert_eq!(moved.id, nominal);

    // grouping turned off: nothing joins
    let p = plan(&format!("{text}[notifications]\ngroup = \"0s\"\n"));
    assert_eq!(times(&p, "soon")[0], "2026-11-24 08:20 +01:00");
}
