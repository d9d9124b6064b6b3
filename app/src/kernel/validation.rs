//! Input rules shared by the browser (instant feedback) and the server (enforcement).

use serde::{Deserialize, Serialize};

use crate::kernel::Permission;
use crate::kernel::i18n::{t, t_args};

/// Which rule an input broke, in words the user understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ValidationError {
    #[error("This field is required.")]
    Required,
    #[error("Must be at most {max} characters.")]
    TooLong { max: usize },
    #[error("Must not contain control characters.")]
    ControlCharacter,
    #[error("Must not contain invisible or text-direction characters.")]
    InvisibleCharacter,
    #[error("Enter an email address like name@example.com.")]
    EmailFormat,
    #[error("A username must begin with a letter (A–Z or a–z).")]
    UsernameStart,
    #[error(
        "A username may contain only letters (A–Z, a–z) and digits, with no spaces or special characters."
    )]
    UsernameCharacters,
    #[error("Use at least {min} characters.")]
    PasswordTooShort { min: usize },
    #[error("Use at most {max_bytes} bytes.")]
    PasswordTooLong { max_bytes: usize },
    #[error("A password cannot contain the characters & \" ' < or >.")]
    PasswordForbiddenCharacter,
    #[error("This password is too common. Choose one that is harder to guess.")]
    PasswordTooCommon,
    #[error("The two passwords do not match.")]
    PasswordsDiffer,
    #[error("{permission:?} needs {requires:?}")]
    PermissionNeeds {
        permission: Permission,
        requires: Permission,
    },
    #[error("Choose from the listed permissions.")]
    UnknownPermission,
    #[error("Choose one of the listed options.")]
    UnknownChoice,
    #[error("Enter the 6-digit code from your authenticator app.")]
    TotpCodeFormat,
    #[error("Enter the 6-digit code from your authenticator app, or one of your recovery codes.")]
    SecondFactorFormat,
    #[error("Enter an amount like 12.50, with at most {decimals} decimals.")]
    AmountFormat { decimals: u32 },
    #[error("The amount cannot be negative.")]
    NegativeAmount,
    #[error("The amount is too large.")]
    AmountTooLarge,
    #[error("The amount must be more than zero.")]
    ZeroAmount,
    #[error("Choose a country from the list.")]
    UnknownCountry,
    #[error("Choose a currency from the list (a code like USD or EUR).")]
    UnknownCurrency,
    #[error("Enter a date like 2026-12-31.")]
    DateFormat,
    #[error("Enter a date and time like 2026-12-31 14:30 (UTC).")]
    DateTimeFormat,
    #[error("The due date cannot be before the invoice date.")]
    DueBeforeIssue,
    /// A range whose end comes before its start.
    #[error("The end date cannot be before the start date.")]
    EndBeforeStart,
    /// A date range longer than a report covers.
    #[error("Choose a range of at most {max_days} days.")]
    RangeTooLong { max_days: i64 },
    #[error("A phone number may contain digits, spaces and + - ( ) . only.")]
    PhoneFormat,
    #[error("Enter a domain name like example.com.")]
    DomainFormat,
    #[error("Enter a number from {min} to {max}.")]
    OutOfRange { min: i64, max: i64 },
    #[error("Use lower-case letters a-z, digits and single hyphens only.")]
    SlugFormat,
    #[error("Another article already uses this address.")]
    SlugTaken,
    #[error("A category can sit only inside a top-level category.")]
    CategoryDepth,
    #[error("The category has subcategories.")]
    CategoryHasChildren,
}

impl ValidationError {
    /// The message shown to the user, in the request's language. (`Display` is for logs.)
    pub fn message(&self) -> String {
        match self {
            Self::Required => t("validation-required"),
            Self::TooLong { max } => t_args("validation-too-long", &[("max", (*max).into())]),
            Self::ControlCharacter => t("validation-control-character"),
            Self::InvisibleCharacter => t("validation-invisible-character"),
            Self::EmailFormat => t("validation-email-format"),
            Self::UsernameStart => t("validation-username-start"),
            Self::UsernameCharacters => t("validation-username-characters"),
            Self::PasswordTooShort { min } => {
                t_args("validation-password-too-short", &[("min", (*min).into())])
            }
            Self::PasswordTooLong { max_bytes } => t_args(
                "validation-password-too-long",
                &[("max", (*max_bytes).into())],
            ),
            Self::PasswordForbiddenCharacter => t("validation-password-forbidden"),
            Self::PasswordTooCommon => t("validation-password-common"),
            Self::PasswordsDiffer => t("validation-passwords-differ"),
            Self::PermissionNeeds {
                permission,
                requires,
            } => t_args(
                "validation-permission-needs",
                &[
                    ("permission", permission.label().into()),
                    ("requires", requires.label().into()),
                ],
            ),
            Self::UnknownPermission => t("validation-unknown-permission"),
            Self::UnknownChoice => t("validation-unknown-choice"),
            Self::TotpCodeFormat => t("validation-totp-code"),
            Self::SecondFactorFormat => t("validation-second-factor"),
            Self::AmountFormat { decimals } => t_args(
                "validation-amount-format",
                &[("decimals", (*decimals as usize).into())],
            ),
            Self::NegativeAmount => t("validation-negative-amount"),
            Self::AmountTooLarge => t("validation-amount-too-large"),
            Self::ZeroAmount => t("validation-zero-amount"),
            Self::UnknownCountry => t("validation-unknown-country"),
            Self::UnknownCurrency => t("validation-unknown-currency"),
            Self::DateFormat => t("validation-date-format"),
            Self::DateTimeFormat => t("validation-date-time-format"),
            Self::DueBeforeIssue => t("validation-due-before-issue"),
            Self::EndBeforeStart => t("validation-end-before-start"),
            Self::RangeTooLong { max_days } => {
                t_args("validation-range-too-long", &[("max", (*max_days).into())])
            }
            Self::PhoneFormat => t("validation-phone-format"),
            Self::DomainFormat => t("validation-domain-format"),
            Self::OutOfRange { min, max } => t_args(
                "validation-out-of-range",
                &[("min", (*min).into()), ("max", (*max).into())],
            ),
            Self::SlugFormat => t("validation-slug-format"),
            Self::SlugTaken => t("validation-slug-taken"),
            Self::CategoryDepth => t("validation-category-depth"),
            Self::CategoryHasChildren => t("validation-category-has-children"),
        }
    }
}

