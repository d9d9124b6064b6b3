//! The axum router: Leptos pages and server functions, `/healthz`, static files, and the middleware.

use std::sync::Arc;
use std::time::Duration;

use app::kernel::context::ServerContext;
use app::kernel::settings::Settings;
use app::{App, shell};
use axum::extract::{FromRef, State};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;

use crate::security;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The router's state: everything a handler may need.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// The newest audit event id, polled from the database: the dashboard's change feed.
    pub changes: tokio::sync::watch::Receiver<crate::feeds::Latest>,
    /// Figures shared between requests for a moment (the dashboard's counts).
    pub memo: Arc<app::kernel::memo::Memo>,
    /// Becomes true when the server starts shutting down.
    pub closing: tokio::sync::watch::Receiver<bool>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The app's routes, worked out once per process. Working them out runs the app with resource
/// loading suppressed by a process-wide flag (leptos_server's `SuppressResourceLoad`), and a
/// resource first polled while that flag is up waits forever. One server generates its list
/// before it serves, so alone it is safe; but a second server started in the same process (the
/// test suite starts one per test) would stall the first one's pages. Generating once closes that.
pub fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The name cargo-leptos gives the compiled JS, WASM and CSS.
pub const OUTPUT_NAME: &str = "staffdesk";

pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    let env = std::env::var("LEPTOS_ENV").unwrap_or_else(|_| "PROD".to_owned());
    let reload_port = std::env::var("LEPTOS_RELOAD_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3001);
    let hash_file = crate::assets::hash_file(&settings.server.site_root);
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        // Leptos joins this to the binary's folder; an absolute path stands on its own.
        .hash_files(hash_file.is_some())
        .hash_file(
            hash_file
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "hash.txt".to_owned())
                .into(),
        )
        .site_root(settings.server.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(settings.server.listen)
        .env(env.as_str())
        .reload_port(reload_port)
        .build()
}

