//! Server functions for the Activity Log and login history.

use leptos::prelude::*;

use super::model::{AuditFilter, AuditPage, LoginRecord};
use crate::error::AppError;

/// Rows per Activity Log page.
pub const PAGE_SIZE: u64 = 50;

#[server]
pub async fn list_audit_events(
    #[server(default)] filter: AuditFilter,
    #[server(default)] before: Option<i64>,
) -> Result<AuditPage, AppError> {
    use super::model::AuditRow;
    use crate::auth::{Permission, guard::require};
    use crate::entities::admin;
    use crate::error::respond_with;
    use sea_orm::{EntityTrait, QueryOrder};

    let viewer = require(Permission::ViewAuditLog)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let (rows, next_before) = super::service::page(&ctx.db, &filter, before, PAGE_SIZE)
        .await
        .map_err(|e| respond_with(e.into()))?;
    let actors = admin::Entity::find()
        .order_by_asc(admin::Column::FirstName)
        .order_by_asc(admin::Column::LastName)
        .all(&ctx.db)
        .await
        .map_err(|e| respond_with(e.into()))?
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
    use crate::auth::{Permission, guard};
    use crate::entities::admin;
    use crate::error::respond_with;
    use sea_orm::EntityTrait;

    let viewer = guard::current_admin()?;
    let id = match admin_id {
        Some(id) if id != viewer.id => {
            guard::require(Permission::ViewAdministrators)?;
            id
        }
        _ => viewer.id,
    };
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let who = admin::Entity::find_by_id(id)
        .one(&ctx.db)
        .await
        .map_err(|e| respond_with(e.into()))?
        .ok_or_else(|| respond_with(AppError::not_found()))?;
    let logins = super::service::login_history(&ctx.db, id, 200)
        .await
        .map_err(|e| respond_with(e.into()))?;
    Ok((format!("{} {}", who.first_name, who.last_name), logins))
}
