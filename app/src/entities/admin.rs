//! The `admins` table: staff accounts. Never deleted, only disabled.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "admins")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub password_hash: String,
    pub role_id: i32,
    pub language: String,
    pub signature: String,
    pub notes: String,
    pub disabled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub last_login_at: Option<DateTimeUtc>,
    /// Moves on whenever the admin's sessions end; a session from an earlier epoch is dead.
    pub session_epoch: i64,
    /// Moves on with every change; edit forms check it (see `concurrency`).
    pub version: i32,
    /// My Account: a ticket's messages newest first (otherwise oldest first).
    pub tickets_newest_first: bool,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Admin")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("role_id", &self.role_id)
            .field("password_hash", &"[redacted]")
            .field("disabled_at", &self.disabled_at)
            .finish_non_exhaustive()
    }
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
        if insert {
            if self.version.is_not_set() {
                self.version = sea_orm::ActiveValue::Set(1);
            }
            if self.tickets_newest_first.is_not_set() {
                self.tickets_newest_first = sea_orm::ActiveValue::Set(false);
            }
            if self.session_epoch.is_not_set() {
                self.session_epoch = sea_orm::ActiveValue::Set(0);
            }
        }
        Ok(self)
    }
}
