//! Users over SeaORM: loading the signed-in user, logging in (through the staff login's ban and
//! throttle), invitations, memberships and their permissions, password resets, and the one-time
//! links of "log in as client". Every change writes its audit row in its transaction; every time
//! is passed in.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, SqlErr, TransactionSession, TransactionTrait,
};
use tower_sessions::Session;

use super::model::{
    InvitationLookup, LinkProblem, NewUserInvite, PendingUserInvitation, UserRow, UsersSection,
};
use crate::auth::service::{LoginError, LoginRules};
use crate::entities::{
    admin, client, client_login_token, client_user, user, user_invitation, user_password_reset,
};
use crate::kernel::audit::{self, Action, Actor, Event, Target};
use crate::kernel::concurrency::{Expected, guarded};
use crate::kernel::credentials::NewPassword;
use crate::kernel::i18n::Lang;
use crate::kernel::names::PersonName;
use crate::kernel::password::{HashError, Hasher, PasswordHash};
use crate::kernel::session_store::{AUTH_AT, EPOCH, IP, USER_AGENT, sign_in};
use crate::kernel::settings::Settings;
use crate::kernel::time::when;
use crate::kernel::token::SecretToken;
use crate::kernel::validation::{Email, ValidationError};
use crate::kernel::{ClientPermission, CurrentUser, Membership, Principal};

/// How long a password reset link works.
pub const RESET_MINUTES: i64 = 60;
/// How long the link of "log in as client" works: it is followed at once.
pub const LOGIN_AS_SECONDS: i64 = 120;
/// A second reset email for the same user within this many minutes is not sent.
const RESET_RESEND_MINUTES: i64 = 2;

/// Session keys of the Client Area, besides the principal's: the client the user works on, and
/// the admin who opened the session with "log in as client".
pub const CLIENT_ID: &str = "client_id";
pub const STAFF_ID: &str = "staff_id";
/// The admin's session epoch when they opened it: once they end their sessions, this one ends too.
pub const STAFF_EPOCH: &str = "staff_epoch";

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("no such client, user or invitation")]
    NotFound,
    #[error("the person already belongs to this client")]
    AlreadyMember,
    #[error("the owner keeps every permission and cannot be removed")]
    OwnerStays,
    #[error("the record was changed since the form was loaded")]
    ChangedMeanwhile,
    #[error("the link does not work: {0:?}")]
    Link(LinkProblem),
    #[error("the invitation is for another address")]
    WrongAccount,
    #[error("the address already has an account")]
    HasAccount,
    #[error("the client has no owner")]
    NoOwner,
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("two-factor authentication is already on")]
    TwoFactorOn,
    #[error("two-factor authentication is off")]
    TwoFactorOff,
    #[error("no set-up is waiting for a code")]
    NoSetup,
    #[error("the code is wrong or already used")]
    WrongCode,
    #[error("the stored secret cannot be decrypted with the configured key")]
    Undecryptable,
    #[error("invalid {0}: {1}")]
    Invalid(&'static str, ValidationError),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub fn name_of(u: &user::Model) -> String {
    format!("{} {}", u.first_name, u.last_name)
}

pub fn target(u: &user::Model) -> Target {
    Target::new("user", u.id, format!("{} ({})", name_of(u), u.email))
}

fn client_target(c: &client::Model) -> Target {
    Target::new("client", c.id, crate::clients::service::name_of(c))
}

async fn find_client(db: &impl ConnectionTrait, id: i32) -> Result<client::Model, UserError> {
    client::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(UserError::NotFound)
}

async fn user_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    // No address holds a control character (and PostgreSQL refuses a NUL in a parameter).
    if email.chars().any(char::is_control) {
        return Ok(None);
    }
    user::Entity::find()
        .filter(user::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await
}

// Who is signed in.

/// Every client `user_id` belongs to, by client id.
pub async fn memberships(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<Membership>, DbErr> {
    let rows = client_user::Entity::find()
        .filter(client_user::Column::UserId.eq(user_id))
        .order_by_asc(client_user::Column::ClientId)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let clients = client::Entity::find()
        .filter(client::Column::Id.is_in(rows.iter().map(|r| r.client_id)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let c = clients.iter().find(|c| c.id == r.client_id)?;
            Some(Membership {
                client_id: r.client_id,
                client_name: crate::clients::service::name_of(c),
                owner: r.owner,
                permissions: ClientPermission::split(&r.permissions),
            })
        })
        .collect())
}

