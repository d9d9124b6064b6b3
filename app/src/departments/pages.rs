//! The Departments page (the list, and the form to add one) and Edit Department.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    CreateDepartment, SetDepartmentHidden, UpdateDepartment, get_department, list_departments,
};
use super::model::{DepartmentDescription, DepartmentName, DepartmentView};
use crate::kernel::Permission;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::kernel::validation::Email;
use crate::kernel::viewer_can;

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let departments = Resource::new_blocking(|| (), |_| list_departments());
    let notice = use_query_map().with_untracked(|q| {
        if q.get("saved").is_some() {
            Some(t("departments-saved"))
        } else if q.get("hidden").is_some() {
            Some(t("departments-hidden-notice"))
        } else if q.get("shown").is_some() {
            Some(t("departments-shown-notice"))
        } else {
            None
        }
    });
    let action_error = submit_error::<SetDepartmentHidden>();
    view! {
        <Title text=format!("{} — Staffdesk", t("departments-title"))/>
        <h1>{t("departments-title")}</h1>
        <p class="lead">{t("departments-lead")}</p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {action_error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })}
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match departments.await {
                    Ok(list) => view! {
                        <DepartmentList list/>
                        {viewer_can(Permission::ManageDepartments).then(|| view! { <AddDepartment/> })}
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DepartmentList(list: Vec<DepartmentView>) -> impl IntoView {
    let manage = viewer_can(Permission::ManageDepartments);
    view! {
        <section class="card" aria-labelledby="departments-heading">
            <h2 id="departments-heading">{t("nav-departments")}</h2>
            {if list.is_empty() {
                view! { <p class="empty">{t("departments-empty")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("departments-name")}</th><th scope="col">{t("field-email")}</th><th scope="col">{t("departments-description")}</th>
                            {manage.then(|| view! { <th scope="col"><span class="visually-hidden">{t("common-actions")}</span></th> })}
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|d| {
                                let name = d.name.clone();
                                view! {
                                    <tr>
                                        <td>{d.name.clone()}{d.hidden.then(|| view! { " " <span class="badge muted-badge">{t("departments-hidden")}</span> })}</td>
                                        <td>{d.email}</td>
                                        <td class="pre">{d.description}</td>
                                        {manage.then(|| view! {
                                            <td class="actions">
                                                <a class="button small-button" href=format!("/departments/{}", d.id) aria-label=t_args("common-edit-named", &[("name", name.clone().into())])>{t("common-edit")}</a>
                                                <form method="post" action=SetDepartmentHidden::PATH>
                                                    <input type="hidden" name="department_id" value=d.id/>
                                                    <input type="hidden" name="hidden" value=(!d.hidden).to_string()/>
                                                    <button type="submit" class="button small-button"
                                                        aria-label=t_args(if d.hidden { "departments-show-named" } else { "departments-hide-named" }, &[("name", name.clone().into())])>
                                                        {t(if d.hidden { "departments-show" } else { "departments-hide" })}
                                                    </button>
                                                </form>
                                            </td>
                                        })}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// Name, email and description fields, empty or filled from a department.
fn department_fields(
    values: Option<&DepartmentView>,
    error: &Option<AppError>,
) -> (FieldSpec, FieldSpec, FieldSpec) {
    let value = |f: fn(&DepartmentView) -> &str| values.map(f).unwrap_or_default();
    (
        FieldSpec::new(
            "department-name",
            "name",
            &t("departments-name"),
            "text",
            Rule::Text,
        )
        .max(DepartmentName::MAX_CHARS)
        .value(value(|d| &d.name))
        .error_from(error),
        FieldSpec::new(
            "department-email",
            "email",
            &t("field-email"),
            "email",
            Rule::Email,
        )
        .max(Email::MAX_CHARS)
        .value(value(|d| &d.email))
        .error_from(error),
        FieldSpec::new(
            "department-description",
            "description",
            &t("departments-description"),
            "textarea",
            Rule::MultilineText,
        )
        .optional()
        .max(DepartmentDescription::MAX_CHARS)
        .value(value(|d| &d.description))
        .error_from(error),
    )
}

#[component]
fn AddDepartment() -> impl IntoView {
    let error = submit_error::<CreateDepartment>();
    let (name, email, description) = department_fields(None, &error);
    view! {
        <section class="card" aria-labelledby="add-department-heading">
            <h2 id="add-department-heading">{t("departments-add")}</h2>
            <SmartForm action=CreateDepartment::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <Field spec=name/>
                <Field spec=email/>
                <Field spec=description/>
                <button type="submit" class="button primary">{t("departments-add-submit")}</button>
            </SmartForm>
        </section>
    }
}

#[component]
pub fn DepartmentEditPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let department = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            match id.parse() {
                Ok(id) => get_department(id).await,
                Err(_) => Err(AppError::not_found()),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match department.await {
                    Ok(department) => view! { <EditDepartment department/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditDepartment(department: DepartmentView) -> impl IntoView {
    let error = submit_error::<UpdateDepartment>();
    let (name, email, description) = department_fields(Some(&department), &error);
    view! {
        <Title text=format!("{} — Staffdesk", t_args("departments-edit-heading", &[("name", department.name.clone().into())]))/>
        <h1>{t_args("departments-edit-heading", &[("name", department.name.clone().into())])}</h1>
        <p><a href="/departments">{t("departments-back")}</a></p>
        <section class="card">
            <SmartForm action=UpdateDepartment::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="department_id" value=department.id/>
                <input type="hidden" name="version" value=department.version/>
                <Field spec=name/>
                <Field spec=email/>
                <Field spec=description/>
                <button type="submit" class="button primary">{t("departments-save")}</button>
            </SmartForm>
        </section>
    }
}
