//! Role storage and the rules that keep roles safe: Full Administrator is fixed, a role in use is
//! never deleted, and nobody grants a permission they do not hold or edits the role they hold.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, SqlErr, TransactionSession,
    TransactionTrait,
};

use super::model::{RoleDraft, RoleInput, RoleSummary};
use crate::auth::service::{FULL_ADMINISTRATOR, role_permissions};
use crate::entities::{admin, invitation, lower_eq, role, role_permission};
use crate::kernel::CurrentAdmin;
use crate::kernel::Permission;
use crate::kernel::audit::Action;
use crate::kernel::audit::Actor;
use crate::kernel::audit::Event;
use crate::kernel::audit::Target;
use crate::kernel::concurrency::{Expected, guarded};

#[derive(Debug, thiserror::Error)]
pub enum RoleError {
    #[error("no such role")]
    NotFound,
    #[error("a role named {0:?} already exists")]
    NameTaken(String),
    #[error("Full Administrator cannot be changed")]
    FullAdministratorLocked,
    #[error("built-in roles keep their names")]
    BuiltInName,
    #[error("built-in roles cannot be deleted")]
    BuiltInDelete,
    #[error("the actor holds this role")]
    OwnRole,
    #[error("the actor does not hold {0:?}")]
    NotYours(Permission),
    #[error("the role was changed since the form was loaded")]
    ChangedMeanwhile,
    #[error("the role is used by {admins} admins and {invitations} invitations")]
    InUse { admins: u64, invitations: u64 },
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub fn is_full(role: &role::Model) -> bool {
    role.key.as_deref() == Some(FULL_ADMINISTRATOR)
}

/// A role that exists and is not deleted.
pub async fn find_live(db: &impl ConnectionTrait, id: i32) -> Result<Option<role::Model>, DbErr> {
    role::Entity::find_by_id(id)
        .filter(role::Column::DeletedAt.is_null())
        .one(db)
        .await
}

async fn admin_counts(db: &impl ConnectionTrait) -> Result<HashMap<i32, u64>, DbErr> {
    let rows: Vec<(i32, i64)> = admin::Entity::find()
        .select_only()
        .column(admin::Column::RoleId)
        .column_as(admin::Column::Id.count(), "n")
        .group_by(admin::Column::RoleId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(role, n)| (role, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Live roles: Full Administrator first, then the other built-in roles, then custom ones by name.
/// Three queries however many roles there are.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<RoleSummary>, DbErr> {
    let counts = admin_counts(db).await?;
    let roles = role::Entity::find()
        .filter(role::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let mut granted: HashMap<i32, Vec<Permission>> = HashMap::new();
    for row in role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.is_in(roles.iter().map(|r| r.id)))
        .all(db)
        .await?
    {
        if let Some(p) = Permission::from_key(&row.permission) {
            granted.entry(row.role_id).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for r in roles {
        let full = is_full(&r);
        // Full Administrator holds every permission, including ones added after its rows were written.
        let mut permissions = if full {
            Permission::ALL.to_vec()
        } else {
            granted.remove(&r.id).unwrap_or_default()
        };
        permissions.sort();
        out.push(RoleSummary {
            id: r.id,
            full,
            built_in: r.built_in,
            admin_count: counts.get(&r.id).copied().unwrap_or(0),
            permissions,
            requires_two_factor: r.requires_two_factor,
            name: r.name,
        });
    }
    out.sort_by_key(|r| (!r.full, !r.built_in, r.name.to_lowercase()));
    Ok(out)
}

/// Why `actor` may not edit `role`, if they may not.
fn edit_refusal(actor: &CurrentAdmin, role: &role::Model) -> Option<RoleError> {
    if is_full(role) {
        Some(RoleError::FullAdministratorLocked)
    } else if actor.role_id == role.id {
        Some(RoleError::OwnRole)
    } else {
        None
    }
}

/// The editor's starting point for an existing role.
pub async fn draft(
    db: &impl ConnectionTrait,
    actor: &CurrentAdmin,
    id: i32,
) -> Result<(RoleDraft, Option<RoleError>), RoleError> {
    let role = find_live(db, id).await?.ok_or(RoleError::NotFound)?;
    let admin_count = admin::Entity::find()
        .filter(admin::Column::RoleId.eq(id))
        .count(db)
        .await?;
    let refusal = edit_refusal(actor, &role);
    Ok((
        RoleDraft {
            id: Some(role.id),
            name_locked: role.built_in,
            permissions: role_permissions(db, &role).await?,
            reports: crate::auth::service::role_reports(db, &role).await?,
            name: role.name,
            admin_count,
            locked_reason: None,
            version: role.version,
        },
        refusal,
    ))
}

/// The editor's starting point for a copy of an existing role.
pub async fn copy_of(db: &impl ConnectionTrait, id: i32) -> Result<RoleDraft, RoleError> {
    let role = find_live(db, id).await?.ok_or(RoleError::NotFound)?;
    let mut name =
        crate::kernel::i18n::t_args("roles-copy-of", &[("name", role.name.clone().into())]);
    if name.chars().count() > super::model::RoleName::MAX_CHARS {
        name = name
            .chars()
            .take(super::model::RoleName::MAX_CHARS)
            .collect();
    }
    Ok(RoleDraft {
        id: None,
        name,
        name_locked: false,
        permissions: role_permissions(db, &role).await?,
        reports: crate::auth::service::role_reports(db, &role).await?,
        admin_count: 0,
        locked_reason: None,
        version: 0,
    })
}

async fn ensure_name_free(
    db: &impl ConnectionTrait,
    name: &str,
    except: Option<i32>,
) -> Result<(), RoleError> {
    let mut query = role::Entity::find().filter(lower_eq(role::Column::Name, name));
    if let Some(id) = except {
        query = query.filter(role::Column::Id.ne(id));
    }
    match query.one(db).await? {
        Some(_) => Err(RoleError::NameTaken(name.to_owned())),
        None => Ok(()),
    }
}

fn name_taken(name: &str) -> impl FnOnce(DbErr) -> RoleError + '_ {
    move |err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => RoleError::NameTaken(name.to_owned()),
        _ => RoleError::Db(err),
    }
}

async fn write_permissions(
    txn: &impl ConnectionTrait,
    role_id: i32,
    permissions: &[Permission],
) -> Result<(), DbErr> {
    role_permission::Entity::delete_many()
        .filter(role_permission::Column::RoleId.eq(role_id))
        .exec(txn)
        .await?;
    for p in permissions {
        role_permission::ActiveModel {
            role_id: Set(role_id),
            permission: Set(p.key().to_owned()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// A role's report access: all reports (None), or the listed ones.
async fn write_reports(
    txn: &impl ConnectionTrait,
    role_id: i32,
    reports: Option<&[String]>,
) -> Result<(), DbErr> {
    use crate::entities::role_report;
    role_report::Entity::delete_many()
        .filter(role_report::Column::RoleId.eq(role_id))
        .exec(txn)
        .await?;
    role::Entity::update_many()
        .col_expr(role::Column::AllReports, Expr::value(reports.is_none()))
        .filter(role::Column::Id.eq(role_id))
        .exec(txn)
        .await?;
    for key in reports.unwrap_or_default() {
        role_report::ActiveModel {
            role_id: Set(role_id),
            report: Set(key.clone()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Creates a custom role, or saves an existing one, with its permissions, in one transaction.
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &CurrentAdmin,
    audit: &Actor,
    id: Option<i32>,
    input: RoleInput,
    version: Expected,
) -> Result<role::Model, RoleError> {
    let name = input.name.as_str().to_owned();
    let (existing, before) = match id {
        Some(id) => {
            let role = find_live(db, id).await?.ok_or(RoleError::NotFound)?;
            if let Some(refusal) = edit_refusal(actor, &role) {
                return Err(refusal);
            }
            if role.built_in && role.name != name {
                return Err(RoleError::BuiltInName);
            }
            let before = role_permissions(db, &role).await?;
            // A role with a permission the actor lacks is above them: they neither strip it nor
            // otherwise change it.
            if let Some(missing) = actor.lacks_any(&before) {
                return Err(RoleError::NotYours(missing));
            }
            (Some(role), before)
        }
        None => (None, Vec::new()),
    };
    let before_reports = match &existing {
        Some(role) => crate::auth::service::role_reports(db, role).await?,
        None => None,
    };
    // Likewise a role that sees reports the actor does not.
    if existing.is_some()
        && before.contains(&Permission::ViewReports)
        && !sees_all_of(actor, before_reports.as_deref())
    {
        return Err(RoleError::NotYours(Permission::ViewReports));
    }
    let reports = if input.keep_reports && existing.is_some() {
        before_reports.clone()
    } else {
        input.reports.clone()
    };
    let added: Vec<Permission> = input
        .permissions
        .iter()
        .copied()
        .filter(|p| !before.contains(p))
        .collect();
    if let Some(missing) = actor.lacks_any(&added) {
        return Err(RoleError::NotYours(missing));
    }
    // Nor does anyone hand out reports they do not see themselves (a list matters only with
    // "View reports", which is checked whenever the role has it).
    if input.permissions.contains(&Permission::ViewReports)
        && !sees_all_of(actor, reports.as_deref())
    {
        return Err(RoleError::NotYours(Permission::ViewReports));
    }
    ensure_name_free(db, &name, id).await?;

    let before_name = existing.as_ref().map(|r| r.name.clone());
    let txn = crate::kernel::db::begin_write(db).await?;
    let saved = match existing {
        Some(role) => {
            let change = role::Entity::update_many()
                .col_expr(role::Column::Name, Expr::value(name.clone()))
                .filter(role::Column::Id.eq(role.id))
                .filter(role::Column::DeletedAt.is_null());
            let updated = guarded(change, role::Column::Version, version)
                .exec(&txn)
                .await
                .map_err(name_taken(&name))?;
            if updated.rows_affected != 1 {
                return Err(RoleError::ChangedMeanwhile);
            }
            role::Entity::find_by_id(role.id)
                .one(&txn)
                .await?
                .ok_or(RoleError::NotFound)?
        }
        None => role::ActiveModel {
            name: Set(name.clone()),
            key: Set(None),
            built_in: Set(false),
            requires_two_factor: Set(false),
            created_at: Set(now),
            deleted_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(name_taken(&name))?,
    };
    write_permissions(&txn, saved.id, &input.permissions).await?;
    write_reports(&txn, saved.id, reports.as_deref()).await?;
    let target = Target::new("role", saved.id, saved.name.clone());
    let after = snapshot(&saved.name, &input.permissions, reports.as_deref());
    let event = match before_name {
        Some(name) => Event::new(Action::RoleUpdated, Some(target)).before(snapshot(
            &name,
            &before,
            before_reports.as_deref(),
        )),
        None => Event::new(Action::RoleCreated, Some(target)),
    };
    crate::kernel::audit::record(&txn, now, audit, event.after(after)).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Requires (or stops requiring) two-factor authentication for a role's admins. Any role may be
/// made stricter, Full Administrator and your own included; nobody loosens the role they hold, or
/// a role holding a permission they lack.
pub async fn set_two_factor_requirement<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &CurrentAdmin,
    audit: &Actor,
    id: i32,
    required: bool,
) -> Result<role::Model, RoleError> {
    let role = find_live(db, id).await?.ok_or(RoleError::NotFound)?;
    if actor.role_id == role.id && !required {
        return Err(RoleError::OwnRole);
    }
    if !required {
        // Loosening protects nobody: only someone holding everything the role holds may do it.
        if let Some(missing) = actor.lacks_any(&role_permissions(db, &role).await?) {
            return Err(RoleError::NotYours(missing));
        }
    }
    if role.requires_two_factor == required {
        return Ok(role);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let before = role.requires_two_factor;
    let change = role::Entity::update_many()
        .col_expr(role::Column::RequiresTwoFactor, Expr::value(required))
        .filter(role::Column::Id.eq(role.id));
    // Moves the version on: an editor form loaded before this is stale.
    guarded(change, role::Column::Version, Expected(None))
        .exec(&txn)
        .await?;
    let saved = role::Entity::find_by_id(role.id)
        .one(&txn)
        .await?
        .ok_or(RoleError::NotFound)?;
    let target = Target::new("role", saved.id, saved.name.clone());
    let event = Event::new(Action::RoleUpdated, Some(target))
        .before(serde_json::json!({ "requires_two_factor": before }))
        .after(serde_json::json!({ "requires_two_factor": required }));
    crate::kernel::audit::record(&txn, now, audit, event).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a custom role no admin and no open invitation uses. The row stays, renamed and marked
/// deleted, so closed invitations that name it stay intact; its name is free again.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &CurrentAdmin,
    audit: &Actor,
    id: i32,
) -> Result<(), RoleError> {
    let role = find_live(db, id).await?.ok_or(RoleError::NotFound)?;
    if is_full(&role) {
        return Err(RoleError::FullAdministratorLocked);
    }
    if role.built_in {
        return Err(RoleError::BuiltInDelete);
    }
    if actor.role_id == id {
        return Err(RoleError::OwnRole);
    }
    if let Some(missing) = actor.lacks_any(&role_permissions(db, &role).await?) {
        return Err(RoleError::NotYours(missing));
    }
    let admins_using = Query::select()
        .expr(Expr::val(1))
        .from(admin::Entity)
        .and_where(Expr::col((admin::Entity, admin::Column::RoleId)).eq(id))
        .to_owned();
    let invitations_using = Query::select()
        .expr(Expr::val(1))
        .from(invitation::Entity)
        .and_where(Expr::col((invitation::Entity, invitation::Column::RoleId)).eq(id))
        .cond_where(crate::invitations::service::open())
        .to_owned();
    let before = snapshot(
        &role.name,
        &role_permissions(db, &role).await?,
        crate::auth::service::role_reports(db, &role)
            .await?
            .as_deref(),
    );
    let txn = crate::kernel::db::begin_write(db).await?;
    // The check and the delete are one statement, so an admin given this role meanwhile keeps it.
    let deleted = role::Entity::update_many()
        .col_expr(role::Column::DeletedAt, Expr::value(now))
        .col_expr(
            role::Column::Name,
            Expr::value(format!("{} (deleted #{})", role.name, role.id)),
        )
        .filter(role::Column::Id.eq(id))
        .filter(role::Column::DeletedAt.is_null())
        // A form loaded before the delete is stale.
        .col_expr(
            role::Column::Version,
            Expr::col(role::Column::Version).add(1),
        )
        .filter(
            Condition::all()
                .add(Expr::exists(admins_using).not())
                .add(Expr::exists(invitations_using).not()),
        )
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        drop(txn);
        let admins = admin::Entity::find()
            .filter(admin::Column::RoleId.eq(id))
            .count(db)
            .await?;
        let invitations = invitation::Entity::find()
            .filter(invitation::Column::RoleId.eq(id))
            .filter(crate::invitations::service::open())
            .count(db)
            .await?;
        return Err(RoleError::InUse {
            admins,
            invitations,
        });
    }
    role_permission::Entity::delete_many()
        .filter(role_permission::Column::RoleId.eq(id))
        .exec(&txn)
        .await?;
    let event = Event::new(
        Action::RoleDeleted,
        Some(Target::new("role", role.id, role.name.clone())),
    )
    .before(before);
    crate::kernel::audit::record(&txn, now, audit, event).await?;
    txn.commit().await?;
    Ok(())
}

/// A role as the Activity Log records it: its name, permissions and report access ("all" or the
/// list of report keys).
fn snapshot(
    name: &str,
    permissions: &[Permission],
    reports: Option<&[String]>,
) -> serde_json::Value {
    let keys: Vec<&str> = permissions.iter().map(|p| p.key()).collect();
    let reports = match reports {
        None => serde_json::json!("all"),
        Some(list) => serde_json::json!(list),
    };
    serde_json::json!({ "name": name, "permissions": keys, "reports": reports })
}

/// Whether `actor` sees every report of `reports` (None: all of them).
fn sees_all_of(actor: &CurrentAdmin, reports: Option<&[String]>) -> bool {
    match (&actor.reports, reports) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(mine), Some(list)) => list.iter().all(|k| mine.contains(k)),
    }
}
