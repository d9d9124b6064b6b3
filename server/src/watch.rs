//! The ticket page's live side: an event stream per open ticket (`/events/tickets/<reference>`)
//! that sends what is new since the page was loaded and who else has the ticket open, and the
//! draft the page saves while its admin types (`POST /tickets/<reference>/draft`).

use std::convert::Infallible;
use std::time::Duration;

use app::kernel::guard::Authenticated;
use app::kernel::{CurrentAdmin, Permission};
use app::tickets::model::{Activity, MessageBody};
use app::tickets::service::{self, TicketError};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream;

use crate::auth::SessionHold;
use crate::feeds::{guarded, refusal};
use crate::http::AppState;

/// How often an open ticket page counts as present when nothing else happens. Presence lasts
/// `drafts::PRESENT_FOR` (30 s).
const HEARTBEAT: Duration = Duration::from_secs(10);

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Seen {
    seen: i64,
}

/// The activity on a ticket for `viewer`, after marking them present; `None` when the ticket is
/// out of their reach now.
async fn activity(
    state: &AppState,
    viewer: &CurrentAdmin,
    reference: &str,
    seen: i64,
) -> Result<Option<Activity>, sea_orm::DbErr> {
    if !viewer.can(Permission::ViewTickets) {
        return Ok(None);
    }
    let scope = service::scope_of(&state.db, viewer).await?;
    let t = match service::find(&state.db, &scope, reference).await {
        Ok(t) => t,
        Err(TicketError::Db(e)) => return Err(e),
        Err(_) => return Ok(None),
    };
    let now = chrono::Utc::now();
    app::tickets::drafts::touch(&state.db, now, t.id, viewer.id).await?;
    let newer = service::messages_after(&state.db, t.id, seen).await?;
    Ok(Some(Activity {
        newest: newer.last().map_or(seen, |m| m.0),
        messages: newer.into_iter().map(|(_, m)| m).collect(),
        present: app::tickets::drafts::others_present(&state.db, now, t.id, viewer.id).await?,
    }))
}

/// `GET /events/tickets/{reference}?seen=N`: an `activity` event at once, then after every
/// recorded change (at most one a second) and every 10 seconds. The session, the role and the
/// ticket's department are checked again each time.
pub async fn ticket_events(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    Query(Seen { seen }): Query<Seen>,
    auth: Option<Extension<Authenticated>>,
    session: tower_sessions::Session,
) -> Response {
    let (Some(_), Some(hold)) = (auth, SessionHold::of(&session).await.ok().flatten()) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match hold.check(&state.db, &state.settings).await {
        Ok(Some(viewer)) if !viewer.can(Permission::ViewTickets) => {
            return StatusCode::FORBIDDEN.into_response();
        }
        Ok(Some(viewer)) => match activity(&state, &viewer, &reference, seen).await {
            Ok(Some(_)) => {}
            Ok(None) => return StatusCode::NOT_FOUND.into_response(),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        _ => return StatusCode::UNAUTHORIZED.into_response(),
    }
    let feed = (state, hold, reference, seen, false);
    let stream = stream::unfold(
        feed,
        |(mut state, hold, reference, seen, started)| async move {
            if started {
                tokio::select! {
                    changed = state.changes.changed() => if changed.is_err() { return None },
                    _ = state.closing.changed() => return None,
                    () = tokio::time::sleep(HEARTBEAT) => {}
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
                state.changes.borrow_and_update();
            }
            if *state.closing.borrow() {
                return None;
            }
            let viewer = hold.check(&state.db, &state.settings).await.ok()??;
            let activity = activity(&state, &viewer, &reference, seen).await.ok()??;
            let event = sse::Event::default()
                .event("activity")
                .data(serde_json::to_string(&activity).ok()?);
            Some((
                Ok::<_, Infallible>(event),
                (state, hold, reference, seen, true),
            ))
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// `POST /tickets/{reference}/draft?seen=N` with the text as the body: keeps it as the admin's
/// draft, unless they wrote on the ticket after message `seen` (the text was sent meanwhile).
pub async fn save_draft(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    Query(Seen { seen }): Query<Seen>,
    parts: axum::http::request::Parts,
    body: String,
) -> Response {
    let viewer = match guarded(&parts, &[Permission::ViewTickets, Permission::ReplyTickets]) {
        Ok(viewer) => viewer,
        Err(err) => return refusal(&err),
    };
    if body.chars().count() > MessageBody::MAX_CHARS {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let scope = match service::scope_of(&state.db, &viewer).await {
        Ok(scope) => scope,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let saved = app::tickets::drafts::save_unless_sent(
        &state.db,
        chrono::Utc::now(),
        &scope,
        &reference,
        viewer.id,
        seen,
        &body,
    )
    .await;
    match saved {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(TicketError::Db(err)) => {
            tracing::error!(error = %err, "draft not saved");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
