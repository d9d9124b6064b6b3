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

/// Sessions and audit events from before principals existed are converted by the migration that
/// adds them: each session is a staff session of its admin, and each actor gets its kind.
#[tokio::test]
async fn the_principal_migration_converts_existing_sessions_and_audit_rows() {
    use sea_orm::{EntityTrait, QueryOrder};
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let mut settings = app::kernel::settings::Settings::default();
        settings.server.data_dir = dir.path().join("data");
        if let Backend::Postgres(admin_url) = &backend {
            settings.database.url = crate::helpers::fresh_postgres(admin_url).await;
        }
        let db = server::db::connect(&settings).await.unwrap();
        let before = migration::Migrator::migrations()
            .iter()
            .position(|m| m.name().ends_with("_principals"))
            .expect("the principal migration is listed");
        migration::Migrator::up(&db, Some(u32::try_from(before).unwrap()))
            .await
            .unwrap();
        let sql = |text: &str| Statement::from_string(db.get_database_backend(), text.to_owned());
        db.execute_raw(sql(
            "INSERT INTO admins (username, email, first_name, last_name, password_hash, role_id, \
             language, signature, notes, created_at) \
             SELECT 'ann', 'ann@example.com', 'Ann', 'Lee', 'x', id, 'en', '', '', \
             '2026-01-01T00:00:00Z' FROM roles LIMIT 1",
        ))
        .await
        .unwrap();
        for (actor_id, name) in [
            ("(SELECT id FROM admins)", "'Ann Lee'"),
            ("NULL", "'system'"),
            ("NULL", "'anonymous'"),
        ] {
            db.execute_raw(sql(&format!(
                "INSERT INTO audit_events (at, actor_id, actor_name, action, target_label, \
                 details, ip, user_agent) VALUES ('2026-01-01T00:00:00Z', {actor_id}, {name}, \
                 'auth.login', '', '{{}}', '', '')"
            )))
            .await
            .unwrap();
        }
        for (hash, admin) in [("a", "(SELECT id FROM admins)"), ("b", "NULL")] {
            db.execute_raw(sql(&format!(
                "INSERT INTO sessions (id_hash, admin_id, data, created_at, last_seen_at, \
                 expires_at) VALUES ('{hash}', {admin}, '{{}}', '2026-01-01T00:00:00Z', \
                 '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z')"
            )))
            .await
            .unwrap();
        }

        migration::Migrator::up(&db, None).await.unwrap();

        let ann = app::entities::admin::Entity::find()
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let kinds: Vec<(String, Option<i32>)> = app::entities::audit_event::Entity::find()
            .order_by_asc(app::entities::audit_event::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.actor_kind, e.actor_id))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("staff".to_owned(), Some(ann.id)),
                ("system".to_owned(), None),
                ("anonymous".to_owned(), None),
            ],
            "{backend:?}"
        );
        let sessions: Vec<(String, Option<String>, Option<i32>)> =
            app::entities::session::Entity::find()
                .order_by_asc(app::entities::session::Column::IdHash)
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|s| (s.id_hash, s.principal_kind, s.principal_id))
                .collect();
        assert_eq!(
            sessions,
            vec![
                ("a".to_owned(), Some("staff".to_owned()), Some(ann.id)),
                ("b".to_owned(), None, None),
            ],
            "{backend:?}"
        );
        // Still append-only after the conversion.
        assert!(
            db.execute_raw(sql("UPDATE audit_events SET actor_name = 'x'"))
                .await
                .is_err(),
            "{backend:?}"
        );
        db.close().await.ok();
    }
}
