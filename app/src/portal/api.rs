//! The Client Area's server functions, all under `/client/api/`, where only the Client Area's own
//! session cookie is read. Each checks the user's permission at the client they work on, and
//! takes that client from the session, never from the request: another client's records do not
//! exist here.

// Forms post every field as an argument of its own.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::model::{PortalHome, UserAccountView};
use crate::clients::model::{ClientView, ContactView, InvoiceRow, InvoiceView, ServiceView};
use crate::kernel::error::AppError;
use crate::tickets::model::{RequesterOptions, RequesterTicketRow, RequesterTicketView};
use crate::users::model::{InvitationLookup, UserTwoFactorStatus, UsersSection};

#[cfg(feature = "ssr")]
mod plumbing {
    use crate::kernel::error::AppError;

    /// This request's Client Area session.
    pub async fn session() -> Result<tower_sessions::Session, AppError> {
        leptos_axum::extract()
            .await
            .map_err(|e| AppError::internal(&e))
    }

    pub fn internal(err: impl std::fmt::Display) -> AppError {
        AppError::internal(&err)
    }

    /// Signs `user` in on this request's Client Area session (a fresh id).
    pub async fn start(
        user: &crate::entities::user::Model,
        client_id: Option<i32>,
        staff: Option<(i32, i64)>,
    ) -> Result<(), AppError> {
        let session = session().await?;
        let (ip, user_agent) = crate::kernel::guard::client().await;
        crate::users::service::start_session(
            &session,
            user,
            client_id,
            staff,
            &ip,
            &user_agent,
            chrono::Utc::now(),
        )
        .await
        .map_err(internal)
    }

    /// The cookie carrying a Client Area login that waits for its second factor.
    pub fn challenge_cookie(https: bool) -> &'static str {
        if https {
            "__Host-staffdesk_client_login"
        } else {
            "staffdesk_client_login"
        }
    }

    /// The signed-in user acting on their own credentials (password, two-factor): never staff
    /// who opened the Client Area as them.
    pub fn own_account() -> Result<std::sync::Arc<crate::kernel::CurrentUser>, AppError> {
        let me = crate::kernel::guard::current_user()?;
        if me.staff_id.is_some() {
            return Err(AppError::new(
                crate::kernel::ErrorCode::Forbidden,
                crate::kernel::i18n::t("portal-error-staff-credentials"),
                403,
            ));
        }
        Ok(me)
    }

    /// Runs a check of the signed-in user's own password or code, counted like a login toward the
    /// IP ban and the account throttle: a wrong answer is a failure, anything else is withdrawn.
    /// A stolen session therefore cannot guess the password (or a code) without limit.
    pub async fn counted<T>(
        me: &crate::kernel::CurrentUser,
        check: impl std::future::Future<Output = Result<T, crate::users::service::UserError>>,
    ) -> Result<T, AppError> {
        use crate::auth::service::{LoginRules, record_failure_as, take_attempt, withdraw_attempt};
        use crate::kernel::audit::{Action, Actor, Event, Target};
        use crate::users::service::UserError;
        let ctx = crate::kernel::context::server_context()?;
        let now = chrono::Utc::now();
        let (ip, user_agent) = crate::kernel::guard::client().await;
        let rules = LoginRules::from_settings(&ctx.settings);
        let key = crate::users::service::failure_key(&me.email);
        let attempt = take_attempt(&ctx.db, now, rules, &ip, &key)
            .await
            .map_err(|e| crate::login::api::login_error(e, now))?;
        match check.await {
            Err(wrong @ (UserError::WrongPassword | UserError::WrongCode)) => {
                let origin = Actor::user(me.id, &me.display_name(), &ip, &user_agent);
                let target = Target::new(
                    "user",
                    me.id,
                    format!("{} ({})", me.display_name(), me.email),
                );
                let event = Event::new(Action::UserLoginFailed, Some(target))
                    .after(serde_json::json!({ "email": me.email, "signed_in_check": true }));
                let outcome = record_failure_as(&ctx.db, now, rules, &origin, &key, event).await?;
                if matches!(outcome, crate::auth::service::LoginError::Banned { .. }) {
                    return Err(crate::login::api::login_error(outcome, now));
                }
                Err(crate::users::api::plumbing::failed(wrong))
            }
            other => {
                withdraw_attempt(&ctx.db, attempt).await?;
                other.map_err(crate::users::api::plumbing::failed)
            }
        }
    }

    /// Where freshly made recovery codes wait, sealed, to be shown once.
    pub const FRESH_CODES: &str = "fresh_recovery_codes";

    pub fn codes_context(user_id: i32) -> String {
        format!("staffdesk user recovery codes {user_id}")
    }

    pub fn client_failed(err: crate::clients::service::ClientError) -> AppError {
        crate::clients::api::plumbing::failed(err)
    }
}

