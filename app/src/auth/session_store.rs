//! tower-sessions store over SeaORM: sessions live in the database, so every app node shares them.
//! Only the SHA-256 of a session id is stored.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::entities::session;

/// Session data keys.
pub const ADMIN_ID: &str = "admin_id";
pub const AUTH_AT: &str = "auth_at";
pub const IP: &str = "ip";
pub const USER_AGENT: &str = "user_agent";
/// When this session was last written: a request writes it again only a minute later.
pub const TOUCHED_AT: &str = "touched_at";

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
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

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A 128-bit random id colliding is practically impossible; still, never overwrite one.
        loop {
            let existing = session::Entity::find_by_id(hash_id(&record.id))
                .one(&self.db)
                .await
                .map_err(backend)?;
            if existing.is_none() {
                break;
            }
            record.id = Id::default();
        }
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let now = Utc::now();
        let data = serde_json::to_string(&record.data).map_err(backend)?;
        let admin_id = record
            .data
            .get(ADMIN_ID)
            .and_then(|v| v.as_i64())
            .map(|v| v as i32);
        let row = session::ActiveModel {
            id_hash: Set(hash_id(&record.id)),
            admin_id: Set(admin_id),
            data: Set(data),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(to_chrono(record.expiry_date)),
            ip: Set(text_field(record, IP, 64)),
            user_agent: Set(text_field(record, USER_AGENT, 512)),
        };
        session::Entity::insert(row)
            .on_conflict(
                OnConflict::column(session::Column::IdHash)
                    .update_columns([
                        session::Column::AdminId,
                        session::Column::Data,
                        session::Column::LastSeenAt,
                        session::Column::ExpiresAt,
                        session::Column::Ip,
                        session::Column::UserAgent,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = session::Entity::find_by_id(hash_id(id))
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data = serde_json::from_str(&row.data).map_err(backend)?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date: from_chrono(row.expires_at),
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(hash_id(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
