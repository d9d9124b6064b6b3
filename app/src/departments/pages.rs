//! The Departments page: the list, and the form to add one.

use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

use super::api::{CreateDepartment, list_departments};
use super::model::{DepartmentDescription, DepartmentName, DepartmentView};
use crate::auth::{Permission, viewer_can};
use crate::ui::ErrorPage;
use crate::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::validation::Email;

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let departments = Resource::new_blocking(|| (), |_| list_departments());
    view! {
        <Title text="Support Departments — Staffdesk"/>
        <h1>"Support Departments"</h1>
        <p class="lead">"Tickets are routed to departments; staff choose which departments notify them."</p>
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
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|d| view! {
                                <tr><td>{d.name}</td><td>{d.email}</td><td class="pre">{d.description}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn AddDepartment() -> impl IntoView {
    let error = submit_error::<CreateDepartment>();
    view! {
        <section class="card" aria-labelledby="add-department-heading">
            <h2 id="add-department-heading">"Add a department"</h2>
            <SmartForm action=CreateDepartment::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <Field spec=FieldSpec::new("department-name", "name", "Name", "text", Rule::DepartmentName)
                    .max(DepartmentName::MAX_CHARS).error_from(&error)/>
                <Field spec=FieldSpec::new("department-email", "email", "Email", "email", Rule::Email)
                    .max(Email::MAX_CHARS).error_from(&error)/>
                <Field spec=FieldSpec::new("department-description", "description", "Description", "textarea", Rule::DepartmentDescription)
                    .optional().max(DepartmentDescription::MAX_CHARS).error_from(&error)/>
                <button type="submit" class="button primary">"Add department"</button>
            </SmartForm>
        </section>
    }
}
