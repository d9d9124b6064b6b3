//! The `client_services` table: a product or service a client has.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "client_services")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub client_id: i32,
    pub product: String,
    pub domain: String,
    pub billing_cycle: String,
    /// Minor units of `currency`.
    pub amount: i64,
    pub currency: String,
    pub next_due: Option<Date>,
    pub status: String,
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
