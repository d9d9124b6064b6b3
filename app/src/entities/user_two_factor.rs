//! The `user_two_factor` table: one user's TOTP secret, encrypted with the server's key.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_two_factor")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub secret_ciphertext: String,
    pub created_at: DateTimeUtc,
    /// None while enrolment waits for its first code.
    pub confirmed_at: Option<DateTimeUtc>,
    /// The last 30-second step whose code was accepted (replay protection).
    pub last_used_step: Option<i64>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserTwoFactor")
            .field("user_id", &self.user_id)
            .field("secret_ciphertext", &"[redacted]")
            .field("confirmed_at", &self.confirmed_at)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
