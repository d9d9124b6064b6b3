//! The `departments` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "departments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub email: String,
    pub description: String,
    pub hidden: bool,
    pub created_at: DateTimeUtc,
    /// Moves on with every change; edit forms check it (see `concurrency`).
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// New rows get their column defaults written out: SQLite's `RETURNING` has been seen to answer
/// NULL for a default of a column added by `ALTER TABLE`, which would fail the insert's read-back.
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
