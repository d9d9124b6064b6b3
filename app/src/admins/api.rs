//! Server functions for managing staff.

use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
fn map_staff_error(err: super::service::StaffError) -> AppError {
    use super::service::StaffError;
    match err {
        StaffError::NotFound => AppError::not_found(),
        StaffError::OwnAccount => AppError::conflict("You cannot disable your own account."),
        StaffError::LastFullAdministrator => AppError::conflict(
            "This is the last active Full Administrator. Give another administrator the Full Administrator role first.",
        ),
        StaffError::Db(e) => AppError::internal(&e),
    }
}

#[server]
pub async fn disable_admin(admin_id: i32) -> Result<(), AppError> {
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;
    let actor = require(Permission::ManageAdministrators)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    super::service::disable(&ctx.db, chrono::Utc::now(), actor.id, admin_id)
        .await
        .map_err(|e| respond_with(map_staff_error(e)))?;
    leptos_axum::redirect("/admins?disabled=1");
    Ok(())
}

#[server]
pub async fn enable_admin(admin_id: i32) -> Result<(), AppError> {
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;
    require(Permission::ManageAdministrators)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    super::service::enable(&ctx.db, admin_id)
        .await
        .map_err(|e| respond_with(map_staff_error(e)))?;
    leptos_axum::redirect("/admins?enabled=1");
    Ok(())
}
