//! Login, the ban rule, sessions and administrator accounts over SeaORM. Every time is passed in.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QueryTrait, SqlErr, Statement,
    TransactionSession, TransactionTrait,
};
use tower_sessions::Session;

use crate::entities::{admin, ip_ban, login_failure, lower_eq, role, role_permission, session};
use crate::kernel::CurrentAdmin;
use crate::kernel::Permission;
use crate::kernel::audit::Action;
use crate::kernel::audit::{Actor, Event, Target, record};
use crate::kernel::client_ip::ban_key;
use crate::kernel::credentials::{NewPassword, Username};
use crate::kernel::password::{HashError, Hasher, PasswordHash};
use crate::kernel::session_store::{AUTH_AT, EPOCH, IP, USER_AGENT, sessions_of, sign_in};
use crate::kernel::validation::{Email, ValidationError, clean_text};

/// The ban rule and the per-account throttle, from the settings.
#[derive(Debug, Clone, Copy)]
pub struct LoginRules {
    /// Failures from one IP within `ban_minutes` that ban it; 0 disables banning.
    pub ban_after_failures: u32,
    pub ban_minutes: u32,
    /// Failures per account per hour before that account refuses logins (ASVS 2.2.1: at most 100).
    pub account_failures_per_hour: u32,
}

impl LoginRules {
    pub fn from_settings(settings: &crate::kernel::settings::Settings) -> Self {
        Self {
            ban_after_failures: settings.security.ban_after_failures,
            ban_minutes: settings.security.ban_minutes,
            account_failures_per_hour: 100,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("IP address banned until {until}")]
    Banned { until: DateTime<Utc> },
    #[error("too many failures for this account")]
    Throttled,
    #[error("too many attempts in flight from this address")]
    TooManyAttempts,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub const FULL_ADMINISTRATOR: &str = "full_administrator";

/// The ban in force for this ban key (`client_ip::ban_key`) at `now`, if any.
pub async fn active_ban(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    ip: &str,
) -> Result<Option<ip_ban::Model>, DbErr> {
    ip_ban::Entity::find()
        .filter(ip_ban::Column::Ip.eq(ip))
        .filter(ip_ban::Column::BannedUntil.gt(now))
        .filter(ip_ban::Column::LiftedAt.is_null())
        .order_by_desc(ip_ban::Column::BannedUntil)
        .one(db)
        .await
}

/// How failures are counted against an account: the trimmed, lower-cased username.
pub fn failure_key(username: &str) -> String {
    username
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect()
}

/// Refuses a banned IP address, or an account past its hourly failure limit. `ip` is a ban key.
async fn check_gate(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    rules: LoginRules,
    ip: &str,
    key: &str,
) -> Result<(), LoginError> {
    if let Some(ban) = active_ban(db, now, ip).await? {
        return Err(LoginError::Banned {
            until: ban.banned_until,
        });
    }
    let recent_for_account = login_failure::Entity::find()
        .filter(login_failure::Column::Username.eq(key))
        .filter(login_failure::Column::At.gt(now - Duration::hours(1)))
        .count(db)
        .await?;
    if rules.account_failures_per_hour > 0
        && recent_for_account >= u64::from(rules.account_failures_per_hour)
    {
        return Err(LoginError::Throttled);
    }
    Ok(())
}

/// Failures from `ip` (a ban key) that count toward its next ban: those in the window, and not
/// before the last ban ended (those were punished already).
async fn failures_toward_ban(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    rules: LoginRules,
    ip: &str,
) -> Result<u64, DbErr> {
    let window = Duration::minutes(i64::from(rules.ban_minutes));
    let last_ban_end = ip_ban::Entity::find()
        .filter(ip_ban::Column::Ip.eq(ip))
        .order_by_desc(ip_ban::Column::BannedUntil)
        .one(db)
        .await?
        .map(|b| std::cmp::Ord::min(b.lifted_at.unwrap_or(b.banned_until), now));
    let since = last_ban_end.map_or(now - window, |end| std::cmp::Ord::max(end, now - window));
    login_failure::Entity::find()
        .filter(login_failure::Column::Ip.eq(ip))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await
}

/// Makes this transaction the only one counting failures for this address and account. SQLite
/// needs nothing: `BEGIN IMMEDIATE` already lets one writer in at a time. On PostgreSQL, with
/// `wait` the transaction queues for the locks; without, it gives up at once when another holds
/// them (false), so a flood from one address cannot tie up the connection pool waiting.
async fn serialize_counting(
    txn: &impl ConnectionTrait,
    ip: &str,
    key: &str,
    wait: bool,
) -> Result<bool, DbErr> {
    if txn.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(true);
    }
    let sql = if wait {
        "SELECT true AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS waited"
    } else {
        "SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked"
    };
    // Always address first, then account, so two transactions never wait on each other in a ring.
    for lock in [format!("login-ip:{ip}"), format!("login-account:{key}")] {
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                sql,
                [lock.into()],
            ))
            .await?;
        let locked = match row {
            Some(row) => row.try_get::<bool>("", "locked")?,
            None => false,
        };
        if !locked && !wait {
            return Ok(false);
        }
    }
    Ok(true)
}

