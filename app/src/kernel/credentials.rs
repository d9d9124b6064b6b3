//! The username and new-password rules, shared by the browser and the server. Client users will
//! use the same password rules as staff.

use serde::{Deserialize, Serialize};

use super::validation::ValidationError;

/// A username: begins with an ASCII letter, then ASCII letters and digits only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub const MAX_CHARS: usize = 64;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let value = input.trim();
        let mut chars = value.chars();
        match chars.next() {
            None => return Err(ValidationError::Required),
            Some(c) if !c.is_ascii_alphabetic() => return Err(ValidationError::UsernameStart),
            Some(_) => {}
        }
        if !chars.all(|c| c.is_ascii_alphanumeric()) {
            return Err(ValidationError::UsernameCharacters);
        }
        if value.len() > Self::MAX_CHARS {
            return Err(ValidationError::TooLong {
                max: Self::MAX_CHARS,
            });
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password being set. Never serialized and never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

/// Common passwords long enough to pass the length rule; compared case-insensitively.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "111111111111",
    "000000000000",
    "123123123123",
    "password1234",
    "password12345",
    "password123456",
    "passwordpassword",
    "qwertyuiopas",
    "qwertyuiop123",
    "qwerty123456",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "qazwsxedcrfv",
    "iloveyou1234",
    "administrator",
    "administrator1",
    "admin1234567",
    "adminadmin123",
    "welcome12345",
    "letmein12345",
    "changeme1234",
    "abcdefghijkl",
    "abcd1234abcd",
    "abc123abc123",
    "aaaaaaaaaaaa",
    "asdfghjkl123",
    "zaq12wsxcde3",
    "trustno11234",
    "football1234",
    "baseball1234",
    "sunshine1234",
    "princess1234",
    "superman1234",
    "monkey123456",
    "dragon123456",
    "master123456",
    "staffdesk123",
    "staffdesk1234",
    "correcthorsebatterystaple",
    "whmcsadmin123",
];

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_BYTES: usize = 1024;
    pub const FORBIDDEN: [char; 5] = ['&', '"', '\'', '<', '>'];

    /// Checks the rules without changing the password: no trimming, no stripping.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        if input.is_empty() {
            return Err(ValidationError::Required);
        }
        if input.len() > Self::MAX_BYTES {
            return Err(ValidationError::PasswordTooLong {
                max_bytes: Self::MAX_BYTES,
            });
        }
        if input.contains(Self::FORBIDDEN) {
            return Err(ValidationError::PasswordForbiddenCharacter);
        }
        if input.chars().any(char::is_control) {
            return Err(ValidationError::ControlCharacter);
        }
        if input.chars().count() < Self::MIN_CHARS {
            return Err(ValidationError::PasswordTooShort {
                min: Self::MIN_CHARS,
            });
        }
        let lower = input.to_lowercase();
        if COMMON_PASSWORDS.contains(&lower.as_str()) {
            return Err(ValidationError::PasswordTooCommon);
        }
        Ok(Self(input.to_owned()))
    }

    /// Both entries must match; the first one's rules are reported first.
    pub fn parse_confirmed(
        input: &str,
        confirmation: &str,
    ) -> Result<Self, (&'static str, ValidationError)> {
        let password = Self::parse(input).map_err(|e| ("password", e))?;
        if input != confirmation {
            return Err(("password_confirmation", ValidationError::PasswordsDiffer));
        }
        Ok(password)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword([redacted])")
    }
}

/// How strong a password looks, for the "strong password" hint under the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Weak,
    Fair,
    Strong,
}

pub fn strength(input: &str) -> Strength {
    let classes = [
        input.chars().any(|c| c.is_lowercase()),
        input.chars().any(|c| c.is_uppercase()),
        input.chars().any(|c| c.is_numeric()),
        input.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    let len = input.chars().count();
    if len >= 16 && classes >= 3 || len >= 24 {
        Strength::Strong
    } else if len >= NewPassword::MIN_CHARS && classes >= 2 {
        Strength::Fair
    } else {
        Strength::Weak
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn username_starting_with_digit_is_rejected() {
        assert_eq!(
            Username::parse("1admin"),
            Err(ValidationError::UsernameStart)
        );
    }

    #[test]
    fn username_with_space_underscore_or_unicode_is_rejected() {
        for bad in [
            "jane doe", "jane_doe", "jäne", "jane-doe", "jane.doe", "jane<b>",
        ] {
            assert_eq!(
                Username::parse(bad),
                Err(ValidationError::UsernameCharacters),
                "{bad}"
            );
        }
    }

    #[test]
    fn username_of_letters_and_digits_is_accepted_and_trimmed() {
        assert_eq!(Username::parse(" Jane2 ").unwrap().as_str(), "Jane2");
        assert_eq!(Username::parse(""), Err(ValidationError::Required));
        assert_eq!(
            Username::parse(&"a".repeat(65)),
            Err(ValidationError::TooLong { max: 64 })
        );
        assert_eq!(
            Username::parse(&"a".repeat(10_000)),
            Err(ValidationError::TooLong { max: 64 })
        );
    }

    #[test]
    fn each_forbidden_password_character_is_rejected_not_stripped() {
        for c in NewPassword::FORBIDDEN {
            let input = format!("long enough pass{c}word");
            assert_eq!(
                NewPassword::parse(&input),
                Err(ValidationError::PasswordForbiddenCharacter),
                "{c}"
            );
        }
    }

    #[test]
    fn password_keeps_spaces_and_unicode_exactly() {
        let input = "  correct horse ünïcødé 🐴  ";
        assert_eq!(NewPassword::parse(input).unwrap().expose(), input);
    }

    #[test]
    fn password_length_counts_characters_and_caps_bytes() {
        assert_eq!(
            NewPassword::parse("Short1!"),
            Err(ValidationError::PasswordTooShort { min: 12 })
        );
        // Twelve characters, more bytes: accepted.
        assert!(NewPassword::parse("ünïcødéünïcø").is_ok());
        assert!(NewPassword::parse(&"x".repeat(1024).replace("xx", "xy")).is_ok());
        assert_eq!(
            NewPassword::parse(&"xy".repeat(5 * 1024)),
            Err(ValidationError::PasswordTooLong { max_bytes: 1024 })
        );
        assert_eq!(NewPassword::parse(""), Err(ValidationError::Required));
    }

    #[test]
    fn common_password_is_rejected_whatever_its_case() {
        assert_eq!(
            NewPassword::parse("Password1234"),
            Err(ValidationError::PasswordTooCommon)
        );
    }

    #[test]
    fn confirmation_must_match() {
        assert_eq!(
            NewPassword::parse_confirmed("a fine passphrase", "a fine passphras"),
            Err(("password_confirmation", ValidationError::PasswordsDiffer))
        );
        assert!(NewPassword::parse_confirmed("a fine passphrase", "a fine passphrase").is_ok());
    }

    #[test]
    fn password_debug_is_redacted() {
        let p = NewPassword::parse("a secret passphrase").unwrap();
        assert_eq!(format!("{p:?}"), "NewPassword([redacted])");
    }

    #[test]
    fn strength_rewards_length_and_variety() {
        assert_eq!(strength("aaaaaaaaaaaa"), Strength::Weak);
        assert_eq!(strength("abcdefgh1234"), Strength::Fair);
        assert_eq!(strength("Tr0ub4dor and more!"), Strength::Strong);
    }
}
