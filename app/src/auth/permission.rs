//! Every permission an administrator role can grant, stored by stable key.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Permission {
    ViewAdministrators,
    ManageAdministrators,
    SendInvitations,
    ManageRoles,
    ViewDepartments,
    ManageDepartments,
    ManageSettings,
    ViewAuditLog,
    ExportAuditLog,
    ManageBans,
    ViewTickets,
    ReplyTickets,
    ViewClients,
    ManageClients,
    ViewReports,
}

impl Permission {
    pub const ALL: [Permission; 15] = [
        Self::ViewAdministrators,
        Self::ManageAdministrators,
        Self::SendInvitations,
        Self::ManageRoles,
        Self::ViewDepartments,
        Self::ManageDepartments,
        Self::ManageSettings,
        Self::ViewAuditLog,
        Self::ExportAuditLog,
        Self::ManageBans,
        Self::ViewTickets,
        Self::ReplyTickets,
        Self::ViewClients,
        Self::ManageClients,
        Self::ViewReports,
    ];

    /// The key stored in `role_permissions`; never change one once released.
    pub fn key(self) -> &'static str {
        match self {
            Self::ViewAdministrators => "admins.view",
            Self::ManageAdministrators => "admins.manage",
            Self::SendInvitations => "invitations.send",
            Self::ManageRoles => "roles.manage",
            Self::ViewDepartments => "departments.view",
            Self::ManageDepartments => "departments.manage",
            Self::ManageSettings => "settings.manage",
            Self::ViewAuditLog => "audit.view",
            Self::ExportAuditLog => "audit.export",
            Self::ManageBans => "security.bans",
            Self::ViewTickets => "tickets.view",
            Self::ReplyTickets => "tickets.reply",
            Self::ViewClients => "clients.view",
            Self::ManageClients => "clients.manage",
            Self::ViewReports => "reports.view",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    /// What a person reads on a 403 page or a role editor.
    pub fn label(self) -> &'static str {
        match self {
            Self::ViewAdministrators => "View administrators",
            Self::ManageAdministrators => "Manage administrators",
            Self::SendInvitations => "Send invitations",
            Self::ManageRoles => "Manage administrator roles",
            Self::ViewDepartments => "View support departments",
            Self::ManageDepartments => "Manage support departments",
            Self::ManageSettings => "Manage settings",
            Self::ViewAuditLog => "View the activity log",
            Self::ExportAuditLog => "Export the activity log",
            Self::ManageBans => "Manage login bans",
            Self::ViewTickets => "View support tickets",
            Self::ReplyTickets => "Reply to support tickets",
            Self::ViewClients => "View clients",
            Self::ManageClients => "Manage clients",
            Self::ViewReports => "View reports",
        }
    }

    /// Permissions this one is useless without; a role must hold them too.
    pub fn requires(self) -> &'static [Permission] {
        match self {
            Self::ManageAdministrators | Self::SendInvitations | Self::ManageRoles => {
                &[Self::ViewAdministrators]
            }
            Self::ManageDepartments => &[Self::ViewDepartments],
            Self::ExportAuditLog => &[Self::ViewAuditLog],
            Self::ReplyTickets => &[Self::ViewTickets],
            Self::ManageClients => &[Self::ViewClients],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips_and_is_unique() {
        let mut keys: Vec<_> = Permission::ALL.iter().map(|p| p.key()).collect();
        for p in Permission::ALL {
            assert_eq!(Permission::from_key(p.key()), Some(p));
        }
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Permission::ALL.len());
    }

    #[test]
    fn requirements_never_point_at_themselves() {
        for p in Permission::ALL {
            assert!(!p.requires().contains(&p));
        }
    }
}
