//! Login, sessions, bans and permissions over real HTTP, on SQLite and Postgres.

use app::auth::api::Logout;
use app::auth::service::{LoginError, LoginRules, attempt_login};
use app::entities::{admin, role, session};
use app::kernel::audit::Actor;
use app::kernel::password::Hasher;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};
use server_fn::ServerFn;
use sha2::Digest;

use crate::helpers::{PASSWORD, backends, new_client, spawn_app, spawn_app_with};

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("staffdesk_session="))
        .map(str::to_owned)
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned()
}

#[tokio::test]
async fn correct_login_succeeds_and_shows_the_admin_in_the_shell() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.create_admin("jane", "support_operator").await;
        let res = app.login_with(&app.client, "JANE", PASSWORD).await;
        assert_eq!(res.status(), 200, "{backend:?}");
        assert!(session_cookie(&res).is_some());
        let html = app.get("/").await.text().await.unwrap();
        assert!(html.contains("Test jane"), "{html}");
        assert!(html.contains("Support Operator"));
        assert!(html.contains("Log out"));
        let row = admin::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert!(row.last_login_at.is_some());
        app.stop().await;
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_user_fail_with_the_same_message() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.create_admin("jane", "support_operator").await;
        let wrong = app
            .login_with(&new_client(), "jane", "not the password at all")
            .await;
        assert_eq!(wrong.status(), 401, "{backend:?}");
        assert!(session_cookie(&wrong).is_none());
        let wrong: serde_json::Value = wrong.json().await.unwrap();
        let unknown = app
            .login_with(&new_client(), "nobody", "not the password at all")
            .await;
        assert_eq!(unknown.status(), 401);
        let unknown: serde_json::Value = unknown.json().await.unwrap();
        assert_eq!(wrong, unknown);
        assert_eq!(wrong["message"], "The username or password is incorrect.");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_fourth_attempt_from_a_banned_ip_is_refused_until_the_ban_ends() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.create_admin("jane", "full_administrator").await;
        let hasher = Hasher::for_this_machine();
        let rules = LoginRules {
            ban_after_failures: 3,
            ban_minutes: 15,
            account_failures_per_hour: 100,
        };
        let t0 = Utc::now();
        let ip = "203.0.113.9";
        for (i, offset) in [0, 1, 2].into_iter().enumerate() {
            let res = attempt_login(
                &app.db,
                &hasher,
                t0 + Duration::minutes(offset),
                rules,
                &Actor::anonymous(ip, ""),
                "jane",
                "wrong password!",
            )
            .await;
            match (i, res) {
                (0 | 1, Err(LoginError::InvalidCredentials)) => {}
                (2, Err(LoginError::Banned { until })) => {
                    assert_eq!(until, t0 + Duration::minutes(2 + 15))
                }
                (_, other) => panic!("attempt {i}: {other:?}"),
            }
        }
        // The right password does not help while banned...
        let during = attempt_login(
            &app.db,
            &hasher,
            t0 + Duration::minutes(16),
            rules,
            &Actor::anonymous(ip, ""),
            "jane",
            PASSWORD,
        )
        .await;
        assert!(
            matches!(during, Err(LoginError::Banned { .. })),
            "{backend:?}: {during:?}"
        );
        // ...another address is unaffected...
        assert!(
            attempt_login(
                &app.db,
                &hasher,
                t0 + Duration::minutes(16),
                rules,
                &Actor::anonymous("198.51.100.1", ""),
                "jane",
                PASSWORD
            )
            .await
            .is_ok()
        );
        // ...and once the ban ends the address may log in again.
        let after = attempt_login(
            &app.db,
            &hasher,
            t0 + Duration::minutes(18),
            rules,
            &Actor::anonymous(ip, ""),
            "jane",
            PASSWORD,
        )
        .await;
        assert!(after.is_ok(), "{after:?}");
        // One more failure after the ban does not re-ban at once: earlier failures were already punished.
        let next = attempt_login(
            &app.db,
            &hasher,
            t0 + Duration::minutes(19),
            rules,
            &Actor::anonymous(ip, ""),
            "jane",
            "wrong again!!",
        )
        .await;
        assert!(
            matches!(next, Err(LoginError::InvalidCredentials)),
            "{next:?}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn banning_can_be_turned_off_and_the_account_throttle_still_applies() {
    let app = spawn_app(&backends()[0]).await;
    app.create_admin("jane", "full_administrator").await;
    let hasher = Hasher::for_this_machine();
    let rules = LoginRules {
        ban_after_failures: 0,
        ban_minutes: 15,
        account_failures_per_hour: 5,
    };
    let t0 = Utc::now();
    for i in 0..5 {
        let ip = format!("192.0.2.{i}");
        let res = attempt_login(
            &app.db,
            &hasher,
            t0,
            rules,
            &Actor::anonymous(&ip, ""),
            "jane",
            "wrong password!",
        )
        .await;
        assert!(
            matches!(res, Err(LoginError::InvalidCredentials)),
            "{res:?}"
        );
    }
    let throttled = attempt_login(
        &app.db,
        &hasher,
        t0,
        rules,
        &Actor::anonymous("192.0.2.99", ""),
        "jane",
        PASSWORD,
    )
    .await;
    assert!(
        matches!(throttled, Err(LoginError::Throttled)),
        "{throttled:?}"
    );
    let later = attempt_login(
        &app.db,
        &hasher,
        t0 + Duration::minutes(61),
        rules,
        &Actor::anonymous("192.0.2.99", ""),
        "jane",
        PASSWORD,
    )
    .await;
    assert!(later.is_ok(), "{later:?}");
    app.stop().await;
}

