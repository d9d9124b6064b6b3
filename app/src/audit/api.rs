//! Server functions for the Activity Log and login history.

use leptos::prelude::*;

use super::model::{AuditFilter, AuditPage, LoginRecord};
use crate::kernel::error::AppError;

/// Rows per Activity Log page.
pub const PAGE_SIZE: u64 = 50;

#[server]
pub async fn list_audit_events(
    #[server(default)] filter: AuditFilter,
    #[server(default)] before: Option<i64>,
) -> Result<AuditPage, AppError> {
    use super::model::AuditRow;
    use crate::entities::admin;
    use crate::kernel::{Permission, guard::require};
    use sea_orm::{EntityTrait, QueryOrder};

    let viewer = require(Permission::ViewAuditLog)?;
    let ctx = crate::kernel::context::server_context()?;
    let (rows, next_before) = super::service::page(&ctx.db, &filter, before, PAGE_SIZE).await?;
    let actors = admin::Entity::find()
        .order_by_asc(admin::Column::FirstName)
        .order_by_asc(admin::Column::LastName)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.id,
                format!("{} {} ({})", a.first_name, a.last_name, a.username),
            )
        })
        .collect();
    Ok(AuditPage {
        rows: rows.into_iter().map(AuditRow::from).collect(),
        next_before,
        actors,
        can_export: viewer.can(Permission::ExportAuditLog),
    })
}

/// Logins of `admin_id` (needs "View administrators"), or without it the signed-in admin's own.
#[server]
pub async fn get_login_history(
    #[server(default)] admin_id: Option<i32>,
) -> Result<(String, Vec<LoginRecord>), AppError> {
    use crate::entities::admin;
    use crate::kernel::Permission;
    use sea_orm::EntityTrait;

    let viewer = crate::kernel::guard::current_admin()?;
    let id = match admin_id {
        Some(id) if id != viewer.id => {
            crate::kernel::guard::require(Permission::ViewAdministrators)?;
            id
        }
        _ => viewer.id,
    };
    let ctx = crate::kernel::context::server_context()?;
    let who = admin::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let logins = super::service::login_history(&ctx.db, id, 200).await?;
    Ok((format!("{} {}", who.first_name, who.last_name), logins))
}
