//! What the server hands to every page render and server function: the database and the settings.

use std::sync::Arc;

use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use crate::kernel::error::AppError;
use crate::kernel::password::Hasher;
use crate::kernel::settings::Settings;

#[derive(Clone)]
pub struct ServerContext {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub hasher: Hasher,
    /// Encrypts two-factor secrets at rest.
    pub secret_key: crate::kernel::crypto::SecretKey,
    /// Wakes the mail outbox worker when a message is queued.
    pub mail_notify: Arc<tokio::sync::Notify>,
    /// Figures shared between requests for a moment (the dashboard's counts).
    pub memo: Arc<crate::kernel::memo::Memo>,
}

/// The context of the current request; its absence is a wiring bug, reported as an internal error.
pub fn server_context() -> Result<ServerContext, AppError> {
    use_context::<ServerContext>()
        .ok_or_else(|| AppError::internal(&"ServerContext was not provided to this request"))
}
