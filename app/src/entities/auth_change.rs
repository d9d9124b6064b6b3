//! The `auth_changes` log: sessions, admins and roles that changed, written by database triggers
//! so that every node drops what it has cached of them (`kernel::auth_cache`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `session` (subject: the id hash), `admin` (subject: the admin id) or `all`.
    pub scope: String,
    pub subject: String,
    /// Unix seconds, by the database's clock.
    pub changed_at: i64,
    /// Postgres: the id of the transaction that wrote the row; SQLite: 0.
    pub tx: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
