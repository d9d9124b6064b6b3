//! Server functions of the support desk, one per user action: the permission check, the input,
//! and the service call.

// A server function takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::model::{OpenOptions, QueuePage, TicketView};
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
impl From<super::service::TicketError> for AppError {
    fn from(err: super::service::TicketError) -> Self {
        use super::service::TicketError;
        use crate::kernel::i18n::{t, t_args};
        match err {
            TicketError::NotFound => AppError::not_found(),
            TicketError::UnknownDepartment => AppError::new(
                crate::kernel::ErrorCode::Validation,
                t("tickets-error-unknown-department"),
                422,
            )
            .with_field("department_id"),
            TicketError::NotInDepartment => AppError::new(
                crate::kernel::ErrorCode::Validation,
                t("tickets-error-assignee"),
                422,
            )
            .with_field("assignee"),
            TicketError::ChangedMeanwhile(fields) => {
                let names = fields
                    .iter()
                    .map(|f| {
                        t(match *f {
                            "status" => "tickets-status",
                            "priority" => "tickets-priority",
                            "department_id" => "tickets-department",
                            _ => "tickets-assigned",
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                if names.is_empty() {
                    AppError::changed_meanwhile()
                } else {
                    AppError::new(
                        crate::kernel::ErrorCode::ChangedMeanwhile,
                        t_args("tickets-error-changed", &[("fields", names.into())]),
                        409,
                    )
                }
            }
            TicketError::NotInScope(reference) => AppError::new(
                crate::kernel::ErrorCode::NotFound,
                t_args(
                    "tickets-error-not-in-scope",
                    &[("reference", reference.into())],
                ),
                404,
            ),
            TicketError::MergeNeedsTwo => AppError::new(
                crate::kernel::ErrorCode::Validation,
                t("tickets-error-merge-two"),
                422,
            ),
            TicketError::DifferentRequesters => AppError::new(
                crate::kernel::ErrorCode::Validation,
                t("tickets-error-merge-requesters"),
                422,
            ),
            TicketError::TooMany => AppError::new(
                crate::kernel::ErrorCode::Validation,
                t_args(
                    "tickets-error-too-many",
                    &[("max", (super::bulk::MAX_TICKETS as i64).into())],
                ),
                422,
            ),
            TicketError::ThreadMoved => AppError::new(
                crate::kernel::ErrorCode::Conflict,
                t("tickets-error-thread-moved"),
                409,
            )
            .with_field("body"),
            TicketError::Db(e) => AppError::internal(&e),
        }
    }
}

/// One page of the queue, filtered.
#[server]
pub async fn list_tickets(
    #[server(default)] status: String,
    #[server(default)] department: String,
    #[server(default)] priority: String,
    #[server(default)] assigned: String,
    #[server(default)] q: String,
    #[server(default)] after: Option<String>,
) -> Result<QueuePage, AppError> {
    use super::model::QueueFilter;
    use super::service;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let filter = QueueFilter {
        status,
        department,
        priority,
        assigned,
        q,
    };
    let scope = service::scope_of(&ctx.db, &viewer).await?;
    let (rows, next) = service::queue(&ctx.db, &viewer, &scope, &filter, after.as_deref()).await?;
    Ok(QueuePage {
        rows,
        next,
        counts: service::counts(&ctx.db, &scope).await?,
        departments: service::departments_in(&ctx.db, &scope, true).await?,
        can_open: viewer.can(Permission::OpenTickets),
        can_change: viewer.can(Permission::ChangeTickets),
        can_assign: viewer.can(Permission::AssignTickets),
        can_see_mail: viewer.can(Permission::ViewAllTicketDepartments),
    })
}

/// What the "open a ticket" form offers.
#[server]
pub async fn get_open_options(
    /// A client's id, when the form is opened from its Summary: its name and address fill in.
    #[server(default)]
    client: String,
) -> Result<OpenOptions, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::OpenTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    use sea_orm::EntityTrait;
    let requester = match client.trim().parse::<i32>() {
        Ok(id) if viewer.can(Permission::ViewClients) => {
            crate::entities::client::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?
                .map(|c| (format!("{} {}", c.first_name, c.last_name), c.email))
        }
        _ => None,
    };
    Ok(OpenOptions {
        departments: super::service::departments_in(&ctx.db, &scope, false).await?,
        requester,
    })
}

/// Opens a ticket on a requester's behalf, then shows it.
#[server]
pub async fn open_ticket(
    department_id: String,
    priority: String,
    requester_name: String,
    requester_email: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    use super::model::NewTicket;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::OpenTickets)?;
    let input = NewTicket::parse(
        &department_id,
        &priority,
        &requester_name,
        &requester_email,
        &subject,
        &body,
    )
    .map_err(|(field, err)| AppError::validation(field, &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let created = super::service::open(
        &ctx.db,
        &super::service::Desk::from_settings(&ctx.settings),
        chrono::Utc::now(),
        &actor,
        &viewer,
        &scope,
        input,
    )
    .await?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect(&format!("/tickets/{}?opened=1", created.reference));
    Ok(())
}

/// A ticket with its thread, as its page shows it.
#[server]
pub async fn get_ticket(reference: String) -> Result<TicketView, AppError> {
    use super::model::{Priority, Status};
    use super::service;
    use crate::kernel::time::when;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let scope = service::scope_of(&ctx.db, &viewer).await?;
    let t = service::find(&ctx.db, &scope, &reference).await?;
    if t.reference != reference {
        // A merged ticket's reference: its thread is the merged ticket's now.
        leptos_axum::redirect(&format!("/tickets/{}?merged_from={reference}", t.reference));
    }
    let newest_first = crate::entities::admin::Entity::find_by_id(viewer.id)
        .one(&ctx.db)
        .await?
        .is_some_and(|a| a.tickets_newest_first);
    let messages = service::messages(&ctx.db, t.id, newest_first).await?;
    let assignees = service::department_admins(&ctx.db, t.department_id).await?;
    let mut departments = service::departments_in(&ctx.db, &scope, false).await?;
    let department = service::department_name(&ctx.db, t.department_id).await?;
    use sea_orm::EntityTrait;
    let predefined = if viewer.can(Permission::ReplyTickets) {
        let values = crate::predefined::model::MergeValues {
            requester_name: t.requester_name.clone(),
            ticket_ref: t.reference.clone(),
            ticket_subject: t.subject.clone(),
            department: department.clone(),
            admin_name: viewer.display_name(),
        };
        crate::predefined::service::choices(&ctx.db, &values).await?
    } else {
        Vec::new()
    };
    // The ticket's own department is always offered (and selected), even when hidden, so saving
    // the form without touching it never moves the ticket.
    if !departments.iter().any(|(id, _)| *id == t.department_id) {
        departments.insert(0, (t.department_id, department.clone()));
    }
    Ok(TicketView {
        assigned: t.assigned_admin_id.and_then(|id| {
            assignees
                .iter()
                .find(|(a, _)| *a == id)
                .map(|(_, n)| n.clone())
        }),
        reference: t.reference,
        subject: t.subject,
        department_id: t.department_id,
        department,
        status: Status::from_key(&t.status).unwrap_or(Status::Open),
        priority: Priority::from_key(&t.priority).unwrap_or(Priority::Medium),
        assigned_admin_id: t.assigned_admin_id,
        client: match t.client_id {
            Some(id) if viewer.can(crate::kernel::Permission::ViewClients) => {
                super::service::client_name(&ctx.db, id)
                    .await?
                    .map(|name| (id, name))
            }
            _ => None,
        },
        requester_name: t.requester_name,
        requester_email: t.requester_email,
        created: when(t.created_at),
        last_reply: when(t.last_reply_at),
        messages: service::message_views(&ctx.db, messages).await?,
        newest_message: service::newest_message_id(&ctx.db, t.id).await?,
        predefined,
        draft: super::drafts::of(&ctx.db, t.id, viewer.id).await?,
        present: super::drafts::others_present(&ctx.db, chrono::Utc::now(), t.id, viewer.id)
            .await?,
        departments,
        assignees,
        viewer_id: viewer.id,
        can_reply: viewer.can(Permission::ReplyTickets),
        can_link_client: viewer.can(Permission::ChangeTickets)
            && viewer.can(Permission::ViewClients),
        can_change: viewer.can(Permission::ChangeTickets),
        can_assign: viewer.can(Permission::AssignTickets),
    })
}

/// The reply and note forms, as posted (multipart, for their files).
#[cfg(feature = "ssr")]
struct MessageForm {
    reference: String,
    body: String,
    /// The newest message the writer had seen; absent when the form predates the check.
    seen: Option<i64>,
    files: Vec<super::attachments::Upload>,
}

/// Reads a posted reply or note, refusing a file past the size limit as soon as it is.
#[cfg(feature = "ssr")]
async fn read_message_form(
    data: server_fn::codec::MultipartData,
    limits: &super::attachments::Limits,
) -> Result<MessageForm, AppError> {
    use crate::kernel::i18n::t;
    let bad = || {
        AppError::new(
            crate::kernel::ErrorCode::BadRequest,
            t("error-bad-request"),
            400,
        )
    };
    let mut data = data.into_inner().ok_or_else(bad)?;
    let mut form = MessageForm {
        reference: String::new(),
        body: String::new(),
        seen: None,
        files: Vec::new(),
    };
    // Text fields are small: the body is at most 64 Ki characters.
    const TEXT_LIMIT: usize = 512 * 1024;
    while let Some(mut field) = data.next_field().await.map_err(|_| bad())? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let limit = if file_name.is_some() {
            limits.max_bytes
        } else {
            TEXT_LIMIT
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| bad())? {
            if bytes.len() + chunk.len() > limit {
                return Err(match file_name {
                    Some(file) => attachment_error(super::attachments::AttachmentError::TooBig {
                        name: super::attachments::clean_name(&file),
                        max_mb: limits.max_mb,
                    }),
                    None => bad(),
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        match (name.as_str(), file_name) {
            // A file input left empty still sends a part, with no name and no content.
            ("files", Some(file)) if file.is_empty() && bytes.is_empty() => {}
            ("files", Some(file)) => form
                .files
                .push(super::attachments::Upload { name: file, bytes }),
            (field, None) => {
                let text = String::from_utf8(bytes).map_err(|_| bad())?;
                match field {
                    "reference" => form.reference = text,
                    "body" => form.body = text,
                    "seen" => form.seen = text.trim().parse().ok(),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(form)
}

#[cfg(feature = "ssr")]
pub(super) fn attachment_error(err: super::attachments::AttachmentError) -> AppError {
    use super::attachments::AttachmentError;
    use crate::kernel::i18n::t_args;
    // A name is the sender's text: only its start is repeated.
    let short = |name: String| -> crate::kernel::i18n::Arg {
        if name.chars().count() > 60 {
            format!("{}…", name.chars().take(60).collect::<String>()).into()
        } else {
            name.into()
        }
    };
    let (key, args): (&str, Vec<(&'static str, crate::kernel::i18n::Arg)>) = match err {
        AttachmentError::TooBig { name, max_mb } => (
            "tickets-file-too-big",
            vec![("name", name.into()), ("max", max_mb.into())],
        ),
        AttachmentError::TooMany { max } => ("tickets-file-too-many", vec![("max", max.into())]),
        AttachmentError::Empty { name } => ("tickets-file-empty", vec![("name", short(name))]),
        AttachmentError::Extension { name } => ("tickets-file-type", vec![("name", name.into())]),
        AttachmentError::Mismatch { name } => {
            ("tickets-file-mismatch", vec![("name", short(name))])
        }
    };
    AppError::new(
        crate::kernel::ErrorCode::Validation,
        t_args(key, &args),
        422,
    )
    .with_field("files")
}

/// Which kind of message a form adds.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writing {
    Reply,
    Note,
}

/// A reply or note with its files: the files are checked and stored first, the message and its
/// attachment rows are written in one transaction, and a refused message takes its files with
/// it (and keeps its text as the writer's draft).
#[cfg(feature = "ssr")]
async fn write(data: server_fn::codec::MultipartData, writing: Writing) -> Result<(), AppError> {
    use super::attachments::{self, Limits};
    use super::model::MessageBody;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::ReplyTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let limits = Limits::from_settings(&ctx.settings.tickets);
    let form = read_message_form(data, &limits).await?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    let now = chrono::Utc::now();
    // Whatever else is wrong, the text is kept for the writer (as much as a message may hold).
    let keep_draft = async |body: &str| {
        if let Ok(t) = super::service::find(&ctx.db, &scope, &form.reference).await {
            let body: String = body.chars().take(MessageBody::MAX_CHARS).collect();
            let _ = super::drafts::save(&ctx.db, now, t.id, viewer.id, &body).await;
        }
    };
    let body = match MessageBody::parse(&form.body) {
        Ok(body) => body,
        Err(e) => {
            keep_draft(&form.body).await;
            return Err(AppError::validation("body", &e));
        }
    };
    let checked = match attachments::check(&limits, form.files) {
        Ok(checked) => checked,
        Err(e) => {
            keep_draft(&form.body).await;
            return Err(attachment_error(e));
        }
    };
    // Nothing is stored for a ticket the writer cannot see.
    super::service::find(&ctx.db, &scope, &form.reference).await?;
    let dir = attachments::directory(&ctx.settings.server.data_dir);
    // Removed again unless the message is written, also when the request is cut off midway.
    let mut stored = attachments::Pending::new(dir.clone());
    let files = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || attachments::store(&dir, checked))
            .await
            .map_err(|e| AppError::internal(&e))?
            .map_err(|e| AppError::internal(&e))?
    };
    stored.add(files);
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let result = match writing {
        Writing::Reply => {
            super::service::reply(
                &ctx.db,
                &super::service::Desk::from_settings(&ctx.settings),
                now,
                &actor,
                &viewer,
                &scope,
                &form.reference,
                body,
                form.seen,
                stored.files(),
            )
            .await
        }
        Writing::Note => {
            super::service::note(
                &ctx.db,
                now,
                &actor,
                &viewer,
                &scope,
                &form.reference,
                body,
                form.seen,
                stored.files(),
            )
            .await
        }
    };
    match result {
        Ok(t) => {
            stored.keep();
            if writing == Writing::Reply {
                ctx.mail_notify.notify_one();
            }
            let done = if writing == Writing::Reply {
                "replied"
            } else {
                "noted"
            };
            leptos_axum::redirect(&format!("/tickets/{}?{done}=1", t.reference));
            Ok(())
        }
        Err(e) => {
            drop(stored);
            keep_draft(&form.body).await;
            Err(e.into())
        }
    }
}

/// Replies to the requester (with the admin's signature), with files; the reply is emailed.
/// Fields: `reference`, `body`, `seen` (the newest message id the admin had seen) and `files`.
#[server(input = server_fn::codec::MultipartFormData)]
pub async fn reply_ticket(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    write(data, Writing::Reply).await
}

/// Adds an internal note, with files: staff only, never emailed. Fields as `reply_ticket`.
#[server(input = server_fn::codec::MultipartFormData)]
pub async fn add_ticket_note(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    write(data, Writing::Note).await
}

/// Acts on the tickets selected in the queue (`tickets[0]`, `tickets[1]`, …). `action` is
/// `close`, `merge`, or `status:<key>`, `priority:<key>`, `department:<id>`, `assign:<admin id>`,
/// `assign:me` or `assign:` (nobody).
#[server]
pub async fn bulk_tickets(
    #[server(default)] tickets: Vec<String>,
    action: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use super::bulk::BulkAction;
    use super::model::{Priority, Status};
    use crate::kernel::validation::ValidationError;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let choice = |field: &'static str| AppError::validation(field, &ValidationError::UnknownChoice);
    let (action, value) = action.trim().split_once(':').unwrap_or((action.trim(), ""));
    let value = if value == "me" {
        crate::kernel::guard::current_admin()?.id.to_string()
    } else {
        value.to_owned()
    };
    let (action, needs) = match action {
        "close" => (
            BulkAction::Status(Status::Closed),
            Permission::ChangeTickets,
        ),
        "status" => (
            BulkAction::Status(Status::from_key(value.trim()).ok_or_else(|| choice("value"))?),
            Permission::ChangeTickets,
        ),
        "priority" => (
            BulkAction::Priority(Priority::from_key(value.trim()).ok_or_else(|| choice("value"))?),
            Permission::ChangeTickets,
        ),
        "department" => (
            BulkAction::Department(value.trim().parse().map_err(|_| choice("value"))?),
            Permission::ChangeTickets,
        ),
        "assign" => (
            BulkAction::Assign(match value.trim() {
                "" => None,
                id => Some(id.parse().map_err(|_| choice("value"))?),
            }),
            Permission::AssignTickets,
        ),
        "merge" => (BulkAction::Merge, Permission::ChangeTickets),
        _ => return Err(choice("action")),
    };
    let viewer = require(needs)?;
    if tickets.is_empty() {
        return Err(AppError::new(
            crate::kernel::ErrorCode::Validation,
            crate::kernel::i18n::t("tickets-error-none-selected"),
            422,
        )
        .with_field("tickets"));
    }
    let ctx = crate::kernel::context::server_context()?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let done = super::bulk::bulk(
        &ctx.db,
        &super::service::Desk::from_settings(&ctx.settings),
        chrono::Utc::now(),
        &actor,
        &scope,
        &tickets,
        action,
    )
    .await?;
    if action == BulkAction::Merge
        && let Some(t) = done.first()
    {
        leptos_axum::redirect(&format!("/tickets/{}?merged=1", t.reference));
    } else {
        // Back to the queue as it was filtered; only ever a queue address.
        let back = if back.starts_with("/tickets")
            && !back.starts_with("/tickets/")
            && back.len() <= 2000
            && back.bytes().all(|b| b.is_ascii_graphic())
        {
            back
        } else {
            "/tickets".to_owned()
        };
        let sep = if back.contains('?') { '&' } else { '?' };
        leptos_axum::redirect(&format!("{back}{sep}updated={}", done.len()));
    }
    Ok(())
}

/// Changes status, priority and department; each with the value the form was loaded with.
#[server]
pub async fn change_ticket(
    reference: String,
    status: String,
    was_status: String,
    priority: String,
    was_priority: String,
    department_id: String,
    was_department_id: String,
) -> Result<(), AppError> {
    use super::model::{Priority, Status};
    use super::service::Change;
    use crate::kernel::validation::ValidationError;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::ChangeTickets)?;
    let choice = |field: &'static str| AppError::validation(field, &ValidationError::UnknownChoice);
    let status = Change {
        was: Status::from_key(was_status.trim()).ok_or_else(|| choice("status"))?,
        now: Status::from_key(status.trim()).ok_or_else(|| choice("status"))?,
    };
    let priority = Change {
        was: Priority::from_key(was_priority.trim()).ok_or_else(|| choice("priority"))?,
        now: Priority::from_key(priority.trim()).ok_or_else(|| choice("priority"))?,
    };
    let department = Change {
        was: was_department_id
            .trim()
            .parse::<i32>()
            .map_err(|_| choice("department_id"))?,
        now: department_id
            .trim()
            .parse::<i32>()
            .map_err(|_| choice("department_id"))?,
    };
    let ctx = crate::kernel::context::server_context()?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let t = super::service::change(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        &scope,
        &reference,
        status,
        priority,
        department,
    )
    .await?;
    leptos_axum::redirect(&format!("/tickets/{}?changed=1", t.reference));
    Ok(())
}

/// Assigns the ticket to an admin of its department (`assignee` is their id), or to nobody
/// (empty); `was_assignee` is who it was assigned to when the form loaded.
#[server]
pub async fn assign_ticket(
    reference: String,
    #[server(default)] assignee: String,
    #[server(default)] was_assignee: String,
) -> Result<(), AppError> {
    use super::service::Change;
    use crate::kernel::validation::ValidationError;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::AssignTickets)?;
    let id = |text: &str| -> Result<Option<i32>, AppError> {
        match text.trim() {
            "" => Ok(None),
            n => n
                .parse::<i32>()
                .map(Some)
                .map_err(|_| AppError::validation("assignee", &ValidationError::UnknownChoice)),
        }
    };
    let change = Change {
        was: id(&was_assignee)?,
        now: id(&assignee)?,
    };
    let ctx = crate::kernel::context::server_context()?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let t = super::service::assign(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        &scope,
        &reference,
        change,
    )
    .await?;
    leptos_axum::redirect(&format!("/tickets/{}?assigned=1", t.reference));
    Ok(())
}

/// Links the ticket to a client, named by its number or its email address: a guest's ticket, or
/// one linked to the wrong client.
#[server]
pub async fn link_ticket_to_client(reference: String, client: String) -> Result<(), AppError> {
    use crate::kernel::i18n::t;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewClients)?;
    let viewer = require(Permission::ChangeTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let wanted = client.trim();
    let unknown = || {
        AppError::new(
            crate::kernel::ErrorCode::Validation,
            t("tickets-error-unknown-client"),
            422,
        )
        .with_field("client")
    };
    let client_id = match wanted.parse::<i32>() {
        Ok(id) if id > 0 => id,
        _ => {
            let email = crate::kernel::validation::Email::parse(wanted).map_err(|_| unknown())?;
            super::service::client_of_email(&ctx.db, email.as_str())
                .await?
                .ok_or_else(unknown)?
        }
    };
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let t = super::requester::link_to_client(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        &scope,
        &reference,
        client_id,
    )
    .await
    .map_err(|e| match e {
        super::service::TicketError::NotFound => unknown(),
        other => other.into(),
    })?;
    leptos_axum::redirect(&format!("/tickets/{}?linked=1", t.reference));
    Ok(())
}
