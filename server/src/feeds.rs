//! Responses that are not pages: the Activity Log's CSV export, streamed, and the dashboard's
//! live updates over Server-Sent Events.

use std::convert::Infallible;
use std::time::Duration;

use app::audit::model::AuditFilter;
use app::audit::service as audit;
use app::kernel::Permission;
use app::kernel::audit::{Action, Actor, Event};
use app::kernel::client_ip::ClientIp;
use app::kernel::guard::Authenticated;
use app::kernel::i18n::Lang;
use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, Stream};
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

use crate::auth::SessionHold;
use crate::http::AppState;

/// The shortest time between two refreshes of one dashboard stream.
const MIN_REFRESH_GAP: Duration = Duration::from_secs(1);

/// Rows fetched per database round trip while streaming the export.
const EXPORT_BATCH: u64 = 1000;

fn user_agent(headers: &HeaderMap) -> String {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The kernel's guard (`kernel::guard::require`), as every server function runs it, for a plain
/// handler: the signed-in admin holding every one of `needed`, or the 401 / 403 a server function
/// would give, in the request's language.
pub(crate) fn guarded(
    parts: &axum::http::request::Parts,
    needed: &[Permission],
) -> Result<std::sync::Arc<app::kernel::CurrentAdmin>, app::kernel::AppError> {
    let owner = leptos::prelude::Owner::new();
    owner.with(|| {
        leptos::prelude::provide_context(parts.clone());
        let admin = app::kernel::guard::current_admin()?;
        for permission in needed {
            app::kernel::guard::require(*permission)?;
        }
        Ok(admin)
    })
}

/// A refused request answered with the error's status and its (translated) message.
pub(crate) fn refusal(err: &app::kernel::AppError) -> Response {
    let status = StatusCode::from_u16(err.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        err.message.clone(),
    )
        .into_response()
}

/// Why an export must not run, if it must not. An export is recorded in the viewer's name, so
/// another site must not be able to start one with a link (the session cookie goes along on
/// top-level GETs): browsers say where a request came from, and typed or bookmarked addresses say
/// `none`. A `HEAD` (which axum routes to GET handlers) would record an export nobody received.
fn export_refusal(parts: &axum::http::request::Parts, lang: Lang) -> Option<Response> {
    if parts.method == axum::http::Method::HEAD {
        return Some(
            (
                StatusCode::METHOD_NOT_ALLOWED,
                [(header::ALLOW, "GET")],
                String::new(),
            )
                .into_response(),
        );
    }
    parts
        .headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| site != "same-origin" && site != "none")
        .then(|| {
            let text = app::kernel::i18n::t_in(lang, "audit-export-cross-site", &[]);
            (StatusCode::FORBIDDEN, text).into_response()
        })
}

