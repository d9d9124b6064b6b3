//! Sessions and audit events name the kind of principal, not only an admin: a session belongs to a
//! staff admin or (later) a client user, and an audit actor is staff, a client user, the system or
//! someone anonymous. Existing rows are converted: every session so far is a staff session, and an
//! audit event's actor is staff when it has an admin id, the system when it was recorded as
//! "system", and anonymous otherwise.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The append-only trigger of `audit_events` stands aside for the one conversion update.
async fn with_audit_updates_allowed(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Sqlite => {
            db.execute_unprepared("DROP TRIGGER audit_events_no_UPDATE")
                .await?;
            db.execute_unprepared(sql).await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_events_no_UPDATE BEFORE UPDATE ON audit_events \
                 BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
            )
            .await?;
        }
        DatabaseBackend::Postgres => {
            db.execute_unprepared(
                "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
            )
            .await?;
            db.execute_unprepared(sql).await?;
            db.execute_unprepared(
                "ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only",
            )
            .await?;
        }
        _ => {
            db.execute_unprepared(sql).await?;
        }
    }
    Ok(())
}

/// Builds `sessions` anew with `principal` in place of the columns that name its owner, and the
/// rows of the old table converted by `copy` (an `INSERT INTO sessions_new … SELECT … FROM
/// sessions`). Sessions are short-lived rows, so a rebuild is cheap, and it works the same on
/// SQLite, which cannot drop an indexed column with a foreign key.
async fn rebuild_sessions(
    manager: &SchemaManager<'_>,
    principal: Vec<ColumnDef>,
    index: (&'static str, &[&'static str]),
    copy: &str,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    // On PostgreSQL, nothing writes a session (another node, during a rolling upgrade) between the
    // copy and the drop, so no login or logout is lost.
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE")
            .await?;
    }
    let mut table = Table::create();
    table
        .table("sessions_new")
        .col(string_len("id_hash", 64).primary_key());
    for col in principal {
        table.col(col);
    }
    table
        .col(text("data"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("last_seen_at"))
        .col(timestamp_with_time_zone("expires_at"))
        .col(string_len("ip", 64).default(""))
        .col(string_len("user_agent", 512).default(""));
    manager.create_table(table.to_owned()).await?;
    db.execute_unprepared(copy).await?;
    manager
        .drop_table(Table::drop().table("sessions").to_owned())
        .await?;
    manager
        .rename_table(Table::rename().table("sessions_new", "sessions").to_owned())
        .await?;
    let mut owner_index = Index::create();
    owner_index.name(index.0).table("sessions");
    for col in index.1 {
        owner_index.col(*col);
    }
    manager.create_index(owner_index.to_owned()).await?;
    manager
        .create_index(
            Index::create()
                .name("sessions_expires_idx")
                .table("sessions")
                .col("expires_at")
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        // One transaction, so every statement runs on the same connection and a failure leaves
        // nothing half-converted.
        let txn = outer.begin().await?;
        let manager = &txn;
        manager
            .alter_table(
                Table::alter()
                    .table("audit_events")
                    // The default only fills the rows that exist now (converted below); every new row names
                    // its kind. Were one to forget, it would read as anonymous, never as the system.
                    .add_column(string_len("actor_kind", 16).default("anonymous"))
                    .to_owned(),
            )
            .await?;
        with_audit_updates_allowed(
            manager,
            "UPDATE audit_events SET actor_kind = CASE \
             WHEN actor_id IS NOT NULL THEN 'staff' \
             WHEN actor_name = 'system' THEN 'system' \
             ELSE 'anonymous' END",
        )
        .await?;
        rebuild_sessions(
            manager,
            vec![
                string_len_null("principal_kind", 16),
                integer_null("principal_id"),
            ],
            ("sessions_principal_idx", &["principal_kind", "principal_id"]),
            "INSERT INTO sessions_new (id_hash, principal_kind, principal_id, data, created_at, \
             last_seen_at, expires_at, ip, user_agent) \
             SELECT id_hash, CASE WHEN admin_id IS NULL THEN NULL ELSE 'staff' END, admin_id, data, \
             created_at, last_seen_at, expires_at, ip, user_agent FROM sessions",
        )
        .await?;
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        // Sessions of other kinds than staff cannot be kept in the old shape.
        rebuild_sessions(
            manager,
            vec![integer_null("admin_id")],
            ("sessions_admin_idx", &["admin_id"]),
            "INSERT INTO sessions_new (id_hash, admin_id, data, created_at, last_seen_at, \
             expires_at, ip, user_agent) \
             SELECT id_hash, principal_id, data, created_at, last_seen_at, expires_at, ip, \
             user_agent FROM sessions WHERE principal_kind IS NULL OR principal_kind = 'staff'",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("audit_events")
                    .drop_column("actor_kind")
                    .to_owned(),
            )
            .await?;
        txn.commit().await
    }
}
