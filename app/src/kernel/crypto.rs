//! The server's secret key and the authenticated encryption of two-factor secrets with it.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// 32 bytes from the settings (or the key file). Cloning shares it; `Debug` is redacted.
#[derive(Clone)]
pub struct SecretKey(Arc<[u8; 32]>);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error(
        "must be 32 bytes encoded as base64 (for example the output of `openssl rand -base64 32`)"
    )]
    Malformed,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the stored secret cannot be decrypted with this key")]
pub struct DecryptError;

impl SecretKey {
    pub fn from_base64(text: &str) -> Result<Self, KeyError> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| KeyError::Malformed)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| KeyError::Malformed)?;
        Ok(Self(Arc::new(key)))
    }

    /// A new random key and its base64 text, for writing to the key file.
    pub fn generate() -> (Self, String) {
        let key = XChaCha20Poly1305::generate_key(&mut OsRng);
        let text = STANDARD.encode(key);
        let bytes: [u8; 32] = key.into();
        (Self(Arc::new(bytes)), text)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }

    /// Encrypts `plain`, bound to `context` (such as the admin it belongs to): base64 of nonce and
    /// ciphertext. A ciphertext moved to another context does not decrypt.
    pub fn seal(&self, context: &str, plain: &[u8]) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: plain,
            aad: context.as_bytes(),
        };
        // Encryption fails only for messages longer than the cipher allows (256 GiB).
        let sealed = self.cipher().encrypt(&nonce, payload).unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        STANDARD.encode(out)
    }

    pub fn open(&self, context: &str, stored: &str) -> Result<Vec<u8>, DecryptError> {
        let bytes = STANDARD.decode(stored).map_err(|_| DecryptError)?;
        if bytes.len() < 24 {
            return Err(DecryptError);
        }
        let (nonce, sealed) = bytes.split_at(24);
        self.cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| DecryptError)
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secret_opens_only_with_its_key_and_context() {
        let (key, text) = SecretKey::generate();
        let sealed = key.seal("two_factor 7", b"secret bytes");
        assert!(!sealed.contains("secret"));
        assert_eq!(
            key.open("two_factor 7", &sealed),
            Ok(b"secret bytes".to_vec())
        );
        assert_eq!(key.open("two_factor 8", &sealed), Err(DecryptError));
        let (other, _) = SecretKey::generate();
        assert_eq!(other.open("two_factor 7", &sealed), Err(DecryptError));
        let same = SecretKey::from_base64(&text).map(|k| k.open("two_factor 7", &sealed));
        assert_eq!(same, Ok(Ok(b"secret bytes".to_vec())));
    }

    #[test]
    fn two_sealings_of_one_secret_differ() {
        let (key, _) = SecretKey::generate();
        assert_ne!(key.seal("c", b"same"), key.seal("c", b"same"));
    }

    #[test]
    fn key_must_be_32_bytes_of_base64() {
        assert_eq!(
            SecretKey::from_base64("c2hvcnQ=").map(|_| ()),
            Err(KeyError::Malformed)
        );
        assert_eq!(
            SecretKey::from_base64("not base64!").map(|_| ()),
            Err(KeyError::Malformed)
        );
        assert!(format!("{:?}", SecretKey::generate().0).contains("redacted"));
    }
}
