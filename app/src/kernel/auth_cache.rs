//! Each node's cache of signed-in sessions and of the admins they resolve to, so a signed-in
//! request does not load the session, the admin, the role and its permissions from the database.
//!
//! Being stale here is not harmless, so the cache is bounded by what the database says changed:
//! - triggers log every updated or deleted session, admin, two-factor row, role and role
//!   permission in `auth_changes`, in the same transaction as the change;
//! - every node reads that log every [`POLL_EVERY`] and drops what changed, so a logout, a
//!   disabled admin, a role edit or a password change made on another node takes effect here
//!   within about half a second (the README promises one second);
//! - the node that made the change reads the log before it answers the request that made it
//!   ([`AuthCache::catch_up_after`]), so there the change takes effect at once;
//! - SQLite commits rows in id order, so a read takes the ids after the last one seen. Postgres
//!   may commit a lower id after a higher one, so there a read takes the rows of the transactions
//!   still running at the previous read's snapshot or begun since (by transaction id), and
//!   remembers which it applied;
//! - when the log has not been read for [`STALE_AFTER`] (the database is unreachable, the poller
//!   stalled), nothing is served from the cache, and everything is dropped once reading resumes;
//! - a load that raced a change is not kept: entries are kept only when no change was applied
//!   between the load's start and its end (the generation check);
//! - as a last resort, no entry is used after [`MAX_AGE`].
//!
//! Only signed-in sessions are kept; a visitor's session is always read from the database.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use tower_sessions::session::Record;

use super::identity::CurrentAdmin;
use super::lock;
use crate::entities::auth_change;

/// How often each node reads the change log.
pub const POLL_EVERY: Duration = Duration::from_millis(250);
/// Without a successful read started this recently, the cache is not used.
pub const STALE_AFTER: Duration = Duration::from_secs(1);
/// No entry is used longer than this after it was loaded, whatever the log says.
pub const MAX_AGE: Duration = Duration::from_secs(10);
/// The longest a request waits to read the log after changing something.
const CATCH_UP_WAIT: Duration = Duration::from_secs(2);
/// The most rows one read applies; a longer backlog drops everything instead.
const READ_LIMIT: u64 = 5_000;
/// The most entries each map holds; a full map is emptied before it takes another.
const MAX_ENTRIES: usize = 50_000;
/// How long log rows are kept (the jobs loop removes older ones).
pub const KEEP_LOG_SECONDS: i64 = 600;

#[derive(Clone, Default)]
pub struct AuthCache(Arc<Inner>);

#[derive(Default)]
struct Inner {
    sessions: Mutex<HashMap<String, (Record, Instant)>>,
    admins: Mutex<HashMap<(i32, i64), (CurrentAdmin, Instant)>>,
    /// Moves on whenever something is dropped.
    generation: AtomicU64,
    /// Where the next read of the log starts; None before the first read (or after a gap).
    reader: tokio::sync::Mutex<Option<Cursor>>,
    /// When the last successful read of the log started.
    fresh_at: Mutex<Option<Instant>>,
}

enum Cursor {
    /// SQLite: the newest log id applied.
    AfterId(i64),
    /// Postgres: the snapshot taken before the previous read, and the rows already applied of
    /// the transactions a next read takes again (id → transaction id).
    FromSnapshot {
        snapshot: Snapshot,
        applied: HashMap<i64, i64>,
    },
}

/// Which Postgres transactions had ended at one moment: all below `xmax` except those in `xip`.
struct Snapshot {
    xmax: i64,
    xip: Vec<i64>,
}

impl Snapshot {
    /// Whether a transaction's rows may not have been visible to a read made after this snapshot:
    /// it was still running, or began later.
    fn after(&self, tx: i64) -> bool {
        tx >= self.xmax || self.xip.contains(&tx)
    }
}

/// What a load saw before it started: keep its result only if nothing changed meanwhile.
#[derive(Clone, Copy, Debug)]
pub struct Ticket(u64);

impl AuthCache {
    /// When the last successful read of the log started.
    fn read_started(&self) -> Option<Instant> {
        *lock(&self.0.fresh_at)
    }

    /// Usable only while the log has been read recently.
    fn usable(&self) -> bool {
        self.read_started()
            .is_some_and(|at| at.elapsed() < STALE_AFTER)
    }

    /// Take before loading from the database; hand back to `keep_*` with the result.
    pub fn ticket(&self) -> Ticket {
        Ticket(self.0.generation.load(Ordering::SeqCst))
    }

