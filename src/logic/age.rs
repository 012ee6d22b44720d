//! Relative ages ("3 days ago") for timestamps, computed against a given `now`.

use chrono::{DateTime, Utc};

/// How long ago `then` was, in the largest whole unit: "just now", "5 minutes ago", "2 days ago".
/// A time in the future (clock skew between browser and cluster) reads as "just now".
pub fn relative_age(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds();
    if seconds < 60 {
        return "just now".to_owned();
    }
    let units = [
        (365 * 24 * 3600, "year"),
        (30 * 24 * 3600, "month"),
        (7 * 24 * 3600, "week"),
        (24 * 3600, "day"),
        (3600, "hour"),
        (60, "minute"),
    ];
    let (size, unit) = units
        .into_iter()
        .find(|(size, _)| seconds >= *size)
        .unwrap_or((60, "minute"));
    let count = seconds / size;
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}

/// The exact time in UTC, for a tooltip beside a relative age.
pub fn absolute_utc(then: DateTime<Utc>) -> String {
    then.format("%Y-%m-%d %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
    }

    #[test]
    fn ages_use_the_largest_whole_unit() {
        let cases = [
            (Duration::seconds(5), "just now"),
            (Duration::seconds(60), "1 minute ago"),
            (Duration::minutes(59), "59 minutes ago"),
            (Duration::hours(1), "1 hour ago"),
            (Duration::hours(26), "1 day ago"),
            (Duration::days(6), "6 days ago"),
            (Duration::days(14), "2 weeks ago"),
            (Duration::days(65), "2 months ago"),
            (Duration::days(800), "2 years ago"),
        ];
        for (ago, expected) in cases {
            assert_eq!(relative_age(now() - ago, now()), expected);
        }
    }

    #[test]
    fn a_time_in_the_future_is_just_now() {
        assert_eq!(
            relative_age(now() + Duration::minutes(3), now()),
            "just now"
        );
    }

    #[test]
    fn absolute_time_is_in_utc() {
        assert_eq!(absolute_utc(now()), "2026-11-25 12:00 UTC");
    }
}
