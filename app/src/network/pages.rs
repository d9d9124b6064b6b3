//! Network issue pages: the staff list and editor (`/network-issues`), the status page anyone may
//! read (`/network-status`, and the same inside the Client Area), and the Dashboard's slot.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    PostNetworkIssueUpdate, SaveNetworkIssue, get_client_network_status, get_network_issue,
    get_network_service_groups, get_network_status, get_open_network_issues, list_network_issues,
};
use super::model::{IssueKind, IssuePriority, IssueStatus, IssueView};
use crate::kernel::error::AppError;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};

/// The badge class of a status: danger for an outage, ok when resolved.
fn status_class(status: IssueStatus) -> &'static str {
    match status {
        IssueStatus::Outage => "badge danger",
        IssueStatus::Resolved => "badge ok",
        _ => "badge",
    }
}

#[component]
pub fn NetworkIssuesPage() -> impl IntoView {
    let issues = Resource::new_blocking(
        || (),
        |_| async {
            Ok::<_, AppError>((
                list_network_issues().await?,
                get_network_service_groups().await?,
            ))
        },
    );
    view! {
        <Title text=format!("{} — Staffdesk", t("network-issues-title"))/>
        <h1>{t("network-issues-title")}</h1>
        <p class="lead">{t("network-issues-lead")} " " <a href="/network-status">{t("network-status-link")}</a></p>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match issues.await {
                    Ok((list, groups)) => view! {
                        <IssueList list/>
                        <section class="card" aria-labelledby="add-issue-heading">
                            <h2 id="add-issue-heading">{t("network-add")}</h2>
                            <IssueForm issue=None groups/>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn IssueList(list: Vec<IssueView>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="issues-heading">
            <h2 id="issues-heading">{t("network-issues-title")}</h2>
            {if list.is_empty() {
                view! { <p class="empty">{t("network-none")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("network-field-title")}</th>
                            <th scope="col">{t("network-field-status")}</th>
                            <th scope="col">{t("network-field-priority")}</th>
                            <th scope="col">{t("network-field-affects")}</th>
                            <th scope="col">{t("network-field-starts")}</th>
                            <th scope="col">{t("network-field-ends")}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|i| view! {
                                <tr>
                                    <td><a href=format!("/network-issues/{}", i.id)>{i.title}</a></td>
                                    <td><span class=status_class(i.status)>{i.status_label}</span></td>
                                    <td>{i.priority_label}</td>
                                    <td>
                                        {i.affects}
                                        {i.service_group.map(|g| view! { " " <span class="badge">{g}</span> })}
                                    </td>
                                    <td>{i.starts}</td>
                                    <td>{i.ends.unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// A `<select>` of choices with its label, the current one chosen.
fn choice_field(
    id: &'static str,
    name: &'static str,
    label: String,
    choices: Vec<(&'static str, String)>,
    chosen: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                {choices.into_iter().map(|(key, text)| view! {
                    <option value=key selected=key == chosen>{text}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The add or edit form; errors come back to it with the values the server kept.
#[component]
fn IssueForm(issue: Option<IssueView>, groups: Vec<String>) -> impl IntoView {
    let error = submit_error::<SaveNetworkIssue>();
    let value = |f: fn(&IssueView) -> &str| issue.as_ref().map(f).unwrap_or_default().to_owned();
    let (title, affects, starts, ends, description) = (
        value(|i| &i.title),
        value(|i| &i.affects),
        value(|i| &i.starts_input),
        value(|i| &i.ends_input),
        value(|i| &i.description),
    );
    let editing = issue.is_some();
    let group = issue.as_ref().and_then(|i| i.service_group.clone());
    // A group whose services have gone stays choosable on the issue that names it.
    let mut groups = groups;
    if let Some(g) = group.as_ref().filter(|g| !groups.contains(g)) {
        groups.push(g.clone());
    }
    let kind = issue.as_ref().map_or(IssueKind::Server, |i| i.kind);
    let priority = issue.as_ref().map_or(IssuePriority::Medium, |i| i.priority);
    let status = issue
        .as_ref()
        .map_or(IssueStatus::Investigating, |i| i.status);
    let (id, version) = issue.as_ref().map_or((String::new(), String::new()), |i| {
        (i.id.to_string(), i.version.to_string())
    });
    view! {
        <SmartForm action=SaveNetworkIssue::PATH.to_owned()>
            <FormAlert error=error.clone()/>
            <input type="hidden" name="issue_id" value=id/>
            <input type="hidden" name="version" value=version/>
            <Field spec=FieldSpec::new("issue-title", "title", &t("network-field-title"), "text", Rule::Text)
                .max(200).value(&title).error_from(&error)/>
            {choice_field("issue-kind", "kind", t("network-field-kind"),
                IssueKind::ALL.iter().map(|k| (k.key(), k.label())).collect(), kind.key())}
            <Field spec=FieldSpec::new("issue-affects", "affects", &t("network-field-affects"), "text", Rule::Text)
                .optional().max(200).help(&t("network-affects-help")).value(&affects).error_from(&error)/>
            <div class="field">
                <label for="issue-service-group">{t("network-field-service-group")}</label>
                <select id="issue-service-group" name="service_group" aria-describedby="issue-service-group-help"
                    aria-invalid=error.as_ref().is_some_and(|e| e.field.as_deref() == Some("service_group")).then_some("true")>
                    <option value="">{t("network-service-group-none")}</option>
                    {groups.into_iter().map(|g| {
                        let chosen = group.as_deref() == Some(g.as_str());
                        view! { <option value=g.clone() selected=chosen>{g.clone()}</option> }
                    }).collect_view()}
                </select>
                <p id="issue-service-group-help" class="small muted">{t("network-service-group-help")}</p>
            </div>
            {choice_field("issue-priority", "priority", t("network-field-priority"),
                IssuePriority::ALL.iter().map(|k| (k.key(), k.label())).collect(), priority.key())}
            {choice_field("issue-status", "status", t("network-field-status"),
                IssueStatus::ALL.iter().map(|k| (k.key(), k.label())).collect(), status.key())}
            <Field spec=FieldSpec::new("issue-starts", "starts_at", &t("network-field-starts"), "datetime-local", Rule::None)
                .help(&t("network-times-help")).value(&starts).error_from(&error)/>
            <Field spec=FieldSpec::new("issue-ends", "ends_at", &t("network-field-ends"), "datetime-local", Rule::None)
                .optional().value(&ends).error_from(&error)/>
            <Field spec=FieldSpec::new("issue-description", "description", &t("network-field-description"), "textarea", Rule::MultilineText)
                .optional().max(5000).value(&description).error_from(&error)/>
            <button type="submit" class="button primary">{t(if editing { "network-save" } else { "network-add-submit" })}</button>
        </SmartForm>
    }
}

#[component]
pub fn NetworkIssuePage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let issue = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            match id.parse() {
                Ok(id) => Ok((
                    get_network_issue(id).await?,
                    get_network_service_groups().await?,
                )),
                Err(_) => Err(AppError::not_found()),
            }
        },
    );
    let notice = use_query_map().with_untracked(|q| {
        if q.get("saved").is_some() {
            Some(t("network-saved"))
        } else if q.get("posted").is_some() {
            Some(t("network-update-posted"))
        } else {
            None
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || {
                let notice = notice.clone();
                Suspend::new(async move {
                    match issue.await {
                        Ok((issue, groups)) => view! { <EditIssue issue groups notice/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn EditIssue(issue: IssueView, groups: Vec<String>, notice: Option<String>) -> impl IntoView {
    let heading = t_args(
        "network-edit-heading",
        &[("title", issue.title.clone().into())],
    );
    let update_error = submit_error::<PostNetworkIssueUpdate>();
    let updates = issue.updates.clone();
    let id = issue.id;
    view! {
        <Title text=format!("{heading} — Staffdesk")/>
        <h1>{heading}</h1>
        <p><a href="/network-issues">{t("network-back")}</a></p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        <section class="card" aria-labelledby="issue-updates-heading">
            <h2 id="issue-updates-heading">{t("network-updates")}</h2>
            <Updates updates/>
            <SmartForm action=PostNetworkIssueUpdate::PATH.to_owned()>
                <FormAlert error=update_error.clone()/>
                <input type="hidden" name="issue_id" value=id/>
                <Field spec=FieldSpec::new("update-body", "body", &t("network-update-body"), "textarea", Rule::MultilineText)
                    .max(5000).error_from(&update_error)/>
                <div class="field">
                    <label for="update-status">{t("network-update-status")}</label>
                    <select id="update-status" name="status">
                        <option value="">{t("network-update-status-same")}</option>
                        {IssueStatus::ALL.iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button primary">{t("network-post-update")}</button>
            </SmartForm>
        </section>
        <section class="card" aria-labelledby="issue-edit-heading">
            <h2 id="issue-edit-heading">{t("network-details")}</h2>
            <IssueForm issue=Some(issue) groups/>
        </section>
    }
}

#[component]
fn Updates(updates: Vec<super::model::UpdateView>) -> impl IntoView {
    if updates.is_empty() {
        return view! { <p class="muted">{t("network-no-updates")}</p> }.into_any();
    }
    view! {
        <ol class="network-updates">
            {updates.into_iter().map(|u| view! {
                <li>
                    <p class="muted">
                        <time>{u.at}</time>
                        {u.status.map(|s| view! { " · " <span class="badge">{s}</span> })}
                        {(!u.author.is_empty()).then(|| view! { " · " {u.author.clone()} })}
                    </p>
                    <p class="pre">{u.body}</p>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// One issue on the status page.
#[component]
fn IssueCard(issue: IssueView) -> impl IntoView {
    let heading = format!("network-issue-{}", issue.id);
    view! {
        <article class="card network-issue" aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{issue.title}</h3>
            <p>
                <span class=status_class(issue.status)>{issue.status_label}</span>
                " " <span class="muted">{issue.kind_label} " · " {issue.priority_label}</span>
                {issue.affects_you.then(|| view! { " " <strong class="badge danger">{t("network-affects-you")}</strong> })}
            </p>
            <dl class="facts">
                {(!issue.affects.is_empty()).then(|| view! { <dt>{t("network-field-affects")}</dt><dd>{issue.affects}</dd> })}
                {issue.service_group.map(|g| view! { <dt>{t("network-field-service-group")}</dt><dd>{g}</dd> })}
                <dt>{t("network-field-starts")}</dt><dd>{issue.starts}</dd>
                {issue.ends.map(|e| view! { <dt>{t("network-field-ends")}</dt><dd>{e}</dd> })}
            </dl>
            {(!issue.description.is_empty()).then(|| view! { <p class="pre">{issue.description}</p> })}
            {(!issue.updates.is_empty()).then(|| view! {
                <h4>{t("network-updates")}</h4>
                <Updates updates=issue.updates/>
            })}
        </article>
    }
}

/// The status page: `/network-status` for anyone, `/client/network-status` in the Client Area.
#[component]
pub fn NetworkStatusPage() -> impl IntoView {
    let in_client_area = crate::kernel::ui::in_client_area();
    let board = Resource::new_blocking(
        || (),
        move |_| async move {
            if in_client_area {
                get_client_network_status().await
            } else {
                get_network_status().await
            }
        },
    );
    let section = |id: &'static str, title: String, empty: String, issues: Vec<IssueView>| {
        view! {
            <section aria-labelledby=id>
                <h2 id=id>{title}</h2>
                {if issues.is_empty() {
                    view! { <p class="empty">{empty}</p> }.into_any()
                } else {
                    issues.into_iter().map(|issue| view! { <IssueCard issue/> }).collect_view().into_any()
                }}
            </section>
        }
    };
    view! {
        <Title text=format!("{} — Staffdesk", t("network-status-title"))/>
        <h1>{t("network-status-title")}</h1>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(b) => view! {
                        {b.open.is_empty().then(|| view! {
                            <p class="alert alert-ok" role="status">{t("network-all-clear")}</p>
                        })}
                        {section("network-open-heading", t("network-open"), t("network-open-none"), b.open)}
                        {section("network-scheduled-heading", t("network-scheduled"), t("network-scheduled-none"), b.scheduled)}
                        {section("network-resolved-heading", t("network-resolved"), t("network-resolved-none"), b.resolved)}
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The Dashboard's slot: the open network issues, when there are any.
#[component]
pub fn DashboardNetworkSlot() -> impl IntoView {
    let open = Resource::new_blocking(|| (), |_| get_open_network_issues());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                open.await.ok().filter(|o| !o.is_empty()).map(|open| view! {
                    <div class="widgets">
                        <section class="card widget wide" aria-labelledby="network-widget-heading">
                            <h2 id="network-widget-heading"><a href="/network-status">{t("network-open")}</a></h2>
                            <ul class="plain">
                                {open.into_iter().map(|i| view! {
                                    <li>
                                        <span class=status_class(i.status)>{i.status_label}</span> " "
                                        {if crate::kernel::viewer_can(crate::kernel::Permission::ManageNetworkIssues) {
                                            view! { <a href=format!("/network-issues/{}", i.id)>{i.title}</a> }.into_any()
                                        } else {
                                            view! { <span>{i.title}</span> }.into_any()
                                        }}
                                        " " <span class="muted">{i.priority_label} " · " {i.starts}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    </div>
                })
            })}
        </Suspense>
    }
}
