//! Random trips: any two zones, any hour, any day of the plan, both
//! directions, across DST, with the daemon running through the change or
//! restarted in the new zone after the flight. The treatment instant and
//! the milestones' elapsed times never move, no occurrence is shown twice,
//! and none is lost that was not due in the air beyond `catch_up`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use tokio::sync::mpsc;

use super::state::Daemon;
use super::tests::{Recorder, next_wake};
use crate::app::journal::{Journal, Status};
use crate::clock::{SystemZone, ZoneOrigin};
use crate::config::{Defaults, parse};
use crate::plan::{Anchor, Plan};
use crate::testing::zone;
use crate::zone::Zone;

const ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Honolulu",
    "America/Sao_Paulo",
    "Europe/London",
    "UTC",
];

/// Treatment dates around the 2026 DST changes (north and south).
const DATES: &[&str] = &[
    "2026-03-02",
    "2026-03-20",
    "2026-03-25",
    "2026-03-30",
    "2026-04-01",
    "2026-09-25",
    "2026-10-01",
    "2026-10-22",
    "2026-10-28",
    "2026-11-03",
    "2026-12-07",
];

fn config_text(date: &str, time: &str, treated_in: Option<&str>) -> String {
    let zone = treated_in
        .map(|z| format!("timezone = \"{z}\"\n"))
        .unwrap_or_default();
    format!("[treatment]\ndate = {date}\ntime = \"{time}\"\n{zone}")
}

/// The config as read on a computer in `here`; the treatment pinned as
/// the daemon pins it.
fn read(text: &str, here: Zone, journal: &mut Journal) -> crate::config::Config {
    let mut c = parse(text, "t.toml", Defaults::system(here)).unwrap();
    super::travel::adopt_journal(&mut c, journal);
    c
}

/// Tick as the scheduler would, until `until` (exclusive) or the end.
async fn drive(d: &mut Daemon<Recorder>, mut now: DateTime<Utc>, until: Option<DateTime<Utc>>) {
    for _ in 0..10_000 {
        if until.is_some_and(|u| now >= u) {
            return;
        }
        let out = d.tick(now).await;
        if out.finished() {
            return;
        }
        let Some(n) = next_wake(d, &out, now) else {
            return;
        };
        now = n;
    }
    panic!("did not finish");
}

#[derive(Debug, Clone)]
struct Trip {
    from: &'static str,
    to: &'static str,
    date: &'static str,
    time: String,
    named: bool,
    /// Hours after the treatment the plane leaves.
    leave_h: i64,
    /// Hours in the air (the laptop is off).
    air_h: i64,
    /// Restarted in the new zone (else: running, told of the change).
    restart: bool,
}

/// What a trip ended with: every notification's ids, and the journal.
type Ended = (Vec<Vec<String>>, HashMap<String, Status>);

