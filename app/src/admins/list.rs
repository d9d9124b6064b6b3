//! The Administrators page: staff, and the invitations still pending.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use super::api::{DisableAdmin, EnableAdmin, list_admins};
use super::model::AdminRow;
use crate::invitations::api::{CancelInvitation, ResendInvitation};
use crate::invitations::pages::PendingTable;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::form::submit_error;
use crate::kernel::ui::{ErrorPage, Pager};
use crate::kernel::{Permission, viewer_can};

#[component]
pub fn AdminsPage() -> impl IntoView {
    let query = use_query_map();
    let (after, invitations_after) = query.with_untracked(|q| {
        let cursor = |k: &str| q.get(k).and_then(|v| v.parse::<i32>().ok());
        (cursor("after"), cursor("invitations_after"))
    });
    let data = Resource::new_blocking(
        move || (after, invitations_after),
        |(after, invitations_after)| list_admins(after, invitations_after),
    );
    let notice = query.with_untracked(|q| {
        if q.get("invited").is_some() {
            Some(t("admins-invited"))
        } else if q.get("resent").is_some() {
            Some(t("admins-resent"))
        } else if q.get("cancelled").is_some() {
            Some(t("admins-cancelled"))
        } else if q.get("disabled").is_some() {
            Some(t("admins-disabled-notice"))
        } else if q.get("enabled").is_some() {
            Some(t("admins-enabled-notice"))
        } else {
            None
        }
    });
    // The row buttons are plain forms: a refused one comes back here with its error in the URL.
    let action_error = submit_error::<ResendInvitation>()
        .or_else(submit_error::<CancelInvitation>)
        .or_else(submit_error::<DisableAdmin>)
        .or_else(submit_error::<EnableAdmin>);
    view! {
        <Title text=format!("{} — Staffdesk", t("nav-admins"))/>
        <div class="page-head">
            <h1>{t("nav-admins")}</h1>
            {viewer_can(Permission::SendInvitations).then(|| view! { <a class="button primary" href="/admins/invite">{t("invite-title")}</a> })}
        </div>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {action_error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })}
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        // Each table pages on its own; its link keeps the other table's place.
                        let admins_next = page.next_admins.map(|id| pager_link(Some(id), invitations_after));
                        let admins_first = after.map(|_| pager_link(None, invitations_after));
                        let pending_next = page.next_pending.map(|id| pager_link(after, Some(id)));
                        let pending_first = invitations_after.map(|_| pager_link(after, None));
                        view! {
                            <AdminsTable admins=page.admins next=admins_next first=admins_first/>
                            {viewer_can(Permission::SendInvitations).then(|| view! {
                                <PendingTable pending=page.pending next=pending_next first=pending_first/>
                            })}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The Administrators page's address for a pair of cursors.
fn pager_link(after: Option<i32>, invitations_after: Option<i32>) -> String {
    let mut params = Vec::new();
    if let Some(id) = after {
        params.push(format!("after={id}"));
    }
    if let Some(id) = invitations_after {
        params.push(format!("invitations_after={id}"));
    }
    if params.is_empty() {
        "/admins".to_owned()
    } else {
        format!("/admins?{}", params.join("&"))
    }
}

#[component]
fn AdminsTable(
    admins: Vec<AdminRow>,
    next: Option<String>,
    first: Option<String>,
) -> impl IntoView {
    let manage = viewer_can(Permission::ManageAdministrators);
    let me = crate::kernel::viewer().map(|a| a.id);
    view! {
        <section class="card" aria-labelledby="staff-heading">
            <h2 id="staff-heading">{t("admins-staff")}</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">{t("departments-name")}</th><th scope="col">{t("field-username")}</th><th scope="col">{t("field-email")}</th>
                    <th scope="col">{t("roles-col-role")}</th><th scope="col">{t("nav-departments")}</th><th scope="col">{t("admins-last-login")}</th>
                    {manage.then(|| view! { <th scope="col"><span class="visually-hidden">{t("common-actions")}</span></th> })}
                </tr></thead>
                <tbody>
                    {admins.into_iter().map(|a| view! {
                        <tr>
                            <td>{a.name.clone()}{a.disabled.then(|| view! { " " <span class="badge muted-badge">{t("admins-disabled")}</span> })}</td>
                            <td>{a.username}</td>
                            <td>{a.email}</td>
                            <td>{a.role}</td>
                            <td>{if a.departments.is_empty() { "—".to_owned() } else { a.departments.join(", ") }}</td>
                            <td>
                                <a href=format!("/admins/{}/logins", a.id) aria-label=t_args("logins-heading", &[("name", a.name.clone().into())])>
                                    {a.last_login.unwrap_or_else(|| t("admins-never"))}
                                </a>
                            </td>
                            {manage.then(|| {
                                let (action, label) = if a.disabled {
                                    (EnableAdmin::PATH, t("admins-enable"))
                                } else {
                                    (DisableAdmin::PATH, t("admins-disable"))
                                };
                                let is_self = me == Some(a.id);
                                view! {
                                    <td class="actions">
                                        <a class="button small-button" href=format!("/admins/{}", a.id) aria-label=t_args("common-edit-named", &[("name", a.name.clone().into())])>{t("common-edit")}</a>
                                        {(!is_self).then(|| view! {
                                            <form method="post" action=action>
                                                <input type="hidden" name="admin_id" value=a.id/>
                                                <button type="submit" class="button small-button" aria-label=format!("{label} {}", a.name)>{label.clone()}</button>
                                            </form>
                                        })}
                                    </td>
                                }
                            })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Pager next first/>
        </section>
    }
}
