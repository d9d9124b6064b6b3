//! The Departments page (the list, and the form to add one) and Edit Department.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    CreateDepartment, SetDepartmentHidden, UpdateDepartment, get_department, list_departments,
};
use super::model::{DepartmentDescription, DepartmentName, DepartmentView};
use crate::auth::{Permission, viewer_can};
use crate::error::AppError;
use crate::ui::ErrorPage;
use crate::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::validation::Email;

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let departments = Resource::new_blocking(|| (), |_| list_departments());
    let notice = use_query_map().with_untracked(|q| {
        if q.get("saved").is_some() {
            Some("The department was saved.")
        } else if q.get("hidden").is_some() {
            Some("The department is hidden: it is no longer offered anywhere. Its members keep it.")
        } else if q.get("shown").is_some() {
            Some("The department is visible again.")
        } else {
            None
        }
    });
    let action_error = submit_error::<SetDepartmentHidden>();
    view! {
        <Title text="Support Departments — Staffdesk"/>
        <h1>"Support Departments"</h1>
        <p class="lead">"Tickets are routed to departments; staff choose which departments notify them."</p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {action_error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading departments…"</p> }>
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
            <h2 id="departments-heading">"Departments"</h2>
            {if list.is_empty() {
                view! { <p class="empty">"No departments yet."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Description"</th>
                            {manage.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|d| {
                                let name = d.name.clone();
                                view! {
                                    <tr>
                                        <td>{d.name.clone()}{d.hidden.then(|| view! { " " <span class="badge muted-badge">"Hidden"</span> })}</td>
                                        <td>{d.email}</td>
                                        <td class="pre">{d.description}</td>
                                        {manage.then(|| view! {
                                            <td class="actions">
                                                <a class="button small-button" href=format!("/departments/{}", d.id) aria-label=format!("Edit {name}")>"Edit"</a>
                                                <form method="post" action=SetDepartmentHidden::PATH>
                                                    <input type="hidden" name="department_id" value=d.id/>
                                                    <input type="hidden" name="hidden" value=(!d.hidden).to_string()/>
                                                    <button type="submit" class="button small-button" aria-label=format!("{} {name}", if d.hidden { "Show" } else { "Hide" })>
                                                        {if d.hidden { "Show" } else { "Hide" }}
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
            "Name",
            "text",
            Rule::DepartmentName,
        )
        .max(DepartmentName::MAX_CHARS)
        .value(value(|d| &d.name))
        .error_from(error),
        FieldSpec::new("department-email", "email", "Email", "email", Rule::Email)
            .max(Email::MAX_CHARS)
            .value(value(|d| &d.email))
            .error_from(error),
        FieldSpec::new(
            "department-description",
            "description",
            "Description",
            "textarea",
            Rule::DepartmentDescription,
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
            <h2 id="add-department-heading">"Add a department"</h2>
            <SmartForm action=CreateDepartment::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <Field spec=name/>
                <Field spec=email/>
                <Field spec=description/>
                <button type="submit" class="button primary">"Add department"</button>
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
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
        <Title text=format!("Edit {} — Staffdesk", department.name)/>
        <h1>{format!("Edit department: {}", department.name)}</h1>
        <p><a href="/departments">"← All departments"</a></p>
        <section class="card">
            <SmartForm action=UpdateDepartment::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="department_id" value=department.id/>
                <Field spec=name/>
                <Field spec=email/>
                <Field spec=description/>
                <button type="submit" class="button primary">"Save department"</button>
            </SmartForm>
        </section>
    }
}
