//! Every permission an administrator role can grant, stored by stable key.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Permission {
    ViewAdministrators,
    ManageAdministrators,
    ResetTwoFactor,
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
    OpenTickets,
    ChangeTickets,
    AssignTickets,
    ViewAllTicketDepartments,
    ManagePredefinedReplies,
    ViewClients,
    ManageClients,
    ManageServices,
    ManageInvoices,
    ViewClientNotes,
    LoginAsClient,
    ViewReports,
    ManageNetworkIssues,
    ManageKnowledgebase,
    ManageAnnouncements,
}

impl Permission {
    pub const ALL: [Permission; 28] = [
        Self::ViewAdministrators,
        Self::ManageAdministrators,
        Self::ResetTwoFactor,
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
        Self::OpenTickets,
        Self::ChangeTickets,
        Self::AssignTickets,
        Self::ViewAllTicketDepartments,
        Self::ManagePredefinedReplies,
        Self::ViewClients,
        Self::ManageClients,
        Self::ManageServices,
        Self::ManageInvoices,
        Self::ViewClientNotes,
        Self::LoginAsClient,
        Self::ViewReports,
        Self::ManageNetworkIssues,
        Self::ManageKnowledgebase,
        Self::ManageAnnouncements,
    ];

    /// The key stored in `role_permissions`; never change one once released.
    pub fn key(self) -> &'static str {
        match self {
            Self::ViewAdministrators => "admins.view",
            Self::ManageAdministrators => "admins.manage",
            Self::ResetTwoFactor => "admins.reset_two_factor",
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
            Self::OpenTickets => "tickets.open",
            Self::ChangeTickets => "tickets.change",
            Self::AssignTickets => "tickets.assign",
            Self::ViewAllTicketDepartments => "tickets.all_departments",
            Self::ManagePredefinedReplies => "tickets.predefined_replies",
            Self::ViewClients => "clients.view",
            Self::ManageClients => "clients.manage",
            Self::ManageServices => "clients.services",
            Self::ManageInvoices => "clients.invoices",
            Self::ViewClientNotes => "clients.notes",
            Self::LoginAsClient => "clients.login_as",
            Self::ViewReports => "reports.view",
            Self::ManageNetworkIssues => "network.manage",
            Self::ManageKnowledgebase => "kb.manage",
            Self::ManageAnnouncements => "announcements.manage",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    /// What a person reads on a 403 page or a role editor, in the request's language.
    pub fn label(self) -> String {
        crate::kernel::i18n::t(&format!(
            "permission-{}",
            self.key().replace(['.', '_'], "-")
        ))
    }

    /// The area of the admin area a permission belongs to, for grouping on the role editor.
    pub fn area(self) -> Area {
        match self {
            Self::ViewAdministrators
            | Self::ManageAdministrators
            | Self::ResetTwoFactor
            | Self::ManageRoles => Area::Staff,
            Self::SendInvitations => Area::Invitations,
            Self::ViewDepartments | Self::ManageDepartments => Area::Departments,
            Self::ManageSettings | Self::ManageBans => Area::Settings,
            Self::ViewAuditLog | Self::ExportAuditLog => Area::AuditLog,
            Self::ViewTickets
            | Self::ReplyTickets
            | Self::OpenTickets
            | Self::ChangeTickets
            | Self::AssignTickets
            | Self::ViewAllTicketDepartments
            | Self::ManagePredefinedReplies
            | Self::ManageNetworkIssues
            | Self::ManageKnowledgebase
            | Self::ManageAnnouncements => Area::Support,
            Self::ViewClients
            | Self::ManageClients
            | Self::ManageServices
            | Self::ManageInvoices
            | Self::ViewClientNotes
            | Self::LoginAsClient => Area::Clients,
            Self::ViewReports => Area::Reports,
        }
    }

    /// Permissions this one is useless without; a role must hold them too.
    pub fn requires(self) -> &'static [Permission] {
        match self {
            Self::ManageAdministrators | Self::SendInvitations | Self::ManageRoles => {
                &[Self::ViewAdministrators]
            }
            Self::ResetTwoFactor => &[Self::ManageAdministrators],
            Self::ManageDepartments => &[Self::ViewDepartments],
            Self::ExportAuditLog => &[Self::ViewAuditLog],
            Self::ReplyTickets
            | Self::OpenTickets
            | Self::ChangeTickets
            | Self::AssignTickets
            | Self::ViewAllTicketDepartments
            | Self::ManagePredefinedReplies => &[Self::ViewTickets],
            Self::ManageClients
            | Self::ManageServices
            | Self::ManageInvoices
            | Self::ViewClientNotes
            | Self::LoginAsClient => &[Self::ViewClients],
            _ => &[],
        }
    }
}

