//! The audit write API every feature uses: who acted (`Actor`), what they did (`Action`), to what
//! (`Target`), and `record`, which joins the caller's transaction so that a change and its audit
//! row are committed together or not at all. Reading the trail is the `audit` feature's job.

use serde::{Deserialize, Serialize};

/// Every recorded action, stored by stable key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    LoginSucceeded,
    LoginFailed,
    IpBanned,
    Logout,
    InvitationSent,
    InvitationResent,
    InvitationCancelled,
    InvitationAccepted,
    InvitationExpired,
    AdminCreated,
    AdminUpdated,
    AdminDisabled,
    AdminEnabled,
    PasswordResetSent,
    PasswordResetUsed,
    RoleCreated,
    RoleUpdated,
    RoleDeleted,
    DepartmentCreated,
    DepartmentUpdated,
    DepartmentHidden,
    DepartmentShown,
    AccountUpdated,
    PasswordChanged,
    SessionEnded,
    AuditExported,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorReset,
    RecoveryCodesRegenerated,
    TicketOpened,
    TicketReplied,
    TicketNoteAdded,
    TicketChanged,
    TicketAssigned,
    TicketMerged,
    TicketAutoClosed,
    MailImported,
    MailImportRetried,
    PredefinedReplySaved,
    PredefinedReplyDeleted,
    ClientCreated,
    ClientUpdated,
    ClientClosed,
    ClientContactSaved,
    ClientContactDeleted,
    ClientServiceSaved,
    InvoiceSaved,
    PaymentRecorded,
    RefundRecorded,
    ClientNoteSaved,
    ClientNoteDeleted,
    ClientsImported,
    UserInvited,
    UserInvitationResent,
    UserInvitationCancelled,
    UserInvitationAccepted,
    UserPermissionsChanged,
    UserRemoved,
    UserLoggedIn,
    UserLoginFailed,
    UserLoggedOut,
    UserPasswordResetSent,
    UserPasswordResetUsed,
    UserAccountUpdated,
    ClientLoginAs,
    TicketLinkedToClient,
    UserTwoFactorEnabled,
    UserTwoFactorDisabled,
    ReportExported,
    NetworkIssueCreated,
    NetworkIssueUpdated,
    NetworkIssueUpdatePosted,
    KbArticleCreated,
    KbArticleUpdated,
    KbArticleDeleted,
    KbCategorySaved,
    KbCategoryDeleted,
    AnnouncementCreated,
    AnnouncementUpdated,
    AnnouncementDeleted,
    AnnouncementMailed,
}

impl Action {
    pub const ALL: [Action; 82] = [
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::IpBanned,
        Self::Logout,
        Self::InvitationSent,
        Self::InvitationResent,
        Self::InvitationCancelled,
        Self::InvitationAccepted,
        Self::InvitationExpired,
        Self::AdminCreated,
        Self::AdminUpdated,
        Self::AdminDisabled,
        Self::AdminEnabled,
        Self::PasswordResetSent,
        Self::PasswordResetUsed,
        Self::RoleCreated,
        Self::RoleUpdated,
        Self::RoleDeleted,
        Self::DepartmentCreated,
        Self::DepartmentUpdated,
        Self::DepartmentHidden,
        Self::DepartmentShown,
        Self::AccountUpdated,
        Self::PasswordChanged,
        Self::SessionEnded,
        Self::AuditExported,
        Self::TwoFactorEnabled,
        Self::TwoFactorDisabled,
        Self::TwoFactorReset,
        Self::RecoveryCodesRegenerated,
        Self::TicketOpened,
        Self::TicketReplied,
        Self::TicketNoteAdded,
        Self::TicketChanged,
        Self::TicketAssigned,
        Self::TicketMerged,
        Self::TicketAutoClosed,
        Self::MailImported,
        Self::MailImportRetried,
        Self::PredefinedReplySaved,
        Self::PredefinedReplyDeleted,
        Self::ClientCreated,
        Self::ClientUpdated,
        Self::ClientClosed,
        Self::ClientContactSaved,
        Self::ClientContactDeleted,
        Self::ClientServiceSaved,
        Self::InvoiceSaved,
        Self::PaymentRecorded,
        Self::RefundRecorded,
        Self::ClientNoteSaved,
        Self::ClientNoteDeleted,
        Self::ClientsImported,
        Self::UserInvited,
        Self::UserInvitationResent,
        Self::UserInvitationCancelled,
        Self::UserInvitationAccepted,
        Self::UserPermissionsChanged,
        Self::UserRemoved,
        Self::UserLoggedIn,
        Self::UserLoginFailed,
        Self::UserLoggedOut,
        Self::UserPasswordResetSent,
        Self::UserPasswordResetUsed,
        Self::UserAccountUpdated,
        Self::ClientLoginAs,
        Self::TicketLinkedToClient,
        Self::UserTwoFactorEnabled,
        Self::UserTwoFactorDisabled,
        Self::ReportExported,
        Self::NetworkIssueCreated,
        Self::NetworkIssueUpdated,
        Self::NetworkIssueUpdatePosted,
        Self::KbArticleCreated,
        Self::KbArticleUpdated,
        Self::KbArticleDeleted,
        Self::KbCategorySaved,
        Self::KbCategoryDeleted,
        Self::AnnouncementCreated,
        Self::AnnouncementUpdated,
        Self::AnnouncementDeleted,
        Self::AnnouncementMailed,
    ];

