//! Server functions for roles, one per user action.

use std::collections::HashMap;

use leptos::prelude::*;

use super::model::{RoleDraft, RoleSummary};
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
fn map_role_error(err: super::service::RoleError) -> AppError {
    use super::service::RoleError;
    use crate::kernel::i18n::{t, t_args};
    match err {
        RoleError::NotFound => AppError::not_found(),
        RoleError::NameTaken(name) => {
            AppError::conflict(t_args("roles-error-name-taken", &[("name", name.into())]))
                .with_field("name")
        }
        RoleError::FullAdministratorLocked => AppError::conflict(t("roles-error-full-locked")),
        RoleError::BuiltInName => AppError::conflict(t("roles-built-in-name")).with_field("name"),
        RoleError::BuiltInDelete => AppError::conflict(t("roles-error-built-in-delete")),
        RoleError::OwnRole => AppError::new(
            crate::kernel::ErrorCode::OwnRole,
            t("roles-error-own-role"),
            403,
        ),
        RoleError::NotYours(permission) => AppError::new(
            crate::kernel::ErrorCode::NotYours,
            t_args(
                "roles-error-not-yours",
                &[("permission", permission.label().into())],
            ),
            403,
        )
        .with_field("permissions"),
        RoleError::ChangedMeanwhile => AppError::changed_meanwhile(),
        RoleError::InUse {
            admins,
            invitations,
        } => AppError::new(
            crate::kernel::ErrorCode::RoleInUse,
            t_args(
                "roles-error-in-use",
                &[
                    ("admins", admins.into()),
                    ("invitations", invitations.into()),
                ],
            ),
            409,
        ),
        RoleError::Db(e) => AppError::internal(&e),
    }
}

#[server]
pub async fn list_roles() -> Result<Vec<RoleSummary>, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageRoles)?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::list(&ctx.db).await.map_err(AppError::from)
}

/// The role editor's starting point: role `role_id`, a copy of role `copy_from`, or a blank role.
#[server]
pub async fn get_role_draft(
    #[server(default)] role_id: Option<i32>,
    #[server(default)] copy_from: Option<i32>,
) -> Result<RoleDraft, AppError> {
    use crate::kernel::{Permission, guard::require};
    let actor = require(Permission::ManageRoles)?;
    let ctx = crate::kernel::context::server_context()?;
    let fail = |e| map_role_error(e);
    match (role_id, copy_from) {
        (Some(id), _) => {
            let (mut draft, refusal) = super::service::draft(&ctx.db, &actor, id)
                .await
                .map_err(fail)?;
            draft.locked_reason = refusal.map(|r| map_role_error(r).message);
            Ok(draft)
        }
        (None, Some(from)) => super::service::copy_of(&ctx.db, from).await.map_err(fail),
        (None, None) => Ok(RoleDraft {
            id: None,
            name: String::new(),
            name_locked: false,
            permissions: Vec::new(),
            reports: None,
            admin_count: 0,
            locked_reason: None,
            version: 0,
        }),
    }
}

/// Creates a role (empty `role_id`) or saves one.
#[server]
pub async fn save_role(
    #[server(default)] role_id: String,
    name: String,
    #[server(default)] permissions: HashMap<String, String>,
    #[server(default)] all_reports: String,
    #[server(default)] reports: HashMap<String, String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::RoleInput;
    use crate::kernel::validation::ValidationError;
    use crate::kernel::{Permission, guard::require};

    let actor = require(Permission::ManageRoles)?;
    let id = match role_id.trim() {
        "" => None,
        id => Some(
            id.parse::<i32>()
                .map_err(|_| AppError::validation("role_id", &ValidationError::UnknownChoice))?,
        ),
    };
    let input = RoleInput::parse(&name, &permissions)
        .and_then(|input| input.with_reports(&all_reports, &reports))
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let version = crate::kernel::concurrency::Expected::parse(&version)
        .map_err(|err| AppError::validation("version", &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let audit = crate::kernel::guard::audit_actor(&actor).await;
    let saved = super::service::save(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        &audit,
        id,
        input,
        version,
    )
    .await
    .map_err(map_role_error)?;
    tracing::info!(role_id = saved.id, actor = actor.id, "role saved");
    leptos_axum::redirect(if id.is_some() {
        "/roles?saved=1"
    } else {
        "/roles?created=1"
    });
    Ok(())
}

#[server]
pub async fn delete_role(role_id: i32) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let actor = require(Permission::ManageRoles)?;
    let ctx = crate::kernel::context::server_context()?;
    let audit = crate::kernel::guard::audit_actor(&actor).await;
    super::service::delete(&ctx.db, chrono::Utc::now(), &actor, &audit, role_id)
        .await
        .map_err(map_role_error)?;
    tracing::info!(role_id, actor = actor.id, "role deleted");
    leptos_axum::redirect("/roles?deleted=1");
    Ok(())
}

/// Requires two-factor authentication for a role's admins, or stops requiring it.
#[server]
pub async fn set_role_two_factor(
    role_id: i32,
    #[server(default)] required: String,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};

    let actor = require(Permission::ManageRoles)?;
    let ctx = crate::kernel::context::server_context()?;
    let audit = crate::kernel::guard::audit_actor(&actor).await;
    let required = !required.is_empty();
    super::service::set_two_factor_requirement(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        &audit,
        role_id,
        required,
    )
    .await
    .map_err(map_role_error)?;
    tracing::info!(
        role_id,
        required,
        actor = actor.id,
        "role two-factor requirement set"
    );
    leptos_axum::redirect("/roles?saved=1");
    Ok(())
}
