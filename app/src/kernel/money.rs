//! Money: an integer number of minor units (cents) and an ISO 4217 currency, never a float.
//! Amounts are read from and written as decimal text in the currency's own number of decimals.

use super::validation::ValidationError;

/// The largest amount accepted anywhere: 10^13 minor units, far above any invoice, and far below
/// where a sum of many of them could overflow an `i64`.
pub const MAX_MINOR: i64 = 10_000_000_000_000;

/// An ISO 4217 currency code that exists, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

/// US dollars: what a stored code that no longer parses is shown in.
impl Default for Currency {
    fn default() -> Self {
        Self(iso_currency::Currency::USD)
    }
}

impl Currency {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let code = input.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(ValidationError::Required);
        }
        iso_currency::Currency::from_code(&code)
            .filter(|c| c.exponent().is_some())
            .map(Self)
            .ok_or(ValidationError::UnknownCurrency)
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Decimals of the minor unit: 2 for USD, 0 for JPY, 3 for KWD.
    pub fn decimals(self) -> u32 {
        u32::from(self.0.exponent().unwrap_or(2))
    }

    /// The currencies forms offer: the common ones first, then every other with a minor unit.
    pub fn choices() -> Vec<&'static str> {
        const COMMON: [&str; 8] = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR"];
        use iso_currency::IntoEnumIterator;
        let mut rest: Vec<&'static str> = iso_currency::Currency::iter()
            .filter(|c| c.exponent().is_some() && !COMMON.contains(&c.code()))
            .map(|c| c.code())
            .collect();
        rest.sort_unstable();
        COMMON.into_iter().chain(rest).collect()
    }
}

/// An amount as typed: "12.5", "12.50", "1,234.50" (thousands commas), "1234"; never negative.
pub fn parse_amount(input: &str, currency: Currency) -> Result<i64, ValidationError> {
    let decimals = currency.decimals();
    let text: String = input.trim().chars().filter(|c| *c != ',').collect();
    if text.is_empty() {
        return Err(ValidationError::Required);
    }
    if text.starts_with('-') {
        return Err(ValidationError::NegativeAmount);
    }
    let format = ValidationError::AmountFormat { decimals };
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return Err(format);
    }
    if fraction.len() > decimals as usize {
        return Err(format);
    }
    if whole.len() > 16 {
        return Err(ValidationError::AmountTooLarge);
    }
    let scale = 10_i64.pow(decimals);
    let whole: i64 = whole.parse().map_err(|_| ValidationError::AmountTooLarge)?;
    let fraction: i64 = if fraction.is_empty() {
        0
    } else {
        let padded = format!("{fraction:0<width$}", width = decimals as usize);
        padded.parse().map_err(|_| format.clone())?
    };
    let minor = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .ok_or(ValidationError::AmountTooLarge)?;
    if minor > MAX_MINOR {
        return Err(ValidationError::AmountTooLarge);
    }
    Ok(minor)
}

/// Minor units as decimal text without the code: 1234 USD → "12.34", 1234 JPY → "1234".
pub fn amount_text(minor: i64, currency: Currency) -> String {
    let decimals = currency.decimals();
    if decimals == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(decimals);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let scale = scale.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = decimals as usize
    )
}

/// An amount as the admin area shows it: "12.34 USD". An unknown stored code shows with 2 decimals.
pub fn display(minor: i64, code: &str) -> String {
    let currency = Currency::parse(code).unwrap_or_default();
    format!("{} {}", amount_text(minor, currency), code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Currency {
        Currency::parse("usd").unwrap()
    }

    #[test]
    fn amounts_are_read_in_the_currencys_minor_units() {
        assert_eq!(parse_amount("12.5", usd()), Ok(1250));
        assert_eq!(parse_amount("12.50", usd()), Ok(1250));
        assert_eq!(parse_amount("1,234.05", usd()), Ok(123_405));
        assert_eq!(parse_amount("7", usd()), Ok(700));
        assert_eq!(
            parse_amount("1500", Currency::parse("JPY").unwrap()),
            Ok(1500)
        );
        assert_eq!(
            parse_amount("1.234", Currency::parse("KWD").unwrap()),
            Ok(1234)
        );
    }

    #[test]
    fn negative_malformed_and_huge_amounts_are_refused() {
        assert_eq!(
            parse_amount("-1", usd()),
            Err(ValidationError::NegativeAmount)
        );
        assert_eq!(
            parse_amount("1.234", usd()),
            Err(ValidationError::AmountFormat { decimals: 2 })
        );
        assert_eq!(
            parse_amount("1.5", Currency::parse("JPY").unwrap()),
            Err(ValidationError::AmountFormat { decimals: 0 })
        );
        for bad in ["abc", "1.", ".5", "1e3", "1.2.3", "NaN", "12 50"] {
            assert!(parse_amount(bad, usd()).is_err(), "{bad}");
        }
        assert_eq!(
            parse_amount("100000000000.01", usd()),
            Err(ValidationError::AmountTooLarge)
        );
        assert_eq!(
            parse_amount("99999999999999999999", usd()),
            Err(ValidationError::AmountTooLarge)
        );
        assert_eq!(parse_amount(" ", usd()), Err(ValidationError::Required));
    }

    #[test]
    fn amounts_are_written_back_as_they_are_read() {
        assert_eq!(amount_text(1250, usd()), "12.50");
        assert_eq!(amount_text(5, usd()), "0.05");
        assert_eq!(amount_text(-5, usd()), "-0.05");
        assert_eq!(amount_text(1500, Currency::parse("JPY").unwrap()), "1500");
        assert_eq!(display(123_405, "EUR"), "1234.05 EUR");
        for minor in [0, 1, 99, 100, 123_456_789] {
            assert_eq!(parse_amount(&amount_text(minor, usd()), usd()), Ok(minor));
        }
    }

    #[test]
    fn only_existing_currency_codes_are_accepted() {
        assert_eq!(usd().code(), "USD");
        assert_eq!(
            Currency::parse("XYZ"),
            Err(ValidationError::UnknownCurrency)
        );
        assert_eq!(Currency::parse(""), Err(ValidationError::Required));
        assert!(Currency::choices().contains(&"EUR"));
        assert_eq!(Currency::choices()[0], "USD");
    }
}
