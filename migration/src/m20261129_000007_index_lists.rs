//! Indexes for the paged lists at scale: staff in name order, open invitations newest first (a
//! partial index holding only invitations still open, which the dashboard counts too), and each
//! invitation's email in the outbox.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("admins_name_idx")
                    .table("admins")
                    .col("first_name")
                    .col("last_name")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mail_outbox_invitation_idx")
                    .table("mail_outbox")
                    .col("invitation_id")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        // The same SQL on SQLite and PostgreSQL: both support partial indexes.
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE INDEX invitations_open_idx ON invitations (created_at, id) \
             WHERE accepted_at IS NULL AND cancelled_at IS NULL AND superseded_at IS NULL",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX invitations_open_expiry_idx ON invitations (expires_at) \
             WHERE accepted_at IS NULL AND cancelled_at IS NULL AND superseded_at IS NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX invitations_open_expiry_idx")
            .await?;
        db.execute_unprepared("DROP INDEX invitations_open_idx")
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("mail_outbox_invitation_idx")
                    .table("mail_outbox")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("admins_name_idx")
                    .table("admins")
                    .to_owned(),
            )
            .await
    }
}
