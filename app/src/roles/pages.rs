//! The Roles page and the role editor.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{DeleteRole, SaveRole, SetRoleTwoFactor, get_role_draft, list_roles};
use super::model::{RoleDraft, RoleName, RoleSummary, permission_field};
use crate::kernel::Permission;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::permission::Area;
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};

#[component]
pub fn RolesPage() -> impl IntoView {
    let roles = Resource::new_blocking(|| (), |_| list_roles());
    let notice = use_query_map().with_untracked(|q| {
        if q.get("created").is_some() {
            Some(t("roles-created"))
        } else if q.get("saved").is_some() {
            Some(t("roles-saved"))
        } else if q.get("deleted").is_some() {
            Some(t("roles-deleted"))
        } else {
            None
        }
    });
    let error = submit_error::<DeleteRole>().or_else(submit_error::<SetRoleTwoFactor>);
    view! {
        <Title text=format!("{} — Staffdesk", t("roles-title"))/>
        <div class="page-head">
            <h1>{t("roles-title")}</h1>
            <a class="button primary" href="/roles/new">{t("roles-add")}</a>
        </div>
        <p class="lead">{t("roles-lead")}</p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })}
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match roles.await {
                    Ok(list) => view! { <RolesTable list/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn permission_summary(role: &RoleSummary) -> String {
    if role.full {
        t("roles-every-permission")
    } else if role.permissions.is_empty() {
        t("roles-no-permissions")
    } else {
        role.permissions
            .iter()
            .map(|p| p.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[component]
fn RolesTable(list: Vec<RoleSummary>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="roles-heading">
            <h2 id="roles-heading">{t("roles-heading")}</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">{t("roles-col-role")}</th><th scope="col">{t("roles-col-admins")}</th><th scope="col">{t("roles-col-permissions")}</th><th scope="col">{t("roles-col-two-factor")}</th>
                    <th scope="col"><span class="visually-hidden">{t("common-actions")}</span></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|r| {
                        let summary = permission_summary(&r);
                        let name = r.name.clone();
                        view! {
                            <tr>
                                <td>{r.name.clone()}{r.built_in.then(|| view! { " " <span class="badge muted-badge">{t("roles-built-in")}</span> })}</td>
                                <td>{r.admin_count}</td>
                                <td class="small">{summary}</td>
                                <td>
                                    <form method="post" action=SetRoleTwoFactor::PATH class="inline-form">
                                        <input type="hidden" name="role_id" value=r.id/>
                                        {if r.requires_two_factor {
                                            view! {
                                                <span class="badge ok">{t("roles-two-factor-required")}</span>" "
                                                <button type="submit" class="button small-button" aria-label=t_args("roles-two-factor-unrequire-named", &[("name", name.clone().into())])>{t("roles-two-factor-unrequire")}</button>
                                            }.into_any()
                                        } else {
                                            view! {
                                                <input type="hidden" name="required" value="on"/>
                                                <span class="badge muted-badge">{t("roles-two-factor-optional")}</span>" "
                                                <button type="submit" class="button small-button" aria-label=t_args("roles-two-factor-require-named", &[("name", name.clone().into())])>{t("roles-two-factor-require")}</button>
                                            }.into_any()
                                        }}
                                    </form>
                                </td>
                                <td class="actions">
                                    {(!r.full).then(|| view! {
                                        <a class="button small-button" href=format!("/roles/{}", r.id) aria-label=t_args("common-edit-named", &[("name", name.clone().into())])>{t("common-edit")}</a>
                                    })}
                                    <a class="button small-button" href=format!("/roles/new?from={}", r.id) aria-label=t_args("roles-duplicate-named", &[("name", name.clone().into())])>{t("roles-duplicate")}</a>
                                    {(!r.built_in).then(|| view! {
                                        <form method="post" action=DeleteRole::PATH>
                                            <input type="hidden" name="role_id" value=r.id/>
                                            <button type="submit" class="button small-button danger-button" aria-label=t_args("roles-delete-named", &[("name", name.clone().into())])>{t("roles-delete")}</button>
                                        </form>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// `/roles/new` (optionally `?from=<id>` to duplicate) and `/roles/<id>`.
#[component]
pub fn RoleEditPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let from = use_query_map().with_untracked(|q| q.get("from").and_then(|f| f.parse().ok()));
    let draft = Resource::new_blocking(
        move || (id.clone(), from),
        |(id, from)| async move {
            match id.as_str() {
                "new" => get_role_draft(None, from).await,
                id => match id.parse() {
                    Ok(id) => get_role_draft(Some(id), None).await,
                    Err(_) => Err(crate::kernel::error::AppError::not_found()),
                },
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(draft) => view! { <RoleForm draft/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoleForm(draft: RoleDraft) -> impl IntoView {
    let error = submit_error::<SaveRole>();
    let heading = match draft.id {
        Some(_) => t_args("roles-edit-heading", &[("name", draft.name.clone().into())]),
        None => t("roles-add"),
    };
    let permissions_error = error
        .as_ref()
        .filter(|e| e.is_for("permissions"))
        .map(|e| e.message.clone());
    let locked = draft.locked_reason.is_some();
    let mut name = FieldSpec::new("role-name", "name", &t("roles-name"), "text", Rule::Text)
        .max(RoleName::MAX_CHARS)
        .value(&draft.name)
        .error_from(&error);
    if draft.name_locked || locked {
        name = name.readonly().help(&t("roles-built-in-name"));
    }
    let in_use = draft
        .id
        .map(|_| t_args("roles-in-use", &[("count", draft.admin_count.into())]));
    let groups = permission_groups();
    view! {
        <Title text=format!("{heading} — Staffdesk")/>
        <h1>{heading}</h1>
        <p><a href="/roles">{t("roles-back")}</a></p>
        {in_use.map(|t| view! { <p class="muted">{t}</p> })}
        {draft.locked_reason.clone().map(|r| view! { <p class="alert alert-error" role="alert">{r}</p> })}
        <section class="card">
            <SmartForm action=SaveRole::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="role_id" value=draft.id.map(|i| i.to_string()).unwrap_or_default()/>
                {draft.id.is_some().then(|| view! { <input type="hidden" name="version" value=draft.version/> })}
                {draft.name_locked.then(|| view! { <input type="hidden" name="name" value=draft.name.clone()/> })}
                <Field spec=name/>
                <p id="permissions-error" class="field-error" role="alert">{permissions_error}</p>
                <PermissionPicker groups checked=draft.permissions disabled=locked/>
                <ReportAccess chosen=draft.reports.clone() disabled=locked/>
                {(!locked).then(|| view! {
                    <button type="submit" class="button primary">{if draft.id.is_some() { t("roles-save") } else { t("roles-create") }}</button>
                })}
            </SmartForm>
        </section>
    }
}

/// Which reports the role sees: all of them, or the ticked ones (with "View reports").
#[component]
fn ReportAccess(chosen: Option<Vec<String>>, disabled: bool) -> impl IntoView {
    use crate::reports::model::ReportKind;
    let all = chosen.is_none();
    let list = chosen.unwrap_or_default();
    view! {
        <fieldset class="field permission-group">
            <legend>{t("roles-reports")}</legend>
            <div class="permission-choice">
                <input type="radio" id="reports-all" name="all_reports" value="all" checked=all disabled=disabled/>
                <label for="reports-all">{t("roles-reports-all")}</label>
            </div>
            <div class="permission-choice">
                <input type="radio" id="reports-chosen" name="all_reports" value="chosen" checked=!all disabled=disabled/>
                <label for="reports-chosen">{t("roles-reports-chosen")}</label>
            </div>
            {ReportKind::ALL.into_iter().map(|k| {
                let id = format!("report-{}", k.key());
                view! {
                    <div class="permission-choice indented">
                        <input type="checkbox" id=id.clone() name=format!("reports[{}]", k.key()) value="on"
                            checked=list.iter().any(|r| r == k.key()) disabled=disabled/>
                        <label for=id>{format!("{} — {}", k.group().label(), k.title())}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// One area of the role editor, with its permissions' labels already translated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PermissionGroup {
    pub legend: String,
    /// (permission, label, "needs …" hint)
    pub items: Vec<(Permission, String, Option<String>)>,
}

fn permission_groups() -> Vec<PermissionGroup> {
    Area::ALL
        .into_iter()
        .map(|area| PermissionGroup {
            legend: area.label(),
            items: area
                .permissions()
                .map(|p| {
                    let needs = (!p.requires().is_empty()).then(|| {
                        let names: Vec<String> = p.requires().iter().map(|r| r.label()).collect();
                        t_args("roles-needs", &[("names", names.join(", ").into())])
                    });
                    (p, p.label(), needs)
                })
                .collect(),
        })
        .collect()
}

/// The permissions as checkboxes grouped by area. Once hydrated, ticking one ticks what it needs
/// and unticking one unticks what needs it; the server enforces the same rule.
#[island(lazy)]
pub fn PermissionPicker(
    groups: Vec<PermissionGroup>,
    checked: Vec<Permission>,
    disabled: bool,
) -> impl IntoView {
    let initial = checked.clone();
    let chosen = RwSignal::new(checked);
    let toggle = move |permission: Permission, on: bool| {
        chosen.update(|set| {
            if on {
                let mut stack = vec![permission];
                while let Some(p) = stack.pop() {
                    if !set.contains(&p) {
                        set.push(p);
                    }
                    stack.extend(p.requires().iter().copied());
                }
            } else {
                let mut stack = vec![permission];
                while let Some(p) = stack.pop() {
                    set.retain(|x| *x != p);
                    stack.extend(
                        Permission::ALL
                            .into_iter()
                            .filter(|d| d.requires().contains(&p)),
                    );
                }
            }
        });
    };
    groups
        .into_iter()
        .map(|group| {
            let items = group
                .items
                .into_iter()
                .map(|(p, label, needs)| {
                    let id = format!("perm-{}", permission_field(p));
                    view! {
                        <div class="permission-choice">
                            <input type="checkbox" id=id.clone() name=format!("permissions[{}]", permission_field(p)) value="on"
                                checked=initial.contains(&p) disabled=disabled
                                prop:checked=move || chosen.with(|s| s.contains(&p))
                                on:change=move |ev| toggle(p, event_target_checked(&ev))/>
                            <label for=id>{label}</label>
                            {needs.map(|n| view! { <span class="small muted">{n}</span> })}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="field permission-group">
                    <legend>{group.legend}</legend>
                    {items}
                </fieldset>
            }
        })
        .collect_view()
}
