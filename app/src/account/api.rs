//! Server functions for My Account. Each acts on the signed-in admin only.

// A server function takes one argument per form field; the profile form has eight.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

use super::model::MyAccount;
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
fn map_account_error(err: super::service::AccountError) -> AppError {
    use super::service::AccountError;
    use crate::kernel::i18n::t;
    match err {
        AccountError::WrongPassword => AppError::new(
            crate::kernel::ErrorCode::WrongPassword,
            t("account-error-wrong-password"),
            422,
        )
        .with_field("current_password"),
        AccountError::EmailTaken => {
            AppError::conflict(t("admins-error-email-taken")).with_field("email")
        }
        AccountError::Invalid(field, e) => AppError::validation(field, &e),
        AccountError::NotFound => AppError::unauthenticated(),
        AccountError::Hash(crate::kernel::password::HashError::Busy) => AppError::busy(),
        AccountError::Hash(e) => AppError::internal(&e),
        AccountError::Db(e) => AppError::internal(&e),
    }
}

#[server]
pub async fn get_my_account() -> Result<MyAccount, AppError> {
    use crate::kernel::guard::current_admin;
    use crate::kernel::guard::current_session_hash;
    let me = current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    let current = current_session_hash().await;
    super::service::load(&ctx.db, me.id, current.as_deref(), chrono::Utc::now())
        .await
        .map_err(map_account_error)
}

#[server]
pub async fn update_my_account(
    first_name: String,
    last_name: String,
    email: String,
    language: String,
    #[server(default)] signature: String,
    #[server(default)] notify: HashMap<String, String>,
    #[server(default)] tickets_newest_first: Option<String>,
    current_password: String,
) -> Result<(), AppError> {
    use super::model::ProfileUpdate;
    use crate::kernel::guard::current_admin;
    let me = current_admin()?;
    let input = ProfileUpdate::parse(
        &first_name,
        &last_name,
        &email,
        &language,
        &signature,
        &notify,
    )
    .map_err(|(field, err)| AppError::validation(field, &err))?;
    let input = super::model::ProfileUpdate {
        tickets_newest_first: tickets_newest_first.is_some(),
        ..input
    };
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&me).await;
    let now = chrono::Utc::now();
    super::service::update_profile(&ctx.db, &ctx.hasher, now, &actor, &current_password, input)
        .await
        .map_err(map_account_error)?;
    tracing::info!(admin_id = me.id, "account details saved");
    leptos_axum::redirect("/account?saved=1");
    Ok(())
}

#[server]
pub async fn change_my_password(
    current_password: String,
    password: String,
    password_confirmation: String,
    #[server(default)] log_out_others: String,
) -> Result<(), AppError> {
    use crate::kernel::guard::current_admin;
    use crate::kernel::guard::current_session_hash;
    let me = current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    let current = current_session_hash().await;
    let actor = crate::kernel::guard::audit_actor(&me).await;
    let (ended, epoch) = super::service::change_password(
        &ctx.db,
        &ctx.hasher,
        chrono::Utc::now(),
        &actor,
        super::service::PasswordChange {
            current_password: &current_password,
            new_password: &password,
            confirmation: &password_confirmation,
            log_out_others: !log_out_others.is_empty(),
        },
        current.as_deref(),
    )
    .await
    .map_err(map_account_error)?;
    // A new id for the session that changed the password; the old one is dead.
    crate::auth::guard::rotate_session(epoch).await?;
    tracing::info!(admin_id = me.id, ended, "password changed");
    leptos_axum::redirect(&format!("/account?password_changed={ended}"));
    Ok(())
}

#[server]
pub async fn end_my_session(key: String) -> Result<(), AppError> {
    use crate::kernel::guard::current_admin;
    let me = current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&me).await;
    let ended = super::service::end_session(&ctx.db, chrono::Utc::now(), &actor, &key).await?;
    if !ended {
        return Err(AppError::not_found());
    }
    leptos_axum::redirect("/account?session_ended=1");
    Ok(())
}