fn run(trip: &Trip) -> Result<Ended, TestCaseError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.json");
        let text = config_text(trip.date, &trip.time, trip.named.then_some(trip.from));
        let (a, b) = (zone(trip.from), zone(trip.to));
        let (mut j, _) = Journal::open(&path, DateTime::UNIX_EPOCH);
        let ca = read(&text, a, &mut j);
        let plan_a = Plan::build(&ca).unwrap();
        let start = plan_a.start.with_timezone(&Utc);
        let leave = start + Duration::hours(trip.leave_h);
        let land = leave + Duration::hours(trip.air_h);
        let catch_up = Duration::from_std(ca.catch_up).unwrap();
        let (tx, _rx) = mpsc::unbounded_channel();
        let mut d = Daemon::new(ca, j, Recorder::default(), tx.clone(), start).unwrap();
        drive(&mut d, start, Some(leave)).await;
        let mut shown = d.notifier_mut().take_shown();
        // after landing: a restarted daemon in the new zone, or the same
        // one following the zone
        let mut d = if trip.restart {
            d.save();
            drop(d);
            let (mut j, _) = Journal::open(&path, land);
            let cb = read(&text, b, &mut j);
            Daemon::new(cb, j, Recorder::default(), tx, land).unwrap()
        } else {
            let here = SystemZone {
                zone: b,
                origin: ZoneOrigin::Localtime,
                warning: None,
            };
            let changed = d.follow_zone(&here, "test", land);
            prop_assert_eq!(changed, a != b);
            d
        };
        let plan_b = Plan::build(d.config()).unwrap();
        drive(&mut d, land, None).await;
        shown.extend(d.notifier_mut().take_shown());
        check_journal(&d, &plan_b, land, catch_up)?;
        let statuses: HashMap<String, Status> = d
            .journal()
            .entries()
            .map(|(k, e)| (k.clone(), e.status))
            .collect();
        // the treatment instant and what hangs on it never move
        prop_assert_eq!(plan_b.start.with_timezone(&Utc), start);
        let pinned = |p: &Plan| -> HashMap<String, (DateTime<Utc>, Option<DateTime<Utc>>)> {
            p.occurrences
                .iter()
                .filter(|o| o.anchor == Anchor::Treatment || o.not_before.is_some())
                .map(|o| {
                    let at = if o.anchor == Anchor::Treatment {
                        o.utc()
                    } else {
                        start
                    };
                    (o.id.to_string(), (at, o.not_before))
                })
                .collect()
        };
        let (pa, pb) = (pinned(&plan_a), pinned(&plan_b));
        for (id, v) in &pa {
            if let Some(w) = pb.get(id) {
                // quiet hours may move an elapsed-time reminder in one
                // zone and not the other: compare the milestone's elapsed
                // time, and `after` reminders that neither moved
                prop_assert_eq!(v.1, w.1, "{} moved", id);
            }
        }
        // nothing twice
        let mut count: HashMap<&str, usize> = HashMap::new();
        for n in &shown {
            for id in &n.ids {
                *count.entry(id.as_str()).or_default() += 1;
            }
        }
        for (id, n) in &count {
            prop_assert!(*n == 1, "{} shown {} times", id, n);
        }
        let ids = shown
            .iter()
            .map(|n| n.ids.iter().map(|i| i.to_string()).collect())
            .collect();
        Ok((ids, statuses))
    })
}

/// Everything of the new plan was shown (or shown as a later one of its
/// rule), unless it fell due in the air: then the catch-up rule decides
/// (shown at most `catch_up` late, and not inside quiet hours, else
/// missed); nothing is shown later than that.
fn check_journal(
    d: &Daemon<Recorder>,
    plan: &Plan,
    land: DateTime<Utc>,
    catch_up: Duration,
) -> Result<(), TestCaseError> {
    let quiet_at_landing = d
        .config()
        .quiet_hours
        .is_some_and(|q| q.contains(land.with_timezone(&plan.timezone).time()));
    for o in &plan.occurrences {
        let e = d.journal().get(&o.id);
        match e.map(|e| e.status) {
            Some(Status::Sent) => {
                let sent = e.and_then(|e| e.sent_at).unwrap_or(land);
                // shown on time, or caught up within catch_up, or before
                // the flight (in the old zone)
                prop_assert!(
                    sent < land || sent - o.utc() <= catch_up || o.utc() >= land,
                    "{} shown {} after it was due",
                    o.id,
                    sent - o.utc()
                );
            }
            Some(Status::Merged) => {}
            Some(Status::Missed) => {
                let in_the_air = o.utc() < land - catch_up || o.utc() < land && quiet_at_landing;
                prop_assert!(
                    in_the_air,
                    "{} ({}) recorded missed, due {} with landing at {}",
                    o.id,
                    o.at,
                    o.utc(),
                    land
                );
            }
            other => prop_assert!(false, "{} ended as {:?}", o.id, other),
        }
    }
    Ok(())
}

