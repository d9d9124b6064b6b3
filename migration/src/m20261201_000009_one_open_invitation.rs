//! At most one open invitation per email address, enforced by the database: two admins inviting
//! the same person at the same moment get one invitation and one clear refusal.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const OPEN: &str = "accepted_at IS NULL AND cancelled_at IS NULL AND superseded_at IS NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // Duplicates made before this index existed: the newest stays open, older ones count as
        // replaced by it (the same state a resend leaves). The same SQL on SQLite and PostgreSQL.
        db.execute_unprepared(&format!(
            "UPDATE invitations SET superseded_at = created_at \
             WHERE {OPEN} AND id NOT IN \
             (SELECT MAX(id) FROM invitations WHERE {OPEN} GROUP BY LOWER(email))"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "CREATE UNIQUE INDEX invitations_one_open_per_email ON invitations (LOWER(email)) \
             WHERE {OPEN}"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX invitations_one_open_per_email")
            .await?;
        Ok(())
    }
}
