//! The import log of email received by `server pipe` (`/mail-imports`): what each message became,
//! and a retry for those that were refused or dropped.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use server_fn::ServerFn;

use crate::kernel::error::AppError;
use crate::kernel::i18n::t;
use crate::kernel::ui::form::{FormAlert, submit_error};
use crate::kernel::ui::{ErrorPage, Pager};

/// Rows per page.
pub const PAGE: u64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    pub id: i64,
    pub at: String,
    pub sender: String,
    pub subject: String,
    pub outcome: String,
    pub reason: String,
    pub ticket: Option<String>,
    /// Refused and not retried yet.
    pub can_retry: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPage {
    pub rows: Vec<ImportRow>,
    pub next: Option<i64>,
}

/// The log, newest first, before id `after`. Mail reaches every department, so reading it takes
/// "View tickets in all departments".
#[server]
pub async fn list_mail_imports(
    #[server(default)] after: Option<i64>,
) -> Result<ImportPage, AppError> {
    use crate::entities::{mail_import, ticket};
    use crate::kernel::{Permission, guard::require};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    require(Permission::ViewTickets)?;
    require(Permission::ViewAllTicketDepartments)?;
    let ctx = crate::kernel::context::server_context()?;
    let mut query = mail_import::Entity::find()
        .select_only()
        .columns([
            mail_import::Column::Id,
            mail_import::Column::ReceivedAt,
            mail_import::Column::Sender,
            mail_import::Column::Subject,
            mail_import::Column::Outcome,
            mail_import::Column::Reason,
            mail_import::Column::TicketId,
            mail_import::Column::RetriedAt,
        ])
        .order_by_desc(mail_import::Column::Id)
        .limit(PAGE + 1);
    if let Some(after) = after {
        query = query.filter(mail_import::Column::Id.lt(after));
    }
    type Row = (
        i64,
        chrono::DateTime<chrono::Utc>,
        String,
        String,
        String,
        String,
        Option<i32>,
        Option<chrono::DateTime<chrono::Utc>>,
    );
    let mut rows: Vec<Row> = query.into_tuple().all(&ctx.db).await?;
    let next = (rows.len() as u64 > PAGE)
        .then(|| {
            rows.truncate(PAGE as usize);
            rows.last().map(|r| r.0)
        })
        .flatten();
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.6).collect();
    let references: std::collections::HashMap<i32, String> = ticket::Entity::find()
        .filter(ticket::Column::Id.is_in(ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.reference))
        .collect();
    Ok(ImportPage {
        rows: rows
            .into_iter()
            .map(
                |(id, at, sender, subject, outcome, reason, ticket, retried)| ImportRow {
                    can_retry: outcome == "refused" && retried.is_none(),
                    id,
                    at: crate::kernel::time::when(at),
                    sender,
                    subject,
                    outcome,
                    reason,
                    ticket: ticket.and_then(|t| references.get(&t).cloned()),
                },
            )
            .collect(),
        next,
    })
}

/// Processes a refused message again, once; the outcome is a new row at the top of the log.
/// Retrying may open a ticket, so it also takes "Open tickets".
#[server]
pub async fn retry_mail_import(id: i64) -> Result<(), AppError> {
    use crate::kernel::audit::{Action, Event, Target};
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    require(Permission::ViewAllTicketDepartments)?;
    // A retry may open a ticket.
    let viewer = require(Permission::OpenTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let room = super::inbound::Mailroom::from_settings(&ctx.settings);
    let now = chrono::Utc::now();
    match super::inbound::retry(&ctx.db, &room, now, id).await {
        Ok(Some(_)) | Err(super::inbound::InboundError::Malformed(_)) => {}
        Ok(None) => return Err(AppError::not_found()),
        Err(e) => return Err(AppError::internal(&e)),
    }
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    crate::kernel::audit::record_alone(
        &ctx.db,
        now,
        &actor,
        Event::new(
            Action::MailImportRetried,
            Some(Target::new(
                "mail_import",
                i32::try_from(id).unwrap_or(i32::MAX),
                id.to_string(),
            )),
        ),
    )
    .await?;
    ctx.mail_notify.notify_one();
    leptos_axum::redirect("/mail-imports?retried=1");
    Ok(())
}

fn outcome_label(outcome: &str) -> String {
    t(&format!("imports-outcome-{}", outcome.replace('_', "-")))
}

#[component]
pub fn MailImportsPage() -> impl IntoView {
    let after =
        use_query_map().with_untracked(|q| q.get("after").and_then(|a| a.parse::<i64>().ok()));
    let retried = use_query_map().with_untracked(|q| q.get("retried").is_some());
    let page = Resource::new_blocking(move || after, list_mail_imports);
    let retry_error = submit_error::<RetryMailImport>();
    view! {
        <Title text=format!("{} — Staffdesk", t("imports-title"))/>
        <h1>{t("imports-title")}</h1>
        <p class="muted">{t("imports-intro")}</p>
        {retried.then(|| view! { <p class="alert alert-ok" role="status">{t("imports-retried")}</p> })}
        <FormAlert error=retry_error/>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let next = page.next.map(|n| format!("/mail-imports?after={n}"));
                        let first = after.map(|_| "/mail-imports".to_owned());
                        view! {
                            <section class="card">
                                {if page.rows.is_empty() {
                                    view! { <p class="empty">{t("imports-empty")}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="data">
                                            <thead><tr>
                                                <th scope="col">{t("imports-received")}</th>
                                                <th scope="col">{t("imports-sender")}</th>
                                                <th scope="col">{t("tickets-subject")}</th>
                                                <th scope="col">{t("imports-outcome")}</th>
                                                <th scope="col">{t("imports-ticket")}</th>
                                                <th scope="col"><span class="visually-hidden">{t("imports-retry")}</span></th>
                                            </tr></thead>
                                            <tbody>
                                                {page.rows.into_iter().map(|r| view! {
                                                    <tr>
                                                        <td>{r.at}</td>
                                                        <td>{r.sender}</td>
                                                        <td>{r.subject}</td>
                                                        <td><strong>{outcome_label(&r.outcome)}</strong><br/><span class="small muted">{r.reason}</span></td>
                                                        <td>{r.ticket.map(|reference| view! { <a href=format!("/tickets/{reference}")>{reference.clone()}</a> })}</td>
                                                        <td>{r.can_retry.then(|| view! {
                                                            <form method="post" action=RetryMailImport::PATH>
                                                                <input type="hidden" name="id" value=r.id.to_string()/>
                                                                <button type="submit" class="button small">{t("imports-retry")}</button>
                                                            </form>
                                                        })}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                                <Pager next first/>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
