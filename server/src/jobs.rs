//! Periodic jobs: noticing expired invitations for the audit trail, closing tickets that waited
//! too long for their requester, and clearing attachment writes a crash interrupted. Safe to run on every node at once: each expiry and each
//! closing is claimed by a conditional update and recorded once.

use std::time::Duration;

use std::sync::Arc;

use app::kernel::settings::Settings;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

/// How often the jobs run.
pub const EVERY: Duration = Duration::from_secs(60);

pub async fn run(db: DatabaseConnection, settings: Arc<Settings>, mut stop: watch::Receiver<bool>) {
    // The first run waits a full period instead of racing the server's own start.
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + EVERY, EVERY);
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
    }
}
