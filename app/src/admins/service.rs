//! Changing administrators: edit, disable, enable and password resets. The organization never
//! loses its last active Full Administrator, nobody raises their own privileges, and nobody
//! changes an administrator who holds permissions they lack.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LockType, Query, QueryStatementBuilder};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend,
    DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr, TransactionSession,
    TransactionTrait,
};

use super::model::{AdminDetail, AdminUpdate, DepartmentChoice, ResetLookup, ResetProblem};
use crate::auth::service::{FULL_ADMINISTRATOR, end_sessions, role_permissions};
use crate::entities::{
    admin, admin_department, department, invitation, lower_eq, password_reset, role,
};
use crate::invitations::model::RoleOption;
use crate::invitations::service::InviteSettings;
use crate::kernel::CurrentAdmin;
use crate::kernel::Permission;
use crate::kernel::audit::Action;
use crate::kernel::audit::{Actor, Event, Target, record};
use crate::kernel::concurrency::{Expected, guarded};
use crate::kernel::credentials::NewPassword;
use crate::kernel::password::{HashError, Hasher};
use crate::kernel::token::SecretToken;
use crate::kernel::validation::ValidationError;

/// How long a set-password link works.
pub const RESET_VALIDITY: Duration = Duration::hours(24);

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("no such administrator")]
    NotFound,
    #[error("you cannot disable your own account")]
    OwnAccount,
    #[error("you cannot change your own role")]
    OwnRole,
    #[error("your own email changes only in My Account, with your password")]
    OwnEmail,
    #[error("the administrator was changed since the form was loaded")]
    ChangedMeanwhile,
    #[error("the last active Full Administrator cannot lose that role or be disabled")]
    LastFullAdministrator,
    #[error("the target holds {0:?}, which the actor lacks")]
    Superior(Permission),
    #[error("the actor cannot grant {0:?}")]
    NotYours(Permission),
    #[error("no such role")]
    UnknownRole,
    #[error("no such department")]
    UnknownDepartment,
    #[error("the email belongs to another administrator")]
    EmailTaken,
    #[error("the account is disabled")]
    Disabled,
    #[error(transparent)]
    Db(#[from] DbErr),
}

async fn full_role(db: &impl ConnectionTrait) -> Result<role::Model, DbErr> {
    role::Entity::find()
        .filter(role::Column::Key.eq(FULL_ADMINISTRATOR))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the Full Administrator role".into()))
}

/// Starts a transaction in which Full Administrator changes queue behind each other. Postgres: the
/// role row is locked. SQLite: `BEGIN IMMEDIATE` takes the database's single write lock.
async fn begin_guarded<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    full: &role::Model,
) -> Result<C::Transaction, DbErr> {
    let txn = crate::kernel::db::begin_write(db).await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        role::Entity::find_by_id(full.id)
            .lock(LockType::Update)
            .one(&txn)
            .await?;
    }
    Ok(txn)
}

/// True in an `admins` update when the target is not an active Full Administrator, or another
/// active one remains: counted in the same statement as the update.
fn another_full_administrator_remains(full_id: i32, target_id: i32) -> Condition {
    let others = Query::select()
        .expr(Expr::col(Alias::new("id")).count())
        .from_as(admin::Entity, Alias::new("other"))
        .and_where(Expr::col((Alias::new("other"), admin::Column::RoleId)).eq(full_id))
        .and_where(Expr::col((Alias::new("other"), admin::Column::DisabledAt)).is_null())
        .and_where(Expr::col((Alias::new("other"), admin::Column::Id)).ne(target_id))
        .to_owned();
    Condition::any()
        .add(admin::Column::RoleId.ne(full_id))
        .add(admin::Column::DisabledAt.is_not_null())
        .add(
            Expr::expr(Expr::SubQuery(
                None,
                Box::new(others.into_sub_query_statement()),
            ))
            .gt(0),
        )
}

