//! Server functions behind the dashboard.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::Dashboard;
use crate::kernel::error::AppError;

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
    crate::kernel::guard::current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    let database = match ctx.db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => "SQLite",
        sea_orm::DatabaseBackend::Postgres => "PostgreSQL",
        _ => "other",
    };
    // A count every dashboard shows: shared for a moment, like the widgets' figures.
    let departments = ctx
        .memo
        .get_or_load(
            ("dashboard.departments_count", 0),
            ctx.memo.fresh_for(super::service::SHARED_FOR),
            || crate::departments::service::count(&ctx.db),
        )
        .await?;
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
    let viewer = crate::kernel::guard::current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::load(&ctx.db, &ctx.memo, &viewer, chrono::Utc::now())
        .await
        .map_err(AppError::from)
}
