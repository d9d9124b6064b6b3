//! Invitations over SeaORM: send, resend, cancel, look up and accept. Every time is passed in.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr, TransactionSession,
    TransactionTrait,
};

use super::mail;
use super::model::{AcceptView, InvitationLookup, LinkProblem, NewInvitation};
use crate::auth::service::AdminRow;
use crate::entities::{
    admin, admin_department, department, invitation, invitation_department, lower_eq, role,
};
use crate::kernel::audit::Action;
use crate::kernel::audit::{Actor, Event, Target, record};
use crate::kernel::credentials::{NewPassword, Username};
use crate::kernel::password::{HashError, Hasher};
use crate::kernel::token::SecretToken;
use crate::kernel::validation::ValidationError;

/// What building a link and an email needs from the settings.
#[derive(Debug, Clone)]
pub struct InviteSettings {
    pub public_url: String,
    pub organization: String,
    pub validity_days: u32,
    pub language: String,
}

impl InviteSettings {
    pub fn from_settings(settings: &crate::kernel::settings::Settings) -> Self {
        Self {
            public_url: settings.server.public_url.clone(),
            organization: settings.organization.name.clone(),
            validity_days: settings.invitations.validity_days,
            language: settings.organization.language.clone(),
        }
    }
}

/// Who is inviting: an admin, or the server itself (first start, CLI).
#[derive(Debug, Clone)]
pub struct Inviter {
    pub admin_id: Option<i32>,
    pub name: Option<String>,
    /// Where the inviting request came from, for the audit trail.
    pub ip: String,
    pub user_agent: String,
}

impl Inviter {
    /// The server itself (first start) or the command line.
    pub const SYSTEM: Inviter = Inviter {
        admin_id: None,
        name: None,
        ip: String::new(),
        user_agent: String::new(),
    };

    fn actor(&self) -> Actor {
        match (self.admin_id, &self.name) {
            (Some(id), Some(name)) => Actor {
                kind: crate::kernel::audit::ActorKind::Staff,
                id: Some(id),
                name: name.clone(),
                ip: self.ip.clone(),
                user_agent: self.user_agent.clone(),
            },
            _ => Actor::system(),
        }
    }
}

fn invitation_target(inv: &invitation::Model) -> Target {
    Target::new("invitation", inv.id, inv.email.clone())
}

