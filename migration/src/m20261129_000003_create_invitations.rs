//! Invitations, their departments, admins' departments, and the mail outbox.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("invitations")
                    .col(pk_auto("id"))
                    .col(string_len("email", 254))
                    .col(string_len("first_name", 100))
                    .col(string_len("last_name", 100))
                    .col(string_len_null("username", 64))
                    .col(integer("role_id"))
                    .col(string_len("language", 10).default("en"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(integer_null("invited_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("accepted_at"))
                    .col(timestamp_with_time_zone_null("cancelled_at"))
                    .col(timestamp_with_time_zone_null("superseded_at"))
                    .col(integer_null("admin_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("invitations", "role_id")
                            .to("roles", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("invitations", "invited_by")
                            .to("admins", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("invitations", "admin_id")
                            .to("admins", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("invitations_email_idx")
                    .table("invitations")
                    .col("email")
                    .to_owned(),
            )
            .await?;
        for (table, owner) in [
            ("invitation_departments", "invitation_id"),
            ("admin_departments", "admin_id"),
        ] {
            let parent = if owner == "admin_id" {
                "admins"
            } else {
                "invitations"
            };
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .col(integer(owner))
                        .col(integer("department_id"))
                        .col(boolean("notify").default(true))
                        .primary_key(Index::create().col(owner).col("department_id"))
                        .foreign_key(
                            ForeignKey::create()
                                .from(table, owner)
                                .to(parent, "id")
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(table, "department_id")
                                .to("departments", "id"),
                        )
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("mail_outbox")
                    .col(big_pk_auto("id"))
                    .col(string_len("to_address", 254))
                    .col(string_len("subject", 255))
                    .col(text("text_body"))
                    .col(text("html_body"))
                    .col(integer_null("invitation_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(text_null("last_error"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("mail_outbox", "invitation_id")
                            .to("invitations", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mail_outbox_due_idx")
                    .table("mail_outbox")
                    .col("sent_at")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "mail_outbox",
            "admin_departments",
            "invitation_departments",
            "invitations",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
