//! The invariants every input parser keeps, for any input: no panic, and what a parser accepts
//! obeys its rule and parses again to itself. The `cargo fuzz` targets in `fuzz/` and the test
//! suite (a fixed corpus plus property tests) run these same checks.

use crate::departments::model::{DepartmentDescription, DepartmentName};
use crate::kernel::credentials::{NewPassword, Username};
use crate::kernel::names::PersonName;
use crate::kernel::validation::Email;
use crate::roles::model::RoleName;
use crate::two_factor::model::{RecoveryCode, SecondFactor, TotpCode};

/// Runs every text parser on `input` and checks what each accepts.
pub fn check_text_parsers(input: &str) {
    if let Ok(name) = Username::parse(input) {
        let s = name.as_str();
        assert!(s.len() <= Username::MAX_CHARS, "username too long: {s:?}");
        assert!(s.starts_with(|c: char| c.is_ascii_alphabetic()), "{s:?}");
        assert!(s.chars().all(|c| c.is_ascii_alphanumeric()), "{s:?}");
        assert_eq!(Username::parse(s).as_ref(), Ok(&name), "not idempotent");
    }
    if let Ok(email) = Email::parse(input) {
        let s = email.as_str();
        assert_eq!(s.matches('@').count(), 1, "{s:?}");
        assert!(s.chars().count() <= Email::MAX_CHARS, "{s:?}");
        assert!(
            !s.chars().any(|c| c.is_whitespace() || c.is_control()),
            "{s:?}"
        );
        assert_eq!(Email::parse(s).as_ref(), Ok(&email), "not idempotent");
    }
    if NewPassword::parse(input).is_ok() {
        // Passwords are checked, never changed: the rules hold for the input itself.
        assert!(input.chars().count() >= NewPassword::MIN_CHARS, "{input:?}");
        assert!(input.len() <= NewPassword::MAX_BYTES);
        assert!(!input.contains(NewPassword::FORBIDDEN), "{input:?}");
    }
    check_short_text(
        PersonName::parse(input).map(|n| n.as_str().to_owned()),
        PersonName::MAX_CHARS,
    );
    check_short_text(
        DepartmentName::parse(input).map(|n| n.as_str().to_owned()),
        DepartmentName::MAX_CHARS,
    );
    check_short_text(
        RoleName::parse(input).map(|n| n.as_str().to_owned()),
        RoleName::MAX_CHARS,
    );
    if let Ok(text) = DepartmentDescription::parse(input) {
        let s = text.as_str();
        assert!(s.chars().count() <= DepartmentDescription::MAX_CHARS);
        assert!(!s.contains('\r'), "{s:?}");
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{s:?}"
        );
    }
    if let Ok(code) = TotpCode::parse(input) {
        assert_eq!(code.as_str().len(), TotpCode::DIGITS);
        assert!(code.as_str().bytes().all(|b| b.is_ascii_digit()));
    }
    if let Ok(code) = RecoveryCode::parse(input) {
        assert_eq!(RecoveryCode::parse(&code.display()).as_ref(), Ok(&code));
        assert_eq!(code.normalized().len(), RecoveryCode::LEN);
    }
    // Either kind of second factor, or a message; never a panic.
    let _ = SecondFactor::parse(input);
}

fn check_short_text(
    parsed: Result<String, crate::kernel::validation::ValidationError>,
    max_chars: usize,
) {
    if let Ok(s) = parsed {
        assert!(!s.is_empty() && s.chars().count() <= max_chars, "{s:?}");
        assert_eq!(s.trim(), s, "not trimmed: {s:?}");
        assert!(!s.chars().any(char::is_control), "{s:?}");
    }
}

/// Invitation (and reset) token decoding: only what `generate` makes is accepted.
#[cfg(feature = "ssr")]
pub fn check_token_decoding(input: &str) {
    use crate::kernel::token::SecretToken;
    if let Some(token) = SecretToken::parse(input) {
        assert_eq!(token.expose(), input);
        assert_eq!(input.len(), 43);
        let hash = token.hash();
        assert_eq!(hash.len(), 64);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}

/// Runs every check on raw bytes, as a fuzzer hands them over.
pub fn check_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_text_parsers(&text);
    #[cfg(feature = "ssr")]
    check_token_decoding(&text);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every file of the committed corpus, through every check.
    #[test]
    fn the_fixed_corpus_passes_every_check() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
        let mut files = 0;
        for target in std::fs::read_dir(&dir).expect("fuzz/corpus exists") {
            for entry in std::fs::read_dir(target.expect("entry").path()).expect("corpus dir") {
                let data = std::fs::read(entry.expect("file").path()).expect("readable");
                check_bytes(&data);
                files += 1;
            }
        }
        assert!(files >= 20, "the corpus has only {files} files");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn generated_tokens_decode_and_nothing_else_of_their_length_does() {
        use crate::kernel::token::SecretToken;
        for _ in 0..100 {
            let token = SecretToken::generate();
            check_token_decoding(token.expose());
            assert!(SecretToken::parse(token.expose()).is_some());
        }
        assert!(SecretToken::parse(&"!".repeat(43)).is_none());
        assert!(SecretToken::parse(&"A".repeat(44)).is_none());
    }

    proptest! {
        // A fixed seed: the same 2,000 cases on every run, so the suite is deterministic. The
        // open-ended search is `cargo fuzz` (see the README).
        #![proptest_config(ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5747_4446_4553_4b00),
            ..ProptestConfig::default()
        })]

        #[test]
        fn any_text_keeps_every_parser_invariant(input in any::<String>()) {
            check_text_parsers(&input);
        }

        #[test]
        fn any_bytes_keep_every_invariant(data in proptest::collection::vec(any::<u8>(), 0..300)) {
            check_bytes(&data);
        }

        #[test]
        fn text_shaped_like_real_input_keeps_every_invariant(
            input in "[ \\t\\r\\na-zA-Z0-9@._<>&'\"-]{0,80}|[a-z][a-z0-9]{0,70}|[0-9 ]{0,9}|[0-9a-zA-Z -]{0,24}|[a-zA-Z0-9_-]{43}"
        ) {
            check_bytes(input.as_bytes());
        }

        #[test]
        fn usernames_of_letters_and_digits_are_accepted(name in "[a-zA-Z][a-zA-Z0-9]{0,63}") {
            prop_assert!(Username::parse(&name).is_ok());
        }

        #[test]
        fn recovery_codes_parse_however_they_are_typed(raw in "[0-9a-hjkmnp-tv-z]{16}") {
            let grouped = format!("{}-{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12], &raw[12..16]);
            let a = RecoveryCode::parse(&raw.to_uppercase());
            let b = RecoveryCode::parse(&grouped);
            prop_assert!(a.is_ok());
            prop_assert_eq!(a, b);
        }
    }
}
