//! The Administrators page, Add an Admin, and the Accept Invitation page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    AcceptInvitation, CancelInvitation, InviteOptions, ResendInvitation, SendInvitation,
    get_invite_options, list_admins, lookup_invitation,
};
use super::model::{
    AdminRow, InvitationLookup, LinkProblem, MailStatus, PendingInvitation, PersonName,
    department_key,
};
use crate::auth::model::{Strength, strength};
use crate::auth::{NewPassword, Username};
use crate::ui::{ErrorPage, FieldMessage, field_error};
use crate::validation::{Email, ValidationError};

/// True when the signed-in admin may invite (the server checks again on every call).
fn can_invite() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::auth::guard::viewer()
            .is_some_and(|a| a.can(crate::auth::Permission::SendInvitations))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

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
        } else {
            None
        }
    });
    // Errors from the Resend and Cancel buttons come back in the URL when there is no WASM.
    let resend = ServerAction::<ResendInvitation>::new();
    let cancel = ServerAction::<CancelInvitation>::new();
    let action_error = move || {
        resend
            .value()
            .get_untracked()
            .or_else(|| cancel.value().get_untracked())
            .and_then(|r| r.err())
            .map(|e| e.message)
    };
    view! {
        <Title text="Administrators — Staffdesk"/>
        <div class="page-head">
            <h1>"Administrators"</h1>
            {can_invite().then(|| view! { <a class="button primary" href="/admins/invite">"Add an Admin"</a> })}
        </div>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {action_error().map(|m| view! { <p class="alert alert-error" role="alert">{m}</p> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((admins, pending)) => view! {
                        <AdminsTable admins/>
                        {can_invite().then(|| view! { <PendingTable pending/> })}
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdminsTable(admins: Vec<AdminRow>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="staff-heading">
            <h2 id="staff-heading">"Staff"</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">"Name"</th><th scope="col">"Username"</th><th scope="col">"Email"</th>
                    <th scope="col">"Role"</th><th scope="col">"Departments"</th><th scope="col">"Last login"</th>
                </tr></thead>
                <tbody>
                    {admins.into_iter().map(|a| view! {
                        <tr>
                            <td>{a.name}{a.disabled.then(|| view! { " " <span class="badge muted-badge">"Disabled"</span> })}</td>
                            <td>{a.username}</td>
                            <td>{a.email}</td>
                            <td>{a.role}</td>
                            <td>{if a.departments.is_empty() { "—".to_owned() } else { a.departments.join(", ") }}</td>
                            <td>{a.last_login.unwrap_or_else(|| "Never".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn PendingTable(pending: Vec<PendingInvitation>) -> impl IntoView {
    use server_fn::ServerFn;
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

#[island]
pub fn AddAdminForm(options: InviteOptions) -> impl IntoView {
    let send = ServerAction::<SendInvitation>::new();
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let server_error = move |field: &'static str| {
        send.value().with(|v| match v {
            Some(Err(err)) if err.is_for(field) => Some(err.message.clone()),
            _ => None,
        })
    };
    let form_error = move || {
        send.value().with(|v| match v {
            Some(Err(err)) if err.field.is_none() => Some(err.message.clone()),
            _ => None,
        })
    };
    let message = move |live: Option<ValidationError>, field: &'static str| {
        live.map(|e| e.to_string()).or_else(|| server_error(field))
    };
    let first_check = move || first.with(|v| PersonName::parse(v).err());
    let last_check = move || last.with(|v| PersonName::parse(v).err());
    let email_check = move || email.with(|v| Email::parse(v).err());
    let username_check = move || username.with(|v| Username::parse(v).err());
    view! {
        <section class="card">
            <ActionForm action=send attr:novalidate=true>
                {move || form_error().map(|m| view! { <p class="alert alert-error" role="alert">{m}</p> })}
                <div class="field-row">
                    <div class="field">
                        <label for="invite-first-name">"First name"</label>
                        <input id="invite-first-name" name="first_name" type="text" required maxlength=PersonName::MAX_CHARS autocomplete="off"
                            aria-describedby="invite-first-name-error"
                            on:input=move |ev| first.set(event_target_value(&ev))/>
                        <FieldMessage id="invite-first-name-error" message=Signal::derive(move || message(field_error(first, first_check), "first_name"))/>
                    </div>
                    <div class="field">
                        <label for="invite-last-name">"Last name"</label>
                        <input id="invite-last-name" name="last_name" type="text" required maxlength=PersonName::MAX_CHARS autocomplete="off"
                            aria-describedby="invite-last-name-error"
                            on:input=move |ev| last.set(event_target_value(&ev))/>
                        <FieldMessage id="invite-last-name-error" message=Signal::derive(move || message(field_error(last, last_check), "last_name"))/>
                    </div>
                </div>
                <div class="field">
                    <label for="invite-email">"Email"</label>
                    <input id="invite-email" name="email" type="email" required maxlength=Email::MAX_CHARS autocomplete="off"
                        aria-describedby="invite-email-error"
                        on:input=move |ev| email.set(event_target_value(&ev))/>
                    <FieldMessage id="invite-email-error" message=Signal::derive(move || message(field_error(email, email_check), "email"))/>
                </div>
                <div class="field">
                    <label for="invite-role">"Administrator role"</label>
                    <select id="invite-role" name="role_id" required aria-describedby="invite-role-error">
                        {options.roles.into_iter().map(|r| view! { <option value=r.id>{r.name}</option> }).collect_view()}
                    </select>
                    <FieldMessage id="invite-role-error" message=Signal::derive(move || server_error("role_id"))/>
                </div>
                <div class="field">
                    <label for="invite-username">"Username " <span class="optional">"(optional: leave empty to let them choose)"</span></label>
                    <input id="invite-username" name="username" type="text" maxlength=Username::MAX_CHARS autocomplete="off" autocapitalize="none" spellcheck="false"
                        aria-describedby="invite-username-error"
                        on:input=move |ev| username.set(event_target_value(&ev))/>
                    <FieldMessage id="invite-username-error" message=Signal::derive(move || message(field_error(username, username_check), "username"))/>
                </div>
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
                <button type="submit" class="button primary" disabled=move || send.pending().get() aria-busy=move || send.pending().get().to_string()>
                    {move || if send.pending().get() { "Sending…" } else { "Send Invitation" }}
                </button>
            </ActionForm>
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
                            <h1>{format!("Welcome, {}", view.first_name)}</h1>
                            <p>{format!("{} invited you to Staffdesk as ", view.organization)}<strong>{view.role}</strong>"."</p>
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

#[island]
pub fn AcceptForm(token: String, preset_username: Option<String>) -> impl IntoView {
    let accept = ServerAction::<AcceptInvitation>::new();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let server_error = move |field: &'static str| {
        accept.value().with(|v| match v {
            Some(Err(err)) if err.is_for(field) => Some(err.message.clone()),
            _ => None,
        })
    };
    let form_error = move || {
        accept.value().with(|v| match v {
            Some(Err(err)) if err.field.is_none() => Some(err.message.clone()),
            _ => None,
        })
    };
    let username_check = move || username.with(|v| Username::parse(v).err());
    let password_check = move || password.with(|v| NewPassword::parse(v).err());
    let confirmation_check = move || {
        let (p, c) = (password.get(), confirmation.get());
        (!c.is_empty() && p != c).then_some(ValidationError::PasswordsDiffer)
    };
    let hint = move || {
        password.with(|p| match (p.is_empty(), strength(p)) {
            (true, _) => "",
            (false, Strength::Weak) => "Weak: use a longer password.",
            (false, Strength::Fair) => "Fair: longer, with numbers, symbols and upper- and lower-case letters, is stronger.",
            (false, Strength::Strong) => "Strong password.",
        })
    };
    let username_field = match preset_username {
        Some(preset) => view! {
            <div class="field">
                <label for="accept-username">"Username"</label>
                <input id="accept-username" type="text" value=preset readonly aria-readonly="true" aria-describedby="accept-username-help"/>
                <p id="accept-username-help" class="small muted">"Chosen by the administrator who invited you."</p>
            </div>
        }.into_any(),
        None => view! {
            <div class="field">
                <label for="accept-username">"Username"</label>
                <input id="accept-username" name="username" type="text" required maxlength=Username::MAX_CHARS autocomplete="username" autocapitalize="none" spellcheck="false"
                    aria-describedby="accept-username-rule accept-username-error"
                    on:input=move |ev| username.set(event_target_value(&ev))/>
                <p id="accept-username-rule" class="small muted">"Begins with a letter; letters (A–Z, a–z) and digits only."</p>
                <FieldMessage id="accept-username-error" message=Signal::derive(move || field_error(username, username_check).map(|e| e.to_string()).or_else(|| server_error("username")))/>
            </div>
        }.into_any(),
    };
    view! {
        <ActionForm action=accept attr:novalidate=true>
            {move || form_error().map(|m| view! { <p class="alert alert-error" role="alert">{m}</p> })}
            <input type="hidden" name="token" value=token/>
            {username_field}
            <div class="field">
                <label for="accept-password">"Password"</label>
                <input id="accept-password" name="password" type="password" required autocomplete="new-password"
                    aria-describedby="accept-password-rule accept-password-hint accept-password-error"
                    on:input=move |ev| password.set(event_target_value(&ev))/>
                <p id="accept-password-rule" class="small muted">"At least 12 characters, without & \" ' < or >. A long password with numbers, symbols and upper- and lower-case letters is strongest."</p>
                <p id="accept-password-hint" class="small" aria-live="polite">{hint}</p>
                <FieldMessage id="accept-password-error" message=Signal::derive(move || field_error(password, password_check).map(|e| e.to_string()).or_else(|| server_error("password")))/>
            </div>
            <div class="field">
                <label for="accept-password-confirmation">"Confirm password"</label>
                <input id="accept-password-confirmation" name="password_confirmation" type="password" required autocomplete="new-password"
                    aria-describedby="accept-confirmation-error"
                    on:input=move |ev| confirmation.set(event_target_value(&ev))/>
                <FieldMessage id="accept-confirmation-error" message=Signal::derive(move || confirmation_check().map(|e| e.to_string()).or_else(|| server_error("password_confirmation")))/>
            </div>
            <button type="submit" class="button primary" disabled=move || accept.pending().get() aria-busy=move || accept.pending().get().to_string()>
                {move || if accept.pending().get() { "Creating account…" } else { "Create Account" }}
            </button>
        </ActionForm>
    }
}
