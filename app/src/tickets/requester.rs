//! The requester's side of the desk, for the Client Area: a client's tickets, opening one as a
//! user of the client, replying, closing, and staff linking a guest ticket to a client. The
//! requester never sees notes: every read here takes replies only.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionSession, TransactionTrait,
};

use super::model::{
    MessageBody, NewTicket, Priority, RequesterMessage, RequesterOptions, RequesterTicketRow,
    RequesterTicketView, Status,
};
use super::service::{Desk, Scope, TicketError, count, create, department_name, target};
use crate::entities::{client, department, ticket, ticket_message};
use crate::kernel::audit::{self, Action, Actor, Event, Target};
use crate::kernel::time::when;

/// How many of a client's tickets the Client Area lists, newest activity first.
pub const LIST_LIMIT: u64 = 200;

/// The departments that take tickets from clients.
pub async fn options(db: &impl ConnectionTrait) -> Result<RequesterOptions, DbErr> {
    Ok(RequesterOptions {
        departments: department::Entity::find()
            .filter(department::Column::Hidden.eq(false))
            .order_by_asc(department::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect(),
    })
}

/// The client's tickets, newest activity first.
pub async fn of_client(
    db: &impl ConnectionTrait,
    client_id: i32,
) -> Result<Vec<RequesterTicketRow>, DbErr> {
    let rows = ticket::Entity::find()
        .filter(ticket::Column::ClientId.eq(client_id))
        .filter(ticket::Column::ClientVisible.eq(true))
        .filter(ticket::Column::MergedIntoId.is_null())
        .order_by_desc(ticket::Column::LastReplyAt)
        .order_by_desc(ticket::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let names: std::collections::HashMap<i32, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|t| RequesterTicketRow {
            department: names.get(&t.department_id).cloned().unwrap_or_default(),
            status: Status::from_key(&t.status).unwrap_or(Status::Open),
            last_reply: when(t.last_reply_at),
            reference: t.reference,
            subject: t.subject,
        })
        .collect())
}

/// The client's ticket with this reference (a merged one leads to where it went); any other
/// client's ticket does not exist, nor does one linked to the client only by its sender's address
/// (the client's users could have entered that address themselves).
pub async fn find_of_client(
    db: &impl ConnectionTrait,
    client_id: i32,
    reference: &str,
) -> Result<ticket::Model, TicketError> {
    let t = super::service::find(db, &Scope::All, reference).await?;
    if t.client_id == Some(client_id) && t.client_visible {
        Ok(t)
    } else {
        Err(TicketError::NotFound)
    }
}

/// The ticket's page for the requester: its replies, oldest first. Notes are never read.
pub async fn view(
    db: &impl ConnectionTrait,
    client_id: i32,
    reference: &str,
) -> Result<RequesterTicketView, TicketError> {
    let t = find_of_client(db, client_id, reference).await?;
    let messages = ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(t.id))
        .filter(ticket_message::Column::Kind.eq("reply"))
        .order_by_asc(ticket_message::Column::CreatedAt)
        .order_by_asc(ticket_message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| RequesterMessage {
            by_staff: m.author_kind == "staff",
            author: m.author_name,
            body: m.body,
            at: when(m.created_at),
        })
        .collect();
    Ok(RequesterTicketView {
        department: department_name(db, t.department_id).await?,
        status: Status::from_key(&t.status).unwrap_or(Status::Open),
        priority: Priority::from_key(&t.priority).unwrap_or(Priority::Medium),
        created: when(t.created_at),
        reference: t.reference,
        subject: t.subject,
        messages,
    })
}

/// Who opens a ticket in the Client Area.
pub struct Requester<'a> {
    pub client_id: i32,
    pub user_id: i32,
    pub name: &'a str,
    pub email: &'a str,
}