/// The target, after checking the actor holds every permission the target's role has: nobody
/// changes, disables or resets an administrator more privileged than themselves.
pub(crate) async fn manageable(
    db: &impl ConnectionTrait,
    actor: &CurrentAdmin,
    target_id: i32,
) -> Result<admin::Model, StaffError> {
    let target = admin::Entity::find_by_id(target_id)
        .one(db)
        .await?
        .ok_or(StaffError::NotFound)?;
    if target.id != actor.id {
        let role = role::Entity::find_by_id(target.role_id)
            .one(db)
            .await?
            .ok_or(StaffError::UnknownRole)?;
        if let Some(p) = actor.lacks_any(&role_permissions(db, &role).await?) {
            return Err(StaffError::Superior(p));
        }
    }
    Ok(target)
}

/// A live role the actor may give: they hold every permission in it.
pub async fn grantable_role(
    db: &impl ConnectionTrait,
    actor: &CurrentAdmin,
    role_id: i32,
) -> Result<role::Model, StaffError> {
    let role = crate::roles::service::find_live(db, role_id)
        .await?
        .ok_or(StaffError::UnknownRole)?;
    if let Some(p) = actor.lacks_any(&role_permissions(db, &role).await?) {
        return Err(StaffError::NotYours(p));
    }
    Ok(role)
}

/// Live roles the actor may give, oldest first.
pub async fn grantable_roles(
    db: &impl ConnectionTrait,
    actor: &CurrentAdmin,
) -> Result<Vec<role::Model>, DbErr> {
    let mut out = Vec::new();
    for role in role::Entity::find()
        .filter(role::Column::DeletedAt.is_null())
        .order_by_asc(role::Column::Id)
        .all(db)
        .await?
    {
        if actor
            .lacks_any(&role_permissions(db, &role).await?)
            .is_none()
        {
            out.push(role);
        }
    }
    Ok(out)
}

/// What the Edit Administrator page shows.
pub async fn detail(
    db: &impl ConnectionTrait,
    actor: &CurrentAdmin,
    target_id: i32,
) -> Result<(AdminDetail, Option<StaffError>), StaffError> {
    let refusal = match manageable(db, actor, target_id).await {
        Ok(_) => None,
        Err(StaffError::Superior(p)) => Some(StaffError::Superior(p)),
        Err(e) => return Err(e),
    };
    let target = admin::Entity::find_by_id(target_id)
        .one(db)
        .await?
        .ok_or(StaffError::NotFound)?;
    let mut roles: Vec<RoleOption> = grantable_roles(db, actor)
        .await?
        .into_iter()
        .map(|r| RoleOption {
            id: r.id,
            name: r.name,
        })
        .collect();
    if !roles.iter().any(|r| r.id == target.role_id)
        && let Some(current) = role::Entity::find_by_id(target.role_id).one(db).await?
    {
        roles.insert(
            0,
            RoleOption {
                id: current.id,
                name: current.name,
            },
        );
    }
    let memberships = admin_department::Entity::find()
        .filter(admin_department::Column::AdminId.eq(target_id))
        .all(db)
        .await?;
    let departments = department::Entity::find()
        .order_by_asc(department::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|d| {
            let membership = memberships.iter().find(|m| m.department_id == d.id);
            // Hidden departments are shown only where the admin still belongs to them.
            (!d.hidden || membership.is_some()).then(|| DepartmentChoice {
                id: d.id,
                name: d.name,
                hidden: d.hidden,
                member: membership.is_some(),
                notify: membership.is_some_and(|m| m.notify),
            })
        })
        .collect();
    Ok((
        AdminDetail {
            id: target.id,
            version: target.version,
            username: target.username,
            first_name: target.first_name,
            last_name: target.last_name,
            email: target.email,
            role_id: target.role_id,
            disabled: target.disabled_at.is_some(),
            two_factor: crate::entities::two_factor::Entity::find_by_id(target.id)
                .one(db)
                .await?
                .is_some(),
            is_self: target.id == actor.id,
            roles,
            departments,
            locked_reason: None,
        },
        refusal,
    ))
}

