//! What the users feature shows and parses: a client's users and pending invitations, the
//! invitation form, and what an invitation link leads to.

use serde::{Deserialize, Serialize};

use crate::kernel::ClientPermission;
use crate::kernel::validation::{Email, ValidationError};

/// Which field failed and why.
pub type FieldError = (&'static str, ValidationError);

/// The label of a form field, for messages that name it.
pub fn field_label(field: &str) -> String {
    crate::kernel::i18n::t(match field {
        "email" => "users-field-email",
        "first_name" => "users-field-first-name",
        "last_name" => "users-field-last-name",
        "password" => "users-field-password",
        "password_confirmation" => "users-field-password-confirmation",
        "current_password" => "users-field-current-password",
        "language" => "users-field-language",
        _ => "users-field-permissions",
    })
}

/// The permission checkboxes a form posted, one optional field each (`perm_<key>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionBoxes {
    #[serde(default)]
    pub perm_profile: Option<String>,
    #[serde(default)]
    pub perm_contacts: Option<String>,
    #[serde(default)]
    pub perm_services: Option<String>,
    #[serde(default)]
    pub perm_invoices: Option<String>,
    #[serde(default)]
    pub perm_tickets: Option<String>,
    #[serde(default)]
    pub perm_users: Option<String>,
}

impl PermissionBoxes {
    /// The ticked permissions.
    pub fn chosen(&self) -> Vec<ClientPermission> {
        use ClientPermission::*;
        [
            (Profile, &self.perm_profile),
            (Contacts, &self.perm_contacts),
            (Services, &self.perm_services),
            (Invoices, &self.perm_invoices),
            (Tickets, &self.perm_tickets),
            (ManageUsers, &self.perm_users),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(p, _)| p)
        .collect()
    }
}

/// The name of a permission's checkbox.
pub fn box_name(permission: ClientPermission) -> String {
    format!("perm_{}", permission.key())
}

/// A validated invitation: who, and with which permissions (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUserInvite {
    pub email: Email,
    pub permissions: Vec<ClientPermission>,
}

impl NewUserInvite {
    pub fn parse(email: &str, boxes: &PermissionBoxes) -> Result<Self, FieldError> {
        let email = Email::parse(email).map_err(|e| ("email", e))?;
        let permissions = boxes.chosen();
        if permissions.is_empty() {
            return Err(("permissions", ValidationError::Required));
        }
        Ok(Self { email, permissions })
    }
}

/// One user of a client, as the Users section lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub owner: bool,
    pub permissions: Vec<ClientPermission>,
    /// Formatted; None when the user never logged in.
    pub last_login: Option<String>,
    pub version: i32,
}

/// An invitation still waiting for its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingUserInvitation {
    pub id: i32,
    pub email: String,
    pub permissions: Vec<ClientPermission>,
    pub invited_by: String,
    pub expires: String,
    pub expired: bool,
}

/// A client's users and invitations, and what the viewer may do with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersSection {
    pub client_id: i32,
    pub users: Vec<UserRow>,
    pub pending: Vec<PendingUserInvitation>,
    pub can_manage: bool,
    /// Staff only: may open the Client Area as the owner (and there is one).
    pub can_log_in_as: bool,
    pub has_owner: bool,
}

/// Why an invitation or reset link does not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkProblem {
    Unknown,
    Expired,
    Used,
    Cancelled,
}

impl LinkProblem {
    pub fn message(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Unknown => "users-link-unknown",
            Self::Expired => "users-link-expired",
            Self::Used => "users-link-used",
            Self::Cancelled => "users-link-cancelled",
        })
    }
}

/// The account page's two-factor section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserTwoFactorStatus {
    /// When enrolment was confirmed; None when two-factor is off.
    pub enabled_at: Option<String>,
    pub recovery_codes_left: u64,
    /// An enrolment waiting for its first code.
    pub setup: Option<crate::two_factor::model::Enrolment>,
}

/// What an invitation link leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationLookup {
    /// A person without an account: they choose their name and password.
    New {
        client_name: String,
        email: String,
    },
    /// The address already has an account: they log in (as it) and accept.
    Existing {
        client_name: String,
        email: String,
        /// The visitor is signed in to the Client Area as the invited address.
        signed_in: bool,
    },
    Problem(LinkProblem),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_needs_an_address_and_a_permission() {
        let boxes = PermissionBoxes {
            perm_tickets: Some("on".into()),
            ..Default::default()
        };
        let invite = NewUserInvite::parse(" Bo@Example.COM ", &boxes).unwrap();
        assert_eq!(invite.email.as_str(), "bo@example.com");
        assert_eq!(invite.permissions, vec![ClientPermission::Tickets]);
        assert_eq!(
            NewUserInvite::parse("bo@example.com", &PermissionBoxes::default()),
            Err(("permissions", ValidationError::Required))
        );
        assert_eq!(
            NewUserInvite::parse("nope", &boxes).map_err(|e| e.0),
            Err("email")
        );
    }

    #[test]
    fn every_permission_has_its_own_box() {
        for p in ClientPermission::ALL {
            let mut boxes = PermissionBoxes::default();
            let json = serde_json::json!({ box_name(p): "on" });
            boxes = serde_json::from_value(json).unwrap_or(boxes);
            assert_eq!(boxes.chosen(), vec![p]);
        }
    }
}
