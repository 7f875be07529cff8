use super::city::MAX_TABLE;
use super::*;
use chrono::{NaiveDate, Timelike};

fn local(zone: &str, y: i32, m: u32, d: u32, h: u32, min: u32) -> LocalResult<String> {
    let z = Zone::get(zone).unwrap();
    let naive = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap();
    z.from_local_datetime(&naive).map(|t| t.to_rfc3339())
}

#[test]
fn offsets_and_abbreviations_follow_the_database() {
    let berlin = Zone::get("Europe/Berlin").unwrap();
    let winter = berlin.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
    let summer = berlin.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap();
    assert_eq!(winter.to_rfc3339(), "2026-01-15T12:00:00+01:00");
    assert_eq!(summer.to_rfc3339(), "2026-07-15T12:00:00+02:00");
    assert_eq!(winter.format("%Z").to_string(), "CET");
    assert_eq!(summer.format("%Z").to_string(), "CEST");
    // far beyond the last transition in the file: the footer rule
    let later = berlin.with_ymd_and_hms(2090, 7, 1, 12, 0, 0).unwrap();
    assert_eq!(later.offset().fix().local_minus_utc(), 7200);
    let utc = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
    assert_eq!(utc.with_timezone(&berlin).hour(), 3);
}

#[test]
fn gaps_and_folds() {
    let single = |t: &str| LocalResult::Single(t.to_string());
    let twice = |a: &str, b: &str| LocalResult::Ambiguous(a.to_string(), b.to_string());
    let cases = [
        // spring forward: 02:30 does not exist
        (("America/New_York", 2026, 3, 8, 2, 30), LocalResult::None),
        (("Europe/Berlin", 2026, 3, 29, 2, 30), LocalResult::None),
        // fall back: the time exists twice, earlier first
        (
            ("America/New_York", 2026, 11, 1, 1, 30),
            twice("2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"),
        ),
        (
            ("Europe/Berlin", 2026, 10, 25, 2, 30),
            twice("2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"),
        ),
        (
            ("Australia/Lord_Howe", 2026, 4, 5, 1, 45),
            twice("2026-04-05T01:45:00+11:00", "2026-04-05T01:45:00+10:30"),
        ),
        (
            ("Asia/Kolkata", 2026, 6, 1, 9, 0),
            single("2026-06-01T09:00:00+05:30"),
        ),
    ];
    for ((zone, y, m, d, h, min), want) in cases {
        assert_eq!(
            local(zone, y, m, d, h, min),
            want,
            "{zone} {y}-{m}-{d} {h}:{min}"
        );
    }
}

#[test]
fn names_are_checked_before_any_file_is_opened() {
    for bad in [
        "",
        "../etc/passwd",
        "Europe/../../x",
        "/etc/passwd",
        "a//b",
        ".hidden",
        "Europe/Berlin ",
    ] {
        assert!(matches!(Zone::get(bad), Err(ZoneError::BadName)), "{bad:?}");
    }
    assert!(matches!(
        Zone::get("Nowhere/Land"),
        Err(ZoneError::NotFound(_))
    ));
    assert!(matches!(
        Zone::get("Europe"),
        Err(ZoneError::Unreadable(..))
    ));
    // a file in the database that is not TZif
    assert!(matches!(
        Zone::get("leapseconds"),
        Err(ZoneError::Invalid(..))
    ));
}

#[test]
fn utc_needs_no_database_and_zones_are_shared() {
    let empty = tempfile::tempdir().unwrap();
    let z = Zone::get_in(empty.path(), "Etc/UTC").unwrap();
    assert_eq!(z.name(), "Etc/UTC");
    assert!(matches!(
        Zone::get_in(empty.path(), "Asia/Tokyo"),
        Err(ZoneError::NotFound(_))
    ));
    let a = Zone::get("Asia/Tokyo").unwrap();
    let b = Zone::get("Asia/Tokyo").unwrap();
    assert!(std::ptr::eq(a.0, b.0));
    assert_eq!(Zone::utc().name(), "UTC");
}

