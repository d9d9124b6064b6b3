//! The two-factor pages: set-up and management in My Account, the recovery codes shown once, and
//! the login's second step.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use super::api::{
    ConfirmTwoFactorSetup, DisableTwoFactor, RegenerateRecoveryCodes, StartTwoFactorSetup,
    get_two_factor_status, take_new_recovery_codes,
};
use super::model::{Enrolment, TwoFactorStatus};
use crate::account::pages::current_password_field;
use crate::kernel::http::urlencode;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};

pub fn loading() -> impl IntoView {
    view! { <p class="muted">{t("common-loading")}</p> }
}

pub fn code_field(
    id: &str,
    rule: Rule,
    error: &Option<crate::kernel::error::AppError>,
) -> FieldSpec {
    FieldSpec::new(id, "code", &t("twofa-code"), "text", rule)
        .autocomplete("one-time-code")
        .error_from(error)
}

#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let status = Resource::new_blocking(|| (), |_| get_two_factor_status());
    let disabled = use_query_map().with_untracked(|q| q.get("disabled").is_some());
    view! {
        <Title text=format!("{} — Staffdesk", t("twofa-title"))/>
        <div class="page-head">
            <h1>{t("twofa-title")}</h1>
            <a class="button" href="/account">{t("nav-my-account")}</a>
        </div>
        {disabled.then(|| view! { <p class="alert alert-ok" role="status">{t("twofa-disabled-notice")}</p> })}
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(status) => view! { <TwoFactorSections status/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TwoFactorSections(status: TwoFactorStatus) -> impl IntoView {
    let required = status.required_by_role;
    match (status.enabled_at, status.setup) {
        (Some(since), _) => view! {
            <Enabled since codes_left=status.recovery_codes_left required/>
        }
        .into_any(),
        (None, Some(setup)) => view! {
            {required.then(required_notice)}
            <Setup setup/>
        }
        .into_any(),
        (None, None) => view! {
            {required.then(required_notice)}
            <Off/>
        }
        .into_any(),
    }
}

fn required_notice() -> impl IntoView {
    view! { <p class="alert alert-error" role="alert">{t("twofa-required-notice")}</p> }
}

#[component]
fn Off() -> impl IntoView {
    let error = submit_error::<StartTwoFactorSetup>();
    view! {
        <section class="card" aria-labelledby="two-factor-off">
            <h2 id="two-factor-off">{t("twofa-off-heading")}</h2>
            <p>{t("twofa-off-help")}</p>
            <SmartForm action=StartTwoFactorSetup::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <Field spec=current_password_field("two-factor-setup-password", &error)/>
                <button type="submit" class="button primary">{t("twofa-setup-start")}</button>
            </SmartForm>
        </section>
    }
}

#[component]
fn Setup(setup: Enrolment) -> impl IntoView {
    let error = submit_error::<ConfirmTwoFactorSetup>();
    let restart_error = submit_error::<StartTwoFactorSetup>();
    view! {
        <section class="card" id="setup" aria-labelledby="two-factor-setup">
            <h2 id="two-factor-setup">{t("twofa-setup-heading")}</h2>
            <ol class="steps">
                <li>{t("twofa-setup-step-app")}</li>
                <li>
                    <p>{t("twofa-setup-step-scan")}</p>
                    // The SVG is drawn by the server from the otpauth URL: squares only, no user text.
                    <div class="qr-code" role="img" aria-label=t("twofa-setup-qr-label") inner_html=setup.qr_svg></div>
                    <p>
                        <span id="two-factor-secret-label">{t("twofa-setup-manual")}</span>" "
                        <code id="two-factor-secret" class="secret" aria-labelledby="two-factor-secret-label">{setup.secret}</code>
                    </p>
                    <p class="small muted">{t_args("twofa-setup-account", &[("account", setup.account.into())])}</p>
                </li>
                <li>
                    <p>{t("twofa-setup-step-confirm")}</p>
                    <SmartForm action=ConfirmTwoFactorSetup::PATH.to_owned()>
                        <FormAlert error=error.clone()/>
                        <Field spec=code_field("two-factor-setup-code", Rule::TotpCode, &error)/>
                        <button type="submit" class="button primary">{t("twofa-setup-confirm")}</button>
                    </SmartForm>
                </li>
            </ol>
            <SmartForm action=StartTwoFactorSetup::PATH.to_owned()>
                <FormAlert error=restart_error.clone()/>
                <Field spec=current_password_field("two-factor-restart-password", &restart_error)/>
                <button type="submit" class="button small-button">{t("twofa-setup-restart")}</button>
            </SmartForm>
        </section>
    }
}

#[component]
fn Enabled(since: String, codes_left: u64, required: bool) -> impl IntoView {
    let regenerate_error = submit_error::<RegenerateRecoveryCodes>();
    let disable_error = submit_error::<DisableTwoFactor>();
    view! {
        <section class="card" aria-labelledby="two-factor-on">
            <h2 id="two-factor-on">{t("twofa-on-heading")}</h2>
            <p><span class="badge ok">{t("twofa-on-badge")}</span>" "{t_args("twofa-on-since", &[("since", since.into())])}</p>
            <p class=if codes_left < 3 { "alert alert-error" } else { "" }>
                {t_args("twofa-codes-left", &[("count", codes_left.into())])}
            </p>
        </section>
        <section class="card" aria-labelledby="two-factor-regenerate">
            <h2 id="two-factor-regenerate">{t("twofa-regenerate-heading")}</h2>
            <p>{t("twofa-regenerate-help")}</p>
            <SmartForm action=RegenerateRecoveryCodes::PATH.to_owned()>
                <FormAlert error=regenerate_error.clone()/>
                <Field spec=current_password_field("two-factor-regenerate-password", &regenerate_error)/>
                <button type="submit" class="button">{t("twofa-regenerate-submit")}</button>
            </SmartForm>
        </section>
        <section class="card" aria-labelledby="two-factor-disable">
            <h2 id="two-factor-disable">{t("twofa-disable-heading")}</h2>
            {if required {
                view! { <p class="muted">{t("twofa-error-required-by-role")}</p> }.into_any()
            } else {
                view! {
                    <p>{t("twofa-disable-help")}</p>
                    <SmartForm action=DisableTwoFactor::PATH.to_owned()>
                        <FormAlert error=disable_error.clone()/>
                        <Field spec=current_password_field("two-factor-disable-password", &disable_error)/>
                        <Field spec=code_field("two-factor-disable-code", Rule::SecondFactor, &disable_error)
                            .help(&t("twofa-code-or-recovery"))/>
                        <button type="submit" class="button danger-button">{t("twofa-disable-submit")}</button>
                    </SmartForm>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let codes = Resource::new_blocking(|| (), |_| take_new_recovery_codes());
    view! {
        <Title text=format!("{} — Staffdesk", t("twofa-codes-title"))/>
        <div class="page-head"><h1>{t("twofa-codes-title")}</h1></div>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match codes.await {
                    Ok(codes) if codes.is_empty() => view! {
                        <section class="card">
                            <p>{t("twofa-codes-gone")}</p>
                            <a class="button" href="/account/two-factor">{t("twofa-title")}</a>
                        </section>
                    }.into_any(),
                    Ok(codes) => view! { <FreshCodes codes done="/".to_owned()/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Freshly made recovery codes, with download and print; `done` is where "I have saved them" goes.
#[component]
pub fn FreshCodes(codes: Vec<String>, done: String) -> impl IntoView {
    let file = format!(
        "{}\n\n{}\n",
        t("twofa-codes-file-heading"),
        codes.join("\n")
    );
    let href = format!("data:text/plain;charset=utf-8,{}", urlencode(&file));
    view! {
        <section class="card recovery-sheet" aria-labelledby="recovery-codes-heading">
            <h2 id="recovery-codes-heading">{t("twofa-codes-heading")}</h2>
            <p>{t("twofa-codes-help")}</p>
            <p class="alert alert-error" role="status">{t("twofa-codes-once")}</p>
            <ol class="recovery-codes" aria-labelledby="recovery-codes-heading">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
            <div class="actions no-print">
                <a class="button" href=href download="staffdesk-recovery-codes.txt">{t("twofa-codes-download")}</a>
                <PrintButton label=t("twofa-codes-print")/>
                <a class="button primary" href=done>{t("twofa-codes-done")}</a>
            </div>
        </section>
    }
}

/// Opens the browser's print dialog. Shown only once hydrated; without JavaScript the browser's
/// own print command does the same.
#[island(lazy)]
pub fn PrintButton(label: String) -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <button type="button" class="button" hidden=move || !ready.get()
            on:click=move |_| { let _ = window().print(); }>{label}</button>
    }
}
