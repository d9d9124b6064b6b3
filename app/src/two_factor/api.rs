//! Server functions for two-factor authentication: set-up, recovery codes and turning it off (for
//! the signed-in admin), resets (for administrators), and the login's second step (before login).

use leptos::prelude::*;

use super::model::TwoFactorStatus;
use crate::error::AppError;

/// The session key holding freshly made recovery codes, sealed, until the page shows them once.
#[cfg(feature = "ssr")]
const FRESH_CODES: &str = "fresh_recovery_codes";

/// The cookie carrying a login that waits for its second factor. It is not a session.
#[cfg(feature = "ssr")]
pub fn challenge_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-staffdesk_login"
    } else {
        "staffdesk_login"
    }
}

#[cfg(feature = "ssr")]
fn map_error(err: super::service::TwoFactorError) -> AppError {
    use super::service::TwoFactorError;
    use crate::i18n::t;
    match err {
        TwoFactorError::AlreadyEnabled => AppError::conflict(t("twofa-error-already-on")),
        TwoFactorError::NotEnabled => AppError::conflict(t("twofa-error-not-on")),
        TwoFactorError::NoSetup => AppError::conflict(t("twofa-error-no-setup")),
        TwoFactorError::WrongCode => {
            AppError::new("WRONG_CODE", t("twofa-error-wrong-code"), 422).with_field("code")
        }
        TwoFactorError::WrongPassword => {
            AppError::new("WRONG_PASSWORD", t("account-error-wrong-password"), 422)
                .with_field("current_password")
        }
        TwoFactorError::RequiredByRole => AppError::conflict(t("twofa-error-required-by-role")),
        TwoFactorError::OwnAccount => AppError::conflict(t("twofa-error-own-account")),
        TwoFactorError::Staff(e) => crate::admins::api::map_staff_error(e),
        TwoFactorError::Hash(crate::auth::password::HashError::Busy) => AppError::busy(),
        TwoFactorError::Undecryptable => AppError::internal(&err),
        TwoFactorError::Hash(e) => AppError::internal(&e),
        TwoFactorError::Db(e) => AppError::internal(&e),
    }
}

#[cfg(feature = "ssr")]
fn issuer(ctx: &crate::context::ServerContext) -> String {
    ctx.settings.organization.name.clone()
}

/// Keeps new recovery codes in the session, sealed, for the one page view that shows them.
#[cfg(feature = "ssr")]
async fn stash_codes(
    ctx: &crate::context::ServerContext,
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
    use crate::error::respond_with;
    let me = crate::auth::guard::current_admin()?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    super::service::status(&ctx.db, &ctx.secret_key, &me, &issuer(&ctx))
        .await
        .map_err(|e| respond_with(map_error(e)))
}

#[server]
pub async fn start_two_factor_setup(
    #[server(default)] current_password: String,
) -> Result<(), AppError> {
    use crate::error::respond_with;
    let me = crate::auth::guard::current_admin()?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    super::service::begin(
        &ctx.db,
        &ctx.hasher,
        &ctx.secret_key,
        me.id,
        &current_password,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| respond_with(map_error(e)))?;
    leptos_axum::redirect("/account/two-factor#setup");
    Ok(())
}

#[server]
pub async fn confirm_two_factor_setup(code: String) -> Result<(), AppError> {
    use crate::error::respond_with;
    let me = crate::auth::guard::current_admin()?;
    let code = super::model::TotpCode::parse(&code)
        .map_err(|e| respond_with(AppError::validation("code", &e)))?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let actor = crate::auth::guard::audit_actor(&me).await;
    let codes =
        super::service::confirm(&ctx.db, &ctx.secret_key, &actor, &code, chrono::Utc::now())
            .await
            .map_err(|e| respond_with(map_error(e)))?;
    ctx.mail_notify.notify_one();
    stash_codes(&ctx, me.id, &codes)
        .await
        .map_err(respond_with)?;
    tracing::info!(admin_id = me.id, "two-factor authentication turned on");
    leptos_axum::redirect("/account/two-factor/recovery-codes");
    Ok(())
}

/// The recovery codes just made, once: reading them removes them from the session.
#[server]
pub async fn take_new_recovery_codes() -> Result<Vec<String>, AppError> {
    use crate::error::respond_with;
    let me = crate::auth::guard::current_admin()?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    let sealed: Option<String> = session
        .remove(FRESH_CODES)
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    let Some(sealed) = sealed else {
        return Ok(Vec::new());
    };
    let text = ctx
        .secret_key
        .open(&format!("staffdesk recovery codes {}", me.id), &sealed)
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    Ok(String::from_utf8_lossy(&text)
        .lines()
        .map(str::to_owned)
        .collect())
}

#[server]
pub async fn regenerate_recovery_codes(current_password: String) -> Result<(), AppError> {
    use crate::error::respond_with;
    let me = crate::auth::guard::current_admin()?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let actor = crate::auth::guard::audit_actor(&me).await;
    let codes = super::service::regenerate(
        &ctx.db,
        &ctx.hasher,
        &me,
        &actor,
        &current_password,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| respond_with(map_error(e)))?;
    stash_codes(&ctx, me.id, &codes)
        .await
        .map_err(respond_with)?;
    leptos_axum::redirect("/account/two-factor/recovery-codes");
    Ok(())
}

#[server]
pub async fn disable_two_factor(current_password: String, code: String) -> Result<(), AppError> {
    use crate::error::respond_with;
    let me = crate::auth::guard::current_admin()?;
    let factor = super::model::SecondFactor::parse(&code)
        .map_err(|e| respond_with(AppError::validation("code", &e)))?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let actor = crate::auth::guard::audit_actor(&me).await;
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
    .map_err(|e| respond_with(map_error(e)))?;
    tracing::info!(admin_id = me.id, "two-factor authentication turned off");
    leptos_axum::redirect("/account/two-factor?disabled=1");
    Ok(())
}

