//! The login page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{Login, Logout};

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next").unwrap_or_else(|| "/".to_owned()));
    view! {
        <Title text="Log in — Staffdesk"/>
        <section class="card login-card">
            <h1>"Log in to Staffdesk"</h1>
            <p class="muted">"Staff Admin Area"</p>
            <LoginForm next/>
        </section>
    }
}

#[island]
pub fn LoginForm(next: String) -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = move || {
        login.value().with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().err())
                .map(|e| e.message.clone())
        })
    };
    view! {
        <ActionForm action=login>
            {move || error().map(|m| view! { <p class="alert alert-error" role="alert">{m}</p> })}
            <input type="hidden" name="next" value=next/>
            <div class="field">
                <label for="login-username">"Username"</label>
                <input id="login-username" name="username" type="text" required autocomplete="username" autocapitalize="none" spellcheck="false"/>
            </div>
            <div class="field">
                <label for="login-password">"Password"</label>
                <input id="login-password" name="password" type="password" required autocomplete="current-password"/>
            </div>
            <button type="submit" class="button primary" disabled=move || login.pending().get() aria-busy=move || login.pending().get().to_string()>
                {move || if login.pending().get() { "Logging in…" } else { "Log in" }}
            </button>
        </ActionForm>
    }
}

/// The header's logout button: a plain form, so it works without WASM.
#[component]
pub fn LogoutButton() -> impl IntoView {
    use server_fn::ServerFn;
    view! {
        <form method="post" action=Logout::PATH class="logout-form">
            <button type="submit" class="button link">"Log out"</button>
        </form>
    }
}