/// Opens a ticket as a user of a client, in a department that takes client tickets. It belongs
/// to the client and the user; the desk's emails to the requester go to the user.
pub async fn open<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    who: &Requester<'_>,
    input: NewTicket,
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let dept = department::Entity::find_by_id(input.department_id)
        .one(&txn)
        .await?
        .filter(|d| !d.hidden)
        .ok_or(TicketError::UnknownDepartment)?;
    let created = create(&txn, desk, now, actor, &dept, &input, None, &[]).await?;
    ticket::Entity::update_many()
        .col_expr(ticket::Column::ClientId, Expr::value(who.client_id))
        .col_expr(ticket::Column::UserId, Expr::value(who.user_id))
        .col_expr(ticket::Column::ClientVisible, Expr::value(true))
        .filter(ticket::Column::Id.eq(created.id))
        .exec(&txn)
        .await?;
    let created = ticket::Model {
        client_id: Some(who.client_id),
        user_id: Some(who.user_id),
        client_visible: true,
        ..created
    };
    txn.commit().await?;
    Ok(created)
}

/// The requester's reply from the Client Area.
pub async fn reply<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    reference: &str,
    body: MessageBody,
) -> Result<ticket::Model, TicketError> {
    let t = find_of_client(db, client_id, reference).await?;
    super::service::requester_reply(db, desk, now, actor, &t.reference, body, &[]).await
}

/// The requester closes their ticket. Closing a closed ticket changes nothing.
pub async fn close<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    reference: &str,
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let t = find_of_client(&txn, client_id, reference).await?;
    let before = Status::from_key(&t.status).unwrap_or(Status::Open);
    if before == Status::Closed {
        return Ok(t);
    }
    let done = super::service::with_status(ticket::Entity::update_many(), Status::Closed, now)
        .col_expr(
            ticket::Column::Version,
            Expr::col(ticket::Column::Version).add(1),
        )
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::Version.eq(t.version))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(TicketError::ChangedMeanwhile(vec!["status"]));
    }
    count(&txn, t.department_id, before, -1).await?;
    count(&txn, t.department_id, Status::Closed, 1).await?;
    audit::record(
        &txn,
        now,
        actor,
        Event::new(Action::TicketChanged, Some(target(&t)))
            .before(serde_json::json!({ "status": t.status }))
            .after(serde_json::json!({ "status": Status::Closed.key(), "by": "requester" })),
    )
    .await?;
    txn.commit().await?;
    Ok(ticket::Model {
        status: Status::Closed.key().to_owned(),
        ..t
    })
}

/// Staff link a ticket (a guest's, or one linked wrongly) to a client.
pub async fn link_to_client<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    scope: &Scope,
    reference: &str,
    client_id: i32,
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let t = super::service::find(&txn, scope, reference).await?;
    let c = client::Entity::find_by_id(client_id)
        .one(&txn)
        .await?
        .ok_or(TicketError::NotFound)?;
    ticket::Entity::update_many()
        .col_expr(ticket::Column::ClientId, Expr::value(c.id))
        .col_expr(ticket::Column::ClientVisible, Expr::value(true))
        .col_expr(
            ticket::Column::Version,
            Expr::col(ticket::Column::Version).add(1),
        )
        .filter(ticket::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    let client_label = format!("{} {}", c.first_name, c.last_name);
    audit::record(
        &txn,
        now,
        actor,
        Event::new(Action::TicketLinkedToClient, Some(target(&t)))
            .before(serde_json::json!({ "client_id": t.client_id }))
            .after(serde_json::json!({ "client_id": c.id })),
    )
    .await?;
    audit::record(
        &txn,
        now,
        actor,
        Event::new(
            Action::TicketLinkedToClient,
            Some(Target::new("client", c.id, client_label)),
        )
        .after(serde_json::json!({ "ticket": t.reference })),
    )
    .await?;
    txn.commit().await?;
    Ok(ticket::Model {
        client_id: Some(c.id),
        client_visible: true,
        ..t
    })
}
