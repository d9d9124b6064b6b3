//! Each admin's session cut-off: sessions issued before `sessions_valid_after_ms` (Unix
//! milliseconds) are dead, so ending an admin's sessions holds even against a request that loaded
//! one of them before it ended.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("admins")
                    .add_column(big_integer("sessions_valid_after_ms").default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("admins")
                    .drop_column("sessions_valid_after_ms")
                    .to_owned(),
            )
            .await
    }
}
