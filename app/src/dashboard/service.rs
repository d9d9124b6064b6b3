//! Loading the dashboard. Each widget is queried only when the viewer's role allows it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::model::{
    ActivityItem, Dashboard, DepartmentNotice, InvitationsWidget, OnlineAdmin, SecurityWidget,
};
use crate::audit::model::Action;
use crate::auth::{CurrentAdmin, Permission};
use crate::entities::{
    admin, admin_department, audit_event, department, invitation, ip_ban, session,
};
use crate::invitations::queries::when;

/// How recently a session must have been seen to count as online.
pub const ONLINE_WINDOW_MINUTES: i64 = 15;

pub async fn load(
    db: &impl ConnectionTrait,
    viewer: &CurrentAdmin,
    now: DateTime<Utc>,
) -> Result<Dashboard, DbErr> {
    let mut dashboard = Dashboard::default();
    if viewer.can(Permission::SendInvitations) {
        dashboard.invitations = Some(invitations(db, now).await?);
    }
    if viewer.can(Permission::ViewAuditLog) {
        dashboard.activity = Some(activity(db).await?);
        dashboard.security = Some(security(db, now).await?);
    }
    if viewer.can(Permission::ViewAdministrators) {
        dashboard.online = Some(online(db, now).await?);
    }
    dashboard.departments = departments(db, viewer.id).await?;
    Ok(dashboard)
}

async fn invitations(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<InvitationsWidget, DbErr> {
    let pending = invitation::Entity::find()
        .filter(crate::invitations::service::open())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .count(db)
        .await?;
    let expiring = invitation::Entity::find()
        .filter(crate::invitations::service::open())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .filter(invitation::Column::ExpiresAt.lte(now + Duration::hours(48)))
        .order_by_asc(invitation::Column::ExpiresAt)
        .limit(5)
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.email, when(i.expires_at)))
        .collect();
    Ok(InvitationsWidget { pending, expiring })
}

async fn activity(db: &impl ConnectionTrait) -> Result<Vec<ActivityItem>, DbErr> {
    Ok(audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Id)
        .limit(10)
        .all(db)
        .await?
        .into_iter()
        .map(|e| ActivityItem {
            id: e.id,
            at: when(e.at),
            actor: e.actor_name,
            action: e.action,
            target: e.target_label,
        })
        .collect())
}

async fn security(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<SecurityWidget, DbErr> {
    let failed_logins = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(Action::LoginFailed.key()))
        .filter(audit_event::Column::At.gt(now - Duration::hours(24)))
        .count(db)
        .await?;
    let bans = ip_ban::Entity::find()
        .filter(ip_ban::Column::BannedUntil.gt(now))
        .filter(ip_ban::Column::LiftedAt.is_null())
        .order_by_desc(ip_ban::Column::BannedUntil)
        .limit(10)
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.ip, when(b.banned_until)))
        .collect();
    Ok(SecurityWidget {
        failed_logins,
        bans,
    })
}

async fn online(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<OnlineAdmin>, DbErr> {
    let sessions = session::Entity::find()
        .filter(session::Column::AdminId.is_not_null())
        .filter(session::Column::LastSeenAt.gt(now - Duration::minutes(ONLINE_WINDOW_MINUTES)))
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?;
    let mut ids: Vec<i32> = Vec::new();
    let mut last_seen = Vec::new();
    for s in sessions {
        if let Some(id) = s.admin_id
            && !ids.contains(&id)
        {
            ids.push(id);
            last_seen.push(s.last_seen_at);
        }
    }
    let admins = admin::Entity::find()
        .filter(admin::Column::Id.is_in(ids.clone()))
        .filter(admin::Column::DisabledAt.is_null())
        .all(db)
        .await?;
    Ok(ids
        .iter()
        .zip(last_seen)
        .filter_map(|(id, seen)| {
            admins.iter().find(|a| a.id == *id).map(|a| OnlineAdmin {
                name: format!("{} {}", a.first_name, a.last_name),
                last_seen: when(seen),
            })
        })
        .collect())
}

async fn departments(
    db: &impl ConnectionTrait,
    admin_id: i32,
) -> Result<Vec<DepartmentNotice>, DbErr> {
    let memberships = admin_department::Entity::find()
        .filter(admin_department::Column::AdminId.eq(admin_id))
        .all(db)
        .await?;
    let ids: Vec<i32> = memberships.iter().map(|m| m.department_id).collect();
    let mut out: Vec<DepartmentNotice> = department::Entity::find()
        .filter(department::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|d| DepartmentNotice {
            notify: memberships
                .iter()
                .any(|m| m.department_id == d.id && m.notify),
            name: d.name,
        })
        .collect();
    out.sort_by_key(|d| d.name.to_lowercase());
    Ok(out)
}
