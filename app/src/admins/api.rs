//! Server functions for managing staff, and the set-password link they can send.

// A server function takes one argument per form field, which the form posts by name; Edit
// Administrator has eight, and the code the `#[server]` macro generates carries no attributes through.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

use super::model::{AdminDetail, ResetLookup};
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
pub(crate) fn map_staff_error(err: super::service::StaffError) -> AppError {
    use super::service::StaffError;
    use crate::kernel::i18n::{t, t_args};
    match err {
        StaffError::NotFound => AppError::not_found(),
        StaffError::OwnAccount => AppError::conflict(t("admins-error-own-account")),
        StaffError::OwnRole => AppError::new(
            crate::kernel::ErrorCode::OwnRole,
            t("admins-error-own-role"),
            403,
        )
        .with_field("role_id"),
        StaffError::ChangedMeanwhile => AppError::changed_meanwhile(),
        StaffError::OwnEmail => AppError::new(
            crate::kernel::ErrorCode::OwnEmail,
            t("admins-error-own-email"),
            403,
        )
        .with_field("email"),
        StaffError::LastFullAdministrator => AppError::conflict(t("admins-error-last-full")),
        StaffError::Superior(permission) => AppError::new(
            crate::kernel::ErrorCode::Superior,
            t_args(
                "admins-error-superior",
                &[("permission", permission.label().into())],
            ),
            403,
        ),
        StaffError::NotYours(permission) => AppError::new(
            crate::kernel::ErrorCode::NotYours,
            t_args(
                "admins-error-not-yours",
                &[("permission", permission.label().into())],
            ),
            403,
        )
        .with_field("role_id"),
        StaffError::UnknownRole => AppError::new(
            crate::kernel::ErrorCode::Validation,
            t("invite-error-unknown-role"),
            422,
        )
        .with_field("role_id"),
        StaffError::UnknownDepartment => AppError::new(
            crate::kernel::ErrorCode::Validation,
            t("invite-error-unknown-department"),
            422,
        ),
        StaffError::EmailTaken => {
            AppError::conflict(t("admins-error-email-taken")).with_field("email")
        }
        StaffError::Disabled => AppError::conflict(t("admins-error-disabled")),
        StaffError::Db(e) => AppError::internal(&e),
    }
}

#[server]
pub async fn get_admin(admin_id: i32) -> Result<AdminDetail, AppError> {
    use crate::kernel::{Permission, guard::require};
    let actor = require(Permission::ManageAdministrators)?;
    let ctx = crate::kernel::context::server_context()?;
    let (mut detail, refusal) = super::service::detail(&ctx.db, &actor, admin_id)
        .await
        .map_err(map_staff_error)?;
    detail.locked_reason = refusal.map(|r| map_staff_error(r).message);
    Ok(detail)
}

#[server]
pub async fn update_admin(
    admin_id: i32,
    first_name: String,
    last_name: String,
    email: String,
    role_id: String,
    #[server(default)] departments: HashMap<String, String>,
    #[server(default)] notify: HashMap<String, String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::AdminUpdate;
    use crate::kernel::{Permission, guard::require};
    let actor = require(Permission::ManageAdministrators)?;
    let input = AdminUpdate::parse(
        &first_name,
        &last_name,
        &email,
        &role_id,
        &departments,
        &notify,
    )
    .and_then(|input| input.with_version(&version))
    .map_err(|(field, err)| AppError::validation(field, &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let audit = crate::kernel::guard::audit_actor(&actor).await;
    super::service::update(&ctx.db, chrono::Utc::now(), &actor, &audit, admin_id, input)
        .await
        .map_err(map_staff_error)?;
    tracing::info!(admin_id, actor = actor.id, "administrator updated");
    leptos_axum::redirect(&format!("/admins/{admin_id}?saved=1"));
    Ok(())
}

#[server]
pub async fn disable_admin(admin_id: i32) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let actor = require(Permission::ManageAdministrators)?;
    let ctx = crate::kernel::context::server_context()?;
    let audit = crate::kernel::guard::audit_actor(&actor).await;
    super::service::disable(&ctx.db, chrono::Utc::now(), &actor, &audit, admin_id)
        .await
        .map_err(map_staff_error)?;
    tracing::info!(admin_id, actor = actor.id, "administrator disabled");
    leptos_axum::redirect("/admins?disabled=1");
    Ok(())
}

#[server]
pub async fn enable_admin(admin_id: i32) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let actor = require(Permission::ManageAdministrators)?;
    let ctx = crate::kernel::context::server_context()?;
    let audit = crate::kernel::guard::audit_actor(&actor).await;
    super::service::enable(&ctx.db, chrono::Utc::now(), &actor, &audit, admin_id)
        .await
        .map_err(map_staff_error)?;
    tracing::info!(admin_id, actor = actor.id, "administrator enabled");
    leptos_axum::redirect("/admins?enabled=1");
    Ok(())
}

