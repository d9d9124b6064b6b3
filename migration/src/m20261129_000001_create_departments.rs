//! Support departments: the first real table, used by invitations, staff and My Account.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("departments")
                    .col(pk_auto("id"))
                    .col(string_len("name", 100))
                    .col(string_len("email", 254))
                    .col(text("description").default(""))
                    .col(boolean("hidden").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        // Names are unique regardless of case, on both SQLite and Postgres.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX departments_name_lower_key ON departments (LOWER(name))",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("departments").to_owned())
            .await
    }
}
