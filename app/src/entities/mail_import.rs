//! The `mail_imports` table. One email received by `server pipe`: its outcome and the message as it came.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub received_at: DateTimeUtc,
    pub message_id: Option<String>,
    pub sender: String,
    pub subject: String,
    /// `reply`, `new_ticket`, `duplicate`, `loop` or `refused`.
    pub outcome: String,
    pub reason: String,
    pub ticket_id: Option<i32>,
    pub retried_at: Option<DateTimeUtc>,
    pub raw: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
