//! Prometheus metrics, served on their own address (`server.metrics_listen`, off by default) so
//! they never share the public port: requests by route and status with latency histograms, the
//! database pool, the outbox's depth and age, login failures and active bans.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use prometheus::{
    Encoder, Gauge, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

/// One node's metrics.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_open: IntGauge,
    pool_idle: IntGauge,
    outbox_depth: IntGauge,
    outbox_oldest: Gauge,
    login_failures: IntGauge,
    bans: IntGauge,
}

impl Metrics {
    pub fn new() -> Arc<Self> {
        let registry =
            Registry::new_custom(Some("staffdesk".into()), None).expect("a fixed prefix is valid");
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests by method, route and status",
            ),
            &["method", "route", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time to the response head, by route",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["route"],
        )
        .expect("valid metric");
        let gauge = |name: &str, help: &str| IntGauge::new(name, help).expect("valid metric");
        let metrics = Self {
            pool_open: gauge("db_pool_connections", "Open database connections"),
            pool_idle: gauge("db_pool_idle_connections", "Idle database connections"),
            outbox_depth: gauge("outbox_pending", "Emails waiting in the outbox"),
            outbox_oldest: Gauge::new(
                "outbox_oldest_pending_seconds",
                "Age of the oldest email waiting in the outbox",
            )
            .expect("valid metric"),
            login_failures: gauge("login_failures_last_hour", "Failed logins in the last hour"),
            bans: gauge("ip_bans_active", "IP addresses banned now"),
            requests,
            latency,
            registry,
        };
        for collector in [
            Box::new(metrics.requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(metrics.latency.clone()),
            Box::new(metrics.pool_open.clone()),
            Box::new(metrics.pool_idle.clone()),
            Box::new(metrics.outbox_depth.clone()),
            Box::new(metrics.outbox_oldest.clone()),
            Box::new(metrics.login_failures.clone()),
            Box::new(metrics.bans.clone()),
        ] {
            metrics
                .registry
                .register(collector)
                .expect("each metric once");
        }
        Arc::new(metrics)
    }

    /// The text exposition, with the gauges read from the database now.
    pub async fn render(&self, db: &DatabaseConnection) -> String {
        use app::entities::{ip_ban, login_failure, mail_outbox};
        let (open, idle) = match db.get_database_backend() {
            DbBackend::Sqlite => {
                let pool = db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            DbBackend::Postgres => {
                let pool = db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => (0, 0),
        };
        self.pool_open.set(i64::from(open));
        self.pool_idle.set(i64::try_from(idle).unwrap_or(i64::MAX));
        let now = Utc::now();
        let pending = mail_outbox::Entity::find().filter(mail_outbox::Column::SentAt.is_null());
        if let Ok(n) = pending.clone().count(db).await {
            self.outbox_depth.set(i64::try_from(n).unwrap_or(i64::MAX));
        }
        if let Ok(oldest) = pending
            .order_by_asc(mail_outbox::Column::CreatedAt)
            .one(db)
            .await
        {
            self.outbox_oldest.set(oldest.map_or(0.0, |m| {
                (now - m.created_at).num_milliseconds().max(0) as f64 / 1000.0
            }));
        }
        if let Ok(n) = login_failure::Entity::find()
            .filter(login_failure::Column::At.gte(now - chrono::Duration::hours(1)))
            .count(db)
            .await
        {
            self.login_failures
                .set(i64::try_from(n).unwrap_or(i64::MAX));
        }
        if let Ok(n) = ip_ban::Entity::find()
            .filter(ip_ban::Column::BannedUntil.gt(now))
            .filter(ip_ban::Column::LiftedAt.is_null())
            .count(db)
            .await
        {
            self.bans.set(i64::try_from(n).unwrap_or(i64::MAX));
        }
        let mut out = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The route a request is counted under: its pattern (never the raw path, whose ids would make
/// a series per ticket), each server function by name, and everything else as `unmatched`.
fn route_of(req: &Request) -> String {
    let path = req.uri().path();
    if crate::security::is_server_function(path) && path.len() <= 120 {
        return path.to_owned();
    }
    req.extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned())
}

/// Counts and times every request.
pub async fn record(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let route = route_of(&req);
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let res = next.run(req).await;
    metrics
        .latency
        .with_label_values(&[route.as_str()])
        .observe(started.elapsed().as_secs_f64());
    metrics
        .requests
        .with_label_values(&[method.as_str(), route.as_str(), res.status().as_str()])
        .inc();
    res
}

/// `GET /metrics` on the metrics address.
pub async fn serve_metrics(
    State((metrics, db)): State<(Arc<Metrics>, DatabaseConnection)>,
) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        metrics.render(&db).await,
    )
        .into_response()
}