// Signing in and out.

/// The Client Area's login: the same ban and throttle as the staff login, its own session.
#[server(prefix = "/client/api")]
pub async fn client_login(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use crate::auth::service::{LoginError, LoginRules};
    let ctx = crate::kernel::context::server_context()?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let now = chrono::Utc::now();
    let rules = LoginRules::from_settings(&ctx.settings);
    let user = crate::users::service::attempt_login(
        &ctx.db,
        &ctx.hasher,
        now,
        rules,
        &origin,
        &email,
        &password,
    )
    .await
    .map_err(|err| match err {
        LoginError::InvalidCredentials => AppError::new(
            crate::kernel::ErrorCode::InvalidCredentials,
            crate::kernel::i18n::t("portal-login-invalid"),
            401,
        ),
        other => crate::login::api::login_error(other, now),
    })?;
    let two_factor = crate::users::two_factor::is_enabled(&ctx.db, user.id).await?;
    if two_factor {
        // No session yet: only a short-lived challenge, met on the next page.
        let token = crate::users::two_factor::open_challenge(&ctx.db, &user, now).await?;
        let https = ctx.settings.is_https();
        crate::login::api::write_challenge_cookie(
            plumbing::challenge_cookie(https),
            Some(&token),
            https,
        );
        leptos_axum::redirect(&format!(
            "/client/login/two-factor?next={}",
            crate::kernel::http::urlencode(super::model::safe_next(&next))
        ));
        return Ok(());
    }
    crate::users::service::record_login(&ctx.db, now, &origin, &user)
        .await
        .map_err(plumbing::internal)?;
    plumbing::start(&user, None, None).await?;
    tracing::info!(user_id = user.id, %ip, "client user logged in");
    leptos_axum::redirect(super::model::safe_next(&next));
    Ok(())
}

/// Whether this browser has a Client Area login waiting for its second factor.
#[server(prefix = "/client/api")]
pub async fn get_client_login_challenge() -> Result<bool, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let cookie = plumbing::challenge_cookie(ctx.settings.is_https());
    let Some(token) = crate::login::api::read_challenge_cookie(cookie) else {
        return Ok(false);
    };
    Ok(
        crate::users::two_factor::find_challenge(&ctx.db, &token, chrono::Utc::now())
            .await?
            .is_some(),
    )
}

/// The Client Area login's second step: an app code or a recovery code. Counted toward the same
/// ban and throttle as the password; only now is a session issued.
#[server(prefix = "/client/api")]
pub async fn verify_client_login_code(
    code: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use crate::auth::service::{
        LoginError, LoginRules, record_failure_as, take_attempt, withdraw_attempt,
    };
    use crate::kernel::audit::{Action, Event};
    use crate::kernel::i18n::t;
    use crate::two_factor::model::SecondFactor;
    let ctx = crate::kernel::context::server_context()?;
    let https = ctx.settings.is_https();
    let now = chrono::Utc::now();
    let expired = || {
        AppError::new(
            crate::kernel::ErrorCode::LoginChallengeExpired,
            t("portal-login-expired"),
            401,
        )
    };
    let token = crate::login::api::read_challenge_cookie(plumbing::challenge_cookie(https))
        .ok_or_else(expired)?;
    let (challenge, user) = crate::users::two_factor::find_challenge(&ctx.db, &token, now)
        .await?
        .ok_or_else(expired)?;
    let factor = SecondFactor::parse(&code).map_err(|e| AppError::validation("code", &e))?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let rules = LoginRules::from_settings(&ctx.settings);
    let key = crate::users::service::failure_key(&user.email);
    let refused = |err: LoginError| match err {
        LoginError::InvalidCredentials => AppError::new(
            crate::kernel::ErrorCode::WrongCode,
            t("twofa-error-wrong-code"),
            401,
        )
        .with_field("code"),
        other => crate::login::api::login_error(other, now),
    };
    let attempt = take_attempt(&ctx.db, now, rules, &ip, &key)
        .await
        .map_err(refused)?;
    if !crate::users::two_factor::take_challenge_try(&ctx.db, challenge.id).await? {
        withdraw_attempt(&ctx.db, attempt).await?;
        return Err(expired());
    }
    let passed = crate::users::two_factor::verify(&ctx.db, &ctx.secret_key, user.id, &factor, now)
        .await
        .map_err(crate::users::api::plumbing::failed)?;
    if !passed {
        let event = Event::new(
            Action::UserLoginFailed,
            Some(crate::users::service::target(&user)),
        )
        .after(serde_json::json!({ "email": user.email, "second_factor": true }));
        let outcome = record_failure_as(&ctx.db, now, rules, &origin, &key, event).await?;
        return Err(refused(outcome));
    }
    withdraw_attempt(&ctx.db, attempt).await?;
    if !crate::users::two_factor::close_challenge(&ctx.db, challenge.id, now).await? {
        return Err(expired());
    }
    crate::users::service::record_login(&ctx.db, now, &origin, &user)
        .await
        .map_err(plumbing::internal)?;
    // The session belongs to the epoch of the password check, not of this moment.
    let user = crate::entities::user::Model {
        session_epoch: challenge.session_epoch,
        ..user
    };
    plumbing::start(&user, None, None).await?;
    crate::login::api::write_challenge_cookie(plumbing::challenge_cookie(https), None, https);
    leptos_axum::redirect(super::model::safe_next(&next));
    Ok(())
}

