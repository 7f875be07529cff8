//! The emergency number to name in a check-in, from the time zone's
//! country: only where that country, and the number that reaches an
//! ambulance in all of it, are certain. Elsewhere (another country, a zone
//! shared by several countries, an alias, UTC) the texts say "emergency
//! services" and name no number.
//!
//! Sources (docs/care-plan.md, "Warning signs"):
//! - EU member states, 112: Directive (EU) 2018/1972, the European
//!   Electronic Communications Code, Art. 109 (112, free of charge, from
//!   any phone, in every member state).
//! - United States, 911: FCC, "911 and E911 Services".
//! - Canada, 911: CRTC, "9-1-1 emergency services".
//! - United Kingdom, 999: NHS, "When to call 999" (112 also works).
//! - Australia, 000: Australian Government, Triple Zero (000).
//! - New Zealand, 111: New Zealand Police / Health New Zealand, "Call 111".
//!
//! The zones are the rows of the tz database's `zone.tab` for those
//! countries (one country per row), without Antarctica, `Asia/Famagusta`
//! (where the number depends on the side of the line) and
//! `Europe/Busingen` (a German enclave on the Swiss network).

/// (zone, ISO 3166 country, emergency number), sorted by zone.
const TABLE: &[(&str, &str, &str)] = &[
    ("Africa/Ceuta", "ES", "112"),
    ("America/Adak", "US", "911"),
    ("America/Anchorage", "US", "911"),
    ("America/Atikokan", "CA", "911"),
    ("America/Blanc-Sablon", "CA", "911"),
    ("America/Boise", "US", "911"),
    ("America/Cambridge_Bay", "CA", "911"),
    ("America/Chicago", "US", "911"),
    ("America/Creston", "CA", "911"),
    ("America/Dawson", "CA", "911"),
    ("America/Dawson_Creek", "CA", "911"),
    ("America/Denver", "US", "911"),
    ("America/Detroit", "US", "911"),
    ("America/Edmonton", "CA", "911"),
    ("America/Fort_Nelson", "CA", "911"),
    ("America/Glace_Bay", "CA", "911"),
    ("America/Goose_Bay", "CA", "911"),
    ("America/Halifax", "CA", "911"),
    ("America/Indiana/Indianapolis", "US", "911"),
    ("America/Indiana/Knox", "US", "911"),
    ("America/Indiana/Marengo", "US", "911"),
    ("America/Indiana/Petersburg", "US", "911"),
    ("America/Indiana/Tell_City", "US", "911"),
    ("America/Indiana/Vevay", "US", "911"),
    ("America/Indiana/Vincennes", "US", "911"),
    ("America/Indiana/Winamac", "US", "911"),
    ("America/Inuvik", "CA", "911"),
    ("America/Iqaluit", "CA", "911"),
    ("America/Juneau", "US", "911"),
    ("America/Kentucky/Louisville", "US", "911"),
    ("America/Kentucky/Monticello", "US", "911"),
    ("America/Los_Angeles", "US", "911"),
    ("America/Menominee", "US", "911"),
    ("America/Metlakatla", "US", "911"),
    ("America/Moncton", "CA", "911"),
    ("America/New_York", "US", "911"),
    ("America/Nome", "US", "911"),
    ("America/North_Dakota/Beulah", "US", "911"),
    ("America/North_Dakota/Center", "US", "911"),
    ("America/North_Dakota/New_Salem", "US", "911"),
    ("America/Phoenix", "US", "911"),
    ("America/Rankin_Inlet", "CA", "911"),
    ("America/Regina", "CA", "911"),
    ("America/Resolute", "CA", "911"),
    ("America/Sitka", "US", "911"),
    ("America/St_Johns", "CA", "911"),
    ("America/Swift_Current", "CA", "911"),
    ("America/Toronto", "CA", "911"),
    ("America/Vancouver", "CA", "911"),
    ("America/Whitehorse", "CA", "911"),
    ("America/Winnipeg", "CA", "911"),
    ("America/Yakutat", "US", "911"),
    ("Asia/Nicosia", "CY", "112"),
    ("Atlantic/Azores", "PT", "112"),
    ("Atlantic/Canary", "ES", "112"),
    ("Atlantic/Madeira", "PT", "112"),
    ("Australia/Adelaide", "AU", "000"),
    ("Australia/Brisbane", "AU", "000"),
    ("Australia/Broken_Hill", "AU", "000"),
    ("Australia/Darwin", "AU", "000"),
    ("Australia/Eucla", "AU", "000"),
    ("Australia/Hobart", "AU", "000"),
    ("Australia/Lindeman", "AU", "000"),
    ("Australia/Lord_Howe", "AU", "000"),
    ("Australia/Melbourne", "AU", "000"),
    ("Australia/Perth", "AU", "000"),
    ("Australia/Sydney", "AU", "000"),
    ("Europe/Amsterdam", "NL", "112"),
    ("Europe/Athens", "GR", "112"),
    ("Europe/Berlin", "DE", "112"),
    ("Europe/Bratislava", "SK", "112"),
    ("Europe/Brussels", "BE", "112"),
    ("Europe/Bucharest", "RO", "112"),
    ("Europe/Budapest", "HU", "112"),
    ("Europe/Copenhagen", "DK", "112"),
    ("Europe/Dublin", "IE", "112"),
    ("Europe/Helsinki", "FI", "112"),
    ("Europe/Lisbon", "PT", "112"),
    ("Europe/Ljubljana", "SI", "112"),
    ("Europe/London", "GB", "999"),
    ("Europe/Luxembourg", "LU", "112"),
    ("Europe/Madrid", "ES", "112"),
    ("Europe/Malta", "MT", "112"),
    ("Europe/Paris", "FR", "112"),
    ("Europe/Prague", "CZ", "112"),
    ("Europe/Riga", "LV", "112"),
    ("Europe/Rome", "IT", "112"),
    ("Europe/Sofia", "BG", "112"),
    ("Europe/Stockholm", "SE", "112"),
    ("Europe/Tallinn", "EE", "112"),
    ("Europe/Vienna", "AT", "112"),
    ("Europe/Vilnius", "LT", "112"),
    ("Europe/Warsaw", "PL", "112"),
    ("Europe/Zagreb", "HR", "112"),
    ("Pacific/Auckland", "NZ", "111"),
    ("Pacific/Chatham", "NZ", "111"),
    ("Pacific/Honolulu", "US", "911"),
];

