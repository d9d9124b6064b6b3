//! The Client Area's pages (`/client/...`): login, password reset, invitation, and, signed in,
//! the home page, profile, contacts, services, invoices, tickets, users and the user's own
//! account. Each page shows only what the user's permissions at the client allow; every form is a
//! plain post that works before (and without) the WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    AcceptUserInvitation, ChangeUserPassword, ClientLogin, ClientLogout, ClosePortalTicket,
    CompleteUserReset, DeletePortalContact, EnterAsClient, JoinClient, OpenPortalTicket,
    ReplyPortalTicket, RequestUserReset, SavePortalContact, SwitchClient, UpdatePortalProfile,
    UpdateUserAccount, get_portal_contact, get_portal_home, get_portal_invoice, get_portal_profile,
    get_portal_ticket, get_portal_ticket_options, get_user_account, list_portal_contacts,
    list_portal_invoices, list_portal_services, list_portal_tickets, list_portal_users,
    lookup_user_invitation, lookup_user_reset,
};
use super::api::{
    ConfirmUserTwoFactor, DisableUserTwoFactor, StartUserTwoFactor, VerifyClientLoginCode,
    get_client_login_challenge, get_user_two_factor, take_user_recovery_codes,
};
use crate::auth::pages::LanguageSwitcher;
use crate::clients::pages::{Choice, ContactFields, InvoiceDocument, country_options, text};
use crate::kernel::error::AppError;
use crate::kernel::i18n::{Lang, t, t_args};
use crate::kernel::ui::form::{
    Field, FieldSpec, FormAlert, LanguageSelect, Rule, SmartForm, submit_error,
};
use crate::kernel::ui::{ErrorPage, Pager};
use crate::kernel::validation::Email;
use crate::kernel::{ClientPermission, CurrentUser};
use crate::users::model::InvitationLookup;

fn loading() -> impl IntoView {
    view! { <p class="muted">{t("common-loading")}</p> }
}

fn title(text: String) -> impl IntoView {
    view! { <Title text=format!("{text} — {}", t("portal-title"))/> }
}

fn param(name: &'static str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

fn query(name: &'static str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

fn notice(text: Option<String>) -> impl IntoView {
    text.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })
}

