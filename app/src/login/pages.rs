//! The login page and its second step.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use super::api::{Login, VerifyLoginCode, get_login_challenge};
use crate::auth::pages::LanguageSwitcher;
use crate::kernel::i18n::t;
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::two_factor::pages::{code_field, loading};

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next").unwrap_or_else(|| "/".to_owned()));
    let password_set = query.with_untracked(|q| q.get("password_set").is_some());
    let error = submit_error::<Login>();
    view! {
        <Title text=format!("{} — Staffdesk", t("login-title"))/>
        <section class="card login-card">
            <LanguageSwitcher/>
            <h1>{t("login-heading")}</h1>
            <p class="muted">{t("app-tagline")}</p>
            {password_set.then(|| view! {
                <p class="alert alert-ok" role="status">{t("login-password-set")}</p>
            })}
            <SmartForm action=Login::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="next" value=next/>
                <Field spec=FieldSpec::new("login-username", "username", &t("field-username"), "text", Rule::None).autocomplete("username")/>
                <Field spec=FieldSpec::new("login-password", "password", &t("field-password"), "password", Rule::None).autocomplete("current-password")/>
                <button type="submit" class="button primary">{t("login-submit")}</button>
            </SmartForm>
        </section>
    }
}

/// The header's logout button: a plain form, so it works without WASM.
/// The login's second step, after the password.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let next = use_query_map().with_untracked(|q| q.get("next").unwrap_or_else(|| "/".to_owned()));
    let live = Resource::new_blocking(|| (), |_| get_login_challenge());
    view! {
        <Title text=format!("{} — Staffdesk", t("twofa-login-title"))/>
        <section class="card login-card">
            <h1>{t("twofa-login-title")}</h1>
            <Suspense fallback=loading>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        match live.await {
                            Ok(true) => view! { <LoginCodeForm next/> }.into_any(),
                            Ok(false) => view! {
                                <p class="alert alert-error" role="alert">{t("twofa-login-expired")}</p>
                                <a class="button primary" href="/login">{t("login-submit")}</a>
                            }.into_any(),
                            Err(error) => view! { <ErrorPage error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn LoginCodeForm(next: String) -> impl IntoView {
    let error = submit_error::<VerifyLoginCode>();
    view! {
        <p class="muted">{t("twofa-login-help")}</p>
        <SmartForm action=VerifyLoginCode::PATH.to_owned()>
            <FormAlert error=error.clone()/>
            <input type="hidden" name="next" value=next/>
            <Field spec=code_field("login-code", Rule::SecondFactor, &error).help(&t("twofa-login-recovery-help"))/>
            <button type="submit" class="button primary">{t("twofa-login-submit")}</button>
        </SmartForm>
        <p class="small"><a href="/login">{t("twofa-login-cancel")}</a></p>
    }
}
