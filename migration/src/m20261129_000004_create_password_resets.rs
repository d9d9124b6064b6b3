//! Single-use set-password links, sent when an administrator resets another admin's password; and
//! deleted roles, kept so history can still name them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("password_resets")
                    .col(pk_auto("id"))
                    .col(integer("admin_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(integer("requested_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone_null("superseded_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("password_resets", "admin_id")
                            .to("admins", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("password_resets", "requested_by")
                            .to("admins", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("password_resets_admin_idx")
                    .table("password_resets")
                    .col("admin_id")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("roles")
                    .add_column(timestamp_with_time_zone_null("deleted_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("roles")
                    .drop_column("deleted_at")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("password_resets").to_owned())
            .await
    }
}
