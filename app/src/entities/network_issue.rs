//! The `network_issues` table: one incident or planned work on the status page.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "network_issues")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    /// `server`, `system` or `other`.
    pub kind: String,
    /// What is affected, in the staff's words.
    pub affects: String,
    /// The service group affected: the product the affected clients' services share.
    pub service_group: Option<String>,
    /// `low`, `medium`, `high` or `critical`.
    pub priority: String,
    /// `reported`, `investigating`, `in_progress`, `outage`, `scheduled` or `resolved`.
    pub status: String,
    pub description: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: Option<DateTimeUtc>,
    /// When it was resolved; cleared if it opens again.
    pub resolved_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Moves on with every change (optimistic concurrency).
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