#[test]
fn a_changed_file_is_read_again_and_old_zones_stay_valid() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Test");
    let copy = |from: &str| {
        std::fs::write(&file, std::fs::read(database_dir().join(from)).unwrap()).unwrap()
    };
    let offset = |z: Zone| {
        z.with_ymd_and_hms(2026, 1, 15, 12, 0, 0)
            .unwrap()
            .offset()
            .fix()
            .local_minus_utc()
    };
    copy("Europe/Berlin");
    let before = Zone::get_in(dir.path(), "Test").unwrap();
    assert_eq!(
        before,
        Zone::get_in(dir.path(), "Test").unwrap(),
        "loaded once"
    );
    copy("Asia/Tokyo"); // "tzdata upgraded"
    let after = Zone::get_in(dir.path(), "Test").unwrap();
    assert_ne!(before, after);
    assert_eq!((offset(before), offset(after)), (3600, 9 * 3600));
    assert_eq!(after.name(), "Test");
}

#[test]
fn a_broken_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Bad"), b"TZif2 nonsense").unwrap();
    std::fs::write(dir.path().join("Text"), b"hello").unwrap();
    assert!(matches!(
        Zone::get_in(dir.path(), "Bad"),
        Err(ZoneError::Invalid(..))
    ));
    assert!(matches!(
        Zone::get_in(dir.path(), "Text"),
        Err(ZoneError::Invalid(..))
    ));
}

/// `got` is within `tol` degrees of `want` in both coordinates.
fn near(got: Option<(f64, f64)>, want: (f64, f64), tol: f64) -> bool {
    got.is_some_and(|(lat, lon)| (lat - want.0).abs() <= tol && (lon - want.1).abs() <= tol)
}

#[test]
fn principal_cities_from_the_system_tables() {
    // (zone, the table's reading in decimal degrees, the city's
    // well-known centre)
    let cases = [
        ("Europe/Berlin", (52.5, 13.0 + 22.0 / 60.0), (52.52, 13.405)),
        (
            "America/New_York",
            (40.0 + 42.0 / 60.0 + 51.0 / 3600.0, -(74.0 + 23.0 / 3600.0)),
            (40.7128, -74.0060),
        ),
        (
            "Australia/Sydney",
            (-(33.0 + 52.0 / 60.0), 151.0 + 13.0 / 60.0),
            (-33.8688, 151.2093),
        ),
        (
            "Asia/Kolkata",
            (22.0 + 32.0 / 60.0, 88.0 + 22.0 / 60.0),
            (22.5726, 88.3639),
        ),
        // only in zone.tab: zone1970.tab folds it into Europe/Berlin
        (
            "Europe/Oslo",
            (59.0 + 55.0 / 60.0, 10.75),
            (59.9139, 10.7522),
        ),
    ];
    for (zone, table, city) in cases {
        let got = principal_city(zone);
        assert!(near(got, table, 1e-3), "{zone}: {got:?}, want {table:?}");
        assert!(near(got, city, 0.1), "{zone}: {got:?}, city at {city:?}");
    }
    assert!(near(principal_city("Europe/Berlin"), (52.5, 13.3667), 1e-3));
}

