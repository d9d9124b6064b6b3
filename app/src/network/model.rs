//! Network issue input rules and the issue as pages show it.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::kernel::validation::{ValidationError, clean_text, multiline_text};

/// What kind of thing the issue is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IssueKind {
    Server,
    System,
    Other,
}

impl IssueKind {
    pub const ALL: [IssueKind; 3] = [Self::Server, Self::System, Self::Other];

    pub fn key(self) -> &'static str {
        match self {
            Self::Server => "server",
            Self::System => "system",
            Self::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Server => "network-kind-server",
            Self::System => "network-kind-system",
            Self::Other => "network-kind-other",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IssuePriority {
    Low,
    Medium,
    High,
    Critical,
}

impl IssuePriority {
    pub const ALL: [IssuePriority; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    pub fn key(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Low => "network-priority-low",
            Self::Medium => "network-priority-medium",
            Self::High => "network-priority-high",
            Self::Critical => "network-priority-critical",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IssueStatus {
    Reported,
    Investigating,
    InProgress,
    Outage,
    Scheduled,
    Resolved,
}

impl IssueStatus {
    pub const ALL: [IssueStatus; 6] = [
        Self::Reported,
        Self::Investigating,
        Self::InProgress,
        Self::Outage,
        Self::Scheduled,
        Self::Resolved,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Reported => "reported",
            Self::Investigating => "investigating",
            Self::InProgress => "in_progress",
            Self::Outage => "outage",
            Self::Scheduled => "scheduled",
            Self::Resolved => "resolved",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Reported => "network-status-reported",
            Self::Investigating => "network-status-investigating",
            Self::InProgress => "network-status-in-progress",
            Self::Outage => "network-status-outage",
            Self::Scheduled => "network-status-scheduled",
            Self::Resolved => "network-status-resolved",
        })
    }

    /// Open: happening now (neither planned nor over).
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Scheduled | Self::Resolved)
    }
}

/// A validated network issue form. Times are whole minutes in UTC.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueInput {
    pub title: String,
    pub kind: IssueKind,
    pub affects: String,
    pub priority: IssuePriority,
    pub status: IssueStatus,
    pub description: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A product name the affected services share; the service checks that services have it.
    pub service_group: Option<String>,
}

#[cfg(feature = "ssr")]
impl IssueInput {
    pub const TITLE_MAX: usize = 200;
    pub const AFFECTS_MAX: usize = 200;
    pub const DESCRIPTION_MAX: usize = 5000;

    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        title: &str,
        kind: &str,
        affects: &str,
        priority: &str,
        status: &str,
        description: &str,
        starts_at: &str,
        ends_at: &str,
    ) -> Result<Self, (&'static str, ValidationError)> {
        let title = clean_text(title, Self::TITLE_MAX).map_err(|e| ("title", e))?;
        let kind =
            IssueKind::from_key(kind.trim()).ok_or(("kind", ValidationError::UnknownChoice))?;
        let affects = if affects.trim().is_empty() {
            String::new()
        } else {
            clean_text(affects, Self::AFFECTS_MAX).map_err(|e| ("affects", e))?
        };
        let priority = IssuePriority::from_key(priority.trim())
            .ok_or(("priority", ValidationError::UnknownChoice))?;
        let status = IssueStatus::from_key(status.trim())
            .ok_or(("status", ValidationError::UnknownChoice))?;
        let description =
            multiline_text(description, Self::DESCRIPTION_MAX).map_err(|e| ("description", e))?;
        if starts_at.trim().is_empty() {
            return Err(("starts_at", ValidationError::Required));
        }
        let starts_at =
            crate::kernel::time::parse_utc_minute(starts_at).map_err(|e| ("starts_at", e))?;
        let ends_at = match ends_at.trim() {
            "" => None,
            text => Some(crate::kernel::time::parse_utc_minute(text).map_err(|e| ("ends_at", e))?),
        };
        if ends_at.is_some_and(|end| end < starts_at) {
            return Err(("ends_at", ValidationError::EndBeforeStart));
        }
        Ok(Self {
            title,
            kind,
            affects,
            priority,
            status,
            description,
            starts_at,
            ends_at,
            service_group: None,
        })
    }

    /// The form's service group: empty for none.
    pub fn with_service_group(
        mut self,
        group: &str,
    ) -> Result<Self, (&'static str, ValidationError)> {
        self.service_group = match group.trim() {
            "" => None,
            name => Some(clean_text(name, Self::AFFECTS_MAX).map_err(|e| ("service_group", e))?),
        };
        Ok(self)
    }
}

