//! Server functions for two-factor authentication: set-up, recovery codes and turning it off (for
//! the signed-in admin), resets (for administrators), and the login's second step (before login).

use leptos::prelude::*;

use super::model::TwoFactorStatus;
use crate::kernel::error::AppError;

/// The session key holding freshly made recovery codes, sealed, until the page shows them once.
#[cfg(feature = "ssr")]
const FRESH_CODES: &str = "fresh_recovery_codes";

#[cfg(feature = "ssr")]
pub fn map_error(err: super::service::TwoFactorError) -> AppError {
    use super::service::TwoFactorError;
    use crate::kernel::i18n::t;
    match err {
        TwoFactorError::AlreadyEnabled => AppError::conflict(t("twofa-error-already-on")),
        TwoFactorError::NotEnabled => AppError::conflict(t("twofa-error-not-on")),
        TwoFactorError::NoSetup => AppError::conflict(t("twofa-error-no-setup")),
        TwoFactorError::WrongCode => AppError::new(
            crate::kernel::ErrorCode::WrongCode,
            t("twofa-error-wrong-code"),
            422,
        )
        .with_field("code"),
        TwoFactorError::WrongPassword => AppError::new(
            crate::kernel::ErrorCode::WrongPassword,
            t("account-error-wrong-password"),
            422,
        )
        .with_field("current_password"),
        TwoFactorError::RequiredByRole => AppError::conflict(t("twofa-error-required-by-role")),
        TwoFactorError::OwnAccount => AppError::conflict(t("twofa-error-own-account")),
        TwoFactorError::Staff(e) => crate::admins::api::map_staff_error(e),
        TwoFactorError::Hash(crate::kernel::password::HashError::Busy) => AppError::busy(),
        TwoFactorError::Undecryptable => AppError::internal(&err),
        TwoFactorError::Hash(e) => AppError::internal(&e),
        TwoFactorError::Db(e) => AppError::internal(&e),
    }
}

#[cfg(feature = "ssr")]
fn issuer(ctx: &crate::kernel::context::ServerContext) -> String {
    ctx.settings.organization.name.clone()
}

/// Keeps new recovery codes in the session, sealed, for the one page view that shows them.
#[cfg(feature = "ssr")]
async fn stash_codes(
    ctx: &crate::kernel::context::ServerContext,
    admin_id: i32,
    codes: &[super::model::RecoveryCode],
) -> Result<(), AppError> {
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|e| AppError::internal(&e))?;
    let text = codes
        .iter()
        .map(super::model::RecoveryCode::display)
        .collect::<Vec<_>>()
        .join("\n");
    let sealed = ctx.secret_key.seal(
        &format!("staffdesk recovery codes {admin_id}"),
        text.as_bytes(),
    );
    session
        .insert(FRESH_CODES, sealed)
        .await
        .map_err(|e| AppError::internal(&e))
}

#[server]
pub async fn get_two_factor_status() -> Result<TwoFactorStatus, AppError> {
    let me = crate::kernel::guard::current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::status(&ctx.db, &ctx.secret_key, &me, &issuer(&ctx))
        .await
        .map_err(map_error)
}

#[server]
pub async fn start_two_factor_setup(
    #[server(default)] current_password: String,
) -> Result<(), AppError> {
    let me = crate::kernel::guard::current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::begin(
        &ctx.db,
        &ctx.hasher,
        &ctx.secret_key,
        me.id,
        &current_password,
        chrono::Utc::now(),
    )
    .await
    .map_err(map_error)?;
    leptos_axum::redirect("/account/two-factor#setup");
    Ok(())
}

#[server]
pub async fn confirm_two_factor_setup(code: String) -> Result<(), AppError> {
    let me = crate::kernel::guard::current_admin()?;
    let code =
        super::model::TotpCode::parse(&code).map_err(|e| AppError::validation("code", &e))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&me).await;
    let codes =
        super::service::confirm(&ctx.db, &ctx.secret_key, &actor, &code, chrono::Utc::now())
            .await
            .map_err(map_error)?;
    ctx.mail_notify.notify_one();
    stash_codes(&ctx, me.id, &codes).await?;
    tracing::info!(admin_id = me.id, "two-factor authentication turned on");
    leptos_axum::redirect("/account/two-factor/recovery-codes");
    Ok(())
}

/// The recovery codes just made, once: reading them removes them from the session.
#[server]
pub async fn take_new_recovery_codes() -> Result<Vec<String>, AppError> {
    let me = crate::kernel::guard::current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|e| AppError::internal(&e))?;
    let sealed: Option<String> = session
        .remove(FRESH_CODES)
        .await
        .map_err(|e| AppError::internal(&e))?;
    let Some(sealed) = sealed else {
        return Ok(Vec::new());
    };
    let text = ctx
        .secret_key
        .open(&format!("staffdesk recovery codes {}", me.id), &sealed)
        .map_err(|e| AppError::internal(&e))?;
    Ok(String::from_utf8_lossy(&text)
        .lines()
        .map(str::to_owned)
        .collect())
}

#[server]
pub async fn regenerate_recovery_codes(current_password: String) -> Result<(), AppError> {
    let me = crate::kernel::guard::current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&me).await;
    let codes = super::service::regenerate(
        &ctx.db,
        &ctx.hasher,
        &me,
        &actor,
        &current_password,
        chrono::Utc::now(),
    )
    .await
    .map_err(map_error)?;
    stash_codes(&ctx, me.id, &codes).await?;
    leptos_axum::redirect("/account/two-factor/recovery-codes");
    Ok(())
}

#[server]
pub async fn disable_two_factor(current_password: String, code: String) -> Result<(), AppError> {
    let me = crate::kernel::guard::current_admin()?;
    let factor =
        super::model::SecondFactor::parse(&code).map_err(|e| AppError::validation("code", &e))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&me).await;
    super::service::disable(
        &ctx.db,
        &ctx.hasher,
        &ctx.secret_key,
        &me,
        &actor,
        super::service::Proof {
            password: &current_password,
            factor: &factor,
        },
        chrono::Utc::now(),
    )
    .await
    .map_err(map_error)?;
    tracing::info!(admin_id = me.id, "two-factor authentication turned off");
    leptos_axum::redirect("/account/two-factor?disabled=1");
    Ok(())
}

/// An administrator turns off another admin's two-factor authentication; the admin is emailed.
#[server]
pub async fn reset_two_factor(admin_id: i32) -> Result<(), AppError> {
    use crate::kernel::Permission;
    let me = crate::kernel::guard::require(Permission::ResetTwoFactor)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&me).await;
    super::service::reset_for(
        &ctx.db,
        super::service::ResetContext {
            organization: &ctx.settings.organization.name,
            public_url: &ctx.settings.server.public_url,
        },
        &me,
        &actor,
        admin_id,
        chrono::Utc::now(),
    )
    .await
    .map_err(map_error)?;
    ctx.mail_notify.notify_one();
    tracing::info!(admin_id, by = me.id, "two-factor authentication reset");
    leptos_axum::redirect(&format!("/admins/{admin_id}?two_factor_reset=1"));
    Ok(())
}
