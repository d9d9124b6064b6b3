//! Network issues: the status page's incidents and planned work, each with updates appended in
//! time order.

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
                    .table("network_issues")
                    .col(pk_auto("id"))
                    .col(string_len("title", 200))
                    // `server`, `system` or `other`.
                    .col(string_len("kind", 20))
                    .col(string_len("affects", 200))
                    // `low`, `medium`, `high` or `critical`.
                    .col(string_len("priority", 20))
                    // `reported`, `investigating`, `in_progress`, `outage`, `scheduled`, `resolved`.
                    .col(string_len("status", 20))
                    .col(text("description"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone_null("ends_at"))
                    // Set when the status becomes Resolved, cleared when it leaves it.
                    .col(timestamp_with_time_zone_null("resolved_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("network_issues_status_idx")
                    .table("network_issues")
                    .col("status")
                    .col("starts_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("network_issue_updates")
                    .col(pk_auto("id"))
                    .col(integer("issue_id"))
                    .col(text("body"))
                    // The status the update set, if it changed it.
                    .col(string_len_null("status", 20))
                    // An admin's first and last name with a space.
                    .col(string_len("author_name", 201))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("network_issue_updates", "issue_id")
                            .to("network_issues", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("network_issue_updates_issue_idx")
                    .table("network_issue_updates")
                    .col("issue_id")
                    .col("created_at")
                    .to_owned(),
            )
            .await?;
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        manager
            .drop_table(Table::drop().table("network_issue_updates").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("network_issues").to_owned())
            .await?;
        txn.commit().await
    }
}
