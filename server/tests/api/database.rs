//! How the database is opened and migrated.

use migration::MigratorTrait;
use sea_orm::{ConnectionTrait, Statement};

use crate::helpers::{Backend, backends, spawn_app};

async fn pragma(app: &crate::helpers::TestApp, name: &str) -> String {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!("PRAGMA {name}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|v| v.to_string()))
        .unwrap()
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_on() {
    let app = spawn_app(&Backend::Sqlite).await;
    assert_eq!(pragma(&app, "journal_mode").await, "wal");
    assert_eq!(pragma(&app, "foreign_keys").await, "1");
    assert!(app.dir.path().join("data/staffdesk.db").is_file());
    app.stop().await;
}

#[tokio::test]
async fn migrations_create_the_departments_table_on_every_backend() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let count = app
            .db
            .query_one_raw(Statement::from_string(
                app.db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM seaql_migrations",
            ))
            .await
            .unwrap()
            .unwrap();
        let applied: i64 = count.try_get("", "n").unwrap();
        assert_eq!(
            applied as usize,
            migration::Migrator::migrations().len(),
            "{backend:?}"
        );
        app.stop().await;
    }
}
