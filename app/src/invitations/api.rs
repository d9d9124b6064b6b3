//! Server functions for invitations, one per user action.

// A server function takes one argument per form field, which the form posts by name; Add an
// Admin has eight, and the code the `#[server]` macro generates carries no attributes through.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

use super::model::{DepartmentOption, InvitationLookup, RoleOption};
use crate::kernel::error::AppError;
#[cfg(feature = "ssr")]
use crate::kernel::i18n::{t, t_args};

/// Everything the Add an Admin form offers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InviteOptions {
    pub roles: Vec<RoleOption>,
    pub departments: Vec<DepartmentOption>,
    /// Preselected: the organization's default language.
    pub language: crate::kernel::i18n::Lang,
}

#[server]
pub async fn get_invite_options() -> Result<InviteOptions, AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::SendInvitations)?;
    let ctx = crate::kernel::context::server_context()?;
    super::queries::invite_options(&ctx.db, &viewer, &ctx.settings.organization.language)
        .await
        .map_err(AppError::from)
}

#[server]
pub async fn send_invitation(
    first_name: String,
    last_name: String,
    email: String,
    #[server(default)] username: String,
    role_id: String,
    #[server(default)] departments: HashMap<String, String>,
    #[server(default)] notify: HashMap<String, String>,
    #[server(default)] language: String,
) -> Result<(), AppError> {
    use super::model::NewInvitation;
    use super::service;
    use crate::kernel::{Permission, guard::require};

    let viewer = require(Permission::SendInvitations)?;
    let input = NewInvitation::parse(
        &first_name,
        &last_name,
        &email,
        &username,
        &role_id,
        &departments,
        &notify,
    )
    .and_then(|input| input.with_language(&language))
    .map_err(|(field, err)| AppError::validation(field, &err))?;
    let ctx = crate::kernel::context::server_context()?;
    // Nobody hands out, through an invitation, a permission they do not hold.
    ensure_grantable(&ctx.db, &viewer, input.role_id).await?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let inviter = service::Inviter {
        admin_id: Some(viewer.id),
        name: Some(viewer.display_name()),
        ip,
        user_agent,
    };
    service::send(
        &ctx.db,
        chrono::Utc::now(),
        &super::service::InviteSettings::from_settings(&ctx.settings),
        &inviter,
        input,
    )
    .await
    .map_err(map_invite_error)?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect("/admins?invited=1");
    Ok(())
}

#[server]
pub async fn resend_invitation(invitation_id: i32) -> Result<(), AppError> {
    use super::service;
    use crate::kernel::{Permission, guard::require};

    let viewer = require(Permission::SendInvitations)?;
    let ctx = crate::kernel::context::server_context()?;
    // Reviving an invitation hands out its role as much as sending it did.
    ensure_may_handle(&ctx.db, &viewer, invitation_id).await?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let inviter = service::Inviter {
        admin_id: Some(viewer.id),
        name: Some(viewer.display_name()),
        ip,
        user_agent,
    };
    service::resend(
        &ctx.db,
        chrono::Utc::now(),
        &super::service::InviteSettings::from_settings(&ctx.settings),
        &inviter,
        invitation_id,
    )
    .await
    .map_err(map_invite_error)?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect("/admins?resent=1");
    Ok(())
}

#[server]
pub async fn cancel_invitation(invitation_id: i32) -> Result<(), AppError> {
    use super::service;
    use crate::kernel::{Permission, guard::require};

    let viewer = require(Permission::SendInvitations)?;
    let ctx = crate::kernel::context::server_context()?;
    ensure_may_handle(&ctx.db, &viewer, invitation_id).await?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    service::cancel(&ctx.db, chrono::Utc::now(), &actor, invitation_id)
        .await
        .map_err(map_invite_error)?;
    leptos_axum::redirect("/admins?cancelled=1");
    Ok(())
}

#[server]
pub async fn lookup_invitation(token: String) -> Result<InvitationLookup, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let found = super::service::lookup(
        &ctx.db,
        chrono::Utc::now(),
        &ctx.settings.organization.name,
        &token,
    )
    .await?;
    crate::kernel::http::private_link_headers();
    if let InvitationLookup::Problem { problem, .. } = &found {
        crate::kernel::error::set_response_status(problem.status());
    }
    Ok(found)
}

