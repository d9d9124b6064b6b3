//! Starting and renewing a staff session on the current request.

use crate::kernel::error::AppError;

/// Logs `admin` in on this request: a new session id, cookie set on the response. The one way to
/// start a session, used by the login form and by invitation acceptance.
pub async fn log_in(
    db: &sea_orm::DatabaseConnection,
    admin: &crate::entities::admin::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|e| AppError::internal(&e))?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    super::service::start_session(db, &session, admin, &ip, &user_agent, now)
        .await
        .map_err(|e| AppError::internal(&e))
}

/// Gives this request's session a new id in the admin's session `epoch`, keeping what it holds:
/// after a password change, which may have ended the admin's other sessions (and moved the epoch).
pub async fn rotate_session(epoch: i64) -> Result<(), AppError> {
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|e| AppError::internal(&e))?;
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::internal(&e))?;
    session
        .insert(crate::kernel::session_store::EPOCH, epoch)
        .await
        .map_err(|e| AppError::internal(&e))
}
