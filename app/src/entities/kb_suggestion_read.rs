//! The `kb_suggestion_reads` table: a suggested article a Client Area user opened while starting a
//! ticket, and the ticket they opened afterwards, if any (none: the article deflected it).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_suggestion_reads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub article_id: i32,
    pub user_id: i32,
    pub client_id: i32,
    pub at: DateTimeUtc,
    pub ticket_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
