//! Invitation input rules and what the pages show, shared by the browser and the server.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::kernel::credentials::Username;
use crate::kernel::i18n::{Lang, t};
use crate::kernel::names::PersonName;
use crate::kernel::validation::{Email, ValidationError};

/// Form keys for department checkboxes: `departments[d<id>]` and `notify[d<id>]`.
pub fn department_key(id: i32) -> String {
    format!("d{id}")
}

/// The ticked department checkboxes as (department id, ticket notifications), sorted by id.
pub fn chosen_departments(
    departments: &HashMap<String, String>,
    notify: &HashMap<String, String>,
) -> Vec<(i32, bool)> {
    let mut chosen: Vec<(i32, bool)> = departments
        .keys()
        .filter_map(|k| k.strip_prefix('d').and_then(|id| id.parse::<i32>().ok()))
        .map(|id| (id, notify.contains_key(&department_key(id))))
        .collect();
    chosen.sort_unstable();
    chosen
}

/// A validated Add an Admin form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    pub username: Option<Username>,
    pub role_id: i32,
    /// (department id, ticket notifications)
    pub departments: Vec<(i32, bool)>,
    /// The language of the email and of the new admin's account; None: the organization default.
    pub language: Option<Lang>,
}

impl NewInvitation {
    pub fn parse(
        first_name: &str,
        last_name: &str,
        email: &str,
        username: &str,
        role_id: &str,
        departments: &HashMap<String, String>,
        notify: &HashMap<String, String>,
    ) -> Result<Self, (&'static str, ValidationError)> {
        let username = if username.trim().is_empty() {
            None
        } else {
            Some(Username::parse(username).map_err(|e| ("username", e))?)
        };
        let chosen = chosen_departments(departments, notify);
        Ok(Self {
            first_name: PersonName::parse(first_name).map_err(|e| ("first_name", e))?,
            last_name: PersonName::parse(last_name).map_err(|e| ("last_name", e))?,
            email: Email::parse(email).map_err(|e| ("email", e))?,
            username,
            role_id: role_id
                .trim()
                .parse()
                .map_err(|_| ("role_id", ValidationError::Required))?,
            departments: chosen,
            language: None,
        })
    }

    /// The language picked on the form; empty means the organization default.
    pub fn with_language(mut self, code: &str) -> Result<Self, (&'static str, ValidationError)> {
        self.language = match code.trim() {
            "" => None,
            code => {
                Some(Lang::from_code(code).ok_or(("language", ValidationError::UnknownChoice))?)
            }
        };
        Ok(self)
    }
}

/// A role offered on Add an Admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleOption {
    pub id: i32,
    pub name: String,
}

/// A department offered on Add an Admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentOption {
    pub id: i32,
    pub name: String,
}

/// Where an invitation's email is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailStatus {
    Queued,
    Sent,
    Failed { attempts: i32, error: String },
}

/// A row of the Pending invitations list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: String,
    pub invited_by: String,
    pub sent_at: String,
    pub expires_at: String,
    pub expired: bool,
    pub mail: MailStatus,
}

/// What the invitee sees on a valid invitation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptView {
    pub full_name: String,
    pub email: String,
    pub role: String,
    pub preset_username: Option<String>,
    pub expires_at: String,
    pub organization: String,
}

/// Why a link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkProblem {
    NotFound,
    Expired,
    Cancelled,
    Superseded,
    Used,
}

impl LinkProblem {
    pub fn status(self) -> u16 {
        match self {
            Self::NotFound => 404,
            _ => 410,
        }
    }

    pub fn code(self) -> crate::kernel::ErrorCode {
        match self {
            Self::NotFound => crate::kernel::ErrorCode::InviteNotFound,
            Self::Expired => crate::kernel::ErrorCode::InviteExpired,
            Self::Cancelled => crate::kernel::ErrorCode::InviteCancelled,
            Self::Superseded => crate::kernel::ErrorCode::InviteSuperseded,
            Self::Used => crate::kernel::ErrorCode::InviteUsed,
        }
    }

    pub fn title(self) -> String {
        t(match self {
            Self::NotFound => "link-invite-not-found-title",
            Self::Expired => "link-invite-expired-title",
            Self::Cancelled => "link-invite-cancelled-title",
            Self::Superseded => "link-invite-superseded-title",
            Self::Used => "link-invite-used-title",
        })
    }

    pub fn explanation(self) -> String {
        t(match self {
            Self::NotFound => "link-not-found-text",
            Self::Expired => "link-invite-expired-text",
            Self::Cancelled => "link-invite-cancelled-text",
            Self::Superseded => "link-invite-superseded-text",
            Self::Used => "link-invite-used-text",
        })
    }
}

/// The answer for `/invite/{token}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationLookup {
    Valid(AcceptView),
    Problem {
        problem: LinkProblem,
        /// The inviting admin's name and email, when known, for the "contact" line.
        contact: Option<(String, String)>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(keys: &[&str]) -> HashMap<String, String> {
        keys.iter()
            .map(|k| ((*k).to_owned(), "on".to_owned()))
            .collect()
    }

    #[test]
    fn departments_and_their_notification_flags_are_read_from_checkbox_keys() {
        let parsed = NewInvitation::parse(
            "Ada",
            "Lovelace",
            "ada@example.com",
            "",
            "2",
            &map(&["d3", "d1", "junk"]),
            &map(&["d3", "d9"]),
        )
        .and_then(|p| p.with_language("de"))
        .unwrap();
        assert_eq!(parsed.departments, vec![(1, false), (3, true)]);
        assert_eq!(parsed.username, None);
        assert_eq!(parsed.role_id, 2);
        assert_eq!(parsed.language, Some(Lang::De));
    }

    #[test]
    fn a_preset_username_follows_the_username_rules() {
        let err = NewInvitation::parse(
            "Ada",
            "Lovelace",
            "ada@example.com",
            "9ada",
            "1",
            &map(&[]),
            &map(&[]),
        )
        .unwrap_err();
        assert_eq!(err, ("username", ValidationError::UsernameStart));
    }

    #[test]
    fn a_missing_role_is_reported_on_the_role_field() {
        let err = NewInvitation::parse(
            "Ada",
            "Lovelace",
            "ada@example.com",
            "",
            "",
            &map(&[]),
            &map(&[]),
        )
        .unwrap_err();
        assert_eq!(err.0, "role_id");
    }
}
