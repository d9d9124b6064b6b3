//! The support desk: tickets, their messages (replies and internal notes), per-department status
//! counters kept in the same transaction as every change, and full-text search (FTS5 on SQLite,
//! `tsvector` with GIN indexes on PostgreSQL). Outgoing mail gets the extra headers that ticket
//! email threads need.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// New permissions of the support desk, granted to the built-in Support Operator where it still
/// holds "View support tickets", which they require.
const SUPPORT_OPERATOR_GRANTS: &[&str] = &["tickets.open", "tickets.change", "tickets.assign"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        let db = manager.get_connection();
        manager
            .create_table(
                Table::create()
                    .table("tickets")
                    .col(pk_auto("id"))
                    // The public reference, such as KTR-482913: random, never the row id.
                    .col(string_len_uniq("reference", 16))
                    .col(string_len("subject", 255))
                    .col(integer("department_id"))
                    .col(string_len("priority", 16))
                    .col(string_len("status", 16))
                    .col(integer_null("assigned_admin_id"))
                    // The requester: a client once clients exist (`client_id`), otherwise a name and
                    // an email address, which a client's ticket keeps too (the address it came from).
                    .col(integer_null("client_id"))
                    .col(string_len("requester_name", 201))
                    .col(string_len("requester_email", 254))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("last_reply_at"))
                    // `staff` or `requester`.
                    .col(string_len("last_reply_by", 16))
                    // Message-ID of the ticket's first email: replies reference it.
                    .col(string_len("thread_id", 255))
                    .col(integer("version").default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from("tickets", "department_id")
                            .to("departments", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("tickets", "assigned_admin_id")
                            .to("admins", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            // The queue: a department's tickets in a status, by last reply.
            (
                "tickets_queue_idx",
                &["department_id", "status", "last_reply_at", "id"][..],
            ),
            ("tickets_status_idx", &["status", "last_reply_at", "id"][..]),
            ("tickets_last_reply_idx", &["last_reply_at", "id"][..]),
            (
                "tickets_assigned_idx",
                &["assigned_admin_id", "status", "last_reply_at"][..],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table("tickets");
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("ticket_messages")
                    .col(big_pk_auto("id"))
                    .col(integer("ticket_id"))
                    // `reply` or `note`.
                    .col(string_len("kind", 8))
                    // `staff` or `requester`.
                    .col(string_len("author_kind", 16))
                    .col(integer_null("author_admin_id"))
                    .col(string_len("author_name", 201))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("ticket_messages", "ticket_id")
                            .to("tickets", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ticket_messages_thread_idx")
                    .table("ticket_messages")
                    .col("ticket_id")
                    .col("id")
                    .to_owned(),
            )
            .await?;

        // How many tickets each department has in each status, changed in the same transaction as
        // the ticket: the queue's counts cost one small read whatever the number of tickets.
        manager
            .create_table(
                Table::create()
                    .table("ticket_counts")
                    .col(integer("department_id"))
                    .col(string_len("status", 16))
                    .col(big_integer("tickets").default(0))
                    .primary_key(Index::create().col("department_id").col("status"))
                    .to_owned(),
            )
            .await?;

        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                // One row per ticket subject and per message, written by the service in the
                // ticket's transaction.
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE ticket_search USING fts5(\
                     ticket_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')",
                )
                .await?;
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE tickets ADD COLUMN search tsvector \
                     GENERATED ALWAYS AS (to_tsvector('simple', subject)) STORED",
                )
                .await?;
                db.execute_unprepared(
                    "ALTER TABLE ticket_messages ADD COLUMN search tsvector \
                     GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX tickets_search_idx ON tickets USING GIN (search)",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX ticket_messages_search_idx ON ticket_messages USING GIN (search)",
                )
                .await?;
            }
            _ => {}
        }

        // My Account: a ticket's messages newest first, or oldest first.
        manager
            .alter_table(
                Table::alter()
                    .table("admins")
                    .add_column(boolean("tickets_newest_first").default(false))
                    .to_owned(),
            )
            .await?;
        // Extra headers of an outgoing message (Message-ID, In-Reply-To, References,
        // Auto-Submitted), as a JSON object; empty for the messages before.
        manager
            .alter_table(
                Table::alter()
                    .table("mail_outbox")
                    .add_column(text("headers").default(""))
                    .to_owned(),
            )
            .await?;

        for permission in SUPPORT_OPERATOR_GRANTS {
            db.execute_unprepared(&format!(
                "INSERT INTO role_permissions (role_id, permission) \
                 SELECT id, '{permission}' FROM roles WHERE key = 'support_operator' \
                 AND EXISTS (SELECT 1 FROM role_permissions held \
                 WHERE held.role_id = roles.id AND held.permission = 'tickets.view')"
            ))
            .await?;
        }
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        let db = manager.get_connection();
        for permission in SUPPORT_OPERATOR_GRANTS {
            db.execute_unprepared(&format!(
                "DELETE FROM role_permissions WHERE permission = '{permission}'"
            ))
            .await?;
        }
        for (table, column) in [
            ("mail_outbox", "headers"),
            ("admins", "tickets_newest_first"),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            db.execute_unprepared("DROP TABLE ticket_search").await?;
        }
        for table in ["ticket_counts", "ticket_messages", "tickets"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        txn.commit().await
    }
}
