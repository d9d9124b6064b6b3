//! The Administrators page, Add an Admin, and the Accept Invitation page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

use super::api::{
    AcceptInvitation, CancelInvitation, InviteOptions, ResendInvitation, SendInvitation,
    get_invite_options, lookup_invitation,
};
use super::model::{InvitationLookup, LinkProblem, MailStatus, PendingInvitation, department_key};
use crate::auth::pages::LanguageSwitcher;
use crate::kernel::credentials::Username;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::names::PersonName;
use crate::kernel::ui::form::LanguageSelect;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::kernel::ui::{ErrorPage, Pager};
use crate::kernel::validation::Email;

/// The pending invitations table of the Administrators page.
#[component]
pub fn PendingTable(
    pending: Vec<PendingInvitation>,
    next: Option<String>,
    first: Option<String>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="pending-heading">
            <h2 id="pending-heading">{t("admins-pending")}</h2>
            {if pending.is_empty() {
                view! { <p class="empty">{t("admins-no-pending")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("field-email")}</th><th scope="col">{t("roles-col-role")}</th><th scope="col">{t("admins-invited-by")}</th>
                            <th scope="col">{t("admins-sent")}</th><th scope="col">{t("admins-expires")}</th><th scope="col">{t("admins-mail-status")}</th>
                            <th scope="col"><span class="visually-hidden">{t("common-actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {pending.into_iter().map(|p| {
                                let mail = match p.mail {
                                    MailStatus::Sent => view! { <span class="badge ok">{t("mail-sent")}</span> }.into_any(),
                                    MailStatus::Queued => view! { <span class="badge">{t("mail-queued")}</span> }.into_any(),
                                    MailStatus::Failed { attempts, error } => view! {
                                        <span class="badge danger">{t("mail-failed")}</span>
                                        <span class="small">{format!(" {}", t_args("mail-failed-detail", &[("attempts", attempts.into()), ("error", error.into())]))}</span>
                                    }.into_any(),
                                };
                                let label = format!("invitation for {}", p.email);
                                view! {
                                    <tr>
                                        <td>{p.email.clone()}<br/><span class="small muted">{p.name}</span></td>
                                        <td>{p.role}</td>
                                        <td>{p.invited_by}</td>
                                        <td>{p.sent_at}</td>
                                        <td>{p.expires_at}{p.expired.then(|| view! { " " <span class="badge danger">{t("admins-expired")}</span> })}</td>
                                        <td>{mail}</td>
                                        <td class="actions">
                                            <form method="post" action=ResendInvitation::PATH>
                                                <input type="hidden" name="invitation_id" value=p.id/>
                                                <button type="submit" class="button small-button" aria-label=t_args("admins-resend-named", &[("email", label.clone().into())])>{t("admins-resend")}</button>
                                            </form>
                                            <form method="post" action=CancelInvitation::PATH>
                                                <input type="hidden" name="invitation_id" value=p.id/>
                                                <button type="submit" class="button small-button" aria-label=t_args("admins-cancel-named", &[("email", label.clone().into())])>{t("admins-cancel")}</button>
                                            </form>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Pager next first/>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn AddAdminPage() -> impl IntoView {
    let options = Resource::new_blocking(|| (), |_| get_invite_options());
    view! {
        <Title text=format!("{} — Staffdesk", t("invite-title"))/>
        <h1>{t("invite-title")}</h1>
        <p class="lead">{t("invite-lead")}</p>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match options.await {
                    Ok(options) => view! { <AddAdminForm options/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AddAdminForm(options: InviteOptions) -> impl IntoView {
    let error = submit_error::<SendInvitation>();
    let role_error = error
        .as_ref()
        .filter(|e| e.is_for("role_id"))
        .map(|e| e.message.clone());
    view! {
        <section class="card">
            <SmartForm action=SendInvitation::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <div class="field-row">
                    <Field spec=FieldSpec::new("invite-first-name", "first_name", &t("field-first-name"), "text", Rule::Text)
                        .max(PersonName::MAX_CHARS).error_from(&error)/>
                    <Field spec=FieldSpec::new("invite-last-name", "last_name", &t("field-last-name"), "text", Rule::Text)
                        .max(PersonName::MAX_CHARS).error_from(&error)/>
                </div>
                <Field spec=FieldSpec::new("invite-email", "email", &t("field-email"), "email", Rule::Email)
                    .max(Email::MAX_CHARS).error_from(&error)/>
                <div class="field">
                    <label for="invite-role">{t("field-role")}</label>
                    <select id="invite-role" name="role_id" required aria-describedby="invite-role-error">
                        {options.roles.into_iter().map(|r| view! { <option value=r.id>{r.name}</option> }).collect_view()}
                    </select>
                    <p id="invite-role-error" class="field-error">{role_error}</p>
                </div>
                <Field spec=FieldSpec::new("invite-username", "username", &t("field-username"), "text", Rule::Username)
                    .optional().max(Username::MAX_CHARS)
                    .help(&t("invite-username-help"))
                    .error_from(&error)/>
                <fieldset class="field">
                    <legend>{t("field-departments")}</legend>
                    {if options.departments.is_empty() {
                        view! { <p class="muted small">{t("field-no-departments")}</p> }.into_any()
                    } else {
                        options.departments.into_iter().map(|d| {
                            let key = department_key(d.id);
                            let member_id = format!("invite-dept-{}", d.id);
                            let notify_id = format!("invite-notify-{}", d.id);
                            view! {
                                <div class="department-choice">
                                    <input type="checkbox" id=member_id.clone() name=format!("departments[{key}]") value="on"/>
                                    <label for=member_id>{d.name.clone()}</label>
                                    <input type="checkbox" id=notify_id.clone() name=format!("notify[{key}]") value="on" checked/>
                                    <label for=notify_id class="small">{t("field-ticket-notifications")}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <LanguageSelect id="invite-language" selected=options.language/>
                <button type="submit" class="button primary">{t("invite-submit")}</button>
            </SmartForm>
        </section>
    }
}

#[component]
pub fn AcceptPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
    let lookup = Resource::new_blocking(move || token.clone(), lookup_invitation);
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
                match lookup.await {
                    Ok(InvitationLookup::Valid(view)) => view! {
                        <Title text=format!("{} — Staffdesk", t("accept-title"))/>
                        <section class="card login-card">
                            <LanguageSwitcher/>
                            <h1>{t("accept-heading")}</h1>
                            <p>{t_args("accept-invited", &[("name", view.full_name.clone().into()), ("organization", view.organization.clone().into()), ("role", view.role.clone().into())])}</p>
                            <p class="muted small">{t_args("accept-account", &[("email", view.email.clone().into()), ("expires", view.expires_at.clone().into())])}</p>
                            <AcceptForm token preset_username=view.preset_username/>
                        </section>
                    }.into_any(),
                    Ok(InvitationLookup::Problem { problem, contact }) => view! { <LinkProblemPage problem contact/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LinkProblemPage(problem: LinkProblem, contact: Option<(String, String)>) -> impl IntoView {
    let contact_line = match contact {
        Some((name, email)) => view! {
            <p>{t_args("link-contact-named", &[("name", name.into())])} " " <a href=format!("mailto:{email}")>{email.clone()}</a></p>
        }.into_any(),
        None => view! { <p>{t("link-contact")}</p> }.into_any(),
    };
    view! {
        <Title text=format!("{} — Staffdesk", problem.title())/>
        <section class="card error-page" role="alert">
            <p class="error-code">{problem.code().as_str()}</p>
            <h1>{problem.title()}</h1>
            <p>{problem.explanation()}</p>
            {contact_line}
        </section>
    }
}

#[component]
fn AcceptForm(token: String, preset_username: Option<String>) -> impl IntoView {
    let error = submit_error::<AcceptInvitation>();
    let username = match preset_username {
        Some(preset) => FieldSpec::new(
            "accept-username",
            "username",
            &t("field-username"),
            "text",
            Rule::None,
        )
        .value(&preset)
        .readonly()
        .help(&t("accept-username-preset")),
        None => FieldSpec::new(
            "accept-username",
            "username",
            &t("field-username"),
            "text",
            Rule::Username,
        )
        .max(Username::MAX_CHARS)
        .autocomplete("username")
        .help(&t("accept-username-help"))
        .error_from(&error),
    };
    view! {
        <SmartForm action=AcceptInvitation::PATH.to_owned()>
            <FormAlert error=error.clone()/>
            <input type="hidden" name="token" value=token/>
            <Field spec=username/>
            <Field spec=FieldSpec::new("accept-password", "password", &t("field-password"), "password", Rule::NewPassword)
                .autocomplete("new-password")
                .help(&t("password-rules"))
                .error_from(&error)/>
            <Field spec=FieldSpec::new("accept-password-confirmation", "password_confirmation", &t("field-password-confirmation"), "password", Rule::None)
                .autocomplete("new-password").error_from(&error)/>
            <button type="submit" class="button primary">{t("accept-submit")}</button>
        </SmartForm>
    }
}