#[tokio::test]
async fn a_banned_ip_sees_the_remaining_time_over_http() {
    let app = spawn_app(&backends()[0]).await;
    app.create_admin("jane", "full_administrator").await;
    for _ in 0..2 {
        assert_eq!(
            app.login_with(&new_client(), "jane", "wrong password!")
                .await
                .status(),
            401
        );
    }
    let third = app
        .login_with(&new_client(), "jane", "wrong password!")
        .await;
    assert_eq!(third.status(), 429);
    let fourth = app.login_with(&new_client(), "jane", PASSWORD).await;
    assert_eq!(fourth.status(), 429);
    let body: serde_json::Value = fourth.json().await.unwrap();
    assert_eq!(body["code"], "IP_BANNED");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("15 more minutes"),
        "{body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_session_id_changes_at_login_and_only_its_hash_is_stored() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.create_admin("jane", "full_administrator").await;
        let client = new_client();
        let first = cookie_value(
            &session_cookie(&app.login_with(&client, "jane", PASSWORD).await).unwrap(),
        );
        let second = cookie_value(
            &session_cookie(&app.login_with(&client, "jane", PASSWORD).await).unwrap(),
        );
        assert_ne!(first, second, "{backend:?}");
        let rows = session::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 1, "the old session is gone");
        let expected = hex::encode(sha2::Sha256::digest(second.as_bytes()));
        assert_eq!(rows[0].id_hash, expected);
        assert!(!rows[0].data.contains(&second));
        // The old id no longer opens a page.
        let stale = new_client()
            .get(app.url("/"))
            .header("Cookie", format!("staffdesk_session={first}"))
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), 303);
        app.stop().await;
    }
}