    /// The key stored in `audit_events.action`; never change one once released.
    pub fn key(self) -> &'static str {
        match self {
            Self::LoginSucceeded => "auth.login",
            Self::LoginFailed => "auth.login_failed",
            Self::IpBanned => "auth.ip_banned",
            Self::Logout => "auth.logout",
            Self::InvitationSent => "invitation.sent",
            Self::InvitationResent => "invitation.resent",
            Self::InvitationCancelled => "invitation.cancelled",
            Self::InvitationAccepted => "invitation.accepted",
            Self::InvitationExpired => "invitation.expired",
            Self::AdminCreated => "admin.created",
            Self::AdminUpdated => "admin.updated",
            Self::AdminDisabled => "admin.disabled",
            Self::AdminEnabled => "admin.enabled",
            Self::PasswordResetSent => "admin.password_reset_sent",
            Self::PasswordResetUsed => "admin.password_reset_used",
            Self::RoleCreated => "role.created",
            Self::RoleUpdated => "role.updated",
            Self::RoleDeleted => "role.deleted",
            Self::DepartmentCreated => "department.created",
            Self::DepartmentUpdated => "department.updated",
            Self::DepartmentHidden => "department.hidden",
            Self::DepartmentShown => "department.shown",
            Self::AccountUpdated => "account.updated",
            Self::PasswordChanged => "account.password_changed",
            Self::SessionEnded => "account.session_ended",
            Self::AuditExported => "audit.exported",
            Self::TwoFactorEnabled => "two_factor.enabled",
            Self::TwoFactorDisabled => "two_factor.disabled",
            Self::TwoFactorReset => "two_factor.reset",
            Self::RecoveryCodesRegenerated => "two_factor.codes_regenerated",
            Self::TicketOpened => "ticket.opened",
            Self::TicketReplied => "ticket.replied",
            Self::TicketNoteAdded => "ticket.note_added",
            Self::TicketChanged => "ticket.changed",
            Self::TicketAssigned => "ticket.assigned",
            Self::TicketMerged => "ticket.merged",
            Self::TicketAutoClosed => "ticket.auto_closed",
            Self::MailImported => "mail.imported",
            Self::MailImportRetried => "mail.import_retried",
            Self::PredefinedReplySaved => "predefined_reply.saved",
            Self::PredefinedReplyDeleted => "predefined_reply.deleted",
            Self::ClientCreated => "client.created",
            Self::ClientUpdated => "client.updated",
            Self::ClientClosed => "client.closed",
            Self::ClientContactSaved => "client.contact_saved",
            Self::ClientContactDeleted => "client.contact_deleted",
            Self::ClientServiceSaved => "client.service_saved",
            Self::InvoiceSaved => "client.invoice_saved",
            Self::PaymentRecorded => "client.payment_recorded",
            Self::RefundRecorded => "client.refund_recorded",
            Self::ClientNoteSaved => "client.note_saved",
            Self::ClientNoteDeleted => "client.note_deleted",
            Self::ClientsImported => "client.imported",
            Self::UserInvited => "user.invited",
            Self::UserInvitationResent => "user.invitation_resent",
            Self::UserInvitationCancelled => "user.invitation_cancelled",
            Self::UserInvitationAccepted => "user.invitation_accepted",
            Self::UserPermissionsChanged => "user.permissions_changed",
            Self::UserRemoved => "user.removed",
            Self::UserLoggedIn => "user.login",
            Self::UserLoginFailed => "user.login_failed",
            Self::UserLoggedOut => "user.logout",
            Self::UserPasswordResetSent => "user.password_reset_sent",
            Self::UserPasswordResetUsed => "user.password_reset_used",
            Self::UserAccountUpdated => "user.account_updated",
            Self::ClientLoginAs => "client.login_as",
            Self::TicketLinkedToClient => "ticket.linked_to_client",
            Self::UserTwoFactorEnabled => "user.two_factor_enabled",
            Self::UserTwoFactorDisabled => "user.two_factor_disabled",
            Self::ReportExported => "report.exported",
            Self::NetworkIssueCreated => "network_issue.created",
            Self::NetworkIssueUpdated => "network_issue.updated",
            Self::NetworkIssueUpdatePosted => "network_issue.update_posted",
            Self::KbArticleCreated => "kb_article.created",
            Self::KbArticleUpdated => "kb_article.updated",
            Self::KbArticleDeleted => "kb_article.deleted",
            Self::KbCategorySaved => "kb_category.saved",
            Self::KbCategoryDeleted => "kb_category.deleted",
            Self::AnnouncementCreated => "announcement.created",
            Self::AnnouncementUpdated => "announcement.updated",
            Self::AnnouncementDeleted => "announcement.deleted",
            Self::AnnouncementMailed => "announcement.mailed",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.key() == key)
    }

    /// What the Activity Log calls it, in the request's language.
    pub fn label(self) -> String {
        super::i18n::t(&format!(
            "audit-action-{}",
            self.key().replace(['.', '_'], "-")
        ))
    }
}

