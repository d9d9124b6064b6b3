//! Read models for the Administrators page and the Add an Admin form.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::api::InviteOptions;
use super::model::{AdminRow, DepartmentOption, MailStatus, PendingInvitation, RoleOption};
use crate::auth::CurrentAdmin;
use crate::entities::{admin, admin_department, department, role};

/// Dates and times in the admin area: ISO 8601 order, the same in every language.
pub fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

async fn role_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>, DbErr> {
    Ok(role::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect())
}

pub async fn admins(db: &impl ConnectionTrait) -> Result<Vec<AdminRow>, DbErr> {
    let roles = role_names(db).await?;
    let departments: HashMap<i32, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let mut memberships: HashMap<i32, Vec<String>> = HashMap::new();
    for m in admin_department::Entity::find().all(db).await? {
        if let Some(name) = departments.get(&m.department_id) {
            memberships
                .entry(m.admin_id)
                .or_default()
                .push(name.clone());
        }
    }
    let rows = admin::Entity::find()
        .order_by_asc(admin::Column::FirstName)
        .order_by_asc(admin::Column::LastName)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let mut departments = memberships.remove(&a.id).unwrap_or_default();
            departments.sort();
            AdminRow {
                id: a.id,
                name: format!("{} {}", a.first_name, a.last_name),
                username: a.username,
                email: a.email,
                role: roles.get(&a.role_id).cloned().unwrap_or_default(),
                departments,
                last_login: a.last_login_at.map(when),
                disabled: a.disabled_at.is_some(),
            }
        })
        .collect())
}

pub async fn pending(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<PendingInvitation>, DbErr> {
    let roles = role_names(db).await?;
    let mut out = Vec::new();
    for inv in super::service::open_invitations(db).await? {
        let invited_by = match inv.invited_by {
            Some(id) => admin::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|a| format!("{} {}", a.first_name, a.last_name))
                .unwrap_or_default(),
            None => crate::i18n::t("admins-invited-by-system"),
        };
        let mail = match super::service::mail_for(db, inv.id).await? {
            Some(m) if m.sent_at.is_some() => MailStatus::Sent,
            Some(m) => match m.last_error {
                Some(error) => MailStatus::Failed {
                    attempts: m.attempts,
                    error,
                },
                None => MailStatus::Queued,
            },
            None => MailStatus::Queued,
        };
        out.push(PendingInvitation {
            id: inv.id,
            email: inv.email,
            name: format!("{} {}", inv.first_name, inv.last_name),
            role: roles.get(&inv.role_id).cloned().unwrap_or_default(),
            invited_by,
            sent_at: when(inv.created_at),
            expires_at: when(inv.expires_at),
            expired: inv.expires_at <= now,
            mail,
        });
    }
    Ok(out)
}

/// What Add an Admin offers `viewer`: the roles they may give, and the visible departments.
pub async fn invite_options(
    db: &impl ConnectionTrait,
    viewer: &CurrentAdmin,
    default_language: &str,
) -> Result<InviteOptions, DbErr> {
    let roles = crate::admins::service::grantable_roles(db, viewer)
        .await?
        .into_iter()
        .map(|r| RoleOption {
            id: r.id,
            name: r.name,
        })
        .collect();
    let departments = department::Entity::find()
        .filter(department::Column::Hidden.eq(false))
        .order_by_asc(department::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|d| DepartmentOption {
            id: d.id,
            name: d.name,
        })
        .collect();
    Ok(InviteOptions {
        roles,
        departments,
        language: crate::i18n::Lang::from_code(default_language).unwrap_or_default(),
    })
}
