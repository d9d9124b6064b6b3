//! The dashboard page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_system_status;
use crate::i18n::{t, t_args};
use crate::ui::ErrorPage;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let status = Resource::new_blocking(|| (), |_| get_system_status());
    view! {
        <Title text=format!("{} — Staffdesk", t("nav-dashboard"))/>
        <h1>{t("dashboard-heading")}</h1>
        {crate::auth::viewer().map(|admin| view! {
            <p class="lead">{t_args("dashboard-welcome", &[("name", admin.first_name.clone().into()), ("role", admin.role_name.clone().into())])}</p>
        })}
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(s) => view! {
                        <div class="widgets">
                            <section class="card widget" aria-labelledby="system-heading">
                                <h2 id="system-heading">{t("dashboard-system")}</h2>
                                <dl class="facts">
                                    <dt>{t("dashboard-version")}</dt><dd>{s.version}</dd>
                                    <dt>{t("dashboard-database")}</dt><dd>{s.database}</dd>
                                    <dt>{t("dashboard-status")}</dt>
                                    <dd><span class="badge ok">{t(if s.database_ok { "dashboard-healthy" } else { "dashboard-unavailable" })}</span></dd>
                                </dl>
                            </section>
                            <section class="card widget" aria-labelledby="departments-heading">
                                <h2 id="departments-heading">{t("field-departments")}</h2>
                                <p class="big-number">{s.departments}</p>
                                <p><a href="/departments">{t("dashboard-manage-departments")}</a></p>
                            </section>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
