//! Announcement input rules, and announcements as staff and readers see them.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::kernel::validation::{ValidationError, clean_text, multiline_text};

/// The longest body, in characters.
pub const BODY_MAX: usize = 50_000;

/// Where an announcement stands for readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Not published: staff only.
    Draft,
    /// Published, with a publish time still to come.
    Scheduled,
    /// Readers see it.
    Live,
}

impl Stage {
    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Draft => "announcements-stage-draft",
            Self::Scheduled => "announcements-stage-scheduled",
            Self::Live => "announcements-stage-live",
        })
    }

    pub fn badge(self) -> &'static str {
        match self {
            Self::Draft => "badge",
            Self::Scheduled => "badge warn",
            Self::Live => "badge ok",
        }
    }
}

/// An announcement as staff manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementAdmin {
    pub id: i32,
    pub title: String,
    /// The Markdown, for the editor.
    pub body: String,
    pub html: String,
    pub published: bool,
    pub stage: Stage,
    /// The publish time as it reads, and as the form's field holds it.
    pub publish: String,
    pub publish_input: String,
    pub email_clients: bool,
    /// How the emailing stands, in words.
    pub mailing: String,
    pub author: String,
    pub updated: String,
    pub version: i32,
}

/// One announcement in a reader's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementItem {
    pub id: i32,
    pub title: String,
    pub date: String,
    /// The start of its text.
    pub excerpt: String,
}

/// A page of the readers' list, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementList {
    pub items: Vec<AnnouncementItem>,
    /// 1-based.
    pub page: u64,
    pub pages: u64,
}

/// One announcement as readers see it (never its Markdown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementRead {
    pub id: i32,
    pub title: String,
    pub date: String,
    pub html: String,
}

/// A validated announcement form.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncementInput {
    pub title: String,
    pub body: String,
    pub published: bool,
    /// `None`: now.
    pub publish_at: Option<chrono::DateTime<chrono::Utc>>,
    pub email_clients: bool,
}

#[cfg(feature = "ssr")]
impl AnnouncementInput {
    pub const TITLE_MAX: usize = 200;
    pub const BODY_MAX: usize = BODY_MAX;

    pub fn parse(
        title: &str,
        body: &str,
        published: bool,
        publish_at: &str,
        email_clients: bool,
    ) -> Result<Self, (&'static str, ValidationError)> {
        let title = clean_text(title, Self::TITLE_MAX).map_err(|e| ("title", e))?;
        let body = multiline_text(body, Self::BODY_MAX).map_err(|e| ("body", e))?;
        if body.is_empty() {
            return Err(("body", ValidationError::Required));
        }
        let publish_at = match publish_at.trim() {
            "" => None,
            text => {
                Some(crate::kernel::time::parse_utc_minute(text).map_err(|e| ("publish_at", e))?)
            }
        };
        Ok(Self {
            title,
            body,
            published,
            publish_at,
            email_clients,
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_checked_field_by_field() {
        let ok = AnnouncementInput::parse(" News ", "Body\r\nline", true, "2026-12-24T09:30", true)
            .unwrap();
        assert_eq!(ok.title, "News");
        assert_eq!(ok.body, "Body\nline");
        assert_eq!(
            ok.publish_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-12-24T09:30:00+00:00")
        );
        assert_eq!(
            AnnouncementInput::parse("", "b", true, "", false),
            Err(("title", ValidationError::Required))
        );
        assert_eq!(
            AnnouncementInput::parse("t", "  ", true, "", false),
            Err(("body", ValidationError::Required))
        );
        assert_eq!(
            AnnouncementInput::parse("t", "b", true, "24.12.2026", false),
            Err(("publish_at", ValidationError::DateTimeFormat))
        );
        assert_eq!(
            AnnouncementInput::parse("t", &"x".repeat(BODY_MAX + 1), true, "", false),
            Err(("body", ValidationError::TooLong { max: BODY_MAX }))
        );
        assert!(
            AnnouncementInput::parse("t", "b", false, "", false)
                .unwrap()
                .publish_at
                .is_none()
        );
    }
}
