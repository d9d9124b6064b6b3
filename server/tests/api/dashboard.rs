//! The Admin Dashboard: each widget only for the roles that may see it, a hidden widget costs no
//! query, and the live feed pushes a change to an open dashboard.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::departments::api::CreateDepartment;
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};

/// The SQL a dashboard load runs for `admin_id`.
async fn statements_for(
    app: &TestApp,
    admin_id: i32,
) -> (app::dashboard::model::Dashboard, Vec<String>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut db = app.db.clone();
    let sink = seen.clone();
    db.set_metric_callback(move |info| sink.lock().unwrap().push(info.statement.to_string()));
    let viewer = app.actor(admin_id).await;
    let data = app::dashboard::service::load(&db, &Default::default(), &viewer, chrono::Utc::now())
        .await
        .unwrap();
    let statements = seen.lock().unwrap().clone();
    (data, statements)
}

#[tokio::test]
async fn a_widget_the_role_cannot_see_is_neither_shown_nor_queried() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let sam = app.create_admin("sam", "support_operator").await;

        let (full, statements) = statements_for(&app, root.id).await;
        assert!(
            full.activity.is_some()
                && full.security.is_some()
                && full.invitations.is_some()
                && full.online.is_some()
        );
        assert!(
            statements.iter().any(|s| s.contains("audit_events")),
            "{statements:?}"
        );

        let (limited, statements) = statements_for(&app, sam.id).await;
        assert_eq!(
            (
                limited.activity,
                limited.security,
                limited.invitations,
                limited.online
            ),
            (None, None, None, None)
        );
        for table in ["audit_events", "invitations", "ip_bans", "sessions"] {
            assert!(
                !statements.iter().any(|s| s.contains(table)),
                "{backend:?}: {table} queried for a role without it: {statements:?}"
            );
        }

        let page = app.get("/").await.text().await.unwrap();
        assert!(
            page.contains("id=\"activity-heading\"") && page.contains("id=\"online-heading\""),
            "{page}"
        );
        assert!(page.contains("Welcome, Test. You are signed in as Full Administrator."));
        let client = new_client();
        assert_eq!(app.login_with(&client, "sam", PASSWORD).await.status(), 200);
        let page = client
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Your departments"), "{page}");
        for hidden in [
            "activity-heading",
            "online-heading",
            "security-heading",
            "invitations-heading",
        ] {
            assert!(
                !page.contains(hidden),
                "{hidden} shown to a support operator"
            );
        }
        app.stop().await;
    }
}

/// Reads server-sent events from a response until one contains `needle`.
async fn event_containing(res: &mut reqwest::Response, needle: &str) -> String {
    let mut buffer = String::new();
    loop {
        let chunk = tokio::time::timeout(Duration::from_secs(10), res.chunk())
            .await
            .expect("an event within 10 s")
            .unwrap()
            .expect("the stream stays open");
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if event.contains(needle) {
                return event;
            }
        }
    }
}

#[tokio::test]
async fn the_dashboard_feed_pushes_what_another_admin_does() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    // Without a session the feed answers 401.
    let anonymous = new_client()
        .get(app.url("/events/dashboard"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    let mut feed = tokio::time::timeout(Duration::from_secs(10), app.get("/events/dashboard"))
        .await
        .expect("the feed answers at once");
    assert_eq!(feed.status(), 200);
    assert_eq!(feed.headers()["content-type"], "text/event-stream");
    let first = event_containing(&mut feed, "event: dashboard").await;
    assert!(first.contains("\"activity\""), "{first}");

    // Another admin acts in another session.
    app.create_admin("ada", "full_administrator").await;
    let ada = new_client();
    assert_eq!(app.login_with(&ada, "ada", PASSWORD).await.status(), 200);
    let res = ada
        .post(app.url(<CreateDepartment as ServerFn>::PATH))
        .header("Accept", "application/json")
        .form(&[
            ("name", "Night shift"),
            ("email", "night@example.com"),
            ("description", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let pushed = event_containing(&mut feed, "Night shift").await;
    assert!(pushed.contains("department.created"), "{pushed}");
    app.stop().await;
}

#[tokio::test]
async fn a_flood_of_failed_logins_refreshes_only_the_widgets_it_alters() {
    let app = crate::helpers::spawn_app_with(&backends()[0], |s| {
        s.security.ban_after_failures = 50;
        s.mail.worker = false;
    })
    .await;
    app.login_as_full_admin().await;
    let mut feed = tokio::time::timeout(Duration::from_secs(10), app.get("/events/dashboard"))
        .await
        .expect("the feed answers at once");
    event_containing(&mut feed, "event: dashboard").await;
    app.record_statements();
    for _ in 0..5 {
        let res = app
            .login_with(&new_client(), "root", "not the password")
            .await;
        assert_eq!(res.status(), 401);
    }
    // The failures reach the stream as one refresh (or a few, a second apart) ...
    event_containing(&mut feed, "auth.login_failed").await;
    let statements = app.take_statements();
    // ... which reloads the activity and the security widgets, and not the others.
    let departments = statements
        .iter()
        .filter(|s| s.contains("FROM \"admin_departments\""))
        .count();
    let online = statements
        .iter()
        .filter(|s| s.contains("ORDER BY \"sessions\".\"last_seen_at\""))
        .count();
    assert_eq!(
        (departments, online),
        (0, 0),
        "widgets a failed login cannot alter were reloaded:\n{}",
        statements.join("\n")
    );
    // The security widget's list of bans (a login's own ban check asks for one row only).
    assert!(
        statements
            .iter()
            .any(|s| s.contains("FROM \"ip_bans\"") && s.contains("LIMIT 10")),
        "the security widget was not refreshed"
    );
    app.stop().await;
}
