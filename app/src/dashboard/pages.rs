//! The dashboard page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_system_status;
use crate::ui::ErrorPage;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let status = Resource::new_blocking(|| (), |_| get_system_status());
    view! {
        <Title text="Dashboard — Staffdesk"/>
        <h1>"Admin Dashboard"</h1>
        {crate::auth::viewer().map(|admin| view! {
            <p class="lead">{format!("Welcome, {}. You are signed in as {}.", admin.first_name, admin.role_name)}</p>
        })}
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(s) => view! {
                        <div class="widgets">
                            <section class="card widget" aria-labelledby="system-heading">
                                <h2 id="system-heading">"System"</h2>
                                <dl class="facts">
                                    <dt>"Version"</dt><dd>{s.version}</dd>
                                    <dt>"Database"</dt><dd>{s.database}</dd>
                                    <dt>"Status"</dt>
                                    <dd><span class="badge ok">{if s.database_ok { "Healthy" } else { "Unavailable" }}</span></dd>
                                </dl>
                            </section>
                            <section class="card widget" aria-labelledby="departments-heading">
                                <h2 id="departments-heading">"Support departments"</h2>
                                <p class="big-number">{s.departments}</p>
                                <p><a href="/departments">"Manage departments"</a></p>
                            </section>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