fn invitation_snapshot(inv: &invitation::Model, role: &str) -> serde_json::Value {
    serde_json::json!({
        "email": inv.email,
        "first_name": inv.first_name,
        "last_name": inv.last_name,
        "username": inv.username,
        "role": role,
        "language": inv.language,
        "expires_at": inv.expires_at,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("an administrator already uses this email")]
    EmailIsAdmin,
    #[error("a pending invitation already exists for this email")]
    PendingExists { invitation_id: i32 },
    #[error("the username is already taken")]
    UsernameTaken,
    #[error("unknown role")]
    UnknownRole,
    #[error("unknown department {0}")]
    UnknownDepartment(i32),
    #[error("the invitation cannot be resent or cancelled: it was {0}")]
    NotPending(NotPending),
    #[error("no such invitation")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Why an invitation can no longer be resent or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotPending {
    #[error("accepted")]
    Accepted,
    #[error("cancelled")]
    Cancelled,
    #[error("replaced by a newer invitation")]
    Replaced,
    #[error("changed by someone else meanwhile")]
    ChangedMeanwhile,
    /// Found closed without saying how (cancelled and replaced look alike there).
    #[error("already cancelled or replaced")]
    CancelledOrReplaced,
}

/// Not accepted, cancelled or replaced: the invitation is pending (or merely expired).
pub fn open() -> Condition {
    Condition::all()
        .add(invitation::Column::AcceptedAt.is_null())
        .add(invitation::Column::CancelledAt.is_null())
        .add(invitation::Column::SupersededAt.is_null())
}

pub fn accept_link(public_url: &str, token: &SecretToken) -> String {
    format!(
        "{}/invite/{}",
        public_url.trim_end_matches('/'),
        token.expose()
    )
}

/// Creates the invitation and queues its email in one transaction. Returns the token for the link.
pub async fn send<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    settings: &InviteSettings,
    inviter: &Inviter,
    input: NewInvitation,
) -> Result<(invitation::Model, SecretToken), InviteError> {
    let email = input.email.as_str().to_owned();
    if admin::Entity::find()
        .filter(lower_eq(admin::Column::Email, &email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(InviteError::EmailIsAdmin);
    }
    let open = invitation::Entity::find()
        .filter(lower_eq(invitation::Column::Email, &email))
        .filter(open())
        .one(db)
        .await?;
    if let Some(open) = open {
        return Err(InviteError::PendingExists {
            invitation_id: open.id,
        });
    }
    if let Some(username) = &input.username {
        ensure_username_free(db, username.as_str()).await?;
    }
    let role = crate::roles::service::find_live(db, input.role_id)
        .await?
        .ok_or(InviteError::UnknownRole)?;
    for (department_id, _) in &input.departments {
        department::Entity::find_by_id(*department_id)
            .one(db)
            .await?
            .ok_or(InviteError::UnknownDepartment(*department_id))?;
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let inserted = insert_with_mail(
        &txn,
        now,
        settings,
        inviter,
        &role,
        Draft {
            email: email.clone(),
            first_name: input.first_name.as_str().to_owned(),
            last_name: input.last_name.as_str().to_owned(),
            username: input.username.map(|u| u.as_str().to_owned()),
            language: input
                .language
                .map_or_else(|| settings.language.clone(), |l| l.code().to_owned()),
            departments: input.departments,
        },
    )
    .await;
    let created = match inserted {
        // Another invitation for this address was sent at the same moment: the one-open-per-email
        // index turned this one away.
        Err(InviteError::Db(err))
            if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) =>
        {
            drop(txn);
            let pending = invitation::Entity::find()
                .filter(lower_eq(invitation::Column::Email, &email))
                .filter(self::open())
                .one(db)
                .await?;
            return Err(match pending {
                Some(pending) => InviteError::PendingExists {
                    invitation_id: pending.id,
                },
                None => InviteError::Db(err),
            });
        }
        other => other?,
    };
    let event = Event::new(Action::InvitationSent, Some(invitation_target(&created.0)))
        .after(invitation_snapshot(&created.0, &role.name));
    record(&txn, now, &inviter.actor(), event).await?;
    txn.commit().await?;
    Ok(created)
}

async fn ensure_username_free(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<(), InviteError> {
    if admin::Entity::find()
        .filter(lower_eq(admin::Column::Username, username))
        .one(db)
        .await?
        .is_some()
    {
        return Err(InviteError::UsernameTaken);
    }
    Ok(())
}

struct Draft {
    email: String,
    first_name: String,
    last_name: String,
    username: Option<String>,
    language: String,
    departments: Vec<(i32, bool)>,
}

async fn insert_with_mail(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    settings: &InviteSettings,
    inviter: &Inviter,
    role: &role::Model,
    draft: Draft,
) -> Result<(invitation::Model, SecretToken), InviteError> {
    let token = SecretToken::generate();
    let expires_at = now + Duration::days(i64::from(settings.validity_days));
    let row = invitation::ActiveModel {
        email: Set(draft.email.clone()),
        first_name: Set(draft.first_name.clone()),
        last_name: Set(draft.last_name),
        username: Set(draft.username),
        role_id: Set(role.id),
        language: Set(draft.language.clone()),
        token_hash: Set(token.hash()),
        invited_by: Set(inviter.admin_id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        accepted_at: Set(None),
        cancelled_at: Set(None),
        superseded_at: Set(None),
        admin_id: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for (department_id, notify) in draft.departments {
        invitation_department::ActiveModel {
            invitation_id: Set(row.id),
            department_id: Set(department_id),
            notify: Set(notify),
        }
        .insert(txn)
        .await?;
    }
    let link = accept_link(&settings.public_url, &token);
    let message = mail::compose(
        crate::kernel::i18n::Lang::from_code(&draft.language).unwrap_or_default(),
        &settings.organization,
        inviter.name.as_deref(),
        &draft.first_name,
        &role.name,
        &link,
        expires_at,
    );
    crate::kernel::outbox::queue(
        txn,
        now,
        crate::kernel::outbox::Message {
            headers: Vec::new(),
            to: draft.email,
            subject: message.subject,
            text: message.text,
            html: message.html,
        },
        Some(row.id),
    )
    .await?;
    Ok((row, token))
}

/// The role an invitation would give, if the invitation exists.
pub async fn role_of(
    db: &impl ConnectionTrait,
    invitation_id: i32,
) -> Result<Option<role::Model>, DbErr> {
    let Some(inv) = invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    role::Entity::find_by_id(inv.role_id).one(db).await
}

/// Issues a new link for a pending or expired invitation; the old link stops working.
pub async fn resend<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    settings: &InviteSettings,
    inviter: &Inviter,
    invitation_id: i32,
) -> Result<(invitation::Model, SecretToken), InviteError> {
    let old = invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
        .ok_or(InviteError::NotFound)?;
    if old.accepted_at.is_some() {
        return Err(InviteError::NotPending(NotPending::Accepted));
    }
    if old.cancelled_at.is_some() {
        return Err(InviteError::NotPending(NotPending::Cancelled));
    }
    if old.superseded_at.is_some() {
        return Err(InviteError::NotPending(NotPending::Replaced));
    }
    let role = role::Entity::find_by_id(old.role_id)
        .one(db)
        .await?
        .ok_or(InviteError::UnknownRole)?;
    let departments = invitation_department::Entity::find()
        .filter(invitation_department::Column::InvitationId.eq(old.id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.department_id, d.notify))
        .collect();
    let txn = crate::kernel::db::begin_write(db).await?;
    let superseded = invitation::Entity::update_many()
        .col_expr(invitation::Column::SupersededAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(old.id))
        .filter(open())
        .exec(&txn)
        .await?;
    if superseded.rows_affected != 1 {
        return Err(InviteError::NotPending(NotPending::ChangedMeanwhile));
    }
    let created = insert_with_mail(
        &txn,
        now,
        settings,
        inviter,
        &role,
        Draft {
            email: old.email,
            first_name: old.first_name,
            last_name: old.last_name,
            username: old.username,
            language: old.language,
            departments,
        },
    )
    .await?;
    let event = Event::new(
        Action::InvitationResent,
        Some(invitation_target(&created.0)),
    )
    .before(serde_json::json!({ "invitation": old.id }))
    .after(invitation_snapshot(&created.0, &role.name));
    record(&txn, now, &inviter.actor(), event).await?;
    txn.commit().await?;
    Ok(created)
}

/// Revokes a pending invitation: its link stops working at once.
pub async fn cancel<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    invitation_id: i32,
) -> Result<(), InviteError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let result = invitation::Entity::update_many()
        .col_expr(invitation::Column::CancelledAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(invitation_id))
        .filter(open())
        .exec(&txn)
        .await?;
    if result.rows_affected == 1 {
        let inv = invitation::Entity::find_by_id(invitation_id)
            .one(&txn)
            .await?
            .ok_or(InviteError::NotFound)?;
        let event = Event::new(Action::InvitationCancelled, Some(invitation_target(&inv)));
        record(&txn, now, actor, event).await?;
        txn.commit().await?;
        return Ok(());
    }
    drop(txn);
    match invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
    {
        None => Err(InviteError::NotFound),
        Some(inv) if inv.accepted_at.is_some() => {
            Err(InviteError::NotPending(NotPending::Accepted))
        }
        Some(_) => Err(InviteError::NotPending(NotPending::CancelledOrReplaced)),
    }
}

async fn by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<invitation::Model>, DbErr> {
    let Some(token) = SecretToken::parse(token) else {
        return Ok(None);
    };
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token.hash()))
        .one(db)
        .await
}

