//! Measures the dashboard and the Activity Log on SQLite seeded with 100,000 audit events:
//! the median server time of one dashboard load and its query count, and the first and the
//! last Activity Log page (keyset pagination makes them cost the same).
//! Run with `cargo run --release -p server --example dashboard_load`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use app::audit::model::AuditFilter;
use app::audit::service as audit;
use app::kernel::audit::Action;
use app::kernel::audit::{Actor, Event};
use app::kernel::settings::Settings;
use sea_orm::TransactionTrait;

const EVENTS: usize = 100_000;
const RUNS: usize = 51;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("staffdesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut settings = Settings::default();
    settings.server.data_dir = dir.clone();
    let mut db = server::db::connect(&settings).await.expect("database");
    server::db::migrate(&db).await.expect("migrations");

    let hasher = app::kernel::password::Hasher::for_this_machine();
    let input = app::auth::service::NewAdmin::parse(
        "bench",
        "bench@example.com",
        "Bench",
        "Admin",
        "a reasonably long passphrase",
        "full_administrator",
    )
    .expect("admin");
    let admin = app::auth::service::create_admin(&db, &hasher, chrono::Utc::now(), input)
        .await
        .expect("create admin");
    let seeding = Instant::now();
    let actor = Actor::anonymous("198.51.100.7", "bench");
    let start = chrono::Utc::now() - chrono::Duration::days(90);
    for batch in 0..(EVENTS / 1000) {
        let txn = db.begin().await.expect("txn");
        for i in 0..1000 {
            let n = batch * 1000 + i;
            let at = start + chrono::Duration::seconds(i64::try_from(n).unwrap_or(0) * 77);
            let action = if n % 3 == 0 {
                Action::LoginFailed
            } else {
                Action::DepartmentUpdated
            };
            let event = Event::new(action, None).after(serde_json::json!({ "n": n }));
            app::kernel::audit::record(&txn, at, &actor, event)
                .await
                .expect("seed");
        }
        txn.commit().await.expect("commit");
    }
    println!(
        "seeded {EVENTS} audit events in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    let viewer = app::auth::service::load_current(&db, admin.id)
        .await
        .expect("load")
        .expect("admin");
    let mut times = Vec::with_capacity(RUNS);
    let mut per_load = 0;
    for _ in 0..RUNS {
        let before = queries.load(Ordering::Relaxed);
        let t = Instant::now();
        let dashboard =
            app::dashboard::service::load(&db, &Default::default(), &viewer, chrono::Utc::now())
                .await
                .expect("dashboard");
        times.push(t.elapsed());
        per_load = queries.load(Ordering::Relaxed) - before;
        assert_eq!(dashboard.activity.map(|a| a.len()), Some(10));
    }
    println!(
        "dashboard (Full Administrator, every widget): median {:.2} ms, {per_load} queries",
        median(times).as_secs_f64() * 1000.0
    );

    let filter = AuditFilter::default();
    let mut first = Vec::new();
    let mut last = Vec::new();
    let oldest = {
        let mut before = None;
        let mut last_page_before = None;
        loop {
            let (_, next) = audit::page(&db, &filter, before, 50).await.expect("page");
            match next {
                Some(n) => {
                    last_page_before = before;
                    before = Some(n);
                }
                None => break before.or(last_page_before),
            }
        }
    };
    for _ in 0..RUNS {
        let t = Instant::now();
        audit::page(&db, &filter, None, 50)
            .await
            .expect("first page");
        first.push(t.elapsed());
        let t = Instant::now();
        audit::page(&db, &filter, oldest, 50)
            .await
            .expect("last page");
        last.push(t.elapsed());
    }
    let (first, last) = (median(first), median(last));
    println!(
        "activity log, 50 rows: first page {:.2} ms, last page {:.2} ms (ratio {:.2})",
        first.as_secs_f64() * 1000.0,
        last.as_secs_f64() * 1000.0,
        last.as_secs_f64() / first.as_secs_f64()
    );
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}
