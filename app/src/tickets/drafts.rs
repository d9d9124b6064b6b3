//! Reply drafts kept on the server while an admin writes, and who has a ticket open. A draft
//! survives reloads, status and department changes and a refused send; sending ends it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entities::{admin, ticket_draft};

/// How long after their last sign of life an admin still counts as having a ticket open. The
/// ticket page reports every few seconds while it is open.
pub const PRESENT_FOR: Duration = Duration::seconds(30);

/// Saves `body` as `admin_id`'s draft on the ticket (an empty body ends it), and marks them
/// present.
pub async fn save(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    ticket_id: i32,
    admin_id: i32,
    body: &str,
) -> Result<(), DbErr> {
    upsert(db, now, ticket_id, admin_id, Some(body)).await
}

/// Saves the draft from the page's timer, unless the admin wrote on the ticket after message
/// `seen` (their text was sent meanwhile, and must not come back as a draft). Checked and saved
/// under the ticket's lock, which a reply also takes.
#[allow(clippy::too_many_arguments)]
pub async fn save_unless_sent<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    scope: &super::service::Scope,
    reference: &str,
    admin_id: i32,
    seen: i64,
    body: &str,
) -> Result<(), super::service::TicketError> {
    use sea_orm::TransactionSession;
    let txn = crate::kernel::db::begin_write(db).await?;
    let t = super::service::find_for_update(&txn, scope, reference).await?;
    if super::service::wrote_since(&txn, t.id, admin_id, seen).await? {
        touch(&txn, now, t.id, admin_id).await?;
    } else {
        save(&txn, now, t.id, admin_id, body).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Marks `admin_id` as having the ticket open now, keeping their draft.
pub async fn touch(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    ticket_id: i32,
    admin_id: i32,
) -> Result<(), DbErr> {
    upsert(db, now, ticket_id, admin_id, None).await
}

async fn upsert(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    ticket_id: i32,
    admin_id: i32,
    body: Option<&str>,
) -> Result<(), DbErr> {
    let mut update = vec![ticket_draft::Column::SeenAt];
    if body.is_some() {
        update.extend([ticket_draft::Column::Body, ticket_draft::Column::UpdatedAt]);
    }
    ticket_draft::Entity::insert(ticket_draft::ActiveModel {
        ticket_id: Set(ticket_id),
        admin_id: Set(admin_id),
        body: Set(body.unwrap_or_default().to_owned()),
        updated_at: Set(now),
        seen_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            ticket_draft::Column::TicketId,
            ticket_draft::Column::AdminId,
        ])
        .update_columns(update)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// `admin_id`'s unsent text on the ticket, if any.
pub async fn of(
    db: &impl ConnectionTrait,
    ticket_id: i32,
    admin_id: i32,
) -> Result<Option<String>, DbErr> {
    Ok(ticket_draft::Entity::find_by_id((ticket_id, admin_id))
        .one(db)
        .await?
        .map(|d| d.body)
        .filter(|b| !b.trim().is_empty()))
}

/// The other admins who have the ticket open now, by name.
pub async fn others_present(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    ticket_id: i32,
    admin_id: i32,
) -> Result<Vec<String>, DbErr> {
    let ids: Vec<i32> = ticket_draft::Entity::find()
        .filter(ticket_draft::Column::TicketId.eq(ticket_id))
        .filter(ticket_draft::Column::AdminId.ne(admin_id))
        .filter(ticket_draft::Column::SeenAt.gte(now - PRESENT_FOR))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.admin_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = admin::Entity::find()
        .filter(admin::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| format!("{} {}", a.first_name, a.last_name))
        .collect();
    names.sort();
    Ok(names)
}
