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
use crate::auth::{Permission, Username, viewer_can};
use crate::ui::ErrorPage;
use crate::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::validation::Email;

#[component]
pub fn AdminsPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| list_admins());
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        if q.get("invited").is_some() {
            Some("Invitation sent. The email is on its way.")
        } else if q.get("resent").is_some() {
            Some("A new invitation link was sent; the old one no longer works.")
        } else if q.get("cancelled").is_some() {
            Some("The invitation was cancelled; its link no longer works.")
        } else if q.get("disabled").is_some() {
            Some("The administrator was disabled and logged out everywhere.")
        } else if q.get("enabled").is_some() {
            Some("The administrator was enabled and can log in again.")
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
        <Title text="Administrators — Staffdesk"/>
        <div class="page-head">
            <h1>"Administrators"</h1>
            {viewer_can(Permission::SendInvitations).then(|| view! { <a class="button primary" href="/admins/invite">"Add an Admin"</a> })}
        </div>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {action_error.map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((admins, pending)) => view! {
                        <AdminsTable admins/>
                        {viewer_can(Permission::SendInvitations).then(|| view! { <PendingTable pending/> })}
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdminsTable(admins: Vec<AdminRow>) -> impl IntoView {
    let manage = viewer_can(Permission::ManageAdministrators);
    let me = crate::auth::viewer().map(|a| a.id);
    view! {
        <section class="card" aria-labelledby="staff-heading">
            <h2 id="staff-heading">"Staff"</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">"Name"</th><th scope="col">"Username"</th><th scope="col">"Email"</th>
                    <th scope="col">"Role"</th><th scope="col">"Departments"</th><th scope="col">"Last login"</th>
                    {manage.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                </tr></thead>
                <tbody>
                    {admins.into_iter().map(|a| view! {
                        <tr>
                            <td>{a.name.clone()}{a.disabled.then(|| view! { " " <span class="badge muted-badge">"Disabled"</span> })}</td>
                            <td>{a.username}</td>
                            <td>{a.email}</td>
                            <td>{a.role}</td>
                            <td>{if a.departments.is_empty() { "—".to_owned() } else { a.departments.join(", ") }}</td>
                            <td>{a.last_login.unwrap_or_else(|| "Never".to_owned())}</td>
                            {manage.then(|| {
                                let (action, label) = if a.disabled {
                                    (EnableAdmin::PATH, "Enable")
                                } else {
                                    (DisableAdmin::PATH, "Disable")
                                };
                                let is_self = me == Some(a.id);
                                view! {
                                    <td class="actions">
                                        <a class="button small-button" href=format!("/admins/{}", a.id) aria-label=format!("Edit {}", a.name)>"Edit"</a>
                                        {(!is_self).then(|| view! {
                                            <form method="post" action=action>
                                                <input type="hidden" name="admin_id" value=a.id/>
                                                <button type="submit" class="button small-button" aria-label=format!("{label} {}", a.name)>{label}</button>
                                            </form>
                                        })}
                                    </td>
                                }
                            })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn PendingTable(pending: Vec<PendingInvitation>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="pending-heading">
            <h2 id="pending-heading">"Pending invitations"</h2>
            {if pending.is_empty() {
                view! { <p class="empty">"No pending invitations."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Invited by"</th>
                            <th scope="col">"Sent"</th><th scope="col">"Expires"</th><th scope="col">"Email status"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            {pending.into_iter().map(|p| {
                                let mail = match p.mail {
                                    MailStatus::Sent => view! { <span class="badge ok">"Sent"</span> }.into_any(),
                                    MailStatus::Queued => view! { <span class="badge">"Queued"</span> }.into_any(),
                                    MailStatus::Failed { attempts, error } => view! {
                                        <span class="badge danger">"Failed"</span>
                                        <span class="small">{format!(" after {attempts} attempt(s), retrying: {error}")}</span>
                                    }.into_any(),
                                };
                                let label = format!("invitation for {}", p.email);
                                view! {
                                    <tr>
                                        <td>{p.email.clone()}<br/><span class="small muted">{p.name}</span></td>
                                        <td>{p.role}</td>
                                        <td>{p.invited_by}</td>
                                        <td>{p.sent_at}</td>
                                        <td>{p.expires_at}{p.expired.then(|| view! { " " <span class="badge danger">"Expired"</span> })}</td>
                                        <td>{mail}</td>
                                        <td class="actions">
                                            <form method="post" action=ResendInvitation::PATH>
                                                <input type="hidden" name="invitation_id" value=p.id/>
                                                <button type="submit" class="button small-button" aria-label=format!("Resend {label}")>"Resend"</button>
                                            </form>
                                            <form method="post" action=CancelInvitation::PATH>
                                                <input type="hidden" name="invitation_id" value=p.id/>
                                                <button type="submit" class="button small-button" aria-label=format!("Cancel {label}")>"Cancel"</button>
                                            </form>
                                        </td>
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

#[component]
pub fn AddAdminPage() -> impl IntoView {
    let options = Resource::new_blocking(|| (), |_| get_invite_options());
    view! {
        <Title text="Add an Admin — Staffdesk"/>
        <h1>"Add an Admin"</h1>
        <p class="lead">"The new administrator gets an email with a link to choose their username and password."</p>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
                    <Field spec=FieldSpec::new("invite-first-name", "first_name", "First name", "text", Rule::PersonName)
                        .max(PersonName::MAX_CHARS).error_from(&error)/>
                    <Field spec=FieldSpec::new("invite-last-name", "last_name", "Last name", "text", Rule::PersonName)
                        .max(PersonName::MAX_CHARS).error_from(&error)/>
                </div>
                <Field spec=FieldSpec::new("invite-email", "email", "Email", "email", Rule::Email)
                    .max(Email::MAX_CHARS).error_from(&error)/>
                <div class="field">
                    <label for="invite-role">"Administrator role"</label>
                    <select id="invite-role" name="role_id" required aria-describedby="invite-role-error">
                        {options.roles.into_iter().map(|r| view! { <option value=r.id>{r.name}</option> }).collect_view()}
                    </select>
                    <p id="invite-role-error" class="field-error">{role_error}</p>
                </div>
                <Field spec=FieldSpec::new("invite-username", "username", "Username", "text", Rule::Username)
                    .optional().max(Username::MAX_CHARS)
                    .help("Leave empty to let them choose. Begins with a letter; letters and digits only.")
                    .error_from(&error)/>
                <fieldset class="field">
                    <legend>"Support departments"</legend>
                    {if options.departments.is_empty() {
                        view! { <p class="muted small">"No departments exist yet."</p> }.into_any()
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
                                    <label for=notify_id class="small">"ticket notifications"</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <button type="submit" class="button primary">"Send Invitation"</button>
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
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
                match lookup.await {
                    Ok(InvitationLookup::Valid(view)) => view! {
                        <Title text="Accept Invitation — Staffdesk"/>
                        <section class="card login-card">
                            <h1>"Accept your invitation"</h1>
                            <p>{format!("{}, you are invited to the {} Admin Area as ", view.full_name, view.organization)}<strong>{view.role}</strong>"."</p>
                            <p class="muted small">{format!("Your account will use {}. This invitation expires {}.", view.email, view.expires_at)}</p>
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
            <p>"Please contact " <strong>{name}</strong> " (" <a href=format!("mailto:{email}")>{email.clone()}</a> ") who invited you, and ask for a new invitation."</p>
        }.into_any(),
        None => view! { <p>"Please contact the administrator who invited you and ask for a new invitation."</p> }.into_any(),
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
            "Username",
            "text",
            Rule::None,
        )
        .value(&preset)
        .readonly()
        .help("Chosen by the administrator who invited you."),
        None => FieldSpec::new(
            "accept-username",
            "username",
            "Username",
            "text",
            Rule::Username,
        )
        .max(Username::MAX_CHARS)
        .autocomplete("username")
        .help("Begins with a letter; letters (A–Z, a–z) and digits only, no spaces.")
        .error_from(&error),
    };
    view! {
        <SmartForm action=AcceptInvitation::PATH.to_owned()>
            <FormAlert error=error.clone()/>
            <input type="hidden" name="token" value=token/>
            <Field spec=username/>
            <Field spec=FieldSpec::new("accept-password", "password", "Password", "password", Rule::NewPassword)
                .autocomplete("new-password")
                .help("At least 12 characters, without & \" ' < or >. A long password with numbers, symbols and upper- and lower-case letters is strongest.")
                .error_from(&error)/>
            <Field spec=FieldSpec::new("accept-password-confirmation", "password_confirmation", "Confirm password", "password", Rule::None)
                .autocomplete("new-password").error_from(&error)/>
            <button type="submit" class="button primary">"Create Account"</button>
        </SmartForm>
    }
}
