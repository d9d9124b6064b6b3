//! The `kb_votes` table: one visitor's "was this helpful?" answer on one article.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_votes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub article_id: i32,
    /// SHA-256 of the visitor's voting cookie, in hex.
    #[sea_orm(primary_key, auto_increment = false)]
    pub voter: String,
    /// SHA-256 of the address the vote came from, in hex.
    pub source: String,
    pub helpful: bool,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