    fn unchanged_since(&self, ticket: Ticket) -> bool {
        self.usable() && self.0.generation.load(Ordering::SeqCst) == ticket.0
    }

    /// The signed-in session with this id hash, if cached and not expired.
    pub fn session(&self, id_hash: &str) -> Option<Record> {
        if !self.usable() {
            return None;
        }
        let sessions = lock(&self.0.sessions);
        let (record, at) = sessions.get(id_hash)?;
        (at.elapsed() < MAX_AGE && record.expiry_date > time::OffsetDateTime::now_utc())
            .then(|| record.clone())
    }

    pub fn keep_session(&self, id_hash: String, record: Record, ticket: Ticket) {
        let mut sessions = lock(&self.0.sessions);
        // Checked under the lock `drop_changed` takes too: a change applied before this point is
        // seen here, one applied after drops this entry.
        if !self.unchanged_since(ticket) {
            return;
        }
        if sessions.len() >= MAX_ENTRIES {
            sessions.clear();
        }
        sessions.insert(id_hash, (record, Instant::now()));
    }

    /// This node wrote or ended the session: forget it at once.
    pub fn forget_session(&self, id_hash: &str) {
        let mut sessions = lock(&self.0.sessions);
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        sessions.remove(id_hash);
    }

    /// The admin a session of this epoch resolves to, if cached.
    pub fn admin(&self, id: i32, epoch: i64) -> Option<CurrentAdmin> {
        if !self.usable() {
            return None;
        }
        lock(&self.0.admins)
            .get(&(id, epoch))
            .filter(|(_, at)| at.elapsed() < MAX_AGE)
            .map(|(admin, _)| admin.clone())
    }

    pub fn keep_admin(&self, epoch: i64, admin: CurrentAdmin, ticket: Ticket) {
        let mut admins = lock(&self.0.admins);
        if !self.unchanged_since(ticket) {
            return;
        }
        if admins.len() >= MAX_ENTRIES {
            admins.clear();
        }
        admins.insert((admin.id, epoch), (admin, Instant::now()));
    }

    fn drop_all(&self) {
        let mut sessions = lock(&self.0.sessions);
        let mut admins = lock(&self.0.admins);
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        sessions.clear();
        admins.clear();
    }

    fn drop_changed(&self, changes: &[auth_change::Model]) {
        let mut sessions = lock(&self.0.sessions);
        let mut admins = lock(&self.0.admins);
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        for change in changes {
            match change.scope.as_str() {
                "session" => {
                    sessions.remove(&change.subject);
                }
                "admin" => {
                    let id = change.subject.parse::<i32>().ok();
                    admins.retain(|(admin, _), _| Some(*admin) != id);
                }
                _ => {
                    sessions.clear();
                    admins.clear();
                }
            }
        }
    }