/// An administrator turns off another admin's two-factor authentication; the admin is emailed.
#[server]
pub async fn reset_two_factor(admin_id: i32) -> Result<(), AppError> {
    use crate::auth::Permission;
    use crate::error::respond_with;
    let me = crate::auth::guard::require(Permission::ResetTwoFactor)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let actor = crate::auth::guard::audit_actor(&me).await;
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
    .map_err(|e| respond_with(map_error(e)))?;
    ctx.mail_notify.notify_one();
    tracing::info!(admin_id, by = me.id, "two-factor authentication reset");
    leptos_axum::redirect(&format!("/admins/{admin_id}?two_factor_reset=1"));
    Ok(())
}

/// The login waiting for a second factor, from this request's cookie.
#[cfg(feature = "ssr")]
fn challenge_token(https: bool) -> Option<crate::invitations::token::InvitationToken> {
    let parts = use_context::<http::request::Parts>()?;
    let value = crate::auth::guard::cookie(&parts.headers, challenge_cookie_name(https))?;
    crate::invitations::token::InvitationToken::parse(&value)
}

/// Sets (or, with no token, removes) the second-step cookie on this response.
#[cfg(feature = "ssr")]
pub fn set_challenge_cookie(
    token: Option<&crate::invitations::token::InvitationToken>,
    https: bool,
) {
    let name = challenge_cookie_name(https);
    let secure = if https { "; Secure" } else { "" };
    let cookie = match token {
        Some(token) => format!(
            "{name}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
            token.expose(),
            super::service::CHALLENGE_MINUTES * 60
        ),
        None => format!("{name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"),
    };
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        options.append_header(http::header::SET_COOKIE, value);
    }
}

/// Whether this browser has a login waiting for its second factor (for the page before the form).
#[server]
pub async fn get_login_challenge() -> Result<bool, AppError> {
    use crate::error::respond_with;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let Some(token) = challenge_token(ctx.settings.is_https()) else {
        return Ok(false);
    };
    let found = super::service::find_challenge(&ctx.db, &token, chrono::Utc::now())
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    Ok(found.is_some())
}

/// The login's second step: an app code or a recovery code. Only now is a session issued.
#[server]
pub async fn verify_login_code(code: String, next: String) -> Result<(), AppError> {
    use super::model::SecondFactor;
    use crate::auth::api::login_error;
    use crate::auth::model::safe_next;
    use crate::auth::service::{
        LoginError, LoginRules, failure_key, record_failure, take_attempt, withdraw_attempt,
    };
    use crate::error::respond_with;
    use crate::i18n::t;

    let ctx = crate::context::server_context().map_err(respond_with)?;
    let https = ctx.settings.is_https();
    let now = chrono::Utc::now();
    let expired = || {
        respond_with(AppError::new(
            "LOGIN_CHALLENGE_EXPIRED",
            t("twofa-login-expired"),
            401,
        ))
    };
    let token = challenge_token(https).ok_or_else(expired)?;
    let (challenge, admin) = super::service::find_challenge(&ctx.db, &token, now)
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?
        .ok_or_else(expired)?;
    let (ip, user_agent) = crate::auth::guard::client().await;
    let origin = crate::audit::service::Actor::anonymous(&ip, &user_agent);
    let rules = LoginRules::from_settings(&ctx.settings);
    let key = failure_key(&admin.username);
    let refused = |err: LoginError| match err {
        LoginError::InvalidCredentials => respond_with(
            AppError::new("WRONG_CODE", t("twofa-error-wrong-code"), 401).with_field("code"),
        ),
        other => respond_with(login_error(other, now)),
    };
    let factor =
        SecondFactor::parse(&code).map_err(|e| respond_with(AppError::validation("code", &e)))?;
    // Counted before the code is checked, against the address and account and against this
    // challenge's own limit, so parallel guesses cannot slip past either.
    let attempt = take_attempt(&ctx.db, now, rules, &ip, &key)
        .await
        .map_err(refused)?;
    if !super::service::take_challenge_try(&ctx.db, challenge.id)
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?
    {
        withdraw_attempt(&ctx.db, attempt)
            .await
            .map_err(|e| respond_with(AppError::internal(&e)))?;
        return Err(expired());
    }
    let passed = super::service::verify(&ctx.db, &ctx.secret_key, admin.id, &factor, now)
        .await
        .map_err(|e| respond_with(map_error(e)))?;
    if !passed {
        tracing::info!(%ip, admin_id = admin.id, "wrong second factor");
        let outcome = record_failure(&ctx.db, now, rules, &origin, &key, Some(&admin), true)
            .await
            .map_err(|e| respond_with(AppError::internal(&e)))?;
        return Err(refused(outcome));
    }
    withdraw_attempt(&ctx.db, attempt)
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    if !super::service::close_challenge(&ctx.db, challenge.id)
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?
    {
        return Err(expired());
    }
    crate::auth::service::record_login(&ctx.db, now, &origin, &admin, Some(factor.method()))
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    // The session belongs to the epoch of the password check, not of this moment.
    let admin = crate::entities::admin::Model {
        session_epoch: challenge.session_epoch,
        ..admin
    };
    crate::auth::guard::log_in(&ctx.db, &admin, now).await?;
    set_challenge_cookie(None, https);
    tracing::info!(admin_id = admin.id, %ip, method = factor.method(), "admin logged in");
    leptos_axum::redirect(safe_next(&next));
    Ok(())
}
