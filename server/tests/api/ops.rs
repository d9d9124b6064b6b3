//! Operations: readiness, and a backup that restores into a fresh data directory.

use crate::helpers::{Backend, PASSWORD, backends, new_client, spawn_app, spawn_app_with};

#[tokio::test]
async fn readyz_answers_without_a_session_while_the_database_answers() {
    let app = spawn_app(&Backend::Sqlite).await;
    let res = new_client().get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(body["database"], "ok");
    app.stop().await;
}

#[tokio::test]
async fn a_backup_restores_into_a_fresh_data_directory_and_its_admin_logs_in() {
    let app = spawn_app(&Backend::Sqlite).await;
    app.create_admin("keeper", "full_administrator").await;
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("staffdesk-backup.db");
    server::db::backup(&app.db, &file).await.unwrap();
    // A backup never overwrites a file.
    assert!(matches!(
        server::db::backup(&app.db, &file).await,
        Err(server::db::BackupError::Exists(_))
    ));
    // Changes after the backup are not in it.
    app.create_admin("later", "full_administrator").await;
    let data = app.dir.path().join("data");
    app.stop().await;

    // Restore: the file becomes staffdesk.db of a new data directory, with the secret key.
    let restored = tempfile::tempdir().unwrap();
    let restored_data = restored.path().join("data");
    std::fs::create_dir_all(&restored_data).unwrap();
    std::fs::copy(&file, restored_data.join("staffdesk.db")).unwrap();
    if data.join("secret.key").exists() {
        std::fs::copy(data.join("secret.key"), restored_data.join("secret.key")).unwrap();
    }
    let again = spawn_app_with(&Backend::Sqlite, |s| {
        s.server.data_dir = restored_data.clone()
    })
    .await;
    let client = new_client();
    assert_eq!(
        again.login_with(&client, "keeper", PASSWORD).await.status(),
        200
    );
    let client = new_client();
    assert_ne!(
        again.login_with(&client, "later", PASSWORD).await.status(),
        200
    );
    again.stop().await;
}

#[tokio::test]
async fn postgres_backups_are_left_to_pg_dump() {
    for backend in backends() {
        if let Backend::Postgres(_) = backend {
            let app = spawn_app(&backend).await;
            let dir = tempfile::tempdir().unwrap();
            assert!(matches!(
                server::db::backup(&app.db, &dir.path().join("x.db")).await,
                Err(server::db::BackupError::Postgres)
            ));
            app.stop().await;
        }
    }
}

#[tokio::test]
async fn metrics_are_served_on_their_own_address_and_count_requests_by_route() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    let app = spawn_app_with(&Backend::Sqlite, |s| {
        s.server.metrics_listen = address.clone()
    })
    .await;
    app.create_admin("mia", "full_administrator").await;
    let client = new_client();
    assert_eq!(
        client.get(app.url("/login")).send().await.unwrap().status(),
        200
    );
    assert_ne!(
        app.login_with(&client, "mia", "wrong password here")
            .await
            .status(),
        200
    );
    let text = new_client()
        .get(format!("http://{address}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains(
            r#"staffdesk_http_requests_total{method="GET",route="/login",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(text.contains(r#"staffdesk_http_request_duration_seconds_bucket{route="/login""#));
    assert!(
        text.contains("staffdesk_login_failures_last_hour 1"),
        "{text}"
    );
    assert!(text.contains("staffdesk_ip_bans_active 0"));
    assert!(text.contains("staffdesk_outbox_pending "));
    assert!(text.contains("staffdesk_db_pool_connections "));
    // Not on the public port.
    let public = new_client().get(app.url("/metrics")).send().await.unwrap();
    assert_ne!(public.status(), 200);
    app.stop().await;
}