/// Ends this Client Area session only: a staff session in the same browser stays. A session
/// opened with "log in as client" returns to the client's page in the admin area.
#[server(prefix = "/client/api")]
pub async fn client_logout() -> Result<(), AppError> {
    use crate::kernel::audit::{Action, Event};
    let ctx = crate::kernel::context::server_context()?;
    let me = crate::kernel::guard::user_viewer();
    if let Some(user) = &me {
        let actor = crate::kernel::guard::user_actor(user).await;
        crate::kernel::audit::record_alone(
            &ctx.db,
            chrono::Utc::now(),
            &actor,
            Event::new(
                Action::UserLoggedOut,
                Some(crate::kernel::audit::Target::new(
                    "user",
                    user.id,
                    format!("{} ({})", user.display_name(), user.email),
                )),
            ),
        )
        .await
        .map_err(plumbing::internal)?;
    }
    plumbing::session()
        .await?
        .flush()
        .await
        .map_err(plumbing::internal)?;
    // A session opened with "log in as client" goes back to the client in the admin area.
    match me
        .as_ref()
        .filter(|u| u.staff_name.is_some())
        .and_then(|u| u.client_id)
    {
        Some(client_id) => leptos_axum::redirect(&format!("/clients/{client_id}#users")),
        None => leptos_axum::redirect("/client/login"),
    }
    Ok(())
}

/// Opens the Client Area with a "log in as client" link (once, within two minutes).
#[server(prefix = "/client/api")]
pub async fn enter_as_client(token: String) -> Result<(), AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let (user, client_id, staff) =
        crate::users::service::redeem_login_as(&ctx.db, chrono::Utc::now(), &origin, &token)
            .await
            .map_err(crate::users::api::plumbing::failed)?;
    plumbing::start(&user, Some(client_id), Some(staff)).await?;
    leptos_axum::redirect("/client");
    Ok(())
}

// Invitations and password resets.

/// What an invitation link leads to; looking changes nothing.
#[server(prefix = "/client/api")]
pub async fn lookup_user_invitation(token: String) -> Result<InvitationLookup, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let me = crate::kernel::guard::user_viewer();
    crate::users::service::lookup(&ctx.db, chrono::Utc::now(), &token, me.as_deref())
        .await
        .map_err(AppError::from)
}

/// Accepts an invitation as a new user: name and password chosen, logged in at once.
#[server(prefix = "/client/api")]
pub async fn accept_user_invitation(
    token: String,
    first_name: String,
    last_name: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let lang = crate::kernel::i18n::lang();
    let user = crate::users::service::accept_new(
        &ctx.db,
        &ctx.hasher,
        chrono::Utc::now(),
        &origin,
        &token,
        &first_name,
        &last_name,
        &password,
        &password_confirmation,
        lang,
    )
    .await
    .map_err(crate::users::api::plumbing::failed)?;
    plumbing::start(&user, None, None).await?;
    leptos_axum::redirect("/client?joined=1");
    Ok(())
}

/// A signed-in user accepts an invitation to their own address.
#[server(prefix = "/client/api")]
pub async fn join_client(token: String) -> Result<(), AppError> {
    let me = crate::kernel::guard::current_user()?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    let client_id =
        crate::users::service::accept_existing(&ctx.db, chrono::Utc::now(), &actor, &token, &me)
            .await
            .map_err(crate::users::api::plumbing::failed)?;
    plumbing::session()
        .await?
        .insert(crate::users::service::CLIENT_ID, client_id)
        .await
        .map_err(plumbing::internal)?;
    leptos_axum::redirect("/client?joined=1");
    Ok(())
}

/// Emails a reset link if the address has an account; the answer is the same either way.
#[server(prefix = "/client/api")]
pub async fn request_user_reset(email: String) -> Result<(), AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    crate::users::service::request_reset(
        &ctx.db,
        &ctx.settings,
        chrono::Utc::now(),
        &origin,
        &email,
    )
    .await
    .map_err(plumbing::internal)?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect("/client/reset?sent=1");
    Ok(())
}

