//! Ticket input rules, statuses and priorities, and what the desk's pages show.

use serde::{Deserialize, Serialize};

use crate::kernel::i18n::t;
use crate::kernel::names::PersonName;
use crate::kernel::validation::{Email, ValidationError, clean_text, multiline_text};

/// Where a ticket stands, as in WHMCS. Stored by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Open,
    Answered,
    CustomerReply,
    OnHold,
    InProgress,
    Closed,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Self::Open,
        Self::Answered,
        Self::CustomerReply,
        Self::OnHold,
        Self::InProgress,
        Self::Closed,
    ];

    /// "Awaiting reply": the queue's default view and the Dashboard's count.
    pub const AWAITING_REPLY: [Status; 2] = [Self::Open, Self::CustomerReply];

    /// The stored value; never change one once released.
    pub fn key(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Answered => "answered",
            Self::CustomerReply => "customer_reply",
            Self::OnHold => "on_hold",
            Self::InProgress => "in_progress",
            Self::Closed => "closed",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> String {
        t(&format!("tickets-status-{}", self.key().replace('_', "-")))
    }

    /// The CSS class giving the status its colour.
    pub fn css(self) -> String {
        format!("status status-{}", self.key().replace('_', "-"))
    }

    pub fn awaits_reply(self) -> bool {
        Self::AWAITING_REPLY.contains(&self)
    }

    /// The status after a reply: staff answered, or the requester wrote (which also reopens a
    /// closed ticket).
    pub fn after_reply(self, by_staff: bool) -> Self {
        if by_staff {
            Self::Answered
        } else {
            Self::CustomerReply
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    Low,
    Medium,
    High,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Self::Low, Self::Medium, Self::High];

    pub fn key(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn label(self) -> String {
        t(&format!("tickets-priority-{}", self.key()))
    }
}

/// A ticket's subject: one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject(String);

impl Subject {
    pub const MAX_CHARS: usize = 255;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        clean_text(input, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A reply or note: required, several lines, at most 64 Ki characters. Stored as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    pub const MAX_CHARS: usize = 65_536;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let text = multiline_text(input, Self::MAX_CHARS)?;
        if text.is_empty() {
            return Err(ValidationError::Required);
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which field failed and why.
pub type FieldError = (&'static str, ValidationError);

/// A validated "open a ticket" form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub department_id: i32,
    pub priority: Priority,
    pub requester_name: PersonName,
    pub requester_email: Email,
    pub subject: Subject,
    pub body: MessageBody,
}

impl NewTicket {
    pub fn parse(
        department_id: &str,
        priority: &str,
        requester_name: &str,
        requester_email: &str,
        subject: &str,
        body: &str,
    ) -> Result<Self, FieldError> {
        Ok(Self {
            department_id: department_id
                .trim()
                .parse()
                .map_err(|_| ("department_id", ValidationError::UnknownChoice))?,
            priority: Priority::from_key(priority.trim())
                .ok_or(("priority", ValidationError::UnknownChoice))?,
            requester_name: PersonName::parse(requester_name).map_err(|e| ("requester_name", e))?,
            requester_email: Email::parse(requester_email).map_err(|e| ("requester_email", e))?,
            subject: Subject::parse(subject).map_err(|e| ("subject", e))?,
            body: MessageBody::parse(body).map_err(|e| ("body", e))?,
        })
    }
}

/// The queue's filters, as they appear in its address. Absent parameters are empty filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// A status key, `all`, or empty for "awaiting reply".
    pub status: String,
    /// A department id, or empty for every department the viewer sees.
    pub department: String,
    /// A priority key, or empty.
    pub priority: String,
    /// `mine` (assigned to the viewer), `unassigned`, or empty.
    pub assigned: String,
    /// Words to find in subjects and messages.
    pub q: String,
}

impl QueueFilter {
    /// The statuses the filter shows.
    pub fn statuses(&self) -> Vec<Status> {
        match self.status.trim() {
            "" | "awaiting" => Status::AWAITING_REPLY.to_vec(),
            "all" => Status::ALL.to_vec(),
            key => Status::from_key(key).into_iter().collect(),
        }
    }

    /// The filter as query parameters, for links.
    pub fn query(&self) -> String {
        [
            ("status", &self.status),
            ("department", &self.department),
            ("priority", &self.priority),
            ("assigned", &self.assigned),
            ("q", &self.q),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::kernel::http::urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketRow {
    pub reference: String,
    pub subject: String,
    pub department: String,
    pub status: Status,
    pub priority: Priority,
    pub requester: String,
    pub assigned: Option<String>,
    pub last_reply: String,
    pub last_reply_by_staff: bool,
}

/// A page of the queue, by last reply, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub rows: Vec<TicketRow>,
    /// Pass as `after` for the next page; None on the last page.
    pub next: Option<String>,
    /// Tickets per status in the departments the viewer sees.
    pub counts: Vec<(Status, i64)>,
    /// The departments the viewer sees: (id, name).
    pub departments: Vec<(i32, String)>,
    pub can_open: bool,
    /// Bulk actions the viewer may take.
    pub can_change: bool,
    pub can_assign: bool,
    /// May read the log of received email.
    pub can_see_mail: bool,
}

/// A file attached to a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i64,
    pub name: String,
    /// Readable size, such as "2.4 MB".
    pub size: String,
    /// A raster image, previewed in the thread.
    pub image: bool,
}

/// A size in bytes as people read it.
pub fn readable_size(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// What happened on a ticket since its page was loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// The newest message id now; the next call's `seen`.
    pub newest: i64,
    /// Messages newer than the page's, oldest first.
    pub messages: Vec<MessageView>,
    /// The other admins who have the ticket open.
    pub present: Vec<String>,
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub attachments: Vec<AttachmentView>,
    pub note: bool,
    pub by_staff: bool,
    pub author: String,
    pub at: String,
    pub body: String,
}

/// A ticket as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketView {
    pub reference: String,
    pub subject: String,
    pub department_id: i32,
    pub department: String,
    pub status: Status,
    pub priority: Priority,
    pub assigned_admin_id: Option<i32>,
    pub assigned: Option<String>,
    pub requester_name: String,
    pub requester_email: String,
    /// The client the ticket belongs to, when the viewer may see clients: (id, name).
    pub client: Option<(i32, String)>,
    pub created: String,
    pub last_reply: String,
    pub messages: Vec<MessageView>,
    /// The newest message id: the reply forms carry it, and the server refuses a message written
    /// while newer ones arrived.
    pub newest_message: i64,
    /// The viewer's unsent text on this ticket.
    pub draft: Option<String>,
    /// Other admins who have the ticket open now.
    pub present: Vec<String>,
    /// Predefined replies, filled in for this ticket.
    pub predefined: Vec<crate::predefined::model::Choice>,
    /// Departments the ticket may move to: (id, name).
    pub departments: Vec<(i32, String)>,
    /// Admins of the ticket's department it may be assigned to: (id, name).
    pub assignees: Vec<(i32, String)>,
    pub viewer_id: i32,
    pub can_reply: bool,
    /// May link the ticket to a client (change tickets, and view clients).
    pub can_link_client: bool,
    pub can_change: bool,
    pub can_assign: bool,
}

/// What the "open a ticket" form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenOptions {
    pub departments: Vec<(i32, String)>,
    /// The requester's name and address, when the form was opened from a client's Summary.
    pub requester: Option<(String, String)>,
}

/// Text split into plain runs and web links, for showing a message as text with its URLs
/// clickable. Only `http://` and `https://` addresses become links; everything else, markup
/// included, stays text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    Text(String),
    Link(String),
}

pub fn linkify(text: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut rest = text;
    while let Some(at) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''))
            .unwrap_or(tail.len());
        // Trailing punctuation belongs to the sentence, not the address.
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']']);
        let scheme_only = url == "https://" || url == "http://";
        if at > 0 {
            runs.push(Run::Text(rest[..at].to_owned()));
        }
        if scheme_only {
            runs.push(Run::Text(url.to_owned()));
        } else {
            runs.push(Run::Link(url.to_owned()));
        }
        rest = &rest[at + url.len().max(1)..];
    }
    if !rest.is_empty() {
        runs.push(Run::Text(rest.to_owned()));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys_round_trip_and_replies_move_the_status() {
        for s in Status::ALL {
            assert_eq!(Status::from_key(s.key()), Some(s));
        }
        assert_eq!(Status::Closed.after_reply(true), Status::Answered);
        assert_eq!(Status::Closed.after_reply(false), Status::CustomerReply);
        assert_eq!(Status::Answered.after_reply(false), Status::CustomerReply);
        assert!(Status::Open.awaits_reply() && Status::CustomerReply.awaits_reply());
        assert!(!Status::OnHold.awaits_reply());
    }

    #[test]
    fn message_bodies_are_required_bounded_and_kept_as_written() {
        assert_eq!(MessageBody::parse("  \n "), Err(ValidationError::Required));
        assert_eq!(
            MessageBody::parse(&"x".repeat(MessageBody::MAX_CHARS + 1)),
            Err(ValidationError::TooLong {
                max: MessageBody::MAX_CHARS
            })
        );
        assert_eq!(
            MessageBody::parse("<b>hi</b>\r\nthere").unwrap().as_str(),
            "<b>hi</b>\nthere"
        );
        assert_eq!(
            MessageBody::parse("nul\u{0}"),
            Err(ValidationError::ControlCharacter)
        );
    }

    #[test]
    fn a_new_ticket_names_its_first_bad_field() {
        assert_eq!(
            NewTicket::parse("x", "low", "Ann", "ann@example.com", "Hi", "Body"),
            Err(("department_id", ValidationError::UnknownChoice))
        );
        assert_eq!(
            NewTicket::parse("1", "urgent", "Ann", "ann@example.com", "Hi", "Body"),
            Err(("priority", ValidationError::UnknownChoice))
        );
        assert_eq!(
            NewTicket::parse("1", "low", "Ann", "ann@example.com", "", "Body"),
            Err(("subject", ValidationError::Required))
        );
        assert!(NewTicket::parse("1", "low", "Ann", "ann@example.com", "Hi", "Body").is_ok());
    }

    #[test]
    fn links_become_runs_and_markup_stays_text() {
        assert_eq!(
            linkify("see https://example.com/a?b=1. <script>"),
            vec![
                Run::Text("see ".into()),
                Run::Link("https://example.com/a?b=1".into()),
                Run::Text(". <script>".into()),
            ]
        );
        assert_eq!(
            linkify("javascript:alert(1) http://"),
            vec![
                Run::Text("javascript:alert(1) ".into()),
                Run::Text("http://".into())
            ]
        );
        assert_eq!(linkify(""), Vec::<Run>::new());
    }

    #[test]
    fn the_default_filter_is_awaiting_reply() {
        assert_eq!(
            QueueFilter::default().statuses(),
            vec![Status::Open, Status::CustomerReply]
        );
        assert_eq!(
            QueueFilter {
                status: "bogus".into(),
                ..Default::default()
            }
            .statuses(),
            vec![]
        );
    }

    /// Labels are looked up by a key made at run time, which the key scan cannot see.
    #[cfg(feature = "ssr")]
    #[test]
    fn every_status_and_priority_has_a_label_in_every_language() {
        use crate::kernel::i18n::{Lang, t_in};
        let keys = Status::ALL
            .iter()
            .map(|s| format!("tickets-status-{}", s.key().replace('_', "-")))
            .chain(
                Priority::ALL
                    .iter()
                    .map(|p| format!("tickets-priority-{}", p.key())),
            );
        for key in keys {
            for lang in Lang::ALL {
                assert_ne!(t_in(lang, &key, &[]), key, "{} lacks {key}", lang.code());
            }
        }
    }
}

/// A ticket as its requester sees it in the Client Area: never the notes, never who is assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequesterTicketRow {
    pub reference: String,
    pub subject: String,
    pub department: String,
    pub status: Status,
    pub last_reply: String,
}

/// One reply in the requester's view of a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequesterMessage {
    pub author: String,
    pub by_staff: bool,
    pub body: String,
    pub at: String,
}

/// A ticket's page in the Client Area: the replies only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequesterTicketView {
    pub reference: String,
    pub subject: String,
    pub department: String,
    pub status: Status,
    pub priority: Priority,
    pub created: String,
    pub messages: Vec<RequesterMessage>,
}

/// The departments a client may open a ticket in: the ones not hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequesterOptions {
    pub departments: Vec<(i32, String)>,
}