/// What kind of actor an event has, stored in `audit_events.actor_kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    /// A staff admin (`actor_id` is an `admins` id).
    Staff,
    /// A client user (`actor_id` is a client user id).
    ClientUser,
    /// The server itself: periodic jobs, the command line, first start.
    System,
    /// Someone not (yet) known, such as a failed login.
    Anonymous,
}

impl ActorKind {
    pub const ALL: [ActorKind; 4] = [Self::Staff, Self::ClientUser, Self::System, Self::Anonymous];

    /// The stored value; a signed-in kind uses its principal's key. Never change one once released.
    pub fn key(self) -> &'static str {
        match self {
            Self::Staff => super::identity::PrincipalKind::Staff.key(),
            Self::ClientUser => super::identity::PrincipalKind::ClientUser.key(),
            Self::System => "system",
            Self::Anonymous => "anonymous",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

#[cfg(feature = "ssr")]
pub use write::*;

#[cfg(feature = "ssr")]
mod write {
    use chrono::{DateTime, Utc};
    use sea_orm::{
        ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, TransactionSession,
        TransactionTrait,
    };
    use serde_json::Value;

    use super::{Action, ActorKind};
    use crate::entities::{admin, audit_event};
    use crate::kernel::identity::CurrentAdmin;

    /// Who acted, and from where.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Actor {
        pub kind: ActorKind,
        pub id: Option<i32>,
        pub name: String,
        pub ip: String,
        pub user_agent: String,
    }

    impl Actor {
        /// The server itself: periodic jobs, the command line, first start.
        pub fn system() -> Self {
            Self {
                kind: ActorKind::System,
                id: None,
                name: "system".to_owned(),
                ip: String::new(),
                user_agent: String::new(),
            }
        }

        pub fn admin(admin: &CurrentAdmin, ip: &str, user_agent: &str) -> Self {
            Self {
                kind: ActorKind::Staff,
                id: Some(admin.id),
                name: admin.display_name(),
                ip: ip.to_owned(),
                user_agent: user_agent.to_owned(),
            }
        }

        /// An admin acting before they have a session (logging in, accepting, setting a password).
        pub fn account(admin: &admin::Model, ip: &str, user_agent: &str) -> Self {
            Self {
                kind: ActorKind::Staff,
                id: Some(admin.id),
                name: format!("{} {}", admin.first_name, admin.last_name),
                ip: ip.to_owned(),
                user_agent: user_agent.to_owned(),
            }
        }

        /// A Client Area user (signed in, or just proven by their password or a link).
        pub fn user(id: i32, name: &str, ip: &str, user_agent: &str) -> Self {
            Self {
                kind: ActorKind::ClientUser,
                id: Some(id),
                name: name.to_owned(),
                ip: ip.to_owned(),
                user_agent: user_agent.to_owned(),
            }
        }

        /// Someone not (yet) known: a failed login.
        pub fn anonymous(ip: &str, user_agent: &str) -> Self {
            Self {
                kind: ActorKind::Anonymous,
                id: None,
                name: "anonymous".to_owned(),
                ip: ip.to_owned(),
                user_agent: user_agent.to_owned(),
            }
        }
    }

    /// What an event is about.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Target {
        pub kind: &'static str,
        pub id: Option<i32>,
        pub label: String,
    }

