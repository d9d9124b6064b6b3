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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
