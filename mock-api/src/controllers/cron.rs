//! Standard five-field cron schedules (minute hour day-of-month month day-of-week), evaluated
//! in a CronJob's `timeZone`: when between two instants one fires.

use chrono::{DateTime, Datelike, Duration, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde_json::Value;

/// The longest schedule read. Schedules are read on every check of their CronJob, and no real
/// one comes near this.
const MAX_EXPRESSION_BYTES: usize = 256;

/// One field: `*`, or a comma-separated list of numbers and `a-b` ranges, each with an optional
/// `/step`; kept as the set of values it allows, bit `n` standing for `n`.
#[derive(Debug, PartialEq)]
struct Field(u64);

impl Field {
    fn parse(text: &str, min: u32, max: u32) -> Option<Self> {
        let mut allowed = 0_u64;
        for part in text.split(',') {
            let (range, step) = match part.split_once('/') {
                Some((range, step)) => (range, step.parse::<u32>().ok().filter(|s| *s > 0)?),
                None => (part, 1),
            };
            let (low, high) = match range {
                "*" => (min, max),
                _ => match range.split_once('-') {
                    Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
                    None => {
                        let n = range.parse().ok()?;
                        (n, n)
                    }
                },
            };
            if low < min || high > max || low > high {
                return None;
            }
            for value in (low..=high).step_by(usize::try_from(step).ok()?) {
                allowed |= 1 << value;
            }
        }
        Some(Self(allowed))
    }

    fn has(&self, value: u32) -> bool {
        value < 64 && self.0 & (1 << value) != 0
    }
}

/// A parsed schedule.
#[derive(Debug, PartialEq)]
pub struct Schedule {
    minute: Field,
    hour: Field,
    day: Field,
    month: Field,
    weekday: Field,
}

impl Schedule {
    /// Parses a five-field expression; `None` when it is not one.
    pub fn parse(expression: &str) -> Option<Self> {
        if expression.len() > MAX_EXPRESSION_BYTES {
            return None;
        }
        let fields: Vec<&str> = expression.split_whitespace().collect();
        let [minute, hour, day, month, weekday] = fields.as_slice() else {
            return None;
        };
        Some(Self {
            minute: Field::parse(minute, 0, 59)?,
            hour: Field::parse(hour, 0, 23)?,
            day: Field::parse(day, 1, 31)?,
            month: Field::parse(month, 1, 12)?,
            weekday: Field::parse(&weekday.replace('7', "0"), 0, 6)?,
        })
    }

    fn matches<Z: TimeZone>(&self, at: &DateTime<Z>) -> bool {
        self.minute.has(at.minute())
            && self.hour.has(at.hour())
            && self.day.has(at.day())
            && self.month.has(at.month())
            && self.weekday.has(at.weekday().num_days_from_sunday())
    }

    /// The first minute in `(after, until]` at which the schedule fires, read in `zone` (an IANA
    /// name; empty means UTC).
    pub fn fires_between(
        &self,
        zone: &str,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let zone: Tz = if zone.is_empty() {
            Tz::UTC
        } else {
            zone.parse().ok()?
        };
        let start = after
            .with_second(0)?
            .with_nanosecond(0)?
            .checked_add_signed(Duration::minutes(1))?;
        // A clock moved far ahead is checked up to a year at most.
        let limit = start
            .checked_add_signed(Duration::days(366))
            .map_or(until, |year_on| until.min(year_on));
        let mut minute = start;
        while minute <= limit {
            if self.matches(&minute.with_timezone(&zone)) {
                return Some(minute);
            }
            minute += Duration::minutes(1);
        }
        None
    }
}

/// A timestamp field, if it holds one.
pub fn timestamp(value: &Value) -> Option<DateTime<Utc>> {
    value
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_one_shot_schedule_fires_once_at_its_minute() {
        let schedule = Schedule::parse("30 14 26 11 *").unwrap();
        let fired = schedule.fires_between(
            "Etc/UTC",
            utc("2026-11-26T14:00:00Z"),
            utc("2026-11-26T15:00:00Z"),
        );
        assert_eq!(fired, Some(utc("2026-11-26T14:30:00Z")));
        assert_eq!(
            schedule.fires_between("", utc("2026-11-26T14:30:00Z"), utc("2026-11-26T15:00:00Z")),
            None,
            "not again in the same window"
        );
    }

    #[test]
    fn the_time_zone_decides_which_utc_minute_fires() {
        let schedule = Schedule::parse("0 9 * * *").unwrap();
        let fired = schedule.fires_between(
            "Europe/Berlin",
            utc("2026-07-01T00:00:00Z"),
            utc("2026-07-02T00:00:00Z"),
        );
        assert_eq!(
            fired,
            Some(utc("2026-07-01T07:00:00Z")),
            "summer time is UTC+2"
        );
        let fired = schedule.fires_between(
            "Europe/Berlin",
            utc("2026-12-01T00:00:00Z"),
            utc("2026-12-02T00:00:00Z"),
        );
        assert_eq!(fired, Some(utc("2026-12-01T08:00:00Z")));
    }

    #[test]
    fn lists_ranges_steps_and_bad_expressions() {
        let schedule = Schedule::parse("*/15 8-9 * * 1-5").unwrap();
        let fired =
            schedule.fires_between("", utc("2026-11-28T00:00:00Z"), utc("2026-12-01T00:00:00Z"));
        assert_eq!(
            fired,
            Some(utc("2026-11-30T08:00:00Z")),
            "Saturday and Sunday skipped"
        );
        assert_eq!(Schedule::parse("61 * * * *"), None);
        assert_eq!(Schedule::parse("* * *"), None);
    }
}
