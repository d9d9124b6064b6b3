//! Prints the median time of one argon2id hash and one verify with Staffdesk's parameters.
//! Run with `cargo run --release -p server --example hash_timing`.

use std::time::{Duration, Instant};

use app::kernel::credentials::NewPassword;
use app::kernel::password::Hasher;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main]
async fn main() {
    let hasher = Hasher::new(1, Duration::from_secs(60));
    let password = NewPassword::parse("a reasonably long passphrase").expect("valid password");
    let runs = 21;
    let mut hash_times = Vec::with_capacity(runs);
    let mut verify_times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let hash = hasher.hash(&password).await.expect("hash");
        hash_times.push(start.elapsed());
        let start = Instant::now();
        assert!(
            hasher
                .verify(password.expose(), Some(&hash))
                .await
                .expect("verify")
        );
        verify_times.push(start.elapsed());
        last = Some(hash);
    }
    drop(last);
    println!("argon2id m=19456 KiB t=2 p=1, {runs} runs");
    println!(
        "hash   median {:>8.1} ms",
        median(hash_times).as_secs_f64() * 1000.0
    );
    println!(
        "verify median {:>8.1} ms",
        median(verify_times).as_secs_f64() * 1000.0
    );
}
