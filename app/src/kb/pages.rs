//! Knowledgebase pages: the staff's overview and editors (`/kb`), and the reader's pages, public
//! at `/knowledgebase` and in the Client Area at `/client/knowledgebase` (with the articles for
//! clients): the front page, a category, a search, and an article with "was this helpful?".

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    DeleteKbArticle, DeleteKbCategory, PreviewKbMarkdown, SaveKbArticle, SaveKbCategory,
    VoteClientKbArticle, VoteKbArticle, get_client_kb_article_at, get_client_kb_category,
    get_client_kb_home, get_kb_admin, get_kb_article, get_kb_article_at, get_kb_category,
    get_kb_home, search_client_kb, search_kb,
};
use super::model::{
    ArticleAt, ArticleSummary, ArticleView, Audience, CategoryView, SearchHit, Visibility,
};
use crate::kernel::error::AppError;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::kernel::ui::live::LiveField;
use crate::kernel::ui::notice;

fn visibility_class(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "badge ok",
        Visibility::Clients => "badge",
        Visibility::Hidden => "badge muted",
    }
}

/// Each top-level category followed by its subcategories, each marked whether it is nested.
fn flattened(categories: Vec<CategoryView>) -> Vec<(CategoryView, bool)> {
    categories
        .into_iter()
        .flat_map(|top| {
            let children = top.children.clone();
            std::iter::once((top, false)).chain(children.into_iter().map(|c| (c, true)))
        })
        .collect()
}

// Staff.

