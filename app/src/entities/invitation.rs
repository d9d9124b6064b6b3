//! The `invitations` table. Only the SHA-256 of a token is stored.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// Pre-set by the inviter; the invitee cannot change it.
    pub username: Option<String>,
    pub role_id: i32,
    pub language: String,
    pub token_hash: String,
    /// The inviting admin; None when the server or the CLI invited.
    pub invited_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub superseded_at: Option<DateTimeUtc>,
    pub admin_id: Option<i32>,
    /// When the expiry job recorded this invitation's expiry in the audit trail.
    pub expiry_recorded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
