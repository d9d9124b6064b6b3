//! Acting on several tickets at once from the queue, and merging tickets of one requester. Each
//! runs in one transaction: every ticket is checked against the viewer's departments first, and
//! any refusal leaves all of them as they were.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement};
use sea_orm::{TransactionSession, TransactionTrait, Value};

use super::model::{Priority, Status};
use super::service::{
    Change, Desk, Scope, TicketError, add_message, assign_locked, change_locked, count,
    find_for_update, target,
};
use crate::entities::{ticket, ticket_attachment, ticket_draft, ticket_mail_id, ticket_message};
use crate::kernel::audit::{self, Action, Actor, ActorKind, Event};
use crate::kernel::i18n::t_in;

/// Most tickets one bulk action takes: two pages of the queue.
pub const MAX_TICKETS: usize = 100;

/// What to do with the selected tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    Status(Status),
    Priority(Priority),
    Department(i32),
    /// To an admin of each ticket's department, or to nobody.
    Assign(Option<i32>),
    Merge,
}

/// Applies `action` to every ticket in `references`, or to none. Returns the tickets as they
/// are now (for a merge, the one ticket they became).
pub async fn bulk<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    scope: &Scope,
    references: &[String],
    action: BulkAction,
) -> Result<Vec<ticket::Model>, TicketError> {
    let mut unique: Vec<&str> = references.iter().map(|r| r.trim()).collect();
    unique.sort_unstable();
    unique.dedup();
    if unique.len() > MAX_TICKETS {
        return Err(TicketError::TooMany);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    // Every ticket is looked up, locked and checked against the viewer's departments before
    // anything is written.
    let mut tickets = Vec::with_capacity(unique.len());
    for reference in &unique {
        match find_for_update(&txn, scope, reference).await {
            Ok(t) => {
                if !tickets.iter().any(|k: &ticket::Model| k.id == t.id) {
                    tickets.push(t);
                }
            }
            // Only a reference is repeated back, never other text the sender chose.
            Err(TicketError::NotFound) if super::service::is_reference(reference) => {
                return Err(TicketError::NotInScope((*reference).into()));
            }
            Err(e) => return Err(e),
        }
    }
    let done = match action {
        BulkAction::Merge => vec![merge_locked(&txn, desk, now, actor, tickets).await?],
        _ => {
            let mut done = Vec::with_capacity(tickets.len());
            for t in tickets {
                let status = Status::from_key(&t.status).unwrap_or(Status::Open);
                let priority = Priority::from_key(&t.priority).unwrap_or(Priority::Medium);
                let department = t.department_id;
                let keep = (
                    Change {
                        was: status,
                        now: status,
                    },
                    Change {
                        was: priority,
                        now: priority,
                    },
                    Change {
                        was: department,
                        now: department,
                    },
                );
                let (s, p, d) = match action {
                    BulkAction::Status(now) => (Change { was: status, now }, keep.1, keep.2),
                    BulkAction::Priority(now) => (keep.0, Change { was: priority, now }, keep.2),
                    BulkAction::Department(now) => (
                        keep.0,
                        keep.1,
                        Change {
                            was: department,
                            now,
                        },
                    ),
                    BulkAction::Assign(who) => {
                        let was = t.assigned_admin_id;
                        done.push(
                            assign_locked(&txn, now, actor, t, Change { was, now: who }).await?,
                        );
                        continue;
                    }
                    BulkAction::Merge => unreachable!("handled above"),
                };
                done.push(change_locked(&txn, now, actor, scope, t, s, p, d).await?);
            }
            done
        }
    };
    txn.commit().await?;
    Ok(done)
}

/// Merges `tickets` (already locked in `txn`) into the oldest: their messages, attachments and
/// email threads move there with their times and authors; each other ticket is closed with a
/// note and its reference leads to the merged ticket from then on.
pub(super) async fn merge_locked(
    txn: &impl ConnectionTrait,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    mut tickets: Vec<ticket::Model>,
) -> Result<ticket::Model, TicketError> {
    if tickets.len() < 2 {
        return Err(TicketError::MergeNeedsTwo);
    }
    let requester = tickets[0].requester_email.to_lowercase();
    // Nor may a merge move a thread into, or out of, the client's view in the Client Area.
    if tickets.iter().any(|t| {
        t.requester_email.to_lowercase() != requester
            || t.client_id != tickets[0].client_id
            || t.client_visible != tickets[0].client_visible
    }) {
        return Err(TicketError::DifferentRequesters);
    }
    tickets.sort_by_key(|t| (t.created_at, t.id));
    let into = tickets.remove(0);
    // The merged ticket stands where the most recent conversation left off.
    let latest = tickets
        .iter()
        .chain(std::iter::once(&into))
        .max_by_key(|t| (t.last_reply_at, t.id))
        .cloned()
        .unwrap_or_else(|| into.clone());
    let lang = desk.requester_lang;
    for t in &tickets {
        let moved = |table: &'static str| {
            Statement::from_sql_and_values(
                txn.get_database_backend(),
                match txn.get_database_backend() {
                    DbBackend::Postgres => {
                        format!("UPDATE {table} SET ticket_id = $1 WHERE ticket_id = $2")
                    }
                    _ => format!("UPDATE {table} SET ticket_id = ? WHERE ticket_id = ?"),
                },
                [Value::from(into.id), Value::from(t.id)],
            )
        };
        ticket_message::Entity::update_many()
            .col_expr(ticket_message::Column::TicketId, Expr::value(into.id))
            .filter(ticket_message::Column::TicketId.eq(t.id))
            .exec(txn)
            .await?;
        ticket_attachment::Entity::update_many()
            .col_expr(ticket_attachment::Column::TicketId, Expr::value(into.id))
            .filter(ticket_attachment::Column::TicketId.eq(t.id))
            .exec(txn)
            .await?;
        ticket_mail_id::Entity::update_many()
            .col_expr(ticket_mail_id::Column::TicketId, Expr::value(into.id))
            .filter(ticket_mail_id::Column::TicketId.eq(t.id))
            .exec(txn)
            .await?;
        if txn.get_database_backend() == DbBackend::Sqlite {
            txn.execute_raw(moved("ticket_search")).await?;
        }
        ticket_draft::Entity::delete_many()
            .filter(ticket_draft::Column::TicketId.eq(t.id))
            .exec(txn)
            .await?;
        let was = Status::from_key(&t.status).unwrap_or(Status::Open);
        super::service::with_status(ticket::Entity::update_many(), Status::Closed, now)
            .col_expr(ticket::Column::MergedIntoId, Expr::value(into.id))
            .col_expr(
                ticket::Column::Version,
                Expr::col(ticket::Column::Version).add(1),
            )
            .filter(ticket::Column::Id.eq(t.id))
            .exec(txn)
            .await?;
        count(txn, t.department_id, was, -1).await?;
        count(txn, t.department_id, Status::Closed, 1).await?;
        let text = t_in(
            lang,
            "tickets-merged-into-note",
            &[("reference", into.reference.clone().into())],
        );
        add_message(txn, now, t.id, "note", staff_id(actor), &actor.name, &text).await?;
        audit::record(
            txn,
            now,
            actor,
            Event::new(Action::TicketMerged, Some(target(t)))
                .before(serde_json::json!({ "status": t.status }))
                .after(serde_json::json!({ "status": Status::Closed.key(), "merged_into": into.reference })),
        )
        .await?;
    }
    let was = Status::from_key(&into.status).unwrap_or(Status::Open);
    let status = Status::from_key(&latest.status).unwrap_or(Status::Open);
    // The threads' first staff reply is the merged ticket's first response; a closed result
    // keeps the time its conversation was closed, not the time of the merge.
    let first_response = tickets
        .iter()
        .chain(std::iter::once(&into))
        .filter_map(|t| {
            t.first_response_at
                .map(|at| (at, t.first_response_admin_id))
        })
        .min_by_key(|(at, _)| *at);
    let closed_at = latest.closed_at.unwrap_or(now);
    super::service::with_status(ticket::Entity::update_many(), status, closed_at)
        .col_expr(
            ticket::Column::FirstResponseAt,
            Expr::value(first_response.map(|(at, _)| at)),
        )
        .col_expr(
            ticket::Column::FirstResponseAdminId,
            Expr::value(first_response.and_then(|(_, admin)| admin)),
        )
        .col_expr(
            ticket::Column::LastReplyAt,
            Expr::value(latest.last_reply_at),
        )
        .col_expr(
            ticket::Column::LastReplyBy,
            Expr::value(latest.last_reply_by.clone()),
        )
        .col_expr(
            ticket::Column::Version,
            Expr::col(ticket::Column::Version).add(1),
        )
        .filter(ticket::Column::Id.eq(into.id))
        .exec(txn)
        .await?;
    if was != status {
        count(txn, into.department_id, was, -1).await?;
        count(txn, into.department_id, status, 1).await?;
    }
    let merged: Vec<&str> = tickets.iter().map(|t| t.reference.as_str()).collect();
    let text = t_in(
        lang,
        "tickets-merged-from-note",
        &[("references", merged.join(", ").into())],
    );
    add_message(
        txn,
        now,
        into.id,
        "note",
        staff_id(actor),
        &actor.name,
        &text,
    )
    .await?;
    audit::record(
        txn,
        now,
        actor,
        Event::new(Action::TicketMerged, Some(target(&into)))
            .before(serde_json::json!({ "status": into.status }))
            .after(serde_json::json!({ "status": status.key(), "merged": merged })),
    )
    .await?;
    ticket::Entity::find_by_id(into.id)
        .one(txn)
        .await?
        .ok_or(TicketError::NotFound)
}

/// The admin behind `actor`, when staff acted (a note's author).
fn staff_id(actor: &Actor) -> Option<i32> {
    actor.id.filter(|_| actor.kind == ActorKind::Staff)
}