/// The user behind a Client Area session of `epoch`, if the account still exists, is enabled and
/// has not ended its sessions since; working on `wanted` when they still belong to it, else on
/// their first client. A session opened by staff (`staff`: the admin's id and session epoch)
/// lives only while that admin is enabled, has not ended their sessions, and may still log in as
/// clients.
pub async fn load_for_session(
    db: &impl ConnectionTrait,
    user_id: i32,
    epoch: i64,
    wanted: Option<i32>,
    staff: Option<(i32, i64)>,
) -> Result<Option<CurrentUser>, DbErr> {
    let staff_id = staff.map(|(id, _)| id);
    let staff_name = match staff {
        Some((id, epoch)) => {
            match crate::auth::service::load_for_session(db, id, Some(epoch)).await? {
                Some(admin) if admin.can(crate::kernel::Permission::LoginAsClient) => {
                    Some(admin.display_name())
                }
                _ => return Ok(None),
            }
        }
        None => None,
    };
    let Some(u) = user::Entity::find_by_id(user_id)
        .filter(user::Column::DisabledAt.is_null())
        .filter(user::Column::SessionEpoch.eq(epoch))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let memberships = memberships(db, u.id).await?;
    let client_id = wanted
        .filter(|w| memberships.iter().any(|m| m.client_id == *w))
        .or_else(|| memberships.first().map(|m| m.client_id));
    Ok(Some(CurrentUser {
        id: u.id,
        email: u.email,
        first_name: u.first_name,
        last_name: u.last_name,
        language: Lang::from_code(&u.language).unwrap_or_default(),
        memberships,
        client_id,
        staff_id,
        staff_name,
    }))
}

// Logging in.

/// How failures are counted against a user's account: apart from staff usernames.
pub fn failure_key(email: &str) -> String {
    format!("user:{}", crate::auth::service::failure_key(email))
}

/// Checks the ban and throttle (the staff login's, so failed user logins count toward the same IP
/// ban), then the password (against a dummy hash for unknown addresses), and records a failure.
pub async fn attempt_login<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    rules: LoginRules,
    origin: &Actor,
    email: &str,
    password: &str,
) -> Result<user::Model, LoginError> {
    use crate::auth::service::{record_failure_as, take_attempt, withdraw_attempt};
    let key = failure_key(email);
    let attempt = take_attempt(db, now, rules, &origin.ip, &key).await?;
    let account = user_by_email(db, email).await?;
    let stored = account
        .as_ref()
        .map(|u| PasswordHash::from_stored(u.password_hash.clone()));
    let verified = match hasher.verify(password, stored.as_ref()).await {
        Ok(verified) => verified,
        Err(err) => {
            withdraw_attempt(db, attempt).await?;
            return Err(err.into());
        }
    };
    match account {
        Some(u) if verified && u.disabled_at.is_none() => {
            withdraw_attempt(db, attempt).await?;
            Ok(u)
        }
        other => {
            let event = Event::new(Action::UserLoginFailed, other.as_ref().map(target)).after(
                serde_json::json!({
                    "email": key.trim_start_matches("user:"),
                    "account_disabled": other.as_ref().is_some_and(|u| u.disabled_at.is_some()),
                }),
            );
            Err(record_failure_as(db, now, rules, origin, &key, event).await?)
        }
    }
}

/// Records a completed login and the time of it.
pub async fn record_login<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    origin: &Actor,
    u: &user::Model,
) -> Result<(), DbErr> {
    let txn = crate::kernel::db::begin_write(db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(now))
        .filter(user::Column::Id.eq(u.id))
        .exec(&txn)
        .await?;
    let actor = Actor::user(u.id, &name_of(u), &origin.ip, &origin.user_agent);
    audit::record(
        &txn,
        now,
        &actor,
        Event::new(Action::UserLoggedIn, Some(target(u))),
    )
    .await?;
    txn.commit().await
}

/// Signs `u` in on this Client Area session with a fresh id (no fixation), nothing of what the
/// session held before carried over. `staff` (the admin's id and session epoch) marks a session
/// opened by "log in as client".
pub async fn start_session(
    session: &Session,
    u: &user::Model,
    client_id: Option<i32>,
    staff: Option<(i32, i64)>,
    ip: &str,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.clear().await;
    sign_in(session, Principal::client_user(u.id)).await?;
    session.insert(EPOCH, u.session_epoch).await?;
    session.insert(AUTH_AT, now.timestamp()).await?;
    session.insert(IP, ip).await?;
    session.insert(USER_AGENT, user_agent).await?;
    if let Some(id) = client_id {
        session.insert(CLIENT_ID, id).await?;
    }
    if let Some((id, epoch)) = staff {
        session.insert(STAFF_ID, id).await?;
        session.insert(STAFF_EPOCH, epoch).await?;
    }
    Ok(())
}

