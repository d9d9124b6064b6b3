//! How dates and times read in the admin area.

use chrono::{DateTime, Utc};

/// Dates and times in the admin area: ISO 8601 order, the same in every language.
pub fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
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
