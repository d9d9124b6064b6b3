//! "Who is asking": the one helper every server function uses to get the admin and check a permission.

use std::sync::Arc;

use leptos::prelude::use_context;

use super::model::CurrentAdmin;
use super::permission::Permission;
use crate::error::{AppError, respond_with};

/// Put into the request's extensions by the server's authentication middleware.
#[derive(Clone, Debug)]
pub struct Authenticated(pub Arc<CurrentAdmin>);

/// The signed-in admin of the current request, if any.
pub fn viewer() -> Option<Arc<CurrentAdmin>> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Authenticated>().map(|a| a.0.clone()))
}

/// The signed-in admin, or 401.
pub fn current_admin() -> Result<Arc<CurrentAdmin>, AppError> {
    viewer().ok_or_else(|| respond_with(AppError::unauthenticated()))
}

/// The signed-in admin holding `permission`, or 401 / 403.
pub fn require(permission: Permission) -> Result<Arc<CurrentAdmin>, AppError> {
    let admin = current_admin()?;
    if admin.can(permission) {
        Ok(admin)
    } else {
        Err(respond_with(AppError::forbidden(permission)))
    }
}

/// The value of the cookie `name` among a request's `Cookie` headers.
pub fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
}

/// The caller's IP address (the socket peer, or behind a trusted proxy the client it names) and
/// user agent.
pub async fn client() -> (String, String) {
    let parts = use_context::<http::request::Parts>();
    let ip = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<crate::client_ip::ClientIp>())
        .map(|ip| ip.0.to_string())
        .unwrap_or_default();
    let user_agent = parts
        .and_then(|p| {
            p.headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    (ip, user_agent)
}

/// Logs `admin` in on this request: a new session id, cookie set on the response. The one way to
/// start a session, used by the login form and by invitation acceptance.
pub async fn log_in(
    db: &sea_orm::DatabaseConnection,
    admin: &crate::entities::admin::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    let (ip, user_agent) = client().await;
    super::service::start_session(db, &session, admin, &ip, &user_agent, now)
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))
}

/// Gives this request's session a new id in the admin's session `epoch`, keeping what it holds:
/// after a password change, which may have ended the admin's other sessions (and moved the epoch).
pub async fn rotate_session(epoch: i64) -> Result<(), AppError> {
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    session
        .cycle_id()
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    session
        .insert(super::session_store::EPOCH, epoch)
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))
}

/// The stored hash of this request's session id, if it has one.
pub async fn current_session_hash() -> Option<String> {
    let session: tower_sessions::Session = leptos_axum::extract().await.ok()?;
    session.id().map(|id| super::session_store::hash_id(&id))
}

/// The signed-in admin as the actor of an audit event, with this request's IP and user agent.
pub async fn audit_actor(admin: &CurrentAdmin) -> crate::audit::service::Actor {
    let (ip, user_agent) = client().await;
    crate::audit::service::Actor::admin(admin, &ip, &user_agent)
}
