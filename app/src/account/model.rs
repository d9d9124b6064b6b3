//! My Account input rules and what the page shows, shared by the browser and the server.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::invitations::model::department_key;
use crate::kernel::i18n::Lang;
use crate::kernel::names::PersonName;
use crate::kernel::validation::{Email, ValidationError, multiline_text};

/// The signature added under ticket replies: plain text, several lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature(String);

impl Signature {
    pub const MAX_CHARS: usize = 1000;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        multiline_text(input, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A validated profile form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileUpdate {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    pub language: Lang,
    pub signature: Signature,
    /// Department ids whose ticket notifications are ticked; only memberships count.
    pub notify: Vec<i32>,
    /// A ticket's messages newest first (otherwise oldest first).
    pub tickets_newest_first: bool,
}

impl ProfileUpdate {
    pub fn parse(
        first_name: &str,
        last_name: &str,
        email: &str,
        language: &str,
        signature: &str,
        notify: &HashMap<String, String>,
    ) -> Result<Self, (&'static str, ValidationError)> {
        let mut ids: Vec<i32> = notify
            .keys()
            .filter_map(|k| k.strip_prefix('d').and_then(|id| id.parse().ok()))
            .collect();
        ids.sort_unstable();
        Ok(Self {
            first_name: PersonName::parse(first_name).map_err(|e| ("first_name", e))?,
            last_name: PersonName::parse(last_name).map_err(|e| ("last_name", e))?,
            email: Email::parse(email).map_err(|e| ("email", e))?,
            language: Lang::from_code(language.trim())
                .ok_or(("language", ValidationError::UnknownChoice))?,
            signature: Signature::parse(signature).map_err(|e| ("signature", e))?,
            notify: ids,
            tickets_newest_first: false,
        })
    }
}

/// A department the admin belongs to, with its notification flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub department_id: i32,
    pub name: String,
    pub notify: bool,
}

impl Membership {
    pub fn field(&self) -> String {
        format!("notify[{}]", department_key(self.department_id))
    }
}

/// One of the admin's signed-in sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// The stored hash of the session id: enough to end it, useless to take it over.
    pub key: String,
    pub user_agent: String,
    pub ip: String,
    pub started: String,
    pub last_seen: String,
    pub current: bool,
}

/// Everything the My Account page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccount {
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: String,
    pub language: Lang,
    pub signature: String,
    pub tickets_newest_first: bool,
    pub memberships: Vec<Membership>,
    pub sessions: Vec<SessionView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_form_reads_notifications_and_refuses_unknown_languages() {
        let notify: HashMap<String, String> = [
            ("d4".to_owned(), "on".to_owned()),
            ("junk".to_owned(), "on".to_owned()),
        ]
        .into();
        let parsed = ProfileUpdate::parse(
            "Ada",
            "Lovelace",
            "ADA@example.com",
            "de",
            "Ada\r\nSupport",
            &notify,
        )
        .unwrap();
        assert_eq!(parsed.notify, vec![4]);
        assert_eq!(parsed.language, Lang::De);
        assert_eq!(parsed.signature.as_str(), "Ada\nSupport");
        assert_eq!(
            ProfileUpdate::parse("Ada", "L", "a@example.com", "xx", "", &notify).unwrap_err(),
            ("language", ValidationError::UnknownChoice)
        );
        assert_eq!(
            ProfileUpdate::parse(
                "Ada",
                "L",
                "a@example.com",
                "en",
                &"x".repeat(1001),
                &notify
            )
            .unwrap_err(),
            ("signature", ValidationError::TooLong { max: 1000 })
        );
    }
}
