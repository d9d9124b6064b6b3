//! Server functions behind the dashboard.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::Dashboard;
use crate::error::AppError;

/// What the system-status panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemStatus {
    pub version: String,
    pub database: String,
    pub database_ok: bool,
    pub departments: u64,
}

#[server]
pub async fn get_system_status() -> Result<SystemStatus, AppError> {
    use crate::error::respond_with;
    crate::auth::guard::current_admin()?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let database = match ctx.db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => "SQLite",
        sea_orm::DatabaseBackend::Postgres => "PostgreSQL",
        _ => "other",
    };
    let departments = crate::departments::service::count(&ctx.db)
        .await
        .map_err(|e| respond_with(e.into()))?;
    Ok(SystemStatus {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database: database.to_owned(),
        database_ok: true,
        departments,
    })
}

/// The signed-in admin's widgets; only those their role allows are loaded.
#[server]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::error::respond_with;
    let viewer = crate::auth::guard::current_admin()?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    super::service::load(&ctx.db, &viewer, chrono::Utc::now())
        .await
        .map_err(|e| respond_with(e.into()))
}
