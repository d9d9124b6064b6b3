//! Secret link tokens (invitations, password links, login challenges, and later client-user
//! invitations): 256 bits from the OS CSPRNG, base64url in the link, only the SHA-256 stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// A token as it appears in a link. Not `Serialize`; `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretToken(String);

impl SecretToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts only what `generate` produces: 43 base64url characters decoding to 32 bytes.
    pub fn parse(input: &str) -> Option<Self> {
        if input.len() != 43 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(input).ok()?;
        (bytes.len() == 32).then(|| Self(input.to_owned()))
    }

    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretToken([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_are_256_bit_base64url_and_parse_back() {
        let t = SecretToken::generate();
        assert_eq!(t.expose().len(), 43);
        assert!(
            t.expose()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(SecretToken::parse(t.expose()), Some(t.clone()));
        assert_ne!(SecretToken::generate(), t);
        assert_eq!(t.hash().len(), 64);
        assert_eq!(format!("{t:?}"), "SecretToken([redacted])");
    }

    #[test]
    fn malformed_tokens_are_refused_without_panicking() {
        for bad in [
            "",
            "short",
            &"a".repeat(42),
            &"a".repeat(44),
            &"*".repeat(43),
            &"\u{0}".repeat(43),
            "ñ",
        ] {
            assert_eq!(SecretToken::parse(bad), None, "{bad:?}");
        }
    }
}