#[server]
pub async fn accept_invitation(
    token: String,
    #[server(default)] username: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    use super::service::{self, AcceptError};

    let ctx = crate::kernel::context::server_context()?;
    let to_link = |err: AppError| {
        crate::kernel::http::back_to_link(
            &ctx.settings.server.public_url,
            "invite",
            &token,
            <AcceptInvitation as server_fn::ServerFn>::PATH,
            err,
        )
    };
    let now = chrono::Utc::now();
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let admin = match service::accept(
        &ctx.db,
        &ctx.hasher,
        now,
        &origin,
        &token,
        &service::Credentials {
            username: &username,
            password: &password,
            confirmation: &password_confirmation,
        },
    )
    .await
    {
        Ok(admin) => admin,
        Err(AcceptError::Invalid(field, err)) => {
            return Err(to_link(AppError::validation(field, &err)));
        }
        Err(AcceptError::UsernameTaken) => {
            return Err(to_link(
                AppError::conflict(t("accept-error-username-taken")).with_field("username"),
            ));
        }
        Err(AcceptError::EmailIsAdmin) => {
            return Err(to_link(AppError::conflict(t(
                "accept-error-email-is-admin",
            ))));
        }
        Err(AcceptError::Link(problem, contact)) => {
            let who = contact.map_or_else(
                || t("link-contact"),
                |(name, email)| {
                    t_args(
                        "accept-error-contact",
                        &[("name", name.into()), ("email", email.into())],
                    )
                },
            );
            return Err(to_link(AppError::new(
                problem.code(),
                format!("{}. {who}", problem.title()),
                problem.status(),
            )));
        }
        Err(AcceptError::Hash(crate::kernel::password::HashError::Busy)) => {
            return Err(to_link(AppError::busy()));
        }
        Err(AcceptError::Hash(e)) => return Err(to_link(AppError::internal(&e))),
        Err(AcceptError::Db(e)) => return Err(to_link(AppError::internal(&e))),
    };
    crate::auth::guard::log_in(&ctx.db, &admin, now).await?;
    tracing::info!(admin_id = admin.id, "invitation accepted");
    leptos_axum::redirect("/?welcome=1");
    Ok(())
}

/// Refuses a role the viewer may not give: one holding a permission they lack.
#[cfg(feature = "ssr")]
async fn ensure_grantable(
    db: &sea_orm::DatabaseConnection,
    viewer: &crate::kernel::CurrentAdmin,
    role_id: i32,
) -> Result<(), AppError> {
    use crate::admins::api::map_staff_error;
    use crate::admins::service::{StaffError, grantable_role};
    match grantable_role(db, viewer, role_id).await {
        Ok(_) => Ok(()),
        Err(refusal @ StaffError::NotYours(_)) => Err(map_staff_error(refusal)),
        Err(_) => Err(map_invite_error(super::service::InviteError::UnknownRole)),
    }
}

/// Resending or cancelling an invitation needs what sending it needed: every permission of its
/// role (even if that role has since been deleted).
#[cfg(feature = "ssr")]
async fn ensure_may_handle(
    db: &sea_orm::DatabaseConnection,
    viewer: &crate::kernel::CurrentAdmin,
    invitation_id: i32,
) -> Result<(), AppError> {
    use crate::admins::api::map_staff_error;
    use crate::admins::service::StaffError;
    let Some(role) = super::service::role_of(db, invitation_id).await? else {
        return Err(AppError::not_found());
    };
    let permissions = crate::auth::service::role_permissions(db, &role).await?;
    match viewer.lacks_any(&permissions) {
        None => Ok(()),
        Some(permission) => {
            // Resend and Cancel are buttons: the refusal belongs to no field of theirs.
            let mut refusal = map_staff_error(StaffError::NotYours(permission));
            refusal.field = None;
            Err(refusal)
        }
    }
}

#[cfg(feature = "ssr")]
fn map_invite_error(err: super::service::InviteError) -> AppError {
    use super::service::InviteError;
    match err {
        InviteError::EmailIsAdmin => {
            AppError::conflict(t("invite-error-email-is-admin")).with_field("email")
        }
        InviteError::PendingExists { invitation_id } => AppError::new(
            crate::kernel::ErrorCode::InvitePending,
            t_args("invite-error-pending", &[("id", invitation_id.into())]),
            409,
        )
        .with_field("email"),
        InviteError::UsernameTaken => {
            AppError::conflict(t("invite-error-username-taken")).with_field("username")
        }
        InviteError::UnknownRole => AppError::new(
            crate::kernel::ErrorCode::Validation,
            t("invite-error-unknown-role"),
            422,
        )
        .with_field("role_id"),
        InviteError::UnknownDepartment(_) => AppError::new(
            crate::kernel::ErrorCode::Validation,
            t("invite-error-unknown-department"),
            422,
        ),
        InviteError::NotPending(why) => {
            use super::service::NotPending;
            AppError::conflict(t(match why {
                NotPending::Accepted => "invite-error-not-pending-accepted",
                NotPending::Replaced => "invite-error-not-pending-replaced",
                NotPending::ChangedMeanwhile => "invite-error-not-pending-changed",
                NotPending::Cancelled | NotPending::CancelledOrReplaced => {
                    "invite-error-not-pending-cancelled"
                }
            }))
        }
        InviteError::NotFound => AppError::not_found(),
        InviteError::Db(e) => AppError::internal(&e),
    }
}
