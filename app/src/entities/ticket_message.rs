//! The `ticket_messages` table: replies (to and from the requester) and internal notes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i32,
    /// `reply` or `note`.
    pub kind: String,
    /// `staff` or `requester`.
    pub author_kind: String,
    pub author_admin_id: Option<i32>,
    /// The author's name when they wrote, kept if the account changes.
    pub author_name: String,
    /// As written; shown as plain text.
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