// A client's users.

/// The Users section of a client: its users and open invitations.
pub async fn section(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    client_id: i32,
    can_manage: bool,
    can_log_in_as: bool,
) -> Result<UsersSection, DbErr> {
    let places = client_user::Entity::find()
        .filter(client_user::Column::ClientId.eq(client_id))
        .order_by_desc(client_user::Column::Owner)
        .order_by_asc(client_user::Column::Id)
        .all(db)
        .await?;
    let people = if places.is_empty() {
        Vec::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(places.iter().map(|p| p.user_id)))
            .all(db)
            .await?
    };
    let users: Vec<UserRow> = places
        .iter()
        .filter_map(|p| {
            let u = people.iter().find(|u| u.id == p.user_id)?;
            Some(UserRow {
                user_id: u.id,
                name: name_of(u),
                email: u.email.clone(),
                owner: p.owner,
                permissions: if p.owner {
                    ClientPermission::ALL.to_vec()
                } else {
                    ClientPermission::split(&p.permissions)
                },
                last_login: u.last_login_at.map(when),
                version: p.version,
            })
        })
        .collect();
    let pending = user_invitation::Entity::find()
        .filter(user_invitation::Column::ClientId.eq(client_id))
        .filter(open())
        .order_by_asc(user_invitation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| PendingUserInvitation {
            id: i.id,
            email: i.email,
            permissions: ClientPermission::split(&i.permissions),
            invited_by: i.invited_by_name,
            expires: when(i.expires_at),
            expired: i.expires_at <= now,
        })
        .collect();
    let has_owner = users.iter().any(|u| u.owner);
    Ok(UsersSection {
        client_id,
        users,
        pending,
        can_manage,
        can_log_in_as: can_log_in_as && has_owner,
        has_owner,
    })
}

