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
            TicketError::Db(e) => AppError::internal(&e),
        }
    }
}

#[cfg(feature = "ssr")]
fn desk(settings: &crate::kernel::settings::Settings) -> super::service::Desk<'_> {
    super::service::Desk {
        organization: &settings.organization.name,
        public_url: &settings.server.public_url,
        requester_lang: crate::kernel::i18n::Lang::from_code(&settings.organization.language)
            .unwrap_or_default(),
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
    })
}

/// What the "open a ticket" form offers.
#[server]
pub async fn get_open_options() -> Result<OpenOptions, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::OpenTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    Ok(OpenOptions {
        departments: super::service::departments_in(&ctx.db, &scope, false).await?,
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
        &desk(&ctx.settings),
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
    use super::model::{MessageView, Priority, Status};
    use super::service;
    use crate::kernel::time::when;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let scope = service::scope_of(&ctx.db, &viewer).await?;
    let t = service::find(&ctx.db, &scope, &reference).await?;
    let newest_first = crate::entities::admin::Entity::find_by_id(viewer.id)
        .one(&ctx.db)
        .await?
        .is_some_and(|a| a.tickets_newest_first);
    let messages = service::messages(&ctx.db, t.id, newest_first).await?;
    let assignees = service::department_admins(&ctx.db, t.department_id).await?;
    let mut departments = service::departments_in(&ctx.db, &scope, false).await?;
    let department = service::department_name(&ctx.db, t.department_id).await?;
    use sea_orm::EntityTrait;
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
        requester_name: t.requester_name,
        requester_email: t.requester_email,
        created: when(t.created_at),
        last_reply: when(t.last_reply_at),
        messages: messages
            .into_iter()
            .map(|m| MessageView {
                note: m.kind == "note",
                by_staff: m.author_kind == "staff",
                author: m.author_name,
                at: when(m.created_at),
                body: m.body,
            })
            .collect(),
        departments,
        assignees,
        viewer_id: viewer.id,
        can_reply: viewer.can(Permission::ReplyTickets),
        can_change: viewer.can(Permission::ChangeTickets),
        can_assign: viewer.can(Permission::AssignTickets),
    })
}

/// Replies to the requester (with the admin's signature); the reply is emailed.
#[server]
pub async fn reply_ticket(reference: String, body: String) -> Result<(), AppError> {
    use super::model::MessageBody;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::ReplyTickets)?;
    let body = MessageBody::parse(&body).map_err(|e| AppError::validation("body", &e))?;
    let ctx = crate::kernel::context::server_context()?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let t = super::service::reply(
        &ctx.db,
        &desk(&ctx.settings),
        chrono::Utc::now(),
        &actor,
        &viewer,
        &scope,
        &reference,
        body,
    )
    .await?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect(&format!("/tickets/{}?replied=1", t.reference));
    Ok(())
}

/// Adds an internal note: staff only, never emailed.
#[server]
pub async fn add_ticket_note(reference: String, body: String) -> Result<(), AppError> {
    use super::model::MessageBody;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::ReplyTickets)?;
    let body = MessageBody::parse(&body).map_err(|e| AppError::validation("body", &e))?;
    let ctx = crate::kernel::context::server_context()?;
    let scope = super::service::scope_of(&ctx.db, &viewer).await?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let t = super::service::note(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        &viewer,
        &scope,
        &reference,
        body,
    )
    .await?;
    leptos_axum::redirect(&format!("/tickets/{}?noted=1", t.reference));
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
