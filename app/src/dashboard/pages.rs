//! The dashboard page: rendered in full on the server, then kept live by one island.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::api::{get_dashboard, get_system_status};
use super::model::Dashboard;
use crate::kernel::audit::Action;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let status = Resource::new_blocking(|| (), |_| get_system_status());
    let widgets = Resource::new_blocking(|| (), |_| get_dashboard());
    view! {
        <Title text=format!("{} — Staffdesk", t("nav-dashboard"))/>
        <h1>{t("dashboard-heading")}</h1>
        {crate::kernel::viewer().map(|admin| view! {
            <p class="lead">{t_args("dashboard-welcome", &[("name", admin.first_name.clone().into()), ("role", admin.role_name.clone().into())])}</p>
        })}
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match widgets.await {
                    Ok(initial) => view! { <LiveDashboard initial text=DashboardText::new()/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
            <crate::network::pages::DashboardNetworkSlot/>
            {crate::kernel::viewer_can(crate::kernel::Permission::ViewReports).then(|| view! { <ReportsSlot/> })}
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
                                    <dt>{t("field-departments")}</dt><dd>{s.departments}</dd>
                                </dl>
                            </section>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The reports slot: two small charts drawn on the server, each when the role sees its report.
#[component]
fn ReportsSlot() -> impl IntoView {
    let glance = Resource::new_blocking(|| (), |_| crate::reports::api::get_report_glance());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                glance.await.ok().filter(|g| g.tickets_week.is_some() || g.income.is_some()).map(|g| view! {
                    <div class="widgets">
                        <section class="card widget wide" aria-labelledby="reports-glance-heading">
                            <h2 id="reports-glance-heading"><a href="/reports">{t("reports-title")}</a></h2>
                            // Drawn on the server from escaped figures and labels (`reports::chart`).
                            {g.tickets_week.map(|svg| view! { <div class="chart-box" inner_html=svg></div> })}
                            {g.income.map(|svg| view! { <div class="chart-box" inner_html=svg></div> })}
                        </section>
                    </div>
                })
            })}
        </Suspense>
    }
}

/// The widgets' words, translated on the server: the island carries no translations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardText {
    pub live: String,
    pub reconnecting: String,
    pub invitations: String,
    pub pending: String,
    pub expiring: String,
    pub none_expiring: String,
    pub manage_invitations: String,
    pub activity: String,
    pub activity_empty: String,
    pub activity_link: String,
    pub online: String,
    pub online_empty: String,
    pub security: String,
    pub failed_logins: String,
    pub no_bans: String,
    pub banned_until: String,
    pub departments: String,
    pub departments_empty: String,
    pub notify_on: String,
    pub notify_off: String,
    pub account_link: String,
    pub support: String,
    pub awaiting_none: String,
    pub my_tickets: String,
    pub my_tickets_none: String,
    pub oldest_waiting: String,
    pub queue_link: String,
    pub clients: String,
    pub new_clients: String,
    pub overdue_invoices: String,
    pub services_due: String,
    pub clients_link: String,
    /// (action key, label)
    pub actions: Vec<(String, String)>,
}

impl DashboardText {
    pub fn new() -> Self {
        Self {
            live: t("dashboard-live"),
            reconnecting: t("dashboard-reconnecting"),
            invitations: t("admins-pending"),
            pending: t("dashboard-pending"),
            expiring: t("dashboard-expiring"),
            none_expiring: t("dashboard-none-expiring"),
            manage_invitations: t("dashboard-manage-invitations"),
            activity: t("dashboard-activity"),
            activity_empty: t("audit-empty"),
            activity_link: t("audit-title"),
            online: t("dashboard-online"),
            online_empty: t("dashboard-online-empty"),
            security: t("dashboard-security"),
            failed_logins: t("dashboard-failed-logins"),
            no_bans: t("dashboard-no-bans"),
            banned_until: t("dashboard-banned-until"),
            departments: t("dashboard-your-departments"),
            departments_empty: t("dashboard-departments-empty"),
            notify_on: t("dashboard-notify-on"),
            notify_off: t("dashboard-notify-off"),
            account_link: t("nav-my-account"),
            support: t("dashboard-support"),
            awaiting_none: t("dashboard-awaiting-none"),
            my_tickets: t("dashboard-my-tickets"),
            my_tickets_none: t("dashboard-my-tickets-none"),
            oldest_waiting: t("dashboard-oldest-waiting"),
            queue_link: t("tickets-awaiting"),
            clients: t("dashboard-clients"),
            new_clients: t("dashboard-new-clients"),
            overdue_invoices: t("dashboard-overdue-invoices"),
            services_due: t("dashboard-services-due"),
            clients_link: t("dashboard-clients-link"),
            actions: Action::ALL
                .into_iter()
                .map(|a| (a.key().to_owned(), a.label()))
                .collect(),
        }
    }
}

