//! Server functions for invitations, one per user action.

// A server function takes one argument per form field, which the form posts by name; Add an
// Admin has eight, and the code the `#[server]` macro generates carries no attributes through.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

use super::model::{AdminsPage, DepartmentOption, InvitationLookup, RoleOption};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::{t, t_args};

/// Everything the Add an Admin form offers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InviteOptions {
    pub roles: Vec<RoleOption>,
    pub departments: Vec<DepartmentOption>,
    /// Preselected: the organization's default language.
    pub language: crate::i18n::Lang,
}

#[server]
pub async fn list_admins(
    #[server(default)] after: Option<i32>,
    #[server(default)] invitations_after: Option<i32>,
) -> Result<AdminsPage, AppError> {
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;
    let viewer = require(Permission::ViewAdministrators)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let now = chrono::Utc::now();
    let (admins, next_admins) = super::queries::admins(&ctx.db, after)
        .await
        .map_err(|e| respond_with(e.into()))?;
    let (pending, next_pending) = if viewer.can(Permission::SendInvitations) {
        super::queries::pending(&ctx.db, now, invitations_after)
            .await
            .map_err(|e| respond_with(e.into()))?
    } else {
        (Vec::new(), None)
    };
    Ok(AdminsPage {
        admins,
        next_admins,
        pending,
        next_pending,
    })
}

#[server]
pub async fn get_invite_options() -> Result<InviteOptions, AppError> {
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;
    let viewer = require(Permission::SendInvitations)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    super::queries::invite_options(&ctx.db, &viewer, &ctx.settings.organization.language)
        .await
        .map_err(|e| respond_with(e.into()))
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
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;

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
    .map_err(|(field, err)| respond_with(AppError::validation(field, &err)))?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    // Nobody hands out, through an invitation, a permission they do not hold.
    ensure_grantable(&ctx.db, &viewer, input.role_id).await?;
    let (ip, user_agent) = crate::auth::guard::client().await;
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
    .map_err(|e| respond_with(map_invite_error(e)))?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect("/admins?invited=1");
    Ok(())
}

#[server]
pub async fn resend_invitation(invitation_id: i32) -> Result<(), AppError> {
    use super::service;
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;

    let viewer = require(Permission::SendInvitations)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    // Reviving an invitation hands out its role as much as sending it did.
    ensure_may_handle(&ctx.db, &viewer, invitation_id).await?;
    let (ip, user_agent) = crate::auth::guard::client().await;
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
    .map_err(|e| respond_with(map_invite_error(e)))?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect("/admins?resent=1");
    Ok(())
}

#[server]
pub async fn cancel_invitation(invitation_id: i32) -> Result<(), AppError> {
    use super::service;
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;

    let viewer = require(Permission::SendInvitations)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    ensure_may_handle(&ctx.db, &viewer, invitation_id).await?;
    let actor = crate::auth::guard::audit_actor(&viewer).await;
    service::cancel(&ctx.db, chrono::Utc::now(), &actor, invitation_id)
        .await
        .map_err(|e| respond_with(map_invite_error(e)))?;
    leptos_axum::redirect("/admins?cancelled=1");
    Ok(())
}

#[server]
pub async fn lookup_invitation(token: String) -> Result<InvitationLookup, AppError> {
    use crate::error::respond_with;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let found = super::service::lookup(
        &ctx.db,
        chrono::Utc::now(),
        &ctx.settings.organization.name,
        &token,
    )
    .await
    .map_err(|e| respond_with(e.into()))?;
    private_link_headers();
    if let InvitationLookup::Problem { problem, .. } = &found {
        crate::error::set_response_status(problem.status());
    }
    Ok(found)
}

/// A page reached by a secret link: link scanners and previews may fetch it, so it must not leak
/// the token onwards in a Referer, or be cached.
#[cfg(feature = "ssr")]
pub fn private_link_headers() {
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(
            http::header::REFERRER_POLICY,
            http::HeaderValue::from_static("no-referrer"),
        );
        res.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}