/// The address a reset link is for, if it still works; looking changes nothing.
#[server(prefix = "/client/api")]
pub async fn lookup_user_reset(token: String) -> Result<String, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    crate::users::service::lookup_reset(&ctx.db, chrono::Utc::now(), &token)
        .await
        .map_err(crate::users::api::plumbing::failed)
}

/// Sets a new password through a reset link: every other session of the user ends, and this
/// browser is logged in with a fresh session (unless the user has two-factor on: then they log
/// in with the new password and a code).
#[server(prefix = "/client/api")]
pub async fn complete_user_reset(
    token: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let (ip, user_agent) = crate::kernel::guard::client().await;
    let origin = crate::kernel::audit::Actor::anonymous(&ip, &user_agent);
    let user = crate::users::service::complete_reset(
        &ctx.db,
        &ctx.hasher,
        chrono::Utc::now(),
        &origin,
        &token,
        &password,
        &password_confirmation,
    )
    .await
    .map_err(crate::users::api::plumbing::failed)?;
    // An emailed link proves the mailbox, not the second factor: with two-factor on, the user
    // logs in with the new password and a code.
    if crate::users::two_factor::is_enabled(&ctx.db, user.id).await? {
        leptos_axum::redirect("/client/login?password_set=1");
        return Ok(());
    }
    plumbing::start(&user, None, None).await?;
    leptos_axum::redirect("/client?reset=1");
    Ok(())
}

// The signed-in user.

/// The home page: the client the user works on and a glance at it.
#[server(prefix = "/client/api")]
pub async fn get_portal_home() -> Result<PortalHome, AppError> {
    use crate::kernel::ClientPermission;
    let me = crate::kernel::guard::current_user()?;
    let ctx = crate::kernel::context::server_context()?;
    let client = me.active().cloned();
    let (mut open_tickets, mut unpaid_invoices, mut active_services) = (None, None, None);
    if let Some(m) = &client {
        if m.can(ClientPermission::Tickets) {
            let rows = crate::tickets::requester::of_client(&ctx.db, m.client_id).await?;
            open_tickets = Some(
                rows.iter()
                    .filter(|r| r.status != crate::tickets::model::Status::Closed)
                    .count(),
            );
        }
        if m.can(ClientPermission::Invoices) {
            let owner = crate::clients::service::find(&ctx.db, m.client_id)
                .await
                .map_err(plumbing::client_failed)?;
            let (rows, _) =
                crate::clients::service::invoice_page(&ctx.db, &owner, None, true).await?;
            unpaid_invoices = Some(rows.iter().filter(|r| r.status.payable()).count());
        }
        if m.can(ClientPermission::Services) {
            let rows = crate::clients::service::services_of(&ctx.db, m.client_id).await?;
            active_services = Some(rows.iter().filter(|s| s.status == "active").count());
        }
    }
    Ok(PortalHome {
        user_name: me.display_name(),
        client,
        memberships: me.memberships.clone(),
        open_tickets,
        unpaid_invoices,
        active_services,
    })
}

/// Works on another client the user belongs to.
#[server(prefix = "/client/api")]
pub async fn switch_client(client_id: String) -> Result<(), AppError> {
    let me = crate::kernel::guard::current_user()?;
    let id = crate::users::api::plumbing::id(&client_id)?;
    // A session opened with "log in as client" stays with the client it was opened for.
    if !me.memberships.iter().any(|m| m.client_id == id)
        || (me.staff_id.is_some() && me.client_id != Some(id))
    {
        return Err(AppError::not_found());
    }
    plumbing::session()
        .await?
        .insert(crate::users::service::CLIENT_ID, id)
        .await
        .map_err(plumbing::internal)?;
    leptos_axum::redirect("/client");
    Ok(())
}

#[server(prefix = "/client/api")]
pub async fn get_user_account() -> Result<UserAccountView, AppError> {
    let me = crate::kernel::guard::current_user()?;
    Ok(UserAccountView {
        first_name: me.first_name.clone(),
        last_name: me.last_name.clone(),
        email: me.email.clone(),
        language: me.language.code().to_owned(),
    })
}

/// The user's own name and language.
#[server(prefix = "/client/api")]
pub async fn update_user_account(
    first_name: String,
    last_name: String,
    language: String,
) -> Result<(), AppError> {
    let me = crate::kernel::guard::current_user()?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::users::service::update_account(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        me.id,
        &first_name,
        &last_name,
        &language,
    )
    .await
    .map_err(crate::users::api::plumbing::failed)?;
    leptos_axum::redirect("/client/account?saved=1");
    Ok(())
}