    impl Target {
        pub fn new(kind: &'static str, id: i32, label: impl Into<String>) -> Self {
            Self {
                kind,
                id: Some(id),
                label: label.into(),
            }
        }

        pub fn admin(a: &admin::Model) -> Self {
            Self::new(
                "admin",
                a.id,
                format!("{} {} ({})", a.first_name, a.last_name, a.username),
            )
        }

        pub fn current(a: &CurrentAdmin) -> Self {
            Self::new(
                "admin",
                a.id,
                format!("{} ({})", a.display_name(), a.username),
            )
        }
    }

    /// One event to record.
    pub struct Event {
        pub action: Action,
        pub target: Option<Target>,
        pub before: Option<Value>,
        pub after: Option<Value>,
    }

    impl Event {
        pub fn new(action: Action, target: Option<Target>) -> Self {
            Self {
                action,
                target,
                before: None,
                after: None,
            }
        }

        pub fn before(mut self, value: Value) -> Self {
            self.before = Some(value);
            self
        }

        pub fn after(mut self, value: Value) -> Self {
            self.after = Some(value);
            self
        }
    }

    fn clip(text: &str, max: usize) -> String {
        text.chars().take(max).collect()
    }

    /// Appends one event. Call it with the transaction that makes the change.
    pub async fn record(
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
        actor: &Actor,
        event: Event,
    ) -> Result<(), DbErr> {
        let details = serde_json::json!({ "before": event.before, "after": event.after });
        let (target_type, target_id, target_label) = match event.target {
            Some(t) => (Some(t.kind.to_owned()), t.id, clip(&t.label, 255)),
            None => (None, None, String::new()),
        };
        audit_event::ActiveModel {
            at: Set(now),
            actor_kind: Set(actor.kind.key().to_owned()),
            actor_id: Set(actor.id),
            actor_name: Set(clip(&actor.name, 201)),
            action: Set(event.action.key().to_owned()),
            target_type: Set(target_type),
            target_id: Set(target_id),
            target_label: Set(target_label),
            details: Set(details.to_string()),
            ip: Set(clip(&actor.ip, 45)),
            user_agent: Set(clip(&actor.user_agent, 512)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }

    /// Records one event in its own transaction, for actions with nothing else to write.
    pub async fn record_alone<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        now: DateTime<Utc>,
        actor: &Actor,
        event: Event,
    ) -> Result<(), DbErr> {
        let txn = crate::kernel::db::begin_write(db).await?;
        record(&txn, now, actor, event).await?;
        txn.commit().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_keys_round_trip_and_are_unique() {
        let mut keys: Vec<_> = Action::ALL.iter().map(|a| a.key()).collect();
        for a in Action::ALL {
            assert_eq!(Action::from_key(a.key()), Some(a));
        }
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Action::ALL.len());
    }

    #[test]
    fn actor_kind_keys_round_trip_and_are_unique() {
        for k in ActorKind::ALL {
            assert_eq!(ActorKind::from_key(k.key()), Some(k));
        }
        let mut keys: Vec<_> = ActorKind::ALL.iter().map(|k| k.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ActorKind::ALL.len());
    }
}