pub fn router(
    settings: Arc<Settings>,
    db: DatabaseConnection,
    mail_notify: Arc<tokio::sync::Notify>,
    closing: tokio::sync::watch::Receiver<bool>,
    secret_key: app::kernel::crypto::SecretKey,
    metrics: Arc<crate::metrics::Metrics>,
) -> Router {
    let site = Arc::new(crate::security::SiteOrigin::from_settings(&settings));
    // Checked when the settings load; a bad entry cannot reach this point.
    let proxies = Arc::new(
        app::kernel::client_ip::TrustedProxies::parse(&settings.server.trusted_proxies)
            .unwrap_or_default(),
    );
    // `cargo leptos watch` sets LEPTOS_WATCH; its live-reload script then needs a WebSocket.
    let dev_reload = std::env::var_os("LEPTOS_WATCH").is_some();
    let memo = Arc::new(app::kernel::memo::Memo::default());
    let state = AppState {
        memo: memo.clone(),
        leptos_options: leptos_options(&settings),
        db: db.clone(),
        settings: settings.clone(),
        changes: crate::feeds::watch_changes(db.clone(), memo.clone(), Duration::from_secs(1)),
        closing,
    };
    let error_key = secret_key.clone();
    let context = ServerContext {
        db: db.clone(),
        settings: settings.clone(),
        hasher: app::kernel::password::Hasher::for_this_machine(),
        secret_key,
        mail_notify,
        memo: memo.clone(),
    };
    let auth_cache = app::kernel::auth_cache::AuthCache::default();
    auth_cache.spawn_reader(db.clone(), state.closing.clone());
    let auth_state = crate::auth::AuthState {
        cache: auth_cache.clone(),
        memo: memo.clone(),
        db: db.clone(),
        settings: settings.clone(),
        // The hash list the page renderer was given, found once.
        stylesheet: crate::assets::stylesheet_href(
            state
                .leptos_options
                .hash_files
                .then(|| std::path::Path::new(&*state.leptos_options.hash_file)),
            OUTPUT_NAME,
        )
        .into(),
    };
    let page_context = move || {
        provide_context(context.clone());
        set_page_csp(dev_reload);
    };
    let fallback_context = page_context.clone();
    let routes = route_list();
    let request_id = header::HeaderName::from_static("x-request-id");

    let inner = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/activity/export.csv", get(crate::feeds::export_csv))
        .route("/reports/{key}/export.csv", get(crate::feeds::report_csv))
        .route("/events/dashboard", get(crate::feeds::dashboard_events))
        .route("/sitemap.xml", get(crate::public_pages::sitemap))
        .route(
            app::announcements::pages::FEED,
            get(crate::public_pages::announcements_feed),
        )
        .route(
            "/tickets/{reference}/files/{id}",
            get(crate::files::download),
        )
        .route(
            "/events/tickets/{reference}",
            get(crate::watch::ticket_events),
        )
        .route(
            "/tickets/{reference}/draft",
            axum::routing::post(crate::watch::save_draft),
        )
        .leptos_routes_with_context(&state, routes, page_context, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        // Every routed request (pages, server functions, feeds) is counted and timed.
        .route_layer(middleware::from_fn_with_state(
            metrics,
            crate::metrics::record,
        ))
        .merge(crate::assets::pkg_routes(&settings.server.site_root))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(fallback_context, shell))
        .with_state(state)
        .layer(middleware::from_fn(error_status))
        .layer(middleware::from_fn_with_state(
            security::BodyLimits::from_settings(&settings),
            security::limit_body,
        ))
        .layer(middleware::from_fn_with_state(
            Duration::from_secs(settings.server.request_timeout_seconds),
            security::request_timeout,
        ))
        .layer(middleware::from_fn_with_state(
            db.clone(),
            crate::public_pages::validate,
        ))
        .layer(middleware::from_fn_with_state(
            auth_state,
            crate::auth::authenticate,
        ));
    // Each area reads only its own session cookie: the Client Area's under `/client`, the staff
    // area's everywhere else.
    let staff = inner.clone().layer(crate::auth::session_layer(
        &settings,
        db.clone(),
        auth_cache.clone(),
        app::kernel::PrincipalKind::Staff,
    ));
    let client = inner.layer(crate::auth::session_layer(
        &settings,
        db,
        auth_cache,
        app::kernel::PrincipalKind::ClientUser,
    ));
    let areas = tower::service_fn(move |req: axum::extract::Request| {
        use tower::ServiceExt;
        let area = if crate::auth::in_client_area(req.uri().path()) {
            client.clone()
        } else {
            staff.clone()
        };
        area.oneshot(req)
    });
    Router::new()
        .fallback_service(areas)
        .layer(middleware::from_fn_with_state(proxies, security::client_address))
        .layer(middleware::from_fn_with_state(error_key, security::sign_form_errors))
        .layer(middleware::from_fn_with_state(site.clone(), security::refuse_cross_site))
        .layer(middleware::from_fn_with_state(site, security::security_headers))
        // Pages and server-function answers, compressed for browsers that accept it. The default
        // predicate leaves event streams (`/events/*` must stream unbuffered), images and tiny
        // bodies alone; precompressed assets already carry their encoding.
        .layer(CompressionLayer::new())
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http().make_span_with(move |req: &Request<_>| {
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", id = %id, method = %req.method(), path = %scrub_path(req.uri().path()))
            }),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// The largest error body `error_status` reads; an `AppError` is a few hundred bytes.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Gives a server function's error answer the status its `AppError` names (401, 403, 404, 409,
/// 422, 503 …). Server functions only return the error, and the framework answers every error
/// with 500 and the error as JSON, marked with its `serverfnerror` header; this is the one place
/// that sets the status. A plain form post's answer is a redirect carrying the error back to its
/// page, and stays one.
async fn error_status(
    req: Request<axum::body::Body>,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res
            .headers()
            .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // Only an error status: an error is never answered as a success or a redirect.
    if let Ok(err) = serde_json::from_slice::<app::kernel::AppError>(&bytes)
        && (400..=599).contains(&err.status)
        && let Ok(status) = StatusCode::from_u16(err.status)
    {
        parts.status = status;
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Gives the page being rendered its Content-Security-Policy, built around the nonce Leptos put on its scripts.
fn set_page_csp(dev_reload: bool) {
    use leptos::prelude::use_context;
    if let (Some(nonce), Some(options)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) = HeaderValue::from_str(&security::content_security_policy(
        &nonce.to_string(),
        dev_reload,
    )) {
        options.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Paths that carry secrets (invitation and password links) are logged without them.
pub fn scrub_path(path: &str) -> String {
    for prefix in [
        "/invite/",
        "/reset/",
        "/client/invite/",
        "/client/reset/",
        "/client/login-as/",
    ] {
        if let Some(rest) = path.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return format!("{prefix}[redacted]");
        }
    }
    path.to_owned()
}

/// Liveness and readiness in one: 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let ping = tokio::time::timeout(Duration::from_secs(3), state.db.ping()).await;
    match ping {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(serde_json::json!({"status": "ok", "database": "ok"})),
        ),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "health check: database unavailable");
            unavailable()
        }
        Err(_) => {
            tracing::warn!("health check: database ping timed out");
            unavailable()
        }
    }
}

/// Readiness, for a load balancer: the database answers and the server is not shutting down
/// (503 from the moment shutdown begins, so new requests go to other nodes).
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    if *state.closing.borrow() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({"status": "shutting down"})),
        );
    }
    match tokio::time::timeout(Duration::from_secs(3), state.db.ping()).await {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(serde_json::json!({"status": "ready", "database": "ok"})),
        ),
        _ => unavailable(),
    }
}

fn unavailable() -> (StatusCode, Json<serde_json::Value>) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(serde_json::json!({"status": "unavailable", "database": "unavailable"})),
    )
}

#[cfg(test)]
mod tests {
    use super::scrub_path;

    #[test]
    fn invitation_tokens_are_scrubbed_from_logged_paths() {
        assert_eq!(scrub_path("/invite/abcDEF123_-"), "/invite/[redacted]");
        assert_eq!(scrub_path("/reset/xyz"), "/reset/[redacted]");
        assert_eq!(scrub_path("/departments"), "/departments");
    }
}