/// Saves an administrator's name, email, role and departments in one transaction.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &CurrentAdmin,
    audit: &Actor,
    target_id: i32,
    input: AdminUpdate,
) -> Result<(), StaffError> {
    let target = manageable(db, actor, target_id).await?;
    let before = snapshot(db, &target).await?;
    if input.role_id != target.role_id {
        if target.id == actor.id {
            return Err(StaffError::OwnRole);
        }
        grantable_role(db, actor, input.role_id).await?;
    }
    let email = input.email.as_str().to_owned();
    let email_changes = !email.eq_ignore_ascii_case(&target.email);
    if email_changes && target.id == actor.id {
        // Else a stolen session could point the account at another mailbox and send itself a
        // set-password link: one's own email changes only where the password is asked.
        return Err(StaffError::OwnEmail);
    }
    let clash = admin::Entity::find()
        .filter(lower_eq(admin::Column::Email, &email))
        .filter(admin::Column::Id.ne(target_id))
        .one(db)
        .await?;
    if clash.is_some() {
        return Err(StaffError::EmailTaken);
    }
    for (department_id, _) in &input.departments {
        department::Entity::find_by_id(*department_id)
            .one(db)
            .await?
            .ok_or(StaffError::UnknownDepartment)?;
    }
    let full = full_role(db).await?;
    let txn = begin_guarded(db, &full).await?;
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
        .col_expr(admin::Column::RoleId, Expr::value(input.role_id))
        .filter(admin::Column::Id.eq(target_id));
    let mut change = guarded(change, admin::Column::Version, input.version);
    if input.role_id != full.id {
        change = change.filter(another_full_administrator_remains(full.id, target_id));
    }
    let updated = change.exec(&txn).await.map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StaffError::EmailTaken,
        _ => StaffError::Db(err),
    })?;
    if updated.rows_affected != 1 {
        let now_version = admin::Entity::find_by_id(target_id)
            .one(&txn)
            .await?
            .map(|a| a.version);
        return Err(match input.version.0 {
            Some(loaded) if now_version != Some(loaded) => StaffError::ChangedMeanwhile,
            _ => StaffError::LastFullAdministrator,
        });
    }
    admin_department::Entity::delete_many()
        .filter(admin_department::Column::AdminId.eq(target_id))
        .exec(&txn)
        .await?;
    for (department_id, notify) in input.departments {
        admin_department::ActiveModel {
            admin_id: Set(target_id),
            department_id: Set(department_id),
            notify: Set(notify),
        }
        .insert(&txn)
        .await?;
    }
    if email_changes {
        // A set-password link went to the old address; it must not outlive the change.
        crate::auth::service::revoke_reset_links(&txn, target_id, now).await?;
    }
    let saved = admin::Entity::find_by_id(target_id)
        .one(&txn)
        .await?
        .ok_or(StaffError::NotFound)?;
    let event = Event::new(Action::AdminUpdated, Some(Target::admin(&saved)))
        .before(before)
        .after(snapshot(&txn, &saved).await?);
    record(&txn, now, audit, event).await?;
    txn.commit().await?;
    Ok(())
}

/// What an admin edit can change, for the audit trail.
async fn snapshot(db: &impl ConnectionTrait, a: &admin::Model) -> Result<serde_json::Value, DbErr> {
    let role = role::Entity::find_by_id(a.role_id)
        .one(db)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let mut departments: Vec<(i32, bool)> = admin_department::Entity::find()
        .filter(admin_department::Column::AdminId.eq(a.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.department_id, m.notify))
        .collect();
    departments.sort_unstable();
    Ok(serde_json::json!({
        "first_name": a.first_name,
        "last_name": a.last_name,
        "email": a.email,
        "role": role,
        "departments": departments
            .iter()
            .map(|(id, notify)| serde_json::json!({ "id": id, "notify": notify }))
            .collect::<Vec<_>>(),
    }))
}

