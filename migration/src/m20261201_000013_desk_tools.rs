//! The support desk's tools: predefined replies, merged tickets, attachments, reply drafts and
//! who has a ticket open, and the log of email received by `server pipe`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;

        // A merged ticket points at the ticket it was merged into; its reference redirects there.
        manager
            .alter_table(
                Table::alter()
                    .table("tickets")
                    .add_column(integer_null("merged_into_id"))
                    .to_owned(),
            )
            .await?;
        // A thread in time order, also after a merge brought in older messages.
        manager
            .create_index(
                Index::create()
                    .name("ticket_messages_time_idx")
                    .table("ticket_messages")
                    .col("ticket_id")
                    .col("created_at")
                    .col("id")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("predefined_reply_categories")
                    .col(pk_auto("id"))
                    // One level of nesting: a top category has none.
                    .col(integer_null("parent_id"))
                    .col(string_len("name", 100))
                    .col(integer("position").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from("predefined_reply_categories", "parent_id")
                            .to("predefined_reply_categories", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("predefined_replies")
                    .col(pk_auto("id"))
                    .col(integer("category_id"))
                    .col(string_len("name", 150))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("predefined_replies", "category_id")
                            .to("predefined_reply_categories", "id"),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("ticket_attachments")
                    .col(big_pk_auto("id"))
                    .col(integer("ticket_id"))
                    .col(big_integer("message_id"))
                    // The file's random name under <data_dir>/attachments; never the uploaded name.
                    .col(string_len_uniq("stored_name", 64))
                    // The uploaded name, cleaned, for display and downloads only.
                    .col(string_len("file_name", 255))
                    // Detected from the content.
                    .col(string_len("content_type", 100))
                    .col(big_integer("size"))
                    .col(string_len("sha256", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("ticket_attachments", "ticket_id")
                            .to("tickets", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("ticket_attachments", "message_id")
                            .to("ticket_messages", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ticket_attachments_message_idx")
                    .table("ticket_attachments")
                    .col("message_id")
                    .to_owned(),
            )
            .await?;

        // One draft per admin and ticket, kept while they write; `seen_at` says they have the
        // ticket open (presence), `last_message_id` what they had seen.
        manager
            .create_table(
                Table::create()
                    .table("ticket_drafts")
                    .col(integer("ticket_id"))
                    .col(integer("admin_id"))
                    .col(text("body").default(""))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(timestamp_with_time_zone("seen_at"))
                    .primary_key(Index::create().col("ticket_id").col("admin_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("ticket_drafts", "ticket_id")
                            .to("tickets", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("ticket_drafts", "admin_id")
                            .to("admins", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // Every message `server pipe` received, with its outcome, and the message as it came.
        manager
            .create_table(
                Table::create()
                    .table("mail_imports")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("received_at"))
                    .col(string_len_null("message_id", 255))
                    .col(string_len("sender", 254))
                    .col(string_len("subject", 255))
                    // `reply`, `new_ticket`, `duplicate`, `loop` or `refused`.
                    .col(string_len("outcome", 16))
                    .col(text("reason").default(""))
                    .col(integer_null("ticket_id"))
                    // When staff had it processed again (a refused message is retried once).
                    .col(timestamp_with_time_zone_null("retried_at"))
                    .col(blob("raw"))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("mail_imports_message_idx", "message_id"),
            ("mail_imports_received_idx", "received_at"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("mail_imports")
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        // A Message-ID becomes a reply or a ticket once: two deliveries of one message racing
        // each other meet here.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX mail_imports_taken_idx ON mail_imports (message_id) \
                 WHERE outcome IN ('reply', 'new_ticket')",
            )
            .await?;
        // The Message-ID of every message the desk sent about a ticket, to match replies by
        // `In-Reply-To` and `References`.
        manager
            .create_table(
                Table::create()
                    .table("ticket_mail_ids")
                    .col(string_len("message_id", 255).primary_key())
                    .col(integer("ticket_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("ticket_mail_ids", "ticket_id")
                            .to("tickets", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        for table in [
            "ticket_mail_ids",
            "mail_imports",
            "ticket_drafts",
            "ticket_attachments",
            "predefined_replies",
            "predefined_reply_categories",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ticket_messages_time_idx")
                    .table("ticket_messages")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("tickets")
                    .drop_column("merged_into_id")
                    .to_owned(),
            )
            .await?;
        txn.commit().await
    }
}
