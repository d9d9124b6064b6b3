//! Each admin's session epoch: a session carries the epoch its admin had when their password was
//! checked, and ending the admin's sessions moves the epoch on, so every session issued before is
//! dead, even one a request still holds or a login still under way. A login waiting for its
//! second factor keeps the epoch of its password check for the session it will start.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["admins", "login_challenges"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(big_integer("session_epoch").default(0))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["login_challenges", "admins"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column("session_epoch")
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