/// A validated update to append.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateInput {
    pub body: String,
    /// The status the update moves the issue to, if any.
    pub status: Option<IssueStatus>,
}

#[cfg(feature = "ssr")]
impl UpdateInput {
    pub const BODY_MAX: usize = 5000;

    pub fn parse(body: &str, status: &str) -> Result<Self, (&'static str, ValidationError)> {
        let body = multiline_text(body, Self::BODY_MAX).map_err(|e| ("body", e))?;
        if body.is_empty() {
            return Err(("body", ValidationError::Required));
        }
        let status = match status.trim() {
            "" => None,
            key => {
                Some(IssueStatus::from_key(key).ok_or(("status", ValidationError::UnknownChoice))?)
            }
        };
        Ok(Self { body, status })
    }
}

/// One update under an issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateView {
    pub body: String,
    /// The status label it set, if it set one.
    pub status: Option<String>,
    pub author: String,
    /// "2026-12-01 10:00 UTC".
    pub at: String,
}

/// A network issue as the pages show it (labels translated on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueView {
    pub id: i32,
    pub title: String,
    pub kind: IssueKind,
    pub kind_label: String,
    pub affects: String,
    /// The service group it affects, if staff chose one.
    pub service_group: Option<String>,
    /// In the Client Area: whether the group is one of the reader's client's services.
    pub affects_you: bool,
    pub priority: IssuePriority,
    pub priority_label: String,
    pub status: IssueStatus,
    pub status_label: String,
    pub description: String,
    /// "2026-12-01 10:00 UTC", and the form's `2026-12-01T10:00`.
    pub starts: String,
    pub starts_input: String,
    pub ends: Option<String>,
    pub ends_input: String,
    pub updated: String,
    pub version: i32,
    /// Oldest first.
    pub updates: Vec<UpdateView>,
}

/// The status page: what is happening now, what is planned, and what was resolved lately.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusBoard {
    pub open: Vec<IssueView>,
    pub scheduled: Vec<IssueView>,
    pub resolved: Vec<IssueView>,
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn parse(start: &str, end: &str) -> Result<IssueInput, (&'static str, ValidationError)> {
        IssueInput::parse(
            "Router down",
            "server",
            "London rack 4",
            "high",
            "outage",
            "",
            start,
            end,
        )
    }

    #[test]
    fn times_are_utc_minutes_and_the_end_is_not_before_the_start() {
        let ok = parse("2026-12-01T10:00", "2026-12-01T12:30").unwrap();
        assert_eq!(ok.starts_at.to_rfc3339(), "2026-12-01T10:00:00+00:00");
        assert_eq!(
            parse("2026-12-01T10:00", "2026-12-01T09:59").unwrap_err(),
            ("ends_at", ValidationError::EndBeforeStart)
        );
        assert_eq!(
            parse("", "").unwrap_err(),
            ("starts_at", ValidationError::Required)
        );
        assert_eq!(
            parse("tomorrow", "").unwrap_err(),
            ("starts_at", ValidationError::DateTimeFormat)
        );
        assert!(parse("2026-12-01 10:00", "").unwrap().ends_at.is_none());
    }

    #[test]
    fn a_blank_title_or_an_unknown_choice_names_its_field() {
        let err = IssueInput::parse(
            " ",
            "server",
            "",
            "high",
            "outage",
            "",
            "2026-12-01T10:00",
            "",
        )
        .unwrap_err();
        assert_eq!(err, ("title", ValidationError::Required));
        let err = IssueInput::parse(
            "X",
            "planet",
            "",
            "high",
            "outage",
            "",
            "2026-12-01T10:00",
            "",
        )
        .unwrap_err();
        assert_eq!(err.0, "kind");
        assert_eq!(UpdateInput::parse("  ", "").unwrap_err().0, "body");
        assert_eq!(
            UpdateInput::parse("Fixed", "resolved").unwrap().status,
            Some(IssueStatus::Resolved)
        );
    }
}
