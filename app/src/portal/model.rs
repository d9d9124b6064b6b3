//! What the Client Area's pages show.

use serde::{Deserialize, Serialize};

use crate::kernel::{ClientPermission, Membership};

/// The Client Area's home: the client the user works on, and a glance at what they may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalHome {
    pub user_name: String,
    /// None when the user belongs to no client (any more).
    pub client: Option<Membership>,
    pub memberships: Vec<Membership>,
    /// Tickets not closed, when the user may see tickets.
    pub open_tickets: Option<usize>,
    /// Invoices waiting for payment, when the user may see invoices.
    pub unpaid_invoices: Option<usize>,
    /// Services active, when the user may see services.
    pub active_services: Option<usize>,
}

impl PortalHome {
    pub fn can(&self, permission: ClientPermission) -> bool {
        self.client.as_ref().is_some_and(|m| m.can(permission))
    }
}

/// The signed-in user's own account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserAccountView {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub language: String,
}

/// Where to go after logging in to the Client Area: a path inside it, else its home.
pub fn safe_next(next: &str) -> &str {
    let inside =
        (next == "/client" || next.starts_with("/client/") || next.starts_with("/client?"))
            && !next.starts_with("/client/login")
            && next.len() <= 2048
            && !next
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if !inside {
        return "/client";
    }
    match next.split_once('?') {
        Some((path, query)) if query.split('&').any(|pair| pair.starts_with("__")) => path,
        _ => next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_client_area_paths_are_followed_after_login() {
        assert_eq!(safe_next("/client/tickets/KTR-1"), "/client/tickets/KTR-1");
        assert_eq!(safe_next("/client"), "/client");
        for outside in [
            "/",
            "/admins",
            "//evil.example",
            "https://evil.example",
            "/clientele",
            "/client/login",
            "/client/\\evil",
            "/client/a b",
        ] {
            assert_eq!(safe_next(outside), "/client", "{outside}");
        }
        assert_eq!(safe_next("/client/invoices?__err=x"), "/client/invoices");
    }
}