/// Changes the user's password: their other sessions end, this one goes on with a new id.
#[server(prefix = "/client/api")]
pub async fn change_user_password(
    current_password: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    let me = plumbing::own_account()?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    let user = plumbing::counted(
        &me,
        crate::users::service::change_password(
            &ctx.db,
            &ctx.hasher,
            chrono::Utc::now(),
            &actor,
            me.id,
            &current_password,
            &password,
            &password_confirmation,
        ),
    )
    .await?;
    let session = plumbing::session().await?;
    session.cycle_id().await.map_err(plumbing::internal)?;
    session
        .insert(crate::kernel::session_store::EPOCH, user.session_epoch)
        .await
        .map_err(plumbing::internal)?;
    leptos_axum::redirect("/client/account?saved=password");
    Ok(())
}

// Two-factor authentication.

#[server(prefix = "/client/api")]
pub async fn get_user_two_factor() -> Result<UserTwoFactorStatus, AppError> {
    let me = crate::kernel::guard::current_user()?;
    let ctx = crate::kernel::context::server_context()?;
    let mut status = crate::users::two_factor::status(
        &ctx.db,
        &ctx.secret_key,
        me.id,
        &me.email,
        &ctx.settings.organization.name,
    )
    .await
    .map_err(crate::users::api::plumbing::failed)?;
    // A set-up's key is the user's alone: staff acting as them never see it.
    if me.staff_id.is_some() {
        status.setup = None;
    }
    Ok(status)
}

/// Starts a set-up (a new key), confirmed by the current password.
#[server(prefix = "/client/api")]
pub async fn start_user_two_factor(
    #[server(default)] current_password: String,
) -> Result<(), AppError> {
    let me = plumbing::own_account()?;
    let ctx = crate::kernel::context::server_context()?;
    plumbing::counted(
        &me,
        crate::users::two_factor::begin(
            &ctx.db,
            &ctx.hasher,
            &ctx.secret_key,
            me.id,
            &current_password,
            chrono::Utc::now(),
        ),
    )
    .await?;
    leptos_axum::redirect("/client/account#two-factor");
    Ok(())
}

/// Turns two-factor on with the app's first code; the recovery codes are shown next, once.
#[server(prefix = "/client/api")]
pub async fn confirm_user_two_factor(code: String) -> Result<(), AppError> {
    let me = plumbing::own_account()?;
    let code = crate::two_factor::model::TotpCode::parse(&code)
        .map_err(|e| AppError::validation("code", &e))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    let codes = crate::users::two_factor::confirm(
        &ctx.db,
        &ctx.secret_key,
        &actor,
        me.id,
        &code,
        chrono::Utc::now(),
    )
    .await
    .map_err(crate::users::api::plumbing::failed)?;
    let text = codes
        .iter()
        .map(crate::two_factor::model::RecoveryCode::display)
        .collect::<Vec<_>>()
        .join("\n");
    let sealed = ctx
        .secret_key
        .seal(&plumbing::codes_context(me.id), text.as_bytes());
    plumbing::session()
        .await?
        .insert(plumbing::FRESH_CODES, sealed)
        .await
        .map_err(plumbing::internal)?;
    leptos_axum::redirect("/client/account/recovery-codes");
    Ok(())
}

/// The recovery codes just made, once: reading them removes them from the session.
#[server(prefix = "/client/api")]
pub async fn take_user_recovery_codes() -> Result<Vec<String>, AppError> {
    let me = plumbing::own_account()?;
    let ctx = crate::kernel::context::server_context()?;
    let sealed: Option<String> = plumbing::session()
        .await?
        .remove(plumbing::FRESH_CODES)
        .await
        .map_err(plumbing::internal)?;
    let Some(sealed) = sealed else {
        return Ok(Vec::new());
    };
    let text = ctx
        .secret_key
        .open(&plumbing::codes_context(me.id), &sealed)
        .map_err(plumbing::internal)?;
    Ok(String::from_utf8_lossy(&text)
        .lines()
        .map(str::to_owned)
        .collect())
}

/// Turns two-factor off, confirmed by the current password and a code.
#[server(prefix = "/client/api")]
pub async fn disable_user_two_factor(
    current_password: String,
    code: String,
) -> Result<(), AppError> {
    let me = plumbing::own_account()?;
    let factor = crate::two_factor::model::SecondFactor::parse(&code)
        .map_err(|e| AppError::validation("code", &e))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    plumbing::counted(
        &me,
        crate::users::two_factor::disable(
            &ctx.db,
            &ctx.hasher,
            &ctx.secret_key,
            &actor,
            me.id,
            &current_password,
            &factor,
            chrono::Utc::now(),
        ),
    )
    .await?;
    leptos_axum::redirect("/client/account?saved=two_factor_off");
    Ok(())
}

// Profile and contacts.

#[server(prefix = "/client/api")]
pub async fn get_portal_profile() -> Result<ClientView, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::Profile)?;
    let ctx = crate::kernel::context::server_context()?;
    crate::clients::service::find(&ctx.db, client_id)
        .await
        .map(ClientView::from)
        .map_err(plumbing::client_failed)
}

