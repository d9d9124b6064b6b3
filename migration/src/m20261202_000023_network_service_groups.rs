//! A network issue can name the service group it affects: the product the affected services
//! share, so clients with such a service see that it concerns them.

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
                    .table("network_issues")
                    .add_column(string_len_null("service_group", 200))
                    .to_owned(),
            )
            .await?;
        // The staff form lists the products in use; a client's products are read by client.
        manager
            .create_index(
                Index::create()
                    .name("client_services_product_idx")
                    .table("client_services")
                    .col("product")
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
                    .name("client_services_product_idx")
                    .table("client_services")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("network_issues")
                    .drop_column("service_group")
                    .to_owned(),
            )
            .await?;
        txn.commit().await
    }
}
