//! Edit Administrator, and the page a set-password link opens.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    CompletePasswordReset, DisableAdmin, EnableAdmin, SendPasswordReset, UpdateAdmin, get_admin,
    lookup_password_reset,
};
use super::model::{AdminDetail, ResetLookup};
use crate::error::AppError;
use crate::invitations::model::{PersonName, department_key};
use crate::ui::ErrorPage;
use crate::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::validation::Email;

#[component]
pub fn EditAdminPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let detail = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            match id.parse() {
                Ok(id) => get_admin(id).await,
                Err(_) => Err(AppError::not_found()),
            }
        },
    );
    let notice = use_query_map().with_untracked(|q| {
        if q.get("saved").is_some() {
            Some("The changes were saved.")
        } else if q.get("reset_sent").is_some() {
            Some("A set-password link was emailed. It works once, for 24 hours.")
        } else {
            None
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <EditAdmin detail notice/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditAdmin(detail: AdminDetail, notice: Option<&'static str>) -> impl IntoView {
    let error = submit_error::<UpdateAdmin>();
    let side_error = submit_error::<SendPasswordReset>()
        .or_else(submit_error::<DisableAdmin>)
        .or_else(submit_error::<EnableAdmin>);
    let role_error = error
        .as_ref()
        .filter(|e| e.is_for("role_id"))
        .map(|e| e.message.clone());
    let name = format!("{} {}", detail.first_name, detail.last_name);
    let locked = detail.locked_reason.is_some();
    let role_locked = locked || detail.is_self;
    let (status_action, status_label) = if detail.disabled {
        (EnableAdmin::PATH, "Enable account")
    } else {
        (DisableAdmin::PATH, "Disable account")
    };
    let id = detail.id;
    let current_role = detail.role_id;
    view! {
        <Title text=format!("{name} — Administrators — Staffdesk")/>
        <h1>{name.clone()}{detail.disabled.then(|| view! { " " <span class="badge muted-badge">"Disabled"</span> })}</h1>
        <p><a href="/admins">"← All administrators"</a></p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {side_error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })}
        {detail.locked_reason.clone().map(|r| view! { <p class="alert alert-error" role="alert">{r}</p> })}
        <section class="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">"Account"</h2>
            <SmartForm action=UpdateAdmin::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="admin_id" value=id/>
                <Field spec=FieldSpec::new("admin-username", "username", "Username", "text", Rule::None)
                    .value(&detail.username).readonly().help("Usernames cannot be changed.")/>
                <div class="field-row">
                    <Field spec=FieldSpec::new("admin-first-name", "first_name", "First name", "text", Rule::PersonName)
                        .max(PersonName::MAX_CHARS).value(&detail.first_name).error_from(&error)/>
                    <Field spec=FieldSpec::new("admin-last-name", "last_name", "Last name", "text", Rule::PersonName)
                        .max(PersonName::MAX_CHARS).value(&detail.last_name).error_from(&error)/>
                </div>
                <Field spec=FieldSpec::new("admin-email", "email", "Email", "email", Rule::Email)
                    .max(Email::MAX_CHARS).value(&detail.email).error_from(&error)/>
                <div class="field">
                    <label for="admin-role">"Administrator role"</label>
                    {role_locked.then(|| view! { <input type="hidden" name="role_id" value=current_role/> })}
                    <select id="admin-role" name=(!role_locked).then_some("role_id") disabled=role_locked
                        aria-describedby="admin-role-help admin-role-error">
                        {detail.roles.into_iter().map(|r| view! {
                            <option value=r.id selected=r.id == current_role>{r.name}</option>
                        }).collect_view()}
                    </select>
                    <p id="admin-role-help" class="small muted">{if detail.is_self {
                        "You cannot change your own role."
                    } else {
                        "Only roles whose permissions you hold yourself are offered."
                    }}</p>
                    <p id="admin-role-error" class="field-error">{role_error}</p>
                </div>
                <fieldset class="field">
                    <legend>"Support departments"</legend>
                    {if detail.departments.is_empty() {
                        view! { <p class="muted small">"No departments exist yet."</p> }.into_any()
                    } else {
                        detail.departments.into_iter().map(|d| {
                            let key = department_key(d.id);
                            let member_id = format!("admin-dept-{}", d.id);
                            let notify_id = format!("admin-notify-{}", d.id);
                            view! {
                                <div class="department-choice">
                                    <input type="checkbox" id=member_id.clone() name=format!("departments[{key}]") value="on" checked=d.member/>
                                    <label for=member_id>{d.name.clone()}{d.hidden.then_some(" (hidden)")}</label>
                                    <input type="checkbox" id=notify_id.clone() name=format!("notify[{key}]") value="on" checked=d.notify || !d.member/>
                                    <label for=notify_id class="small">"ticket notifications"</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                {(!locked).then(|| view! { <button type="submit" class="button primary">"Save changes"</button> })}
            </SmartForm>
        </section>
        {(!locked).then(|| view! {
            <section class="card" aria-labelledby="password-heading">
                <h2 id="password-heading">"Password"</h2>
                <p class="muted">"Email them a single-use link to choose a new password. It works for 24 hours; their current password keeps working until then."</p>
                <form method="post" action=SendPasswordReset::PATH>
                    <input type="hidden" name="admin_id" value=id/>
                    <button type="submit" class="button" disabled=detail.disabled>"Send password reset link"</button>
                </form>
            </section>
            {(!detail.is_self).then(|| view! {
                <section class="card" aria-labelledby="status-heading">
                    <h2 id="status-heading">"Account status"</h2>
                    <p class="muted">{if detail.disabled {
                        "This account is disabled: it cannot log in. Enabling it lets them log in again with their password."
                    } else {
                        "Disabling logs them out everywhere and stops them logging in. Their history stays."
                    }}</p>
                    <form method="post" action=status_action>
                        <input type="hidden" name="admin_id" value=id/>
                        <button type="submit" class="button">{status_label}</button>
                    </form>
                </section>
            })}
        })}
    }
}

/// `/reset/<token>`: choose a new password with a link an administrator sent.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let lookup = Resource::new_blocking(move || token.clone(), lookup_password_reset);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
                match lookup.await {
                    Ok(ResetLookup::Valid { full_name, username, expires_at }) => view! {
                        <Title text="Choose a new password — Staffdesk"/>
                        <section class="card login-card">
                            <h1>"Choose a new password"</h1>
                            <p>{format!("{full_name}, choose a new password for your account ")}<strong>{username}</strong>"."</p>
                            <p class="muted small">{format!("This link works once, until {expires_at}. Setting a password logs you out everywhere.")}</p>
                            <ResetForm token/>
                        </section>
                    }.into_any(),
                    Ok(ResetLookup::Problem(problem)) => view! {
                        <Title text=format!("{} — Staffdesk", problem.title())/>
                        <section class="card error-page" role="alert">
                            <p class="error-code">{problem.code()}</p>
                            <h1>{problem.title()}</h1>
                            <p>{problem.explanation()}</p>
                            <p><a class="button" href="/login">"Go to the login page"</a></p>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ResetForm(token: String) -> impl IntoView {
    let error = submit_error::<CompletePasswordReset>();
    view! {
        <SmartForm action=CompletePasswordReset::PATH.to_owned()>
            <FormAlert error=error.clone()/>
            <input type="hidden" name="token" value=token/>
            <Field spec=FieldSpec::new("reset-password", "password", "New password", "password", Rule::NewPassword)
                .autocomplete("new-password")
                .help("At least 12 characters, without & \" ' < or >. A long password with numbers, symbols and upper- and lower-case letters is strongest.")
                .error_from(&error)/>
            <Field spec=FieldSpec::new("reset-password-confirmation", "password_confirmation", "Confirm new password", "password", Rule::None)
                .autocomplete("new-password").error_from(&error)/>
            <button type="submit" class="button primary">"Set password"</button>
        </SmartForm>
    }
}
