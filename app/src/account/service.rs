//! My Account over SeaORM. Every change needs the current password and is written in one
//! transaction, or not at all.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, SqlErr,
    TransactionSession, TransactionTrait,
};

use super::model::{Membership, MyAccount, ProfileUpdate, SessionView};
use crate::auth::service::{end_sessions, revoke_reset_links};
use crate::entities::{admin, admin_department, department, lower_eq, role, session};
use crate::kernel::audit::Action;
use crate::kernel::audit::{Actor, Event, Target, record};
use crate::kernel::credentials::NewPassword;
use crate::kernel::i18n::Lang;
use crate::kernel::password::{HashError, Hasher};
use crate::kernel::time::when;
use crate::kernel::validation::ValidationError;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("the email belongs to another administrator")]
    EmailTaken,
    #[error("invalid {0}: {1}")]
    Invalid(&'static str, ValidationError),
    #[error("no such account")]
    NotFound,
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// What My Account shows; `current` is the hash of the session asking.
pub async fn load(
    db: &impl ConnectionTrait,
    admin_id: i32,
    current: Option<&str>,
    now: DateTime<Utc>,
) -> Result<MyAccount, AccountError> {
    let me = admin::Entity::find_by_id(admin_id)
        .one(db)
        .await?
        .ok_or(AccountError::NotFound)?;
    let role = role::Entity::find_by_id(me.role_id)
        .one(db)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let mut memberships = Vec::new();
    for m in admin_department::Entity::find()
        .filter(admin_department::Column::AdminId.eq(admin_id))
        .all(db)
        .await?
    {
        if let Some(d) = department::Entity::find_by_id(m.department_id)
            .one(db)
            .await?
        {
            memberships.push(Membership {
                department_id: d.id,
                name: d.name,
                notify: m.notify,
            });
        }
    }
    memberships.sort_by_key(|m| m.name.to_lowercase());
    let sessions = session::Entity::find()
        .filter(crate::kernel::session_store::sessions_of(
            crate::kernel::Principal::staff(admin_id),
        ))
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SessionView {
            current: Some(s.id_hash.as_str()) == current,
            key: s.id_hash,
            user_agent: s.user_agent,
            ip: s.ip,
            started: when(s.created_at),
            last_seen: when(s.last_seen_at),
        })
        .collect();
    Ok(MyAccount {
        username: me.username,
        first_name: me.first_name,
        last_name: me.last_name,
        email: me.email,
        role,
        language: Lang::from_code(&me.language).unwrap_or_default(),
        signature: me.signature,
        tickets_newest_first: me.tickets_newest_first,
        memberships,
        sessions,
    })
}

/// The admin, if `password` is their current password.
async fn confirm_password(
    db: &impl ConnectionTrait,
    hasher: &Hasher,
    admin_id: i32,
    password: &str,
) -> Result<admin::Model, AccountError> {
    crate::auth::service::confirm_password(
        db,
        hasher,
        admin_id,
        password,
        AccountError::NotFound,
        AccountError::WrongPassword,
    )
    .await
}

/// Saves name, email, language, signature and notification flags together.
pub async fn update_profile<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    actor: &Actor,
    current_password: &str,
    input: ProfileUpdate,
) -> Result<(), AccountError> {
    let admin_id = actor.id.ok_or(AccountError::NotFound)?;
    let me = confirm_password(db, hasher, admin_id, current_password).await?;
    let before = profile_snapshot(db, &me).await?;
    let email = input.email.as_str().to_owned();
    let clash = admin::Entity::find()
        .filter(lower_eq(admin::Column::Email, &email))
        .filter(admin::Column::Id.ne(admin_id))
        .one(db)
        .await?;
    if clash.is_some() {
        return Err(AccountError::EmailTaken);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let change = admin::Entity::update_many()
        .col_expr(
            admin::Column::FirstName,
            Expr::value(input.first_name.as_str()),
        )
        .col_expr(
            admin::Column::LastName,
            Expr::value(input.last_name.as_str()),
        )
        .col_expr(admin::Column::Email, Expr::value(email))
        .col_expr(admin::Column::Language, Expr::value(input.language.code()))
        .col_expr(
            admin::Column::Signature,
            Expr::value(input.signature.as_str()),
        )
        .col_expr(
            admin::Column::TicketsNewestFirst,
            Expr::value(input.tickets_newest_first),
        )
        .filter(admin::Column::Id.eq(admin_id));
    // Moves the version on: an Edit Administrator form loaded before this is stale.
    crate::kernel::concurrency::guarded(
        change,
        admin::Column::Version,
        crate::kernel::concurrency::Expected(None),
    )
    .exec(&txn)
    .await
    .map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AccountError::EmailTaken,
        _ => AccountError::Db(err),
    })?;
    if !me.email.eq_ignore_ascii_case(input.email.as_str()) {
        // A set-password link went to the old address; it must not outlive the change.
        revoke_reset_links(&txn, admin_id, now).await?;
    }
    for on in [true, false] {
        let chosen = admin_department::Column::DepartmentId.is_in(input.notify.clone());
        admin_department::Entity::update_many()
            .col_expr(admin_department::Column::Notify, Expr::value(on))
            .filter(admin_department::Column::AdminId.eq(admin_id))
            .filter(if on { chosen } else { chosen.not() })
            .exec(&txn)
            .await?;
    }
    let saved = admin::Entity::find_by_id(admin_id)
        .one(&txn)
        .await?
        .ok_or(AccountError::NotFound)?;
    let event = Event::new(Action::AccountUpdated, Some(Target::admin(&saved)))
        .before(before)
        .after(profile_snapshot(&txn, &saved).await?);
    record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

