//! The `login_challenges` table: a password that passed, waiting for its second factor. Only the
//! SHA-256 of the browser's token is stored; no session exists until the challenge is met.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_challenges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub token_hash: String,
    pub admin_id: i32,
    pub ip: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub failures: i32,
    /// The admin's session epoch when the password was checked: the session this login starts
    /// belongs to it (and is dead if the admin's sessions ended since).
    pub session_epoch: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
