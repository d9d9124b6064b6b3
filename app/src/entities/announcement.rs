//! The `announcements` table: one piece of news for clients.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "announcements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    /// The Markdown staff write.
    pub body: String,
    /// `body` rendered and sanitised: the only HTML a page or an email shows.
    pub html: String,
    /// `body`'s text, for the list's excerpt and the email's text part.
    pub plain: String,
    /// Readers see it once it is published and `publish_at` has come.
    pub published: bool,
    pub publish_at: DateTimeUtc,
    /// Whether it is emailed to the clients who opted in, once readers can see it.
    pub email_clients: bool,
    /// The last client id the mailing queued a message for.
    pub mail_cursor: i32,
    /// How many messages the mailing queued.
    pub mailed_count: i32,
    /// When the mailing reached the last client.
    pub mailed_at: Option<DateTimeUtc>,
    pub author_name: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Moves on with every change (optimistic concurrency).
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
