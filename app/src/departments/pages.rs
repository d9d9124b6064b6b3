//! The Departments page: the list, and the form to add one.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{CreateDepartment, list_departments};
use super::model::{DepartmentDescription, DepartmentName, DepartmentView};
use crate::ui::{ErrorPage, FieldMessage, field_error};
use crate::validation::{Email, ValidationError};

/// Whether the signed-in admin may add departments (the server checks again on every call).
fn can_manage() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::auth::guard::viewer()
            .is_some_and(|a| a.can(crate::auth::Permission::ManageDepartments))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

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
                    Ok(initial) => view! { <DepartmentsManager initial can_manage=can_manage()/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The list and the add form in one island, so a new department appears without a reload.
#[island]
pub fn DepartmentsManager(initial: Vec<DepartmentView>, can_manage: bool) -> impl IntoView {
    let departments = RwSignal::new(initial);
    let create = ServerAction::<CreateDepartment>::new();
    let form_ref = NodeRef::<leptos::html::Form>::new();

    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let name_check = move || name.with(|v| DepartmentName::parse(v).err());
    let email_check = move || email.with(|v| Email::parse(v).err());
    let description_check = move || description.with(|v| DepartmentDescription::parse(v).err());

    Effect::new(move |_| {
        if let Some(Ok(created)) = create.value().get() {
            departments.update(|list| {
                if !list.iter().any(|d| d.id == created.id) {
                    list.push(created);
                    list.sort_by_key(|d| d.name.to_lowercase());
                }
            });
            name.set(String::new());
            email.set(String::new());
            description.set(String::new());
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });

    let server_error = move |field: &'static str| {
        create.value().with(|v| match v {
            Some(Err(err)) if err.is_for(field) => Some(err.message.clone()),
            _ => None,
        })
    };
    let form_error = move || {
        create.value().with(|v| match v {
            Some(Err(err)) if err.field.is_none() => Some(err.message.clone()),
            _ => None,
        })
    };
    let message = move |live: Option<ValidationError>, field: &'static str| {
        live.map(|e| e.to_string()).or_else(|| server_error(field))
    };

    view! {
        <section class="card">
            <h2>"Departments"</h2>
            <Show
                when=move || departments.with(|d| !d.is_empty())
                fallback=|| view! { <p class="empty">"No departments yet. Add the first one below."</p> }
            >
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Email"</th>
                            <th scope="col">"Description"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || departments.get() key=|d| d.id let:d>
                            <tr>
                                <td>{d.name}</td>
                                <td>{d.email}</td>
                                <td class="pre">{d.description}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </Show>
        </section>
        <Show when=move || can_manage>
        <section class="card">
            <h2>"Add a department"</h2>
            <ActionForm action=create node_ref=form_ref attr:novalidate=true>
                {move || form_error().map(|m| view! { <p class="alert alert-error" role="alert">{m}</p> })}
                <div class="field">
                    <label for="department-name">"Name"</label>
                    <input
                        id="department-name"
                        name="name"
                        type="text"
                        required
                        maxlength=DepartmentName::MAX_CHARS
                        autocomplete="off"
                        aria-describedby="department-name-error"
                        aria-invalid=move || field_error(name, name_check).is_some().to_string()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <FieldMessage id="department-name-error" message=Signal::derive(move || message(field_error(name, name_check), "name"))/>
                </div>
                <div class="field">
                    <label for="department-email">"Email"</label>
                    <input
                        id="department-email"
                        name="email"
                        type="email"
                        required
                        maxlength=Email::MAX_CHARS
                        autocomplete="off"
                        aria-describedby="department-email-error"
                        aria-invalid=move || field_error(email, email_check).is_some().to_string()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                    <FieldMessage id="department-email-error" message=Signal::derive(move || message(field_error(email, email_check), "email"))/>
                </div>
                <div class="field">
                    <label for="department-description">"Description " <span class="optional">"(optional)"</span></label>
                    <textarea
                        id="department-description"
                        name="description"
                        rows="3"
                        maxlength=DepartmentDescription::MAX_CHARS
                        aria-describedby="department-description-error"
                        on:input=move |ev| description.set(event_target_value(&ev))
                    ></textarea>
                    <FieldMessage id="department-description-error" message=Signal::derive(move || message(description_check(), "description"))/>
                </div>
                <button type="submit" class="button primary" disabled=move || create.pending().get() aria-busy=move || create.pending().get().to_string()>
                    {move || if create.pending().get() { "Adding…" } else { "Add department" }}
                </button>
            </ActionForm>
        </section>
        </Show>
    }
}