async fn profile_snapshot(
    db: &impl ConnectionTrait,
    me: &admin::Model,
) -> Result<serde_json::Value, DbErr> {
    let mut notify: Vec<i32> = admin_department::Entity::find()
        .filter(admin_department::Column::AdminId.eq(me.id))
        .filter(admin_department::Column::Notify.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.department_id)
        .collect();
    notify.sort_unstable();
    Ok(serde_json::json!({
        "first_name": me.first_name,
        "last_name": me.last_name,
        "email": me.email,
        "language": me.language,
        "signature": me.signature,
        "tickets_newest_first": me.tickets_newest_first,
        "notify_departments": notify,
    }))
}

/// The password form.
pub struct PasswordChange<'a> {
    pub current_password: &'a str,
    pub new_password: &'a str,
    pub confirmation: &'a str,
    pub log_out_others: bool,
}

/// Sets a new password. With `log_out_others`, every other session of the admin ends; the one
/// asking (`current`) stays, to be re-issued by the caller with the returned session epoch.
/// Returns how many sessions ended, and that epoch.
pub async fn change_password<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    actor: &Actor,
    change: PasswordChange<'_>,
    current: Option<&str>,
) -> Result<(u64, i64), AccountError> {
    let admin_id = actor.id.ok_or(AccountError::NotFound)?;
    let me = confirm_password(db, hasher, admin_id, change.current_password).await?;
    let password = NewPassword::parse_confirmed(change.new_password, change.confirmation)
        .map_err(|(f, e)| AccountError::Invalid(f, e))?;
    let hash = hasher.hash(&password).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    admin::Entity::update_many()
        .col_expr(admin::Column::PasswordHash, Expr::value(hash.as_phc()))
        .filter(admin::Column::Id.eq(admin_id))
        .exec(&txn)
        .await?;
    // Whoever asked for a set-password link before this change does not get to use it after.
    revoke_reset_links(&txn, admin_id, now).await?;
    let ended = if change.log_out_others {
        // Without a known current session, end none rather than the one asking.
        match current {
            Some(keep) => end_sessions(&txn, admin_id, Some(keep)).await?,
            None => 0,
        }
    } else {
        0
    };
    // Never the password: only that it changed, and what else happened.
    let event = Event::new(Action::PasswordChanged, Some(Target::admin(&me))).after(
        serde_json::json!({ "other_sessions_ended": ended, "log_out_others": change.log_out_others }),
    );
    record(&txn, now, actor, event).await?;
    let epoch = admin::Entity::find_by_id(admin_id)
        .one(&txn)
        .await?
        .ok_or(AccountError::NotFound)?
        .session_epoch;
    txn.commit().await?;
    Ok((ended, epoch))
}

/// Ends one of the admin's own sessions; true when there was one to end.
pub async fn end_session<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    key: &str,
) -> Result<bool, DbErr> {
    let Some(admin_id) = actor.id else {
        return Ok(false);
    };
    // A session key is the hex SHA-256 of its id; anything else names no session.
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(false);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let ended = session::Entity::find_by_id(key.to_owned())
        .filter(crate::kernel::session_store::sessions_of(
            crate::kernel::Principal::staff(admin_id),
        ))
        .one(&txn)
        .await?;
    let gone = session::Entity::delete_many()
        .filter(crate::kernel::session_store::sessions_of(
            crate::kernel::Principal::staff(admin_id),
        ))
        .filter(session::Column::IdHash.eq(key))
        .exec(&txn)
        .await?;
    if gone.rows_affected != 1 {
        return Ok(false);
    }
    let details = ended.map(|s| serde_json::json!({ "ip": s.ip, "user_agent": s.user_agent }));
    let mut event = Event::new(
        Action::SessionEnded,
        Some(Target::new("admin", admin_id, actor.name.clone())),
    );
    if let Some(details) = details {
        event = event.before(details);
    }
    record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(true)
}