#[server]
pub async fn send_password_reset(admin_id: i32) -> Result<(), AppError> {
    use crate::invitations::service::InviteSettings;
    use crate::kernel::{Permission, guard::require};
    let actor = require(Permission::ManageAdministrators)?;
    let ctx = crate::kernel::context::server_context()?;
    let audit = crate::kernel::guard::audit_actor(&actor).await;
    super::service::send_reset(
        &ctx.db,
        chrono::Utc::now(),
        &InviteSettings::from_settings(&ctx.settings),
        &actor,
        &audit,
        admin_id,
    )
    .await
    .map_err(map_staff_error)?;
    ctx.mail_notify.notify_one();
    tracing::info!(admin_id, actor = actor.id, "password link sent");
    leptos_axum::redirect(&format!("/admins/{admin_id}?reset_sent=1"));
    Ok(())
}

#[server]
pub async fn lookup_password_reset(token: String) -> Result<ResetLookup, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let found = super::service::lookup_reset(&ctx.db, chrono::Utc::now(), &token).await?;
    crate::kernel::http::private_link_headers();
    if let ResetLookup::Problem(problem) = found {
        crate::kernel::error::set_response_status(problem.status());
    }
    Ok(found)
}

#[server]
pub async fn complete_password_reset(
    token: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    use super::service::{self, ResetError};
    let ctx = crate::kernel::context::server_context()?;
    let to_link = |err: AppError| {
        crate::kernel::http::back_to_link(
            &ctx.settings.server.public_url,
            "reset",
            &token,
            <CompletePasswordReset as server_fn::ServerFn>::PATH,
            err,
        )
    };
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let admin = match service::complete_reset(
        &ctx.db,
        &ctx.hasher,
        chrono::Utc::now(),
        &origin,
        &token,
        &password,
        &password_confirmation,
    )
    .await
    {
        Ok(admin) => admin,
        Err(ResetError::Invalid(field, err)) => {
            return Err(to_link(AppError::validation(field, &err)));
        }
        Err(ResetError::Link(problem)) => {
            return Err(to_link(AppError::new(
                problem.code(),
                format!("{}. {}", problem.title(), problem.explanation()),
                problem.status(),
            )));
        }
        Err(ResetError::Hash(crate::kernel::password::HashError::Busy)) => {
            return Err(to_link(AppError::busy()));
        }
        Err(ResetError::Hash(e)) => return Err(to_link(AppError::internal(&e))),
        Err(ResetError::Db(e)) => return Err(to_link(AppError::internal(&e))),
    };
    tracing::info!(admin_id = admin.id, "password set with a reset link");
    leptos_axum::redirect("/login?password_set=1");
    Ok(())
}

#[server]
pub async fn list_admins(
    #[server(default)] after: Option<i32>,
    #[server(default)] invitations_after: Option<i32>,
) -> Result<super::model::AdminsPage, AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewAdministrators)?;
    let ctx = crate::kernel::context::server_context()?;
    let now = chrono::Utc::now();
    let (admins, next_admins) = super::queries::admins(&ctx.db, after).await?;
    let (pending, next_pending) = if viewer.can(Permission::SendInvitations) {
        crate::invitations::queries::pending(&ctx.db, now, invitations_after).await?
    } else {
        (Vec::new(), None)
    };
    Ok(super::model::AdminsPage {
        admins,
        next_admins,
        pending,
        next_pending,
    })
}
