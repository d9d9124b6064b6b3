//! Report access per role: a role sees all reports (the default) or a chosen list.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        manager
            .alter_table(
                Table::alter()
                    .table("roles")
                    .add_column(boolean("all_reports").default(true))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("role_reports")
                    .col(integer("role_id"))
                    // A `ReportKind` key.
                    .col(string_len("report", 40))
                    .primary_key(Index::create().col("role_id").col("report"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("role_reports", "role_id")
                            .to("roles", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        manager
            .drop_table(Table::drop().table("role_reports").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("roles")
                    .drop_column("all_reports")
                    .to_owned(),
            )
            .await?;
        txn.commit().await
    }
}
