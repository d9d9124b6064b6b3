//! Loading the dashboard. Each widget is queried only when the viewer's role allows it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::model::{
    ActivityItem, ClientsWidget, Dashboard, DepartmentNotice, InvitationsWidget, OnlineAdmin,
    SecurityWidget, SupportWidget,
};
use crate::entities::{
    admin, admin_department, audit_event, department, invitation, ip_ban, session,
};
use crate::kernel::CurrentAdmin;
use crate::kernel::Permission;
use crate::kernel::audit::Action;
use crate::kernel::memo::Memo;
use crate::kernel::time::when;
use std::time::Instant;

/// How recently a session must have been seen to count as online.
pub const ONLINE_WINDOW_MINUTES: i64 = 15;

/// How old a figure a page load may show: N dashboards opened within a second cost one query each.
pub const SHARED_FOR: std::time::Duration = std::time::Duration::from_secs(1);

/// The dashboard for a page load, from figures at most [`SHARED_FOR`] old and computed after the
/// last change this node knows of.
pub async fn load(
    db: &impl ConnectionTrait,
    memo: &Memo,
    viewer: &CurrentAdmin,
    now: DateTime<Utc>,
) -> Result<Dashboard, DbErr> {
    let fresh_after = memo.fresh_for(SHARED_FOR);
    refresh(
        db,
        memo,
        fresh_after,
        viewer,
        now,
        Dashboard::default(),
        Touched::ALL,
    )
    .await
}

/// The widgets a change can alter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Touched {
    pub invitations: bool,
    pub activity: bool,
    pub security: bool,
    pub online: bool,
    pub departments: bool,
    pub support: bool,
    pub clients: bool,
}

impl Touched {
    pub const ALL: Touched = Touched {
        invitations: true,
        activity: true,
        security: true,
        online: true,
        departments: true,
        support: true,
        clients: true,
    };

    /// What time alone changes: who counts as online, which invitations expire soon, which bans
    /// have run out.
    pub const BY_TIME: Touched = Touched {
        invitations: true,
        activity: false,
        security: true,
        online: true,
        departments: false,
        support: false,
        // Invoices fall overdue and services come due with the date.
        clients: true,
    };

