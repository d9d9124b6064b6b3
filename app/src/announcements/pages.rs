//! Announcement pages: the staff list and editor (`/manage/announcements`), and the readers' list
//! and page (`/announcements`, and the same inside the Client Area).

use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    DeleteAnnouncement, PreviewAnnouncementMarkdown, SaveAnnouncement, get_announcement,
    get_announcement_admin, get_announcements, get_client_announcement, get_client_announcements,
    list_announcements_admin,
};
use super::model::{AnnouncementAdmin, AnnouncementList, AnnouncementRead};
use crate::kernel::error::AppError;
use crate::kernel::i18n::{t, t_args};
use crate::kernel::ui::ErrorPage;
use crate::kernel::ui::form::{Field, FieldSpec, FormAlert, Rule, SmartForm, submit_error};
use crate::kernel::ui::live::LiveField;
use crate::kernel::ui::notice;

/// The address of the public feed.
pub const FEED: &str = "/announcements/feed.xml";

#[component]
pub fn AnnouncementsAdminPage() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| list_announcements_admin());
    let notice = notice(&[("deleted", "announcements-deleted")]);
    view! {
        <Title text=format!("{} — Staffdesk", t("announcements-admin-title"))/>
        <h1>{t("announcements-admin-title")}</h1>
        <p class="lead">{t("announcements-admin-lead")} " " <a href="/announcements">{t("announcements-public-link")}</a></p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        <p class="actions"><a class="button primary" href="/manage/announcements/new">{t("announcements-new")}</a></p>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <AdminTable list/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdminTable(list: Vec<AnnouncementAdmin>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="announcements-heading">
            <h2 id="announcements-heading">{t("announcements-title")}</h2>
            {if list.is_empty() {
                view! { <p class="empty">{t("announcements-none")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("announcements-field-title")}</th>
                            <th scope="col">{t("announcements-field-stage")}</th>
                            <th scope="col">{t("announcements-field-publish-at")}</th>
                            <th scope="col">{t("announcements-field-mailing")}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|a| view! {
                                <tr>
                                    <td><a href=format!("/manage/announcements/{}", a.id)>{a.title}</a></td>
                                    <td><span class=a.stage.badge()>{a.stage.label()}</span></td>
                                    <td>{a.publish}</td>
                                    <td>{a.mailing}</td>
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
pub fn AnnouncementEditPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let data = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            match id.as_str() {
                "" | "new" => {
                    // Only someone who may manage announcements sees the empty form.
                    list_announcements_admin().await?;
                    Ok(None)
                }
                id => match id.parse() {
                    Ok(id) => get_announcement_admin(id).await.map(Some),
                    Err(_) => Err(AppError::not_found()),
                },
            }
        },
    );
    let notice = notice(&[("saved", "announcements-saved")]);
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || {
                let notice = notice.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(announcement) => view! { <Editor announcement notice/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Editor(announcement: Option<AnnouncementAdmin>, notice: Option<String>) -> impl IntoView {
    let error = submit_error::<SaveAnnouncement>();
    let heading = announcement.as_ref().map_or_else(
        || t("announcements-new"),
        |a| t_args("announcements-edit", &[("title", a.title.clone().into())]),
    );
    let value =
        |f: fn(&AnnouncementAdmin) -> String| announcement.as_ref().map(f).unwrap_or_default();
    let (id, title, body, publish_at, version) = (
        value(|a| a.id.to_string()),
        value(|a| a.title.clone()),
        value(|a| a.body.clone()),
        value(|a| a.publish_input.clone()),
        value(|a| a.version.to_string()),
    );
    // A new announcement is published at once unless the box is cleared.
    let published = announcement.as_ref().is_none_or(|a| a.published);
    let email_clients = announcement.as_ref().is_some_and(|a| a.email_clients);
    let stored = announcement.clone();
    view! {
        <Title text=format!("{heading} — Staffdesk")/>
        <h1>{heading}</h1>
        <p><a href="/manage/announcements">{t("announcements-back")}</a></p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {stored.as_ref().map(|a| view! {
            <p>
                <span class=a.stage.badge()>{a.stage.label()}</span> " "
                <span class="muted">{t_args("announcements-publish-on", &[("date", a.publish.clone().into())])}</span>
            </p>
            <p class="muted" role="status">{a.mailing.clone()}</p>
        })}
        <section class="card" aria-labelledby="announcement-form-heading">
            <h2 id="announcement-form-heading" class="visually-hidden">{t("announcements-details")}</h2>
            <SmartForm action=SaveAnnouncement::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="announcement_id" value=id/>
                <input type="hidden" name="version" value=version/>
                <Field spec=FieldSpec::new("announcement-title", "title", &t("announcements-field-title"), "text", Rule::Text)
                    .max(200).value(&title).error_from(&error)/>
                <LiveField id="announcement-body".to_owned() name="body".to_owned() label=t("announcements-field-body")
                    value=body help=t("announcements-body-help") path=PreviewAnnouncementMarkdown::PATH.to_owned()
                    region=t("announcements-live-preview") multiline=true required=true min_chars=1
                    max_chars=super::model::BODY_MAX/>
                <div class="field checkbox-field">
                    <input type="checkbox" id="announcement-published" name="published" value="on" checked=published/>
                    <label for="announcement-published">{t("announcements-field-published")}</label>
                </div>
                <Field spec=FieldSpec::new("announcement-publish-at", "publish_at", &t("announcements-field-publish-at"), "datetime-local", Rule::None)
                    .optional().help(&t("announcements-publish-help")).value(&publish_at).error_from(&error)/>
                <div class="field checkbox-field">
                    <input type="checkbox" id="announcement-email" name="email_clients" value="on" checked=email_clients
                        aria-describedby="announcement-email-help"/>
                    <label for="announcement-email">{t("announcements-field-email")}</label>
                </div>
                <p id="announcement-email-help" class="small muted">{t("announcements-email-help")}</p>
                <button type="submit" class="button primary">{t("announcements-save")}</button>
            </SmartForm>
        </section>
        {stored.map(|a| {
            let delete_error = submit_error::<DeleteAnnouncement>();
            view! {
                <section class="card" aria-labelledby="announcement-preview-heading">
                    <h2 id="announcement-preview-heading">{t("announcements-saved-preview")}</h2>
                    <p><a href=format!("/announcements/{}", a.id)>{format!("/announcements/{}", a.id)}</a></p>
                    <article class="kb-article" inner_html=a.html></article>
                </section>
                <section class="card" aria-labelledby="delete-announcement-heading">
                    <h2 id="delete-announcement-heading">{t("announcements-delete")}</h2>
                    <SmartForm action=DeleteAnnouncement::PATH.to_owned()>
                        <FormAlert error=delete_error/>
                        <input type="hidden" name="announcement_id" value=a.id/>
                        <button type="submit" class="button danger">{t("announcements-delete")}</button>
                    </SmartForm>
                </section>
            }
        })}
    }
}

// Readers.

/// Where the readers' pages live: in the Client Area under `/client`, else publicly.
fn base() -> &'static str {
    if crate::kernel::ui::in_client_area() {
        "/client/announcements"
    } else {
        "/announcements"
    }
}

#[component]
pub fn AnnouncementsPage() -> impl IntoView {
    let base = base();
    let page = use_query_map().with_untracked(|q| {
        q.get("page")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
    });
    let list = Resource::new_blocking(
        move || page,
        move |page| async move {
            if base.starts_with("/client/") {
                get_client_announcements(page).await
            } else {
                get_announcements(page).await
            }
        },
    );
    view! {
        <Title text=format!("{} — Staffdesk", t("announcements-title"))/>
        <Link rel="alternate" type_="application/rss+xml" href=FEED title=t("announcements-feed")/>
        <h1>{t("announcements-title")}</h1>
        <p><a href=FEED>{t("announcements-feed")}</a></p>
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <ReadersList list base/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReadersList(list: AnnouncementList, base: &'static str) -> impl IntoView {
    if list.items.is_empty() {
        return view! { <p class="empty">{t("announcements-none-published")}</p> }.into_any();
    }
    let newer = (list.page > 1).then(|| format!("{base}?page={}", list.page - 1));
    let older = (list.page < list.pages).then(|| format!("{base}?page={}", list.page + 1));
    view! {
        <ol class="plain announcements">
            {list.items.into_iter().map(|a| {
                let heading = format!("announcement-{}", a.id);
                view! {
                    <li>
                        <article class="card" aria-labelledby=heading.clone()>
                            <h2 id=heading.clone()><a href=format!("{base}/{}", a.id)>{a.title}</a></h2>
                            <p class="muted"><time datetime=a.date.clone()>{a.date.clone()}</time></p>
                            <p>{a.excerpt}</p>
                        </article>
                    </li>
                }
            }).collect_view()}
        </ol>
        {(newer.is_some() || older.is_some()).then(|| view! {
            <nav class="pager actions" aria-label=t("announcements-pages")>
                {newer.map(|href| view! { <a class="button" href=href>{t("announcements-newer")}</a> })}
                <span class="muted">{t_args("announcements-page-of", &[("page", (list.page as i64).into()), ("pages", (list.pages as i64).into())])}</span>
                {older.map(|href| view! { <a class="button" href=href>{t("announcements-older")}</a> })}
            </nav>
        })}
    }
    .into_any()
}

/// How many announcements the Client Area's home lists.
const ON_HOME: usize = 3;

/// The Client Area home's section: the latest announcements, when there are any.
#[component]
pub fn LatestAnnouncements() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| get_client_announcements(1));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                list.await.ok().filter(|l| !l.items.is_empty()).map(|l| view! {
                    <section class="card" aria-labelledby="latest-announcements-heading">
                        <h2 id="latest-announcements-heading">
                            <a href="/client/announcements">{t("announcements-latest")}</a>
                        </h2>
                        <ul class="plain">
                            {l.items.into_iter().take(ON_HOME).map(|a| view! {
                                <li>
                                    <a href=format!("/client/announcements/{}", a.id)>{a.title}</a>
                                    " " <span class="muted"><time datetime=a.date.clone()>{a.date.clone()}</time></span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn AnnouncementPage() -> impl IntoView {
    let base = base();
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let announcement = Resource::new_blocking(
        move || id.clone(),
        move |id| async move {
            let Ok(id) = id.parse::<i32>() else {
                return Err(AppError::not_found());
            };
            if base.starts_with("/client/") {
                get_client_announcement(id).await
            } else {
                get_announcement(id).await
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("common-loading")}</p> }>
            {move || Suspend::new(async move {
                match announcement.await {
                    Ok(a) => view! { <Reader announcement=a base/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Reader(announcement: AnnouncementRead, base: &'static str) -> impl IntoView {
    view! {
        <Title text=format!("{} — Staffdesk", announcement.title)/>
        <nav aria-label=t("announcements-breadcrumb") class="breadcrumb">
            <a href=base>{t("announcements-title")}</a>
        </nav>
        <article class="announcement" aria-labelledby="announcement-heading">
            <h1 id="announcement-heading">{announcement.title}</h1>
            <p class="muted"><time datetime=announcement.date.clone()>{announcement.date.clone()}</time></p>
            <div class="kb-article" inner_html=announcement.html></div>
        </article>
    }
}
