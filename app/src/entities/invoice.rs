//! The `invoices` table: the totals are written by `clients::model::invoice_totals` only.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub client_id: i32,
    pub issued_on: Date,
    pub due_on: Date,
    pub currency: String,
    /// Basis points on the taxed lines.
    pub tax_rate: i32,
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
    /// Payments less refunds.
    pub paid: i64,
    pub status: String,
    pub notes: String,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// New rows get their version written out (see `department`).
#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C: ConnectionTrait>(
        mut self,
        _db: &C,
        insert: bool,
    ) -> Result<Self, DbErr> {
        if insert && self.version.is_not_set() {
            self.version = sea_orm::ActiveValue::Set(1);
        }
        Ok(self)
    }
}
