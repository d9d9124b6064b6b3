//! The `audit_events` table: append-only; the database refuses updates and deletes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    /// `staff`, `client_user`, `system` or `anonymous` (`ActorKind::key`).
    pub actor_kind: String,
    /// The admin or client user who acted; None when the system or someone anonymous acted.
    pub actor_id: Option<i32>,
    /// The actor's name when it acted, or "system".
    pub actor_name: String,
    /// A stable key such as `admin.disabled`.
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<i32>,
    pub target_label: String,
    /// `{"before": …, "after": …}` as JSON; never a secret.
    pub details: String,
    pub ip: String,
    pub user_agent: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