/// One login attempt, counted before the password or code is checked (see `take_attempt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt(i64);

/// Takes one attempt for this address and account, or refuses it, in one step: under a lock it
/// refuses a banned address, a throttled account, or an address whose failures plus attempts still
/// in flight already reach the ban threshold, and otherwise records the attempt as a failure up
/// front. A login that then succeeds withdraws it (`withdraw_attempt`). Parallel requests
/// therefore cannot all pass the check before any of them is counted. Both login steps (password,
/// then second factor) pass through here.
pub async fn take_attempt<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    rules: LoginRules,
    client_ip: &str,
    key: &str,
) -> Result<Attempt, LoginError> {
    let ip = ban_key(client_ip);
    // Read-only first: a flood from a banned address must not queue for the write lock.
    check_gate(db, now, rules, &ip, key).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    if !serialize_counting(&txn, &ip, key, false).await? {
        return Err(LoginError::TooManyAttempts);
    }
    check_gate(&txn, now, rules, &ip, key).await?;
    if rules.ban_after_failures > 0
        && failures_toward_ban(&txn, now, rules, &ip).await? >= u64::from(rules.ban_after_failures)
    {
        return Err(LoginError::TooManyAttempts);
    }
    let row = login_failure::ActiveModel {
        ip: Set(ip),
        username: Set(key.to_owned()),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(Attempt(row.id))
}

/// Withdraws an attempt that turned out right: it no longer counts as a failure.
pub async fn withdraw_attempt(db: &impl ConnectionTrait, attempt: Attempt) -> Result<(), DbErr> {
    login_failure::Entity::delete_by_id(attempt.0)
        .exec(db)
        .await?;
    Ok(())
}

/// Checks the ban and throttle, then the password (against a dummy hash for unknown users, so
/// timing and message are the same), and records a failure, banning the IP when the rule says so.
/// Success is not recorded here: the login is complete only after any second factor.
pub async fn attempt_login<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    rules: LoginRules,
    origin: &Actor,
    username: &str,
    password: &str,
) -> Result<admin::Model, LoginError> {
    let key = failure_key(username);
    let attempt = take_attempt(db, now, rules, &origin.ip, &key).await?;
    // No username holds a control character (and PostgreSQL refuses a NUL in a parameter): such a
    // name matches no account, and costs the same dummy verify as any unknown one.
    let account = if username.chars().any(char::is_control) {
        None
    } else {
        admin::Entity::find()
            .filter(lower_eq(admin::Column::Username, &key))
            .one(db)
            .await?
    };
    let stored = account
        .as_ref()
        .map(|a| PasswordHash::from_stored(a.password_hash.clone()));
    let verified = match hasher.verify(password, stored.as_ref()).await {
        Ok(verified) => verified,
        Err(err) => {
            // Not checked (the server was too busy): not a failure either.
            withdraw_attempt(db, attempt).await?;
            return Err(err.into());
        }
    };
    match account {
        Some(admin) if verified && admin.disabled_at.is_none() => {
            withdraw_attempt(db, attempt).await?;
            Ok(admin)
        }
        other => Err(record_failure(db, now, rules, origin, &key, other.as_ref(), false).await?),
    }
}

