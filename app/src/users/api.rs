//! Server functions of a client's Users section on the staff side: list, invite, resend, cancel,
//! change permissions, remove, make owner, and "log in as client". `failed` maps the service's
//! errors for these and for the Client Area's own user functions.

// Forms post every field as an argument of its own.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::model::UsersSection;
use crate::kernel::error::AppError;

/// The plumbing the users and Client Area server functions share.
#[cfg(feature = "ssr")]
pub mod plumbing {
    use super::super::model::{FieldError, LinkProblem, PermissionBoxes, field_label};
    use super::super::service::UserError;
    use crate::kernel::error::AppError;
    use crate::kernel::i18n::t;

    pub fn refused((field, err): FieldError) -> AppError {
        AppError::invalid_field(field, &field_label(field), &err)
    }

    pub fn link(problem: LinkProblem) -> AppError {
        use crate::kernel::ErrorCode;
        let (code, status) = match problem {
            LinkProblem::Unknown => (ErrorCode::InviteNotFound, 404),
            LinkProblem::Expired => (ErrorCode::InviteExpired, 410),
            LinkProblem::Used => (ErrorCode::InviteUsed, 410),
            LinkProblem::Cancelled => (ErrorCode::InviteCancelled, 410),
        };
        AppError::new(code, problem.message(), status)
    }

    pub fn failed(err: UserError) -> AppError {
        match err {
            UserError::NotFound => AppError::not_found(),
            UserError::AlreadyMember => {
                AppError::conflict(t("users-error-already-member")).with_field("email")
            }
            UserError::OwnerStays => AppError::conflict(t("users-error-owner-stays")),
            UserError::ChangedMeanwhile => AppError::changed_meanwhile(),
            UserError::Link(problem) => link(problem),
            UserError::WrongAccount => AppError::new(
                crate::kernel::ErrorCode::Forbidden,
                t("users-error-wrong-account"),
                403,
            ),
            UserError::HasAccount => AppError::conflict(t("users-error-has-account")),
            UserError::NoOwner => AppError::conflict(t("users-error-no-owner")),
            UserError::WrongPassword => AppError::new(
                crate::kernel::ErrorCode::WrongPassword,
                t("users-error-wrong-password"),
                422,
            )
            .with_field("current_password"),
            UserError::TwoFactorOn => AppError::conflict(t("twofa-error-already-on")),
            UserError::TwoFactorOff => AppError::conflict(t("twofa-error-not-on")),
            UserError::NoSetup => AppError::conflict(t("twofa-error-no-setup")),
            UserError::WrongCode => AppError::new(
                crate::kernel::ErrorCode::WrongCode,
                t("twofa-error-wrong-code"),
                422,
            )
            .with_field("code"),
            UserError::Undecryptable => AppError::internal(&"undecryptable two-factor secret"),
            UserError::Invalid(field, err) => refused((field, err)),
            UserError::Hash(crate::kernel::password::HashError::Busy) => AppError::busy(),
            UserError::Hash(err) => AppError::internal(&err),
            UserError::Db(err) => err.into(),
        }
    }

    /// An id from a form: a positive number, or the record does not exist.
    pub fn id(text: &str) -> Result<i32, AppError> {
        text.trim()
            .parse::<i32>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(AppError::not_found)
    }

    pub fn version(text: &str) -> Result<crate::kernel::concurrency::Expected, AppError> {
        crate::kernel::concurrency::Expected::parse(text)
            .map_err(|err| AppError::validation("version", &err))
    }

    /// The permission checkboxes a form posted.
    pub fn boxes(
        perm_profile: Option<String>,
        perm_contacts: Option<String>,
        perm_services: Option<String>,
        perm_invoices: Option<String>,
        perm_tickets: Option<String>,
        perm_users: Option<String>,
    ) -> PermissionBoxes {
        PermissionBoxes {
            perm_profile,
            perm_contacts,
            perm_services,
            perm_invoices,
            perm_tickets,
            perm_users,
        }
    }
}

/// A client's users, its open invitations, and what the viewer may do with them.
#[server]
pub async fn get_client_users(client_id: String) -> Result<UsersSection, AppError> {
    use crate::kernel::{Permission, guard::require};
    use plumbing::{failed, id};
    let viewer = require(Permission::ViewClients)?;
    let ctx = crate::kernel::context::server_context()?;
    let client_id = id(&client_id)?;
    crate::clients::service::find(&ctx.db, client_id)
        .await
        .map_err(|_| AppError::not_found())?;
    super::service::section(
        &ctx.db,
        chrono::Utc::now(),
        client_id,
        viewer.can(Permission::ManageClients),
        viewer.can(Permission::LoginAsClient),
    )
    .await
    .map_err(|e| failed(e.into()))
}

