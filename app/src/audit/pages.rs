//! The Activity Log page and the login history pages.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_login_history, list_audit_events};
use super::model::{AuditFilter, AuditPage, AuditRow, LoginRecord};
use crate::kernel::audit::Action;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;

#[component]
pub fn ActivityLogPage() -> impl IntoView {
    let (filter, before) = use_query_map().with_untracked(|q| {
        let get = |k: &str| q.get(k).unwrap_or_default();
        (
            AuditFilter {
                from: get("from"),
                to: get("to"),
                actor: get("actor"),
                action: get("action"),
                ip: get("ip"),
                q: get("q"),
            },
            q.get("before").and_then(|b| b.parse::<i64>().ok()),
        )
    });
    let shown = filter.clone();
    let page = Resource::new_blocking(
        move || (filter.clone(), before),
        |(filter, before)| list_audit_events(filter, before),
    );
    view! {
        <Title text=format!("{} — Staffdesk", t("audit-title"))/>
        <h1>{t("audit-title")}</h1>
        <p class="lead">{t("audit-lead")}</p>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || {
                let filter = shown.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <ActivityLog page filter/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ActivityLog(page: AuditPage, filter: AuditFilter) -> impl IntoView {
    let query = filter.query();
    let export = page.can_export.then(|| {
        let href = if query.is_empty() {
            "/activity/export.csv".to_owned()
        } else {
            format!("/activity/export.csv?{query}")
        };
        view! { <a class="button" href=href download>{t("audit-export")}</a> }
    });
    let older = page.next_before.map(|before| {
        let sep = if query.is_empty() { "" } else { "&" };
        view! { <a class="button" href=format!("/activity?{query}{sep}before={before}")>{t("audit-older")}</a> }
    });
    let actor = filter.actor.clone();
    let action = filter.action.clone();
    view! {
        <section class="card" aria-labelledby="filter-heading">
            <h2 id="filter-heading" class="visually-hidden">{t("audit-filter")}</h2>
            <form method="get" action="/activity" class="filters">
                <div class="field"><label for="audit-from">{t("audit-from")}</label>
                    <input id="audit-from" type="date" name="from" value=filter.from.clone()/></div>
                <div class="field"><label for="audit-to">{t("audit-to")}</label>
                    <input id="audit-to" type="date" name="to" value=filter.to.clone()/></div>
                <div class="field"><label for="audit-actor">{t("audit-actor")}</label>
                    <select id="audit-actor" name="actor">
                        <option value="">{t("audit-anyone")}</option>
                        {page.actors.into_iter().map(|(id, name)| {
                            let selected = actor == id.to_string();
                            view! { <option value=id selected=selected>{name}</option> }
                        }).collect_view()}
                    </select></div>
                <div class="field"><label for="audit-action">{t("audit-action")}</label>
                    <select id="audit-action" name="action">
                        <option value="">{t("audit-any-action")}</option>
                        {Action::ALL.into_iter().map(|a| view! {
                            <option value=a.key() selected=action == a.key()>{a.label()}</option>
                        }).collect_view()}
                    </select></div>
                <div class="field"><label for="audit-ip">{t("account-ip")}</label>
                    <input id="audit-ip" type="text" name="ip" value=filter.ip.clone() autocomplete="off"/></div>
                <div class="field"><label for="audit-q">{t("audit-search")}</label>
                    <input id="audit-q" type="search" name="q" value=filter.q.clone()/></div>
                <div class="filter-actions">
                    <button type="submit" class="button primary">{t("audit-apply")}</button>
                    <a class="button" href="/activity">{t("audit-clear")}</a>
                    {export}
                </div>
            </form>
        </section>
        <section class="card" aria-labelledby="events-heading">
            <h2 id="events-heading">{t("audit-events")}</h2>
            {if page.rows.is_empty() {
                view! { <p class="empty">{t("audit-empty")}</p> }.into_any()
            } else {
                view! { <AuditTable rows=page.rows/> }.into_any()
            }}
            <p class="pager">{older}</p>
        </section>
    }
}

#[component]
pub fn AuditTable(rows: Vec<AuditRow>) -> impl IntoView {
    view! {
        <table class="data audit">
            <thead><tr>
                <th scope="col">{t("audit-time")}</th><th scope="col">{t("audit-actor")}</th>
                <th scope="col">{t("audit-action")}</th><th scope="col">{t("audit-target")}</th>
                <th scope="col">{t("account-ip")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let has_details = r.before.is_some() || r.after.is_some();
                    view! {
                        <tr>
                            <td class="nowrap">{r.at}</td>
                            <td>{r.actor}</td>
                            <td>
                                {if has_details {
                                    view! {
                                        <details>
                                            <summary>{r.action_label.clone()}</summary>
                                            {r.before.map(|b| view! { <p class="small muted">{t("audit-before")}</p><pre class="json">{b}</pre> })}
                                            {r.after.map(|a| view! { <p class="small muted">{t("audit-after")}</p><pre class="json">{a}</pre> })}
                                            <p class="small muted">{r.user_agent.clone()}</p>
                                        </details>
                                    }.into_any()
                                } else {
                                    view! { <span>{r.action_label.clone()}</span> }.into_any()
                                }}
                            </td>
                            <td>{r.target}</td>
                            <td>{r.ip}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/account/logins` (your own) and `/admins/<id>/logins`.
#[component]
pub fn LoginHistoryPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id"));
    let history = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            match id {
                None => get_login_history(None).await,
                Some(id) => match id.parse() {
                    Ok(id) => get_login_history(Some(id)).await,
                    Err(_) => Err(AppError::not_found()),
                },
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match history.await {
                    Ok((name, logins)) => view! { <LoginHistory name logins/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LoginHistory(name: String, logins: Vec<LoginRecord>) -> impl IntoView {
    let heading = t_args("logins-heading", &[("name", name.into())]);
    view! {
        <Title text=format!("{heading} — Staffdesk")/>
        <h1>{heading.clone()}</h1>
        <section class="card">
            {if logins.is_empty() {
                view! { <p class="empty">{t("logins-empty")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("audit-time")}</th><th scope="col">{t("logins-result")}</th>
                            <th scope="col">{t("account-ip")}</th><th scope="col">{t("account-device")}</th>
                        </tr></thead>
                        <tbody>
                            {logins.into_iter().map(|l| view! {
                                <tr>
                                    <td class="nowrap">{l.at}</td>
                                    <td>{if l.succeeded {
                                        view! { <span class="badge ok">{t("logins-succeeded")}</span> }.into_any()
                                    } else {
                                        view! { <span class="badge danger">{t("logins-failed")}</span> }.into_any()
                                    }}</td>
                                    <td>{l.ip}</td>
                                    <td class="small">{l.user_agent}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