/// The admin `admin_id`, if `password` is their current password; otherwise the `wrong` error, or
/// `missing` when there is no such admin. Every change to one's own account goes through this.
pub async fn confirm_password<E: From<DbErr> + From<HashError>>(
    db: &impl ConnectionTrait,
    hasher: &Hasher,
    admin_id: i32,
    password: &str,
    missing: E,
    wrong: E,
) -> Result<admin::Model, E> {
    let Some(me) = admin::Entity::find_by_id(admin_id).one(db).await? else {
        return Err(missing);
    };
    let stored = PasswordHash::from_stored(me.password_hash.clone());
    if hasher.verify(password, Some(&stored)).await? {
        Ok(me)
    } else {
        Err(wrong)
    }
}

/// Records a completed login; `second_factor` names how the second step was passed, if there was one.
pub async fn record_login<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    origin: &Actor,
    admin: &admin::Model,
    second_factor: Option<&str>,
) -> Result<(), DbErr> {
    let actor = Actor::account(admin, &origin.ip, &origin.user_agent);
    let mut event = Event::new(Action::LoginSucceeded, Some(Target::admin(admin)));
    if let Some(method) = second_factor {
        event = event.after(serde_json::json!({ "second_factor": method }));
    }
    crate::kernel::audit::record_alone(db, now, &actor, event).await?;
    Ok(())
}

/// Settles a failed attempt (a wrong password, or a wrong second factor after a right password),
/// already counted by `take_attempt`: bans the address when the rule says so, and records the
/// failure. Returns the error the user sees (a ban if this failure caused one).
pub async fn record_failure<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    rules: LoginRules,
    origin: &Actor,
    username_key: &str,
    account: Option<&admin::Model>,
    second_factor: bool,
) -> Result<LoginError, DbErr> {
    // The failure itself, about the account when the username named one.
    let event = Event::new(Action::LoginFailed, account.map(Target::admin)).after(
        serde_json::json!({ "username": username_key, "account_disabled": account.is_some_and(|a| a.disabled_at.is_some()), "second_factor": second_factor }),
    );
    record_failure_as(db, now, rules, origin, username_key, event).await
}

