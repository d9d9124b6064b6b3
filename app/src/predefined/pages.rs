//! The predefined replies pages: the library with its forms (`/predefined-replies`), one reply's
//! edit page (`/predefined-replies/<id>`), and the picker on a ticket page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    DeletePredefinedCategory, DeletePredefinedReply, SavePredefinedCategory, SavePredefinedReply,
    get_predefined_reply, list_predefined_replies,
};
use super::model::{CategoryView, Choice, MERGE_FIELDS, NewCategory, NewReply, ReplyView};
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};

fn loading() -> impl IntoView {
    view! { <p class="muted">{t("common-loading")}</p> }
}

fn fields_help() -> String {
    t_args(
        "predefined-fields-help",
        &[(
            "fields",
            MERGE_FIELDS
                .iter()
                .map(|f| format!("{{{f}}}"))
                .collect::<Vec<_>>()
                .join(" ")
                .into(),
        )],
    )
}

/// The category choices of a reply form: top categories and, indented, their sub-categories.
fn category_options(categories: &[CategoryView], selected: Option<i32>) -> impl IntoView + use<> {
    categories
        .iter()
        .map(|c| {
            let label = if c.parent_id.is_some() {
                format!("— {}", c.name)
            } else {
                c.name.clone()
            };
            view! { <option value=c.id.to_string() selected=Some(c.id) == selected>{label}</option> }
        })
        .collect::<Vec<_>>()
}

fn reply_form(categories: &[CategoryView], reply: Option<ReplyView>) -> impl IntoView + use<> {
    let error = submit_error::<SavePredefinedReply>();
    let (id, category, name, body) = reply.map_or_else(
        || (String::new(), None, String::new(), String::new()),
        |r| (r.id.to_string(), Some(r.category_id), r.name, r.body),
    );
    let options = category_options(categories, category);
    view! {
        <SmartForm action=SavePredefinedReply::PATH.to_owned()>
            <FormAlert error=error.clone()/>
            <input type="hidden" name="id" value=id/>
            <div class="field">
                <label for="reply-category">{t("predefined-category")}</label>
                <select id="reply-category" name="category_id">{options}</select>
            </div>
            <Field spec=FieldSpec::new("reply-name", "name", &t("predefined-name"), "text", Rule::Text)
                .max(NewReply::NAME_MAX).value(&name).error_from(&error)/>
            <Field spec=FieldSpec::new("reply-body", "body", &t("predefined-body"), "textarea", Rule::MultilineText)
                .max(NewReply::BODY_MAX).value(&body).help(&fields_help()).error_from(&error)/>
            <div class="actions"><button type="submit" class="button primary">{t("predefined-save-reply")}</button></div>
        </SmartForm>
    }
}