    /// After a request that may have changed something, before it is answered: makes sure a read
    /// of the log started after the request's work ended, so its change holds here from the next
    /// request on. Concurrent requests share one read; the wait is bounded.
    pub async fn catch_up_after(&self, db: &DatabaseConnection, work_ended: Instant) {
        let read = async {
            let mut reader = self.0.reader.lock().await;
            if self.read_started().is_some_and(|at| at >= work_ended) {
                // A read that began after this request's work has already run.
                return Ok(());
            }
            self.read(db, &mut reader).await
        };
        match tokio::time::timeout(CATCH_UP_WAIT, read).await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::warn!(error = %err, "cannot read the auth change log"),
            Err(_) => tracing::warn!("reading the auth change log took too long"),
        }
    }

    /// Reads the change log and drops what changed; the poller calls it every [`POLL_EVERY`].
    pub async fn catch_up(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        let mut reader = self.0.reader.lock().await;
        self.read(db, &mut reader).await
    }

    async fn read(
        &self,
        db: &DatabaseConnection,
        reader: &mut Option<Cursor>,
    ) -> Result<(), DbErr> {
        let started = Instant::now();
        let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
        let cursor = match reader.take() {
            Some(cursor) if self.usable() => cursor,
            _ => {
                // First read, or after a gap in which changes may have been missed: start from
                // the log's end with nothing cached.
                let cursor = if postgres {
                    Cursor::FromSnapshot {
                        snapshot: snapshot(db).await?,
                        applied: HashMap::new(),
                    }
                } else {
                    let last = auth_change::Entity::find()
                        .order_by_desc(auth_change::Column::Id)
                        .one(db)
                        .await?
                        .map_or(0, |row| row.id);
                    Cursor::AfterId(last)
                };
                self.drop_all();
                *reader = Some(cursor);
                self.mark_fresh(started);
                return Ok(());
            }
        };
        let (fresh_rows, full, cursor) = match cursor {
            Cursor::AfterId(newest) => {
                let rows = auth_change::Entity::find()
                    .filter(auth_change::Column::Id.gt(newest))
                    .order_by_asc(auth_change::Column::Id)
                    .limit(READ_LIMIT)
                    .all(db)
                    .await?;
                let full = rows.len() as u64 >= READ_LIMIT;
                let newest = rows.iter().map(|row| row.id).max().unwrap_or(newest);
                (rows, full, Cursor::AfterId(newest))
            }
            Cursor::FromSnapshot {
                snapshot: previous,
                mut applied,
            } => {
                // Taken before the rows: whatever had ended by now is visible to the read below;
                // the rest is read again next time.
                let now = snapshot(db).await?;
                if now.xmax < previous.xmax {
                    // Transaction ids went back (the database was restored elsewhere): start over.
                    self.drop_all();
                    return Ok(());
                }
                // Every other transaction had ended before the previous read, which saw its rows.
                let rows = auth_change::Entity::find()
                    .filter(
                        Condition::any()
                            .add(auth_change::Column::Tx.gte(previous.xmax))
                            .add(auth_change::Column::Tx.is_in(previous.xip.clone())),
                    )
                    .order_by_asc(auth_change::Column::Id)
                    .limit(READ_LIMIT)
                    .all(db)
                    .await?;
                let full = rows.len() as u64 >= READ_LIMIT;
                let rows: Vec<_> = rows
                    .into_iter()
                    .filter(|row| !applied.contains_key(&row.id))
                    .collect();
                applied.extend(rows.iter().map(|row| (row.id, row.tx)));
                applied.retain(|_, tx| now.after(*tx));
                let cursor = Cursor::FromSnapshot {
                    snapshot: now,
                    applied,
                };
                (rows, full, cursor)
            }
        };
        if full {
            self.drop_all();
        } else if !fresh_rows.is_empty() {
            self.drop_changed(&fresh_rows);
        }
        *reader = Some(cursor);
        self.mark_fresh(started);
        Ok(())
    }

    fn mark_fresh(&self, read_started: Instant) {
        *lock(&self.0.fresh_at) = Some(read_started);
    }

    /// Reads the change log every [`POLL_EVERY`] until `stop` turns true.
    pub fn spawn_reader(
        &self,
        db: DatabaseConnection,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) -> tokio::task::JoinHandle<()> {
        let cache = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(POLL_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = stop.changed() => return,
                }
                if *stop.borrow() {
                    return;
                }
                if let Err(err) = cache.catch_up(&db).await {
                    tracing::warn!(error = %err, "cannot read the auth change log; the cache is bypassed");
                }
            }
        })
    }
}

/// Which Postgres transactions have ended (Postgres 13 or later).
async fn snapshot(db: &DatabaseConnection) -> Result<Snapshot, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT (pg_snapshot_xmax(s)::text)::bigint AS xmax, \
             COALESCE((SELECT string_agg(x::text, ',') FROM pg_snapshot_xip(s) AS x), '') AS xip \
             FROM (SELECT pg_current_snapshot() AS s) AS now",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("no snapshot".into()))?;
    let xip = row.try_get::<String>("", "xip")?;
    Ok(Snapshot {
        xmax: row.try_get::<i64>("", "xmax")?,
        xip: xip
            .split(',')
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().map_err(|_| DbErr::Custom(format!("bad xid {x}"))))
            .collect::<Result<_, _>>()?,
    })
}

/// Removes log rows older than [`KEEP_LOG_SECONDS`] by the database's clock (the one the
/// triggers stamp rows with); the jobs loop calls it.
pub async fn prune_log(db: &impl sea_orm::ConnectionTrait) -> Result<u64, DbErr> {
    let now = match db.get_database_backend() {
        DatabaseBackend::Postgres => "EXTRACT(EPOCH FROM now())::bigint",
        _ => "CAST(strftime('%s', 'now') AS INTEGER)",
    };
    let res = auth_change::Entity::delete_many()
        .filter(
            Expr::col(auth_change::Column::ChangedAt)
                .lt(Expr::cust(format!("{now} - {KEEP_LOG_SECONDS}"))),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
