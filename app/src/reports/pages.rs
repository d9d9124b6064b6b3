//! The reports pages: the list (`/reports`) grouped by area, and one report
//! (`/reports/<key>`) with its parameters (a plain GET form), its chart, its table, a CSV link
//! and a print button. The chart is SVG drawn on the server; nothing here needs the WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_report, list_reports};
use super::model::{Preset, ReportGroup, ReportQuery, ReportView};
use crate::kernel::i18n::t;
use crate::kernel::ui::ErrorPage;

fn loading() -> impl IntoView {
    view! { <p class="muted">{t("common-loading")}</p> }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let reports = Resource::new_blocking(|| (), |_| list_reports());
    view! {
        <Title text=format!("{} — Staffdesk", t("reports-title"))/>
        <h1>{t("reports-title")}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match reports.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t("reports-none")}</p> }.into_any(),
                    Ok(list) => ReportGroup::ALL.into_iter().filter_map(|g| {
                        let mine: Vec<_> = list.iter().filter(|r| r.group == g).cloned().collect();
                        (!mine.is_empty()).then(|| view! {
                            <section class="card" aria-labelledby=format!("group-{g:?}")>
                                <h2 id=format!("group-{g:?}")>{g.label()}</h2>
                                <ul class="report-list">
                                    {mine.into_iter().map(|r| view! {
                                        <li><a href=format!("/reports/{}", r.key)>{r.title}</a>" "<span class="muted">{r.description}</span></li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        })
                    }).collect_view().into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let key = use_params_map().with_untracked(|p| p.get("report").unwrap_or_default());
    let query = use_query_map().with_untracked(|q| ReportQuery {
        preset: q.get("preset").unwrap_or_default(),
        from: q.get("from").unwrap_or_default(),
        to: q.get("to").unwrap_or_default(),
        department: q.get("department").unwrap_or_default(),
        admin: q.get("admin").unwrap_or_default(),
    });
    let report = Resource::new_blocking(
        move || (key.clone(), query.clone()),
        |(key, q)| get_report(key, q.preset, q.from, q.to, q.department, q.admin),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(view) => view! { <Report view/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(view: ReportView) -> impl IntoView {
    let ReportView {
        key,
        title,
        description,
        query,
        uses_range,
        covers,
        departments,
        admins,
        chart_svg,
        columns,
        rows,
    } = view;
    let csv = format!("/reports/{key}/export.csv?{}", query.query());
    let empty = rows.is_empty();
    let choice = |id: &'static str,
                  name: &'static str,
                  label: String,
                  options: Vec<(i32, String)>,
                  selected: String| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id name=name>
                    <option value="">{t("reports-all")}</option>
                    {options.into_iter().map(|(value, text)| {
                        let value = value.to_string();
                        let chosen = value == selected;
                        view! { <option value=value selected=chosen>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <Title text=format!("{title} — Staffdesk")/>
        <div class="page-head">
            <h1>{title.clone()}</h1>
            <div class="actions no-print">
                <a class="button" href="/reports">{t("reports-all-reports")}</a>
                <a class="button" href=csv download="">{t("reports-csv")}</a>
                <crate::two_factor::pages::PrintButton label=t("reports-print")/>
            </div>
        </div>
        <p class="muted">{description}</p>
        <form method="get" action=format!("/reports/{key}") class="filters inline-form no-print" aria-label=t("reports-parameters")>
            {uses_range.then(|| view! {
                <div class="field">
                    <label for="report-preset">{t("reports-range")}</label>
                    <select id="report-preset" name="preset">
                        {Preset::ALL.into_iter().map(|p| view! {
                            <option value=p.key() selected=p.key() == query.preset>{p.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="report-from">{t("reports-from")}</label>
                    <input type="date" id="report-from" name="from" value=query.from.clone()/>
                </div>
                <div class="field">
                    <label for="report-to">{t("reports-to")}</label>
                    <input type="date" id="report-to" name="to" value=query.to.clone()/>
                </div>
            })}
            {departments.map(|d| choice("report-department", "department", t("reports-department"), d, query.department.clone()))}
            {admins.map(|a| choice("report-admin", "admin", t("reports-admin"), a, query.admin.clone()))}
            <button type="submit" class="button">{t("reports-show")}</button>
        </form>
        <p class="small muted">{t("reports-custom-help")}</p>
        <section class="card report" aria-labelledby="report-covers">
            <h2 id="report-covers">{covers}</h2>
            // Drawn on the server from escaped figures and labels (`reports::chart`).
            <div class="chart-box" inner_html=chart_svg></div>
            {if empty {
                view! { <p class="empty">{t("reports-empty")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <caption class="visually-hidden">{title}</caption>
                        <thead><tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr></thead>
                        <tbody>{rows.into_iter().map(|row| view! {
                            <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
