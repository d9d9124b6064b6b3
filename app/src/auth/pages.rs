//! The login page and the header's logout button.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use super::api::Logout;
use crate::kernel::http::urlencode;
use crate::kernel::i18n::{Lang, lang, t};

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