#[component]
pub fn KbAdminPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_kb_admin());
    let notice = notice(&[
        ("deleted", "kb-article-deleted"),
        ("category_saved", "kb-category-saved"),
        ("category_deleted", "kb-category-deleted"),
    ]);
    view! {
        <Title text=format!("{} — Staffdesk", t("kb-admin-title"))/>
        <h1>{t("kb-admin-title")}</h1>
        <p class="lead">{t("kb-admin-lead")} " " <a href="/knowledgebase">{t("kb-public-link")}</a></p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        <p><a class="button primary" href="/kb/articles/new">{t("kb-new-article")}</a></p>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! {
                        <ArticleTable articles=data.articles/>
                        <CategoryTable categories=data.categories.clone()/>
                        <section class="card" aria-labelledby="add-category-heading">
                            <h2 id="add-category-heading">{t("kb-add-category")}</h2>
                            <CategoryForm category=None tops=data.categories/>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ArticleTable(articles: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="kb-articles-heading">
            <h2 id="kb-articles-heading">{t("kb-articles")}</h2>
            {if articles.is_empty() {
                view! { <p class="empty">{t("kb-no-articles")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("kb-field-title")}</th>
                            <th scope="col">{t("kb-field-visibility")}</th>
                            <th scope="col" class="num">{t("kb-views")}</th>
                            <th scope="col" class="num">{t("kb-helpful")}</th>
                            <th scope="col" class="num">{t("kb-unhelpful")}</th>
                            <th scope="col">{t("kb-updated")}</th>
                        </tr></thead>
                        <tbody>
                            {articles.into_iter().map(|a| view! {
                                <tr>
                                    <td><a href=format!("/kb/articles/{}", a.id)>{a.title}</a></td>
                                    <td><span class=visibility_class(a.visibility)>{a.visibility_label}</span></td>
                                    <td class="num">{a.views}</td>
                                    <td class="num">{a.helpful}</td>
                                    <td class="num">{a.unhelpful}</td>
                                    <td>{a.updated}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn CategoryTable(categories: Vec<CategoryView>) -> impl IntoView {
    let rows = flattened(categories);
    view! {
        <section class="card" aria-labelledby="kb-categories-heading">
            <h2 id="kb-categories-heading">{t("kb-categories")}</h2>
            {if rows.is_empty() {
                view! { <p class="empty">{t("kb-no-categories")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("kb-field-name")}</th>
                            <th scope="col" class="num">{t("kb-field-position")}</th>
                            <th scope="col" class="num">{t("kb-articles")}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(c, nested)| view! {
                                <tr>
                                    <td class=if nested { "nested" } else { "" }>
                                        {nested.then_some("↳ ")}
                                        <a href=format!("/kb/categories/{}", c.id)>{c.name}</a>
                                    </td>
                                    <td class="num">{c.position}</td>
                                    <td class="num">{c.articles}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// The add or edit form of a category; `tops` are the top-level categories it may sit in.
#[component]
fn CategoryForm(category: Option<CategoryView>, tops: Vec<CategoryView>) -> impl IntoView {
    let error = submit_error::<SaveKbCategory>();
    let value = |f: fn(&CategoryView) -> String| category.as_ref().map(f).unwrap_or_default();
    let (id, name, description, position, version) = (
        value(|c| c.id.to_string()),
        value(|c| c.name.clone()),
        value(|c| c.description.clone()),
        value(|c| c.position.to_string()),
        value(|c| c.version.to_string()),
    );
    let parent = category.as_ref().and_then(|c| c.parent_id);
    let own = category.as_ref().map(|c| c.id);
    view! {
        <SmartForm action=SaveKbCategory::PATH.to_owned()>
            <FormAlert error=error.clone()/>
            <input type="hidden" name="category_id" value=id/>
            <input type="hidden" name="version" value=version/>
            <Field spec=FieldSpec::new("category-name", "name", &t("kb-field-name"), "text", Rule::Text)
                .max(100).value(&name).error_from(&error)/>
            <Field spec=FieldSpec::new("category-description", "description", &t("kb-field-description"), "text", Rule::Text)
                .optional().max(500).value(&description).error_from(&error)/>
            <div class="field">
                <label for="category-parent">{t("kb-field-parent")}</label>
                <select id="category-parent" name="parent_id">
                    <option value="">{t("kb-parent-none")}</option>
                    {tops.into_iter().filter(|c| Some(c.id) != own).map(|c| view! {
                        <option value=c.id.to_string() selected=Some(c.id) == parent>{c.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field spec=FieldSpec::new("category-position", "position", &t("kb-field-position"), "number", Rule::None)
                .optional().help(&t("kb-position-help")).value(&position).error_from(&error)/>
            <button type="submit" class="button primary">{t("kb-save-category")}</button>
        </SmartForm>
    }
}

#[component]
pub fn KbCategoryEditPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let data = Resource::new_blocking(|| (), |_| get_kb_admin());
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || {
                let id = id.clone();
                Suspend::new(async move {
                    let found = data.await.and_then(|d| {
                        let category = d.categories.iter()
                            .flat_map(|top| std::iter::once(top).chain(top.children.iter()))
                            .find(|c| c.id.to_string() == id)
                            .cloned()
                            .ok_or_else(AppError::not_found)?;
                        Ok((category, d.categories))
                    });
                    match found {
                        Ok((category, tops)) => {
                            let heading = t_args("kb-edit-category", &[("name", category.name.clone().into())]);
                            let delete_error = submit_error::<DeleteKbCategory>();
                            let cid = category.id;
                            view! {
                                <Title text=format!("{heading} — Staffdesk")/>
                                <h1>{heading}</h1>
                                <p><a href="/kb">{t("kb-back")}</a></p>
                                <section class="card"><CategoryForm category=Some(category) tops/></section>
                                <section class="card" aria-labelledby="delete-category-heading">
                                    <h2 id="delete-category-heading">{t("kb-delete-category")}</h2>
                                    <p>{t("kb-delete-category-help")}</p>
                                    <SmartForm action=DeleteKbCategory::PATH.to_owned()>
                                        <FormAlert error=delete_error/>
                                        <input type="hidden" name="category_id" value=cid/>
                                        <button type="submit" class="button danger">{t("kb-delete-category")}</button>
                                    </SmartForm>
                                </section>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// `/kb/articles/new` and `/kb/articles/:id`.
#[component]
pub fn KbArticleEditPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let data = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let admin = get_kb_admin().await?;
            let article = match id.as_str() {
                "" | "new" => None,
                id => Some(match id.parse() {
                    Ok(id) => get_kb_article(id).await?,
                    Err(_) => return Err(AppError::not_found()),
                }),
            };
            Ok::<_, AppError>((article, admin.categories))
        },
    );
    let notice = notice(&[("saved", "kb-article-saved")]);
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || {
                let notice = notice.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok((article, categories)) => view! { <ArticleEditor article categories notice/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ArticleEditor(
    article: Option<ArticleView>,
    categories: Vec<CategoryView>,
    notice: Option<String>,
) -> impl IntoView {
    let error = submit_error::<SaveKbArticle>();
    let heading = article.as_ref().map_or_else(
        || t("kb-new-article"),
        |a| t_args("kb-edit-article", &[("title", a.title.clone().into())]),
    );
    let value = |f: fn(&ArticleView) -> String| article.as_ref().map(f).unwrap_or_default();
    let (id, title, slug, body, tags, version) = (
        value(|a| a.id.to_string()),
        value(|a| a.title.clone()),
        value(|a| a.slug.clone()),
        value(|a| a.body.clone()),
        value(|a| a.tags.join(", ")),
        value(|a| a.version.to_string()),
    );
    let visibility = article
        .as_ref()
        .map_or(Visibility::Hidden, |a| a.visibility);
    let chosen: Vec<i32> = article
        .as_ref()
        .map(|a| a.categories.iter().map(|(id, _)| *id).collect())
        .unwrap_or_default();
    let flat = flattened(categories);
    let stored = article.clone();
    view! {
        <Title text=format!("{heading} — Staffdesk")/>
        <h1>{heading}</h1>
        <p><a href="/kb">{t("kb-back")}</a></p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        <section class="card" aria-labelledby="article-form-heading">
            <h2 id="article-form-heading" class="visually-hidden">{t("kb-article-details")}</h2>
            <SmartForm action=SaveKbArticle::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="article_id" value=id/>
                <input type="hidden" name="version" value=version/>
                <Field spec=FieldSpec::new("article-title", "title", &t("kb-field-title"), "text", Rule::Text)
                    .max(200).value(&title).error_from(&error)/>
                <Field spec=FieldSpec::new("article-slug", "slug", &t("kb-field-slug"), "text", Rule::None)
                    .optional().max(120).help(&t("kb-slug-help")).value(&slug).error_from(&error)/>
                <div class="field">
                    <label for="article-visibility">{t("kb-field-visibility")}</label>
                    <select id="article-visibility" name="visibility">
                        {Visibility::ALL.iter().map(|v| view! {
                            <option value=v.key() selected=*v == visibility>{v.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{t("kb-field-categories")}</legend>
                    {if flat.is_empty() {
                        view! { <p class="muted">{t("kb-no-categories")}</p> }.into_any()
                    } else {
                        flat.into_iter().enumerate().map(|(i, (c, nested))| {
                            let box_id = format!("article-category-{}", c.id);
                            view! {
                                <div class=if nested { "check nested" } else { "check" }>
                                    <input type="checkbox" id=box_id.clone() name=format!("categories[{i}]")
                                        value=c.id.to_string() checked=chosen.contains(&c.id)/>
                                    <label for=box_id>{c.name}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <Field spec=FieldSpec::new("article-tags", "tags", &t("kb-field-tags"), "text", Rule::Text)
                    .optional().max(500).help(&t("kb-tags-help")).value(&tags).error_from(&error)/>
                <LiveField id="article-body".to_owned() name="body".to_owned() label=t("kb-field-body")
                    value=body help=t("kb-body-help") path=PreviewKbMarkdown::PATH.to_owned()
                    region=t("kb-live-preview") multiline=true required=true min_chars=1
                    max_chars=super::model::BODY_MAX/>
                <button type="submit" class="button primary">{t("kb-save-article")}</button>
            </SmartForm>
        </section>
        {stored.map(|a| {
            let delete_error = submit_error::<DeleteKbArticle>();
            let page = (a.visibility != Visibility::Hidden).then(|| {
                let base = if a.visibility == Visibility::Public { "/knowledgebase" } else { "/client/knowledgebase" };
                format!("{base}/{}", a.slug)
            });
            view! {
                <section class="card" aria-labelledby="article-preview-heading">
                    <h2 id="article-preview-heading">{t("kb-saved-preview")}</h2>
                    {page.map(|p| view! { <p><a href=p.clone()>{p.clone()}</a></p> })}
                    <article class="kb-article" inner_html=a.html></article>
                </section>
                <section class="card" aria-labelledby="delete-article-heading">
                    <h2 id="delete-article-heading">{t("kb-delete-article")}</h2>
                    <SmartForm action=DeleteKbArticle::PATH.to_owned()>
                        <FormAlert error=delete_error/>
                        <input type="hidden" name="article_id" value=a.id/>
                        <button type="submit" class="button danger">{t("kb-delete-article")}</button>
                    </SmartForm>
                </section>
            }
        })}
    }
}

// Readers.

/// Whose pages these are: the Client Area's under `/client`, else the public ones.
fn audience() -> Audience {
    if crate::kernel::ui::in_client_area() {
        Audience::Clients
    } else {
        Audience::Public
    }
}

#[component]
fn SearchBox(base: &'static str, q: String) -> impl IntoView {
    view! {
        <form class="kb-search" method="get" action=format!("{base}/search") role="search">
            <label for="kb-q">{t("kb-search-label")}</label>
            <input id="kb-q" name="q" type="search" value=q maxlength="200"/>
            <button type="submit" class="button">{t("kb-search-submit")}</button>
        </form>
    }
}

#[component]
fn ArticleLinks(base: &'static str, articles: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <ul class="plain kb-links">
            {articles.into_iter().map(|a| view! {
                <li><a href=format!("{base}/{}", a.slug)>{a.title}</a></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn KbHomePage() -> impl IntoView {
    let who = audience();
    let base = who.base();
    let home = Resource::new_blocking(
        || (),
        move |_| async move {
            if who == Audience::Clients {
                get_client_kb_home().await
            } else {
                get_kb_home().await
            }
        },
    );
    view! {
        <Title text=format!("{} — Staffdesk", t("kb-title"))/>
        <h1>{t("kb-title")}</h1>
        <SearchBox base q=String::new()/>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(home) => view! {
                        <section aria-labelledby="kb-categories-heading">
                            <h2 id="kb-categories-heading">{t("kb-categories")}</h2>
                            {if home.categories.is_empty() {
                                view! { <p class="empty">{t("kb-no-categories")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="kb-categories">
                                        {home.categories.into_iter().map(|c| view! {
                                            <li>
                                                <a href=format!("{base}/category/{}", c.id)>{c.name}</a>
                                                " " <span class="muted">"(" {c.articles} ")"</span>
                                                {(!c.description.is_empty()).then(|| view! { <p class="muted">{c.description.clone()}</p> })}
                                                {(!c.children.is_empty()).then(|| view! {
                                                    <ul>
                                                        {c.children.into_iter().map(|s| view! {
                                                            <li><a href=format!("{base}/category/{}", s.id)>{s.name}</a>
                                                            " " <span class="muted">"(" {s.articles} ")"</span></li>
                                                        }).collect_view()}
                                                    </ul>
                                                })}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                        <section aria-labelledby="kb-popular-heading">
                            <h2 id="kb-popular-heading">{t("kb-popular")}</h2>
                            {if home.popular.is_empty() {
                                view! { <p class="empty">{t("kb-no-articles")}</p> }.into_any()
                            } else {
                                view! { <ArticleLinks base articles=home.popular/> }.into_any()
                            }}
                        </section>
                        <section aria-labelledby="kb-latest-heading">
                            <h2 id="kb-latest-heading">{t("kb-latest")}</h2>
                            {if home.latest.is_empty() {
                                view! { <p class="empty">{t("kb-no-articles")}</p> }.into_any()
                            } else {
                                view! { <ArticleLinks base articles=home.latest/> }.into_any()
                            }}
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn KbCategoryPage() -> impl IntoView {
    let who = audience();
    let base = who.base();
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let page = Resource::new_blocking(
        move || id.clone(),
        move |id| async move {
            let id: i32 = id.parse().map_err(|_| AppError::not_found())?;
            if who == Audience::Clients {
                get_client_kb_category(id).await
            } else {
                get_kb_category(id).await
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! {
                        <Title text=format!("{} — Staffdesk", page.category.name)/>
                        <nav aria-label=t("kb-breadcrumb") class="breadcrumb">
                            <a href=base>{t("kb-title")}</a>
                            {page.parent.map(|(id, name)| view! { " › " <a href=format!("{base}/category/{id}")>{name}</a> })}
                        </nav>
                        <h1>{page.category.name.clone()}</h1>
                        {(!page.category.description.is_empty()).then(|| view! { <p class="lead">{page.category.description.clone()}</p> })}
                        {(!page.category.children.is_empty()).then(|| view! {
                            <ul class="kb-categories">
                                {page.category.children.into_iter().map(|s| view! {
                                    <li><a href=format!("{base}/category/{}", s.id)>{s.name}</a></li>
                                }).collect_view()}
                            </ul>
                        })}
                        {if page.articles.is_empty() {
                            view! { <p class="empty">{t("kb-no-articles")}</p> }.into_any()
                        } else {
                            view! { <ArticleLinks base articles=page.articles/> }.into_any()
                        }}
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A search result's snippet, the matched words marked.
fn snippet_view(snippet: Vec<(String, bool)>) -> impl IntoView {
    snippet
        .into_iter()
        .map(|(text, hit)| {
            if hit {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                view! { <span>{text}</span> }.into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn KbSearchPage() -> impl IntoView {
    let who = audience();
    let base = who.base();
    let q = use_query_map().with_untracked(|m| m.get("q").unwrap_or_default());
    let query = q.clone();
    let hits = Resource::new_blocking(
        move || query.clone(),
        move |q| async move {
            if q.trim().is_empty() {
                Ok(Vec::<SearchHit>::new())
            } else if who == Audience::Clients {
                search_client_kb(q).await
            } else {
                search_kb(q).await
            }
        },
    );
    view! {
        <Title text=format!("{} — Staffdesk", t("kb-search-title"))/>
        <nav aria-label=t("kb-breadcrumb") class="breadcrumb"><a href=base>{t("kb-title")}</a></nav>
        <h1>{t("kb-search-title")}</h1>
        <SearchBox base q=q.clone()/>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || {
                let q = q.clone();
                Suspend::new(async move {
                    match hits.await {
                        Ok(hits) if hits.is_empty() && !q.trim().is_empty() => view! {
                            <p class="empty" role="status">{t_args("kb-search-nothing", &[("q", q.clone().into())])}</p>
                        }.into_any(),
                        Ok(hits) => view! {
                            <ol class="kb-results">
                                {hits.into_iter().map(|h| view! {
                                    <li>
                                        <a href=format!("{base}/{}", h.slug)>{h.title}</a>
                                        <p class="snippet">{snippet_view(h.snippet)}</p>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn KbArticlePage() -> impl IntoView {
    let who = audience();
    let base = who.base();
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let suggested = use_query_map().with_untracked(|q| q.get("suggested").is_some());
    let voted = use_query_map().with_untracked(|q| q.get("voted").is_some());
    let article = Resource::new_blocking(
        move || slug.clone(),
        move |slug| async move {
            if who == Audience::Clients {
                get_client_kb_article_at(slug, suggested).await
            } else {
                get_kb_article_at(slug).await
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(ArticleAt::Found(a)) => view! { <ArticleReader article=*a base voted who/> }.into_any(),
                    // The server function has already sent the reader on to the new slug.
                    Ok(ArticleAt::Moved(slug)) => view! {
                        <p><a href=format!("{base}/{slug}")>{t("kb-moved")}</a></p>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ArticleReader(
    article: ArticleView,
    base: &'static str,
    voted: bool,
    who: Audience,
) -> impl IntoView {
    let vote_path = if who == Audience::Clients {
        VoteClientKbArticle::PATH
    } else {
        VoteKbArticle::PATH
    };
    let slug = article.slug.clone();
    view! {
        <Title text=format!("{} — Staffdesk", article.title)/>
        <nav aria-label=t("kb-breadcrumb") class="breadcrumb">
            <a href=base>{t("kb-title")}</a>
            {article.categories.iter().map(|(id, name)| view! {
                " › " <a href=format!("{base}/category/{id}")>{name.clone()}</a>
            }).collect_view()}
        </nav>
        <h1>{article.title.clone()}</h1>
        <p class="muted">{t_args("kb-updated-on", &[("date", article.updated.clone().into())])}</p>
        <article class="kb-article" inner_html=article.html></article>
        {(!article.tags.is_empty()).then(|| view! {
            <p class="kb-tags">{t("kb-field-tags")} ": "
                {article.tags.iter().map(|tag| view! { <span class="badge">{tag.clone()}</span> " " }).collect_view()}
            </p>
        })}
        <section class="card kb-vote" aria-labelledby="kb-vote-heading">
            <h2 id="kb-vote-heading">{t("kb-vote-question")}</h2>
            {if voted {
                view! { <p role="status">{t("kb-vote-thanks")}</p> }.into_any()
            } else {
                let answer = |slug: String, helpful: &'static str, label: String| view! {
                    <SmartForm action=vote_path.to_owned()>
                        <input type="hidden" name="slug" value=slug/>
                        <input type="hidden" name="helpful" value=helpful/>
                        <button type="submit" class="button">{label}</button>
                    </SmartForm>
                };
                view! {
                    <div class="kb-vote-answers">
                        {answer(slug.clone(), "yes", t("kb-vote-yes"))}
                        {answer(slug.clone(), "no", t("kb-vote-no"))}
                    </div>
                }.into_any()
            }}
        </section>
    }
}
