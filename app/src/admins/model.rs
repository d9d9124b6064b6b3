//! Staff editing rules and what the staff pages show, shared by the browser and the server.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::invitations::model::{RoleOption, chosen_departments};
use crate::kernel::i18n::t;
use crate::kernel::names::PersonName;
use crate::kernel::validation::{Email, ValidationError};

/// A validated Edit Administrator form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminUpdate {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    pub role_id: i32,
    /// (department id, ticket notifications)
    pub departments: Vec<(i32, bool)>,
    /// The version the form was loaded with.
    pub version: crate::kernel::concurrency::Expected,
}

impl AdminUpdate {
    pub fn parse(
        first_name: &str,
        last_name: &str,
        email: &str,
        role_id: &str,
        departments: &HashMap<String, String>,
        notify: &HashMap<String, String>,
    ) -> Result<Self, (&'static str, ValidationError)> {
        Ok(Self {
            first_name: PersonName::parse(first_name).map_err(|e| ("first_name", e))?,
            last_name: PersonName::parse(last_name).map_err(|e| ("last_name", e))?,
            email: Email::parse(email).map_err(|e| ("email", e))?,
            role_id: role_id
                .trim()
                .parse()
                .map_err(|_| ("role_id", ValidationError::UnknownChoice))?,
            departments: chosen_departments(departments, notify),
            version: crate::kernel::concurrency::Expected(None),
        })
    }

    /// With the version the form was loaded with (its hidden `version` field).
    pub fn with_version(mut self, version: &str) -> Result<Self, (&'static str, ValidationError)> {
        self.version =
            crate::kernel::concurrency::Expected::parse(version).map_err(|e| ("version", e))?;
        Ok(self)
    }
}

/// A department on the Edit Administrator form, with the admin's membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentChoice {
    pub id: i32,
    pub name: String,
    pub hidden: bool,
    pub member: bool,
    pub notify: bool,
}

/// Everything the Edit Administrator page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminDetail {
    pub id: i32,
    /// The row's version, carried by the form (optimistic concurrency).
    pub version: i32,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role_id: i32,
    pub disabled: bool,
    /// The admin has two-factor authentication on (or a set-up started).
    pub two_factor: bool,
    /// The signed-in admin is looking at their own account.
    pub is_self: bool,
    /// Roles the signed-in admin may give, plus the admin's current role.
    pub roles: Vec<RoleOption>,
    pub departments: Vec<DepartmentChoice>,
    /// Why the signed-in admin may not change this account, if they may not.
    pub locked_reason: Option<String>,
}

/// Why a set-password link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetProblem {
    NotFound,
    Expired,
    Superseded,
    Used,
    AccountDisabled,
}

impl ResetProblem {
    pub fn status(self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::AccountDisabled => 403,
            _ => 410,
        }
    }

    pub fn code(self) -> crate::kernel::ErrorCode {
        match self {
            Self::NotFound => crate::kernel::ErrorCode::ResetNotFound,
            Self::Expired => crate::kernel::ErrorCode::ResetExpired,
            Self::Superseded => crate::kernel::ErrorCode::ResetSuperseded,
            Self::Used => crate::kernel::ErrorCode::ResetUsed,
            Self::AccountDisabled => crate::kernel::ErrorCode::AccountDisabled,
        }
    }

    pub fn title(self) -> String {
        t(match self {
            Self::NotFound => "link-reset-not-found-title",
            Self::Expired => "link-reset-expired-title",
            Self::Superseded => "link-reset-superseded-title",
            Self::Used => "link-reset-used-title",
            Self::AccountDisabled => "link-reset-disabled-title",
        })
    }

    pub fn explanation(self) -> String {
        t(match self {
            Self::NotFound => "link-not-found-text",
            Self::Expired => "link-reset-expired-text",
            Self::Superseded => "link-reset-superseded-text",
            Self::Used => "link-reset-used-text",
            Self::AccountDisabled => "link-reset-disabled-text",
        })
    }
}

/// The answer for `/reset/{token}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetLookup {
    Valid {
        full_name: String,
        username: String,
        expires_at: String,
    },
    Problem(ResetProblem),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_form_reads_departments_and_refuses_a_bad_role() {
        let departments: HashMap<String, String> = [
            ("d3".to_owned(), "on".to_owned()),
            ("d1".to_owned(), "on".to_owned()),
        ]
        .into();
        let notify: HashMap<String, String> = [("d1".to_owned(), "on".to_owned())].into();
        let parsed = AdminUpdate::parse(
            "Ada",
            "Lovelace",
            "ADA@example.com",
            "2",
            &departments,
            &notify,
        )
        .unwrap();
        assert_eq!(parsed.departments, vec![(1, true), (3, false)]);
        assert_eq!(parsed.email.as_str(), "ada@example.com");
        assert_eq!(
            AdminUpdate::parse("Ada", "L", "a@example.com", "x", &departments, &notify)
                .unwrap_err(),
            ("role_id", ValidationError::UnknownChoice)
        );
        assert_eq!(
            AdminUpdate::parse("", "L", "a@example.com", "2", &departments, &notify).unwrap_err(),
            ("first_name", ValidationError::Required)
        );
    }
}

/// One page of the Administrators list: staff and open invitations, each with the cursor of its
/// next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminsPage {
    pub admins: Vec<AdminRow>,
    pub next_admins: Option<i32>,
    pub pending: Vec<crate::invitations::model::PendingInvitation>,
    pub next_pending: Option<i32>,
}

/// A row of the Administrators list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRow {
    pub id: i32,
    pub name: String,
    pub username: String,
    pub email: String,
    pub role: String,
    pub departments: Vec<String>,
    pub last_login: Option<String>,
    pub disabled: bool,
}
