//! How dates and times read in the admin area.

use chrono::{DateTime, Utc};

use crate::kernel::validation::ValidationError;

/// Dates and times in the admin area: ISO 8601 order, the same in every language.
pub fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A date and time from a `datetime-local` field (`2026-12-31T14:30`, also with a space or
/// seconds), read as UTC.
pub fn parse_utc_minute(text: &str) -> Result<DateTime<Utc>, ValidationError> {
    let text = text.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
        .filter(|t| {
            use chrono::Datelike;
            (1970..=9999).contains(&t.year())
        })
        .map(|t| t.and_utc())
        .ok_or(ValidationError::DateTimeFormat)
}

/// A time as a `datetime-local` field shows it, in UTC.
pub fn input_minute(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_iso_order_in_utc() {
        let at = DateTime::parse_from_rfc3339("2026-03-04T05:06:07+02:00")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(when(at), "2026-03-04 03:06 UTC");
    }
}
