//! Server functions for logging in and out.

use leptos::prelude::*;

use crate::error::AppError;

#[server]
pub async fn login(username: String, password: String, next: String) -> Result<(), AppError> {
    use super::model::safe_next;
    use super::service::{self, LoginError, LoginRules};
    use crate::error::respond_with;

    let ctx = crate::context::server_context().map_err(respond_with)?;
    let (ip, user_agent) = super::guard::client().await;
    let origin = crate::audit::service::Actor::anonymous(&ip, &user_agent);
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
                .map_err(|e| respond_with(AppError::internal(&e)))?;
            if two_factor {
                // No session yet: only a short-lived challenge, met on the next page.
                let token = crate::two_factor::service::open_challenge(&ctx.db, &admin, &ip, now)
                    .await
                    .map_err(|e| respond_with(AppError::internal(&e)))?;
                crate::two_factor::api::set_challenge_cookie(Some(&token), ctx.settings.is_https());
                tracing::info!(admin_id = admin.id, %ip, "password accepted; waiting for the second factor");
                leptos_axum::redirect(&format!(
                    "/login/two-factor?next={}",
                    super::pages::urlencode(safe_next(&next))
                ));
                return Ok(());
            }
            service::record_login(&ctx.db, now, &origin, &admin, None)
                .await
                .map_err(|e| respond_with(AppError::internal(&e)))?;
            super::guard::log_in(&ctx.db, &admin, now).await?;
            tracing::info!(admin_id = admin.id, %ip, "admin logged in");
            leptos_axum::redirect(safe_next(&next));
            Ok(())
        }
        Err(err) => {
            if matches!(err, LoginError::InvalidCredentials) {
                tracing::info!(%ip, "failed admin login");
            }
            Err(respond_with(login_error(err, now)))
        }
    }
}

/// What the user reads when a login step is refused. Both steps (password, then second factor)
/// share it; a wrong second factor says so instead of "invalid credentials".
#[cfg(feature = "ssr")]
pub(crate) fn login_error(
    err: super::service::LoginError,
    now: chrono::DateTime<chrono::Utc>,
) -> AppError {
    use super::service::LoginError;
    use crate::i18n::{t, t_args};
    match err {
        LoginError::InvalidCredentials => {
            AppError::new("INVALID_CREDENTIALS", t("login-error-invalid"), 401)
        }
        LoginError::Banned { until } => {
            let minutes = (until - now).num_seconds().div_euclid(60) + 1;
            AppError::new(
                "IP_BANNED",
                t_args("login-error-banned", &[("minutes", minutes.into())]),
                429,
            )
        }
        LoginError::Throttled => {
            AppError::new("ACCOUNT_THROTTLED", t("login-error-throttled"), 429)
        }
        LoginError::TooManyAttempts => {
            AppError::new("TOO_MANY_ATTEMPTS", t("login-error-too-many-attempts"), 429)
        }
        LoginError::Hash(super::password::HashError::Busy) => AppError::busy(),
        LoginError::Hash(e) => AppError::internal(&e),
        LoginError::Db(e) => AppError::internal(&e),
    }
}

#[server]
pub async fn logout() -> Result<(), AppError> {
    use tower_sessions::Session;

    use crate::error::respond_with;

    let session: Session = leptos_axum::extract()
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    if let Some(admin) = super::guard::viewer() {
        let ctx = crate::context::server_context().map_err(respond_with)?;
        let actor = super::guard::audit_actor(&admin).await;
        let event = crate::audit::service::Event::new(
            crate::audit::model::Action::Logout,
            Some(crate::audit::service::Target::current(&admin)),
        );
        crate::audit::service::record_alone(&ctx.db, chrono::Utc::now(), &actor, event)
            .await
            .map_err(|e| respond_with(e.into()))?;
    }
    // Deletes the session from the database and expires the cookie.
    session
        .flush()
        .await
        .map_err(|e| respond_with(AppError::internal(&e)))?;
    leptos_axum::redirect("/login");
    Ok(())
}
