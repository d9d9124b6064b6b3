//! argon2id hashing off the async runtime, on low-priority threads, behind a semaphore so a login
//! flood can neither exhaust memory nor take CPU time from pages.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::{Output, PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use super::credentials::NewPassword;

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

/// argon2 working memory (19 MiB each) kept between verifications. Allocating it per login made
/// glibc keep one copy per blocking thread: a wrong-password flood grew the server to ~440 MiB.
/// With the pool, memory stays at one buffer per permit.
#[derive(Default)]
struct MemoryPool {
    buffers: Mutex<Vec<Vec<Block>>>,
}

impl MemoryPool {
    fn take(&self, blocks: usize) -> Vec<Block> {
        let pooled = self.buffers.lock().ok().and_then(|mut b| b.pop());
        match pooled {
            Some(buffer) if buffer.len() >= blocks => buffer,
            _ => vec![Block::default(); blocks],
        }
    }

    fn give(&self, buffer: Vec<Block>, keep_at_most: usize) {
        if let Ok(mut buffers) = self.buffers.lock()
            && buffers.len() < keep_at_most
        {
            buffers.push(buffer);
        }
    }
}

/// Checks `password` against a PHC string with the hash's own parameters, using pooled memory.
/// The final comparison is `Output`'s constant-time equality.
fn verify_with_pool(password: &[u8], phc: &str, pool: &MemoryPool, keep: usize) -> bool {
    let Ok(parsed) = argon2::password_hash::PasswordHash::new(phc) else {
        return false;
    };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
        parsed.salt,
        parsed.hash,
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let needed = params.block_count();
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    let mut memory = pool.take(needed);
    let computed =
        argon.hash_password_into_with_memory(password, salt, &mut out, &mut memory[..needed]);
    pool.give(memory, keep);
    computed.is_ok() && Output::new(&out).is_ok_and(|o| o == expected)
}

/// Work handed to a hashing thread.
type Job = Box<dyn FnOnce() + Send>;

/// The threads that hash, at the lowest priority of normal scheduling (Linux `SCHED_BATCH` at nice
/// 19): page work always wins the CPU, so a flood of logins cannot slow other pages down, while a
/// hash still gets a small share of a busy machine (the idle class could starve logins outright).
/// The threads end when the last `Hasher` clone is dropped.
struct HashThreads {
    jobs: std::sync::mpsc::Sender<Job>,
}

impl HashThreads {
    fn start(count: usize) -> Option<Self> {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        let mut started = 0;
        for n in 0..count {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("password-hash-{n}"))
                .spawn(move || {
                    lower_priority();
                    loop {
                        let job = match queue.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        match job {
                            // A panicking hash fails its own request, not this thread.
                            Ok(job) => {
                                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                            }
                            Err(_) => return,
                        }
                    }
                });
            match spawned {
                Ok(_) => started += 1,
                Err(err) => tracing::error!(error = %err, "cannot start a password hashing thread"),
            }
        }
        (started > 0).then_some(Self { jobs })
    }
}

/// Gives the calling thread the lowest normal priority; on failure it stays as it was.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        use thread_priority::{
            NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy,
            set_thread_priority_and_policy, thread_native_id,
        };
        if let Err(err) = set_thread_priority_and_policy(
            thread_native_id(),
            ThreadPriority::Min,
            ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Batch),
        ) {
            tracing::warn!(error = ?err, "password hashing keeps normal priority");
        }
    }
    #[cfg(not(target_os = "linux"))]
    if let Err(err) =
        thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min)
    {
        tracing::warn!(error = ?err, "password hashing keeps normal priority");
    }
}

/// Shared by every request: limits concurrent hashes, runs them on low-priority threads, and holds
/// the dummy hash for unknown users.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    concurrency: usize,
    wait: Duration,
    dummy: PasswordHash,
    pool: Arc<MemoryPool>,
    threads: Option<Arc<HashThreads>>,
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
            concurrency: concurrency.max(1),
            wait,
            dummy,
            pool: Arc::default(),
            threads: HashThreads::start(concurrency.max(1)).map(Arc::new),
        }
    }

    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        // One core stays free for everything else, so a flood of logins cannot slow other pages
        // down much: on 2 cores one hash runs at a time.
        Self::new(cores.saturating_sub(1).clamp(1, 4), Duration::from_secs(2))
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| HashError::Busy)?
            .map_err(|_| HashError::Busy)?;
        let Some(threads) = &self.threads else {
            // No hashing thread could be started: hash on tokio's blocking threads instead.
            return tokio::task::spawn_blocking(move || {
                let out = work();
                drop(permit);
                out
            })
            .await
            .map_err(|e| HashError::Failed(e.to_string()));
        };
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            // A request that gave up while this waited in the queue wants nothing computed.
            if !done.is_closed() {
                let out = work();
                let _ = done.send(out);
            }
            drop(permit);
        });
        threads
            .jobs
            .send(job)
            .map_err(|e| HashError::Failed(e.to_string()))?;
        result.await.map_err(|e| HashError::Failed(e.to_string()))
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
        let pool = self.pool.clone();
        let keep = self.concurrency;
        let ok = self
            .run(move || verify_with_pool(password.as_bytes(), &phc, &pool, keep))
            .await?;
        Ok(exists && ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn hashing_runs_on_its_own_threads_at_the_lowest_priority() {
        use thread_priority::{NormalThreadSchedulePolicy, ThreadSchedulePolicy};
        let hasher = Hasher::new(2, Duration::from_secs(5));
        let (policy, name, stat) = hasher
            .run(|| {
                (
                    thread_priority::thread_schedule_policy().ok(),
                    std::thread::current().name().map(str::to_owned),
                    std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default(),
                )
            })
            .await
            .unwrap();
        assert_eq!(
            policy,
            Some(ThreadSchedulePolicy::Normal(
                NormalThreadSchedulePolicy::Batch
            ))
        );
        assert!(name.is_some_and(|n| n.starts_with("password-hash-")));
        // proc(5): the 19th field is the nice value; fields are counted after the name's ")".
        let nice = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(16))
            .and_then(|n| n.parse::<i32>().ok());
        assert_eq!(nice, Some(19), "{stat}");
    }

    #[tokio::test]
    async fn a_panicking_hash_fails_its_request_and_the_thread_keeps_working() {
        let hasher = Hasher::new(1, Duration::from_secs(5));
        let failed = hasher.run(|| -> u8 { panic!("boom") }).await;
        assert!(matches!(failed, Err(HashError::Failed(_))), "{failed:?}");
        assert_eq!(hasher.run(|| 7).await.unwrap(), 7);
    }

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
    async fn hashes_made_by_the_argon2_crate_with_other_parameters_still_verify() {
        let hasher = Hasher::new(1, Duration::from_secs(5));
        let salt = SaltString::generate(&mut OsRng);
        let params = Params::new(8 * 1024, 3, 1, None).unwrap();
        let older = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"an older passphrase", &salt)
            .unwrap()
            .to_string();
        let stored = PasswordHash::from_stored(older);
        assert!(
            hasher
                .verify("an older passphrase", Some(&stored))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify("an older passphrasf", Some(&stored))
                .await
                .unwrap()
        );
        let garbage = PasswordHash::from_stored("not a phc string".into());
        assert!(
            !hasher
                .verify("anything at all", Some(&garbage))
                .await
                .unwrap()
        );
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