/// Invites a person by email to the client's users, with the ticked permissions.
#[server]
pub async fn invite_client_user(
    client_id: String,
    email: String,
    #[server(default)] perm_profile: Option<String>,
    #[server(default)] perm_contacts: Option<String>,
    #[server(default)] perm_services: Option<String>,
    #[server(default)] perm_invoices: Option<String>,
    #[server(default)] perm_tickets: Option<String>,
    #[server(default)] perm_users: Option<String>,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    use plumbing::{boxes, failed, id, refused};
    let viewer = require(Permission::ManageClients)?;
    let client_id = id(&client_id)?;
    let chosen = boxes(
        perm_profile,
        perm_contacts,
        perm_services,
        perm_invoices,
        perm_tickets,
        perm_users,
    );
    let input = super::model::NewUserInvite::parse(&email, &chosen).map_err(refused)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::invite(
        &ctx.db,
        &ctx.settings,
        chrono::Utc::now(),
        &actor,
        client_id,
        input,
    )
    .await
    .map_err(failed)?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=user_invited#users"));
    Ok(())
}

#[server]
pub async fn resend_client_user_invitation(
    client_id: String,
    invitation_id: String,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    use plumbing::{failed, id};
    let viewer = require(Permission::ManageClients)?;
    let (client_id, invitation_id) = (id(&client_id)?, id(&invitation_id)?);
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::resend(
        &ctx.db,
        &ctx.settings,
        chrono::Utc::now(),
        &actor,
        client_id,
        invitation_id,
    )
    .await
    .map_err(failed)?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=user_invited#users"));
    Ok(())
}

#[server]
pub async fn cancel_client_user_invitation(
    client_id: String,
    invitation_id: String,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    use plumbing::{failed, id};
    let viewer = require(Permission::ManageClients)?;
    let (client_id, invitation_id) = (id(&client_id)?, id(&invitation_id)?);
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::cancel(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        invitation_id,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=user_cancelled#users"));
    Ok(())
}

#[server]
pub async fn set_client_user_permissions(
    client_id: String,
    user_id: String,
    #[server(default)] version: String,
    #[server(default)] perm_profile: Option<String>,
    #[server(default)] perm_contacts: Option<String>,
    #[server(default)] perm_services: Option<String>,
    #[server(default)] perm_invoices: Option<String>,
    #[server(default)] perm_tickets: Option<String>,
    #[server(default)] perm_users: Option<String>,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    use plumbing::{boxes, failed, id, version as parse_version};
    let viewer = require(Permission::ManageClients)?;
    let (client_id, user_id) = (id(&client_id)?, id(&user_id)?);
    let version = parse_version(&version)?;
    let chosen = boxes(
        perm_profile,
        perm_contacts,
        perm_services,
        perm_invoices,
        perm_tickets,
        perm_users,
    )
    .chosen();
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::set_permissions(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        user_id,
        &chosen,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=user_saved#users"));
    Ok(())
}

#[server]
pub async fn remove_client_user(
    client_id: String,
    user_id: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    use plumbing::{failed, id, version as parse_version};
    let viewer = require(Permission::ManageClients)?;
    let (client_id, user_id) = (id(&client_id)?, id(&user_id)?);
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::remove(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        user_id,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=user_removed#users"));
    Ok(())
}

/// Makes a user the client's owner: they hold every permission and are who "log in as client"
/// opens the Client Area as.
#[server]
pub async fn make_client_owner(client_id: String, user_id: String) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    use plumbing::{failed, id};
    let viewer = require(Permission::ManageClients)?;
    let (client_id, user_id) = (id(&client_id)?, id(&user_id)?);
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::make_owner(&ctx.db, chrono::Utc::now(), &actor, client_id, user_id)
        .await
        .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=user_saved#users"));
    Ok(())
}

/// Opens the Client Area as the client's owner in a separate session: issues a one-time link,
/// good for two minutes, and sends the admin's browser to it.
#[server]
pub async fn log_in_as_client(client_id: String) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    use plumbing::{failed, id};
    let viewer = require(Permission::LoginAsClient)?;
    let client_id = id(&client_id)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let token =
        super::service::issue_login_as(&ctx.db, chrono::Utc::now(), &actor, viewer.id, client_id)
            .await
            .map_err(failed)?;
    leptos_axum::redirect(&format!("/client/login-as/{}", token.expose()));
    Ok(())
}