/// `GET /activity/export.csv?<filters>`: the filtered Activity Log as CSV, newest first. The
/// export itself is recorded first.
pub async fn export_csv(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ClientIp(client)): Extension<ClientIp>,
    parts: axum::http::request::Parts,
    Query(filter): Query<AuditFilter>,
) -> Response {
    let headers = &parts.headers;
    if let Some(refused) = export_refusal(&parts, lang) {
        return refused;
    }
    let admin = match guarded(
        &parts,
        &[Permission::ViewAuditLog, Permission::ExportAuditLog],
    ) {
        Ok(admin) => admin,
        Err(err) => return refusal(&err),
    };
    let actor = Actor::admin(&admin, &client.to_string(), &user_agent(headers));
    let event = Event::new(Action::AuditExported, None)
        .after(serde_json::to_value(&filter).unwrap_or_default());
    if let Err(err) =
        app::kernel::audit::record_alone(&state.db, chrono::Utc::now(), &actor, event).await
    {
        tracing::error!(error = %err, "cannot record the export");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let body = Body::from_stream(csv_stream(state.db.clone(), filter));
    let name = format!(
        "staffdesk-activity-{}.csv",
        chrono::Utc::now().format("%Y%m%d-%H%M%S")
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// The header, then one chunk per batch of rows, walking the keyset so memory stays flat.
fn csv_stream(
    db: DatabaseConnection,
    filter: AuditFilter,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> {
    enum Next {
        Header,
        Before(Option<i64>),
        Done,
    }
    stream::unfold(Next::Header, move |next| {
        let db = db.clone();
        let filter = filter.clone();
        async move {
            match next {
                Next::Header => Some((
                    Ok(Bytes::from_static(audit::CSV_HEADER.as_bytes())),
                    Next::Before(None),
                )),
                Next::Before(before) => {
                    match audit::page(&db, &filter, before, EXPORT_BATCH).await {
                        Ok((rows, more)) => {
                            let chunk: String = rows.iter().map(audit::csv_line).collect();
                            let after = match more {
                                Some(id) => Next::Before(Some(id)),
                                None => Next::Done,
                            };
                            Some((Ok(Bytes::from(chunk)), after))
                        }
                        Err(err) => {
                            tracing::error!(error = %err, "export stopped");
                            Some((Err(std::io::Error::other(err.to_string())), Next::Done))
                        }
                    }
                }
                Next::Done => None,
            }
        }
    })
}

/// The newest audit event id, and when this node first saw it.
#[derive(Clone, Copy, Debug)]
pub struct Latest {
    pub id: i64,
    /// Anything computed after this instant reflects every event up to `id`.
    pub seen_at: std::time::Instant,
}

/// The newest audit event id, polled from the database so every app node sees every change.
/// Each change seen also makes the node's shared figures stale (`memo`).
pub fn watch_changes(
    db: DatabaseConnection,
    memo: std::sync::Arc<app::kernel::memo::Memo>,
    every: Duration,
) -> watch::Receiver<Latest> {
    let (tx, rx) = watch::channel(Latest {
        id: 0,
        seen_at: std::time::Instant::now(),
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if tx.is_closed() {
                break;
            }
            match audit::latest_id(&db).await {
                Ok(latest) => {
                    tx.send_if_modified(|current| {
                        let latest = latest.unwrap_or(0);
                        let changed = current.id != latest;
                        if changed {
                            memo.invalidate();
                            *current = Latest {
                                id: latest,
                                seen_at: std::time::Instant::now(),
                            };
                        }
                        changed
                    });
                }
                Err(err) => tracing::warn!(error = %err, "cannot poll for changes"),
            }
        }
    });
    rx
}

/// `GET /events/dashboard`: the signed-in admin's dashboard as JSON, sent at once and again
/// whenever something is recorded (and at least every 30 s, for "staff online"). The stream ends
/// when the admin is disabled or their session ends.
pub async fn dashboard_events(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    session: tower_sessions::Session,
) -> Response {
    let (Some(_), Some(hold)) = (auth, SessionHold::of(&session).await.ok().flatten()) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let feed = DashboardFeed {
        changes: state.changes.clone(),
        closing: state.closing.clone(),
        db: state.db.clone(),
        memo: state.memo.clone(),
        settings: state.settings.clone(),
        hold,
        sent: None,
        shown: None,
        refreshed: None,
    };
    let stream = stream::unfold(feed, |mut feed| async move {
        let event = feed.next().await?;
        Some((Ok::<_, Infallible>(event), feed))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// How many kinds of change one refresh looks at before it simply reloads everything.
const ACTIONS_PER_REFRESH: u64 = 64;

/// One dashboard stream: what it last sent, and what it has seen of the change feed.
struct DashboardFeed {
    changes: watch::Receiver<Latest>,
    closing: watch::Receiver<bool>,
    db: DatabaseConnection,
    /// Shared with every other stream and page load on this node.
    memo: std::sync::Arc<app::kernel::memo::Memo>,
    settings: std::sync::Arc<app::kernel::settings::Settings>,
    hold: SessionHold,
    /// The JSON last sent.
    sent: Option<String>,
    /// The dashboard last sent, the newest audit event it reflects, and the viewer's permissions
    /// it was loaded for.
    shown: Option<(app::dashboard::model::Dashboard, i64, Vec<Permission>)>,
    refreshed: Option<tokio::time::Instant>,
}

impl DashboardFeed {
    /// The next event to send; `None` ends the stream (shutdown, or the session ended).
    async fn next(&mut self) -> Option<sse::Event> {
        use app::dashboard::service::{Touched, refresh};
        let mut wait = self.refreshed.is_some();
        loop {
            if *self.closing.borrow() {
                return None;
            }
            if wait {
                tokio::select! {
                    changed = self.changes.changed() => if changed.is_err() { return None },
                    _ = self.closing.changed() => return None,
                    () = tokio::time::sleep(Duration::from_secs(30)) => {}
                }
                // At most one refresh a second per stream: a burst of changes (a flood of failed
                // logins writes audit rows) costs one refresh, not one per row.
                if let Some(at) = self.refreshed {
                    tokio::time::sleep_until(at + MIN_REFRESH_GAP).await;
                }
            }
            wait = true;
            self.refreshed = Some(tokio::time::Instant::now());
            let Latest {
                id: mut latest,
                seen_at,
            } = *self.changes.borrow_and_update();
            // Widgets computed since this node saw the newest change are shared, not recomputed;
            // the 30 s tick wants figures no older than a second.
            let fresh_after = seen_at.max(
                std::time::Instant::now()
                    .checked_sub(app::dashboard::service::SHARED_FOR)
                    .unwrap_or(seen_at),
            );
            // Re-checked each time: an ended session, a changed role or a disabled account
            // applies at once.
            let viewer = match self.hold.check(&self.db, &self.settings).await {
                Ok(Some(viewer)) => viewer,
                Ok(None) => return None,
                Err(err) => {
                    tracing::warn!(error = %err, "dashboard refresh failed");
                    continue;
                }
            };
            let (previous, touched) = match self.shown.take() {
                Some((previous, seen, permissions)) if permissions == viewer.permissions => {
                    match self.touched_since(seen, latest).await {
                        Ok(touched) => (previous, touched),
                        Err(err) => {
                            tracing::warn!(error = %err, "dashboard refresh failed");
                            (previous, Touched::ALL)
                        }
                    }
                }
                _ => {
                    // A full load reflects every event up to now; read where "now" is before
                    // loading, since the change feed may not have polled yet.
                    if let Ok(Some(newest)) = audit::latest_id(&self.db).await {
                        latest = latest.max(newest);
                    }
                    (Default::default(), Touched::ALL)
                }
            };
            let now = chrono::Utc::now();
            let refreshed = refresh(
                &self.db,
                &self.memo,
                fresh_after,
                &viewer,
                now,
                previous,
                touched,
            );
            let data = match refreshed.await {
                Ok(data) => data,
                Err(err) => {
                    tracing::warn!(error = %err, "dashboard refresh failed");
                    continue;
                }
            };
            let json = serde_json::to_string(&data).unwrap_or_default();
            self.shown = Some((data, latest, viewer.permissions.clone()));
            if self.sent.as_deref() == Some(json.as_str()) {
                continue;
            }
            self.sent = Some(json.clone());
            return Some(sse::Event::default().event("dashboard").data(json));
        }
    }

    /// The widgets the events after `seen` up to `latest` can have altered; with none (the 30 s
    /// tick), those that time alone changes.
    async fn touched_since(
        &self,
        seen: i64,
        latest: i64,
    ) -> Result<app::dashboard::service::Touched, sea_orm::DbErr> {
        use app::dashboard::service::Touched;
        if latest <= seen {
            return Ok(Touched::BY_TIME);
        }
        let actions = audit::actions_between(&self.db, seen, latest, ACTIONS_PER_REFRESH).await?;
        if actions.len() as u64 >= ACTIONS_PER_REFRESH {
            return Ok(Touched::ALL);
        }
        Ok(Touched::by_keys(actions.iter().map(String::as_str)))
    }
}

/// `GET /reports/<key>/export.csv?<parameters>`: the report's table as CSV, with the same checks
/// as its page (the role sees the report) and the same escaping as the Activity Log's export.
/// The export is recorded.
pub async fn report_csv(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ClientIp(client)): Extension<ClientIp>,
    axum::extract::Path(key): axum::extract::Path<String>,
    parts: axum::http::request::Parts,
    Query(query): Query<app::reports::model::ReportQuery>,
) -> Response {
    use leptos::reactive::computed::ScopedFuture;
    let headers = &parts.headers;
    if let Some(refused) = export_refusal(&parts, lang) {
        return refused;
    }
    let admin = match guarded(&parts, &[Permission::ViewReports]) {
        Ok(admin) => admin,
        Err(err) => return refusal(&err),
    };
    // The report speaks the viewer's language: it runs with this request as its context.
    let owner = leptos::prelude::Owner::new();
    owner.with(|| leptos::prelude::provide_context(parts.clone()));
    let db = state.db.clone();
    let viewer = admin.clone();
    let work = owner.with(|| {
        ScopedFuture::new(async move {
            let prepared = app::reports::api::prepared::prepare(&db, &viewer, &key, &query).await?;
            let output = app::reports::service::run(&db, prepared.kind, &prepared.params).await?;
            Ok::<_, app::kernel::AppError>((prepared, output))
        })
    });
    let (prepared, output) = match work.await {
        Ok(done) => done,
        Err(err) => return refusal(&err),
    };
    let actor = Actor::admin(&admin, &client.to_string(), &user_agent(headers));
    let (from, to) = (
        prepared.params.range.from.to_string(),
        prepared.params.range.to.to_string(),
    );
    let event = Event::new(Action::ReportExported, None).after(serde_json::json!({
        "report": prepared.kind.key(),
        "preset": prepared.query.preset,
        "from": from,
        "to": to,
        "department": prepared.query.department,
        "admin": prepared.query.admin,
    }));
    if let Err(err) =
        app::kernel::audit::record_alone(&state.db, chrono::Utc::now(), &actor, event).await
    {
        tracing::error!(error = %err, "cannot record the export");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let mut body = app::kernel::csv::line(&output.columns);
    for row in &output.rows {
        body.push_str(&app::kernel::csv::line(row));
    }
    let name = format!("staffdesk-{}-{from}-{to}.csv", prepared.kind.key());
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}