/// As `record_failure`, recording `failed` as the failure: the Client Area's login counts toward
/// the same ban with its own event.
pub async fn record_failure_as<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    rules: LoginRules,
    origin: &Actor,
    username_key: &str,
    failed: Event,
) -> Result<LoginError, DbErr> {
    let ip = ban_key(&origin.ip);
    let txn = crate::kernel::db::begin_write(db).await?;
    serialize_counting(&txn, &ip, username_key, true).await?;
    let mut outcome = LoginError::InvalidCredentials;
    if rules.ban_after_failures > 0 {
        let failures = failures_toward_ban(&txn, now, rules, &ip).await?;
        // Of several attempts failing at once, the first to get here bans; the rest see its ban.
        let already = active_ban(&txn, now, &ip).await?;
        if let Some(ban) = already {
            outcome = LoginError::Banned {
                until: ban.banned_until,
            };
        } else if failures >= u64::from(rules.ban_after_failures) {
            let until = now + Duration::minutes(i64::from(rules.ban_minutes));
            ip_ban::ActiveModel {
                ip: Set(ip.clone()),
                reason: Set(format!("{failures} failed logins")),
                created_at: Set(now),
                banned_until: Set(until),
                lifted_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            tracing::warn!(%ip, failures, "banned an IP address after failed logins");
            let event = Event::new(Action::IpBanned, None)
                .after(serde_json::json!({ "ip": ip, "failures": failures, "until": until }));
            record(&txn, now, origin, event).await?;
            outcome = LoginError::Banned { until };
        }
    }
    record(&txn, now, origin, failed).await?;
    txn.commit().await?;
    Ok(outcome)
}

/// Logs this admin in on this request: a fresh session id (no fixation) carrying the admin.
/// Used by the login form and by invitation acceptance.
pub async fn start_session(
    db: &impl ConnectionTrait,
    session: &Session,
    admin: &admin::Model,
    ip: &str,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<(), StartSessionError> {
    session.cycle_id().await?;
    // Nothing of what the browser's previous session held carries over to the new login.
    session.clear().await;
    sign_in(session, crate::kernel::Principal::staff(admin.id)).await?;
    // The epoch as it was when the password was checked: if the admin's sessions end in between,
    // this one is born dead.
    session.insert(EPOCH, admin.session_epoch).await?;
    session.insert(AUTH_AT, now.timestamp()).await?;
    session.insert(IP, ip).await?;
    session.insert(USER_AGENT, user_agent).await?;
    let mut row: admin::ActiveModel = admin.clone().into();
    row.last_login_at = Set(Some(now));
    row.update(db).await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum StartSessionError {
    #[error("session store: {0}")]
    Session(#[from] tower_sessions::session::Error),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// The admin behind a session, if the account still exists and is enabled.
pub async fn load_current(
    db: &impl ConnectionTrait,
    admin_id: i32,
) -> Result<Option<CurrentAdmin>, DbErr> {
    load_for_session(db, admin_id, None).await
}

/// The admin behind a session of `epoch`, if the account still exists, is enabled, and has not
/// ended its sessions since.
pub async fn load_for_session(
    db: &impl ConnectionTrait,
    admin_id: i32,
    epoch: Option<i64>,
) -> Result<Option<CurrentAdmin>, DbErr> {
    let Some(admin) = admin::Entity::find_by_id(admin_id)
        .filter(admin::Column::DisabledAt.is_null())
        .apply_if(epoch, |q, epoch| {
            q.filter(admin::Column::SessionEpoch.eq(epoch))
        })
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(role) = role::Entity::find_by_id(admin.role_id).one(db).await? else {
        return Ok(None);
    };
    let permissions = role_permissions(db, &role).await?;
    let must_enrol_two_factor = crate::two_factor::service::must_enrol(db, &role, admin.id).await?;
    let reports = role_reports(db, &role).await?;
    Ok(Some(CurrentAdmin {
        must_enrol_two_factor,
        id: admin.id,
        username: admin.username,
        first_name: admin.first_name,
        last_name: admin.last_name,
        role_id: role.id,
        role_name: role.name,
        language: crate::kernel::i18n::Lang::from_code(&admin.language).unwrap_or_default(),
        permissions,
        reports,
    }))
}

/// The reports a role sees, by key; None when it sees them all (Full Administrator always does).
pub async fn role_reports(
    db: &impl ConnectionTrait,
    role: &role::Model,
) -> Result<Option<Vec<String>>, DbErr> {
    if role.all_reports || role.key.as_deref() == Some(FULL_ADMINISTRATOR) {
        return Ok(None);
    }
    let mut keys: Vec<String> = crate::entities::role_report::Entity::find()
        .filter(crate::entities::role_report::Column::RoleId.eq(role.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.report)
        .collect();
    keys.sort();
    Ok(Some(keys))
}

/// Full Administrator holds every permission, including ones added after its rows were written.
pub async fn role_permissions(
    db: &impl ConnectionTrait,
    role: &role::Model,
) -> Result<Vec<Permission>, DbErr> {
    if role.key.as_deref() == Some(FULL_ADMINISTRATOR) {
        return Ok(Permission::ALL.to_vec());
    }
    let rows = role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.eq(role.id))
        .all(db)
        .await?;
    let mut permissions: Vec<Permission> = rows
        .iter()
        .filter_map(|r| Permission::from_key(&r.permission))
        .collect();
    permissions.sort();
    Ok(permissions)
}

/// Ends every session of an admin, except the one given (by id hash), and any login of theirs
/// still waiting for its second factor. It moves the admin's session epoch on, so that neither a
/// request still holding an ended session nor a login that checked the password before this can
/// bring one back. The epoch covers the kept session too: the caller re-issues it with the new
/// epoch (`guard::rotate_session`). Returns how many sessions ended.
pub async fn end_sessions(
    db: &impl ConnectionTrait,
    admin_id: i32,
    except_hash: Option<&str>,
) -> Result<u64, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    admin::Entity::update_many()
        .col_expr(
            admin::Column::SessionEpoch,
            Expr::col(admin::Column::SessionEpoch).add(1),
        )
        .filter(admin::Column::Id.eq(admin_id))
        .exec(db)
        .await?;
    crate::entities::login_challenge::Entity::delete_many()
        .filter(crate::entities::login_challenge::Column::AdminId.eq(admin_id))
        .exec(db)
        .await?;
    let mut delete = session::Entity::delete_many()
        .filter(sessions_of(crate::kernel::Principal::staff(admin_id)));
    if let Some(keep) = except_hash {
        delete = delete.filter(session::Column::IdHash.ne(keep));
    }
    Ok(delete.exec(db).await?.rows_affected)
}

/// Makes every outstanding set-password link of an admin stop working. Called whenever what such a
/// link was sent for no longer holds: a password change, an email change, a re-enable, and turning
/// on two-factor. Returns how many links were revoked.
pub async fn revoke_reset_links(
    db: &impl ConnectionTrait,
    admin_id: i32,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use crate::entities::password_reset;
    Ok(password_reset::Entity::update_many()
        .col_expr(
            password_reset::Column::SupersededAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(password_reset::Column::AdminId.eq(admin_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::SupersededAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn admin_count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    admin::Entity::find().count(db).await
}

/// Input for creating an administrator directly (the bootstrap CLI).
pub struct NewAdmin {
    pub username: Username,
    pub email: Email,
    pub first_name: String,
    pub last_name: String,
    pub password: NewPassword,
    pub role_key: String,
}

impl NewAdmin {
    pub fn parse(
        username: &str,
        email: &str,
        first_name: &str,
        last_name: &str,
        password: &str,
        role_key: &str,
    ) -> Result<Self, (&'static str, ValidationError)> {
        Ok(Self {
            username: Username::parse(username).map_err(|e| ("username", e))?,
            email: Email::parse(email).map_err(|e| ("email", e))?,
            first_name: clean_text(first_name, 100).map_err(|e| ("first_name", e))?,
            last_name: clean_text(last_name, 100).map_err(|e| ("last_name", e))?,
            password: NewPassword::parse(password).map_err(|e| ("password", e))?,
            role_key: role_key.to_owned(),
        })
    }
}

/// The fields of a new administrator; `into_active_model` fills in the rest (enabled, no signature).
pub struct AdminRow<'a> {
    pub username: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub role_id: i32,
    pub language: &'a str,
}

impl AdminRow<'_> {
    pub fn into_active_model(self, hash: &PasswordHash, now: DateTime<Utc>) -> admin::ActiveModel {
        admin::ActiveModel {
            username: Set(self.username.to_owned()),
            first_name: Set(self.first_name.to_owned()),
            last_name: Set(self.last_name.to_owned()),
            email: Set(self.email.to_owned()),
            password_hash: Set(hash.as_phc().to_owned()),
            role_id: Set(self.role_id),
            language: Set(self.language.to_owned()),
            signature: Set(String::new()),
            notes: Set(String::new()),
            disabled_at: Set(None),
            created_at: Set(now),
            last_login_at: Set(None),
            ..Default::default()
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("the username is already taken")]
    UsernameTaken,
    #[error("an administrator with this email already exists")]
    EmailTaken,
    #[error("there is no role with the key {0:?}")]
    UnknownRole(String),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Creates an administrator with one insert. Username and email are checked first for a clear
/// message, and the unique indexes settle any race.
pub async fn create_admin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    input: NewAdmin,
) -> Result<admin::Model, CreateAdminError> {
    let hash = hasher.hash(&input.password).await?;
    let role = role::Entity::find()
        .filter(role::Column::Key.eq(input.role_key.clone()))
        .one(db)
        .await?
        .ok_or_else(|| CreateAdminError::UnknownRole(input.role_key.clone()))?;
    if admin::Entity::find()
        .filter(lower_eq(admin::Column::Username, input.username.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(CreateAdminError::UsernameTaken);
    }
    if admin::Entity::find()
        .filter(lower_eq(admin::Column::Email, input.email.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(CreateAdminError::EmailTaken);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let created = AdminRow {
        username: input.username.as_str(),
        first_name: &input.first_name,
        last_name: &input.last_name,
        email: input.email.as_str(),
        role_id: role.id,
        language: "en",
    }
    .into_active_model(&hash, now)
    .insert(&txn)
    .await
    .map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => CreateAdminError::UsernameTaken,
        _ => CreateAdminError::Db(err),
    })?;
    let event = Event::new(Action::AdminCreated, Some(Target::admin(&created))).after(
        serde_json::json!({ "username": created.username, "email": created.email, "role": role.name }),
    );
    record(&txn, now, &Actor::system(), event).await?;
    txn.commit().await?;
    Ok(created)
}