/// Disables an admin and ends all their sessions, in one transaction. Concurrent calls are
/// serialized, so two admins disabling each other cannot leave no Full Administrator.
pub async fn disable<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &CurrentAdmin,
    audit: &Actor,
    target_id: i32,
) -> Result<(), StaffError> {
    if actor.id == target_id {
        return Err(StaffError::OwnAccount);
    }
    let target = manageable(db, actor, target_id).await?;
    if target.disabled_at.is_some() {
        return Ok(());
    }
    let full = full_role(db).await?;
    let txn = begin_guarded(db, &full).await?;
    let disable = admin::Entity::update_many()
        .col_expr(admin::Column::DisabledAt, Expr::value(now))
        .filter(admin::Column::Id.eq(target_id));
    let updated = guarded(disable, admin::Column::Version, Expected(None))
        .filter(admin::Column::DisabledAt.is_null())
        .filter(another_full_administrator_remains(full.id, target_id))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        let current = admin::Entity::find_by_id(target_id)
            .one(&txn)
            .await?
            .ok_or(StaffError::NotFound)?;
        return match current.disabled_at {
            // Disabled meanwhile: nothing to do, and its sessions are already gone.
            Some(_) => Ok(()),
            None => Err(StaffError::LastFullAdministrator),
        };
    }
    let ended = end_sessions(&txn, target_id, None).await?;
    // What a disabled admin started stops too: invitations they sent no longer open an account.
    let cancelled = invitation::Entity::update_many()
        .col_expr(invitation::Column::CancelledAt, Expr::value(now))
        .filter(invitation::Column::InvitedBy.eq(target_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::CancelledAt.is_null())
        .filter(invitation::Column::SupersededAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    let event = Event::new(Action::AdminDisabled, Some(Target::admin(&target)))
        .after(serde_json::json!({ "sessions_ended": ended, "invitations_cancelled": cancelled }));
    record(&txn, now, audit, event).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn enable<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &CurrentAdmin,
    audit: &Actor,
    target_id: i32,
) -> Result<(), StaffError> {
    let target = manageable(db, actor, target_id).await?;
    if target.disabled_at.is_some() {
        let txn = crate::kernel::db::begin_write(db).await?;
        let enable = admin::Entity::update_many()
            .col_expr(
                admin::Column::DisabledAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(admin::Column::Id.eq(target_id));
        let changed = guarded(enable, admin::Column::Version, Expected(None))
            .filter(admin::Column::DisabledAt.is_not_null())
            .exec(&txn)
            .await?;
        if changed.rows_affected == 1 {
            // A set-password link sent before the account was disabled does not outlive it.
            crate::auth::service::revoke_reset_links(&txn, target_id, now).await?;
            let event = Event::new(Action::AdminEnabled, Some(Target::admin(&target)));
            record(&txn, now, audit, event).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

pub fn reset_link(public_url: &str, token: &SecretToken) -> String {
    format!(
        "{}/reset/{}",
        public_url.trim_end_matches('/'),
        token.expose()
    )
}

/// Sends the admin a single-use set-password link valid for 24 hours; earlier links stop working.
/// The current password keeps working until the new one is set.
pub async fn send_reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    settings: &InviteSettings,
    actor: &CurrentAdmin,
    audit: &Actor,
    target_id: i32,
) -> Result<SecretToken, StaffError> {
    let target = manageable(db, actor, target_id).await?;
    if target.disabled_at.is_some() {
        return Err(StaffError::Disabled);
    }
    let token = SecretToken::generate();
    let expires_at = now + RESET_VALIDITY;
    let txn = crate::kernel::db::begin_write(db).await?;
    // Read again inside the transaction, the row locked on PostgreSQL (SQLite's write lock is held
    // already): an email change committed meanwhile, which revokes links, must not be followed by
    // a fresh link to the old address.
    let mut current = admin::Entity::find_by_id(target_id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        current = current.lock(LockType::Update);
    }
    let target = current
        .one(&txn)
        .await?
        .filter(|t| t.disabled_at.is_none())
        .ok_or(StaffError::Disabled)?;
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::SupersededAt, Expr::value(now))
        .filter(password_reset::Column::AdminId.eq(target_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::SupersededAt.is_null())
        .exec(&txn)
        .await?;
    password_reset::ActiveModel {
        admin_id: Set(target_id),
        token_hash: Set(token.hash()),
        requested_by: Set(actor.id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        superseded_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let message = super::mail::compose(&super::mail::ResetMail {
        to: &target.email,
        lang: crate::kernel::i18n::Lang::from_code(&target.language).unwrap_or_default(),
        organization: &settings.organization,
        requested_by: &actor.display_name(),
        first_name: &target.first_name,
        username: &target.username,
        link: &reset_link(&settings.public_url, &token),
        expires_at,
    });
    crate::kernel::outbox::queue(&txn, now, message, None).await?;
    let event = Event::new(Action::PasswordResetSent, Some(Target::admin(&target)))
        .after(serde_json::json!({ "expires_at": expires_at }));
    record(&txn, now, audit, event).await?;
    txn.commit().await?;
    Ok(token)
}

async fn reset_by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<password_reset::Model>, DbErr> {
    let Some(token) = SecretToken::parse(token) else {
        return Ok(None);
    };
    password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token.hash()))
        .one(db)
        .await
}

fn reset_problem(reset: &password_reset::Model, now: DateTime<Utc>) -> Option<ResetProblem> {
    if reset.used_at.is_some() {
        Some(ResetProblem::Used)
    } else if reset.superseded_at.is_some() {
        Some(ResetProblem::Superseded)
    } else if reset.expires_at <= now {
        Some(ResetProblem::Expired)
    } else {
        None
    }
}

/// What `/reset/{token}` shows.
pub async fn lookup_reset(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    token: &str,
) -> Result<ResetLookup, DbErr> {
    let Some(reset) = reset_by_token(db, token).await? else {
        return Ok(ResetLookup::Problem(ResetProblem::NotFound));
    };
    if let Some(problem) = reset_problem(&reset, now) {
        return Ok(ResetLookup::Problem(problem));
    }
    let Some(target) = admin::Entity::find_by_id(reset.admin_id).one(db).await? else {
        return Ok(ResetLookup::Problem(ResetProblem::NotFound));
    };
    if target.disabled_at.is_some() {
        return Ok(ResetLookup::Problem(ResetProblem::AccountDisabled));
    }
    Ok(ResetLookup::Valid {
        full_name: format!("{} {}", target.first_name, target.last_name),
        username: target.username,
        expires_at: crate::kernel::time::when(reset.expires_at),
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ResetError {
    #[error("the link cannot be used: {0:?}")]
    Link(ResetProblem),
    #[error("invalid {0}: {1}")]
    Invalid(&'static str, ValidationError),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Sets the new password, uses up the link and ends every session of the admin, in one transaction.
pub async fn complete_reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    now: DateTime<Utc>,
    origin: &Actor,
    token: &str,
    password: &str,
    password_confirmation: &str,
) -> Result<admin::Model, ResetError> {
    let reset = reset_by_token(db, token)
        .await?
        .ok_or(ResetError::Link(ResetProblem::NotFound))?;
    if let Some(problem) = reset_problem(&reset, now) {
        return Err(ResetError::Link(problem));
    }
    let password = NewPassword::parse_confirmed(password, password_confirmation)
        .map_err(|(f, e)| ResetError::Invalid(f, e))?;
    let hash = hasher.hash(&password).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let consumed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::SupersededAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if consumed.rows_affected != 1 {
        drop(txn);
        let current = password_reset::Entity::find_by_id(reset.id).one(db).await?;
        let problem = current
            .as_ref()
            .and_then(|c| reset_problem(c, now))
            .unwrap_or(ResetProblem::Used);
        return Err(ResetError::Link(problem));
    }
    let changed = admin::Entity::update_many()
        .col_expr(admin::Column::PasswordHash, Expr::value(hash.as_phc()))
        .filter(admin::Column::Id.eq(reset.admin_id))
        .filter(admin::Column::DisabledAt.is_null())
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(ResetError::Link(ResetProblem::AccountDisabled));
    }
    let ended = end_sessions(&txn, reset.admin_id, None).await?;
    let admin = admin::Entity::find_by_id(reset.admin_id)
        .one(&txn)
        .await?
        .ok_or(ResetError::Link(ResetProblem::NotFound))?;
    let event = Event::new(Action::PasswordResetUsed, Some(Target::admin(&admin)))
        .after(serde_json::json!({ "sessions_ended": ended }));
    let actor = Actor::account(&admin, &origin.ip, &origin.user_agent);
    record(&txn, now, &actor, event).await?;
    txn.commit().await?;
    Ok(admin)
}
