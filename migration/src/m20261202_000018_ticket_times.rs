//! The times the support reports measure, kept on the ticket so a report reads one row per ticket
//! rather than its thread: when it was closed, and when and by whom staff first replied.
//! Existing tickets are filled from their threads; a closed ticket's close time is taken to be its
//! last reply, the best the old data tells.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const FIRST_STAFF_REPLY: &str = "FROM ticket_messages m WHERE m.ticket_id = tickets.id \
     AND m.kind = 'reply' AND m.author_kind = 'staff'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        for column in [
            timestamp_with_time_zone_null("closed_at"),
            timestamp_with_time_zone_null("first_response_at"),
            integer_null("first_response_admin_id"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("tickets")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE tickets SET closed_at = last_reply_at WHERE status = 'closed'",
        )
        .await?;
        db.execute_unprepared(&format!(
            "UPDATE tickets SET first_response_at = (SELECT MIN(m.created_at) {FIRST_STAFF_REPLY})"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "UPDATE tickets SET first_response_admin_id = (SELECT m.author_admin_id \
             {FIRST_STAFF_REPLY} ORDER BY m.created_at, m.id LIMIT 1)"
        ))
        .await?;
        for (name, col) in [
            ("tickets_created_idx", "created_at"),
            ("tickets_closed_idx", "closed_at"),
            ("tickets_first_response_idx", "first_response_at"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("tickets")
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        for name in [
            "tickets_created_idx",
            "tickets_closed_idx",
            "tickets_first_response_idx",
        ] {
            manager
                .drop_index(Index::drop().name(name).table("tickets").to_owned())
                .await?;
        }
        for column in ["closed_at", "first_response_at", "first_response_admin_id"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("tickets")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        txn.commit().await
    }
}
