//! Audit actions, filters and what the Activity Log shows.

use serde::{Deserialize, Serialize};

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
            .map(|(k, v)| format!("{k}={}", crate::kernel::http::urlencode(v)))
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
