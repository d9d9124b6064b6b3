//! Closing tickets that have waited for the requester too long: Answered (after a staff reply)
//! for the configured hours. Runs on every node; each ticket is claimed with a conditional update,
//! so it is closed, audited and announced to the requester exactly once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionSession, TransactionTrait,
};

use super::mail;
use super::model::Status;
use super::service::{Desk, count, target, with_status};
use crate::entities::ticket;
use crate::kernel::audit::{self, Action, Actor, Event};

/// Most tickets one run closes; the next run takes the rest.
const BATCH: u64 = 500;

/// Closes the tickets Answered for at least `hours` at `now` (none when `hours` is 0). Returns how
/// many this call closed.
pub async fn close_answered<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    hours: u32,
) -> Result<usize, DbErr> {
    if hours == 0 {
        return Ok(0);
    }
    let cutoff = now - Duration::hours(i64::from(hours));
    let due = ticket::Entity::find()
        .filter(ticket::Column::Status.eq(Status::Answered.key()))
        .filter(ticket::Column::LastReplyBy.eq("staff"))
        .filter(ticket::Column::LastReplyAt.lte(cutoff))
        .filter(ticket::Column::MergedIntoId.is_null())
        .order_by_asc(ticket::Column::LastReplyAt)
        .limit(BATCH)
        .all(db)
        .await?;
    let mut closed = 0;
    for t in due {
        let txn = crate::kernel::db::begin_write(db).await?;
        // The claim: only while the ticket is still Answered and nobody wrote since. Another node
        // (or a reply) that got there first leaves nothing to update.
        let claimed = with_status(ticket::Entity::update_many(), Status::Closed, now)
            .col_expr(
                ticket::Column::Version,
                Expr::col(ticket::Column::Version).add(1),
            )
            .filter(ticket::Column::Id.eq(t.id))
            .filter(ticket::Column::Status.eq(Status::Answered.key()))
            .filter(ticket::Column::LastReplyAt.eq(t.last_reply_at))
            // Nor moved to another department since it was read (the counters follow it).
            .filter(ticket::Column::Version.eq(t.version))
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            txn.rollback().await?;
            continue;
        }
        count(&txn, t.department_id, Status::Answered, -1).await?;
        count(&txn, t.department_id, Status::Closed, 1).await?;
        audit::record(
            &txn,
            now,
            &Actor::system(),
            Event::new(Action::TicketAutoClosed, Some(target(&t)))
                .before(serde_json::json!({ "status": t.status }))
                .after(serde_json::json!({ "status": Status::Closed.key(), "hours": hours })),
        )
        .await?;
        let thread = mail::Thread::of(&t, desk.public_url);
        mail::send(
            &txn,
            now,
            t.id,
            mail::closed_for_requester(desk, &thread, &t, hours),
        )
        .await?;
        txn.commit().await?;
        closed += 1;
    }
    Ok(closed)
}
