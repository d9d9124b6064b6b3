//! The not-found page, the error page, the pager under long tables, and the notice a form's
//! redirect asks for.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::kernel::error::AppError;
use crate::kernel::i18n::t;

/// Sets the status of the page response while it renders on the server.
fn set_status(_status: u16) {
    #[cfg(feature = "ssr")]
    crate::kernel::error::set_response_status(_status);
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Title text=format!("{} — Staffdesk", t("notfound-title"))/>
        <section class="card error-page">
            <p class="error-code">"404"</p>
            <h1>{t("notfound-title")}</h1>
            <p>{t("notfound-text")}</p>
            <p><a class="button" href="/">{t("common-to-dashboard")}</a></p>
        </section>
    }
}

/// Shows an `AppError` to the user: its code and message, nothing about the cause.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_status(error.status);
    view! {
        <Title text=format!("{} — Staffdesk", t(if error.status == 403 { "errorpage-forbidden-title" } else { "errorpage-title" }))/>
        <section class="card error-page" role="alert">
            <p class="error-code">{format!("{} {}", error.status, error.code)}</p>
            <h1>{t(if error.status == 403 { "errorpage-forbidden-title" } else { "errorpage-heading" })}</h1>
            <p>{error.message.clone()}</p>
            <p><a class="button" href="/">{t("common-to-dashboard")}</a></p>
        </section>
    }
}

/// "First page" and "Next page" links under a paged table.
#[component]
pub fn Pager(next: Option<String>, first: Option<String>) -> impl IntoView {
    (next.is_some() || first.is_some()).then(|| {
        view! {
            <p class="pager actions">
                {first.map(|href| view! { <a class="button" href=href>{t("common-first-page")}</a> })}
                {next.map(|href| view! { <a class="button" href=href>{t("common-next-page")}</a> })}
            </p>
        }
    })
}

/// Whether the page being rendered is one of the Client Area's (under `/client/`): the pages
/// that serve both the public and the Client Area read their data accordingly.
pub fn in_client_area() -> bool {
    leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
        .starts_with("/client/")
}

/// The message for the first of `keys` (query parameter, message key) whose parameter the page's
/// address has: a form's redirect adds `?saved=1`, and the page says "saved".
pub fn notice(keys: &[(&'static str, &'static str)]) -> Option<String> {
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        keys.iter()
            .find(|(param, _)| q.get(param).is_some())
            .map(|(_, key)| t(key))
    })
}
