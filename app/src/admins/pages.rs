//! Edit Administrator, and the page a set-password link opens.

use crate::two_factor::api::ResetTwoFactor;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    CompletePasswordReset, DisableAdmin, EnableAdmin, SendPasswordReset, UpdateAdmin, get_admin,
    lookup_password_reset,
};
use super::model::{AdminDetail, ResetLookup};
use crate::auth::pages::LanguageSwitcher;
use crate::invitations::model::department_key;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::names::PersonName;
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::kernel::validation::Email;

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
            Some(t("common-saved"))
        } else if q.get("reset_sent").is_some() {
            Some(t("edit-admin-reset-sent"))
        } else if q.get("two_factor_reset").is_some() {
            Some(t("edit-admin-2fa-reset-done"))
        } else {
            None
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || {
                let notice = notice.clone();
                Suspend::new(async move {
                    match detail.await {
                        Ok(detail) => view! { <EditAdmin detail notice/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn EditAdmin(detail: AdminDetail, notice: Option<String>) -> impl IntoView {
    let error = submit_error::<UpdateAdmin>();
    let side_error = submit_error::<SendPasswordReset>()
        .or_else(submit_error::<DisableAdmin>)
        .or_else(submit_error::<EnableAdmin>)
        .or_else(submit_error::<ResetTwoFactor>);
    let can_reset_2fa = crate::kernel::viewer_can(crate::kernel::Permission::ResetTwoFactor);
    let role_error = error
        .as_ref()
        .filter(|e| e.is_for("role_id"))
        .map(|e| e.message.clone());
    let name = format!("{} {}", detail.first_name, detail.last_name);
    let locked = detail.locked_reason.is_some();
    let role_locked = locked || detail.is_self;
    let (status_action, status_label) = if detail.disabled {
        (EnableAdmin::PATH, t("edit-admin-enable"))
    } else {
        (DisableAdmin::PATH, t("edit-admin-disable"))
    };
    let id = detail.id;
    let detail_version = detail.version;
    let current_role = detail.role_id;
    view! {
        <Title text=format!("{name} — {} — Staffdesk", t("nav-admins"))/>
        <h1>{name.clone()}{detail.disabled.then(|| view! { " " <span class="badge muted-badge">{t("admins-disabled")}</span> })}</h1>
        <p class="links">
            <a href="/admins">{t("edit-admin-back")}</a>
            " · "
            <a href=format!("/admins/{id}/logins")>{t("logins-link")}</a>
        </p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {side_error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })}
        {detail.locked_reason.clone().map(|r| view! { <p class="alert alert-error" role="alert">{r}</p> })}
        <section class="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t("nav-account")}</h2>
            <SmartForm action=UpdateAdmin::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="admin_id" value=id/>
                <input type="hidden" name="version" value=detail_version/>
                <Field spec=FieldSpec::new("admin-username", "username", &t("field-username"), "text", Rule::None)
                    .value(&detail.username).readonly().help(&t("edit-admin-username-fixed"))/>
                <div class="field-row">
                    <Field spec=FieldSpec::new("admin-first-name", "first_name", &t("field-first-name"), "text", Rule::Text)
                        .max(PersonName::MAX_CHARS).value(&detail.first_name).error_from(&error)/>
                    <Field spec=FieldSpec::new("admin-last-name", "last_name", &t("field-last-name"), "text", Rule::Text)
                        .max(PersonName::MAX_CHARS).value(&detail.last_name).error_from(&error)/>
                </div>
                <Field spec=FieldSpec::new("admin-email", "email", &t("field-email"), "email", Rule::Email)
                    .max(Email::MAX_CHARS).value(&detail.email).error_from(&error)/>
                <div class="field">
                    <label for="admin-role">{t("field-role")}</label>
                    {role_locked.then(|| view! { <input type="hidden" name="role_id" value=current_role/> })}
                    <select id="admin-role" name=(!role_locked).then_some("role_id") disabled=role_locked
                        aria-describedby="admin-role-help admin-role-error">
                        {detail.roles.into_iter().map(|r| view! {
                            <option value=r.id selected=r.id == current_role>{r.name}</option>
                        }).collect_view()}
                    </select>
                    <p id="admin-role-help" class="small muted">{if detail.is_self {
                        t("edit-admin-own-role")
                    } else {
                        t("edit-admin-roles-offered")
                    }}</p>
                    <p id="admin-role-error" class="field-error">{role_error}</p>
                </div>
                <fieldset class="field">
                    <legend>{t("field-departments")}</legend>
                    {if detail.departments.is_empty() {
                        view! { <p class="muted small">{t("field-no-departments")}</p> }.into_any()
                    } else {
                        detail.departments.into_iter().map(|d| {
                            let key = department_key(d.id);
                            let member_id = format!("admin-dept-{}", d.id);
                            let notify_id = format!("admin-notify-{}", d.id);
                            view! {
                                <div class="department-choice">
                                    <input type="checkbox" id=member_id.clone() name=format!("departments[{key}]") value="on" checked=d.member/>
                                    <label for=member_id>{d.name.clone()}{d.hidden.then(|| format!(" ({})", t("departments-hidden")))}</label>
                                    <input type="checkbox" id=notify_id.clone() name=format!("notify[{key}]") value="on" checked=d.notify || !d.member/>
                                    <label for=notify_id class="small">{t("field-ticket-notifications")}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                {(!locked).then(|| view! { <button type="submit" class="button primary">{t("common-save-changes")}</button> })}
            </SmartForm>
        </section>
        {(!locked).then(|| view! {
            <section class="card" aria-labelledby="password-heading">
                <h2 id="password-heading">{t("field-password")}</h2>
                <p class="muted">{t("edit-admin-reset-text")}</p>
                <form method="post" action=SendPasswordReset::PATH>
                    <input type="hidden" name="admin_id" value=id/>
                    <button type="submit" class="button" disabled=detail.disabled>{t("edit-admin-reset-submit")}</button>
                </form>
            </section>
            {(!detail.is_self).then(|| view! {
                <section class="card" aria-labelledby="two-factor-heading">
                    <h2 id="two-factor-heading">{t("twofa-title")}</h2>
                    <p class="muted">{t(if detail.two_factor { "edit-admin-2fa-on" } else { "edit-admin-2fa-off" })}</p>
                    {(detail.two_factor && can_reset_2fa).then(|| view! {
                        <p class="small muted">{t("edit-admin-2fa-reset-text")}</p>
                        <form method="post" action=ResetTwoFactor::PATH>
                            <input type="hidden" name="admin_id" value=id/>
                            <button type="submit" class="button danger-button">{t("edit-admin-2fa-reset-submit")}</button>
                        </form>
                    })}
                </section>
                <section class="card" aria-labelledby="status-heading">
                    <h2 id="status-heading">{t("edit-admin-status")}</h2>
                    <p class="muted">{t(if detail.disabled { "edit-admin-disabled-text" } else { "edit-admin-enabled-text" })}</p>
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
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
                match lookup.await {
                    Ok(ResetLookup::Valid { full_name, username, expires_at }) => view! {
                        <Title text=format!("{} — Staffdesk", t("reset-title"))/>
                        <section class="card login-card">
                            <LanguageSwitcher/>
                            <h1>{t("reset-title")}</h1>
                            <p>{t_args("reset-for", &[("name", full_name.into()), ("username", username.into())])}</p>
                            <p class="muted small">{t_args("reset-expiry", &[("expires", expires_at.into())])}</p>
                            <ResetForm token/>
                        </section>
                    }.into_any(),
                    Ok(ResetLookup::Problem(problem)) => view! {
                        <Title text=format!("{} — Staffdesk", problem.title())/>
                        <section class="card error-page" role="alert">
                            <p class="error-code">{problem.code().as_str()}</p>
                            <h1>{problem.title()}</h1>
                            <p>{problem.explanation()}</p>
                            <p><a class="button" href="/login">{t("reset-to-login")}</a></p>
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
            <Field spec=FieldSpec::new("reset-password", "password", &t("field-new-password"), "password", Rule::NewPassword)
                .autocomplete("new-password")
                .help(&t("password-rules"))
                .error_from(&error)/>
            <Field spec=FieldSpec::new("reset-password-confirmation", "password_confirmation", &t("field-new-password-confirmation"), "password", Rule::None)
                .autocomplete("new-password").error_from(&error)/>
            <button type="submit" class="button primary">{t("reset-submit")}</button>
        </SmartForm>
    }
}
