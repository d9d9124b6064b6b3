//! The `kb_categories` table: a knowledgebase category, top-level or inside one top-level category.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_categories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The top-level category it sits in; none for a top-level one.
    pub parent_id: Option<i32>,
    pub name: String,
    pub description: String,
    /// Lower first.
    pub position: i32,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
