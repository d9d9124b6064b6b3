//! The shell, the 404 page, the error page and `/healthz`.

use crate::helpers::{backends, spawn_app};

#[tokio::test]
async fn healthz_answers_ok_while_the_database_answers() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let res = app.get("/healthz").await;
        assert_eq!(res.status(), 200, "{backend:?}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], "ok");
        assert_eq!(body["database"], "ok");
        app.stop().await;
    }
}

#[tokio::test]
async fn healthz_reports_503_when_the_database_is_gone() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.db.clone().close().await.unwrap();
        let res = app.get("/healthz").await;
        assert_eq!(res.status(), 503, "{backend:?}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["database"], "unavailable");
        app.stop().await;
    }
}

#[tokio::test]
async fn dashboard_renders_inside_the_admin_shell() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let res = app.get("/").await;
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert!(res.headers().contains_key("x-request-id"));
        let html = res.text().await.unwrap();
        assert!(
            html.contains("<title>Dashboard — Staffdesk</title>"),
            "{html}"
        );
        assert!(html.contains(r#"class="topbar""#));
        assert!(html.contains(r#"href="/departments""#));
        assert!(html.contains(r#"<main id="content""#));
        assert!(html.contains(r#"class="footer""#));
        let expected_db = match backend {
            crate::helpers::Backend::Sqlite => "SQLite",
            crate::helpers::Backend::Postgres(_) => "PostgreSQL",
        };
        assert!(html.contains(&format!("<dd>{expected_db}</dd>")), "{html}");
        app.stop().await;
    }
}

#[tokio::test]
async fn navigation_marks_the_current_page() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    let html = app.get("/departments").await.text().await.unwrap();
    assert!(
        html.contains(r#"<a href="/departments" aria-current="page">Departments</a>"#),
        "{html}"
    );
    assert!(!html.contains(r#"<a href="/" aria-current="page">"#));
    app.stop().await;
}

#[tokio::test]
async fn unknown_url_gives_the_404_page_with_status_404() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    for path in ["/no-such-page", "/departments/extra/segments"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
        let html = res.text().await.unwrap();
        assert!(
            html.contains("<title>Page not found — Staffdesk</title>"),
            "{html}"
        );
        assert!(html.contains("Go to the Dashboard"));
        assert!(
            html.contains(r#"class="topbar""#),
            "the 404 page keeps the shell"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_failing_page_shows_the_error_code_without_internals() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        app.db.clone().close().await.unwrap();
        let res = app.get("/departments").await;
        assert_eq!(res.status(), 503, "{backend:?}");
        let html = res.text().await.unwrap();
        assert!(html.contains("DATABASE_UNAVAILABLE"), "{html}");
        assert!(html.contains("try again"), "{html}");
        for leak in ["sqlx", "DbErr", "pool", "Connection", "SELECT"] {
            assert!(!html.contains(leak), "error page leaks {leak}: {html}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn request_bodies_over_the_limit_are_refused() {
    let app = spawn_app(&backends()[0]).await;
    let big = "x".repeat(300 * 1024);
    let res = app
        .client
        .post(app.url(&format!("/api{}", "/anything")))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    app.stop().await;
}
