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