/// What a client's user may do in the Client Area, granted per client. A client's owner holds
/// all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ClientPermission {
    Profile,
    Contacts,
    Services,
    Invoices,
    Tickets,
    ManageUsers,
}

impl ClientPermission {
    pub const ALL: [ClientPermission; 6] = [
        Self::Profile,
        Self::Contacts,
        Self::Services,
        Self::Invoices,
        Self::Tickets,
        Self::ManageUsers,
    ];

    /// The key stored in `client_users.permissions` and posted by forms; never change one.
    pub fn key(self) -> &'static str {
        match self {
            Self::Profile => "profile",
            Self::Contacts => "contacts",
            Self::Services => "services",
            Self::Invoices => "invoices",
            Self::Tickets => "tickets",
            Self::ManageUsers => "users",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Profile => "client-permission-profile",
            Self::Contacts => "client-permission-contacts",
            Self::Services => "client-permission-services",
            Self::Invoices => "client-permission-invoices",
            Self::Tickets => "client-permission-tickets",
            Self::ManageUsers => "client-permission-users",
        })
    }

    /// The stored form of a set: known keys, in `ALL` order, comma-separated.
    pub fn join(set: &[ClientPermission]) -> String {
        Self::ALL
            .into_iter()
            .filter(|p| set.contains(p))
            .map(Self::key)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// A stored set; unknown keys are dropped.
    pub fn split(stored: &str) -> Vec<ClientPermission> {
        let found: Vec<_> = stored
            .split(',')
            .filter_map(|k| Self::from_key(k.trim()))
            .collect();
        Self::ALL
            .into_iter()
            .filter(|p| found.contains(p))
            .collect()
    }
}

/// Areas of the admin area, in the order the role editor shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Area {
    Staff,
    Invitations,
    Departments,
    Settings,
    AuditLog,
    Support,
    Clients,
    Reports,
}

impl Area {
    pub const ALL: [Area; 8] = [
        Self::Staff,
        Self::Invitations,
        Self::Departments,
        Self::Settings,
        Self::AuditLog,
        Self::Support,
        Self::Clients,
        Self::Reports,
    ];

    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Staff => "area-staff",
            Self::Invitations => "area-invitations",
            Self::Departments => "area-departments",
            Self::Settings => "area-settings",
            Self::AuditLog => "area-audit-log",
            Self::Support => "area-support",
            Self::Clients => "area-clients",
            Self::Reports => "area-reports",
        })
    }

    pub fn permissions(self) -> impl Iterator<Item = Permission> {
        Permission::ALL
            .into_iter()
            .filter(move |p| p.area() == self)
    }
}

/// The first permission in `set` whose requirement is missing from it, with that requirement.
/// A role's permissions must be closed under `requires`.
pub fn missing_requirement(set: &[Permission]) -> Option<(Permission, Permission)> {
    set.iter().find_map(|p| {
        p.requires()
            .iter()
            .find(|r| !set.contains(r))
            .map(|r| (*p, *r))
    })
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
    fn every_permission_is_in_exactly_one_area() {
        let grouped: usize = Area::ALL.iter().map(|a| a.permissions().count()).sum();
        assert_eq!(grouped, Permission::ALL.len());
    }

    #[test]
    fn a_set_without_a_requirement_is_not_closed() {
        use Permission::*;
        assert_eq!(
            missing_requirement(&[SendInvitations]),
            Some((SendInvitations, ViewAdministrators))
        );
        assert_eq!(
            missing_requirement(&[SendInvitations, ViewAdministrators]),
            None
        );
        assert_eq!(missing_requirement(&Permission::ALL), None);
        assert_eq!(missing_requirement(&[]), None);
    }

    #[test]
    fn client_permission_sets_round_trip_through_their_stored_form() {
        for p in ClientPermission::ALL {
            assert_eq!(ClientPermission::from_key(p.key()), Some(p));
        }
        let set = [ClientPermission::Tickets, ClientPermission::Profile];
        assert_eq!(ClientPermission::join(&set), "profile,tickets");
        assert_eq!(
            ClientPermission::split("tickets, bogus,profile,tickets"),
            vec![ClientPermission::Profile, ClientPermission::Tickets]
        );
        assert!(ClientPermission::split("").is_empty());
    }

    #[test]
    fn requirements_never_point_at_themselves() {
        for p in Permission::ALL {
            assert!(!p.requires().contains(&p));
        }
    }
}
