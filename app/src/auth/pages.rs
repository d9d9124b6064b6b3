//! The login page and the header's logout button.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use super::api::{Login, Logout};
use crate::i18n::{Lang, lang, t};
use crate::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};

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
#[component]
pub fn LogoutButton() -> impl IntoView {
    view! {
        <form method="post" action=Logout::PATH class="logout-form">
            <button type="submit" class="button link">{t("nav-logout")}</button>
        </form>
    }
}

/// Links to show a page before login in another language; the choice is remembered in a cookie.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let current = lang();
    let query = use_query_map();
    let links = Lang::ALL
        .into_iter()
        .map(|l| {
            // Keep the rest of the query (such as `next`), replacing only `lang`.
            let mut pairs: Vec<(String, String)> = query.with_untracked(|q| {
                q.clone()
                    .into_iter()
                    .filter(|(k, _)| k != "lang")
                    .map(|(k, v)| (k.into_owned(), v))
                    .collect()
            });
            pairs.push(("lang".to_owned(), l.code().to_owned()));
            let href = format!(
                "?{}",
                pairs
                    .iter()
                    .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
                    .collect::<Vec<_>>()
                    .join("&")
            );
            let here = l == current;
            view! {
                <a href=href hreflang=l.code() lang=l.code() aria-current=here.then_some("true")>{l.native_name()}</a>
            }
        })
        .collect_view();
    view! { <nav class="language-switcher small" aria-label=t("nav-language")>{links}</nav> }
}

pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
