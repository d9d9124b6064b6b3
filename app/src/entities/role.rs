//! The `roles` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// Stable key of a built-in role (`full_administrator`, ...); None for custom roles.
    pub key: Option<String>,
    pub built_in: bool,
    pub created_at: DateTimeUtc,
    /// Deleted roles stay, renamed, so records that name them stay intact.
    pub deleted_at: Option<DateTimeUtc>,
    /// Admins in this role must set up two-factor authentication before doing anything else.
    pub requires_two_factor: bool,
    /// Moves on with every change; edit forms check it (see `concurrency`).
    pub version: i32,
    /// The role sees every report; otherwise only those in `role_reports`.
    pub all_reports: bool,
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
        if insert && self.all_reports.is_not_set() {
            self.all_reports = sea_orm::ActiveValue::Set(true);
        }
        Ok(self)
    }
}
