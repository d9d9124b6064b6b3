//! The not-found page and the error page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;

/// Sets the status of the page response while it renders on the server.
fn set_status(_status: u16) {
    #[cfg(feature = "ssr")]
    crate::error::set_response_status(_status);
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found — Staffdesk"/>
        <section class="card error-page">
            <p class="error-code">"404"</p>
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p><a class="button" href="/">"Go to the Dashboard"</a></p>
        </section>
    }
}

/// Shows an `AppError` to the user: its code and message, nothing about the cause.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_status(error.status);
    view! {
        <Title text="Something went wrong — Staffdesk"/>
        <section class="card error-page" role="alert">
            <p class="error-code">{error.code.clone()}</p>
            <h1>"This page could not be shown"</h1>
            <p>{error.message.clone()}</p>
            <p><a class="button" href="/">"Go to the Dashboard"</a></p>
        </section>
    }
}
