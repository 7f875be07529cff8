use super::*;
use chrono::{DateTime, Duration};

const FROM: i64 = 946_684_800; // 2000-01-01
const UNTIL: i64 = 2_145_916_800; // 2038-01-01

fn same<A: TimeZone, B: TimeZone>(
    a: &LocalResult<DateTime<A>>,
    b: &LocalResult<DateTime<B>>,
) -> bool {
    let key = |t: &DateTime<A>| (t.timestamp(), t.offset().fix());
    let keyb = |t: &DateTime<B>| (t.timestamp(), t.offset().fix());
    match (a, b) {
        (LocalResult::None, LocalResult::None) => true,
        (LocalResult::Single(x), LocalResult::Single(y)) => key(x) == keyb(y),
        (LocalResult::Ambiguous(x1, x2), LocalResult::Ambiguous(y1, y2)) => {
            let mut ys = [keyb(y1), keyb(y2)];
            ys.sort_unstable_by_key(|k| k.0);
            [key(x1), key(x2)] == ys
        }
        _ => false,
    }
}

fn transitions(z: Zone) -> Vec<i64> {
    let mut out: Vec<i64> =
        z.0.tz
            .as_ref()
            .transitions()
            .iter()
            .map(|t| t.unix_leap_time())
            .collect();
    // past the last listed transition the footer rule decides: probe
    // for changes hour by hour
    let mut t = out.last().copied().unwrap_or(FROM).max(FROM);
    let mut off = z.at(t).ut_offset();
    while t < UNTIL {
        let next = t + 3600;
        if z.at(next).ut_offset() != off {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if z.at(mid).ut_offset() == off {
                    lo = mid
                } else {
                    hi = mid
                }
            }
            out.push(hi);
            off = z.at(next).ut_offset();
        }
        t = next;
    }
    out.retain(|u| (FROM..UNTIL).contains(u));
    out.dedup();
    out
}

#[test]
fn local_times_agree_with_chrono_tz_wherever_the_data_agree() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut compared, mut newer, mut checks, mut disagree) = (0, Vec::new(), 0, Vec::new());
    for name in names() {
        let Ok(theirs) = name.parse::<chrono_tz::Tz>() else {
            continue;
        };
        let ours = Zone::get(&name).unwrap();
        let changes = transitions(ours);
        let mut instants: Vec<i64> = (0..100)
            .map(|_| FROM + (next() % (UNTIL - FROM) as u64) as i64)
            .collect();
        instants.extend(changes.iter().flat_map(|&u| [u - 1, u]));
        let offset_of = |u: i64| {
            let utc = DateTime::from_timestamp(u, 0).unwrap();
            (
                utc.with_timezone(&ours).offset().fix(),
                utc.with_timezone(&theirs).offset().fix(),
            )
        };
        if instants.iter().any(|&u| {
            let (a, b) = offset_of(u);
            a != b
        }) {
            newer.push(name);
            continue;
        }
        compared += 1;
        // local readings on both sides of every change, and random ones
        let mut locals: Vec<NaiveDateTime> = Vec::new();
        for &u in &instants {
            let local = DateTime::from_timestamp(u, 0).unwrap().naive_utc()
                + Duration::seconds(ours.at(u).ut_offset().into());
            for d in [-3600, -1800, -1, 0, 1, 1800, 3600] {
                locals.push(local + Duration::seconds(d));
            }
        }
        for l in locals {
            checks += 1;
            let a = ours.from_local_datetime(&l);
            let b = theirs.from_local_datetime(&l);
            if !same(&a, &b) {
                disagree.push(format!("{name} local {l}: {a:?} vs {b:?}"));
            }
        }
    }
    assert!(
        compared > 300,
        "only {compared} zones compared; newer data in {newer:?}"
    );
    assert!(
        newer.len() < 30,
        "data differ in {} zones: {newer:?}",
        newer.len()
    );
    assert!(checks > 100_000, "only {checks} checks");
    assert!(
        disagree.is_empty(),
        "{} of {checks} disagree, e.g. {:#?}",
        disagree.len(),
        &disagree[..disagree.len().min(10)]
    );
    eprintln!("{compared} zones, {checks} local times agree; newer system data in {newer:?}");
}

#[test]
fn every_transition_agrees_with_zdump() {
    let names = names();
    let out = std::process::Command::new("zdump")
        .args(["-v", "-c", "2000,2038"])
        .args(&names)
        .env("TZDIR", database_dir())
        .output()
        .expect("zdump (package libc-bin)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut seen = 0;
    for line in text.lines().filter(|l| !l.ends_with("NULL")) {
        // "Europe/Berlin  Sun Mar 29 00:59:59 2026 UT = Sun Mar 29 01:59:59 2026 CET isdst=0 gmtoff=3600"
        let (name, rest) = line.split_once(char::is_whitespace).unwrap();
        let (ut, local) = rest.trim().split_once(" UT = ").unwrap();
        let ut = NaiveDateTime::parse_from_str(ut, "%a %b %e %H:%M:%S %Y").unwrap();
        let fields: Vec<&str> = local.split_whitespace().collect();
        let gmtoff: i32 = fields
            .last()
            .unwrap()
            .trim_start_matches("gmtoff=")
            .parse()
            .unwrap();
        let abbr = fields[fields.len() - 3];
        let z = Zone::get(name).unwrap();
        let ours = ut.and_utc().with_timezone(&z);
        assert_eq!(
            (
                ours.offset().fix().local_minus_utc(),
                ours.offset().abbreviation()
            ),
            (gmtoff, abbr),
            "{line}"
        );
        seen += 1;
    }
    assert!(seen > 10_000, "only {seen} transitions");
    eprintln!("{seen} zdump lines over {} zones agree", names.len());
}
