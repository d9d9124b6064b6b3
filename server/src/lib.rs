//! Staffdesk's server: settings, database, router and the serve loop, usable from the CLI and from tests.

pub mod assets;
pub mod auth;
pub mod bootstrap;
pub mod db;
pub mod feeds;
pub mod files;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod public_pages;
pub mod security;
pub mod seed;
pub mod settings;
pub mod watch;

use std::sync::Arc;

use app::kernel::settings::Settings;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

/// Serves until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    settings: Arc<Settings>,
    db: DatabaseConnection,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let secret_key = settings::secret_key(&settings).map_err(std::io::Error::other)?;
    let notify = Arc::new(tokio::sync::Notify::new());
    let mailer = mail::Mailer::from_settings(&settings).map_err(std::io::Error::other)?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let jobs = tokio::spawn(jobs::run(db.clone(), settings.clone(), stop_rx.clone()));
    let worker = settings.mail.worker.then(|| {
        tokio::spawn(mail::run_worker(
            db.clone(),
            Arc::new(mailer),
            notify.clone(),
            stop_rx,
        ))
    });
    // Long-lived responses (the dashboard's event streams) end when shutdown begins, so the
    // graceful shutdown does not wait for them forever.
    let (closing_tx, closing_rx) = tokio::sync::watch::channel(false);
    let metrics = metrics::Metrics::new();
    // Metrics on their own address, when configured: never on the public port.
    let metrics_server = match settings.server.metrics_listen.trim() {
        "" => None,
        address => {
            let listener = TcpListener::bind(address).await?;
            let routes = axum::Router::new()
                .route("/metrics", axum::routing::get(metrics::serve_metrics))
                .with_state((metrics.clone(), db.clone()));
            let mut stop = stop_tx.subscribe();
            Some(tokio::spawn(async move {
                let _ = axum::serve(listener, routes)
                    .with_graceful_shutdown(async move {
                        let _ = stop.changed().await;
                    })
                    .await;
            }))
        }
    };
    let app = http::router(settings, db, notify, closing_rx, secret_key, metrics);
    let result = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        let _ = closing_tx.send(true);
    })
    .await;
    let _ = stop_tx.send(true);
    if let Some(worker) = worker {
        let _ = worker.await;
    }
    let _ = jobs.await;
    if let Some(metrics_server) = metrics_server {
        let _ = metrics_server.await;
    }
    result
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
