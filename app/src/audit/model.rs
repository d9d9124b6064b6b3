//! Audit actions, filters and what the Activity Log shows.

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
}

impl Action {
    pub const ALL: [Action; 30] = [
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
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.key() == key)
    }

    /// What the Activity Log calls it, in the request's language.
    pub fn label(self) -> String {
        crate::i18n::t(&format!(
            "audit-action-{}",
            self.key().replace(['.', '_'], "-")
        ))
    }
}

/// The Activity Log's filters, as they appear in its address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Absent parameters are empty filters: the unfiltered export's address has no query at all.
#[serde(default)]
pub struct AuditFilter {
    /// `YYYY-MM-DD`, inclusive, UTC.
    pub from: String,
    pub to: String,
    /// An admin id, or empty.
    pub actor: String,
    /// An action key, or empty.
    pub action: String,
    pub ip: String,
    /// Words to find in the actor, target or details.
    pub q: String,
}

impl AuditFilter {
    /// The filter as query parameters, for links and the export.
    pub fn query(&self) -> String {
        let pairs = [
            ("from", &self.from),
            ("to", &self.to),
            ("actor", &self.actor),
            ("action", &self.action),
            ("ip", &self.ip),
            ("q", &self.q),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::auth::pages::urlencode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// One row of the Activity Log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub action_label: String,
    pub target: String,
    pub ip: String,
    pub user_agent: String,
    /// Pretty-printed JSON, when the event recorded it.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A page of the Activity Log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Pass as `before` for the next (older) page; None on the last page.
    pub next_before: Option<i64>,
    /// Admins to filter by: (id, name).
    pub actors: Vec<(i32, String)>,
    pub can_export: bool,
}

/// One login in an admin's login history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRecord {
    pub at: String,
    pub succeeded: bool,
    pub ip: String,
    pub user_agent: String,
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
}