fn trip() -> impl Strategy<Value = Trip> {
    (
        0..ZONES.len(),
        0..ZONES.len(),
        0..DATES.len(),
        (6u32..23, 0u32..4),
        any::<bool>(),
        0i64..(15 * 24),
        0i64..17,
        any::<bool>(),
    )
        .prop_map(|(f, t, d, (h, q), named, leave_h, air_h, restart)| Trip {
            from: ZONES[f],
            to: ZONES[t],
            date: DATES[d],
            time: format!("{h:02}:{:02}", q * 15),
            named,
            leave_h,
            air_h,
            restart,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_trips_move_nothing_and_show_nothing_twice(t in trip()) {
        run(&t)?;
    }
}

fn shown_once(ended: &Ended, id: &str) -> bool {
    ended.0.iter().flatten().filter(|i| *i == id).count() == 1
}

/// docs/time-zones.md, flying west.
#[test]
fn a_flight_west_shows_the_morning_once() {
    for restart in [false, true] {
        // Treated Mon 7 Dec 19:15 in Berlin; the morning routine of day 2
        // is shown at 08:00 there; the plane leaves at 09:15 and lands at
        // 12:15 in New York: 08:00 comes round again, shown once only.
        let ended = run(&Trip {
            from: "Europe/Berlin",
            to: "America/New_York",
            date: "2026-12-07",
            time: "19:15".into(),
            named: false,
            leave_h: 38, // Wed 9 Dec 09:15 Berlin
            air_h: 9,    // 12:15 New York
            restart,
        })
        .unwrap();
        assert!(shown_once(&ended, "summary@s1d2T08:00"), "{restart}");
        // due 15 minutes before landing: caught up, once
        assert!(shown_once(&ended, "no-picking@s1d2T12:00"));
        assert!(shown_once(&ended, "sunscreen@s1d2T12:00"));
        // due in the air beyond catch_up
        assert_eq!(ended.1["sunscreen@s1d2T10:00"], Status::Missed);
        assert!(shown_once(&ended, "evening-care@s1d2T20:00"));
    }
}

/// docs/time-zones.md, flying east.
#[test]
fn a_flight_east_catches_up_or_records_missed() {
    for restart in [false, true] {
        // Treated Mon 7 Dec 13:15 in New York; asleep from Tue 18:15 there,
        // awake after landing in Berlin at Wed 08:15
        let ended = run(&Trip {
            from: "America/New_York",
            to: "Europe/Berlin",
            date: "2026-12-07",
            time: "13:15".into(),
            named: true,
            leave_h: 24 + 5, // Tue 8 Dec 18:15 New York
            air_h: 8,        // Wed 9 Dec 08:15 Berlin
            restart,
        })
        .unwrap();
        // the evening of day 1 passed (20:00 in Berlin) 12 hours before
        assert_eq!(ended.1["evening-care@s1d1T20:00"], Status::Missed);
        assert_eq!(ended.1["check-in@s1d1T20:00"], Status::Missed);
        // the morning of day 2, 15 minutes late: shown once
        assert!(shown_once(&ended, "summary@s1d2T08:00"), "{restart}");
        assert!(shown_once(&ended, "morning-care@s1d2T08:00"));
    }
}

/// A snooze is an instant: it comes back when it said, in any zone.
#[tokio::test]
async fn a_snooze_keeps_its_instant_across_a_change_of_zone() {
    use crate::notifier::{Answer, Button};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.json");
    let text = "[treatment]\ndate = 2026-12-07\ntime = \"07:00\"\ntimezone = \"Europe/Berlin\"\nplan = \"none\"\n\
        [quiet_hours]\nenabled = false\n\
        [reminders.a]\ndays = \"1\"\nat = [\"09:00\"]\ntitle = \"A\"\n";
    let (mut j, _) = Journal::open(&path, DateTime::UNIX_EPOCH);
    let c = read(text, zone("Europe/Berlin"), &mut j);
    let shown_at: DateTime<Utc> = "2026-12-08T08:00:00Z".parse().unwrap(); // 09:00 Berlin
    let (tx, _rx) = mpsc::unbounded_channel();
    let mut d = Daemon::new(c, j, Recorder::default(), tx, shown_at).unwrap();
    d.tick(shown_at).await;
    assert_eq!(d.notifier().shown().len(), 1);
    let answered = shown_at + Duration::minutes(1);
    d.answer(
        &Answer::Pressed {
            ids: vec!["a@s1d1T09:00".into()],
            button: Button::Snooze,
        },
        answered,
    );
    let until = d
        .journal()
        .get("a@s1d1T09:00")
        .and_then(|e| e.until)
        .unwrap();
    assert_eq!(until, answered + Duration::minutes(15));
    // the laptop is in New York now (03:01 there): the snooze keeps its
    // instant, and the reminder is not taken for New York's 09:00
    let here = SystemZone {
        zone: zone("America/New_York"),
        origin: ZoneOrigin::Localtime,
        warning: None,
    };
    assert!(d.follow_zone(&here, "test", answered));
    assert_eq!(
        d.journal().get("a@s1d1T09:00").and_then(|e| e.until),
        Some(until)
    );
    d.tick(until - Duration::seconds(1)).await;
    assert_eq!(d.notifier().shown().len(), 1, "not before its time");
    d.tick(until).await;
    assert_eq!(d.notifier().shown().len(), 2, "back at its instant");
    assert_eq!(d.notifier().shown()[1].ids, ["a@s1d1T09:00"]);
}
