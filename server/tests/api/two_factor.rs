//! Two-factor authentication over HTTP: enrolment, the login's second step with replay
//! protection, recovery codes, bans, disabling, resets and a role's requirement.

use app::entities::{audit_event, login_failure, mail_outbox, recovery_code, two_factor};
use app::login::api::VerifyLoginCode;
use app::two_factor::api::{
    ConfirmTwoFactorSetup, DisableTwoFactor, RegenerateRecoveryCodes, ResetTwoFactor,
    StartTwoFactorSetup,
};
use app::two_factor::totp::TotpSecret;
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app, spawn_app_with};

/// The key shown on the set-up page, as the admin would type it into an app.
async fn shown_secret(app: &TestApp, client: &reqwest::Client) -> TotpSecret {
    shown_secret_at(app, client, "/account/two-factor").await
}

/// The key a set-up page at `path` shows.
pub(crate) async fn shown_secret_at(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> TotpSecret {
    let html = client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = html
        .find("id=\"two-factor-secret\"")
        .expect("the set-up page shows the key");
    let text = &html[start..];
    let open = text.find('>').unwrap() + 1;
    let close = text.find("</code>").unwrap();
    let base32: String = text[open..close]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let bytes = totp_rs::Secret::Encoded(base32)
        .to_bytes()
        .expect("the key is base32");
    TotpSecret::from_bytes(bytes)
}

/// Waits until at least 10 s remain in the current 30-second step, so that "this step" and
/// "the previous step" mean the same thing for the whole sequence a test runs.
pub(crate) async fn fresh_step() {
    let into = Utc::now().timestamp_millis().rem_euclid(30_000);
    if into > 20_000 {
        tokio::time::sleep(std::time::Duration::from_millis(
            (30_000 - into + 100) as u64,
        ))
        .await;
    }
}

/// The code an authenticator app shows `offset_steps` steps from now.
pub(crate) fn code(secret: &TotpSecret, offset_steps: i64) -> String {
    secret.code_at(Utc::now() + Duration::seconds(30 * offset_steps))
}

/// Turns two-factor on for the admin signed in on `client`; returns the secret and the recovery
/// codes the page showed. The set-up is confirmed with the previous step's code, so the current
/// and next steps stay free for the test.
pub(crate) async fn enrol(app: &TestApp, client: &reqwest::Client) -> (TotpSecret, Vec<String>) {
    fresh_step().await;
    let (status, body) = app
        .post_as(
            client,
            StartTwoFactorSetup::PATH,
            &[("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 200, "start: {body}");
    let secret = shown_secret(app, client).await;
    let (status, body) = app
        .post_as(
            client,
            ConfirmTwoFactorSetup::PATH,
            &[("code", code(&secret, -1))],
        )
        .await;
    assert_eq!(status, 200, "confirm: {body}");
    (secret, fresh_codes(app, client).await)
}

/// The recovery codes the once-only page shows `client` (empty when it shows none).
async fn fresh_codes(app: &TestApp, client: &reqwest::Client) -> Vec<String> {
    let html = client
        .get(app.url("/account/two-factor/recovery-codes"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    html.split("<code>")
        .skip(1)
        .filter_map(|part| part.split("</code>").next())
        .map(str::to_owned)
        .collect()
}

async fn verify(app: &TestApp, client: &reqwest::Client, code: &str) -> (u16, serde_json::Value) {
    app.post_as(
        client,
        VerifyLoginCode::PATH,
        &[("code", code), ("next", "/")],
    )
    .await
}

fn sets_session_cookie(res: &reqwest::Response) -> bool {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().unwrap_or("").starts_with("staffdesk_session="))
}

#[tokio::test]
async fn enrolment_then_login_with_a_code_then_with_recovery_codes() {
    for backend in backends() {
        // This test fails on purpose more often than the default ban allows.
        let app = spawn_app_with(&backend, |s| s.security.ban_after_failures = 10).await;
        let admin = app.login_as_full_admin().await;
        let (status, _) = app
            .post_as(
                &app.client,
                StartTwoFactorSetup::PATH,
                &[("current_password", PASSWORD)],
            )
            .await;
        assert_eq!(status, 200);
        let secret = shown_secret(&app, &app.client).await;
        fresh_step().await;
        // A wrong code leaves the set-up unconfirmed.
        let wrong = if code(&secret, 0) == "000000" {
            "000001"
        } else {
            "000000"
        };
        let (status, body) = app
            .post_as(&app.client, ConfirmTwoFactorSetup::PATH, &[("code", wrong)])
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("WRONG_CODE")),
            "{backend:?}"
        );
        let row = two_factor::Entity::find_by_id(admin.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(row.confirmed_at.is_none());
        // The secret is stored encrypted, never as the key the page shows.
        assert!(!row.secret_ciphertext.contains(&secret.base32()));

        let (status, body) = app
            .post_as(
                &app.client,
                ConfirmTwoFactorSetup::PATH,
                &[("code", code(&secret, -1))],
            )
            .await;
        assert_eq!(status, 200, "{backend:?} {body}");
        let codes = fresh_codes(&app, &app.client).await;
        assert_eq!(codes.len(), 10, "{backend:?}: ten codes shown");
        // Shown once: the next view has none.
        let again = app
            .get("/account/two-factor/recovery-codes")
            .await
            .text()
            .await
            .unwrap();
        assert!(!again.contains(&codes[0]), "{backend:?}: codes shown twice");
        let stored = recovery_code::Entity::find()
            .filter(recovery_code::Column::AdminId.eq(admin.id))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(stored.len(), 10);
        assert!(stored.iter().all(|r| {
            !codes
                .iter()
                .any(|c| r.code_hash.contains(&c.replace('-', "")))
        }));

        // The password alone issues no session, only the second step's cookie.
        let second = new_client();
        let res = app.login_with(&second, "root", PASSWORD).await;
        assert_eq!(res.status(), 200);
        assert!(
            !sets_session_cookie(&res),
            "{backend:?}: a session before the second factor"
        );
        let location = res.headers()[reqwest::header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(location.starts_with("/login/two-factor"), "{location}");
        let home = second.get(app.url("/")).send().await.unwrap();
        assert_eq!(
            home.status(),
            303,
            "{backend:?}: signed in without a second factor"
        );
        let code_page = second.get(app.url(&location)).send().await.unwrap();
        assert_eq!(code_page.status(), 200);
        assert!(code_page.text().await.unwrap().contains("name=\"code\""));

        // The code that confirmed the set-up cannot be replayed.
        let (status, body) = verify(&app, &second, &code(&secret, -1)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("WRONG_CODE")),
            "{backend:?}"
        );
        let res = second
            .post(app.url(VerifyLoginCode::PATH))
            .header("Accept", "application/json")
            .form(&[("code", code(&secret, 0).as_str()), ("next", "/admins")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        assert!(sets_session_cookie(&res));
        assert_eq!(res.headers()[reqwest::header::LOCATION], "/admins");
        assert_eq!(second.get(app.url("/")).send().await.unwrap().status(), 200);

        // The same code in another login is refused: each step is accepted once.
        let third = new_client();
        app.login_with(&third, "root", PASSWORD).await;
        let (status, _) = verify(&app, &third, &code(&secret, 0)).await;
        assert_eq!(status, 401, "{backend:?}: code replayed");
        // A recovery code works, typed in any case; then never again.
        let (status, body) = verify(&app, &third, &codes[0].to_uppercase()).await;
        assert_eq!(status, 200, "{backend:?} {body}");
        let fourth = new_client();
        app.login_with(&fourth, "root", PASSWORD).await;
        let (status, _) = verify(&app, &fourth, &codes[0]).await;
        assert_eq!(status, 401, "{backend:?}: recovery code used twice");
        let (status, _) = verify(&app, &fourth, &codes[1]).await;
        assert_eq!(status, 200, "{backend:?}");
        assert_eq!(fourth.get(app.url("/")).send().await.unwrap().status(), 200);

        let logins: Vec<String> = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("auth.login"))
            .order_by_asc(audit_event::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.details)
            .collect();
        assert_eq!(logins.len(), 4, "{backend:?}: {logins:?}");
        assert!(logins[1].contains("totp") && logins[2].contains("recovery_code"));
        app.stop().await;
    }
}

#[tokio::test]
async fn second_step_without_a_password_first_is_refused() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let client = new_client();
        let (status, body) = verify(&app, &client, "123456").await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("LOGIN_CHALLENGE_EXPIRED"))
        );
        let page = client
            .get(app.url("/login/two-factor"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert!(!page.text().await.unwrap().contains("name=\"code\""));
        app.stop().await;
    }
}

#[tokio::test]
async fn wrong_second_factors_count_toward_the_ip_ban() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        enrol(&app, &app.client).await;
        let client = new_client();
        app.login_with(&client, "root", PASSWORD).await;
        let mut statuses = Vec::new();
        for _ in 0..3 {
            statuses.push(verify(&app, &client, "000000").await);
        }
        assert_eq!(statuses[0].0, 401, "{backend:?}");
        assert_eq!(statuses[2].0, 429, "{backend:?} {:?}", statuses[2].1);
        assert_eq!(statuses[2].1["code"], "IP_BANNED");
        let failures = login_failure::Entity::find().count(&app.db).await.unwrap();
        assert!(failures >= 2, "{backend:?}: {failures}");
        // The ban now stops the password step too.
        let res = app.login_with(&new_client(), "root", PASSWORD).await;
        assert_eq!(res.status(), 429);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_challenge_dies_after_five_wrong_codes() {
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| s.security.ban_after_failures = 0).await;
        app.login_as_full_admin().await;
        let (secret, _) = enrol(&app, &app.client).await;
        let client = new_client();
        app.login_with(&client, "root", PASSWORD).await;
        for _ in 0..5 {
            assert_eq!(verify(&app, &client, "000000").await.0, 401);
        }
        let (status, body) = verify(&app, &client, &code(&secret, 0)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("LOGIN_CHALLENGE_EXPIRED")),
            "{backend:?}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn disabling_needs_the_password_and_a_code() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let admin = app.login_as_full_admin().await;
        let (secret, codes) = enrol(&app, &app.client).await;
        let (status, body) = app
            .post_as(
                &app.client,
                DisableTwoFactor::PATH,
                &[
                    ("current_password", "not my password at all"),
                    ("code", &code(&secret, 0)),
                ],
            )
            .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("current_password"))
        );
        let (status, body) = app
            .post_as(
                &app.client,
                DisableTwoFactor::PATH,
                &[
                    ("current_password", PASSWORD),
                    ("code", "abcd-efgh-jkmn-pqrs"),
                ],
            )
            .await;
        assert_eq!((status, body["code"].as_str()), (422, Some("WRONG_CODE")));
        assert!(
            two_factor::Entity::find_by_id(admin.id)
                .one(&app.db)
                .await
                .unwrap()
                .is_some()
        );
        let (status, body) = app
            .post_as(
                &app.client,
                DisableTwoFactor::PATH,
                &[("current_password", PASSWORD), ("code", codes[3].as_str())],
            )
            .await;
        assert_eq!(status, 200, "{backend:?} {body}");
        assert!(
            two_factor::Entity::find_by_id(admin.id)
                .one(&app.db)
                .await
                .unwrap()
                .is_none()
        );
        let left = recovery_code::Entity::find().count(&app.db).await.unwrap();
        assert_eq!(left, 0);
        let disabled = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("two_factor.disabled"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(disabled, 1);
        // The password alone logs in again.
        let res = app.login_with(&new_client(), "root", PASSWORD).await;
        assert!(sets_session_cookie(&res));
        app.stop().await;
    }
}

