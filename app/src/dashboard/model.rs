//! The dashboard's widgets as data: rendered on the server first, then again in the browser from
//! each update the server pushes.

use serde::{Deserialize, Serialize};

/// Every widget a role may see; a widget the role may not see is `None` and was never queried.
/// The reports widget joins here as a field of its own when that area exists, behind
/// `ViewReports`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Needs "Send invitations".
    pub invitations: Option<InvitationsWidget>,
    /// Needs "View the activity log".
    pub activity: Option<Vec<ActivityItem>>,
    /// Needs "View administrators".
    pub online: Option<Vec<OnlineAdmin>>,
    /// Needs "View the activity log".
    pub security: Option<SecurityWidget>,
    /// Needs "View support tickets".
    pub support: Option<SupportWidget>,
    /// Needs "View clients".
    pub clients: Option<ClientsWidget>,
    /// Everyone: the departments the admin belongs to.
    pub departments: Vec<DepartmentNotice>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationsWidget {
    pub pending: u64,
    /// Pending invitations that expire within 48 hours: (email, expires at).
    pub expiring: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityItem {
    pub id: i64,
    pub at: String,
    pub actor: String,
    /// The action's stable key; the page maps it to its label.
    pub action: String,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineAdmin {
    pub name: String,
    pub last_seen: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityWidget {
    pub failed_logins: u64,
    /// Bans in force: (IP address, until).
    pub bans: Vec<(String, String)>,
}

/// The support desk at a glance, in the departments the admin sees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportWidget {
    /// Tickets awaiting a reply: (department, count), departments with none left out.
    pub awaiting: Vec<(String, i64)>,
    /// The admin's own open tickets, newest reply first: (reference, subject).
    pub mine: Vec<(String, String)>,
    /// The ticket waiting longest for a reply: (reference, subject, waiting since).
    pub oldest: Option<(String, String, String)>,
}

/// Clients at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientsWidget {
    pub new_this_month: u64,
    pub overdue_invoices: u64,
    /// What the overdue invoices still owe, per currency ("120.00 USD").
    pub overdue_totals: Vec<String>,
    /// Active services whose next due date is within 7 days.
    pub services_due: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentNotice {
    pub name: String,
    pub notify: bool,
}
