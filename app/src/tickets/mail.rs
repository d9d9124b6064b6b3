//! Ticket email: the admin's reply to the requester, and notifications to staff, each in its
//! recipient's language. Every message has its own `Message-ID` and refers to the ticket's thread
//! (`In-Reply-To`, `References`), so mail clients thread it and replies by email can be matched to
//! their ticket; notifications are marked `Auto-Submitted`.

use rand_core::{OsRng, RngCore};

use super::service::Desk;
use crate::entities::ticket;
use crate::kernel::i18n::{Arg, Lang, t_in};
use crate::kernel::outbox::{Message, escape, html_page};

/// A ticket's thread as email sees it.
pub struct Thread {
    pub id: String,
    pub reference: String,
    pub subject: String,
    /// The ticket's page in the admin area.
    pub link: String,
}

impl Thread {
    pub fn of(t: &ticket::Model, public_url: &str) -> Self {
        Self {
            id: t.thread_id.clone(),
            reference: t.reference.clone(),
            subject: t.subject.clone(),
            link: format!(
                "{}/tickets/{}",
                public_url.trim_end_matches('/'),
                t.reference
            ),
        }
    }

    /// `[Ticket KTR-482913] subject`: the reference in the subject, where replies keep it.
    pub fn subject_line(&self) -> String {
        format!("[Ticket {}] {}", self.reference, self.subject)
    }

    /// The headers of one new message in this thread.
    fn headers(&self, notification: bool) -> Vec<(&'static str, String)> {
        let mut random = [0u8; 12];
        OsRng.fill_bytes(&mut random);
        let host = self
            .id
            .rsplit_once('@')
            .map_or("staffdesk.invalid>", |(_, h)| h)
            .trim_end_matches('>');
        let own = format!(
            "<{}.{}@{host}>",
            self.reference.to_lowercase(),
            random
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        let mut headers = vec![
            ("Message-ID", own),
            ("In-Reply-To", self.id.clone()),
            ("References", self.id.clone()),
        ];
        if notification {
            headers.push(("Auto-Submitted", "auto-generated".to_owned()));
        }
        headers
    }
}

/// What a staff notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    NewTicket,
    RequesterReply,
    StaffReply,
}

fn paragraphs(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

/// The admin's reply, to the requester.
pub fn reply_to_requester(desk: &Desk, thread: &Thread, t: &ticket::Model, text: &str) -> Message {
    let lang = desk.requester_lang;
    let args: [(&'static str, Arg); 3] = [
        ("reference", thread.reference.clone().into()),
        ("organization", desk.organization.into()),
        ("name", t.requester_name.clone().into()),
    ];
    let tr = |key: &str| t_in(lang, key, &args);
    let footer = tr("mail-ticket-reply-footer");
    let marker = super::inbound::REPLY_ABOVE;
    Message {
        to: t.requester_email.clone(),
        subject: thread.subject_line(),
        text: format!("{marker}\n\n{text}\n\n--\n{footer}\n"),
        html: html_page(
            lang,
            &format!(
                "<p style=\"color:#8a94a6\">{marker}</p><p>{}</p><hr><p style=\"color:#5d6b82\">{}</p>",
                paragraphs(text),
                escape(&footer)
            ),
        ),
        headers: thread.headers(false),
    }
}

/// To the requester: their ticket was closed after waiting `hours` for their answer; replying
/// reopens it.
pub fn closed_for_requester(
    desk: &Desk,
    thread: &Thread,
    t: &ticket::Model,
    hours: u32,
) -> Message {
    let lang = desk.requester_lang;
    let args: [(&'static str, Arg); 4] = [
        ("reference", thread.reference.clone().into()),
        ("organization", desk.organization.into()),
        ("name", t.requester_name.clone().into()),
        ("hours", hours.into()),
    ];
    let tr = |key: &str| t_in(lang, key, &args);
    let text = tr("mail-ticket-closed-body");
    Message {
        to: t.requester_email.clone(),
        subject: thread.subject_line(),
        text: format!("{text}\n"),
        html: html_page(lang, &format!("<p>{}</p>", paragraphs(&text))),
        headers: thread.headers(true),
    }
}

/// Queues `message` about ticket `ticket_id` and remembers its Message-ID, so that a reply to it
/// by email finds the ticket.
pub async fn send(
    txn: &impl sea_orm::ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    ticket_id: i32,
    message: Message,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    if let Some((_, id)) = message.headers.iter().find(|(k, _)| *k == "Message-ID") {
        crate::entities::ticket_mail_id::ActiveModel {
            message_id: Set(id.clone()),
            ticket_id: Set(ticket_id),
        }
        .insert(txn)
        .await?;
    }
    crate::kernel::outbox::queue(txn, now, message, None).await?;
    Ok(())
}

/// A notification to an admin about a new ticket or a reply, with the message and a link.
#[allow(clippy::too_many_arguments)]
pub fn notification(
    desk: &Desk,
    lang: Lang,
    thread: &Thread,
    kind: Notice,
    to: &str,
    department: &str,
    author: &str,
    body: &str,
) -> Message {
    let args: [(&'static str, Arg); 4] = [
        ("reference", thread.reference.clone().into()),
        ("department", department.into()),
        ("author", author.into()),
        ("organization", desk.organization.into()),
    ];
    let tr = |key: &str| t_in(lang, key, &args);
    let heading = tr(match kind {
        Notice::NewTicket => "mail-ticket-new",
        Notice::RequesterReply => "mail-ticket-requester-reply",
        Notice::StaffReply => "mail-ticket-staff-reply",
    });
    let open = tr("mail-ticket-open-link");
    Message {
        to: to.to_owned(),
        subject: format!("{} — {heading}", thread.subject_line()),
        text: format!("{heading}\n\n{body}\n\n{open}\n{}\n", thread.link),
        html: html_page(
            lang,
            &format!(
                "<p><strong>{}</strong></p><blockquote style=\"border-left:3px solid #d5dbe6;margin:0;padding-left:12px\">{}</blockquote>\
                 <p><a href=\"{link}\">{}</a></p>",
                escape(&heading),
                paragraphs(body),
                escape(&open),
                link = escape(&thread.link),
            ),
        ),
        headers: thread.headers(true),
    }
}