/// The emergency number of the zone `name`'s country, when it is certain.
pub fn emergency_number(zone: &str) -> Option<&'static str> {
    TABLE
        .binary_search_by(|(z, _, _)| (*z).cmp(zone))
        .ok()
        .map(|i| TABLE[i].2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_names_each_zone_once() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn numbers_where_the_country_is_certain_and_none_elsewhere() {
        assert_eq!(emergency_number("Europe/Berlin"), Some("112"));
        assert_eq!(emergency_number("Europe/Paris"), Some("112"));
        assert_eq!(emergency_number("Atlantic/Canary"), Some("112"));
        assert_eq!(emergency_number("America/New_York"), Some("911"));
        assert_eq!(emergency_number("America/Toronto"), Some("911"));
        assert_eq!(emergency_number("Europe/London"), Some("999"));
        assert_eq!(emergency_number("Australia/Sydney"), Some("000"));
        assert_eq!(emergency_number("Pacific/Auckland"), Some("111"));
        // another country, an alias, a shared or unplaced zone: no number
        for z in [
            "Europe/Zurich",
            "Europe/Oslo",
            "US/Eastern",
            "Asia/Famagusta",
            "Europe/Busingen",
            "UTC",
            "Etc/GMT+5",
            "",
        ] {
            assert_eq!(emergency_number(z), None, "{z}");
        }
    }

    /// Every zone of the table is a zone of the system's database.
    #[test]
    fn every_zone_of_the_table_exists() {
        for (z, _, _) in TABLE {
            assert!(crate::zone::Zone::get(z).is_ok(), "{z}");
        }
    }
}
