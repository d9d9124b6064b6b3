//! Logging in: the password step, and the second step for admins with two-factor authentication.
//! This flow spans `auth` (passwords, sessions, throttling) and `two_factor` (codes), so it lives
//! above both.

use leptos::prelude::*;

use crate::kernel::error::AppError;

#[server]
pub async fn login(username: String, password: String, next: String) -> Result<(), AppError> {
    use super::model::safe_next;
    use crate::auth::service::{self, LoginError, LoginRules};

    let ctx = crate::kernel::context::server_context()?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let now = chrono::Utc::now();
    let rules = LoginRules::from_settings(&ctx.settings);
    match service::attempt_login(
        &ctx.db,
        &ctx.hasher,
        now,
        rules,
        &origin,
        &username,
        &password,
    )
    .await
    {
        Ok(admin) => {
            let two_factor = crate::two_factor::service::is_enabled(&ctx.db, admin.id)
                .await
                .map_err(|e| AppError::internal(&e))?;
            if two_factor {
                // No session yet: only a short-lived challenge, met on the next page.
                let token = crate::two_factor::service::open_challenge(&ctx.db, &admin, &ip, now)
                    .await
                    .map_err(|e| AppError::internal(&e))?;
                set_challenge_cookie(Some(&token), ctx.settings.is_https());
                tracing::info!(admin_id = admin.id, %ip, "password accepted; waiting for the second factor");
                leptos_axum::redirect(&format!(
                    "/login/two-factor?next={}",
                    crate::kernel::http::urlencode(safe_next(&next))
                ));
                return Ok(());
            }
            service::record_login(&ctx.db, now, &origin, &admin, None)
                .await
                .map_err(|e| AppError::internal(&e))?;
            crate::auth::guard::log_in(&ctx.db, &admin, now).await?;
            tracing::info!(admin_id = admin.id, %ip, "admin logged in");
            leptos_axum::redirect(safe_next(&next));
            Ok(())
        }
        Err(err) => {
            if matches!(err, LoginError::InvalidCredentials) {
                tracing::info!(%ip, "failed admin login");
            }
            Err(login_error(err, now))
        }
    }
}

/// What the user reads when a login step is refused. Both steps (password, then second factor)
/// share it; a wrong second factor says so instead of "invalid credentials".
#[cfg(feature = "ssr")]
pub(crate) fn login_error(
    err: crate::auth::service::LoginError,
    now: chrono::DateTime<chrono::Utc>,
) -> AppError {
    use crate::auth::service::LoginError;
    use crate::kernel::i18n::{t, t_args};
    match err {
        LoginError::InvalidCredentials => AppError::new(
            crate::kernel::ErrorCode::InvalidCredentials,
            t("login-error-invalid"),
            401,
        ),
        LoginError::Banned { until } => {
            let minutes = (until - now).num_seconds().div_euclid(60) + 1;
            AppError::new(
                crate::kernel::ErrorCode::IpBanned,
                t_args("login-error-banned", &[("minutes", minutes.into())]),
                429,
            )
        }
        LoginError::Throttled => AppError::new(
            crate::kernel::ErrorCode::AccountThrottled,
            t("login-error-throttled"),
            429,
        ),
        LoginError::TooManyAttempts => AppError::new(
            crate::kernel::ErrorCode::TooManyAttempts,
            t("login-error-too-many-attempts"),
            429,
        ),
        LoginError::Hash(crate::kernel::password::HashError::Busy) => AppError::busy(),
        LoginError::Hash(e) => AppError::internal(&e),
        LoginError::Db(e) => AppError::internal(&e),
    }
}

/// The cookie carrying a login that waits for its second factor. It is not a session.
#[cfg(feature = "ssr")]
pub fn challenge_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-staffdesk_login"
    } else {
        "staffdesk_login"
    }
}

/// The login waiting for a second factor, from this request's cookie.
#[cfg(feature = "ssr")]
fn challenge_token(https: bool) -> Option<crate::kernel::token::SecretToken> {
    read_challenge_cookie(challenge_cookie_name(https))
}