#[test]
fn aliases_that_are_symbolic_links_resolve_to_their_zone() {
    let db = database_dir();
    for (alias, zone) in [
        ("Europe/Kiev", "Europe/Kyiv"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("US/Eastern", "America/New_York"),
        // a directory of links, as Debian's posix/
        ("posix/Europe/Berlin", "Europe/Berlin"),
    ] {
        let real = std::fs::canonicalize(db.join(alias)).unwrap();
        assert_ne!(
            real,
            std::fs::canonicalize(&db).unwrap().join(alias),
            "{alias} is not a link in this database"
        );
        assert!(principal_city(zone).is_some(), "{zone}");
        assert_eq!(principal_city(alias), principal_city(zone), "{alias}");
    }
}

#[test]
fn zones_without_a_place_have_no_city() {
    for zone in [
        "UTC",
        "Etc/UTC",
        "Etc/GMT+5",
        "Etc/GMT-14",
        "GMT",
        "EST5EDT",
        "Factory",
        "Nowhere/Land",
        "Europe",
        "",
        "../etc/passwd",
        "zone1970.tab",
    ] {
        assert_eq!(principal_city(zone), None, "{zone:?}");
    }
}

fn table_dir(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn coordinates_are_read_to_the_second_with_both_signs() {
    let dir = table_dir(&[(
        "zone1970.tab",
        b"XX\t-0130+03600\tA/Minutes\tcomments\tmore\n\
              XX\t+404251-0740023\tA/Seconds\n\
              XX\t-000001-0000001\tA/Tiny\r\n\
              XX\t+9000-18000\tA/Corner\n\
              XX\t+0000+00000\tA/Zero\n",
    )]);
    let at = |name| principal_city_in(dir.path(), name);
    let exact = |got: Option<(f64, f64)>, want| near(got, want, 1e-9);
    assert!(
        exact(at("A/Minutes"), (-1.5, 36.0)),
        "{:?}",
        at("A/Minutes")
    );
    assert!(exact(
        at("A/Seconds"),
        (40.0 + 42.0 / 60.0 + 51.0 / 3600.0, -(74.0 + 23.0 / 3600.0))
    ));
    assert!(exact(at("A/Tiny"), (-1.0 / 3600.0, -1.0 / 3600.0)));
    assert!(exact(at("A/Corner"), (90.0, -180.0)));
    assert!(exact(at("A/Zero"), (0.0, 0.0)));
}

#[test]
fn a_malformed_table_gives_none_and_no_panic() {
    let mut text: Vec<u8> = b"# XX\t+5230+01322\tBad/Commented\n\
            XX\t+5230\tBad/LatitudeOnly\n\
            XX\t+523+01322\tBad/ShortLatitude\n\
            XX\t+5230+0132\tBad/ShortLongitude\n\
            XX\t+52300+01322\tBad/LongLatitude\n\
            XX\t+5260+01322\tBad/Minutes\n\
            XX\t+525960+0132260\tBad/Seconds\n\
            XX\t+9001+01322\tBad/Latitude\n\
            XX\t+4500+18001\tBad/Longitude\n\
            XX\t+452233+01322\tBad/MixedPrecision\n\
            XX\t5230+01322\tBad/NoSign\n\
            XX\t+5230*01322\tBad/NoSecondSign\n\
            XX\t+52a0+01322\tBad/Letter\n\
            XX\t+5230+01322+\tBad/Trailing\n\
            XX\t++5230+01322\tBad/DoubleSign\n\
            XX\t+\xef\xbc\x95230+01322\tBad/WideDigit\n\
            XX\t+5\xff30+01322\tBad/Byte\n\
            XX\t\tBad/Empty\n\
            XX\t+5230+01322 \tBad/Space\n\
            XX\t-\tBad/Sign\n\
            XX\t+5230+01322\n\
            XX\n\
            \n\
            \t\t\t\n\
            \xff\xfe\x00\x01\t+5230+01322\tGood/AfterGarbage\n\
            XX\t+5230+01322\tGood/Zone\n\
            XX\t+5230+01322\tBad/Zone \n\
            XX\t+5230+01322\tBad/NoNewline"
        .to_vec();
    text.extend([0xff, 0x80, b'\t', b'\t', 0xc3]);
    let dir = table_dir(&[("zone1970.tab", &text)]);
    for line in String::from_utf8_lossy(&text).lines() {
        let Some(name) = line.split('\t').nth(2) else {
            continue;
        };
        if name.starts_with("Bad/") {
            assert_eq!(principal_city_in(dir.path(), name), None, "{line:?}");
        }
    }
    // the good rows among them still count
    for name in ["Good/Zone", "Good/AfterGarbage"] {
        assert!(near(
            principal_city_in(dir.path(), name),
            (52.5, 13.0 + 22.0 / 60.0),
            1e-9
        ));
    }
    // bytes that are not text at all
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect();
    let dir = table_dir(&[("zone1970.tab", &noise), ("zone.tab", &noise)]);
    assert_eq!(principal_city_in(dir.path(), "Europe/Berlin"), None);
}

#[test]
fn zone_tab_is_the_fallback() {
    let berlin: &[u8] = b"DE\t+5230+01322\tEurope/Berlin\n";
    // only the older table
    let dir = table_dir(&[("zone.tab", berlin)]);
    assert!(near(
        principal_city_in(dir.path(), "Europe/Berlin"),
        (52.5, 13.0 + 22.0 / 60.0),
        1e-9
    ));
    // the newer table first; the older for what it lacks
    let dir = table_dir(&[
        ("zone1970.tab", b"DE,NO\t+5230+01322\tEurope/Berlin\n"),
        (
            "zone.tab",
            b"DE\t+0000+00000\tEurope/Berlin\nNO\t+5955+01045\tEurope/Oslo\n",
        ),
    ]);
    let at = |name| principal_city_in(dir.path(), name);
    assert!(near(at("Europe/Berlin"), (52.5, 13.0 + 22.0 / 60.0), 1e-9));
    assert!(near(at("Europe/Oslo"), (59.0 + 55.0 / 60.0, 10.75), 1e-9));
    // a newer table that is not a readable file
    let dir = table_dir(&[("zone.tab", berlin)]);
    std::fs::create_dir(dir.path().join("zone1970.tab")).unwrap();
    assert!(principal_city_in(dir.path(), "Europe/Berlin").is_some());
    // one far too big to be a table is not read
    let mut big = berlin.to_vec();
    big.resize(MAX_TABLE as usize + 1, b'\n');
    let dir = table_dir(&[("zone1970.tab", &big)]);
    assert_eq!(principal_city_in(dir.path(), "Europe/Berlin"), None);
    // no tables at all
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(principal_city_in(empty.path(), "Europe/Berlin"), None);
}

#[test]
fn a_fifo_in_place_of_a_table_does_not_block() {
    let dir = table_dir(&[("zone.tab", b"DE\t+5230+01322\tEurope/Berlin\n")]);
    let fifo = dir.path().join("zone1970.tab");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    assert!(principal_city_in(dir.path(), "Europe/Berlin").is_some());
}

#[test]
fn links_are_followed_only_inside_the_database() {
    use std::os::unix::fs::symlink;
    let outside = table_dir(&[("Zone", b"TZif")]);
    let dir = table_dir(&[("zone1970.tab", b"XX\t+1000-02000\tReal/Zone\n")]);
    let root = dir.path();
    for d in ["Real", "Old", "Links"] {
        std::fs::create_dir(root.join(d)).unwrap();
    }
    std::fs::write(root.join("Real/Zone"), b"TZif").unwrap();
    symlink("../Real/Zone", root.join("Old/Name")).unwrap();
    symlink("Name", root.join("Old/Chain")).unwrap();
    symlink("../Real", root.join("Links/Real")).unwrap();
    symlink(outside.path().join("Zone"), root.join("Old/Outside")).unwrap();
    symlink("Missing", root.join("Old/Dangling")).unwrap();
    symlink("Loop", root.join("Old/Loop")).unwrap();
    symlink("../Real", root.join("Old/Dir")).unwrap();
    let want = (10.0, -20.0);
    for name in ["Real/Zone", "Old/Name", "Old/Chain", "Links/Real/Zone"] {
        assert!(near(principal_city_in(root, name), want, 1e-9), "{name}");
    }
    for name in ["Old/Outside", "Old/Dangling", "Old/Loop", "Old/Dir", "Old"] {
        assert_eq!(principal_city_in(root, name), None, "{name}");
    }
    // the database reached through a link of its own
    let via = tempfile::tempdir().unwrap();
    symlink(root, via.path().join("db")).unwrap();
    let linked = via.path().join("db");
    assert!(near(principal_city_in(&linked, "Old/Name"), want, 1e-9));
}

#[test]
fn names_list_the_database() {
    let names = names();
    assert!(names.iter().any(|n| n == "Europe/Berlin"));
    assert!(names.iter().any(|n| n == "America/Argentina/Buenos_Aires"));
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("posix/") || n.starts_with("right/"))
    );
    assert!(!names.iter().any(|n| n.ends_with(".tab")));
    assert!(names.len() > 300, "{}", names.len());
}
