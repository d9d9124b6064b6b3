//! Each admin's session epoch: a session carries the epoch its admin had when they signed in, and
//! ending the admin's sessions moves the epoch on, so every session issued before is dead, even
//! one a request still holds or a login still under way.

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
                    .add_column(big_integer("session_epoch").default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("admins")
                    .drop_column("session_epoch")
                    .to_owned(),
            )
            .await
    }
}