#[tokio::test]
async fn after_logout_the_old_cookie_no_longer_works() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.create_admin("jane", "full_administrator").await;
        let res = app.login_with(&app.client, "jane", PASSWORD).await;
        let cookie = cookie_value(&session_cookie(&res).unwrap());
        let out = app
            .client
            .post(app.url(<Logout as ServerFn>::PATH))
            .header("Accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(out.status(), 302, "{backend:?}");
        assert_eq!(out.headers()["location"], "/login");
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
        let replay = new_client()
            .get(app.url("/departments"))
            .header("Cookie", format!("staffdesk_session={cookie}"))
            .send()
            .await
            .unwrap();
        assert_eq!(replay.status(), 303);
        assert_eq!(replay.headers()["location"], "/login?next=%2Fdepartments");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_cookie_flags_are_right_on_http_and_https() {
    let app = spawn_app(&backends()[0]).await;
    app.create_admin("jane", "full_administrator").await;
    let cookie = session_cookie(&app.login_with(&new_client(), "jane", PASSWORD).await).unwrap();
    assert!(cookie.starts_with("staffdesk_session="), "{cookie}");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(!cookie.contains("Domain"), "{cookie}");
    app.stop().await;

    let https = spawn_app_with(&backends()[0], |s| {
        s.server.public_url = "https://admin.example.com".into()
    })
    .await;
    https.create_admin("jane", "full_administrator").await;
    let res = new_client()
        .post(https.url(<app::login::api::Login as ServerFn>::PATH))
        .header("Accept", "application/json")
        .header("Origin", "https://admin.example.com")
        .form(&[("username", "jane"), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-staffdesk_session="))
        .expect("a __Host- cookie")
        .to_owned();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    https.stop().await;
}

#[tokio::test]
async fn protected_pages_send_anonymous_visitors_to_login_and_back() {
    let app = spawn_app(&backends()[0]).await;
    app.create_admin("jane", "full_administrator").await;
    let res = app.get("/departments?sort=name").await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/login?next=%2Fdepartments%3Fsort%3Dname"
    );
    let login_page = app.get("/login?next=%2Fdepartments").await;
    assert_eq!(login_page.status(), 200);
    let html = login_page.text().await.unwrap();
    assert!(html.contains("<title>Log in — Staffdesk</title>"));
    assert!(html.contains(r#"value="/departments""#), "{html}");

    // A plain form post lands on `next`, but only when it is a local path.
    for (next, expected) in [
        ("/departments", "/departments"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
    ] {
        let res = new_client()
            .post(app.url(<app::login::api::Login as ServerFn>::PATH))
            .header("Accept", "text/html")
            .header("Referer", app.url("/login"))
            .form(&[("username", "jane"), ("password", PASSWORD), ("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 302, "{next}");
        assert_eq!(res.headers()["location"], expected, "{next}");
    }
    app.stop().await;
}

#[tokio::test]
async fn server_functions_answer_401_without_a_session() {
    let app = spawn_app(&backends()[0]).await;
    let res = app
        .call(
            <app::departments::api::ListDepartments as ServerFn>::PATH,
            &[],
        )
        .await;
    assert_eq!(res.status(), 401);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "UNAUTHENTICATED");
    app.stop().await;
}

#[tokio::test]
async fn a_role_without_the_permission_gets_403_and_a_clear_page() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        // Support Operators may view departments but not add them.
        app.create_admin("sam", "support_operator").await;
        assert_eq!(
            app.login_with(&app.client, "sam", PASSWORD).await.status(),
            200
        );
        let page = app.get("/departments").await.text().await.unwrap();
        assert!(!page.contains("Add a department"), "the form is hidden");
        let res = app
            .call(
                <app::departments::api::CreateDepartment as ServerFn>::PATH,
                &[
                    ("name", "Sales"),
                    ("email", "sales@example.com"),
                    ("description", ""),
                ],
            )
            .await;
        assert_eq!(res.status(), 403, "{backend:?}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["code"], "FORBIDDEN");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("Manage support departments")
        );

        // A custom role with no permissions cannot even view the page.
        let empty = role::ActiveModel {
            name: Set("Trainee".into()),
            key: Set(None),
            built_in: Set(false),
            requires_two_factor: Set(false),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let mut trainee: admin::ActiveModel =
            app.create_admin("tia", "support_operator").await.into();
        trainee.role_id = Set(empty.id);
        trainee.update(&app.db).await.unwrap();
        let client = new_client();
        assert_eq!(app.login_with(&client, "tia", PASSWORD).await.status(), 200);
        let res = client.get(app.url("/departments")).send().await.unwrap();
        assert_eq!(res.status(), 403);
        let html = res.text().await.unwrap();
        assert!(html.contains("FORBIDDEN"), "{html}");
        assert!(html.contains("View support departments"), "{html}");
        assert!(
            !html.contains(r#"href="/departments""#),
            "the nav hides what the role lacks"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_disabled_admin_is_logged_out_and_cannot_log_in() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let jane = app.create_admin("jane", "full_administrator").await;
        assert_eq!(
            app.login_with(&app.client, "jane", PASSWORD).await.status(),
            200
        );
        assert_eq!(app.get("/").await.status(), 200);
        let mut row: admin::ActiveModel = jane.into();
        row.disabled_at = Set(Some(Utc::now()));
        row.update(&app.db).await.unwrap();
        app.settle().await;
        let res = app.get("/").await;
        assert_eq!(res.status(), 303, "{backend:?}");
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
        let again = app.login_with(&new_client(), "jane", PASSWORD).await;
        assert_eq!(again.status(), 401);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_session_past_the_absolute_timeout_ends_even_while_in_use() {
    use sea_orm::{ColumnTrait, QueryFilter};
    let app =
        crate::helpers::spawn_app_with(&backends()[0], |s| s.sessions.absolute_timeout_hours = 1)
            .await;
    app.create_admin("jane", "full_administrator").await;
    assert_eq!(
        app.login_with(&app.client, "jane", PASSWORD).await.status(),
        200
    );
    assert_eq!(app.get("/").await.status(), 200);
    // Pretend the login happened 61 minutes ago.
    let row = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut data: serde_json::Value = serde_json::from_str(&row.data).unwrap();
    data["auth_at"] = serde_json::json!(Utc::now().timestamp() - 61 * 60);
    session::Entity::update_many()
        .col_expr(
            session::Column::Data,
            sea_orm::sea_query::Expr::value(data.to_string()),
        )
        .filter(session::Column::IdHash.eq(row.id_hash.clone()))
        .exec(&app.db)
        .await
        .unwrap();
    let res = app.get("/").await;
    assert_eq!(res.status(), 303);
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
    app.stop().await;
}
