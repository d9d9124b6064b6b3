//! Email in: one message as an MTA hands it over (`server pipe`), matched to its ticket or opening
//! a new one. Every message is kept as it came, with a row in the import log saying what became
//! of it; loops and duplicates are recognised and dropped, never silently.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use mail_parser::{MessageParser, MimeHeaders};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, SqlErr, TransactionSession, TransactionTrait,
};

use super::attachments::{self, Limits, Pending, Upload};
use super::model::{MessageBody, NewTicket, Priority, Subject};
use super::service::{self, Desk, TicketError};
use crate::entities::{department, mail_import, ticket, ticket_mail_id};
use crate::kernel::audit::{self, Action, Actor, Event, Target};
use crate::kernel::names::PersonName;
use crate::kernel::validation::Email;

/// The line above which a requester writes their reply; what follows it is the quoted thread.
pub const REPLY_ABOVE: &str = "##- Reply above this line -##";

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Reply(String),
    NewTicket(String),
    Duplicate,
    Loop(String),
    Refused(String),
}

impl Outcome {
    pub fn key(&self) -> &'static str {
        match self {
            Self::Reply(_) => "reply",
            Self::NewTicket(_) => "new_ticket",
            Self::Duplicate => "duplicate",
            Self::Loop(_) => "loop",
            Self::Refused(_) => "refused",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InboundError {
    /// Not an email message at all: the MTA should bounce it.
    #[error("malformed message: {0}")]
    Malformed(String),
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("cannot store an attachment: {0}")]
    Io(#[from] std::io::Error),
}

/// What receiving needs besides the database.
pub struct Mailroom<'a> {
    pub desk: Desk<'a>,
    /// The product's own From address: mail from it is our own, come back.
    pub own_address: String,
    pub limits: Limits,
    pub attachment_dir: PathBuf,
}

impl<'a> Mailroom<'a> {
    pub fn from_settings(settings: &'a crate::kernel::settings::Settings) -> Self {
        Self {
            desk: Desk::from_settings(settings),
            own_address: address_of(&settings.mail.from),
            limits: Limits::from_settings(&settings.tickets),
            attachment_dir: attachments::directory(&settings.server.data_dir),
        }
    }
}

/// The part between `<` and `>` of a From setting such as `Staffdesk <desk@example.com>`.
pub fn address_of(from: &str) -> String {
    match (from.rfind('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => from[a + 1..b].trim().to_lowercase(),
        _ => from.trim().to_lowercase(),
    }
}

/// The reply without the quoted thread: everything from the marker line on is dropped, with the
/// "On … wrote:" line a mail program puts above the quote.
pub fn trim_quoted(text: &str) -> String {
    let Some(at) = text.find(REPLY_ABOVE) else {
        return text.trim().to_owned();
    };
    let mut lines: Vec<&str> = text[..at].lines().collect();
    // The marker's own line may begin with quote marks.
    if lines
        .last()
        .is_some_and(|l| l.trim_start_matches(['>', ' ']).is_empty())
    {
        lines.pop();
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if lines.last().is_some_and(|l| {
        let l = l.trim_end();
        l.ends_with("wrote:") || l.ends_with("schrieb:") || l.ends_with("escribió:")
    }) {
        lines.pop();
    }
    lines.join("\n").trim().to_owned()
}

/// The reference in a subject such as `Re: [Ticket KTR-482913] Printer`.
pub fn reference_in(subject: &str) -> Option<String> {
    let at = subject.find("[Ticket ")?;
    let candidate = subject.get(at + 8..at + 18)?;
    (service::is_reference(candidate) && subject[at + 18..].starts_with(']'))
        .then(|| candidate.to_owned())
}

fn bracketed(id: &str) -> String {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    format!("<{id}>")
}

/// The ticket a message answers, by the Message-IDs it refers to (the desk's own mail).
async fn by_thread(
    db: &impl ConnectionTrait,
    ids: &[String],
) -> Result<Option<ticket::Model>, DbErr> {
    for id in ids.iter().rev() {
        let id = bracketed(id);
        if let Some(known) = ticket_mail_id::Entity::find_by_id(id.clone())
            .one(db)
            .await?
        {
            return ticket::Entity::find_by_id(known.ticket_id).one(db).await;
        }
        if let Some(t) = ticket::Entity::find()
            .filter(ticket::Column::ThreadId.eq(id))
            .one(db)
            .await?
        {
            return Ok(Some(t));
        }
    }
    Ok(None)
}

/// Receives one raw message. A malformed one is logged and answered with an error (for the MTA
/// to bounce); every other comes back with its outcome, logged and audited.
pub async fn receive<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    room: &Mailroom<'_>,
    now: DateTime<Utc>,
    raw: &[u8],
) -> Result<Outcome, InboundError> {
    let parsed = MessageParser::default().parse(raw);
    let sender = parsed
        .as_ref()
        .and_then(|m| m.from())
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(str::to_lowercase);
    let (Some(message), Some(sender)) = (parsed, sender) else {
        let reason = "not an email message with a From address".to_owned();
        log(
            db,
            now,
            None,
            "",
            "",
            &Outcome::Refused(reason.clone()),
            None,
            raw,
        )
        .await?;
        return Err(InboundError::Malformed(reason));
    };
    let message_id = message.message_id().map(bracketed);
    let subject = message.subject().unwrap_or_default().trim().to_owned();
    let record =
        async |outcome: Outcome, ticket_id: Option<i32>| -> Result<Outcome, InboundError> {
            log(
                db,
                now,
                message_id.as_deref(),
                &sender,
                &subject,
                &outcome,
                ticket_id,
                raw,
            )
            .await?;
            Ok(outcome)
        };
    // Seen before (the MTA retried, or the message came twice): ignored.
    if let Some(id) = &message_id
        && mail_import::Entity::find()
            .filter(mail_import::Column::MessageId.eq(id.clone()))
            .filter(mail_import::Column::Outcome.is_in(["reply", "new_ticket"]))
            .one(db)
            .await?
            .is_some()
    {
        return record(Outcome::Duplicate, None).await;
    }
    // Loops: automatic replies, bulk mail, and our own mail come back.
    let header = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    if header("Auto-Submitted").is_some_and(|v| v != "no") {
        return record(Outcome::Loop("Auto-Submitted".into()), None).await;
    }
    // Vacation responders and bounces that do not say Auto-Submitted.
    for name in [
        "X-Autoreply",
        "X-Autorespond",
        "X-Autoresponder",
        "X-Auto-Response-Suppress",
    ] {
        if header(name).is_some() {
            return record(Outcome::Loop(name.into()), None).await;
        }
    }
    if header("Return-Path").is_some_and(|v| v == "<>")
        || sender.starts_with("mailer-daemon@")
        || sender.starts_with("postmaster@")
        || message.is_content_type("multipart", "report")
    {
        return record(Outcome::Loop("delivery report".into()), None).await;
    }
    if header("Precedence")
        .is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list" | "auto_reply"))
    {
        return record(Outcome::Loop("Precedence".into()), None).await;
    }
    if sender == room.own_address {
        return record(Outcome::Loop("sent from our own address".into()), None).await;
    }
    let text = message
        .body_text(0)
        .map(|b| trim_quoted(&b))
        .unwrap_or_default();
    // At most twice the files a message may carry are looked at; the rest are only counted.
    let looked_at = room.limits.per_message as usize * 2;
    let ignored = message
        .attachments()
        .filter(|p| !p.is_message())
        .count()
        .saturating_sub(looked_at);
    let uploads: Vec<Upload> = message
        .attachments()
        .filter(|p| !p.is_message())
        .take(looked_at)
        .map(|p| Upload {
            name: p.attachment_name().unwrap_or("attachment").to_owned(),
            bytes: p.contents().to_vec(),
        })
        .collect();
    // The files that pass the rules are kept; the others are named in the outcome.
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    for upload in uploads {
        let name = attachments::clean_name(&upload.name);
        match attachments::check(&room.limits, vec![upload]) {
            Ok(mut ok) if accepted.len() < room.limits.per_message as usize => {
                accepted.append(&mut ok)
            }
            Ok(_) => refused.push(format!("{name}: too many files")),
            Err(e) => refused.push(e.to_string()),
        }
    }
    let body = if text.is_empty() {
        "(no text)".to_owned()
    } else {
        text
    };
    let Ok(body) = MessageBody::parse(&body) else {
        return record(
            Outcome::Refused("the text is too long or not valid".into()),
            None,
        )
        .await;
    };
    let mut references: Vec<String> = message
        .references()
        .as_text_list()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    if let Some(ids) = message.in_reply_to().as_text_list() {
        references.extend(ids.iter().map(|s| s.to_string()));
    }
    let threaded = by_thread(db, &references).await?;
    let by_our_mail = threaded.is_some();
    let matched = match threaded {
        Some(t) => Some(t),
        None => match reference_in(&subject) {
            Some(reference) => {
                ticket::Entity::find()
                    .filter(ticket::Column::Reference.eq(reference))
                    .one(db)
                    .await?
            }
            None => None,
        },
    };
    let dir = room.attachment_dir.clone();
    let mut pending = Pending::new(dir.clone());
    let mut store = async |pending: &mut Pending| -> Result<(), InboundError> {
        let files = std::mem::take(&mut accepted);
        let dir = dir.clone();
        let stored = tokio::task::spawn_blocking(move || attachments::store(&dir, files))
            .await
            .map_err(std::io::Error::other)??;
        pending.add(stored);
        Ok(())
    };
    if ignored > 0 {
        refused.push(format!("{ignored} more files"));
    }
    let note = if refused.is_empty() {
        String::new()
    } else {
        format!("; files not accepted: {}", refused.join("; "))
    };
    let actor = Actor::system();
    // A reply counts only from the ticket's requester; anyone else opens a ticket of their own.
    let requester = matched
        .as_ref()
        .is_some_and(|t| t.requester_email.eq_ignore_ascii_case(&sender));
    if let Some(t) = matched.as_ref().filter(|_| requester) {
        store(&mut pending).await?;
        let txn = crate::kernel::db::begin_write(db).await?;
        let done = service::requester_reply(
            &txn,
            &room.desk,
            now,
            &actor,
            &t.reference,
            body,
            pending.files(),
        )
        .await;
        let outcome = match done {
            Ok(t) => Outcome::Reply(format!("{}{note}", t.reference)),
            Err(TicketError::Db(e)) => return Err(e.into()),
            Err(e) => {
                drop(txn);
                return record(Outcome::Refused(e.to_string()), Some(t.id)).await;
            }
        };
        return commit_with_log(
            db,
            txn,
            &mut pending,
            now,
            message_id.as_deref(),
            &sender,
            &subject,
            outcome,
            Some(t.id),
            raw,
        )
        .await;
    }
    // An answer to our own mail from someone other than the requester (a colleague, or an
    // autoresponder replying to a notification) opens nothing: that is how loops start.
    if by_our_mail && !requester {
        return record(
            Outcome::Refused(
                "an answer to the desk's mail from someone other than the requester".into(),
            ),
            matched.map(|t| t.id),
        )
        .await;
    }
    // A new ticket, in the department the message was addressed to.
    let mut addressed: Vec<String> = [message.to(), message.cc()]
        .into_iter()
        .flatten()
        .flat_map(|a| a.iter())
        .filter_map(|a| a.address())
        .map(str::to_lowercase)
        .collect();
    if let Some(delivered) = header("Delivered-To") {
        addressed.push(delivered);
    }
    let departments = department::Entity::find()
        .filter(department::Column::Hidden.eq(false))
        .order_by_asc(department::Column::Id)
        .all(db)
        .await?;
    let Some(department) = departments.into_iter().find(|d| {
        !d.email.is_empty() && addressed.iter().any(|a| a.eq_ignore_ascii_case(&d.email))
    }) else {
        return record(
            Outcome::Refused("no department has the address it was sent to".into()),
            None,
        )
        .await;
    };
    let name = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.name())
        .and_then(|n| PersonName::parse(n).ok())
        .or_else(|| PersonName::parse(sender.split('@').next().unwrap_or("Requester")).ok());
    let (Some(requester_name), Ok(requester_email)) = (name, Email::parse(&sender)) else {
        return record(
            Outcome::Refused("the sender's address is not valid".into()),
            None,
        )
        .await;
    };
    let subject_line = Subject::parse(&subject)
        .unwrap_or_else(|_| Subject::parse("(no subject)").expect("a fixed subject is valid"));
    let input = NewTicket {
        department_id: department.id,
        priority: Priority::Medium,
        requester_name,
        requester_email,
        subject: subject_line,
        body,
    };
    store(&mut pending).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let created = match service::create(
        &txn,
        &room.desk,
        now,
        &actor,
        &department,
        &input,
        None,
        pending.files(),
    )
    .await
    {
        Ok(t) => t,
        Err(TicketError::Db(e)) => return Err(e.into()),
        Err(e) => {
            drop(txn);
            return record(Outcome::Refused(e.to_string()), None).await;
        }
    };
    let outcome = Outcome::NewTicket(format!("{}{note}", created.reference));
    commit_with_log(
        db,
        txn,
        &mut pending,
        now,
        message_id.as_deref(),
        &sender,
        &subject,
        outcome,
        Some(created.id),
        raw,
    )
    .await
}

/// Writes the log row of a reply or new ticket in the transaction that made it, and commits.
/// Another delivery of the same message that got there first (the log's unique Message-ID)
/// undoes this one, which is then logged as a duplicate.
#[allow(clippy::too_many_arguments)]
async fn commit_with_log<C, T>(
    db: &C,
    txn: T,
    pending: &mut Pending,
    now: DateTime<Utc>,
    message_id: Option<&str>,
    sender: &str,
    subject: &str,
    outcome: Outcome,
    ticket_id: Option<i32>,
    raw: &[u8],
) -> Result<Outcome, InboundError>
where
    C: ConnectionTrait + TransactionTrait,
    T: ConnectionTrait + TransactionTrait + TransactionSession,
{
    let attempt = txn.begin().await?;
    match insert_log(
        &attempt, now, message_id, sender, subject, &outcome, ticket_id, raw,
    )
    .await
    {
        Ok(()) => attempt.commit().await?,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            attempt.rollback().await?;
            txn.rollback().await?;
            // The files of the undone message go with it.
            drop(std::mem::replace(pending, Pending::new(PathBuf::new())));
            log(
                db,
                now,
                message_id,
                sender,
                subject,
                &Outcome::Duplicate,
                None,
                raw,
            )
            .await?;
            return Ok(Outcome::Duplicate);
        }
        Err(e) => return Err(e.into()),
    }
    txn.commit().await?;
    pending.keep();
    Ok(outcome)
}