#[tokio::test]
async fn regenerating_recovery_codes_replaces_the_old_ones() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let (_, old) = enrol(&app, &app.client).await;
        let (status, _) = app
            .post_as(
                &app.client,
                RegenerateRecoveryCodes::PATH,
                &[("current_password", "not my password at all")],
            )
            .await;
        assert_eq!(status, 422);
        let (status, _) = app
            .post_as(
                &app.client,
                RegenerateRecoveryCodes::PATH,
                &[("current_password", PASSWORD)],
            )
            .await;
        assert_eq!(status, 200);
        let new_first = fresh_codes(&app, &app.client).await.remove(0);
        let client = new_client();
        app.login_with(&client, "root", PASSWORD).await;
        assert_eq!(
            verify(&app, &client, &old[0]).await.0,
            401,
            "{backend:?}: old code still works"
        );
        assert_eq!(
            verify(&app, &client, &new_first).await.0,
            200,
            "{backend:?}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn an_administrator_resets_another_admins_two_factor_and_they_are_told() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let bob = app.create_admin("bob", "support_operator").await;
        let bob_client = new_client();
        app.login_with(&bob_client, "bob", PASSWORD).await;
        enrol(&app, &bob_client).await;
        // Your own goes through My Account, not the reset.
        let root = app.actor(1).await;
        let (status, _) = app
            .post_as(
                &app.client,
                ResetTwoFactor::PATH,
                &[("admin_id", root.id.to_string())],
            )
            .await;
        assert_eq!(status, 409);
        let (status, body) = app
            .post_as(
                &app.client,
                ResetTwoFactor::PATH,
                &[("admin_id", bob.id.to_string())],
            )
            .await;
        assert_eq!(status, 200, "{backend:?} {body}");
        assert!(
            two_factor::Entity::find_by_id(bob.id)
                .one(&app.db)
                .await
                .unwrap()
                .is_none()
        );
        // The newest mail to bob: the one about the reset (the first told him it was turned on).
        let mail = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::ToAddress.eq("bob@example.com"))
            .order_by_desc(mail_outbox::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .expect("bob is told by email");
        assert!(mail.subject.contains("two-factor"), "{}", mail.subject);
        let event = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("two_factor.reset"))
            .one(&app.db)
            .await
            .unwrap()
            .expect("the reset is audited");
        assert_eq!(
            (event.actor_id, event.target_id),
            (Some(root.id), Some(bob.id))
        );
        let res = app.login_with(&new_client(), "bob", PASSWORD).await;
        assert!(
            sets_session_cookie(&res),
            "{backend:?}: bob logs in with his password again"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_role_that_requires_two_factor_allows_nothing_else_until_enrolment() {
    use app::account::api::GetMyAccount;
    use app::roles::api::SetRoleTwoFactor;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let carol = app.create_admin("carol", "support_operator").await;
        let (status, body) = app
            .post_as(
                &app.client,
                SetRoleTwoFactor::PATH,
                &[
                    ("role_id", carol.role_id.to_string()),
                    ("required", "on".into()),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let client = new_client();
        let res = app.login_with(&client, "carol", PASSWORD).await;
        assert!(sets_session_cookie(&res));
        for path in ["/", "/account", "/departments"] {
            let res = client.get(app.url(path)).send().await.unwrap();
            assert_eq!(res.status(), 303, "{backend:?} {path}");
            assert_eq!(
                res.headers()[reqwest::header::LOCATION],
                "/account/two-factor"
            );
        }
        let (status, _) = app
            .post_as(&client, GetMyAccount::PATH, &[("", "")][..0])
            .await;
        assert_eq!(status, 403, "{backend:?}: server functions are closed too");
        let page = client
            .get(app.url("/account/two-factor"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("Your role requires two-factor authentication")
        );
        let (secret, codes) = enrol(&app, &client).await;
        assert_eq!(codes.len(), 10);
        assert_eq!(
            client.get(app.url("/")).send().await.unwrap().status(),
            200,
            "{backend:?}"
        );
        // While the role requires it, it cannot be turned off.
        let (status, body) = app
            .post_as(
                &client,
                DisableTwoFactor::PATH,
                &[("current_password", PASSWORD), ("code", &code(&secret, 0))],
            )
            .await;
        assert_eq!(status, 409, "{body}");
        assert!(
            two_factor::Entity::find_by_id(carol.id)
                .one(&app.db)
                .await
                .unwrap()
                .is_some()
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn replay_and_window_edges_against_the_database_with_a_chosen_clock() {
    use app::two_factor::model::{SecondFactor, TotpCode};
    use app::two_factor::service;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let admin = app.login_as_full_admin().await;
        let key = server::settings::secret_key(&{
            let mut s = app::kernel::settings::Settings::default();
            s.server.data_dir = app.dir.path().join("data");
            s
        })
        .unwrap();
        let t0 = chrono::DateTime::parse_from_rfc3339("2026-11-29T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let hasher = app::kernel::password::Hasher::for_this_machine();
        service::begin(&app.db, &hasher, &key, admin.id, PASSWORD, t0)
            .await
            .unwrap();
        let secret = shown_secret(&app, &app.client).await;
        let actor = app::kernel::audit::Actor::account(&admin, "127.0.0.1", "test");
        let at = |s: i64| t0 + Duration::seconds(s);
        let totp = |when| SecondFactor::Totp(TotpCode::parse(&secret.code_at(when)).unwrap());
        let first = TotpCode::parse(&secret.code_at(at(0))).unwrap();
        service::confirm(&app.db, &key, &actor, &first, at(0))
            .await
            .unwrap();
        // The step just used is refused, even inside its window.
        assert!(
            !service::verify(&app.db, &key, admin.id, &totp(at(0)), at(10))
                .await
                .unwrap()
        );
        // A code two steps ahead is outside the window.
        assert!(
            !service::verify(&app.db, &key, admin.id, &totp(at(60)), at(0))
                .await
                .unwrap()
        );
        // The next step's code, one step late: accepted once.
        assert!(
            service::verify(&app.db, &key, admin.id, &totp(at(30)), at(59 + 30))
                .await
                .unwrap()
        );
        assert!(
            !service::verify(&app.db, &key, admin.id, &totp(at(30)), at(59 + 30))
                .await
                .unwrap()
        );
        // An older step than the last accepted one is refused.
        assert!(
            !service::verify(&app.db, &key, admin.id, &totp(at(0)), at(30))
                .await
                .unwrap()
        );
        app.stop().await;
    }
}