async fn place_of(
    db: &impl ConnectionTrait,
    client_id: i32,
    user_id: i32,
) -> Result<client_user::Model, UserError> {
    client_user::Entity::find()
        .filter(client_user::Column::ClientId.eq(client_id))
        .filter(client_user::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .ok_or(UserError::NotFound)
}

/// The permissions an open invitation of the client offers; None when there is no such invitation.
pub async fn invitation_permissions(
    db: &impl ConnectionTrait,
    client_id: i32,
    invitation_id: i32,
) -> Result<Option<Vec<ClientPermission>>, DbErr> {
    Ok(user_invitation::Entity::find_by_id(invitation_id)
        .filter(user_invitation::Column::ClientId.eq(client_id))
        .filter(open())
        .one(db)
        .await?
        .map(|i| ClientPermission::split(&i.permissions)))
}

/// A user's place at a client: whether they are the owner, and their permissions (all for the
/// owner); None when they do not belong to it.
pub async fn standing(
    db: &impl ConnectionTrait,
    client_id: i32,
    user_id: i32,
) -> Result<Option<(bool, Vec<ClientPermission>)>, DbErr> {
    Ok(client_user::Entity::find()
        .filter(client_user::Column::ClientId.eq(client_id))
        .filter(client_user::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|p| {
            let permissions = if p.owner {
                ClientPermission::ALL.to_vec()
            } else {
                ClientPermission::split(&p.permissions)
            };
            (p.owner, permissions)
        }))
}

async fn user_of(db: &impl ConnectionTrait, user_id: i32) -> Result<user::Model, UserError> {
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(UserError::NotFound)
}

/// Sets what a (non-owner) user may do at the client; at least one permission.
#[allow(clippy::too_many_arguments)]
pub async fn set_permissions<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    user_id: i32,
    permissions: &[ClientPermission],
    expected: Expected,
) -> Result<(), UserError> {
    if permissions.is_empty() {
        return Err(UserError::Invalid("permissions", ValidationError::Required));
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let c = find_client(&txn, client_id).await?;
    let place = place_of(&txn, client_id, user_id).await?;
    if place.owner {
        return Err(UserError::OwnerStays);
    }
    let expected = expected
        .within(place.version)
        .ok_or(UserError::ChangedMeanwhile)?;
    let stored = ClientPermission::join(permissions);
    let done = guarded(
        client_user::Entity::update_many(),
        client_user::Column::Version,
        expected,
    )
    .col_expr(
        client_user::Column::Permissions,
        Expr::value(stored.clone()),
    )
    .filter(client_user::Column::Id.eq(place.id))
    .exec(&txn)
    .await?;
    if done.rows_affected != 1 {
        return Err(UserError::ChangedMeanwhile);
    }
    let u = user_of(&txn, user_id).await?;
    let event = Event::new(Action::UserPermissionsChanged, Some(client_target(&c)))
        .before(serde_json::json!({ "user": u.email, "permissions": place.permissions }))
        .after(serde_json::json!({ "user": u.email, "permissions": stored }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a user off the client (their account stays, for their other clients). Not the owner.
pub async fn remove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    user_id: i32,
    expected: Expected,
) -> Result<(), UserError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let c = find_client(&txn, client_id).await?;
    let place = place_of(&txn, client_id, user_id).await?;
    if place.owner {
        return Err(UserError::OwnerStays);
    }
    expected
        .within(place.version)
        .ok_or(UserError::ChangedMeanwhile)?;
    let done = client_user::Entity::delete_many()
        .filter(client_user::Column::Id.eq(place.id))
        .filter(client_user::Column::Version.eq(place.version))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(UserError::ChangedMeanwhile);
    }
    let u = user_of(&txn, user_id).await?;
    let event = Event::new(Action::UserRemoved, Some(client_target(&c)))
        .before(serde_json::json!({ "user": u.email, "permissions": place.permissions }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// Makes a user the client's owner (staff only); the previous owner keeps every permission as an
/// ordinary user.
pub async fn make_owner<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    user_id: i32,
) -> Result<(), UserError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let c = find_client(&txn, client_id).await?;
    let place = place_of(&txn, client_id, user_id).await?;
    if place.owner {
        return Ok(());
    }
    let all = ClientPermission::join(&ClientPermission::ALL);
    client_user::Entity::update_many()
        .col_expr(client_user::Column::Owner, Expr::value(false))
        .col_expr(client_user::Column::Permissions, Expr::value(all))
        .col_expr(
            client_user::Column::Version,
            Expr::col(client_user::Column::Version).add(1),
        )
        .filter(client_user::Column::ClientId.eq(client_id))
        .filter(client_user::Column::Owner.eq(true))
        .exec(&txn)
        .await?;
    client_user::Entity::update_many()
        .col_expr(client_user::Column::Owner, Expr::value(true))
        .col_expr(
            client_user::Column::Version,
            Expr::col(client_user::Column::Version).add(1),
        )
        .filter(client_user::Column::Id.eq(place.id))
        .exec(&txn)
        .await?;
    let u = user_of(&txn, user_id).await?;
    let event = Event::new(Action::UserPermissionsChanged, Some(client_target(&c)))
        .before(serde_json::json!({ "user": u.email, "permissions": place.permissions }))
        .after(serde_json::json!({ "user": u.email, "owner": true }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

// Invitations.

/// An invitation still waiting for its answer (it may have expired).
pub fn open() -> Condition {
    Condition::all()
        .add(user_invitation::Column::AcceptedAt.is_null())
        .add(user_invitation::Column::CancelledAt.is_null())
}

fn invite_link(public_url: &str, token: &SecretToken) -> String {
    format!(
        "{}/client/invite/{}",
        public_url.trim_end_matches('/'),
        token.expose()
    )
}

/// Invites `input.email` to the client's users, or (when one is open already) sends the open
/// invitation again with the new permissions and a new link, which supersedes the old one.
pub async fn invite<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    input: NewUserInvite,
) -> Result<user_invitation::Model, UserError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let c = find_client(&txn, client_id).await?;
    let email = input.email.as_str().to_owned();
    if let Some(existing) = user_by_email(&txn, &email).await?
        && place_of(&txn, client_id, existing.id).await.is_ok()
    {
        return Err(UserError::AlreadyMember);
    }
    let token = SecretToken::generate();
    let expires_at = now + Duration::days(i64::from(settings.invitations.validity_days));
    let permissions = ClientPermission::join(&input.permissions);
    let already = user_invitation::Entity::find()
        .filter(user_invitation::Column::ClientId.eq(client_id))
        .filter(user_invitation::Column::Email.eq(email.clone()))
        .filter(open())
        .one(&txn)
        .await?;
    let (row, action) = match already {
        Some(row) => {
            let mut row: user_invitation::ActiveModel = row.into();
            row.permissions = Set(permissions);
            row.token_hash = Set(token.hash());
            row.expires_at = Set(expires_at);
            (row.update(&txn).await?, Action::UserInvitationResent)
        }
        None => (
            user_invitation::ActiveModel {
                client_id: Set(client_id),
                email: Set(email.clone()),
                permissions: Set(permissions),
                token_hash: Set(token.hash()),
                invited_by_kind: Set(actor.kind.key().to_owned()),
                invited_by_id: Set(actor.id.unwrap_or(0)),
                invited_by_name: Set(actor.name.clone()),
                created_at: Set(now),
                expires_at: Set(expires_at),
                ..Default::default()
            }
            .insert(&txn)
            .await?,
            Action::UserInvited,
        ),
    };
    let event = Event::new(action, Some(client_target(&c)))
        .after(serde_json::json!({ "email": row.email, "permissions": row.permissions }));
    audit::record(&txn, now, actor, event).await?;
    let lang = Lang::from_code(&c.language).unwrap_or_default();
    let message = super::mail::invitation(
        lang,
        settings,
        &actor.name,
        &crate::clients::service::name_of(&c),
        &row.email,
        &invite_link(&settings.server.public_url, &token),
        expires_at,
    );
    crate::kernel::outbox::queue(&txn, now, message, None).await?;
    txn.commit().await?;
    Ok(row)
}

async fn open_invitation(
    db: &impl ConnectionTrait,
    client_id: i32,
    invitation_id: i32,
) -> Result<(client::Model, user_invitation::Model), UserError> {
    let c = find_client(db, client_id).await?;
    let row = user_invitation::Entity::find_by_id(invitation_id)
        .filter(user_invitation::Column::ClientId.eq(client_id))
        .filter(open())
        .one(db)
        .await?
        .ok_or(UserError::NotFound)?;
    Ok((c, row))
}

/// Sends an open invitation again, with a new link and a new week: the old link stops working.
pub async fn resend<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    invitation_id: i32,
) -> Result<(), UserError> {
    let (_, row) = open_invitation(db, client_id, invitation_id).await?;
    let input = NewUserInvite {
        email: Email::parse(&row.email).map_err(|e| UserError::Invalid("email", e))?,
        permissions: ClientPermission::split(&row.permissions),
    };
    invite(db, settings, now, actor, client_id, input).await?;
    Ok(())
}

/// Withdraws an open invitation: its link stops working.
pub async fn cancel<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    invitation_id: i32,
) -> Result<(), UserError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let (c, row) = open_invitation(&txn, client_id, invitation_id).await?;
    user_invitation::Entity::update_many()
        .col_expr(user_invitation::Column::CancelledAt, Expr::value(now))
        .filter(user_invitation::Column::Id.eq(row.id))
        .filter(open())
        .exec(&txn)
        .await?;
    let event = Event::new(Action::UserInvitationCancelled, Some(client_target(&c)))
        .before(serde_json::json!({ "email": row.email }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

fn problem_of(row: &user_invitation::Model, now: DateTime<Utc>) -> Option<LinkProblem> {
    if row.accepted_at.is_some() {
        Some(LinkProblem::Used)
    } else if row.cancelled_at.is_some() {
        Some(LinkProblem::Cancelled)
    } else if row.expires_at <= now {
        Some(LinkProblem::Expired)
    } else {
        None
    }
}

async fn invitation_by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<user_invitation::Model>, DbErr> {
    let Some(token) = SecretToken::parse(token) else {
        return Ok(None);
    };
    user_invitation::Entity::find()
        .filter(user_invitation::Column::TokenHash.eq(token.hash()))
        .one(db)
        .await
}

/// What an invitation link leads to. Looking changes nothing (mail scanners follow links).
pub async fn lookup(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    token: &str,
    signed_in: Option<&CurrentUser>,
) -> Result<InvitationLookup, DbErr> {
    let Some(row) = invitation_by_token(db, token).await? else {
        return Ok(InvitationLookup::Problem(LinkProblem::Unknown));
    };
    if let Some(problem) = problem_of(&row, now) {
        return Ok(InvitationLookup::Problem(problem));
    }
    let client_name = client::Entity::find_by_id(row.client_id)
        .one(db)
        .await?
        .map(|c| crate::clients::service::name_of(&c))
        .unwrap_or_default();
    Ok(if user_by_email(db, &row.email).await?.is_some() {
        InvitationLookup::Existing {
            client_name,
            signed_in: signed_in.is_some_and(|u| u.email == row.email),
            email: row.email,
        }
    } else {
        InvitationLookup::New {
            client_name,
            email: row.email,
        }
    })
}

/// Marks the invitation accepted by `user_id`, once: of two accepts at the same moment only one
/// gets here; the other is told the link was used.
async fn consume(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    row: &user_invitation::Model,
    user_id: i32,
) -> Result<(), UserError> {
    let done = user_invitation::Entity::update_many()
        .col_expr(user_invitation::Column::AcceptedAt, Expr::value(now))
        .col_expr(
            user_invitation::Column::AcceptedUserId,
            Expr::value(user_id),
        )
        .filter(user_invitation::Column::Id.eq(row.id))
        .filter(open())
        .filter(user_invitation::Column::ExpiresAt.gt(now))
        .exec(txn)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(UserError::Link(LinkProblem::Used))
    }
}

async fn join_client(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    row: &user_invitation::Model,
    user_id: i32,
) -> Result<(), UserError> {
    client_user::ActiveModel {
        client_id: Set(row.client_id),
        user_id: Set(user_id),
        owner: Set(false),
        permissions: Set(row.permissions.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => UserError::AlreadyMember,
        _ => UserError::Db(e),
    })?;
    Ok(())
}

async fn valid_invitation(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    token: &str,
) -> Result<user_invitation::Model, UserError> {
    let row = invitation_by_token(db, token)
        .await?
        .ok_or(UserError::Link(LinkProblem::Unknown))?;
    match problem_of(&row, now) {
        Some(problem) => Err(UserError::Link(problem)),
        None => Ok(row),
    }
}

/// A person without an account accepts: their account is created with the chosen name and
/// password, and joins the client. Exactly one account comes of concurrent accepts.
#[allow(clippy::too_many_arguments)]
pub async fn accept_new<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    origin: &Actor,
    token: &str,
    first_name: &str,
    last_name: &str,
    password: &str,
    confirmation: &str,
    lang: Lang,
) -> Result<user::Model, UserError> {
    let row = valid_invitation(db, now, token).await?;
    let first = PersonName::parse(first_name).map_err(|e| UserError::Invalid("first_name", e))?;
    let last = PersonName::parse(last_name).map_err(|e| UserError::Invalid("last_name", e))?;
    let password = NewPassword::parse_confirmed(password, confirmation)
        .map_err(|(f, e)| UserError::Invalid(f, e))?;
    if user_by_email(db, &row.email).await?.is_some() {
        return Err(UserError::HasAccount);
    }
    let hash = hasher.hash(&password).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let created = user::ActiveModel {
        email: Set(row.email.clone()),
        first_name: Set(first.as_str().to_owned()),
        last_name: Set(last.as_str().to_owned()),
        password_hash: Set(hash.as_phc().to_owned()),
        language: Set(lang.code().to_owned()),
        session_epoch: Set(0),
        disabled_at: Set(None),
        last_login_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // Another accept of the same address won.
        Some(SqlErr::UniqueConstraintViolation(_)) => UserError::Link(LinkProblem::Used),
        _ => UserError::Db(e),
    })?;
    consume(&txn, now, &row, created.id).await?;
    join_client(&txn, now, &row, created.id).await?;
    let c = find_client(&txn, row.client_id).await?;
    let actor = Actor::user(
        created.id,
        &name_of(&created),
        &origin.ip,
        &origin.user_agent,
    );
    let event = Event::new(Action::UserInvitationAccepted, Some(client_target(&c)))
        .after(serde_json::json!({ "user": created.email, "permissions": row.permissions }));
    audit::record(&txn, now, &actor, event).await?;
    audit::record(
        &txn,
        now,
        &actor,
        Event::new(Action::UserLoggedIn, Some(target(&created))),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// A signed-in user accepts an invitation to their own address: they join the client.
pub async fn accept_existing<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    origin: &Actor,
    token: &str,
    me: &CurrentUser,
) -> Result<i32, UserError> {
    let row = valid_invitation(db, now, token).await?;
    if row.email != me.email {
        return Err(UserError::WrongAccount);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    consume(&txn, now, &row, me.id).await?;
    join_client(&txn, now, &row, me.id).await?;
    let c = find_client(&txn, row.client_id).await?;
    let event = Event::new(Action::UserInvitationAccepted, Some(client_target(&c)))
        .after(serde_json::json!({ "user": me.email, "permissions": row.permissions }));
    audit::record(&txn, now, origin, event).await?;
    txn.commit().await?;
    Ok(row.client_id)
}

// Log in as client.

/// Issues the one-time link with which `admin` opens the Client Area as the client's owner.
pub async fn issue_login_as<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    admin_id: i32,
    client_id: i32,
) -> Result<SecretToken, UserError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let c = find_client(&txn, client_id).await?;
    let owner = client_user::Entity::find()
        .filter(client_user::Column::ClientId.eq(client_id))
        .filter(client_user::Column::Owner.eq(true))
        .one(&txn)
        .await?
        .ok_or(UserError::NoOwner)?;
    let u = user_of(&txn, owner.user_id).await?;
    let token = SecretToken::generate();
    client_login_token::ActiveModel {
        token_hash: Set(token.hash()),
        admin_id: Set(admin_id),
        client_id: Set(client_id),
        user_id: Set(u.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::seconds(LOGIN_AS_SECONDS)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let event = Event::new(Action::ClientLoginAs, Some(client_target(&c)))
        .after(serde_json::json!({ "as": u.email }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(token)
}

/// Redeems a "log in as client" link, once and in time, while its admin may still log in as
/// clients: the owner, the client, and the admin's id and session epoch. Recorded on the client
/// side too.
pub async fn redeem_login_as<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    origin: &Actor,
    token: &str,
) -> Result<(user::Model, i32, (i32, i64)), UserError> {
    let token = SecretToken::parse(token).ok_or(UserError::Link(LinkProblem::Unknown))?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let row = client_login_token::Entity::find()
        .filter(client_login_token::Column::TokenHash.eq(token.hash()))
        .one(&txn)
        .await?
        .ok_or(UserError::Link(LinkProblem::Unknown))?;
    if row.used_at.is_some() {
        return Err(UserError::Link(LinkProblem::Used));
    }
    if row.expires_at <= now {
        return Err(UserError::Link(LinkProblem::Expired));
    }
    let done = client_login_token::Entity::update_many()
        .col_expr(client_login_token::Column::UsedAt, Expr::value(now))
        .filter(client_login_token::Column::Id.eq(row.id))
        .filter(client_login_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(UserError::Link(LinkProblem::Used));
    }
    let staff = admin::Entity::find_by_id(row.admin_id)
        .filter(admin::Column::DisabledAt.is_null())
        .one(&txn)
        .await?
        .ok_or(UserError::Link(LinkProblem::Unknown))?;
    let allowed = crate::auth::service::load_current(&txn, staff.id)
        .await?
        .is_some_and(|a| a.can(crate::kernel::Permission::LoginAsClient));
    if !allowed {
        return Err(UserError::Link(LinkProblem::Unknown));
    }
    let u = user_of(&txn, row.user_id)
        .await
        .map_err(|_| UserError::Link(LinkProblem::Unknown))?;
    let c = find_client(&txn, row.client_id).await?;
    let actor = Actor::account(&staff, &origin.ip, &origin.user_agent);
    let event = Event::new(Action::ClientLoginAs, Some(target(&u)))
        .after(serde_json::json!({ "client": client_target(&c).label, "opened": true }));
    audit::record(&txn, now, &actor, event).await?;
    txn.commit().await?;
    Ok((u, row.client_id, (staff.id, staff.session_epoch)))
}

// Passwords.

/// Emails a password reset link to the address, if it belongs to an enabled user; says nothing
/// either way (the page always answers the same). Within two minutes of the last link, no new one.
pub async fn request_reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    settings: &Settings,
    now: DateTime<Utc>,
    origin: &Actor,
    email: &str,
) -> Result<(), DbErr> {
    let Some(u) = user_by_email(db, email).await? else {
        return Ok(());
    };
    if u.disabled_at.is_some() {
        return Ok(());
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let recent = user_password_reset::Entity::find()
        .filter(user_password_reset::Column::UserId.eq(u.id))
        .filter(
            user_password_reset::Column::CreatedAt
                .gt(now - Duration::minutes(RESET_RESEND_MINUTES)),
        )
        .one(&txn)
        .await?;
    if recent.is_some() {
        return Ok(());
    }
    // Only the newest link works.
    user_password_reset::Entity::update_many()
        .col_expr(user_password_reset::Column::UsedAt, Expr::value(now))
        .filter(user_password_reset::Column::UserId.eq(u.id))
        .filter(user_password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let token = SecretToken::generate();
    user_password_reset::ActiveModel {
        user_id: Set(u.id),
        token_hash: Set(token.hash()),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(RESET_MINUTES)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let link = format!(
        "{}/client/reset/{}",
        settings.server.public_url.trim_end_matches('/'),
        token.expose()
    );
    let lang = Lang::from_code(&u.language).unwrap_or_default();
    let message = super::mail::reset(lang, settings, &u, &link);
    crate::kernel::outbox::queue(&txn, now, message, None).await?;
    let actor = Actor::user(u.id, &name_of(&u), &origin.ip, &origin.user_agent);
    audit::record(
        &txn,
        now,
        &actor,
        Event::new(Action::UserPasswordResetSent, Some(target(&u))),
    )
    .await?;
    txn.commit().await
}

async fn reset_by_token(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    token: &str,
) -> Result<user_password_reset::Model, UserError> {
    let token = SecretToken::parse(token).ok_or(UserError::Link(LinkProblem::Unknown))?;
    let row = user_password_reset::Entity::find()
        .filter(user_password_reset::Column::TokenHash.eq(token.hash()))
        .one(db)
        .await?
        .ok_or(UserError::Link(LinkProblem::Unknown))?;
    if row.used_at.is_some() {
        Err(UserError::Link(LinkProblem::Used))
    } else if row.expires_at <= now {
        Err(UserError::Link(LinkProblem::Expired))
    } else {
        Ok(row)
    }
}

/// Whether a reset link works, and for which address. Looking changes nothing.
pub async fn lookup_reset(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    token: &str,
) -> Result<String, UserError> {
    let row = reset_by_token(db, now, token).await?;
    Ok(user_of(db, row.user_id).await?.email)
}

/// Sets a new password through a reset link, once: the link is used up, and every session of the
/// user ends (their epoch moves on).
pub async fn complete_reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    origin: &Actor,
    token: &str,
    password: &str,
    confirmation: &str,
) -> Result<user::Model, UserError> {
    let row = reset_by_token(db, now, token).await?;
    let password = NewPassword::parse_confirmed(password, confirmation)
        .map_err(|(f, e)| UserError::Invalid(f, e))?;
    let hash = hasher.hash(&password).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let done = user_password_reset::Entity::update_many()
        .col_expr(user_password_reset::Column::UsedAt, Expr::value(now))
        .filter(user_password_reset::Column::Id.eq(row.id))
        .filter(user_password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(UserError::Link(LinkProblem::Used));
    }
    let u = set_password(&txn, row.user_id, &hash).await?;
    let actor = Actor::user(u.id, &name_of(&u), &origin.ip, &origin.user_agent);
    audit::record(
        &txn,
        now,
        &actor,
        Event::new(Action::UserPasswordResetUsed, Some(target(&u))),
    )
    .await?;
    txn.commit().await?;
    Ok(u)
}

/// Stores a new password hash and ends every session of the user.
async fn set_password(
    txn: &impl ConnectionTrait,
    user_id: i32,
    hash: &PasswordHash,
) -> Result<user::Model, UserError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash.as_phc()))
        .col_expr(
            user::Column::SessionEpoch,
            Expr::col(user::Column::SessionEpoch).add(1),
        )
        .col_expr(
            user::Column::Version,
            Expr::col(user::Column::Version).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(txn)
        .await?;
    user_of(txn, user_id).await
}

/// The user changes their own password, proving the current one. Their other sessions end; the
/// caller renews this one in the new epoch.
#[allow(clippy::too_many_arguments)]
pub async fn change_password<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: i32,
    current: &str,
    password: &str,
    confirmation: &str,
) -> Result<user::Model, UserError> {
    let me = user_of(db, user_id).await?;
    let stored = PasswordHash::from_stored(me.password_hash.clone());
    if !hasher.verify(current, Some(&stored)).await? {
        return Err(UserError::WrongPassword);
    }
    let password = NewPassword::parse_confirmed(password, confirmation)
        .map_err(|(f, e)| UserError::Invalid(f, e))?;
    let hash = hasher.hash(&password).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let u = set_password(&txn, user_id, &hash).await?;
    let event = Event::new(Action::UserAccountUpdated, Some(target(&u)))
        .after(serde_json::json!({ "password": "changed" }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(u)
}

/// The user's own name and language.
pub async fn update_account<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: i32,
    first_name: &str,
    last_name: &str,
    language: &str,
) -> Result<(), UserError> {
    let first = PersonName::parse(first_name).map_err(|e| UserError::Invalid("first_name", e))?;
    let last = PersonName::parse(last_name).map_err(|e| UserError::Invalid("last_name", e))?;
    let lang = Lang::from_code(language.trim()).ok_or(UserError::Invalid(
        "language",
        ValidationError::UnknownChoice,
    ))?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let before = user_of(&txn, user_id).await?;
    user::Entity::update_many()
        .col_expr(user::Column::FirstName, Expr::value(first.as_str()))
        .col_expr(user::Column::LastName, Expr::value(last.as_str()))
        .col_expr(user::Column::Language, Expr::value(lang.code()))
        .col_expr(
            user::Column::Version,
            Expr::col(user::Column::Version).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    let event = Event::new(Action::UserAccountUpdated, Some(target(&before)))
        .before(serde_json::json!({ "first_name": before.first_name, "last_name": before.last_name, "language": before.language }))
        .after(serde_json::json!({ "first_name": first.as_str(), "last_name": last.as_str(), "language": lang.code() }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}
