//! Announcements through the real server: scheduled ones appear only from their time (the service
//! with an injected clock, and the pages, feed and sitemap), hostile Markdown on the preview, the
//! page and the feed, bad input writing nothing, validators with `304`, and emailing to the
//! clients who opted in, in batches, once each.

use app::announcements::api::{PreviewAnnouncementMarkdown, SaveAnnouncement};
use app::announcements::service;
use app::entities::{announcement, audit_event, client, mail_outbox};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server_fn::ServerFn;

use crate::client_area::{add_user, user_login};
use crate::clients::add_client;
use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};

async fn save(app: &TestApp, fields: &[(&str, &str)]) -> (u16, serde_json::Value) {
    app.post_as(&app.client, SaveAnnouncement::PATH, fields)
        .await
}

async fn latest(app: &TestApp) -> announcement::Model {
    announcement::Entity::find()
        .order_by_desc(announcement::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("an announcement")
}

/// Publishes an announcement now through the staff's form (an admin who may manage
/// announcements is signed in); its id.
pub(crate) async fn publish(app: &TestApp, title: &str, body: &str) -> i32 {
    let (status, answer) = save(
        app,
        &[("title", title), ("body", body), ("published", "on")],
    )
    .await;
    assert!(status < 400, "{answer}");
    latest(app).await.id
}

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn a_scheduled_announcement_appears_only_from_its_time() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let live = publish(&app, "Data centre tour", "Come and see.").await;
        let (status, answer) = save(
            &app,
            &[
                ("title", "New year prices"),
                ("body", "From 2099 on."),
                ("published", "on"),
                ("publish_at", "2099-01-01T09:00"),
            ],
        )
        .await;
        assert!(status < 400, "{answer}");
        let scheduled = latest(&app).await.id;
        let (status, answer) = save(
            &app,
            &[("title", "Half-written draft"), ("body", "Not yet.")],
        )
        .await;
        assert!(status < 400, "{answer}");
        let draft = latest(&app).await.id;

        // The service, with the clock chosen.
        let before = at("2099-01-01T08:59:00Z");
        let from = at("2099-01-01T09:00:00Z");
        let titles = |list: app::announcements::model::AnnouncementList| {
            list.items.into_iter().map(|i| i.title).collect::<Vec<_>>()
        };
        assert_eq!(
            titles(service::readers_page(&app.db, before, 1).await.unwrap()),
            ["Data centre tour"],
            "{backend:?}"
        );
        assert_eq!(
            titles(service::readers_page(&app.db, from, 1).await.unwrap()),
            ["New year prices", "Data centre tour"],
            "{backend:?}"
        );
        assert!(matches!(
            service::read(&app.db, before, scheduled).await,
            Err(service::AnnouncementError::NotFound)
        ));
        assert_eq!(
            service::read(&app.db, from, scheduled).await.unwrap().title,
            "New year prices"
        );
        assert!(matches!(
            service::read(&app.db, at("2199-01-01T00:00:00Z"), draft).await,
            Err(service::AnnouncementError::NotFound)
        ));
        let (_, count_before) = service::last_change(&app.db, before).await.unwrap();
        let (latest_from, count_from) = service::last_change(&app.db, from).await.unwrap();
        assert_ne!(
            count_before, count_from,
            "a publish time coming moves the validator"
        );
        assert_eq!(
            latest_from,
            Some(from),
            "a publish time coming changes the validator"
        );

        // The pages, the feed and the sitemap, now.
        let anonymous = new_client();
        let (status, list) = get(&anonymous, &app, "/announcements").await;
        assert_eq!(status, 200);
        assert!(list.contains("Data centre tour"), "{backend:?}");
        assert!(
            !list.contains("New year prices"),
            "{backend:?} scheduled listed"
        );
        assert!(
            !list.contains("Half-written draft"),
            "{backend:?} draft listed"
        );
        assert!(
            list.contains("application/rss+xml"),
            "the feed is announced"
        );
        assert_eq!(
            get(&anonymous, &app, &format!("/announcements/{live}"))
                .await
                .0,
            200
        );
        for hidden in [scheduled, draft] {
            assert_eq!(
                get(&anonymous, &app, &format!("/announcements/{hidden}"))
                    .await
                    .0,
                404,
                "{backend:?} {hidden}"
            );
        }
        let feed = anonymous
            .get(app.url(app::announcements::pages::FEED))
            .send()
            .await
            .unwrap();
        assert_eq!(feed.status(), 200);
        assert!(
            feed.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/rss+xml")
        );
        let channel = rss::Channel::read_from(&feed.bytes().await.unwrap()[..]).unwrap();
        let items: Vec<_> = channel
            .items()
            .iter()
            .map(|i| i.title().unwrap_or(""))
            .collect();
        assert_eq!(items, ["Data centre tour"], "{backend:?}");
        let item = &channel.items()[0];
        assert_eq!(
            item.link(),
            Some(app.url(&format!("/announcements/{live}")).as_str())
        );
        assert!(item.pub_date().is_some());
        assert!(item.description().unwrap().contains("Come and see."));
        let (_, sitemap) = get(&anonymous, &app, "/sitemap.xml").await;
        assert!(
            sitemap.contains(&format!("/announcements/{live}</loc>")),
            "{sitemap}"
        );
        assert!(!sitemap.contains(&format!("/announcements/{scheduled}</loc>")));
        assert!(!sitemap.contains(&format!("/announcements/{draft}</loc>")));

        // The Client Area shows the same, behind its login.
        let owner = add_client(&app, "reader@example.com").await;
        add_user(&app, owner.id, "reader@example.com", &[], true).await;
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "reader@example.com", PASSWORD).await,
            200
        );
        let (status, home) = get(&browser, &app, "/client").await;
        assert_eq!(status, 200);
        assert!(home.contains("Latest announcements"), "{backend:?}");
        assert!(home.contains("Data centre tour") && !home.contains("New year prices"));
        let (status, list) = get(&browser, &app, "/client/announcements").await;
        assert_eq!(status, 200);
        assert!(list.contains("Data centre tour") && !list.contains("New year prices"));
        assert_eq!(
            get(
                &browser,
                &app,
                &format!("/client/announcements/{scheduled}")
            )
            .await
            .0,
            404
        );
        let (status, _) = get(&anonymous, &app, "/client/announcements").await;
        assert!((300..400).contains(&status), "{status}");

        // Staff see all three with where each stands.
        let (status, staff) = get(&app.client, &app, "/manage/announcements").await;
        assert_eq!(status, 200);
        for (title, stage) in [
            ("Data centre tour", "Published"),
            ("New year prices", "Scheduled"),
            ("Half-written draft", "Draft"),
        ] {
            assert!(staff.contains(title) && staff.contains(stage), "{title}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn hostile_markdown_is_removed_from_the_preview_the_page_and_the_feed() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        for (input, marker) in crate::kb::HOSTILE {
            let (status, preview) = app
                .post_as(
                    &app.client,
                    PreviewAnnouncementMarkdown::PATH,
                    &[("q", input)],
                )
                .await;
            assert_eq!(status, 200, "{backend:?} {input}");
            let preview = preview.as_str().unwrap().to_owned();
            assert!(!preview.contains(marker), "preview of {input}: {preview}");
        }
        let body = crate::kb::HOSTILE
            .iter()
            .map(|(input, _)| *input)
            .chain(["**Kept**, see [the guide](dns-records)."])
            .collect::<Vec<_>>()
            .join("\n\n");
        let id = publish(&app, "Hostile", &body).await;
        let (status, html) = get(&new_client(), &app, &format!("/announcements/{id}")).await;
        assert_eq!(status, 200);
        let start = html.find("class=\"kb-article\"").expect("the body");
        let part = &html[start..start + html[start..].find("</div>").unwrap()];
        for (input, marker) in crate::kb::HOSTILE {
            assert!(
                !part.contains(marker),
                "{backend:?} page kept {input}: {part}"
            );
        }
        for forbidden in [
            "<script",
            "<iframe",
            "onerror",
            "javascript:",
            "data:",
            "style=",
        ] {
            assert!(!part.contains(forbidden), "{forbidden} in {part}");
        }
        assert!(part.contains("<strong>Kept</strong>"), "{part}");
        // A slug leads to the knowledgebase's article, not under /announcements.
        assert!(
            part.contains("href=\"/knowledgebase/dns-records\""),
            "{part}"
        );
        let (_, feed) = get(&new_client(), &app, app::announcements::pages::FEED).await;
        let channel = rss::Channel::read_from(feed.as_bytes()).unwrap();
        let description = channel.items()[0].description().unwrap();
        for (input, marker) in crate::kb::HOSTILE {
            assert!(
                !description.contains(marker),
                "feed kept {input}: {description}"
            );
        }
        assert!(
            description.contains(&format!(
                "href=\"{}\"",
                app.url("/knowledgebase/dns-records")
            )),
            "a feed reader gets the full address: {description}"
        );
        // The editor shows the stored Markdown as text: it cannot close its text area and add
        // markup of its own to the staff page, here or in the knowledgebase's editor.
        let escape = "Done.\n\n</textarea><form action=\"/api/x\"><b id=\"breakout\">x</b>";
        let news = publish(&app, "Breakout", escape).await;
        let (status, answer) = app
            .post_as(
                &app.client,
                <app::kb::api::SaveKbArticle as ServerFn>::PATH,
                &[
                    ("title", "Breakout"),
                    ("body", escape),
                    ("visibility", "hidden"),
                ],
            )
            .await;
        assert!(status < 400, "{answer}");
        let article = app::entities::kb_article::Entity::find()
            .filter(app::entities::kb_article::Column::Slug.eq("breakout"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        for editor in [
            format!("/manage/announcements/{news}"),
            format!("/kb/articles/{article}"),
        ] {
            let (status, page) = get(&app.client, &app, &editor).await;
            assert_eq!(status, 200, "{editor}");
            assert!(!page.contains("id=\"breakout\""), "{backend:?} {editor}");
            assert!(page.contains("&lt;/textarea&gt;"), "{backend:?} {editor}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_writes_nothing() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        for (fields, expected) in [
            (vec![("title", " "), ("body", "x")], "title"),
            (vec![("title", "T"), ("body", " \n ")], "body"),
            (
                vec![
                    ("title", "T"),
                    ("body", "x"),
                    ("publish_at", "next tuesday"),
                ],
                "publish_at",
            ),
            (
                vec![
                    ("title", "T"),
                    ("body", "x"),
                    ("publish_at", "2026-13-01T10:00"),
                ],
                "publish_at",
            ),
        ] {
            let (status, answer) = save(&app, &fields).await;
            assert_eq!(status, 422, "{backend:?} {fields:?}: {answer}");
            assert_eq!(answer["field"], expected, "{answer}");
            assert!(
                !answer["message"].as_str().unwrap_or("").is_empty(),
                "a message to show: {answer}"
            );
        }
        let long = "x".repeat(app::announcements::model::BODY_MAX + 1);
        let (status, answer) = save(&app, &[("title", "T"), ("body", &long)]).await;
        assert_eq!((status, answer["field"].as_str()), (422, Some("body")));
        assert_eq!(
            announcement::Entity::find()
                .all(&app.db)
                .await
                .unwrap()
                .len(),
            0,
            "nothing half-written"
        );
        // A form loaded before someone else's save is refused, and changes nothing.
        let id = publish(&app, "First", "Body").await.to_string();
        let (status, answer) = save(
            &app,
            &[
                ("announcement_id", &id),
                ("title", "Second"),
                ("body", "Body"),
                ("version", "1"),
            ],
        )
        .await;
        assert!(status < 400, "{answer}");
        let (status, answer) = save(
            &app,
            &[
                ("announcement_id", &id),
                ("title", "Stale"),
                ("body", "Body"),
                ("version", "1"),
            ],
        )
        .await;
        assert_eq!(status, 409, "{backend:?}: {answer}");
        assert_eq!(latest(&app).await.title, "Second");
        // Saving and deleting are audited.
        let actions: Vec<String> = audit_event::Entity::find()
            .filter(audit_event::Column::Action.starts_with("announcement."))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(actions, ["announcement.created", "announcement.updated"]);
        app.stop().await;
    }
}

#[tokio::test]
async fn the_list_page_answers_not_modified_until_an_announcement_changes() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        publish(&app, "First", "Body").await;
        let browser = new_client();
        let first = browser.get(app.url("/announcements")).send().await.unwrap();
        assert_eq!(first.status(), 200);
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        assert!(first.headers().contains_key("last-modified"));
        let again = browser
            .get(app.url("/announcements"))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{backend:?}");
        // A save stamped no later than what the page already had (it waited for the write lock
        // behind a later one, or came from a node whose clock is behind) still makes it new.
        announcement::Entity::update_many()
            .col_expr(announcement::Column::Title, Expr::value("First, corrected"))
            .col_expr(
                announcement::Column::Version,
                sea_orm::sea_query::ExprTrait::add(Expr::col(announcement::Column::Version), 1),
            )
            .exec(&app.db)
            .await
            .unwrap();
        let corrected = browser
            .get(app.url("/announcements"))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(corrected.status(), 200, "{backend:?}");
        assert!(corrected.text().await.unwrap().contains("First, corrected"));
        publish(&app, "Second", "Body").await;
        let changed = browser
            .get(app.url("/announcements"))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(changed.status(), 200, "{backend:?}");
        assert!(changed.text().await.unwrap().contains("Second"));
        app.stop().await;
    }
}

