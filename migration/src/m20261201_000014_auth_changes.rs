//! `auth_changes`: a short log of what changed about who may do what, written by triggers, so
//! that every node can drop the sessions and admins it has cached once they change.
//!
//! Triggers write it in the same transaction as the change, so no code path can forget to:
//! - an updated or deleted session logs `session` with its id hash;
//! - an updated or deleted admin, or their two-factor row changing, logs `admin` with the id;
//! - a changed role or role permission logs `all` (roles change rarely; every admin may hold one).
//!
//! On SQLite one writer at a time means rows commit in id order, and each node reads the rows
//! after the last id it saw. Postgres can commit a lower id after a higher one, so there each row
//! also records its transaction id (`tx`), and a node reads the rows of the transactions that
//! were still running at its previous read's snapshot or began since. Rows are stamped with the
//! time they were written (`clock_timestamp()`, not the transaction's start), and the jobs loop
//! removes those older than ten minutes.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (trigger name, table, events, scope, subject expression with `{row}` for NEW or OLD).
const TRIGGERS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "auth_changes_session",
        "sessions",
        "UPDATE OR DELETE",
        "session",
        "{row}.id_hash",
    ),
    (
        "auth_changes_admin",
        "admins",
        "UPDATE OR DELETE",
        "admin",
        "{row}.id",
    ),
    (
        "auth_changes_two_factor",
        "two_factor",
        "INSERT OR UPDATE OR DELETE",
        "admin",
        "{row}.admin_id",
    ),
    (
        "auth_changes_role",
        "roles",
        "UPDATE OR DELETE",
        "all",
        "''",
    ),
    (
        "auth_changes_role_permission",
        "role_permissions",
        "INSERT OR UPDATE OR DELETE",
        "all",
        "''",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("auth_changes")
                    .col(big_pk_auto("id"))
                    .col(string_len("scope", 16))
                    .col(string_len("subject", 128))
                    .col(big_integer("changed_at"))
                    // Postgres: the writing transaction's id (filled in below); SQLite: unused.
                    .col(big_integer("tx").default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_auth_changes_changed_at")
                    .table("auth_changes")
                    .col("changed_at")
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for (name, table, events, scope, subject) in TRIGGERS {
                    // SQLite triggers take one event each.
                    for event in events.split(" OR ") {
                        let row = if event == "INSERT" { "NEW" } else { "OLD" };
                        let subject = subject.replace("{row}", row);
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {name}_{event} AFTER {event} ON {table} BEGIN \
                             INSERT INTO auth_changes (scope, subject, changed_at) VALUES \
                             ('{scope}', CAST({subject} AS TEXT), CAST(strftime('%s', 'now') AS INTEGER)); END"
                        ))
                        .await?;
                    }
                }
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE auth_changes ALTER COLUMN tx SET DEFAULT \
                     (pg_current_xact_id()::text)::bigint",
                )
                .await?;
                db.execute_unprepared("CREATE INDEX idx_auth_changes_tx ON auth_changes (tx)")
                    .await?;
                for (name, table, events, scope, subject) in TRIGGERS {
                    let subject_new = subject.replace("{row}", "NEW");
                    let subject_old = subject.replace("{row}", "OLD");
                    let log = |subject: &str| {
                        format!(
                            "INSERT INTO auth_changes (scope, subject, changed_at) VALUES \
                             ('{scope}', ({subject})::text, EXTRACT(EPOCH FROM clock_timestamp())::bigint);"
                        )
                    };
                    // NEW exists only for inserts and updates, OLD only for updates and deletes.
                    let (on_insert, otherwise) = (log(&subject_new), log(&subject_old));
                    db.execute_unprepared(&format!(
                        "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                         IF TG_OP = 'INSERT' THEN {on_insert} ELSE {otherwise} END IF; \
                         RETURN NULL; END $$"
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {name} AFTER {events} ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION {name}()"
                    ))
                    .await?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (name, table, events, _, _) in TRIGGERS {
            match manager.get_database_backend() {
                DatabaseBackend::Sqlite => {
                    for event in events.split(" OR ") {
                        db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}_{event}"))
                            .await?;
                    }
                }
                DatabaseBackend::Postgres => {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name} ON {table}"))
                        .await?;
                    db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS {name}()"))
                        .await?;
                }
                _ => {}
            }
        }
        manager
            .drop_table(Table::drop().table("auth_changes").to_owned())
            .await
    }
}