/// Renders `body` with the resource's value, or the error page.
/// `keep` are the values the body uses, cloned for each render.
macro_rules! with_data {
    ($resource:expr, [$($keep:ident),*], |$value:ident| $body:expr) => {
        view! {
            <Suspense fallback=loading>
                {move || {
                    $(let $keep = $keep.clone();)*
                    Suspend::new(async move {
                        match $resource.await {
                            Ok($value) => $body.into_any(),
                            Err(error) => view! { <ErrorPage error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }
    };
}

// The frame.

/// The Client Area's header, navigation and (for "log in as client") the staff banner.
#[component]
pub fn PortalFrame(children: Children) -> impl IntoView {
    let user = crate::kernel::user_viewer();
    let banner = user.as_ref().and_then(|u| {
        u.staff_name.clone().map(|staff| {
            view! {
                <div class="alert alert-warn staff-banner" role="status">
                    <span>{t_args("portal-staff-banner", &[("user", u.display_name().into()), ("staff", staff.into())])}</span>
                    <form method="post" action=ClientLogout::PATH class="inline-form">
                        <button type="submit" class="button small-button">{t("portal-staff-back")}</button>
                    </form>
                </div>
            }
        })
    });
    let nav = match user.clone() {
        Some(u) => view! { <PortalNav user=u/> }.into_any(),
        // A visitor on the public pages: what anyone may read, and the way in.
        None => view! {
            <nav class="mainnav" aria-label="Main">
                <a href="/knowledgebase">{t("kb-title")}</a>
                <a href="/announcements">{t("announcements-title")}</a>
                <a href="/network-status">{t("network-status-title")}</a>
                <a href="/client/login">{t("portal-nav-login")}</a>
            </nav>
        }
        .into_any(),
    };
    let account = user.map(|u| {
        view! {
            <nav class="account" aria-label=t("nav-account")>
                <span class="account-name">{u.display_name()}</span>
                {u.active().map(|m| view! { <span class="account-role">{m.client_name.clone()}</span> })}
                <a href="/client/account">{t("portal-nav-account")}</a>
                <form method="post" action=ClientLogout::PATH class="logout-form">
                    <button type="submit" class="button link">{t("nav-logout")}</button>
                </form>
            </nav>
        }
    });
    view! {
        <a class="skip-link" href="#content">{t("nav-skip")}</a>
        <header class="topbar portal">
            <a class="brand" href="/client">
                <span class="brand-mark" aria-hidden="true">"S"</span>
                {t("portal-title")}
            </a>
            {nav}
            {account}
        </header>
        {banner}
        <main id="content" class="content">{children()}</main>
        <footer class="footer">
            <span>"Staffdesk " {env!("CARGO_PKG_VERSION")}</span>
        </footer>
    }
}

#[component]
fn PortalNav(user: std::sync::Arc<CurrentUser>) -> impl IntoView {
    let link = |permission: Option<ClientPermission>, href: &'static str, key: &'static str| {
        permission
            .is_none_or(|p| user.can(p))
            .then(|| view! { <a href=href>{t(key)}</a> })
    };
    view! {
        <nav class="mainnav" aria-label="Main">
            {link(None, "/client", "portal-nav-home")}
            {link(Some(ClientPermission::Tickets), "/client/tickets", "portal-nav-tickets")}
            {link(Some(ClientPermission::Invoices), "/client/invoices", "portal-nav-invoices")}
            {link(Some(ClientPermission::Services), "/client/services", "portal-nav-services")}
            {link(Some(ClientPermission::Profile), "/client/profile", "portal-nav-profile")}
            {link(Some(ClientPermission::Contacts), "/client/contacts", "portal-nav-contacts")}
            {link(Some(ClientPermission::ManageUsers), "/client/users", "portal-nav-users")}
            {link(None, "/client/knowledgebase", "kb-title")}
            {link(None, "/client/announcements", "announcements-title")}
            {link(None, "/client/network-status", "network-status-title")}
        </nav>
    }
}

// Before login.

#[component]
pub fn PortalLoginPage() -> impl IntoView {
    let next = query("next").unwrap_or_else(|| "/client".to_owned());
    let password_set = query("password_set").map(|_| t("portal-password-saved"));
    let error = submit_error::<ClientLogin>();
    view! {
        {title(t("portal-login-title"))}
        <section class="card login-card">
            <LanguageSwitcher/>
            <h1>{t("portal-login-title")}</h1>
            <p class="muted">{t("portal-login-help")}</p>
            {notice(password_set)}
            <SmartForm action=ClientLogin::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="next" value=next/>
                <Field spec=FieldSpec::new("portal-email", "email", &t("users-field-email"), "email", Rule::None).autocomplete("username")/>
                <Field spec=FieldSpec::new("portal-password", "password", &t("field-password"), "password", Rule::None).autocomplete("current-password")/>
                <button type="submit" class="button primary">{t("login-submit")}</button>
            </SmartForm>
            <p class="small"><a href="/client/reset">{t("portal-forgot")}</a></p>
        </section>
    }
}

/// The login's second step, after the password, for a user with two-factor authentication.
#[component]
pub fn PortalLoginCodePage() -> impl IntoView {
    use crate::two_factor::pages::code_field;
    let next = query("next").unwrap_or_else(|| "/client".to_owned());
    let live = Resource::new_blocking(|| (), |_| get_client_login_challenge());
    let error = submit_error::<VerifyClientLoginCode>();
    with_data!(live, [next, error], |live| {
        view! {
            {title(t("twofa-login-title"))}
            <section class="card login-card">
                <h1>{t("twofa-login-title")}</h1>
                {if live {
                    view! {
                        <p class="muted">{t("twofa-login-help")}</p>
                        <SmartForm action=VerifyClientLoginCode::PATH.to_owned()>
                            <FormAlert error=error.clone()/>
                            <input type="hidden" name="next" value=next/>
                            <Field spec=code_field("portal-login-code", Rule::SecondFactor, &error).help(&t("twofa-login-recovery-help"))/>
                            <button type="submit" class="button primary">{t("twofa-login-submit")}</button>
                        </SmartForm>
                    }.into_any()
                } else {
                    view! { <p class="alert alert-error" role="alert">{t("portal-login-expired")}</p> }.into_any()
                }}
                <p class="small"><a href="/client/login">{t("twofa-login-cancel")}</a></p>
            </section>
        }
    })
}

/// The recovery codes just made, shown once.
#[component]
pub fn PortalRecoveryCodesPage() -> impl IntoView {
    use crate::two_factor::pages::FreshCodes;
    let codes = Resource::new_blocking(|| (), |_| take_user_recovery_codes());
    with_data!(codes, [], |codes| {
        view! {
            {title(t("twofa-codes-title"))}
            <h1>{t("twofa-codes-title")}</h1>
            {if codes.is_empty() {
                view! {
                    <section class="card">
                        <p>{t("portal-codes-gone")}</p>
                        <a class="button" href="/client/account#two-factor">{t("twofa-title")}</a>
                    </section>
                }.into_any()
            } else {
                view! { <FreshCodes codes done="/client/account".to_owned()/> }.into_any()
            }}
        }
    })
}

/// The account page's two-factor section: off (set up), waiting for the first code, or on.
#[component]
fn UserTwoFactorSection() -> impl IntoView {
    use crate::two_factor::pages::code_field;
    let status = Resource::new_blocking(|| (), |_| get_user_two_factor());
    let start_error = submit_error::<StartUserTwoFactor>();
    let confirm_error = submit_error::<ConfirmUserTwoFactor>();
    let disable_error = submit_error::<DisableUserTwoFactor>();
    let password = |id: &str, error: &Option<AppError>| {
        FieldSpec::new(
            id,
            "current_password",
            &t("users-field-current-password"),
            "password",
            Rule::None,
        )
        .autocomplete("current-password")
        .error_from(error)
    };
    with_data!(
        status,
        [start_error, confirm_error, disable_error],
        |status| {
            view! {
                <section class="card" id="two-factor" aria-labelledby="two-factor-heading">
                    <h2 id="two-factor-heading">{t("twofa-title")}</h2>
                    {match (status.enabled_at.clone(), status.setup.clone()) {
                        (Some(since), _) => view! {
                            <p><span class="badge ok">{t("twofa-on-badge")}</span>" "{t_args("twofa-on-since", &[("since", since.into())])}</p>
                            <p>{t_args("twofa-codes-left", &[("count", status.recovery_codes_left.into())])}</p>
                            <h3>{t("twofa-disable-heading")}</h3>
                            <p>{t("twofa-disable-help")}</p>
                            <SmartForm action=DisableUserTwoFactor::PATH.to_owned()>
                                <FormAlert error=disable_error.clone()/>
                                <Field spec=password("two-factor-disable-password", &disable_error)/>
                                <Field spec=code_field("two-factor-disable-code", Rule::SecondFactor, &disable_error).help(&t("twofa-code-or-recovery"))/>
                                <button type="submit" class="button danger-button">{t("twofa-disable-submit")}</button>
                            </SmartForm>
                        }.into_any(),
                        (None, Some(setup)) => view! {
                            <ol class="steps">
                                <li>{t("twofa-setup-step-app")}</li>
                                <li>
                                    <p>{t("twofa-setup-step-scan")}</p>
                                    // Drawn by the server from the otpauth URL: squares only, no user text.
                                    <div class="qr-code" role="img" aria-label=t("twofa-setup-qr-label") inner_html=setup.qr_svg></div>
                                    <p>
                                        <span id="two-factor-secret-label">{t("twofa-setup-manual")}</span>" "
                                        <code id="two-factor-secret" class="secret" aria-labelledby="two-factor-secret-label">{setup.secret}</code>
                                    </p>
                                </li>
                                <li>
                                    <p>{t("twofa-setup-step-confirm")}</p>
                                    <SmartForm action=ConfirmUserTwoFactor::PATH.to_owned()>
                                        <FormAlert error=confirm_error.clone()/>
                                        <Field spec=code_field("two-factor-setup-code", Rule::TotpCode, &confirm_error)/>
                                        <button type="submit" class="button primary">{t("twofa-setup-confirm")}</button>
                                    </SmartForm>
                                </li>
                            </ol>
                        }.into_any(),
                        (None, None) => view! {
                            <p>{t("twofa-off-help")}</p>
                            <SmartForm action=StartUserTwoFactor::PATH.to_owned()>
                                <FormAlert error=start_error.clone()/>
                                <Field spec=password("two-factor-start-password", &start_error)/>
                                <button type="submit" class="button">{t("twofa-setup-start")}</button>
                            </SmartForm>
                        }.into_any(),
                    }}
                </section>
            }
        }
    )
}

#[component]
pub fn PortalResetRequestPage() -> impl IntoView {
    let sent = query("sent").is_some();
    let error = submit_error::<RequestUserReset>();
    view! {
        {title(t("portal-reset-title"))}
        <section class="card login-card">
            <LanguageSwitcher/>
            <h1>{t("portal-reset-title")}</h1>
            {if sent {
                view! { <p class="alert alert-ok" role="status">{t("portal-reset-sent")}</p> }.into_any()
            } else {
                view! {
                    <p class="muted">{t("portal-reset-help")}</p>
                    <SmartForm action=RequestUserReset::PATH.to_owned()>
                        <FormAlert error=error.clone()/>
                        <Field spec=FieldSpec::new("reset-email", "email", &t("users-field-email"), "email", Rule::Email).max(Email::MAX_CHARS).autocomplete("username")/>
                        <button type="submit" class="button primary">{t("portal-reset-send")}</button>
                    </SmartForm>
                }.into_any()
            }}
            <p class="small"><a href="/client/login">{t("portal-back-to-login")}</a></p>
        </section>
    }
}

/// Password and confirmation, with the rules.
fn new_password_fields(prefix: &str, error: &Option<AppError>) -> impl IntoView + use<> {
    let password = FieldSpec::new(
        &format!("{prefix}-password"),
        "password",
        &t("field-password"),
        "password",
        Rule::NewPassword,
    )
    .autocomplete("new-password")
    .help(&t("password-rules"))
    .error_from(error);
    let confirmation = FieldSpec::new(
        &format!("{prefix}-password-confirmation"),
        "password_confirmation",
        &t("field-password-confirmation"),
        "password",
        Rule::None,
    )
    .autocomplete("new-password")
    .error_from(error);
    view! {
        <Field spec=password/>
        <Field spec=confirmation/>
    }
}

#[component]
pub fn PortalResetPage() -> impl IntoView {
    let token = param("token");
    let lookup = Resource::new_blocking(
        {
            let token = token.clone();
            move || token.clone()
        },
        lookup_user_reset,
    );
    let error = submit_error::<CompleteUserReset>();
    view! {
        {title(t("portal-reset-title"))}
        <section class="card login-card">
            <h1>{t("portal-reset-title")}</h1>
            <Suspense fallback=loading>
                {move || {
                    let (token, error) = (token.clone(), error.clone());
                    Suspend::new(async move {
                        match lookup.await {
                            Ok(email) => view! {
                                <p class="muted">{t_args("portal-reset-for", &[("email", email.into())])}</p>
                                <SmartForm action=CompleteUserReset::PATH.to_owned()>
                                    <FormAlert error=error.clone()/>
                                    <input type="hidden" name="token" value=token/>
                                    {new_password_fields("reset", &error)}
                                    <button type="submit" class="button primary">{t("portal-reset-save")}</button>
                                </SmartForm>
                            }.into_any(),
                            Err(error) => view! {
                                <p class="alert alert-error" role="alert">{error.message}</p>
                                <a class="button" href="/client/reset">{t("portal-reset-again")}</a>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
pub fn PortalInvitePage() -> impl IntoView {
    let token = param("token");
    let lookup = Resource::new_blocking(
        {
            let token = token.clone();
            move || token.clone()
        },
        lookup_user_invitation,
    );
    view! {
        {title(t("portal-invite-title"))}
        <section class="card login-card">
            <LanguageSwitcher/>
            <h1>{t("portal-invite-title")}</h1>
            <Suspense fallback=loading>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match lookup.await {
                            Ok(found) => view! { <InviteAnswer token found/> }.into_any(),
                            Err(error) => view! { <ErrorPage error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn InviteAnswer(token: String, found: InvitationLookup) -> impl IntoView {
    let error = submit_error::<AcceptUserInvitation>().or_else(submit_error::<JoinClient>);
    match found {
        InvitationLookup::New { client_name, email } => view! {
            <p>{t_args("portal-invite-new", &[("client", client_name.into()), ("email", email.into())])}</p>
            <SmartForm action=AcceptUserInvitation::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="token" value=token/>
                <div class="field-row">
                    <Field spec=text("invite-first-name", "first_name", "users-field-first-name", "", 100, true, &error).autocomplete("given-name")/>
                    <Field spec=text("invite-last-name", "last_name", "users-field-last-name", "", 100, true, &error).autocomplete("family-name")/>
                </div>
                {new_password_fields("invite", &error)}
                <button type="submit" class="button primary">{t("portal-invite-accept")}</button>
            </SmartForm>
        }.into_any(),
        InvitationLookup::Existing { client_name, email, signed_in: true } => view! {
            <p>{t_args("portal-invite-join", &[("client", client_name.into()), ("email", email.into())])}</p>
            <FormAlert error=error/>
            <form method="post" action=JoinClient::PATH>
                <input type="hidden" name="token" value=token/>
                <button type="submit" class="button primary">{t("portal-invite-accept")}</button>
            </form>
        }.into_any(),
        InvitationLookup::Existing { client_name, email, signed_in: false } => {
            let next = format!("/client/invite/{token}");
            view! {
                <p>{t_args("portal-invite-log-in-first", &[("client", client_name.into()), ("email", email.into())])}</p>
                <a class="button primary" href=format!("/client/login?next={}", crate::kernel::http::urlencode(&next))>{t("login-submit")}</a>
            }.into_any()
        }
        InvitationLookup::Problem(problem) => view! {
            <p class="alert alert-error" role="alert">{problem.message()}</p>
        }.into_any(),
    }
}

/// The page a "log in as client" link opens: one button, so the link itself changes nothing.
#[component]
pub fn PortalLoginAsPage() -> impl IntoView {
    let token = param("token");
    let error = submit_error::<EnterAsClient>();
    view! {
        {title(t("portal-login-as-title"))}
        <section class="card login-card">
            <h1>{t("portal-login-as-title")}</h1>
            <p>{t("portal-login-as-help")}</p>
            <FormAlert error=error/>
            <form method="post" action=EnterAsClient::PATH>
                <input type="hidden" name="token" value=token/>
                <button type="submit" class="button primary">{t("portal-login-as-continue")}</button>
            </form>
        </section>
    }
}

// Signed in.

#[component]
pub fn PortalHomePage() -> impl IntoView {
    let home = Resource::new_blocking(|| (), |_| get_portal_home());
    let joined = query("joined").map(|_| t("portal-joined"));
    let reset = query("reset").map(|_| t("portal-password-set"));
    let error = submit_error::<SwitchClient>();
    with_data!(home, [joined, reset, error], |home| {
        let others: Vec<_> = home
            .memberships
            .iter()
            .filter(|m| Some(m.client_id) != home.client.as_ref().map(|c| c.client_id))
            .cloned()
            .collect();
        let tile = |count: Option<usize>, key: &'static str, href: &'static str| {
            count.map(|n| {
                view! {
                    <a class="card tile" href=href>
                        <span class="tile-figure">{n}</span>
                        <span class="tile-label">{t(key)}</span>
                    </a>
                }
            })
        };
        view! {
            {title(t("portal-nav-home"))}
            <h1>{t_args("portal-welcome", &[("name", home.user_name.clone().into())])}</h1>
            {notice(joined)}
            {notice(reset)}
            <FormAlert error/>
            {match home.client.clone() {
                None => view! { <p class="empty">{t("portal-no-client")}</p> }.into_any(),
                Some(client) => view! {
                    <p class="lead">{t_args("portal-working-for", &[("client", client.client_name.clone().into())])}</p>
                    <div class="tiles">
                        {tile(home.open_tickets, "portal-open-tickets", "/client/tickets")}
                        {tile(home.unpaid_invoices, "portal-unpaid-invoices", "/client/invoices")}
                        {tile(home.active_services, "portal-active-services", "/client/services")}
                    </div>
                    {home.can(ClientPermission::Tickets).then(|| view! {
                        <p><a class="button primary" href="/client/tickets/new">{t("portal-open-ticket")}</a></p>
                    })}
                }.into_any(),
            }}
            <crate::announcements::pages::LatestAnnouncements/>
            {(!others.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="switch-heading">
                    <h2 id="switch-heading">{t("portal-switch")}</h2>
                    <ul class="plain">
                        {others.into_iter().map(|m| view! {
                            <li>
                                <form method="post" action=SwitchClient::PATH class="inline-form">
                                    <input type="hidden" name="client_id" value=m.client_id/>
                                    <button type="submit" class="button link">{m.client_name.clone()}</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        }
    })
}

#[component]
pub fn PortalAccountPage() -> impl IntoView {
    let account = Resource::new_blocking(|| (), |_| get_user_account());
    let saved = query("saved").map(|what| {
        t(match what.as_str() {
            "password" => "portal-saved-password",
            "two_factor_off" => "twofa-disabled-notice",
            _ => "portal-saved-account",
        })
    });
    let error = submit_error::<UpdateUserAccount>();
    let password_error = submit_error::<ChangeUserPassword>();
    with_data!(account, [saved, error, password_error], |me| {
        let language = Lang::from_code(&me.language).unwrap_or_default();
        view! {
            {title(t("portal-nav-account"))}
            <h1>{t("portal-nav-account")}</h1>
            {notice(saved)}
            <section class="card">
                <h2>{t("portal-account-details")}</h2>
                <p class="muted">{me.email.clone()}</p>
                <SmartForm action=UpdateUserAccount::PATH.to_owned()>
                    <FormAlert error=error.clone()/>
                    <div class="field-row">
                        <Field spec=text("account-first-name", "first_name", "users-field-first-name", &me.first_name, 100, true, &error)/>
                        <Field spec=text("account-last-name", "last_name", "users-field-last-name", &me.last_name, 100, true, &error)/>
                    </div>
                    <LanguageSelect id="account-language" selected=language/>
                    <button type="submit" class="button primary">{t("clients-save")}</button>
                </SmartForm>
            </section>
            <section class="card">
                <h2>{t("portal-change-password")}</h2>
                <SmartForm action=ChangeUserPassword::PATH.to_owned()>
                    <FormAlert error=password_error.clone()/>
                    <Field spec=FieldSpec::new("account-current-password", "current_password", &t("users-field-current-password"), "password", Rule::None)
                        .autocomplete("current-password").error_from(&password_error)/>
                    {new_password_fields("account", &password_error)}
                    <button type="submit" class="button primary">{t("portal-change-password")}</button>
                </SmartForm>
            </section>
            <UserTwoFactorSection/>
        }
    })
}

#[component]
pub fn PortalProfilePage() -> impl IntoView {
    let profile = Resource::new_blocking(|| (), |_| get_portal_profile());
    let saved = query("saved").map(|_| t("portal-saved-profile"));
    let error = submit_error::<UpdatePortalProfile>();
    with_data!(profile, [saved, error], |c| {
        let f = c.form.clone();
        let language = Lang::from_code(&f.language).unwrap_or_default();
        let field_error = {
            let error = error.clone();
            move |name: &str| {
                error
                    .as_ref()
                    .filter(|e| e.is_for(name))
                    .map(|e| e.message.clone())
            }
        };
        view! {
            {title(t("portal-nav-profile"))}
            <h1>{t("portal-nav-profile")}</h1>
            {notice(saved)}
            <section class="card">
                <SmartForm action=UpdatePortalProfile::PATH.to_owned()>
                    <FormAlert error=error.clone()/>
                    <input type="hidden" name="version" value=c.version/>
                    <div class="field-row">
                        <Field spec=text("profile-first-name", "first_name", "clients-field-first-name", &f.first_name, 100, true, &error)/>
                        <Field spec=text("profile-last-name", "last_name", "clients-field-last-name", &f.last_name, 100, true, &error)/>
                    </div>
                    <div class="field-row">
                        <Field spec=text("profile-company", "company", "clients-field-company", &f.company, 200, false, &error)/>
                        <Field spec=FieldSpec::new("profile-email", "email", &t("clients-field-email"), "email", Rule::Email)
                            .max(Email::MAX_CHARS).value(&f.email).error_from(&error)/>
                        <Field spec=text("profile-phone", "phone", "clients-field-phone", &f.phone, 40, false, &error)/>
                    </div>
                    <Field spec=text("profile-street", "street", "clients-field-street", &f.street, 200, false, &error)/>
                    <div class="field-row">
                        <Field spec=text("profile-city", "city", "clients-field-city", &f.city, 100, false, &error)/>
                        <Field spec=text("profile-state", "state", "clients-field-state", &f.state, 100, false, &error)/>
                        <Field spec=text("profile-postcode", "postcode", "clients-field-postcode", &f.postcode, 20, false, &error)/>
                    </div>
                    <div class="field-row">
                        <Choice id="profile-country" name="country" label=t("clients-field-country") options=country_options()
                            selected=f.country.clone() blank=Some(t("clients-choose-country")) error=field_error("country")/>
                        <LanguageSelect id="profile-language" selected=language/>
                    </div>
                    <button type="submit" class="button primary">{t("clients-save")}</button>
                </SmartForm>
            </section>
        }
    })
}

#[component]
pub fn PortalContactsPage() -> impl IntoView {
    let contacts = Resource::new_blocking(|| (), |_| list_portal_contacts());
    let saved = query("saved").map(|what| {
        t(if what == "deleted" {
            "clients-saved-contact-deleted"
        } else {
            "clients-saved-contact"
        })
    });
    with_data!(contacts, [saved], |rows| {
        view! {
            {title(t("portal-nav-contacts"))}
            <div class="page-head">
                <h1>{t("portal-nav-contacts")}</h1>
                <div class="actions"><a class="button primary" href="/client/contacts/new">{t("clients-add-contact")}</a></div>
            </div>
            {notice(saved)}
            <section class="card">
                {if rows.is_empty() {
                    view! { <p class="empty">{t("clients-no-contacts")}</p> }.into_any()
                } else {
                    view! {
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{t("users-col-name")}</th>
                                <th scope="col">{t("clients-field-email")}</th>
                                <th scope="col">{t("clients-field-phone")}</th>
                            </tr></thead>
                            <tbody>{rows.into_iter().map(|c| view! {
                                <tr>
                                    <td><a href=format!("/client/contacts/{}", c.id)>{format!("{} {}", c.form.first_name, c.form.last_name)}</a></td>
                                    <td>{c.form.email.clone()}</td>
                                    <td>{c.form.phone.clone()}</td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        }
    })
}

#[component]
pub fn PortalContactPage() -> impl IntoView {
    let id = param("contact");
    let contact = Resource::new_blocking(move || id.clone(), get_portal_contact);
    let error = submit_error::<SavePortalContact>();
    let delete_error = submit_error::<DeletePortalContact>();
    with_data!(contact, [error, delete_error], |contact| {
        let new = contact.id == 0;
        let f = contact.form.clone();
        let heading = if new {
            t("clients-add-contact")
        } else {
            format!("{} {}", f.first_name, f.last_name)
        };
        view! {
            {title(heading.clone())}
            <h1>{heading}</h1>
            <p><a href="/client/contacts">{t("portal-back-to-contacts")}</a></p>
            <section class="card">
                <SmartForm action=SavePortalContact::PATH.to_owned()>
                    <FormAlert error=error.clone()/>
                    <input type="hidden" name="contact_id" value=if new { String::new() } else { contact.id.to_string() }/>
                    <input type="hidden" name="version" value=if new { String::new() } else { contact.version.to_string() }/>
                    <ContactFields form=f.clone() error=error.clone()/>
                    <button type="submit" class="button primary">{t(if new { "clients-add-contact" } else { "clients-save" })}</button>
                </SmartForm>
            </section>
            {(!new).then(|| view! {
                <section class="card">
                    <FormAlert error=delete_error/>
                    <form method="post" action=DeletePortalContact::PATH>
                        <input type="hidden" name="contact_id" value=contact.id/>
                        <input type="hidden" name="version" value=contact.version/>
                        <button type="submit" class="button">{t("clients-delete-contact")}</button>
                    </form>
                </section>
            })}
        }
    })
}

#[component]
pub fn PortalServicesPage() -> impl IntoView {
    let services = Resource::new_blocking(|| (), |_| list_portal_services());
    with_data!(services, [], |rows| {
        view! {
            {title(t("portal-nav-services"))}
            <h1>{t("portal-nav-services")}</h1>
            <section class="card">
                {if rows.is_empty() {
                    view! { <p class="empty">{t("clients-no-services")}</p> }.into_any()
                } else {
                    view! {
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{t("clients-field-product")}</th>
                                <th scope="col">{t("clients-field-domain")}</th>
                                <th scope="col">{t("clients-field-amount")}</th>
                                <th scope="col">{t("clients-field-next-due")}</th>
                                <th scope="col">{t("clients-field-status")}</th>
                            </tr></thead>
                            <tbody>{rows.into_iter().map(|s| {
                                let status = crate::clients::model::ServiceStatus::from_key(&s.form.status)
                                    .map_or_else(|| s.form.status.clone(), |st| st.label());
                                view! {
                                    <tr>
                                        <td>{s.form.product.clone()}</td>
                                        <td>{s.form.domain.clone()}</td>
                                        <td class="nowrap">{s.price.clone()}</td>
                                        <td class="nowrap">{s.form.next_due.clone()}</td>
                                        <td>{status}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        }
    })
}

#[component]
pub fn PortalInvoicesPage() -> impl IntoView {
    let after = query("after");
    let invoices = Resource::new_blocking(move || after.clone(), list_portal_invoices);
    let paged = query("after").is_some();
    with_data!(invoices, [], |page| {
        let (rows, next) = page;
        view! {
            {title(t("portal-nav-invoices"))}
            <h1>{t("portal-nav-invoices")}</h1>
            <section class="card">
                {if rows.is_empty() {
                    view! { <p class="empty">{t("clients-no-invoices")}</p> }.into_any()
                } else {
                    view! {
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{t("clients-invoice-number")}</th>
                                <th scope="col">{t("clients-field-issued-on")}</th>
                                <th scope="col">{t("clients-field-due-on")}</th>
                                <th scope="col">{t("clients-total")}</th>
                                <th scope="col">{t("clients-balance")}</th>
                                <th scope="col">{t("clients-field-status")}</th>
                            </tr></thead>
                            <tbody>{rows.into_iter().map(|r| view! {
                                <tr>
                                    <td><a href=format!("/client/invoices/{}", r.id)>{format!("#{}", r.id)}</a></td>
                                    <td class="nowrap">{r.issued_on.clone()}</td>
                                    <td class="nowrap">{r.due_on.clone()}</td>
                                    <td class="nowrap">{r.total.clone()}</td>
                                    <td class="nowrap">{r.balance.clone()}</td>
                                    <td><span class=r.status.css()>{r.status.label()}</span></td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any()
                }}
                <Pager next=next.map(|n| format!("/client/invoices?after={n}")) first=paged.then(|| "/client/invoices".to_owned())/>
            </section>
        }
    })
}

#[component]
pub fn PortalInvoicePage() -> impl IntoView {
    let id = param("invoice");
    let invoice = Resource::new_blocking(move || id.clone(), get_portal_invoice);
    with_data!(invoice, [], |invoice| {
        let heading = t_args(
            "clients-invoice-heading",
            &[("number", invoice.row.id.into())],
        );
        let status = invoice.row.status;
        view! {
            {title(heading.clone())}
            <div class="page-head">
                <h1>{heading} " " <span class=status.css()>{status.label()}</span></h1>
                <div class="actions no-print"><a class="button" href="/client/invoices">{t("portal-all-invoices")}</a></div>
            </div>
            <p class="muted no-print">{t("portal-print-hint")}</p>
            <InvoiceDocument invoice/>
        }
    })
}

#[component]
pub fn PortalTicketsPage() -> impl IntoView {
    let tickets = Resource::new_blocking(|| (), |_| list_portal_tickets());
    with_data!(tickets, [], |rows| {
        view! {
            {title(t("portal-nav-tickets"))}
            <div class="page-head">
                <h1>{t("portal-nav-tickets")}</h1>
                <div class="actions"><a class="button primary" href="/client/tickets/new">{t("portal-open-ticket")}</a></div>
            </div>
            <section class="card">
                {if rows.is_empty() {
                    view! { <p class="empty">{t("clients-no-tickets")}</p> }.into_any()
                } else {
                    view! {
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{t("tickets-reference")}</th>
                                <th scope="col">{t("tickets-subject")}</th>
                                <th scope="col">{t("tickets-department")}</th>
                                <th scope="col">{t("tickets-status")}</th>
                                <th scope="col">{t("tickets-last-reply")}</th>
                            </tr></thead>
                            <tbody>{rows.into_iter().map(|r| view! {
                                <tr>
                                    <td><a href=format!("/client/tickets/{}", r.reference)>{r.reference.clone()}</a></td>
                                    <td>{r.subject.clone()}</td>
                                    <td>{r.department.clone()}</td>
                                    <td><span class=r.status.css()>{r.status.label()}</span></td>
                                    <td class="nowrap">{r.last_reply.clone()}</td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        }
    })
}

#[component]
pub fn PortalNewTicketPage() -> impl IntoView {
    use crate::tickets::model::Priority;
    let error = submit_error::<OpenPortalTicket>();
    let subject = query("subject").unwrap_or_default();
    // First, without a subject (and no refused form to show again): the question alone, with the
    // articles that may answer it, live as it is typed or on the next step without JavaScript.
    if subject.trim().is_empty() && error.is_none() {
        // Only for a user who may open tickets: the options' function checks it.
        let allowed = Resource::new_blocking(|| (), |_| get_portal_ticket_options());
        return with_data!(allowed, [], |_allowed| view! { <TicketFirstStep/> }).into_any();
    }
    let options = Resource::new_blocking(
        move || subject.clone(),
        |subject| async move {
            let options = get_portal_ticket_options().await?;
            let suggestions = if subject.trim().is_empty() {
                Vec::new()
            } else {
                crate::kb::api::get_ticket_suggestions(subject.clone()).await?
            };
            Ok::<_, AppError>((options, suggestions, subject))
        },
    );
    with_data!(options, [error], |data| {
        let (options, suggestions, subject) = data;
        let field_error = {
            let error = error.clone();
            move |name: &str| {
                error
                    .as_ref()
                    .filter(|e| e.is_for(name))
                    .map(|e| e.message.clone())
            }
        };
        let departments: Vec<(String, String)> = options
            .departments
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect();
        let priorities: Vec<(String, String)> = Priority::ALL
            .into_iter()
            .map(|p| (p.key().to_owned(), p.label()))
            .collect();
        view! {
            {title(t("portal-open-ticket"))}
            <h1>{t("portal-open-ticket")}</h1>
            {(!suggestions.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="before-ticket-heading">
                    <h2 id="before-ticket-heading">{t("kb-before-ticket")}</h2>
                    <p>{t("kb-before-ticket-lead")}</p>
                    <ul class="plain kb-links">
                        {suggestions.into_iter().map(|h| view! {
                            <li><a href=format!("/client/knowledgebase/{}?suggested=1", h.slug)>{h.title}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section class="card">
                <SmartForm action=OpenPortalTicket::PATH.to_owned()>
                    <FormAlert error=error.clone()/>
                    <div class="field-row">
                        <Choice id="ticket-department" name="department_id" label=t("tickets-department") options=departments
                            selected=String::new() blank=None error=field_error("department_id")/>
                        <Choice id="ticket-priority" name="priority" label=t("tickets-priority") options=priorities
                            selected="medium".to_owned() blank=None error=field_error("priority")/>
                    </div>
                    <Field spec=FieldSpec::new("ticket-subject", "subject", &t("tickets-subject"), "text", Rule::Text).max(200).value(&subject).error_from(&error)/>
                    <Field spec=FieldSpec::new("ticket-body", "body", &t("tickets-message"), "textarea", Rule::MultilineText).error_from(&error)/>
                    <button type="submit" class="button primary">{t("portal-open-ticket")}</button>
                </SmartForm>
            </section>
        }
    })
    .into_any()
}

/// A new ticket's first step: a GET form with the subject, whose matching articles show as it is
/// typed (`LiveField`), and on the next step with the rest of the form.
#[component]
fn TicketFirstStep() -> impl IntoView {
    let path = <crate::kb::api::SuggestKbArticles as ServerFn>::PATH.to_owned();
    view! {
        {title(t("portal-open-ticket"))}
        <h1>{t("portal-open-ticket")}</h1>
        <section class="card">
            <form method="get" action="/client/tickets/new">
                <crate::kernel::ui::live::LiveField id="ticket-subject".to_owned() name="subject".to_owned()
                    label=t("tickets-subject") value=String::new() help=t("kb-ticket-subject-help")
                    path region=t("kb-suggestions") multiline=false required=true min_chars=3 max_chars=200/>
                <button type="submit" class="button primary">{t("kb-continue")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn PortalTicketPage() -> impl IntoView {
    let reference = param("reference");
    let ticket = Resource::new_blocking(move || reference.clone(), get_portal_ticket);
    let saved = query("opened")
        .map(|_| t("portal-ticket-opened"))
        .or_else(|| query("replied").map(|_| t("portal-ticket-replied")))
        .or_else(|| query("closed").map(|_| t("portal-ticket-closed")));
    let error = submit_error::<ReplyPortalTicket>().or_else(submit_error::<ClosePortalTicket>);
    with_data!(ticket, [saved, error], |tk| {
        let closed = tk.status == crate::tickets::model::Status::Closed;
        let reference = tk.reference.clone();
        let close_reference = tk.reference.clone();
        view! {
            {title(format!("{} — {}", tk.reference, tk.subject))}
            <div class="page-head">
                <h1>{tk.subject.clone()}</h1>
                <span class=tk.status.css()>{tk.status.label()}</span>
            </div>
            {notice(saved)}
            <dl class="facts">
                <dt>{t("tickets-reference")}</dt><dd>{tk.reference.clone()}</dd>
                <dt>{t("tickets-department")}</dt><dd>{tk.department.clone()}</dd>
                <dt>{t("tickets-priority")}</dt><dd>{tk.priority.label()}</dd>
                <dt>{t("portal-ticket-opened-at")}</dt><dd>{tk.created.clone()}</dd>
            </dl>
            <ol class="thread">
                {tk.messages.into_iter().map(|m| view! {
                    <li class=if m.by_staff { "message staff" } else { "message requester" }>
                        <p class="message-head"><strong>{m.author.clone()}</strong> " · " <span class="muted">{m.at.clone()}</span></p>
                        <p class="pre">{m.body.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
            <section class="card">
                <h2>{t("portal-ticket-reply")}</h2>
                <SmartForm action=ReplyPortalTicket::PATH.to_owned()>
                    <FormAlert error=error.clone()/>
                    <input type="hidden" name="reference" value=reference.clone()/>
                    <Field spec=FieldSpec::new("ticket-reply", "body", &t("tickets-reply-text"), "textarea", Rule::MultilineText).error_from(&error)/>
                    <button type="submit" class="button primary">{t("portal-ticket-send")}</button>
                </SmartForm>
                {(!closed).then(move || view! {
                    <form method="post" action=ClosePortalTicket::PATH class="inline-form">
                        <input type="hidden" name="reference" value=close_reference/>
                        <button type="submit" class="button">{t("portal-ticket-close")}</button>
                    </form>
                })}
            </section>
        }
    })
}

#[component]
pub fn PortalUsersPage() -> impl IntoView {
    use super::api::{
        CancelPortalInvitation, InvitePortalUser, RemovePortalUser, ResendPortalInvitation,
        SetPortalUserPermissions,
    };
    use crate::users::pages::{UserActions, UsersCard};
    let users = Resource::new_blocking(|| (), |_| list_portal_users());
    let saved = query("saved").map(|what| {
        t(match what.as_str() {
            "invited" => "users-saved-invited",
            "cancelled" => "users-saved-cancelled",
            "removed" => "users-saved-removed",
            _ => "users-saved-permissions",
        })
    });
    let error = submit_error::<InvitePortalUser>()
        .or_else(submit_error::<SetPortalUserPermissions>)
        .or_else(submit_error::<RemovePortalUser>)
        .or_else(submit_error::<ResendPortalInvitation>)
        .or_else(submit_error::<CancelPortalInvitation>);
    let actions = UserActions {
        invite: InvitePortalUser::PATH,
        set_permissions: SetPortalUserPermissions::PATH,
        remove: RemovePortalUser::PATH,
        resend: ResendPortalInvitation::PATH,
        cancel: CancelPortalInvitation::PATH,
        make_owner: None,
        log_in_as: None,
        name_client: false,
    };
    with_data!(users, [saved, error], |section| {
        view! {
            {title(t("portal-nav-users"))}
            <h1>{t("portal-nav-users")}</h1>
            {notice(saved)}
            <UsersCard section actions error/>
        }
    })
}