/// The client's contact details as its user may change them: names, company, email, phone,
/// address and language. Status, currency and billing flags stay with staff.
#[server(prefix = "/client/api")]
pub async fn update_portal_profile(
    first_name: String,
    last_name: String,
    #[server(default)] company: String,
    email: String,
    #[server(default)] phone: String,
    #[server(default)] street: String,
    #[server(default)] city: String,
    #[server(default)] state: String,
    #[server(default)] postcode: String,
    country: String,
    #[server(default)] language: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::clients::model::ClientInput;
    use crate::kernel::{ClientPermission, guard::require_client};
    let (me, client_id) = require_client(ClientPermission::Profile)?;
    let ctx = crate::kernel::context::server_context()?;
    let current = crate::clients::service::find(&ctx.db, client_id)
        .await
        .map_err(plumbing::client_failed)?;
    let kept = ClientView::from(current).form;
    let form = crate::clients::model::ClientForm {
        first_name,
        last_name,
        company,
        email,
        phone,
        street,
        city,
        state,
        postcode,
        country,
        language,
        ..kept
    };
    let input = ClientInput::parse(&form).map_err(crate::clients::api::plumbing::refused)?;
    let version = crate::users::api::plumbing::version(&version)?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::clients::service::update(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        input,
        version,
    )
    .await
    .map_err(plumbing::client_failed)?;
    leptos_axum::redirect("/client/profile?saved=1");
    Ok(())
}

#[server(prefix = "/client/api")]
pub async fn list_portal_contacts() -> Result<Vec<ContactView>, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::Contacts)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(crate::clients::service::contacts_of(&ctx.db, client_id)
        .await?
        .into_iter()
        .map(ContactView::from)
        .collect())
}

/// A contact of the client for its form; "new" for an empty one.
#[server(prefix = "/client/api")]
pub async fn get_portal_contact(contact_id: String) -> Result<ContactView, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::Contacts)?;
    let ctx = crate::kernel::context::server_context()?;
    match crate::clients::api::plumbing::optional_id(&contact_id)? {
        Some(id) => crate::clients::service::find_contact(&ctx.db, client_id, id)
            .await
            .map(ContactView::from)
            .map_err(plumbing::client_failed),
        None => Ok(ContactView {
            client_id,
            ..ContactView::default()
        }),
    }
}

#[server(prefix = "/client/api")]
pub async fn save_portal_contact(
    #[server(default)] contact_id: String,
    first_name: String,
    last_name: String,
    email: String,
    #[server(default)] phone: String,
    #[server(default)] email_general: Option<String>,
    #[server(default)] email_invoice: Option<String>,
    #[server(default)] email_support: Option<String>,
    #[server(default)] email_product: Option<String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::clients::model::{ContactForm, ContactInput};
    use crate::kernel::{ClientPermission, guard::require_client};
    let (me, client_id) = require_client(ClientPermission::Contacts)?;
    let contact_id = crate::clients::api::plumbing::optional_id(&contact_id)?;
    let input = ContactInput::parse(&ContactForm {
        first_name,
        last_name,
        email,
        phone,
        email_general,
        email_invoice,
        email_support,
        email_product,
    })
    .map_err(crate::clients::api::plumbing::refused)?;
    let version = crate::users::api::plumbing::version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::clients::service::save_contact(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        contact_id,
        input,
        version,
    )
    .await
    .map_err(plumbing::client_failed)?;
    leptos_axum::redirect("/client/contacts?saved=1");
    Ok(())
}

#[server(prefix = "/client/api")]
pub async fn delete_portal_contact(
    contact_id: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (me, client_id) = require_client(ClientPermission::Contacts)?;
    let contact_id = crate::users::api::plumbing::id(&contact_id)?;
    let version = crate::users::api::plumbing::version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::clients::service::delete_contact(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        contact_id,
        version,
    )
    .await
    .map_err(plumbing::client_failed)?;
    leptos_axum::redirect("/client/contacts?saved=deleted");
    Ok(())
}

// Services and invoices (read only).

#[server(prefix = "/client/api")]
pub async fn list_portal_services() -> Result<Vec<ServiceView>, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::Services)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(crate::clients::service::services_of(&ctx.db, client_id)
        .await?
        .into_iter()
        .map(ServiceView::from)
        .collect())
}

/// One page of the client's issued invoices (never drafts), newest first.
#[server(prefix = "/client/api")]
pub async fn list_portal_invoices(
    #[server(default)] after: Option<String>,
) -> Result<(Vec<InvoiceRow>, Option<String>), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::Invoices)?;
    let ctx = crate::kernel::context::server_context()?;
    let owner = crate::clients::service::find(&ctx.db, client_id)
        .await
        .map_err(plumbing::client_failed)?;
    let after = after.and_then(|a| a.trim().parse::<i32>().ok());
    Ok(crate::clients::service::invoice_page(&ctx.db, &owner, after, true).await?)
}

