//! The login page and the header's logout button.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use super::api::{Login, Logout};
use crate::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next").unwrap_or_else(|| "/".to_owned()));
    let password_set = query.with_untracked(|q| q.get("password_set").is_some());
    let error = submit_error::<Login>();
    view! {
        <Title text="Log in — Staffdesk"/>
        <section class="card login-card">
            <h1>"Log in to Staffdesk"</h1>
            <p class="muted">"Staff Admin Area"</p>
            {password_set.then(|| view! {
                <p class="alert alert-ok" role="status">"Your new password is set. Log in with it."</p>
            })}
            <SmartForm action=Login::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="next" value=next/>
                <Field spec=FieldSpec::new("login-username", "username", "Username", "text", Rule::None).autocomplete("username")/>
                <Field spec=FieldSpec::new("login-password", "password", "Password", "password", Rule::None).autocomplete("current-password")/>
                <button type="submit" class="button primary">"Log in"</button>
            </SmartForm>
        </section>
    }
}

/// The header's logout button: a plain form, so it works without WASM.
#[component]
pub fn LogoutButton() -> impl IntoView {
    view! {
        <form method="post" action=Logout::PATH class="logout-form">
            <button type="submit" class="button link">"Log out"</button>
        </form>
    }
}