fn problem_of(inv: &invitation::Model, now: DateTime<Utc>) -> Option<LinkProblem> {
    if inv.accepted_at.is_some() {
        Some(LinkProblem::Used)
    } else if inv.cancelled_at.is_some() {
        Some(LinkProblem::Cancelled)
    } else if inv.superseded_at.is_some() {
        Some(LinkProblem::Superseded)
    } else if inv.expires_at <= now {
        Some(LinkProblem::Expired)
    } else {
        None
    }
}

async fn contact_of(
    db: &impl ConnectionTrait,
    inv: &invitation::Model,
) -> Result<Option<(String, String)>, DbErr> {
    let Some(id) = inv.invited_by else {
        return Ok(None);
    };
    Ok(admin::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|a| (format!("{} {}", a.first_name, a.last_name), a.email)))
}

/// What `/invite/{token}` shows. Reads only: a GET never consumes a token.
pub async fn lookup(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    organization: &str,
    token: &str,
) -> Result<InvitationLookup, DbErr> {
    let Some(inv) = by_token(db, token).await? else {
        return Ok(InvitationLookup::Problem {
            problem: LinkProblem::NotFound,
            contact: None,
        });
    };
    if let Some(problem) = problem_of(&inv, now) {
        return Ok(InvitationLookup::Problem {
            problem,
            contact: contact_of(db, &inv).await?,
        });
    }
    let role = role::Entity::find_by_id(inv.role_id)
        .one(db)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    Ok(InvitationLookup::Valid(AcceptView {
        full_name: format!("{} {}", inv.first_name, inv.last_name),
        email: inv.email,
        role,
        preset_username: inv.username,
        expires_at: crate::kernel::time::when(inv.expires_at),
        organization: organization.to_owned(),
    }))
}

#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("{0:?}")]
    Link(LinkProblem, Option<(String, String)>),
    #[error("invalid {0}: {1}")]
    Invalid(&'static str, ValidationError),
    #[error("the username is already taken")]
    UsernameTaken,
    #[error("an administrator already uses this email")]
    EmailIsAdmin,
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Creates the account: validates everything first, then in one transaction consumes the token
/// (a conditional update that exactly one accept can win), creates the admin and their departments.
/// What the invitee typed on Accept Invitation.
#[derive(Clone, Copy)]
pub struct Credentials<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub confirmation: &'a str,
}