impl Default for DashboardText {
    fn default() -> Self {
        Self::new()
    }
}

/// A small list whose items may start with a link: (link text and address, the text after it);
/// `empty` shows when there are none. One shape for every list of the support widget keeps the
/// island small.
fn linked_list(items: Vec<(Option<(String, String)>, String)>, empty: String) -> impl IntoView {
    let none = items.is_empty();
    view! {
        <ul class="plain small">
            {items.into_iter().map(|(link, text)| view! {
                <li>{link.map(|(label, href)| view! { <a href=href>{label}</a>" " })}{text}</li>
            }).collect_view()}
        </ul>
        <p class="small muted" hidden=!none>{empty}</p>
    }
}

/// The widgets. Once hydrated, they follow the server's pushes over Server-Sent Events and
/// reconnect with backoff after a drop; each connection starts with a fresh snapshot.
#[island]
pub fn LiveDashboard(initial: Dashboard, text: DashboardText) -> impl IntoView {
    let data = RwSignal::new(initial);
    let live = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| live::connect(data, live, 0));
    let text = StoredValue::new(text);
    let label = move |key: &str| {
        text.with_value(|t| {
            t.actions
                .iter()
                .find(|(k, _)| k == key)
                .map_or_else(|| key.to_owned(), |(_, l)| l.clone())
        })
    };
    let tx = move |f: fn(&DashboardText) -> &String| text.with_value(|t| f(t).clone());
    view! {
        <p class="live-status small muted" aria-live="polite">
            {move || if live.get() { tx(|t| &t.live) } else { String::new() }}
        </p>
        <div class="widgets" data-live=move || live.get().to_string()>
            {move || data.with(|d| {
                let invitations = d.invitations.clone().map(|w| view! {
                    <section class="card widget" aria-labelledby="invitations-heading">
                        <h2 id="invitations-heading">{tx(|t| &t.invitations)}</h2>
                        <p class="big-number">{w.pending}</p>
                        <p class="small muted">{tx(|t| &t.pending)}</p>
                        <h3 class="small">{tx(|t| &t.expiring)}</h3>
                        {if w.expiring.is_empty() {
                            view! { <p class="small muted">{tx(|t| &t.none_expiring)}</p> }.into_any()
                        } else {
                            view! { <ul class="plain small">{w.expiring.into_iter().map(|(email, at)| view! { <li>{email}" — "{at}</li> }).collect_view()}</ul> }.into_any()
                        }}
                        <p><a href="/admins">{tx(|t| &t.manage_invitations)}</a></p>
                    </section>
                });
                let activity = d.activity.clone().map(|items| view! {
                    <section class="card widget wide" aria-labelledby="activity-heading">
                        <h2 id="activity-heading">{tx(|t| &t.activity)}</h2>
                        {if items.is_empty() {
                            view! { <p class="small muted">{tx(|t| &t.activity_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="activity-feed">
                                    {items.into_iter().map(|i| view! {
                                        <li data-event=i.id>
                                            <span class="small muted">{i.at}</span>" "
                                            <strong>{i.actor}</strong>" · "{label(&i.action)}
                                            {(!i.target.is_empty()).then(|| view! { " · "<span>{i.target}</span> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <p><a href="/activity">{tx(|t| &t.activity_link)}</a></p>
                    </section>
                });
                let online = d.online.clone().map(|people| view! {
                    <section class="card widget" aria-labelledby="online-heading">
                        <h2 id="online-heading">{tx(|t| &t.online)}</h2>
                        <p class="big-number">{people.len()}</p>
                        {if people.is_empty() {
                            view! { <p class="small muted">{tx(|t| &t.online_empty)}</p> }.into_any()
                        } else {
                            view! { <ul class="plain small">{people.into_iter().map(|p| view! { <li>{p.name}" — "{p.last_seen}</li> }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                });
                let security = d.security.clone().map(|s| view! {
                    <section class="card widget" aria-labelledby="security-heading">
                        <h2 id="security-heading">{tx(|t| &t.security)}</h2>
                        <p class="big-number">{s.failed_logins}</p>
                        <p class="small muted">{tx(|t| &t.failed_logins)}</p>
                        {if s.bans.is_empty() {
                            view! { <p class="small muted">{tx(|t| &t.no_bans)}</p> }.into_any()
                        } else {
                            view! { <ul class="plain small">{s.bans.into_iter().map(|(ip, until)| view! { <li>{ip}" — "{tx(|t| &t.banned_until)}" "{until}</li> }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                });
                let support = d.support.clone().map(|s| {
                    let ticket = |reference: String| {
                        let href = format!("/tickets/{reference}");
                        Some((reference, href))
                    };
                    let awaiting = s.awaiting.into_iter().map(|(name, n)| (None, format!("{name} — {n}"))).collect();
                    let oldest = s.oldest.into_iter().map(|(reference, subject, since)| (ticket(reference), format!("{subject} — {since}"))).collect();
                    let mine = s.mine.into_iter().map(|(reference, subject)| (ticket(reference), subject)).collect();
                    view! {
                        <section class="card widget" aria-labelledby="support-heading">
                            <h2 id="support-heading">{tx(|t| &t.support)}</h2>
                            {linked_list(awaiting, tx(|t| &t.awaiting_none))}
                            <h3 class="small">{tx(|t| &t.oldest_waiting)}</h3>
                            {linked_list(oldest, tx(|t| &t.awaiting_none))}
                            <h3 class="small">{tx(|t| &t.my_tickets)}</h3>
                            {linked_list(mine, tx(|t| &t.my_tickets_none))}
                            <p><a href="/tickets">{tx(|t| &t.queue_link)}</a></p>
                        </section>
                    }
                });
                let clients = d.clients.clone().map(|c| {
                    let overdue = if c.overdue_totals.is_empty() {
                        c.overdue_invoices.to_string()
                    } else {
                        format!("{} — {}", c.overdue_invoices, c.overdue_totals.join(", "))
                    };
                    view! {
                        <section class="card widget" aria-labelledby="clients-widget-heading">
                            <h2 id="clients-widget-heading">{tx(|t| &t.clients)}</h2>
                            <dl class="facts">
                                <dt>{tx(|t| &t.new_clients)}</dt><dd>{c.new_this_month}</dd>
                                <dt>{tx(|t| &t.overdue_invoices)}</dt><dd>{overdue}</dd>
                                <dt>{tx(|t| &t.services_due)}</dt><dd>{c.services_due}</dd>
                            </dl>
                            <p><a href="/clients">{tx(|t| &t.clients_link)}</a></p>
                        </section>
                    }
                });
                let departments = d.departments.clone();
                view! {
                    {support}
                    {clients}
                    {invitations}
                    {activity}
                    {online}
                    {security}
                    <section class="card widget" aria-labelledby="your-departments-heading">
                        <h2 id="your-departments-heading">{tx(|t| &t.departments)}</h2>
                        {if departments.is_empty() {
                            view! { <p class="small muted">{tx(|t| &t.departments_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain small">
                                    {departments.into_iter().map(|dep| view! {
                                        <li>{dep.name}" — "{if dep.notify { tx(|t| &t.notify_on) } else { tx(|t| &t.notify_off) }}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <p><a href="/account">{tx(|t| &t.account_link)}</a></p>
                    </section>
                }
            })}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod live {
    use std::time::Duration;

    use futures::StreamExt;
    use gloo_net::eventsource::futures::EventSource;
    use leptos::prelude::*;

    use super::Dashboard;

    /// Opens the event stream; after a drop, tries again after 1 s, doubling up to 30 s while it
    /// keeps failing. Each new connection first receives a full snapshot.
    pub fn connect(data: RwSignal<Dashboard>, live: RwSignal<bool>, failures: u32) {
        let retry = move |failures: u32| {
            let delay = Duration::from_secs(1u64 << failures.min(5)).min(Duration::from_secs(30));
            set_timeout(move || connect(data, live, failures), delay);
        };
        let Ok(mut source) = EventSource::new("/events/dashboard") else {
            retry(failures + 1);
            return;
        };
        let Ok(mut updates) = source.subscribe("dashboard") else {
            source.close();
            retry(failures + 1);
            return;
        };
        leptos::task::spawn_local(async move {
            let mut received = false;
            while let Some(Ok((_, message))) = updates.next().await {
                let Some(json) = message.data().as_string() else {
                    continue;
                };
                if let Ok(fresh) = serde_json::from_str::<Dashboard>(&json) {
                    data.set(fresh);
                    live.set(true);
                    received = true;
                }
            }
            live.set(false);
            source.close();
            retry(if received { 0 } else { failures + 1 });
        });
    }
}