    /// The widgets that recording `action` can alter. Every recorded action shows in the recent
    /// activity; a flood of failed logins therefore reloads the activity and security widgets, and
    /// nothing else.
    pub fn by(action: Action) -> Touched {
        let mut touched = Touched {
            activity: true,
            ..Touched::default()
        };
        match action {
            Action::LoginFailed | Action::UserLoginFailed | Action::IpBanned => {
                touched.security = true;
            }
            Action::LoginSucceeded
            | Action::Logout
            | Action::SessionEnded
            | Action::PasswordChanged
            | Action::PasswordResetUsed
            | Action::AdminDisabled
            | Action::AdminEnabled => touched.online = true,
            Action::InvitationSent
            | Action::InvitationResent
            | Action::InvitationCancelled
            | Action::InvitationAccepted
            | Action::InvitationExpired => {
                touched.invitations = true;
                // An accepted invitation is a new admin with departments, signed in.
                touched.online |= action == Action::InvitationAccepted;
            }
            Action::DepartmentCreated
            | Action::DepartmentUpdated
            | Action::DepartmentHidden
            | Action::DepartmentShown => {
                touched.departments = true;
                touched.support = true;
            }
            // Names, memberships and notification flags.
            Action::AdminCreated | Action::AdminUpdated | Action::AccountUpdated => {
                touched.departments = true;
                touched.online = true;
                touched.support = true;
            }
            Action::TicketOpened
            | Action::TicketReplied
            | Action::TicketNoteAdded
            | Action::TicketChanged
            | Action::TicketAssigned
            | Action::TicketMerged
            | Action::TicketAutoClosed
            | Action::MailImported
            | Action::MailImportRetried => touched.support = true,
            Action::ClientCreated
            | Action::ClientUpdated
            | Action::ClientClosed
            | Action::ClientServiceSaved
            | Action::InvoiceSaved
            | Action::PaymentRecorded
            | Action::RefundRecorded
            | Action::ClientsImported => touched.clients = true,
            Action::ClientContactSaved
            | Action::ClientContactDeleted
            | Action::ClientNoteSaved
            | Action::ClientNoteDeleted => {}
            Action::PredefinedReplySaved | Action::PredefinedReplyDeleted => {}
            Action::TicketLinkedToClient => touched.support = true,
            // The Client Area's users: nothing on the Dashboard counts them.
            Action::UserInvited
            | Action::UserInvitationResent
            | Action::UserInvitationCancelled
            | Action::UserInvitationAccepted
            | Action::UserPermissionsChanged
            | Action::UserRemoved
            | Action::UserLoggedIn
            | Action::UserLoggedOut
            | Action::UserPasswordResetSent
            | Action::UserPasswordResetUsed
            | Action::UserAccountUpdated
            | Action::UserTwoFactorEnabled
            | Action::UserTwoFactorDisabled
            | Action::ClientLoginAs => {}
            Action::ReportExported => {}
            // The Dashboard's network slot is read with the page, not pushed.
            Action::NetworkIssueCreated
            | Action::NetworkIssueUpdated
            | Action::NetworkIssueUpdatePosted => {}
            // The Dashboard shows nothing of the knowledgebase.
            Action::KbArticleCreated
            | Action::KbArticleUpdated
            | Action::KbArticleDeleted
            | Action::KbCategorySaved
            | Action::KbCategoryDeleted => {}
            // Nor of announcements.
            Action::AnnouncementCreated
            | Action::AnnouncementUpdated
            | Action::AnnouncementDeleted
            | Action::AnnouncementMailed => {}
            Action::PasswordResetSent
            | Action::RoleCreated
            | Action::RoleUpdated
            | Action::RoleDeleted
            | Action::AuditExported
            | Action::TwoFactorEnabled
            | Action::TwoFactorDisabled
            | Action::TwoFactorReset
            | Action::RecoveryCodesRegenerated => {}
        }
        touched
    }

    /// What the recorded actions (by key) can alter together; an unknown key alters everything.
    pub fn by_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Touched {
        keys.into_iter().fold(Touched::default(), |all, key| {
            let one = Action::from_key(key).map_or(Touched::ALL, Touched::by);
            all.or(one)
        })
    }

    pub fn or(self, other: Touched) -> Touched {
        Touched {
            invitations: self.invitations || other.invitations,
            activity: self.activity || other.activity,
            security: self.security || other.security,
            online: self.online || other.online,
            departments: self.departments || other.departments,
            support: self.support || other.support,
            clients: self.clients || other.clients,
        }
    }
}

