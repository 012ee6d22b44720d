//! The user's time zone as the browser knows it: its name, and its offset at any instant
//! (the browser carries the zone's rules, daylight saving included).

use chrono::{DateTime, Utc};

use crate::logic::schedule_time::ZoneOffsets;

/// The browser's own time zone.
pub struct BrowserZone;

impl ZoneOffsets for BrowserZone {
    fn offset_minutes(&self, at: DateTime<Utc>) -> i32 {
        // Milliseconds since 1970 are exact in an f64 for any date a schedule uses.
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            at.timestamp_millis() as f64
        ));
        // JavaScript counts minutes west of UTC.
        -(date.get_timezone_offset() as i32)
    }
}

/// The IANA name of the browser's zone ("Europe/Berlin"), or "UTC" when it will not say.
pub fn zone_name() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".to_owned())
}

/// Today's date in the browser's zone, as `<input type="date">` writes it.
pub fn local_date_after(days: i64) -> String {
    let now = Utc::now() + chrono::Duration::days(days);
    let offset = BrowserZone.offset_minutes(now);
    (now + chrono::Duration::minutes(i64::from(offset)))
        .format("%Y-%m-%d")
        .to_string()
}

/// A UTC instant as the user reads it: local time and zone, then UTC.
pub fn local_label(at: DateTime<Utc>) -> String {
    let zone = zone_name();
    if matches!(zone.as_str(), "UTC" | "Etc/UTC") {
        return crate::logic::schedule_time::utc_label(at);
    }
    let local = at + chrono::Duration::minutes(i64::from(BrowserZone.offset_minutes(at)));
    format!(
        "{} {} ({})",
        local.format("%Y-%m-%d %H:%M"),
        zone,
        crate::logic::schedule_time::utc_label(at)
    )
}
