//! The `tickets` table: one support ticket. The thread is in `ticket_messages`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The public reference (`KTR-482913`), shown everywhere instead of the id.
    pub reference: String,
    pub subject: String,
    pub department_id: i32,
    /// `low`, `medium` or `high`.
    pub priority: String,
    /// `open`, `answered`, `customer_reply`, `on_hold`, `in_progress` or `closed`.
    pub status: String,
    pub assigned_admin_id: Option<i32>,
    /// The client the ticket belongs to, once clients exist.
    pub client_id: Option<i32>,
    /// The Client Area user who opened it, if one did.
    pub user_id: Option<i32>,
    /// Shown in the Client Area: opened there, or linked to the client by staff.
    pub client_visible: bool,
    pub requester_name: String,
    pub requester_email: String,
    pub created_at: DateTimeUtc,
    pub last_reply_at: DateTimeUtc,
    /// `staff` or `requester`.
    pub last_reply_by: String,
    /// The `Message-ID` the ticket's emails thread under.
    pub thread_id: String,
    /// Moves on with every change (optimistic concurrency).
    pub version: i32,
    /// Set when the ticket was merged into another; its reference then leads there.
    pub merged_into_id: Option<i32>,
    /// When the ticket was last closed; cleared when it opens again.
    pub closed_at: Option<DateTimeUtc>,
    /// When staff first replied, and who: the support reports' first response time.
    pub first_response_at: Option<DateTimeUtc>,
    pub first_response_admin_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
