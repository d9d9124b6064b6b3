//! The audit trail: one append-only row per recorded action. The database itself refuses to
//! update or delete a row.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_events")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(integer_null("actor_id"))
                    .col(string_len("actor_name", 201))
                    .col(string_len("action", 64))
                    .col(string_len_null("target_type", 32))
                    .col(integer_null("target_id"))
                    .col(string_len("target_label", 255).default(""))
                    .col(text("details"))
                    .col(string_len("ip", 45).default(""))
                    .col(string_len("user_agent", 512).default(""))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("audit_events_at_idx", &["at"][..]),
            ("audit_events_actor_idx", &["actor_id", "id"][..]),
            ("audit_events_action_idx", &["action", "id"][..]),
            // Counting recent events of one kind (failed logins in the last 24 h).
            ("audit_events_action_at_idx", &["action", "at"][..]),
            (
                "audit_events_target_idx",
                &["target_type", "target_id", "id"][..],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table("audit_events");
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_events_no_{op} BEFORE {op} ON audit_events \
                         BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
                    ))
                    .await?;
                }
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS \
                     $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events \
                     FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
                )
                .await?;
            }
            _ => {}
        }
        // The expiry job records each expired invitation once.
        manager
            .alter_table(
                Table::alter()
                    .table("invitations")
                    .add_column(timestamp_with_time_zone_null("expiry_recorded_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("invitations")
                    .drop_column("expiry_recorded_at")
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(
                "DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events",
            )
            .await?;
            db.execute_unprepared("DROP FUNCTION IF EXISTS audit_events_append_only()")
                .await?;
        }
        manager
            .drop_table(Table::drop().table("audit_events").to_owned())
            .await
    }
}
