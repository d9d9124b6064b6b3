//! The `invoice_payments` table: payments and refunds recorded against an invoice.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice_payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub invoice_id: i32,
    /// `payment` or `refund`; the amount is positive either way.
    pub kind: String,
    pub paid_on: Date,
    pub amount: i64,
    pub method: String,
    pub reference: String,
    pub admin_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
