//! Announcements: news staff write in Markdown, published from a chosen time, optionally emailed
//! to the clients who opted in, a batch at a time.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        manager
            .create_table(
                Table::create()
                    .table("announcements")
                    .col(pk_auto("id"))
                    .col(string_len("title", 200))
                    // The Markdown staff write, its sanitised HTML, and its text.
                    .col(text("body"))
                    .col(text("html"))
                    .col(text("plain"))
                    // Readers see it when it is published and `publish_at` has come.
                    .col(boolean("published").default(false))
                    .col(timestamp_with_time_zone("publish_at"))
                    // Emailing to the clients who opted in: asked for, how far it went (the last
                    // client id queued), how many were queued, and when it finished.
                    .col(boolean("email_clients").default(false))
                    .col(integer("mail_cursor").default(0))
                    .col(integer("mailed_count").default(0))
                    .col(timestamp_with_time_zone_null("mailed_at"))
                    // An admin's first and last name with a space.
                    .col(string_len("author_name", 201))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("announcements_published_idx")
                    .table("announcements")
                    .col("published")
                    .col("publish_at")
                    .to_owned(),
            )
            .await?;
        // The mailing walks the opted-in clients in id order.
        manager
            .create_index(
                Index::create()
                    .name("clients_marketing_idx")
                    .table("clients")
                    .col("marketing_opt_in")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        manager
            .drop_index(
                Index::drop()
                    .name("clients_marketing_idx")
                    .table("clients")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("announcements").to_owned())
            .await?;
        txn.commit().await
    }
}