/// An issued invoice of the client with its lines and payments; drafts do not exist here.
#[server(prefix = "/client/api")]
pub async fn get_portal_invoice(invoice_id: String) -> Result<InvoiceView, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::Invoices)?;
    let invoice_id = crate::users::api::plumbing::id(&invoice_id)?;
    let ctx = crate::kernel::context::server_context()?;
    let view = crate::clients::service::invoice_view(&ctx.db, client_id, invoice_id, false)
        .await
        .map_err(plumbing::client_failed)?;
    if view.row.status == crate::clients::model::InvoiceStatus::Draft {
        return Err(AppError::not_found());
    }
    Ok(view)
}

// Tickets.

#[server(prefix = "/client/api")]
pub async fn list_portal_tickets() -> Result<Vec<RequesterTicketRow>, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::Tickets)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(crate::tickets::requester::of_client(&ctx.db, client_id).await?)
}

/// The departments a new ticket may go to.
#[server(prefix = "/client/api")]
pub async fn get_portal_ticket_options() -> Result<RequesterOptions, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    require_client(ClientPermission::Tickets)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(crate::tickets::requester::options(&ctx.db).await?)
}

/// Opens a ticket for the client, as the signed-in user.
#[server(prefix = "/client/api")]
pub async fn open_portal_ticket(
    department_id: String,
    #[server(default)] priority: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    use crate::tickets::model::NewTicket;
    let (me, client_id) = require_client(ClientPermission::Tickets)?;
    let priority = if priority.trim().is_empty() {
        "medium".to_owned()
    } else {
        priority
    };
    let name = me.display_name();
    let input = NewTicket::parse(&department_id, &priority, &name, &me.email, &subject, &body)
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    let who = crate::tickets::requester::Requester {
        client_id,
        user_id: me.id,
        name: &name,
        email: &me.email,
    };
    let created = crate::tickets::requester::open(
        &ctx.db,
        &crate::tickets::service::Desk::from_settings(&ctx.settings),
        chrono::Utc::now(),
        &actor,
        &who,
        input,
    )
    .await?;
    // Suggested articles the user read before this ticket did not deflect it. The ticket stands
    // whatever happens to this figure.
    if let Err(err) = crate::kb::service::ticket_opened_after_reading(
        &ctx.db,
        chrono::Utc::now(),
        me.id,
        client_id,
        created.id,
    )
    .await
    {
        tracing::warn!(%err, ticket = created.id, "deflection record not updated");
    }
    ctx.mail_notify.notify_one();
    leptos_axum::redirect(&format!("/client/tickets/{}?opened=1", created.reference));
    Ok(())
}

/// A ticket of the client: its replies, never its notes.
#[server(prefix = "/client/api")]
pub async fn get_portal_ticket(reference: String) -> Result<RequesterTicketView, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::Tickets)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(crate::tickets::requester::view(&ctx.db, client_id, reference.trim()).await?)
}

#[server(prefix = "/client/api")]
pub async fn reply_portal_ticket(reference: String, body: String) -> Result<(), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    use crate::tickets::model::MessageBody;
    let (me, client_id) = require_client(ClientPermission::Tickets)?;
    let body = MessageBody::parse(&body).map_err(|err| AppError::validation("body", &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    let t = crate::tickets::requester::reply(
        &ctx.db,
        &crate::tickets::service::Desk::from_settings(&ctx.settings),
        chrono::Utc::now(),
        &actor,
        client_id,
        reference.trim(),
        body,
    )
    .await?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect(&format!("/client/tickets/{}?replied=1", t.reference));
    Ok(())
}

#[server(prefix = "/client/api")]
pub async fn close_portal_ticket(reference: String) -> Result<(), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (me, client_id) = require_client(ClientPermission::Tickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    let t = crate::tickets::requester::close(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        reference.trim(),
    )
    .await?;
    leptos_axum::redirect(&format!("/client/tickets/{}?closed=1", t.reference));
    Ok(())
}

// The client's users.

#[cfg(feature = "ssr")]
mod users {
    use crate::kernel::error::AppError;
    use crate::kernel::{ClientPermission, CurrentUser};

    /// A user who manages users, but is not the owner, hands out only permissions they hold, never
    /// changes their own, and changes or removes only users who hold no more than they do.
    pub async fn may_grant(
        db: &impl sea_orm::ConnectionTrait,
        me: &CurrentUser,
        chosen: &[ClientPermission],
        target_user: Option<i32>,
    ) -> Result<(), AppError> {
        let Some(place) = me.active() else {
            return Err(AppError::forbidden_client(ClientPermission::ManageUsers));
        };
        if target_user == Some(me.id) {
            return Err(AppError::forbidden_client(ClientPermission::ManageUsers));
        }
        let held_by_target = match target_user {
            Some(id) => crate::users::service::standing(db, place.client_id, id)
                .await?
                .map(|(_, permissions)| permissions)
                .unwrap_or_default(),
            None => Vec::new(),
        };
        match chosen
            .iter()
            .chain(held_by_target.iter())
            .find(|p| !place.can(**p))
        {
            Some(p) => Err(AppError::forbidden_client(*p)),
            None => Ok(()),
        }
    }
}

#[server(prefix = "/client/api")]
pub async fn list_portal_users() -> Result<UsersSection, AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (_, client_id) = require_client(ClientPermission::ManageUsers)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(crate::users::service::section(&ctx.db, chrono::Utc::now(), client_id, true, false).await?)
}