#[component]
pub fn PredefinedRepliesPage() -> impl IntoView {
    let library = Resource::new_blocking(|| (), |_| list_predefined_replies());
    let notice = use_query_map().with_untracked(|q| {
        if q.get("saved").is_some() {
            Some(t("predefined-saved"))
        } else if q.get("deleted").is_some() {
            Some(t("predefined-deleted"))
        } else {
            None
        }
    });
    view! {
        <Title text=format!("{} — Staffdesk", t("predefined-title"))/>
        <h1>{t("predefined-title")}</h1>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match library.await {
                    Ok(library) => {
                        let category_error = submit_error::<SavePredefinedCategory>()
                            .or_else(submit_error::<DeletePredefinedCategory>);
                        let tops: Vec<(i32, String)> = library.categories.iter()
                            .filter(|c| c.parent_id.is_none())
                            .map(|c| (c.id, c.name.clone()))
                            .collect();
                        let can_manage = library.can_manage;
                        let categories = library.categories.clone();
                        view! {
                            <FormAlert error=category_error.clone()/>
                            {if library.categories.is_empty() {
                                view! { <p class="empty card">{t("predefined-empty")}</p> }.into_any()
                            } else {
                                library.categories.into_iter().map(|c| view! {
                                    <section class=if c.parent_id.is_some() { "card predefined-sub" } else { "card" }>
                                        <h2>{c.name.clone()}</h2>
                                        {if c.replies.is_empty() {
                                            view! { <p class="muted">{t("predefined-no-replies")}</p> }.into_any()
                                        } else {
                                            view! {
                                                <ul class="plain-list">
                                                    {c.replies.into_iter().map(|r| view! {
                                                        <li>
                                                            {if can_manage {
                                                                view! { <a href=format!("/predefined-replies/{}", r.id)>{r.name}</a> }.into_any()
                                                            } else {
                                                                view! { <strong>{r.name}</strong> }.into_any()
                                                            }}
                                                            <p class="muted small">{r.body.lines().next().unwrap_or_default().to_owned()}</p>
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            }.into_any()
                                        }}
                                        {can_manage.then(|| view! {
                                            <form method="post" action=DeletePredefinedCategory::PATH class="inline-form">
                                                <input type="hidden" name="id" value=c.id.to_string()/>
                                                <button type="submit" class="button small">{t("predefined-delete-category")}</button>
                                            </form>
                                        })}
                                    </section>
                                }).collect_view().into_any()
                            }}
                            {can_manage.then(|| view! {
                                <section class="card" aria-labelledby="new-category">
                                    <h2 id="new-category">{t("predefined-new-category")}</h2>
                                    <SmartForm action=SavePredefinedCategory::PATH.to_owned()>
                                        <Field spec=FieldSpec::new("category-name", "name", &t("predefined-name"), "text", Rule::Text)
                                            .max(NewCategory::NAME_MAX).error_from(&category_error)/>
                                        <div class="field">
                                            <label for="category-parent">{t("predefined-parent")}</label>
                                            <select id="category-parent" name="parent_id">
                                                <option value="">{t("predefined-top-level")}</option>
                                                {tops.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                                            </select>
                                        </div>
                                        <div class="actions"><button type="submit" class="button">{t("predefined-add-category")}</button></div>
                                    </SmartForm>
                                </section>
                                {(!categories.is_empty()).then(|| view! {
                                    <section class="card" aria-labelledby="new-reply">
                                        <h2 id="new-reply">{t("predefined-new-reply")}</h2>
                                        {reply_form(&categories, None)}
                                    </section>
                                })}
                            })}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PredefinedReplyPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            Ok::<_, crate::kernel::AppError>((
                get_predefined_reply(id).await?,
                list_predefined_replies().await?,
            ))
        },
    );
    view! {
        <Title text=format!("{} — Staffdesk", t("predefined-edit-title"))/>
        <h1>{t("predefined-edit-title")}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((reply, library)) => {
                        let id = reply.id;
                        view! {
                            <section class="card">{reply_form(&library.categories, Some(reply))}</section>
                            <form method="post" action=DeletePredefinedReply::PATH class="inline-form">
                                <input type="hidden" name="id" value=id.to_string()/>
                                <button type="submit" class="button danger">{t("predefined-delete-reply")}</button>
                            </form>
                            <p><a href="/predefined-replies">{t("predefined-back")}</a></p>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The picker on a ticket page: a search box over the replies, each a link that reloads the
/// page with the reply in the box; once hydrated, the search filters as you type and a click
/// puts the reply into the box without a reload.
#[island(lazy)]
pub fn ReplyPicker(choices: Vec<Choice>, query: String) -> impl IntoView {
    let typed = RwSignal::new(query.to_lowercase());
    view! {
        <form method="get" class="picker" role="search"
            on:submit=move |ev| ev.prevent_default()>
            <label for="picker-q">{t("predefined-search")}</label>
            <input id="picker-q" name="reply_q" type="search" value=query autocomplete="off"
                on:input=move |ev| typed.set(event_target_value(&ev).to_lowercase())/>
            <ul class="picker-list">
                {choices.into_iter().map(|c| {
                    let haystack = format!("{} {} {}", c.category, c.name, c.text).to_lowercase();
                    let text = c.text;
                    view! {
                        <li class:hidden=move || !haystack.contains(&typed.get())>
                            <a href=format!("?use_reply={}#reply-heading", c.id)
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    insert_into_reply(&text);
                                }>{c.name}</a>
                            " " <span class="muted small">{c.category}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </form>
    }
}

/// Puts `text` into the reply box (after what is there), as if typed.
fn insert_into_reply(text: &str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Some(area) = document()
            .get_element_by_id("ticket-reply")
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        let current = area.value();
        let value = if current.trim().is_empty() {
            text.to_owned()
        } else {
            format!("{}\n\n{text}", current.trim_end())
        };
        area.set_value(&value);
        if let Ok(event) = leptos::web_sys::Event::new("input") {
            let _ = area.dispatch_event(&event);
        }
        let _ = area.focus();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}
