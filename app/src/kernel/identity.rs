//! Who is signed in: a principal (a staff admin or a client user), and for staff the admin with
//! their role's permissions, as every page and server function sees them.

use serde::{Deserialize, Serialize};

use super::permission::{ClientPermission, Permission};

/// The kinds of person who can sign in. Each has its own area of the site, its own session cookie
/// and its own audit actor kind; a session of one kind never opens the other area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrincipalKind {
    /// An administrator of the admin area (`admins` table).
    Staff,
    /// A login of a client, for the Client Area.
    ClientUser,
}

impl PrincipalKind {
    pub const ALL: [PrincipalKind; 2] = [Self::Staff, Self::ClientUser];

    /// The value stored in `sessions.principal_kind` and `audit_events.actor_kind`; never change
    /// one once released.
    pub fn key(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::ClientUser => "client_user",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A signed-in person: which kind, and their id in that kind's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Principal {
    pub kind: PrincipalKind,
    pub id: i32,
}

impl Principal {
    pub fn staff(id: i32) -> Self {
        Self {
            kind: PrincipalKind::Staff,
            id,
        }
    }

    pub fn client_user(id: i32) -> Self {
        Self {
            kind: PrincipalKind::ClientUser,
            id,
        }
    }
}

/// The staff principal behind the current request, as every page and server function sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentAdmin {
    pub id: i32,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub role_id: i32,
    pub role_name: String,
    pub permissions: Vec<Permission>,
    /// The interface language the admin chose.
    pub language: super::i18n::Lang,
    /// The role requires two-factor authentication and the admin has not set it up: until they do,
    /// they can reach only the set-up page.
    pub must_enrol_two_factor: bool,
    /// The reports the role sees, by key; None for all of them.
    #[serde(default)]
    pub reports: Option<Vec<String>>,
}

impl CurrentAdmin {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// The first of `permissions` this admin does not hold. Nobody can hand out, directly or through
    /// a role, a permission they do not hold themselves.
    pub fn lacks_any(&self, permissions: &[Permission]) -> Option<Permission> {
        permissions.iter().copied().find(|p| !self.can(*p))
    }

    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// Whether the admin may open the report `key`: "View reports", and the report in the role's
    /// list (or the role sees all).
    pub fn can_report(&self, key: &str) -> bool {
        self.can(Permission::ViewReports)
            && self
                .reports
                .as_ref()
                .is_none_or(|list| list.iter().any(|k| k == key))
    }
}

impl CurrentAdmin {
    pub fn principal(&self) -> Principal {
        Principal::staff(self.id)
    }
}

/// A user's place at one client, as the Client Area sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub client_id: i32,
    pub client_name: String,
    pub owner: bool,
    pub permissions: Vec<ClientPermission>,
}

impl Membership {
    pub fn can(&self, permission: ClientPermission) -> bool {
        self.owner || self.permissions.contains(&permission)
    }
}

/// The Client Area user behind the current request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub language: super::i18n::Lang,
    /// Every client the user belongs to, by client id.
    pub memberships: Vec<Membership>,
    /// The client the user is working on now: one of `memberships`.
    pub client_id: Option<i32>,
    /// The admin who opened this session with "log in as client": their id, checked on every
    /// request (still enabled, still allowed to), and name, for the banner.
    pub staff_id: Option<i32>,
    pub staff_name: Option<String>,
}

impl CurrentUser {
    /// The user's place at the client they are working on now.
    pub fn active(&self) -> Option<&Membership> {
        self.client_id
            .and_then(|id| self.memberships.iter().find(|m| m.client_id == id))
    }

    /// Whether the user holds `permission` at the client they are working on.
    pub fn can(&self, permission: ClientPermission) -> bool {
        self.active().is_some_and(|m| m.can(permission))
    }

    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub fn principal(&self) -> Principal {
        Principal::client_user(self.id)
    }
}

/// The signed-in Client Area user while rendering on the server; None in the browser.
pub fn user_viewer() -> Option<std::sync::Arc<CurrentUser>> {
    #[cfg(feature = "ssr")]
    {
        super::guard::user_viewer()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The signed-in admin while rendering on the server. Pages call this; the browser never renders
/// them, so there it is always None.
pub fn viewer() -> Option<std::sync::Arc<CurrentAdmin>> {
    #[cfg(feature = "ssr")]
    {
        super::guard::viewer()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Whether the page should offer what `permission` allows. A convenience only: every server
/// function checks again.
pub fn viewer_can(permission: Permission) -> bool {
    viewer().is_some_and(|a| a.can(permission))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_kind_keys_round_trip_and_are_distinct() {
        for k in PrincipalKind::ALL {
            assert_eq!(PrincipalKind::from_key(k.key()), Some(k));
        }
        assert_ne!(PrincipalKind::Staff.key(), PrincipalKind::ClientUser.key());
        assert_eq!(PrincipalKind::from_key("admin"), None);
    }
}
