//! tower-sessions store over SeaORM: sessions live in the database, so every app node shares them.
//! Only the SHA-256 of a session id is stored.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use super::auth_cache::AuthCache;
use super::identity::{Principal, PrincipalKind};
use crate::entities::session;

/// Session data keys. A signed-in session holds its principal's kind and id.
pub const PRINCIPAL_KIND: &str = "principal_kind";
pub const PRINCIPAL_ID: &str = "principal_id";
/// Where sessions from before principals held their admin's id.
const LEGACY_ADMIN_ID: &str = "admin_id";
pub const AUTH_AT: &str = "auth_at";
pub const IP: &str = "ip";
pub const USER_AGENT: &str = "user_agent";
/// When this session was last written: a request writes it again only a minute later.
pub const TOUCHED_AT: &str = "touched_at";
/// The admin's session epoch when this session was issued. Once the admin's epoch moves on (their
/// sessions were ended), the session is dead, whatever a request still holding it writes.
pub const EPOCH: &str = "epoch";

#[derive(Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    cache: AuthCache,
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbSessionStore").finish_non_exhaustive()
    }
}

impl DbSessionStore {
    /// A store that reads every session from the database.
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_cache(db, AuthCache::default())
    }

    /// A store that keeps signed-in sessions in this node's `cache`.
    pub fn with_cache(db: DatabaseConnection, cache: AuthCache) -> Self {
        Self { db, cache }
    }
}

pub fn hash_id(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn backend(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_default()
}

fn from_chrono(t: DateTime<Utc>) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(t.timestamp())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

fn text_field(record: &Record, key: &str, max: usize) -> String {
    record
        .data
        .get(key)
        .and_then(|v| v.as_str())
        .map(|s| s.chars().take(max).collect())
        .unwrap_or_default()
}

/// The principal a session's data names, if it is signed in.
fn principal_in(data: &std::collections::HashMap<String, serde_json::Value>) -> Option<Principal> {
    let id = |key: &str| {
        data.get(key)
            .and_then(serde_json::Value::as_i64)
            .and_then(|v| i32::try_from(v).ok())
    };
    match data.get(PRINCIPAL_KIND).and_then(|v| v.as_str()) {
        Some(kind) => Some(Principal {
            kind: PrincipalKind::from_key(kind)?,
            id: id(PRINCIPAL_ID)?,
        }),
        None => id(LEGACY_ADMIN_ID).map(Principal::staff),
    }
}

/// The principal signed in on `session`, if any.
pub async fn principal(
    session: &tower_sessions::Session,
) -> Result<Option<Principal>, tower_sessions::session::Error> {
    let kind = session.get::<String>(PRINCIPAL_KIND).await?;
    let id = session.get::<i32>(PRINCIPAL_ID).await?;
    Ok(match (kind, id) {
        (Some(kind), Some(id)) => PrincipalKind::from_key(&kind).map(|kind| Principal { kind, id }),
        (None, _) => session
            .get::<i32>(LEGACY_ADMIN_ID)
            .await?
            .map(Principal::staff),
        _ => None,
    })
}

/// Signs `principal` in on `session` (whose data was just cleared).
pub async fn sign_in(
    session: &tower_sessions::Session,
    principal: Principal,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(PRINCIPAL_KIND, principal.kind.key()).await?;
    session.insert(PRINCIPAL_ID, principal.id).await
}

/// The sessions `principal` is signed in on.
pub fn sessions_of(principal: Principal) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(session::Column::PrincipalKind.eq(principal.kind.key()))
        .add(session::Column::PrincipalId.eq(principal.id))
}

/// The columns a session record fills.
struct Columns {
    principal: Option<Principal>,
    data: String,
    expires_at: DateTime<Utc>,
    ip: String,
    user_agent: String,
}

impl Columns {
    fn of(record: &Record) -> session_store::Result<Self> {
        Ok(Self {
            principal: principal_in(&record.data),
            data: serde_json::to_string(&record.data).map_err(backend)?,
            expires_at: to_chrono(record.expiry_date),
            ip: text_field(record, IP, 64),
            user_agent: text_field(record, USER_AGENT, 512),
        })
    }
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let now = Utc::now();
        // A 128-bit random id colliding is practically impossible; still, never overwrite one.
        loop {
            let c = Columns::of(record)?;
            let row = session::ActiveModel {
                id_hash: Set(hash_id(&record.id)),
                principal_kind: Set(c.principal.map(|p| p.kind.key().to_owned())),
                principal_id: Set(c.principal.map(|p| p.id)),
                data: Set(c.data),
                created_at: Set(now),
                last_seen_at: Set(now),
                expires_at: Set(c.expires_at),
                ip: Set(c.ip),
                user_agent: Set(c.user_agent),
            };
            let inserted = session::Entity::insert(row)
                .on_conflict(
                    OnConflict::column(session::Column::IdHash)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&self.db)
                .await
                .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Writes an existing session back, and never creates one: a session ended while this request
    /// was running (logout, "end this session", a disabled admin, a used reset link) stays ended.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let c = Columns::of(record)?;
        let id_hash = hash_id(&record.id);
        session::Entity::update_many()
            .col_expr(
                session::Column::PrincipalKind,
                Expr::value(c.principal.map(|p| p.kind.key().to_owned())),
            )
            .col_expr(
                session::Column::PrincipalId,
                Expr::value(c.principal.map(|p| p.id)),
            )
            .col_expr(session::Column::Data, Expr::value(c.data))
            .col_expr(session::Column::LastSeenAt, Expr::value(Utc::now()))
            .col_expr(session::Column::ExpiresAt, Expr::value(c.expires_at))
            .col_expr(session::Column::Ip, Expr::value(c.ip))
            .col_expr(session::Column::UserAgent, Expr::value(c.user_agent))
            .filter(session::Column::IdHash.eq(id_hash.as_str()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        // After the write: a load racing it either saw the new row or is not kept.
        self.cache.forget_session(&id_hash);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let id_hash = hash_id(id);
        if let Some(record) = self.cache.session(&id_hash) {
            return Ok(Some(Record { id: *id, ..record }));
        }
        let ticket = self.cache.ticket();
        let row = session::Entity::find_by_id(id_hash.clone())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data = serde_json::from_str(&row.data).map_err(backend)?;
        let record = Record {
            id: *id,
            data,
            expiry_date: from_chrono(row.expires_at),
        };
        if principal_in(&record.data).is_some() {
            self.cache.keep_session(id_hash, record.clone(), ticket);
        }
        Ok(Some(record))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let id_hash = hash_id(id);
        session::Entity::delete_by_id(id_hash.clone())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        self.cache.forget_session(&id_hash);
        Ok(())
    }
}
