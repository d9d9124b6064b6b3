//! Periodic jobs: noticing expired invitations for the audit trail, closing tickets that waited
//! too long for their requester, clearing attachment writes a crash interrupted, emailing
//! announcements to clients a batch at a time, and pruning the auth change log. Safe to run on
//! every node at once: each expiry, each closing and each batch is claimed by a conditional update
//! and recorded once.

use std::time::Duration;

use std::sync::Arc;

use app::kernel::settings::Settings;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

/// Emails per transaction when mailing an announcement to clients.
const ANNOUNCEMENT_BATCH: u64 = 200;

/// Batches per run, so one large mailing leaves room for the other jobs; the next run goes on.
const ANNOUNCEMENT_BATCHES_PER_RUN: usize = 25;

/// Queues due announcement emails, a batch per transaction.
async fn mail_announcements(db: &DatabaseConnection, settings: &Settings) {
    let mut queued = 0;
    for _ in 0..ANNOUNCEMENT_BATCHES_PER_RUN {
        match app::announcements::service::mail_batch(
            db,
            chrono::Utc::now(),
            settings,
            ANNOUNCEMENT_BATCH,
        )
        .await
        {
            Ok(Some(n)) => queued += n,
            Ok(None) => break,
            Err(err) => {
                tracing::warn!(error = %err, "announcement mailing failed");
                break;
            }
        }
    }
    if queued > 0 {
        tracing::info!(emails = queued, "queued announcement emails");
    }
}

pub async fn run(db: DatabaseConnection, settings: Arc<Settings>, mut stop: watch::Receiver<bool>) {
    // `server.jobs_every_seconds`, 60 by default.
    let every = Duration::from_secs(settings.server.jobs_every_seconds.clamp(1, 3600));
    // The first run waits a full period instead of racing the server's own start.
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
        match app::invitations::service::record_expired_invitations(&db, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(invitations = n, "recorded expired invitations"),
            Err(err) => tracing::warn!(error = %err, "expiry job failed"),
        }
        let attachments = app::tickets::attachments::directory(&settings.server.data_dir);
        let swept = tokio::task::spawn_blocking(move || {
            app::tickets::attachments::sweep_partials(&attachments)
        })
        .await
        .unwrap_or(0);
        if swept > 0 {
            tracing::info!(files = swept, "removed interrupted attachment writes");
        }
        let desk = app::tickets::service::Desk::from_settings(&settings);
        match app::tickets::autoclose::close_answered(
            &db,
            &desk,
            chrono::Utc::now(),
            settings.tickets.auto_close_hours,
        )
        .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(tickets = n, "closed answered tickets"),
            Err(err) => tracing::warn!(error = %err, "auto-close job failed"),
        }
        match app::clients::service::mark_overdue(&db, chrono::Utc::now().date_naive()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                invoices = n,
                "marked unpaid invoices past their due date overdue"
            ),
            Err(err) => tracing::warn!(error = %err, "overdue invoice job failed"),
        }
        mail_announcements(&db, &settings).await;
        if let Err(err) = app::kernel::auth_cache::prune_log(&db).await {
            tracing::warn!(error = %err, "cannot prune the auth change log");
        }
    }
}