/// Writes the import log row and its audit event, in their own transaction.
#[allow(clippy::too_many_arguments)]
async fn log<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    message_id: Option<&str>,
    sender: &str,
    subject: &str,
    outcome: &Outcome,
    ticket_id: Option<i32>,
    raw: &[u8],
) -> Result<(), DbErr> {
    let txn = crate::kernel::db::begin_write(db).await?;
    insert_log(
        &txn, now, message_id, sender, subject, outcome, ticket_id, raw,
    )
    .await?;
    txn.commit().await
}

#[allow(clippy::too_many_arguments)]
async fn insert_log(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    message_id: Option<&str>,
    sender: &str,
    subject: &str,
    outcome: &Outcome,
    ticket_id: Option<i32>,
    raw: &[u8],
) -> Result<(), DbErr> {
    let clip = |text: &str, max: usize| text.chars().take(max).collect::<String>();
    let reason = clip(
        &match outcome {
            Outcome::Reply(r) | Outcome::NewTicket(r) | Outcome::Loop(r) | Outcome::Refused(r) => {
                r.clone()
            }
            Outcome::Duplicate => "Message-ID already received".to_owned(),
        },
        2000,
    );
    // A duplicate's message is already kept with its first arrival.
    let raw = if *outcome == Outcome::Duplicate {
        &[][..]
    } else {
        raw
    };
    let row = mail_import::ActiveModel {
        received_at: Set(now),
        message_id: Set(message_id.map(|m| clip(m, 255))),
        sender: Set(clip(sender, 254)),
        subject: Set(clip(subject, 255)),
        outcome: Set(outcome.key().to_owned()),
        reason: Set(reason.clone()),
        ticket_id: Set(ticket_id),
        retried_at: Set(None),
        raw: Set(raw.to_vec()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    audit::record(
        conn,
        now,
        &Actor::system(),
        Event::new(
            Action::MailImported,
            Some(Target::new("mail_import", i32::try_from(row.id).unwrap_or(i32::MAX), clip(sender, 254))),
        )
        .after(serde_json::json!({ "outcome": outcome.key(), "reason": reason, "ticket_id": ticket_id })),
    )
    .await
}

/// Processes a refused message again (after fixing what refused it, such as a department's
/// address), once: the row is claimed first, so a double click does not run it twice. `None`
/// when there is no such refused, unretried message.
pub async fn retry<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    room: &Mailroom<'_>,
    now: DateTime<Utc>,
    import_id: i64,
) -> Result<Option<Outcome>, InboundError> {
    let claimed = mail_import::Entity::update_many()
        .col_expr(mail_import::Column::RetriedAt, Expr::value(now))
        .filter(mail_import::Column::Id.eq(import_id))
        .filter(mail_import::Column::Outcome.eq("refused"))
        .filter(mail_import::Column::RetriedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    let Some(row) = mail_import::Entity::find_by_id(import_id).one(db).await? else {
        return Ok(None);
    };
    receive(db, room, now, &row.raw).await.map(Some)
}