#[server(prefix = "/client/api")]
pub async fn invite_portal_user(
    email: String,
    #[server(default)] perm_profile: Option<String>,
    #[server(default)] perm_contacts: Option<String>,
    #[server(default)] perm_services: Option<String>,
    #[server(default)] perm_invoices: Option<String>,
    #[server(default)] perm_tickets: Option<String>,
    #[server(default)] perm_users: Option<String>,
) -> Result<(), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    use crate::users::api::plumbing::{boxes, failed, refused};
    let (me, client_id) = require_client(ClientPermission::ManageUsers)?;
    let chosen = boxes(
        perm_profile,
        perm_contacts,
        perm_services,
        perm_invoices,
        perm_tickets,
        perm_users,
    );
    let input = crate::users::model::NewUserInvite::parse(&email, &chosen).map_err(refused)?;
    let ctx = crate::kernel::context::server_context()?;
    users::may_grant(&ctx.db, &me, &input.permissions, None).await?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::users::service::invite(
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
    leptos_axum::redirect("/client/users?saved=invited");
    Ok(())
}

#[server(prefix = "/client/api")]
pub async fn set_portal_user_permissions(
    user_id: String,
    #[server(default)] version: String,
    #[server(default)] perm_profile: Option<String>,
    #[server(default)] perm_contacts: Option<String>,
    #[server(default)] perm_services: Option<String>,
    #[server(default)] perm_invoices: Option<String>,
    #[server(default)] perm_tickets: Option<String>,
    #[server(default)] perm_users: Option<String>,
) -> Result<(), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    use crate::users::api::plumbing::{boxes, failed, id, version as parse_version};
    let (me, client_id) = require_client(ClientPermission::ManageUsers)?;
    let user_id = id(&user_id)?;
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
    users::may_grant(&ctx.db, &me, &chosen, Some(user_id)).await?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::users::service::set_permissions(
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
    leptos_axum::redirect("/client/users?saved=permissions");
    Ok(())
}

#[server(prefix = "/client/api")]
pub async fn remove_portal_user(
    user_id: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    use crate::users::api::plumbing::{failed, id, version as parse_version};
    let (me, client_id) = require_client(ClientPermission::ManageUsers)?;
    let user_id = id(&user_id)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    users::may_grant(&ctx.db, &me, &[], Some(user_id)).await?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::users::service::remove(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        user_id,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect("/client/users?saved=removed");
    Ok(())
}

/// The invitation `invitation_id` names at the manager's client, when it offers no more than the
/// manager holds: the user, their client and the invitation's id.
#[cfg(feature = "ssr")]
async fn managed_invitation(
    invitation_id: &str,
) -> Result<(std::sync::Arc<crate::kernel::CurrentUser>, i32, i32), AppError> {
    use crate::kernel::{ClientPermission, guard::require_client};
    let (me, client_id) = require_client(ClientPermission::ManageUsers)?;
    let invitation_id = crate::users::api::plumbing::id(invitation_id)?;
    let ctx = crate::kernel::context::server_context()?;
    let offered = crate::users::service::invitation_permissions(&ctx.db, client_id, invitation_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    users::may_grant(&ctx.db, &me, &offered, None).await?;
    Ok((me, client_id, invitation_id))
}

#[server(prefix = "/client/api")]
pub async fn resend_portal_invitation(invitation_id: String) -> Result<(), AppError> {
    use crate::users::api::plumbing::failed;
    let (me, client_id, invitation_id) = managed_invitation(&invitation_id).await?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::users::service::resend(
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
    leptos_axum::redirect("/client/users?saved=invited");
    Ok(())
}

#[server(prefix = "/client/api")]
pub async fn cancel_portal_invitation(invitation_id: String) -> Result<(), AppError> {
    use crate::users::api::plumbing::failed;
    let (me, client_id, invitation_id) = managed_invitation(&invitation_id).await?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::user_actor(&me).await;
    crate::users::service::cancel(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        invitation_id,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect("/client/users?saved=cancelled");
    Ok(())
}
