//! The search results page (`/search?q=`) and the header's search box. The box is a plain GET
//! form to the results page; once hydrated it also suggests as you type, with one small fetch and
//! no server-function client code in the WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{Hit, SearchResults, search_admin_area};
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;

#[component]
pub fn SearchPage() -> impl IntoView {
    let q = use_query_map().with_untracked(|q| q.get("q").unwrap_or_default());
    let results = Resource::new_blocking(move || q.clone(), search_admin_area);
    view! {
        <Title text=format!("{} — Staffdesk", t("search-title"))/>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(results) => view! { <Results results/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(results: SearchResults) -> impl IntoView {
    let empty = results.is_empty();
    let SearchResults {
        q,
        clients,
        contacts,
        invoices,
        tickets,
    } = results;
    let section = |id: &'static str, heading: &'static str, hits: Option<Vec<Hit>>| {
        hits.filter(|h| !h.is_empty()).map(|hits| {
            view! {
                <section class="card" aria-labelledby=id>
                    <h2 id=id>{t(heading)}</h2>
                    <ul class="search-hits">
                        {hits.into_iter().map(|h| view! {
                            <li><a href=h.href>{h.title}</a> <span class="small muted">{h.detail}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! {
        <h1>{t("search-title")}</h1>
        <form class="card filters" method="get" action="/search" role="search">
            <div class="field">
                <label for="search-q">{t("search-label")}</label>
                <input id="search-q" name="q" type="search" value=q.clone() maxlength="200"/>
            </div>
            <div class="actions"><button type="submit" class="button">{t("search-submit")}</button></div>
        </form>
        {(!q.is_empty() && empty).then(|| view! {
            <p class="empty" role="status">{t_args("search-nothing", &[("q", q.clone().into())])}</p>
        })}
        {section("search-clients", "search-clients", clients)}
        {section("search-contacts", "search-contacts", contacts)}
        {section("search-invoices", "search-invoices", invoices)}
        {section("search-tickets", "search-tickets", tickets)}
    }
}

/// The header's search box: a GET form to `/search`; hydrated, it lists suggestions as you type
/// (after a pause, and only the answer to the latest text). The server renders the suggestions,
/// escaped (`suggest_search`): the island only places them, which keeps it small.
#[island]
pub fn HeaderSearch(label: String, placeholder: String) -> impl IntoView {
    let list = NodeRef::<leptos::html::Ul>::new();
    let typed = StoredValue::new(0u32);
    let show = move |html: &str| {
        if let Some(ul) = list.get_untracked() {
            ul.set_inner_html(html);
            ul.set_hidden(html.is_empty());
        }
    };
    let on_input = move |ev| {
        let q = event_target_value(&ev);
        typed.update_value(|n| *n = n.wrapping_add(1));
        let mine = typed.get_value();
        if q.trim().chars().count() < 2 {
            show("");
            return;
        }
        set_timeout(
            move || {
                if typed.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let path = <super::api::SuggestSearch as server_fn::ServerFn>::PATH;
                    let html = crate::kernel::ui::live::fetch_fragment(path, &q)
                        .await
                        .unwrap_or_default();
                    if typed.get_value() == mine {
                        show(&html);
                    }
                });
            },
            std::time::Duration::from_millis(200),
        );
    };
    view! {
        <form class="header-search" method="get" action="/search" role="search">
            <label for="header-q" class="visually-hidden">{label}</label>
            <input id="header-q" name="q" type="search" placeholder=placeholder autocomplete="off" maxlength="200"
                aria-controls="header-suggestions" on:input=on_input/>
            <ul id="header-suggestions" class="search-suggestions" aria-live="polite" hidden node_ref=list></ul>
        </form>
    }
}
