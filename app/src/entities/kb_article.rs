//! The `kb_articles` table: one knowledgebase article.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_articles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    #[sea_orm(unique)]
    pub slug: String,
    /// The Markdown staff write.
    pub body: String,
    /// `body` rendered and sanitised: the only HTML a page shows.
    pub html: String,
    /// `body`'s text, for search.
    pub plain: String,
    /// Comma-separated, lower case.
    pub tags: String,
    /// `public`, `clients` or `hidden`.
    pub visibility: String,
    pub views: i64,
    pub helpful: i64,
    pub unhelpful: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
