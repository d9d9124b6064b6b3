//! The Administrators page, Add an Admin, and the Accept Invitation page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    AcceptInvitation, CancelInvitation, InviteOptions, ResendInvitation, SendInvitation,
    get_invite_options, list_admins, lookup_invitation,
};
use super::model::{
    AdminRow, InvitationLookup, LinkProblem, MailStatus, PendingInvitation, PersonName,
    department_key,
};
use crate::admins::api::{DisableAdmin, EnableAdmin};
use crate::auth::pages::LanguageSwitcher;
use crate::auth::{Permission, Username, viewer_can};
use crate::i18n::{t, t_args};
use crate::ui::ErrorPage;
use crate::ui::form::LanguageSelect;
use crate::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::validation::Email;

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

/// "First page" and "Next page" links under a paged table.
#[component]
fn Pager(next: Option<String>, first: Option<String>) -> impl IntoView {
    (next.is_some() || first.is_some()).then(|| {
        view! {
            <p class="pager actions">
                {first.map(|href| view! { <a class="button" href=href>{t("common-first-page")}</a> })}
                {next.map(|href| view! { <a class="button" href=href>{t("common-next-page")}</a> })}
            </p>
        }
    })
}

#[component]
fn AdminsTable(
    admins: Vec<AdminRow>,
    next: Option<String>,
    first: Option<String>,
) -> impl IntoView {
    let manage = viewer_can(Permission::ManageAdministrators);
    let me = crate::auth::viewer().map(|a| a.id);
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

#[component]
fn PendingTable(
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
                    <Field spec=FieldSpec::new("invite-first-name", "first_name", &t("field-first-name"), "text", Rule::PersonName)
                        .max(PersonName::MAX_CHARS).error_from(&error)/>
                    <Field spec=FieldSpec::new("invite-last-name", "last_name", &t("field-last-name"), "text", Rule::PersonName)
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
            <p class="error-code">{problem.code()}</p>
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