/// `previous` with the `touched` widgets loaded again (and those the viewer may not see dropped):
/// one change costs the queries of the widgets it can alter, not of the whole page.
///
/// Each widget comes from `memo` when it was computed at or after `fresh_after`: the widgets
/// everyone sees are shared by all viewers, the others by each viewer's own requests.
pub async fn refresh(
    db: &impl ConnectionTrait,
    memo: &Memo,
    fresh_after: Instant,
    viewer: &CurrentAdmin,
    now: DateTime<Utc>,
    previous: Dashboard,
    touched: Touched,
) -> Result<Dashboard, DbErr> {
    let shared = |name: &'static str| (name, 0);
    let own_key = viewer_key(viewer);
    let own = |name: &'static str| (name, own_key);
    let mut dashboard = previous;
    // A widget is loaded when it was touched, or when the viewer may now see it but has not yet.
    let due = |allowed: bool, touched: bool, loaded: bool| allowed && (touched || !loaded);
    let may_invite = viewer.can(Permission::SendInvitations);
    if due(
        may_invite,
        touched.invitations,
        dashboard.invitations.is_some(),
    ) {
        dashboard.invitations = Some(
            memo.get_or_load(shared("dashboard.invitations"), fresh_after, || {
                invitations(db, now)
            })
            .await?,
        );
    } else if !may_invite {
        dashboard.invitations = None;
    }
    let may_audit = viewer.can(Permission::ViewAuditLog);
    if due(may_audit, touched.activity, dashboard.activity.is_some()) {
        dashboard.activity = Some(
            memo.get_or_load(shared("dashboard.activity"), fresh_after, || activity(db))
                .await?,
        );
    }
    if due(may_audit, touched.security, dashboard.security.is_some()) {
        dashboard.security = Some(
            memo.get_or_load(shared("dashboard.security"), fresh_after, || {
                security(db, now)
            })
            .await?,
        );
    }
    if !may_audit {
        dashboard.activity = None;
        dashboard.security = None;
    }
    let may_view_staff = viewer.can(Permission::ViewAdministrators);
    if due(may_view_staff, touched.online, dashboard.online.is_some()) {
        dashboard.online = Some(
            memo.get_or_load(shared("dashboard.online"), fresh_after, || online(db, now))
                .await?,
        );
    } else if !may_view_staff {
        dashboard.online = None;
    }
    let may_support = viewer.can(Permission::ViewTickets);
    if due(may_support, touched.support, dashboard.support.is_some()) {
        dashboard.support = Some(
            memo.get_or_load(own("dashboard.support"), fresh_after, || {
                support(db, viewer)
            })
            .await?,
        );
    } else if !may_support {
        dashboard.support = None;
    }
    let may_clients = viewer.can(Permission::ViewClients);
    if due(may_clients, touched.clients, dashboard.clients.is_some()) {
        dashboard.clients = Some(
            memo.get_or_load(shared("dashboard.clients"), fresh_after, || {
                clients(db, now)
            })
            .await?,
        );
    } else if !may_clients {
        dashboard.clients = None;
    }
    if touched.departments {
        dashboard.departments = memo
            .get_or_load(own("dashboard.departments"), fresh_after, || {
                departments(db, viewer.id)
            })
            .await?;
    }
    Ok(dashboard)
}

/// One viewer's widgets depend on who they are and what their role allows.
fn viewer_key(viewer: &CurrentAdmin) -> i64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (viewer.id, &viewer.permissions).hash(&mut hasher);
    hasher.finish() as i64
}

async fn support(db: &impl ConnectionTrait, viewer: &CurrentAdmin) -> Result<SupportWidget, DbErr> {
    use crate::tickets::service as desk;
    let scope = desk::scope_of(db, viewer).await?;
    Ok(SupportWidget {
        awaiting: desk::awaiting_by_department(db, &scope).await?,
        mine: desk::assigned_open(db, viewer.id, &scope, 5)
            .await?
            .into_iter()
            .map(|t| (t.reference, t.subject))
            .collect(),
        oldest: desk::oldest_awaiting(db, &scope)
            .await?
            .map(|t| (t.reference, t.subject, when(t.last_reply_at))),
    })
}

async fn clients(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<ClientsWidget, DbErr> {
    let (new_this_month, overdue_invoices, overdue_totals, services_due) =
        crate::clients::service::dashboard_figures(db, now).await?;
    Ok(ClientsWidget {
        new_this_month,
        overdue_invoices,
        overdue_totals,
        services_due,
    })
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
        .filter(session::Column::PrincipalKind.eq(crate::kernel::PrincipalKind::Staff.key()))
        .filter(session::Column::PrincipalId.is_not_null())
        .filter(session::Column::LastSeenAt.gt(now - Duration::minutes(ONLINE_WINDOW_MINUTES)))
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?;
    let mut ids: Vec<i32> = Vec::new();
    let mut last_seen = Vec::new();
    for s in sessions {
        if let Some(id) = s.principal_id
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_login_alters_only_the_activity_and_security_widgets() {
        let touched = Touched::by_keys(["auth.login_failed", "auth.ip_banned"]);
        assert_eq!(
            touched,
            Touched {
                activity: true,
                security: true,
                ..Touched::default()
            }
        );
    }

    #[test]
    fn an_unknown_action_alters_everything_and_nothing_alters_nothing() {
        assert_eq!(Touched::by_keys(["something.new"]), Touched::ALL);
        assert_eq!(Touched::by_keys([]), Touched::default());
        let invited = Touched::by_keys(["invitation.accepted"]);
        assert!(invited.invitations && invited.online && !invited.security);
    }
}