pub async fn accept<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    origin: &Actor,
    token: &str,
    form: &Credentials<'_>,
) -> Result<admin::Model, AcceptError> {
    let Credentials {
        username,
        password,
        confirmation: password_confirmation,
    } = *form;
    let Some(inv) = by_token(db, token).await? else {
        return Err(AcceptError::Link(LinkProblem::NotFound, None));
    };
    if let Some(problem) = problem_of(&inv, now) {
        return Err(AcceptError::Link(problem, contact_of(db, &inv).await?));
    }
    // A username set by the inviter wins over whatever the form sent.
    let username = match &inv.username {
        Some(preset) => Username::parse(preset),
        None => Username::parse(username),
    }
    .map_err(|e| AcceptError::Invalid("username", e))?;
    let password = NewPassword::parse_confirmed(password, password_confirmation)
        .map_err(|(f, e)| AcceptError::Invalid(f, e))?;
    if admin::Entity::find()
        .filter(lower_eq(admin::Column::Username, username.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AcceptError::UsernameTaken);
    }
    let hash = hasher.hash(&password).await?;

    let txn = crate::kernel::db::begin_write(db).await?;
    let consumed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(inv.id))
        .filter(open())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if consumed.rows_affected != 1 {
        drop(txn);
        let current = invitation::Entity::find_by_id(inv.id).one(db).await?;
        let problem = current
            .as_ref()
            .and_then(|c| problem_of(c, now))
            .unwrap_or(LinkProblem::Used);
        return Err(AcceptError::Link(problem, contact_of(db, &inv).await?));
    }
    if admin::Entity::find()
        .filter(lower_eq(admin::Column::Email, &inv.email))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(AcceptError::EmailIsAdmin);
    }
    let created = AdminRow {
        username: username.as_str(),
        first_name: &inv.first_name,
        last_name: &inv.last_name,
        email: &inv.email,
        role_id: inv.role_id,
        language: &inv.language,
    }
    .into_active_model(&hash, now)
    .insert(&txn)
    .await
    .map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AcceptError::UsernameTaken,
        _ => AcceptError::Db(err),
    })?;
    invitation::Entity::update_many()
        .col_expr(invitation::Column::AdminId, Expr::value(created.id))
        .filter(invitation::Column::Id.eq(inv.id))
        .exec(&txn)
        .await?;
    let departments = invitation_department::Entity::find()
        .filter(invitation_department::Column::InvitationId.eq(inv.id))
        .all(&txn)
        .await?;
    for d in departments {
        admin_department::ActiveModel {
            admin_id: Set(created.id),
            department_id: Set(d.department_id),
            notify: Set(d.notify),
        }
        .insert(&txn)
        .await?;
    }
    let actor = Actor::account(&created, &origin.ip, &origin.user_agent);
    let role = role::Entity::find_by_id(created.role_id)
        .one(&txn)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    record(
        &txn,
        now,
        &actor,
        Event::new(Action::InvitationAccepted, Some(invitation_target(&inv))),
    )
    .await?;
    let event = Event::new(Action::AdminCreated, Some(Target::admin(&created))).after(
        serde_json::json!({ "username": created.username, "email": created.email, "role": role }),
    );
    record(&txn, now, &actor, event).await?;
    txn.commit().await?;
    Ok(created)
}

/// Records each invitation that has expired unaccepted, once. Run periodically by the server.
pub async fn record_expired_invitations<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let due = invitation::Entity::find()
        .filter(open())
        .filter(invitation::Column::ExpiresAt.lte(now))
        .filter(invitation::Column::ExpiryRecordedAt.is_null())
        .order_by_asc(invitation::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let mut recorded = 0;
    for inv in due {
        let txn = crate::kernel::db::begin_write(db).await?;
        // Conditional, so two nodes running the job record each expiry once.
        let claimed = invitation::Entity::update_many()
            .col_expr(invitation::Column::ExpiryRecordedAt, Expr::value(now))
            .filter(invitation::Column::Id.eq(inv.id))
            .filter(invitation::Column::ExpiryRecordedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 1 {
            record(
                &txn,
                now,
                &Actor::system(),
                Event::new(
                    Action::InvitationExpired,
                    Some(Target::new("invitation", inv.id, inv.email.clone())),
                )
                .after(serde_json::json!({ "expired_at": inv.expires_at })),
            )
            .await?;
            recorded += 1;
        }
        txn.commit().await?;
    }
    Ok(recorded)
}
