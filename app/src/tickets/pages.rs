//! The support desk's pages: the queue (`/tickets`), opening a ticket (`/tickets/new`) and a
//! ticket with its thread (`/tickets/<reference>`). Every form is a plain post.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    AddTicketNote, AssignTicket, BulkTickets, ChangeTicket, LinkTicketToClient, OpenTicket,
    ReplyTicket, get_open_options, get_ticket, list_tickets,
};
use super::live::{TicketWatch, WatchText};
use super::model::{
    MessageBody, MessageView, Priority, QueueFilter, QueuePage, Run, Status, Subject, TicketView,
    linkify,
};
use crate::kernel::i18n::t;
use crate::kernel::names::PersonName;
use crate::kernel::ui::form::{
    Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error, submit_error_at,
};
use crate::kernel::ui::{ErrorPage, Pager};
use crate::kernel::validation::Email;
use crate::predefined::pages::ReplyPicker;

fn loading() -> impl IntoView {
    view! { <p class="muted">{t("common-loading")}</p> }
}

fn status_badge(status: Status) -> impl IntoView {
    view! { <span class=status.css()>{status.label()}</span> }
}

#[component]
pub fn TicketsPage() -> impl IntoView {
    let query = use_query_map();
    let (filter, after) = query.with_untracked(|q| {
        let get = |k: &str| q.get(k).unwrap_or_default();
        (
            QueueFilter {
                status: get("status"),
                department: get("department"),
                priority: get("priority"),
                assigned: get("assigned"),
                q: get("q"),
            },
            q.get("after"),
        )
    });
    let paged = after.is_some();
    let updated = query.with_untracked(|q| q.get("updated"));
    let args = (filter.clone(), after);
    let page = Resource::new_blocking(
        move || args.clone(),
        |(f, after)| list_tickets(f.status, f.department, f.priority, f.assigned, f.q, after),
    );
    view! {
        <Title text=format!("{} — Staffdesk", t("tickets-title"))/>
        <Suspense fallback=loading>
            {move || {
                let filter = filter.clone();
                let updated = updated.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Queue page filter paged updated=updated.clone()/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Queue(
    page: QueuePage,
    filter: QueueFilter,
    paged: bool,
    updated: Option<String>,
) -> impl IntoView {
    let QueuePage {
        rows,
        next,
        counts,
        departments,
        can_open,
        can_change,
        can_assign,
        can_see_mail,
    } = page;
    let bulk = can_change || can_assign;
    let bulk_error = submit_error::<BulkTickets>();
    let bulk_departments = departments.clone();
    let awaiting: i64 = counts
        .iter()
        .filter(|(s, _)| s.awaits_reply())
        .map(|(_, n)| n)
        .sum();
    let current = filter.status.clone();
    let link_for = |status: &str| {
        let f = QueueFilter {
            status: status.to_owned(),
            ..filter.clone()
        };
        let q = f.query();
        if q.is_empty() {
            "/tickets".to_owned()
        } else {
            format!("/tickets?{q}")
        }
    };
    let selected = |value: &str, chosen: &str| value == chosen;
    let base = filter.query();
    let next = next.map(|cursor| {
        if base.is_empty() {
            format!("/tickets?after={cursor}")
        } else {
            format!("/tickets?{base}&after={cursor}")
        }
    });
    let first = paged.then(|| {
        if base.is_empty() {
            "/tickets".to_owned()
        } else {
            format!("/tickets?{base}")
        }
    });
    view! {
        <div class="page-head">
            <h1>{t("tickets-title")}</h1>
            <div class="actions">
                <a class="button" href="/predefined-replies">{t("predefined-title")}</a>
                {can_see_mail.then(|| view! { <a class="button" href="/mail-imports">{t("imports-title")}</a> })}
                {can_open.then(|| view! { <a class="button primary" href="/tickets/new">{t("tickets-open-title")}</a> })}
            </div>
        </div>
        {updated.map(|n| view! { <p class="alert alert-ok" role="status">{crate::kernel::i18n::t_args("tickets-bulk-done", &[("count", n.parse::<i64>().unwrap_or(0).into())])}</p> })}
        <FormAlert error=bulk_error.clone()/>
        <nav class="status-tabs" aria-label=t("tickets-by-status")>
            <a href=link_for("") aria-current=(current.is_empty() || current == "awaiting").then_some("page")>
                {t("tickets-awaiting")} " " <span class="count">{awaiting}</span>
            </a>
            {counts.into_iter().map(|(status, n)| {
                let here = current == status.key();
                view! {
                    <a href=link_for(status.key()) aria-current=here.then_some("page")>
                        <span class=status.css()>{status.label()}</span> " " <span class="count">{n}</span>
                    </a>
                }
            }).collect_view()}
            <a href=link_for("all") aria-current=(current == "all").then_some("page")>{t("tickets-all")}</a>
        </nav>
        <form class="card filters" method="get" action="/tickets" role="search">
            <input type="hidden" name="status" value=filter.status.clone()/>
            <div class="field">
                <label for="filter-department">{t("tickets-department")}</label>
                <select id="filter-department" name="department">
                    <option value="">{t("tickets-any-department")}</option>
                    {departments.into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=selected(&id.to_string(), &filter.department)>{name}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-priority">{t("tickets-priority")}</label>
                <select id="filter-priority" name="priority">
                    <option value="">{t("tickets-any-priority")}</option>
                    {Priority::ALL.into_iter().map(|p| view! {
                        <option value=p.key() selected=selected(p.key(), &filter.priority)>{p.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-assigned">{t("tickets-assigned")}</label>
                <select id="filter-assigned" name="assigned">
                    <option value="">{t("tickets-anyone")}</option>
                    <option value="mine" selected=selected("mine", &filter.assigned)>{t("tickets-assigned-to-me")}</option>
                    <option value="unassigned" selected=selected("unassigned", &filter.assigned)>{t("tickets-unassigned")}</option>
                </select>
            </div>
            <div class="field">
                <label for="filter-q">{t("tickets-keyword")}</label>
                <input id="filter-q" name="q" type="search" value=filter.q.clone() maxlength="200"/>
            </div>
            <div class="actions"><button type="submit" class="button">{t("tickets-filter")}</button></div>
        </form>
        <section class="card" aria-labelledby="queue-heading">
            <h2 id="queue-heading" class="visually-hidden">{t("tickets-title")}</h2>
            {if rows.is_empty() {
                view! { <p class="empty">{t("tickets-empty")}</p> }.into_any()
            } else {
                let here = if base.is_empty() { "/tickets".to_owned() } else { format!("/tickets?{base}") };
                view! {
                    <form method="post" action=BulkTickets::PATH id="bulk-form">
                    <input type="hidden" name="back" value=here/>
                    {bulk.then(|| view! {
                        <div class="bulk-bar">
                            <label for="bulk-action">{t("tickets-bulk-label")}</label>
                            <select id="bulk-action" name="action">
                                {can_change.then(|| view! {
                                    <option value="close">{t("tickets-bulk-close")}</option>
                                    <option value="merge">{t("tickets-bulk-merge")}</option>
                                    <optgroup label=t("tickets-status")>
                                        {Status::ALL.into_iter().map(|s| view! { <option value=format!("status:{}", s.key())>{s.label()}</option> }).collect_view()}
                                    </optgroup>
                                    <optgroup label=t("tickets-priority")>
                                        {Priority::ALL.into_iter().map(|p| view! { <option value=format!("priority:{}", p.key())>{p.label()}</option> }).collect_view()}
                                    </optgroup>
                                    <optgroup label=t("tickets-department")>
                                        {bulk_departments.iter().map(|(id, name)| view! { <option value=format!("department:{id}")>{name.clone()}</option> }).collect_view()}
                                    </optgroup>
                                })}
                                {can_assign.then(|| view! {
                                    <optgroup label=t("tickets-assigned")>
                                        <option value="assign:me">{t("tickets-assign-to-me")}</option>
                                        <option value="assign:">{t("tickets-bulk-unassign")}</option>
                                    </optgroup>
                                })}
                            </select>
                            <button type="submit" class="button">{t("tickets-bulk-apply")}</button>
                        </div>
                    })}
                    <table class="data queue">
                        <thead><tr>
                            {bulk.then(|| view! { <th scope="col"><span class="visually-hidden">{t("tickets-select")}</span></th> })}
                            <th scope="col">{t("tickets-reference")}</th>
                            <th scope="col">{t("tickets-subject")}</th>
                            <th scope="col">{t("tickets-department")}</th>
                            <th scope="col">{t("tickets-status")}</th>
                            <th scope="col">{t("tickets-priority")}</th>
                            <th scope="col">{t("tickets-requester")}</th>
                            <th scope="col">{t("tickets-assigned")}</th>
                            <th scope="col">{t("tickets-last-reply")}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().enumerate().map(|(i, r)| view! {
                                <tr>
                                    {bulk.then(|| view! {
                                        <td><input type="checkbox" name=format!("tickets[{i}]") value=r.reference.clone()
                                            aria-label=format!("{} {}", t("tickets-select"), r.reference)/></td>
                                    })}
                                    <td><a href=format!("/tickets/{}", r.reference)>{r.reference.clone()}</a></td>
                                    <td>{r.subject}</td>
                                    <td>{r.department}</td>
                                    <td>{status_badge(r.status)}</td>
                                    <td class=format!("priority-{}", r.priority.key())>{r.priority.label()}</td>
                                    <td>{r.requester}</td>
                                    <td>{r.assigned.unwrap_or_else(|| t("tickets-nobody"))}</td>
                                    <td>{r.last_reply} " · " {t(if r.last_reply_by_staff { "tickets-by-staff" } else { "tickets-by-requester" })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </form>
                }.into_any()
            }}
            <Pager next first/>
        </section>
    }
}

/// The form to open a ticket on a requester's behalf.
#[component]
pub fn NewTicketPage() -> impl IntoView {
    let client = use_query_map().with_untracked(|q| q.get("client").unwrap_or_default());
    let options = Resource::new_blocking(move || client.clone(), get_open_options);
    view! {
        <Title text=format!("{} — Staffdesk", t("tickets-open-title"))/>
        <h1>{t("tickets-open-title")}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match options.await {
                    Ok(options) => {
                        let error = submit_error::<OpenTicket>();
                        let (name, email) = options.requester.clone().unwrap_or_default();
                        view! {
                            <section class="card">
                                <SmartForm action=OpenTicket::PATH.to_owned()>
                                    <FormAlert error=error.clone()/>
                                    <div class="field">
                                        <label for="ticket-department">{t("tickets-department")}</label>
                                        <select id="ticket-department" name="department_id" required=true>
                                            {options.departments.into_iter().map(|(id, name)| view! {
                                                <option value=id.to_string()>{name}</option>
                                            }).collect_view()}
                                        </select>
                                        {error.as_ref().filter(|e| e.is_for("department_id")).map(|e| view! { <p class="field-error">{e.message.clone()}</p> })}
                                    </div>
                                    <Field spec=FieldSpec::new("ticket-requester-name", "requester_name", &t("tickets-requester-name"), "text", Rule::Text)
                                        .max(PersonName::MAX_CHARS).value(&name).error_from(&error)/>
                                    <Field spec=FieldSpec::new("ticket-requester-email", "requester_email", &t("tickets-requester-email"), "email", Rule::Email)
                                        .max(Email::MAX_CHARS).value(&email).error_from(&error)/>
                                    <Field spec=FieldSpec::new("ticket-subject", "subject", &t("tickets-subject"), "text", Rule::Text)
                                        .max(Subject::MAX_CHARS).error_from(&error)/>
                                    <div class="field">
                                        <label for="ticket-priority">{t("tickets-priority")}</label>
                                        <select id="ticket-priority" name="priority">
                                            {Priority::ALL.into_iter().map(|p| view! {
                                                <option value=p.key() selected=p == Priority::Medium>{p.label()}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <Field spec=FieldSpec::new("ticket-body", "body", &t("tickets-message"), "textarea", Rule::MultilineText)
                                        .max(MessageBody::MAX_CHARS).error_from(&error)/>
                                    <div class="actions"><button type="submit" class="button primary">{t("tickets-open-submit")}</button></div>
                                </SmartForm>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Message text as written: line breaks kept (CSS), web addresses clickable, markup shown as text.
fn message_text(body: String) -> impl IntoView {
    linkify(&body)
        .into_iter()
        .map(|run| match run {
            Run::Text(text) => text.into_any(),
            Run::Link(url) => {
                let href = url.clone();
                view! { <a href=href rel="noopener noreferrer nofollow ugc" target="_blank">{url}</a> }
                    .into_any()
            }
        })
        .collect_view()
}

fn message(reference: String, m: MessageView) -> impl IntoView {
    let class = if m.note {
        "message note"
    } else if m.by_staff {
        "message staff"
    } else {
        "message requester"
    };
    view! {
        <article class=class>
            <header>
                <strong>{m.author}</strong>
                {m.note.then(|| view! { " " <span class="badge note-badge">{t("tickets-note")}</span> })}
                " " <span class="muted small">{m.at}</span>
            </header>
            <div class="message-body">{message_text(m.body)}</div>
            {(!m.attachments.is_empty()).then(|| view! {
                <ul class="attachments" aria-label=t("tickets-attachments")>
                    {m.attachments.into_iter().map(|a| {
                        let href = format!("/tickets/{reference}/files/{}", a.id);
                        let preview = a.image.then(|| format!("{href}?inline=1"));
                        view! {
                            <li>
                                {preview.map(|src| view! { <img class="attachment-preview" src=src alt="" loading="lazy"/> })}
                                <a href=href download=a.name.clone()>{a.name.clone()}</a>
                                " " <span class="muted small">{a.size}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}

/// The file input of the reply and note forms, with the refusal of the last upload.
fn files_field(id: &'static str, error: Option<crate::kernel::AppError>) -> impl IntoView {
    let message = error
        .filter(|e| e.is_for("files"))
        .map(|e| e.message.clone());
    let described = format!("{id}-help");
    view! {
        <div class="field">
            <label for=id>{t("tickets-attach-files")}</label>
            <input id=id type="file" name="files" multiple=true aria-describedby=described.clone()
                aria-invalid=message.is_some().then_some("true")/>
            <p class="help" id=described>{t("tickets-attach-help")}</p>
            {message.map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
    }
}

#[component]
pub fn TicketPage() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| p.get("reference").unwrap_or_default());
    let ticket = Resource::new_blocking(move || reference.clone(), get_ticket);
    let notice = use_query_map().with_untracked(|q| {
        [
            ("opened", "tickets-opened"),
            ("replied", "tickets-replied"),
            ("noted", "tickets-noted"),
            ("changed", "tickets-changed"),
            ("assigned", "tickets-assigned-notice"),
            ("merged", "tickets-merged-notice"),
            ("merged_from", "tickets-merged-from-notice"),
            ("linked", "tickets-linked-notice"),
        ]
        .into_iter()
        .find(|(k, _)| q.get(k).is_some())
        .map(|(_, key)| t(key))
    });
    view! {
        <Suspense fallback=loading>
            {move || {
                let notice = notice.clone();
                Suspend::new(async move {
                    match ticket.await {
                        Ok(ticket) => view! { <Ticket ticket notice/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Ticket(ticket: TicketView, notice: Option<String>) -> impl IntoView {
    let (use_reply, reply_q) = use_query_map().with_untracked(|q| {
        (
            q.get("use_reply").and_then(|v| v.parse::<i32>().ok()),
            q.get("reply_q").unwrap_or_default(),
        )
    });
    let reply_error = submit_error_at(ReplyTicket::PATH);
    let note_error = submit_error_at(AddTicketNote::PATH);
    let change_error = submit_error::<ChangeTicket>().or_else(submit_error::<AssignTicket>);
    let TicketView {
        reference,
        subject,
        department_id,
        department,
        status,
        priority,
        assigned_admin_id,
        assigned,
        requester_name,
        requester_email,
        client,
        created,
        last_reply,
        messages,
        newest_message,
        draft,
        present,
        predefined,
        departments,
        assignees,
        viewer_id,
        can_reply,
        can_link_client,
        can_change,
        can_assign,
    } = ticket;
    let link_error = submit_error::<LinkTicketToClient>();
    let r_link = reference.clone();
    let me_in_department = assignees.iter().any(|(id, _)| *id == viewer_id);
    let was_assignee = assigned_admin_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let (r_change, r_assign, r_me, r_reply, r_note) = (
        reference.clone(),
        reference.clone(),
        reference.clone(),
        reference.clone(),
        reference.clone(),
    );
    let was_assignee_me = was_assignee.clone();
    // "Use this reply" (without JavaScript) fills the box, in place of the draft.
    let reply_text = use_reply
        .and_then(|id| predefined.iter().find(|c| c.id == id))
        .map(|c| c.text.clone())
        .or(draft)
        .unwrap_or_default();
    let wanted = reply_q.trim().to_lowercase();
    let choices: Vec<_> = predefined
        .into_iter()
        .filter(|c| {
            wanted.is_empty()
                || format!("{} {} {}", c.category, c.name, c.text)
                    .to_lowercase()
                    .contains(&wanted)
        })
        .collect();
    let has_library = !choices.is_empty() || !wanted.is_empty();
    view! {
        <Title text=format!("{reference} {subject} — Staffdesk")/>
        <div class="page-head">
            <h1><span class="muted">{reference.clone()}</span> " " {subject.clone()}</h1>
            {status_badge(status)}
        </div>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        <FormAlert error=change_error.clone()/>
        <section class="card ticket-facts" aria-label=t("tickets-details")>
            <dl class="facts">
                <dt>{t("tickets-requester")}</dt><dd>{requester_name} " <" {requester_email} ">"</dd>
                {client.map(|(id, name)| view! {
                    <dt>{t("tickets-client")}</dt><dd><a href=format!("/clients/{id}")>{name}</a></dd>
                })}
                <dt>{t("tickets-department")}</dt><dd>{department}</dd>
                <dt>{t("tickets-priority")}</dt><dd>{priority.label()}</dd>
                <dt>{t("tickets-assigned")}</dt><dd>{assigned.unwrap_or_else(|| t("tickets-nobody"))}</dd>
                <dt>{t("tickets-created")}</dt><dd>{created}</dd>
                <dt>{t("tickets-last-reply")}</dt><dd>{last_reply}</dd>
            </dl>
            {can_link_client.then(move || view! {
                <form method="post" action=LinkTicketToClient::PATH class="inline-form">
                    <input type="hidden" name="reference" value=r_link/>
                    <Field spec=FieldSpec::new("link-client", "client", &t("tickets-link-client"), "text", Rule::Text)
                        .max(254).help(&t("tickets-link-client-help")).error_from(&link_error)/>
                    <button type="submit" class="button">{t("tickets-link-client-submit")}</button>
                </form>
            })}
            {can_change.then(move || view! {
                <form method="post" action=ChangeTicket::PATH class="inline-form">
                    <input type="hidden" name="reference" value=r_change/>
                    <input type="hidden" name="was_status" value=status.key()/>
                    <input type="hidden" name="was_priority" value=priority.key()/>
                    <input type="hidden" name="was_department_id" value=department_id.to_string()/>
                    <div class="field">
                        <label for="ticket-status">{t("tickets-status")}</label>
                        <select id="ticket-status" name="status">
                            {Status::ALL.into_iter().map(|s| view! { <option value=s.key() selected=s == status>{s.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="ticket-priority">{t("tickets-priority")}</label>
                        <select id="ticket-priority" name="priority">
                            {Priority::ALL.into_iter().map(|p| view! { <option value=p.key() selected=p == priority>{p.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="ticket-department">{t("tickets-department")}</label>
                        <select id="ticket-department" name="department_id">
                            {departments.iter().map(|(id, name)| view! { <option value=id.to_string() selected=*id == department_id>{name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="actions"><button type="submit" class="button">{t("tickets-save-changes")}</button></div>
                </form>
            })}
            {can_assign.then(move || view! {
                <form method="post" action=AssignTicket::PATH class="inline-form">
                    <input type="hidden" name="reference" value=r_assign/>
                    <input type="hidden" name="was_assignee" value=was_assignee/>
                    <div class="field">
                        <label for="ticket-assignee">{t("tickets-assign-to")}</label>
                        <select id="ticket-assignee" name="assignee">
                            <option value="">{t("tickets-nobody")}</option>
                            {assignees.iter().map(|(id, name)| view! { <option value=id.to_string() selected=Some(*id) == assigned_admin_id>{name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="actions"><button type="submit" class="button">{t("tickets-assign")}</button></div>
                </form>
            })}
            {(can_assign && me_in_department && assigned_admin_id != Some(viewer_id)).then(move || view! {
                <form method="post" action=AssignTicket::PATH class="inline-form">
                    <input type="hidden" name="reference" value=r_me/>
                    <input type="hidden" name="was_assignee" value=was_assignee_me/>
                    <input type="hidden" name="assignee" value=viewer_id.to_string()/>
                    <button type="submit" class="button">{t("tickets-assign-to-me")}</button>
                </form>
            })}
        </section>
        <TicketWatch reference=reference.clone() seen=newest_message present=present text=WatchText {
            moved: t("tickets-watch-moved"),
            present: t("tickets-watch-present"),
            note: t("tickets-note"),
        }/>
        <section class="thread" aria-label=t("tickets-thread")>
            {messages.into_iter().map(|m| message(reference.clone(), m)).collect_view()}
        </section>
        {can_reply.then(move || view! {
            <section class="card" aria-labelledby="reply-heading">
                <h2 id="reply-heading">{t("tickets-reply")}</h2>
                <SmartForm action=ReplyTicket::PATH.to_owned() multipart=true>
                    <FormAlert error=reply_error.clone()/>
                    <input type="hidden" name="reference" value=r_reply/>
                    <input type="hidden" name="seen" value=newest_message.to_string()/>
                    <Field spec=FieldSpec::new("ticket-reply", "body", &t("tickets-reply-text"), "textarea", Rule::MultilineText)
                        .max(MessageBody::MAX_CHARS).help(&t("tickets-reply-help")).value(&reply_text).error_from(&reply_error)/>
                    {files_field("ticket-reply-files", reply_error.clone())}
                    <div class="actions"><button type="submit" class="button primary">{t("tickets-send-reply")}</button></div>
                </SmartForm>
            </section>
            {has_library.then(|| view! {
                <details class="card predefined-picker" open=(!wanted.is_empty()).then_some("")>
                    <summary>{t("tickets-predefined-replies")}</summary>
                    {choices.is_empty().then(|| view! { <p class="muted">{t("predefined-none-match")}</p> })}
                    <ReplyPicker choices=choices query=reply_q/>
                </details>
            })}
            <section class="card note-card" aria-labelledby="note-heading">
                <h2 id="note-heading">{t("tickets-add-note")}</h2>
                <SmartForm action=AddTicketNote::PATH.to_owned() multipart=true>
                    <FormAlert error=note_error.clone()/>
                    <input type="hidden" name="reference" value=r_note/>
                    <input type="hidden" name="seen" value=newest_message.to_string()/>
                    <Field spec=FieldSpec::new("ticket-note", "body", &t("tickets-note-text"), "textarea", Rule::MultilineText)
                        .max(MessageBody::MAX_CHARS).help(&t("tickets-note-help")).error_from(&note_error)/>
                    {files_field("ticket-note-files", note_error.clone())}
                    <div class="actions"><button type="submit" class="button">{t("tickets-save-note")}</button></div>
                </SmartForm>
            </section>
        })}
        <p><a href="/tickets">{t("tickets-back")}</a></p>
    }
}
