//! The time of a scheduled restart: the date and time the user typed, read in their time zone
//! (clocks that skip or repeat an hour included), refused when it has passed, and written as a
//! one-shot cron schedule in UTC.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// A time zone's offset from UTC at any instant (the browser knows the real rules; tests use
/// fixed ones).
pub trait ZoneOffsets {
    /// Minutes east of UTC at `at`.
    fn offset_minutes(&self, at: DateTime<Utc>) -> i32;
}

/// Why a time cannot be scheduled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleProblem {
    #[error("Enter a date.")]
    BadDate,
    #[error("Enter a time.")]
    BadTime,
    #[error("{0} does not exist in {1}: the clocks skip that hour. Choose another time.")]
    SkippedByClockChange(String, String),
    #[error("That time has passed. Choose a time at least a minute from now.")]
    InThePast,
}

/// A local time resolved to one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolvedTime {
    pub utc: DateTime<Utc>,
    /// The local time happens twice (clocks go back): the first is used.
    pub ambiguous: bool,
}

/// Reads the values of `<input type="date">` and `<input type="time">`.
pub fn parse_local(date: &str, time: &str) -> Result<NaiveDateTime, ScheduleProblem> {
    let date =
        NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| ScheduleProblem::BadDate)?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H:%M:%S"))
        .map_err(|_| ScheduleProblem::BadTime)?;
    Ok(date.and_time(time.with_second(0).unwrap_or(time)))
}

/// The instant a local time stands for in a zone. Offsets a day before and after cover every
/// clock change: a time reached by neither does not exist; one reached by both happens twice.
pub fn resolve(
    local: NaiveDateTime,
    zone: &impl ZoneOffsets,
    zone_name: &str,
) -> Result<ResolvedTime, ScheduleProblem> {
    let as_if_utc = local.and_utc();
    let mut candidates: Vec<DateTime<Utc>> = [-Duration::days(1), Duration::days(1)]
        .iter()
        .map(|shift| zone.offset_minutes(as_if_utc + *shift))
        .map(|offset| as_if_utc - Duration::minutes(i64::from(offset)))
        .filter(|utc| *utc + Duration::minutes(i64::from(zone.offset_minutes(*utc))) == as_if_utc)
        .collect();
    candidates.sort();
    candidates.dedup();
    match candidates.as_slice() {
        [] => Err(ScheduleProblem::SkippedByClockChange(
            local.format("%Y-%m-%d %H:%M").to_string(),
            zone_name.to_owned(),
        )),
        [only] => Ok(ResolvedTime {
            utc: *only,
            ambiguous: false,
        }),
        [first, ..] => Ok(ResolvedTime {
            utc: *first,
            ambiguous: true,
        }),
    }
}

/// The whole check: parse, resolve, and refuse a time that is not still ahead.
pub fn schedule_time(
    date: &str,
    time: &str,
    zone: &impl ZoneOffsets,
    zone_name: &str,
    now: DateTime<Utc>,
) -> Result<ResolvedTime, ScheduleProblem> {
    let resolved = resolve(parse_local(date, time)?, zone, zone_name)?;
    // Cron fires on whole minutes: the minute must still be ahead.
    if resolved.utc < now + Duration::minutes(1) {
        return Err(ScheduleProblem::InThePast);
    }
    Ok(resolved)
}

/// A cron schedule (in UTC) that fires at `at`'s minute; the job it runs deletes its schedule,
/// so it fires once.
pub fn one_shot_cron(at: DateTime<Utc>) -> String {
    at.format("%-M %-H %-d %-m *").to_string()
}

/// The UTC time as shown beside the local one.
pub fn utc_label(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// Central European time: UTC+1, and UTC+2 from the last Sunday of March (01:00 UTC) to the
    /// last Sunday of October (01:00 UTC); 2026's changes are on 29 March and 25 October.
    struct Berlin2026;

    impl ZoneOffsets for Berlin2026 {
        fn offset_minutes(&self, at: DateTime<Utc>) -> i32 {
            let summer_from = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
            let summer_until = Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).unwrap();
            if at >= summer_from && at < summer_until {
                120
            } else {
                60
            }
        }
    }

    /// A zone west of UTC with no clock changes.
    struct NewYorkWinter;

    impl ZoneOffsets for NewYorkWinter {
        fn offset_minutes(&self, _: DateTime<Utc>) -> i32 {
            -300
        }
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn local(date: &str, time: &str) -> NaiveDateTime {
        parse_local(date, time).unwrap()
    }

    #[test]
    fn local_times_become_utc_by_the_offset_of_that_day() {
        let winter = resolve(local("2026-01-15", "14:30"), &Berlin2026, "Europe/Berlin").unwrap();
        assert_eq!(winter.utc, utc(2026, 1, 15, 13, 30));
        let summer = resolve(local("2026-07-15", "14:30"), &Berlin2026, "Europe/Berlin").unwrap();
        assert_eq!(summer.utc, utc(2026, 7, 15, 12, 30));
        let west = resolve(
            local("2026-12-31", "22:00"),
            &NewYorkWinter,
            "America/New_York",
        )
        .unwrap();
        assert_eq!(
            west.utc,
            utc(2027, 1, 1, 3, 0),
            "the UTC date may be the next day"
        );
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_with_the_reason() {
        assert_eq!(
            resolve(local("2026-03-29", "02:30"), &Berlin2026, "Europe/Berlin"),
            Err(ScheduleProblem::SkippedByClockChange(
                "2026-03-29 02:30".into(),
                "Europe/Berlin".into()
            ))
        );
        let after = resolve(local("2026-03-29", "03:00"), &Berlin2026, "Europe/Berlin").unwrap();
        assert_eq!(after.utc, utc(2026, 3, 29, 1, 0));
    }

    #[test]
    fn a_time_that_happens_twice_uses_the_first() {
        let twice = resolve(local("2026-10-25", "02:30"), &Berlin2026, "Europe/Berlin").unwrap();
        assert_eq!(twice.utc, utc(2026, 10, 25, 0, 30));
        assert!(twice.ambiguous);
        let once = resolve(local("2026-10-25", "03:30"), &Berlin2026, "Europe/Berlin").unwrap();
        assert_eq!(once.utc, utc(2026, 10, 25, 2, 30));
        assert!(!once.ambiguous);
    }

    #[test]
    fn times_not_ahead_and_bad_input_are_refused() {
        let now = utc(2026, 11, 25, 13, 0);
        assert_eq!(
            schedule_time("2026-11-25", "13:59", &Berlin2026, "Europe/Berlin", now),
            Err(ScheduleProblem::InThePast)
        );
        assert_eq!(
            schedule_time("2026-11-25", "14:00", &Berlin2026, "Europe/Berlin", now),
            Err(ScheduleProblem::InThePast),
            "the current minute is too late"
        );
        assert!(schedule_time("2026-11-25", "14:01", &Berlin2026, "Europe/Berlin", now).is_ok());
        assert_eq!(
            schedule_time("", "14:01", &Berlin2026, "Europe/Berlin", now),
            Err(ScheduleProblem::BadDate)
        );
        assert_eq!(
            schedule_time("2026-11-25", "25:00", &Berlin2026, "Europe/Berlin", now),
            Err(ScheduleProblem::BadTime)
        );
    }

    #[test]
    fn the_cron_schedule_names_the_utc_minute() {
        assert_eq!(one_shot_cron(utc(2026, 3, 5, 7, 9)), "9 7 5 3 *");
        assert_eq!(utc_label(utc(2026, 3, 5, 7, 9)), "2026-03-05 07:09 UTC");
    }
}
