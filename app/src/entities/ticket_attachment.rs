//! The `ticket_attachments` table. A file attached to a ticket message, stored under `<data_dir>/attachments/<stored_name>`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i32,
    pub message_id: i64,
    /// Random; never derived from the uploaded name.
    pub stored_name: String,
    /// The uploaded name, cleaned; for display and downloads only.
    pub file_name: String,
    /// Detected from the content, not from the name.
    pub content_type: String,
    pub size: i64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
