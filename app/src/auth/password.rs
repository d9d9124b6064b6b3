//! argon2id hashing off the async runtime, behind a semaphore so a login flood cannot exhaust memory.

use std::sync::Arc;
use std::time::Duration;

use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use super::model::NewPassword;

/// A stored PHC string. Not `Serialize`; `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn from_stored(phc: String) -> Self {
        Self(phc)
    }

    pub fn as_phc(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash([redacted])")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HashError {
    #[error("password hashing is saturated")]
    Busy,
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// OWASP's argon2id parameters: m = 19456 KiB, t = 2, p = 1.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Shared by every request: limits concurrent hashes and holds the dummy hash for unknown users.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    wait: Duration,
    dummy: PasswordHash,
}

impl Hasher {
    /// `concurrency` hashes at once (the number of cores, capped at 4); waits up to `wait` for a turn.
    pub fn new(concurrency: usize, wait: Duration) -> Self {
        let salt = SaltString::generate(&mut OsRng);
        let dummy = argon2()
            .hash_password(b"staffdesk dummy password for unknown users", &salt)
            .map(|h| PasswordHash(h.to_string()))
            .expect("hashing a constant password succeeds");
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            wait,
            dummy,
        }
    }

    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        Self::new(cores.min(4), Duration::from_secs(2))
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| HashError::Busy)?
            .map_err(|_| HashError::Busy)?;
        let result = tokio::task::spawn_blocking(move || {
            let out = work();
            drop(permit);
            out
        })
        .await
        .map_err(|e| HashError::Failed(e.to_string()))?;
        Ok(result)
    }

    pub async fn hash(&self, password: &NewPassword) -> Result<PasswordHash, HashError> {
        let password = password.expose().to_owned();
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| PasswordHash(h.to_string()))
                .map_err(|e| HashError::Failed(e.to_string()))
        })
        .await?
    }

    /// Verifies against the stored hash, or against the dummy hash when there is no account,
    /// so both cases cost the same.
    pub async fn verify(
        &self,
        password: &str,
        stored: Option<&PasswordHash>,
    ) -> Result<bool, HashError> {
        let exists = stored.is_some();
        let phc = stored.unwrap_or(&self.dummy).0.clone();
        let password = password.to_owned();
        let ok = self
            .run(move || {
                argon2::password_hash::PasswordHash::new(&phc)
                    .map(|parsed| {
                        argon2()
                            .verify_password(password.as_bytes(), &parsed)
                            .is_ok()
                    })
                    .unwrap_or(false)
            })
            .await?;
        Ok(exists && ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_is_an_argon2id_phc_string_with_owasp_parameters_and_verifies() {
        let hasher = Hasher::new(1, Duration::from_secs(5));
        let pw = NewPassword::parse("a perfectly fine passphrase").unwrap();
        let hash = hasher.hash(&pw).await.unwrap();
        assert!(
            hash.as_phc().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{}",
            hash.as_phc()
        );
        assert!(
            hasher
                .verify("a perfectly fine passphrase", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify("a perfectly fine passphrasE", Some(&hash))
                .await
                .unwrap()
        );
        assert_eq!(format!("{hash:?}"), "PasswordHash([redacted])");
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        let hasher = Hasher::new(1, Duration::from_secs(5));
        assert!(
            !hasher
                .verify("staffdesk dummy password for unknown users", None)
                .await
                .unwrap()
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_saturated_hasher_answers_busy_instead_of_queueing_forever() {
        let hasher = Hasher::new(1, Duration::from_millis(50));
        let permit = hasher.permits.clone().acquire_owned().await.unwrap();
        assert_eq!(
            hasher.verify("whatever it is", None).await,
            Err(HashError::Busy)
        );
        drop(permit);
        assert_eq!(hasher.verify("whatever it is", None).await, Ok(false));
    }
}