/// Trims the input and applies the rules every short text field shares.
pub fn clean_text(input: &str, max_chars: usize) -> Result<String, ValidationError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::Required);
    }
    if trimmed.chars().count() > max_chars {
        return Err(ValidationError::TooLong { max: max_chars });
    }
    if trimmed.chars().any(char::is_control) {
        return Err(ValidationError::ControlCharacter);
    }
    if trimmed.chars().any(is_invisible) {
        return Err(ValidationError::InvisibleCharacter);
    }
    Ok(trimmed.to_owned())
}

/// Characters that change how text around them reads without showing themselves: bidirectional
/// overrides, embeddings, isolates and marks (which can make "moc.elgoog" read as "google.com"),
/// zero-width spaces, word joiners, the byte order mark, soft hyphens, tag characters, Hangul
/// fillers (blank-looking letters) and the line and paragraph separators. Zero-width
/// (non-)joiners stay allowed: Persian and Indic names need them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Optional multi-line text (descriptions, signatures): trimmed, at most `max_chars` characters;
/// newlines and tabs are allowed, other control characters are not.
pub fn multiline_text(input: &str, max_chars: usize) -> Result<String, ValidationError> {
    let trimmed = input.trim();
    if trimmed.chars().count() > max_chars {
        return Err(ValidationError::TooLong { max: max_chars });
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ValidationError::ControlCharacter);
    }
    if trimmed.chars().any(is_invisible) {
        return Err(ValidationError::InvisibleCharacter);
    }
    // Line endings are stored as \n whatever the browser sent (\r\n, or an old-style lone \r).
    Ok(trimmed.replace("\r\n", "\n").replace('\r', "\n"))
}

/// An email address: one `@`, a non-empty local part, a dotted domain, no spaces. Stored lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// RFC 5321 caps a forward path at 254 characters.
    pub const MAX_CHARS: usize = 254;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let value = clean_text(input, Self::MAX_CHARS)?;
        let (local, domain) = value.split_once('@').ok_or(ValidationError::EmailFormat)?;
        let domain_ok = !domain.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.chars().any(|c| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '<' | '>' | '"' | '(' | ')' | ',' | ';' | ':' | '\\' | '[' | ']' | '@'
                    )
            });
        if domain_ok && local_ok {
            Ok(Self(value.to_lowercase()))
        } else {
            Err(ValidationError::EmailFormat)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_is_required() {
        assert_eq!(clean_text("   ", 10), Err(ValidationError::Required));
    }

    #[test]
    fn text_is_trimmed_and_length_counts_characters_not_bytes() {
        assert_eq!(clean_text("  Ünïcødé  ", 7).as_deref(), Ok("Ünïcødé"));
        assert_eq!(
            clean_text("abcdefgh", 7),
            Err(ValidationError::TooLong { max: 7 })
        );
    }

    #[test]
    fn text_with_nul_byte_is_rejected() {
        assert_eq!(
            clean_text("a\0b", 10),
            Err(ValidationError::ControlCharacter)
        );
    }

    #[test]
    fn text_direction_and_invisible_characters_are_refused_in_names_and_text() {
        // "Right-to-left override": the name would read reversed after it.
        for bad in [
            "Ada\u{202E}nimda",
            "Ada\u{200B}",
            "\u{2067}Ada",
            "Ad\u{FEFF}a",
            "A\u{200F}da",
            "Ada\u{E0041}",
            "\u{3164}",
            "Ad\u{00AD}a",
            "Ada\u{2028}Lovelace",
        ] {
            assert_eq!(
                clean_text(bad, 100),
                Err(ValidationError::InvisibleCharacter),
                "{bad:?}"
            );
            assert_eq!(
                multiline_text(bad, 100),
                Err(ValidationError::InvisibleCharacter),
                "{bad:?}"
            );
        }
        // Persian and Indic names need the zero-width (non-)joiner; other scripts pass as they are.
        for good in [
            "\u{0645}\u{06CC}\u{200C}\u{0631}\u{0648}\u{062F}",
            "Zoë",
            "José",
            "北京",
        ] {
            assert!(clean_text(good, 100).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn email_is_lower_cased() {
        assert_eq!(
            Email::parse(" Sales@Example.COM ").unwrap().as_str(),
            "sales@example.com"
        );
    }

    #[test]
    fn email_without_at_or_dotted_domain_is_rejected() {
        for bad in [
            "sales",
            "sales@",
            "@example.com",
            "sales@example",
            "sales@.example.com",
            "a b@example.com",
            "a@exa..mple.com",
            "<x>@example.com",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(ValidationError::EmailFormat),
                "{bad}"
            );
        }
    }
}