#[tokio::test]
async fn emailing_reaches_each_opted_in_client_once_in_batches_from_the_publish_time() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let mut opted_in = Vec::new();
        for i in 0..3 {
            opted_in.push(add_client(&app, &format!("news{i}@example.com")).await);
        }
        let quiet = add_client(&app, "quiet@example.com").await;
        let closed = add_client(&app, "closed@example.com").await;
        client::Entity::update_many()
            .col_expr(client::Column::MarketingOptIn, Expr::value(false))
            .filter(client::Column::Id.eq(quiet.id))
            .exec(&app.db)
            .await
            .unwrap();
        client::Entity::update_many()
            .col_expr(client::Column::Status, Expr::value("closed"))
            .filter(client::Column::Id.eq(closed.id))
            .exec(&app.db)
            .await
            .unwrap();
        let publish_at = Utc::now() + Duration::hours(1);
        let (status, answer) = save(
            &app,
            &[
                ("title", "Planned maintenance"),
                ("body", "Sunday, **02:00–04:00 UTC**."),
                ("published", "on"),
                (
                    "publish_at",
                    &publish_at.format("%Y-%m-%dT%H:%M").to_string(),
                ),
                ("email_clients", "on"),
            ],
        )
        .await;
        assert!(status < 400, "{answer}");
        let id = latest(&app).await.id;
        let mut settings = app::kernel::settings::Settings::default();
        settings.server.public_url = "https://desk.example".into();
        settings.organization.name = "Acme Hosting".into();
        let queued = || async {
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::Subject.contains("Planned maintenance"))
                .order_by_asc(mail_outbox::Column::Id)
                .all(&app.db)
                .await
                .unwrap()
        };
        // Not before readers can see it.
        assert_eq!(
            service::mail_batch(&app.db, Utc::now(), &settings, 2)
                .await
                .unwrap(),
            None
        );
        assert!(queued().await.is_empty());
        let later = publish_at + Duration::minutes(5);
        let publish_field = publish_at.format("%Y-%m-%dT%H:%M").to_string();
        let id_text = latest(&app).await.id.to_string();
        let resave = |email: bool, version: i32| {
            let (id_text, publish_field) = (id_text.clone(), publish_field.clone());
            let app = &app;
            async move {
                let version = version.to_string();
                let mut fields = vec![
                    ("announcement_id", id_text.as_str()),
                    ("title", "Planned maintenance"),
                    ("body", "Sunday, **02:00–04:00 UTC**."),
                    ("published", "on"),
                    ("publish_at", publish_field.as_str()),
                    ("version", version.as_str()),
                ];
                if email {
                    fields.push(("email_clients", "on"));
                }
                let (status, answer) = save(app, &fields).await;
                assert!(status < 400, "{answer}");
            }
        };
        let mut runs = vec![
            service::mail_batch(&app.db, later, &settings, 2)
                .await
                .unwrap(),
        ];
        // Unticking the box pauses the mailing; ticking it again goes on where it stopped.
        resave(false, 1).await;
        assert_eq!(
            service::mail_batch(&app.db, later, &settings, 2)
                .await
                .unwrap(),
            None
        );
        resave(true, 2).await;
        while let Some(n) = service::mail_batch(&app.db, later, &settings, 2)
            .await
            .unwrap()
        {
            runs.push(Some(n));
            assert!(runs.len() < 10, "the mailing ends");
        }
        assert_eq!(
            runs,
            [Some(2), Some(1), Some(0)],
            "{backend:?} two batches, then done"
        );
        let mails = queued().await;
        let mut to: Vec<&str> = mails.iter().map(|m| m.to_address.as_str()).collect();
        to.sort_unstable();
        assert_eq!(
            to,
            [
                "news0@example.com",
                "news1@example.com",
                "news2@example.com"
            ],
            "{backend:?}"
        );
        let mail = &mails[0];
        assert_eq!(mail.subject, "Acme Hosting: Planned maintenance");
        assert!(
            mail.text_body.contains("Sunday, 02:00–04:00 UTC."),
            "{}",
            mail.text_body
        );
        assert!(
            mail.text_body
                .contains(&format!("https://desk.example/announcements/{id}"))
        );
        assert!(
            mail.text_body
                .contains("https://desk.example/client/profile")
        );
        assert!(mail.html_body.contains("<strong>02:00–04:00 UTC</strong>"));
        let stored = latest(&app).await;
        assert_eq!(stored.mailed_count, 3);
        assert!(stored.mailed_at.is_some());
        let mailed = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("announcement.mailed"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(mailed.len(), 1);

        // Saving it again, and a client opting in afterwards, send nothing more.
        let id_text = id.to_string();
        let (status, answer) = save(
            &app,
            &[
                ("announcement_id", &id_text),
                ("title", "Planned maintenance"),
                ("body", "Moved to Monday."),
                ("published", "on"),
                (
                    "publish_at",
                    &publish_at.format("%Y-%m-%dT%H:%M").to_string(),
                ),
                ("email_clients", "on"),
            ],
        )
        .await;
        assert!(status < 400, "{answer}");
        add_client(&app, "late@example.com").await;
        assert_eq!(
            service::mail_batch(&app.db, later, &settings, 2)
                .await
                .unwrap(),
            None
        );
        assert_eq!(queued().await.len(), 3, "{backend:?} each client once");
        let (_, staff) = get(&app.client, &app, &format!("/manage/announcements/{id}")).await;
        assert!(staff.contains("Emailed to 3 clients"), "{backend:?}");
        app.stop().await;
    }
}