/// The token in this request's cookie `name`, if it holds one.
#[cfg(feature = "ssr")]
pub fn read_challenge_cookie(name: &str) -> Option<crate::kernel::token::SecretToken> {
    let parts = use_context::<http::request::Parts>()?;
    let value = crate::kernel::guard::cookie(&parts.headers, name)?;
    crate::kernel::token::SecretToken::parse(&value)
}
/// Sets (or, with no token, removes) the second-step cookie on this response.
#[cfg(feature = "ssr")]
pub fn set_challenge_cookie(token: Option<&crate::kernel::token::SecretToken>, https: bool) {
    write_challenge_cookie(challenge_cookie_name(https), token, https);
}

/// Sets (or, with no token, removes) the second-step cookie `name` on this response: the staff
/// login's, or the Client Area's.
#[cfg(feature = "ssr")]
pub fn write_challenge_cookie(
    name: &str,
    token: Option<&crate::kernel::token::SecretToken>,
    https: bool,
) {
    let secure = if https { "; Secure" } else { "" };
    let cookie = match token {
        Some(token) => format!(
            "{name}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
            token.expose(),
            crate::two_factor::service::CHALLENGE_MINUTES * 60
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
    let ctx = crate::kernel::context::server_context()?;
    let Some(token) = challenge_token(ctx.settings.is_https()) else {
        return Ok(false);
    };
    let found = crate::two_factor::service::find_challenge(&ctx.db, &token, chrono::Utc::now())
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok(found.is_some())
}
/// The login's second step: an app code or a recovery code. Only now is a session issued.
#[server]
pub async fn verify_login_code(code: String, next: String) -> Result<(), AppError> {
    use super::model::safe_next;
    use crate::auth::service::{
        LoginError, LoginRules, failure_key, record_failure, take_attempt, withdraw_attempt,
    };
    use crate::kernel::i18n::t;
    use crate::two_factor::model::SecondFactor;

    let ctx = crate::kernel::context::server_context()?;
    let https = ctx.settings.is_https();
    let now = chrono::Utc::now();
    let expired = || {
        AppError::new(
            crate::kernel::ErrorCode::LoginChallengeExpired,
            t("twofa-login-expired"),
            401,
        )
    };
    let token = challenge_token(https).ok_or_else(expired)?;
    let (challenge, admin) = crate::two_factor::service::find_challenge(&ctx.db, &token, now)
        .await
        .map_err(|e| AppError::internal(&e))?
        .ok_or_else(expired)?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let rules = LoginRules::from_settings(&ctx.settings);
    let key = failure_key(&admin.username);
    let refused = |err: LoginError| match err {
        LoginError::InvalidCredentials => AppError::new(
            crate::kernel::ErrorCode::WrongCode,
            t("twofa-error-wrong-code"),
            401,
        )
        .with_field("code"),
        other => login_error(other, now),
    };
    let factor = SecondFactor::parse(&code).map_err(|e| AppError::validation("code", &e))?;
    // Counted before the code is checked, against the address and account and against this
    // challenge's own limit, so parallel guesses cannot slip past either.
    let attempt = take_attempt(&ctx.db, now, rules, &ip, &key)
        .await
        .map_err(refused)?;
    if !crate::two_factor::service::take_challenge_try(&ctx.db, challenge.id)
        .await
        .map_err(|e| AppError::internal(&e))?
    {
        withdraw_attempt(&ctx.db, attempt)
            .await
            .map_err(|e| AppError::internal(&e))?;
        return Err(expired());
    }
    let passed =
        crate::two_factor::service::verify(&ctx.db, &ctx.secret_key, admin.id, &factor, now)
            .await
            .map_err(crate::two_factor::api::map_error)?;
    if !passed {
        tracing::info!(%ip, admin_id = admin.id, "wrong second factor");
        let outcome = record_failure(&ctx.db, now, rules, &origin, &key, Some(&admin), true)
            .await
            .map_err(|e| AppError::internal(&e))?;
        return Err(refused(outcome));
    }
    withdraw_attempt(&ctx.db, attempt)
        .await
        .map_err(|e| AppError::internal(&e))?;
    if !crate::two_factor::service::close_challenge(&ctx.db, challenge.id)
        .await
        .map_err(|e| AppError::internal(&e))?
    {
        return Err(expired());
    }
    crate::auth::service::record_login(&ctx.db, now, &origin, &admin, Some(factor.method()))
        .await
        .map_err(|e| AppError::internal(&e))?;
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