#[server]
pub async fn accept_invitation(
    token: String,
    #[server(default)] username: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    use super::service::{self, AcceptError};
    use crate::error::respond_with;

    let ctx = crate::context::server_context().map_err(respond_with)?;
    let respond_with = |err: AppError| {
        back_to_link(
            &ctx.settings.server.public_url,
            "invite",
            &token,
            <AcceptInvitation as server_fn::ServerFn>::PATH,
            respond_with(err),
        )
    };
    let now = chrono::Utc::now();
    let (ip, user_agent) = crate::auth::guard::client().await;
    let origin = crate::audit::service::Actor::anonymous(&ip, &user_agent);
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
            return Err(respond_with(AppError::validation(field, &err)));
        }
        Err(AcceptError::UsernameTaken) => {
            return Err(respond_with(
                AppError::conflict(t("accept-error-username-taken")).with_field("username"),
            ));
        }
        Err(AcceptError::EmailIsAdmin) => {
            return Err(respond_with(AppError::conflict(t(
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
            return Err(respond_with(AppError::new(
                problem.code(),
                format!("{}. {who}", problem.title()),
                problem.status(),
            )));
        }
        Err(AcceptError::Hash(crate::auth::password::HashError::Busy)) => {
            return Err(respond_with(AppError::busy()));
        }
        Err(AcceptError::Hash(e)) => return Err(respond_with(AppError::internal(&e))),
        Err(AcceptError::Db(e)) => return Err(respond_with(AppError::internal(&e))),
    };
    crate::auth::guard::log_in(&ctx.db, &admin, now).await?;
    tracing::info!(admin_id = admin.id, "invitation accepted");
    leptos_axum::redirect("/?welcome=1");
    Ok(())
}

/// Pages reached by a secret link are sent with `Referrer-Policy: no-referrer`, so their plain
/// form posts carry no Referer to return to. Send such a post back to `/<prefix>/<token>` with the
/// error, the way server functions answer forms from other pages.
#[cfg(feature = "ssr")]
pub fn back_to_link(
    public_url: &str,
    prefix: &str,
    token: &str,
    server_fn_path: &str,
    err: AppError,
) -> AppError {
    use server_fn::error::ServerFnUrlError;
    let Some(token) = super::token::InvitationToken::parse(token) else {
        return err;
    };
    let base = format!(
        "{}/{prefix}/{}",
        public_url.trim_end_matches('/'),
        token.expose()
    );
    if crate::error::is_form_post()
        && let Ok(url) = ServerFnUrlError::new(server_fn_path, err.clone()).to_url(&base)
        && let Ok(location) = http::HeaderValue::from_str(url.as_str())
        && let Some(res) = use_context::<leptos_axum::ResponseOptions>()
    {
        res.insert_header(http::header::LOCATION, location);
    }
    err
}

/// Refuses a role the viewer may not give: one holding a permission they lack.
#[cfg(feature = "ssr")]
async fn ensure_grantable(
    db: &sea_orm::DatabaseConnection,
    viewer: &crate::auth::CurrentAdmin,
    role_id: i32,
) -> Result<(), AppError> {
    use crate::admins::api::map_staff_error;
    use crate::admins::service::{StaffError, grantable_role};
    use crate::error::respond_with;
    match grantable_role(db, viewer, role_id).await {
        Ok(_) => Ok(()),
        Err(refusal @ StaffError::NotYours(_)) => Err(respond_with(map_staff_error(refusal))),
        Err(_) => Err(respond_with(map_invite_error(
            super::service::InviteError::UnknownRole,
        ))),
    }
}

/// Resending or cancelling an invitation needs what sending it needed: every permission of its
/// role (even if that role has since been deleted).
#[cfg(feature = "ssr")]
async fn ensure_may_handle(
    db: &sea_orm::DatabaseConnection,
    viewer: &crate::auth::CurrentAdmin,
    invitation_id: i32,
) -> Result<(), AppError> {
    use crate::admins::api::map_staff_error;
    use crate::admins::service::StaffError;
    use crate::error::respond_with;
    let Some(role) = super::service::role_of(db, invitation_id)
        .await
        .map_err(|e| respond_with(e.into()))?
    else {
        return Err(respond_with(AppError::not_found()));
    };
    let permissions = crate::auth::service::role_permissions(db, &role)
        .await
        .map_err(|e| respond_with(e.into()))?;
    match viewer.lacks_any(&permissions) {
        None => Ok(()),
        Some(permission) => {
            // Resend and Cancel are buttons: the refusal belongs to no field of theirs.
            let mut refusal = map_staff_error(StaffError::NotYours(permission));
            refusal.field = None;
            Err(respond_with(refusal))
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
            "INVITE_PENDING",
            t_args("invite-error-pending", &[("id", invitation_id.into())]),
            409,
        )
        .with_field("email"),
        InviteError::UsernameTaken => {
            AppError::conflict(t("invite-error-username-taken")).with_field("username")
        }
        InviteError::UnknownRole => {
            AppError::new("VALIDATION", t("invite-error-unknown-role"), 422).with_field("role_id")
        }
        InviteError::UnknownDepartment(_) => {
            AppError::new("VALIDATION", t("invite-error-unknown-department"), 422)
        }
        InviteError::NotPending(why) => AppError::conflict(t(match why {
            "accepted" => "invite-error-not-pending-accepted",
            "replaced by a newer invitation" => "invite-error-not-pending-replaced",
            "changed by someone else meanwhile" => "invite-error-not-pending-changed",
            _ => "invite-error-not-pending-cancelled",
        })),
        InviteError::NotFound => AppError::not_found(),
        InviteError::Db(e) => AppError::internal(&e),
    }
}
