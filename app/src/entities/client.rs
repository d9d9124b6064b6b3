//! The `clients` table: a customer account; closed, never deleted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// `active`, `inactive` or `closed`.
    pub status: String,
    pub language: String,
    /// ISO 4217.
    pub currency: String,
    pub tax_exempt: bool,
    pub no_late_fees: bool,
    pub no_overdue_notices: bool,
    pub marketing_opt_in: bool,
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
