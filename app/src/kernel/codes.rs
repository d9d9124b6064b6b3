//! One-time code input rules, shared by the browser and the server: authenticator app codes and
//! recovery codes.

use super::validation::ValidationError;

/// A six-digit code from an authenticator app. Spaces are ignored ("123 456").
#[derive(Clone, PartialEq, Eq)]
pub struct TotpCode(String);

impl TotpCode {
    pub const DIGITS: usize = 6;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if code.is_empty() {
            return Err(ValidationError::Required);
        }
        if code.len() != Self::DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValidationError::TotpCodeFormat);
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for TotpCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpCode([redacted])")
    }
}

/// A recovery code: 16 characters of Crockford's base32 (80 bits), shown as `xxxx-xxxx-xxxx-xxxx`.
/// Case, dashes and spaces are ignored when typed.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl RecoveryCode {
    pub const LEN: usize = 16;
    /// No i, l, o or u, so nothing reads as another character.
    pub const ALPHABET: &'static [u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_lowercase)
            .collect();
        if code.is_empty() {
            return Err(ValidationError::Required);
        }
        if code.len() != Self::LEN || !code.bytes().all(|b| Self::ALPHABET.contains(&b)) {
            return Err(ValidationError::SecondFactorFormat);
        }
        Ok(Self(code))
    }

    /// A code the server just generated from the alphabet.
    #[cfg(feature = "ssr")]
    pub(crate) fn from_generated(text: String) -> Self {
        Self(text)
    }

    /// The canonical form, without dashes, as hashed for storage.
    pub fn normalized(&self) -> &str {
        &self.0
    }

    /// How the code is shown and printed: four groups of four.
    pub fn display(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode([redacted])")
    }
}

/// What the login's second step accepts: an app code or a recovery code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    Totp(TotpCode),
    Recovery(RecoveryCode),
}

impl SecondFactor {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(ValidationError::Required);
        }
        if compact.bytes().all(|b| b.is_ascii_digit()) && compact.len() <= TotpCode::DIGITS {
            return TotpCode::parse(&compact)
                .map(Self::Totp)
                .map_err(|_| ValidationError::SecondFactorFormat);
        }
        RecoveryCode::parse(input).map(Self::Recovery)
    }

    /// The stable name recorded in the audit trail.
    pub fn method(&self) -> &'static str {
        match self {
            Self::Totp(_) => "totp",
            Self::Recovery(_) => "recovery_code",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totp_code_needs_exactly_six_digits() {
        assert!(TotpCode::parse("123456").is_ok());
        assert_eq!(
            TotpCode::parse("123 456").map(|c| c.as_str().to_owned()),
            Ok("123456".to_owned())
        );
        assert_eq!(
            TotpCode::parse("12345"),
            Err(ValidationError::TotpCodeFormat)
        );
        assert_eq!(
            TotpCode::parse("12345a"),
            Err(ValidationError::TotpCodeFormat)
        );
        assert_eq!(TotpCode::parse("  "), Err(ValidationError::Required));
        assert_eq!(
            TotpCode::parse("١٢٣٤٥٦"),
            Err(ValidationError::TotpCodeFormat)
        );
    }

    #[test]
    fn recovery_code_ignores_case_dashes_and_spaces() {
        let code = RecoveryCode::parse("ABCD-efgh-jkmn-pqrs").map(|c| c.display());
        assert_eq!(code, Ok("abcd-efgh-jkmn-pqrs".to_owned()));
        let spaced = RecoveryCode::parse(" abcd efgh jkmn pqrs ").map(|c| c.display());
        assert_eq!(spaced, Ok("abcd-efgh-jkmn-pqrs".to_owned()));
    }

    #[test]
    fn recovery_code_with_ambiguous_letters_is_rejected() {
        assert_eq!(
            RecoveryCode::parse("abcd-efgh-ijkl-mnop"),
            Err(ValidationError::SecondFactorFormat)
        );
        assert_eq!(
            RecoveryCode::parse("abcd-efgh"),
            Err(ValidationError::SecondFactorFormat)
        );
    }

    #[test]
    fn second_factor_tells_app_codes_from_recovery_codes() {
        assert!(matches!(
            SecondFactor::parse("654321"),
            Ok(SecondFactor::Totp(_))
        ));
        assert!(matches!(
            SecondFactor::parse("0000-1111-2222-3333"),
            Ok(SecondFactor::Recovery(_))
        ));
        assert_eq!(
            SecondFactor::parse("1234"),
            Err(ValidationError::SecondFactorFormat)
        );
        assert_eq!(SecondFactor::parse(""), Err(ValidationError::Required));
        assert_eq!(
            SecondFactor::parse("<script>"),
            Err(ValidationError::SecondFactorFormat)
        );
    }
}
