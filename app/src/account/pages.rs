//! The My Account page: profile, notifications, signature and language; password; sessions.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use super::api::{ChangeMyPassword, EndMySession, UpdateMyAccount, get_my_account};
use super::model::{MyAccount, SessionView, Signature};
use crate::kernel::i18n::{t, t_args};
use crate::kernel::names::PersonName;
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{
    Field, FieldSpec, FormAlert, LanguageSelect, Rule, SmartForm, submit_error,
};
use crate::kernel::validation::Email;

#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new_blocking(|| (), |_| get_my_account());
    let notice = use_query_map().with_untracked(|q| {
        if q.get("saved").is_some() {
            Some(t("common-saved"))
        } else if let Some(ended) = q.get("password_changed") {
            let ended: u64 = ended.parse().unwrap_or(0);
            Some(t_args(
                "account-password-changed",
                &[("ended", ended.into())],
            ))
        } else if q.get("session_ended").is_some() {
            Some(t("account-session-ended"))
        } else {
            None
        }
    });
    view! {
        <Title text=format!("{} — Staffdesk", t("nav-my-account"))/>
        <div class="page-head">
            <h1>{t("nav-my-account")}</h1>
            <div class="actions">
                <a class="button" href="/account/two-factor">{t("twofa-title")}</a>
                <a class="button" href="/account/logins">{t("logins-link")}</a>
            </div>
        </div>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {submit_error::<EndMySession>().map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })}
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(account) => view! {
                        <ProfileForm account=account.clone()/>
                        <PasswordForm/>
                        <Sessions sessions=account.sessions/>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The "current password" field every change to one's own account asks for.
pub(crate) fn current_password_field(
    id: &str,
    error: &Option<crate::kernel::error::AppError>,
) -> FieldSpec {
    FieldSpec::new(
        id,
        "current_password",
        &t("account-current-password"),
        "password",
        Rule::None,
    )
    .autocomplete("current-password")
    .error_from(error)
}

#[component]
fn ProfileForm(account: MyAccount) -> impl IntoView {
    let error = submit_error::<UpdateMyAccount>();
    view! {
        <section class="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t("account-profile")}</h2>
            <p class="muted small">{t_args("account-signed-in-as", &[("username", account.username.clone().into()), ("role", account.role.clone().into())])}</p>
            <SmartForm action=UpdateMyAccount::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <div class="field-row">
                    <Field spec=FieldSpec::new("account-first-name", "first_name", &t("field-first-name"), "text", Rule::Text)
                        .max(PersonName::MAX_CHARS).value(&account.first_name).autocomplete("given-name").error_from(&error)/>
                    <Field spec=FieldSpec::new("account-last-name", "last_name", &t("field-last-name"), "text", Rule::Text)
                        .max(PersonName::MAX_CHARS).value(&account.last_name).autocomplete("family-name").error_from(&error)/>
                </div>
                <Field spec=FieldSpec::new("account-email", "email", &t("field-email"), "email", Rule::Email)
                    .max(Email::MAX_CHARS).value(&account.email).autocomplete("email").error_from(&error)/>
                <LanguageSelect id="account-language" selected=account.language/>
                <fieldset class="field">
                    <legend>{t("account-notifications")}</legend>
                    {if account.memberships.is_empty() {
                        view! { <p class="muted small">{t("account-no-memberships")}</p> }.into_any()
                    } else {
                        account.memberships.iter().map(|m| {
                            let id = format!("account-notify-{}", m.department_id);
                            view! {
                                <div class="department-choice">
                                    <input type="checkbox" id=id.clone() name=m.field() value="on" checked=m.notify/>
                                    <label for=id>{m.name.clone()}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                    <p class="small muted">{t("account-notifications-help")}</p>
                </fieldset>
                <SignatureField
                    label=t("account-signature")
                    help=t("account-signature-help")
                    preview_label=t("account-signature-preview")
                    sample=t("account-signature-sample")
                    value=account.signature.clone()
                    error=error.as_ref().filter(|e| e.is_for("signature")).map(|e| e.message.clone())/>
                <div class="field department-choice">
                    <input type="checkbox" id="account-newest-first" name="tickets_newest_first" value="on" checked=account.tickets_newest_first/>
                    <label for="account-newest-first">{t("account-tickets-newest-first")}</label>
                </div>
                <Field spec=current_password_field("account-current-password", &error)
                    .help(&t("account-current-password-help"))/>
                <button type="submit" class="button primary">{t("common-save-changes")}</button>
            </SmartForm>
        </section>
    }
}

/// The signature box, with a preview of a reply ending in it. The preview follows as you type.
#[island(lazy)]
pub fn SignatureField(
    label: String,
    help: String,
    preview_label: String,
    sample: String,
    value: String,
    error: Option<String>,
) -> impl IntoView {
    let current = RwSignal::new(value.clone());
    view! {
        <div class="field">
            <label for="account-signature">{label}</label>
            <textarea id="account-signature" name="signature" rows="4" maxlength=Signature::MAX_CHARS
                aria-describedby="account-signature-help account-signature-error"
                aria-invalid=error.is_some().to_string()
                on:input=move |ev| current.set(event_target_value(&ev))>{crate::kernel::ui::escape_html(&value)}</textarea>
            <p id="account-signature-help" class="small muted">{help}</p>
            <p id="account-signature-error" class="field-error" aria-live="polite">{error}</p>
            <figure class="reply-preview">
                <figcaption class="small muted">{preview_label}</figcaption>
                <p>{sample}</p>
                <p class="signature-preview">{move || current.get()}</p>
            </figure>
        </div>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let error = submit_error::<ChangeMyPassword>();
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{t("account-change-password")}</h2>
            <SmartForm action=ChangeMyPassword::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <Field spec=current_password_field("password-current", &error)/>
                <Field spec=FieldSpec::new("password-new", "password", &t("field-new-password"), "password", Rule::NewPassword)
                    .autocomplete("new-password").help(&t("password-rules")).error_from(&error)/>
                <Field spec=FieldSpec::new("password-confirmation", "password_confirmation", &t("field-new-password-confirmation"), "password", Rule::None)
                    .autocomplete("new-password").error_from(&error)/>
                <div class="field checkbox-field">
                    <input type="checkbox" id="password-log-out-others" name="log_out_others" value="on" checked/>
                    <label for="password-log-out-others">{t("account-log-out-others")}</label>
                </div>
                <button type="submit" class="button primary">{t("account-change-password")}</button>
            </SmartForm>
        </section>
    }
}

#[component]
fn Sessions(sessions: Vec<SessionView>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t("account-sessions")}</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">{t("account-device")}</th><th scope="col">{t("account-ip")}</th>
                    <th scope="col">{t("account-started")}</th><th scope="col">{t("account-last-seen")}</th>
                    <th scope="col"><span class="visually-hidden">{t("common-actions")}</span></th>
                </tr></thead>
                <tbody>
                    {sessions.into_iter().map(|s| {
                        let device = if s.user_agent.is_empty() { t("account-unknown-device") } else { s.user_agent.clone() };
                        view! {
                            <tr>
                                <td class="small">{device}{s.current.then(|| view! { " " <span class="badge ok">{t("account-this-session")}</span> })}</td>
                                <td>{s.ip.clone()}</td>
                                <td>{s.started.clone()}</td>
                                <td>{s.last_seen.clone()}</td>
                                <td class="actions">
                                    <form method="post" action=EndMySession::PATH>
                                        <input type="hidden" name="key" value=s.key.clone()/>
                                        <button type="submit" class="button small-button">
                                            {t(if s.current { "nav-logout" } else { "account-end-session" })}
                                        </button>
                                    </form>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
