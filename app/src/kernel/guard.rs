//! "Who is asking": the helpers every server function uses to get the signed-in admin, check a
//! permission, and name the actor of an audit event.

use std::sync::Arc;

use leptos::prelude::use_context;

use super::error::AppError;
use super::identity::{CurrentAdmin, CurrentUser};
use super::permission::{ClientPermission, Permission};

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
    viewer().ok_or_else(AppError::unauthenticated)
}

/// The signed-in admin holding `permission`, or 401 / 403.
pub fn require(permission: Permission) -> Result<Arc<CurrentAdmin>, AppError> {
    let admin = current_admin()?;
    if admin.can(permission) {
        Ok(admin)
    } else {
        Err(AppError::forbidden(permission))
    }
}

/// Put into the request's extensions by the middleware for a signed-in Client Area user.
#[derive(Clone, Debug)]
pub struct UserAuthenticated(pub Arc<CurrentUser>);

/// The signed-in Client Area user of the current request, if any.
pub fn user_viewer() -> Option<Arc<CurrentUser>> {
    use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .extensions
            .get::<UserAuthenticated>()
            .map(|u| u.0.clone())
    })
}

/// The signed-in Client Area user, or 401.
pub fn current_user() -> Result<Arc<CurrentUser>, AppError> {
    user_viewer().ok_or_else(AppError::unauthenticated)
}

/// The signed-in Client Area user and the client they work on, when their place there holds
/// `permission`; otherwise 401, or 403.
pub fn require_client(permission: ClientPermission) -> Result<(Arc<CurrentUser>, i32), AppError> {
    let user = current_user()?;
    // Staff who opened the Client Area as the owner manage its users from the admin area, where
    // their own role decides; not from here, where they would act with the owner's rights.
    if user.staff_id.is_some() && permission == ClientPermission::ManageUsers {
        return Err(AppError::forbidden_client(permission));
    }
    match user.active() {
        Some(m) if m.can(permission) => {
            let client_id = m.client_id;
            Ok((user, client_id))
        }
        _ => Err(AppError::forbidden_client(permission)),
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
        .and_then(|p| p.extensions.get::<super::client_ip::ClientIp>())
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

/// The stored hash of this request's session id, if it has one.
pub async fn current_session_hash() -> Option<String> {
    let session: tower_sessions::Session = leptos_axum::extract().await.ok()?;
    session.id().map(|id| super::session_store::hash_id(&id))
}

/// The signed-in admin as the actor of an audit event, with this request's IP and user agent.
pub async fn audit_actor(admin: &CurrentAdmin) -> super::audit::Actor {
    let (ip, user_agent) = client().await;
    super::audit::Actor::admin(admin, &ip, &user_agent)
}

/// The Client Area user as the actor of an audit event. In a session opened with "log in as
/// client" the admin is the actor (a staff actor, by id), so the trail shows who really acted.
pub async fn user_actor(user: &CurrentUser) -> super::audit::Actor {
    let (ip, user_agent) = client().await;
    match (user.staff_id, &user.staff_name) {
        (Some(id), Some(staff)) => super::audit::Actor {
            kind: super::audit::ActorKind::Staff,
            id: Some(id),
            name: format!("{staff} (as {})", user.display_name()),
            ip,
            user_agent,
        },
        _ => super::audit::Actor::user(user.id, &user.display_name(), &ip, &user_agent),
    }
}
