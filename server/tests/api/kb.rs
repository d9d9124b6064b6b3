//! The knowledgebase through the real server: hostile Markdown on the preview and the page,
//! visibility publicly and in the Client Area, bad input, renamed slugs, votes once per visitor,
//! search ranking and snippets, suggestions for a new ticket with deflection, validators with
//! `304`, and the sitemap.

use app::entities::{kb_article, kb_category, kb_suggestion_read};
use app::kb::api::{
    PreviewKbMarkdown, SaveKbArticle, SaveKbCategory, SuggestKbArticles, VoteKbArticle,
};
use app::kernel::ClientPermission;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server_fn::ServerFn;

use crate::client_area::{add_user, user_login};
use crate::clients::add_client;
use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};

/// Saves an article as the signed-in admin; the answer's status and body.
async fn save(app: &TestApp, fields: &[(&str, &str)]) -> (u16, serde_json::Value) {
    app.post_as(&app.client, SaveKbArticle::PATH, fields).await
}

async fn article(app: &TestApp, slug: &str) -> kb_article::Model {
    kb_article::Entity::find()
        .filter(kb_article::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no article {slug}"))
}

/// A category and an article in it, made through the staff's forms (an admin who may manage the
/// knowledgebase is signed in); the category's id and the article's slug.
pub(crate) async fn category_and_article(
    app: &TestApp,
    category: &str,
    title: &str,
    body: &str,
    visibility: &str,
) -> (i32, String) {
    let (status, answer) = app
        .post_as(
            &app.client,
            SaveKbCategory::PATH,
            &[("name", category), ("position", "1")],
        )
        .await;
    assert!(status < 400, "{answer}");
    let id = kb_category::Entity::find()
        .filter(kb_category::Column::Name.eq(category))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let (status, answer) = save(
        app,
        &[
            ("title", title),
            ("body", body),
            ("visibility", visibility),
            ("categories[0]", &id),
        ],
    )
    .await;
    assert!(status < 400, "{answer}");
    let slug = kb_article::Entity::find()
        .order_by_desc(kb_article::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    (id.parse().unwrap(), slug)
}

/// The article's part of a page: what the stored HTML became.
fn article_part(html: &str) -> &str {
    let start = html.find("class=\"kb-article\"").expect("the article");
    let end = start + html[start..].find("</article>").unwrap();
    &html[start..end]
}

/// Each hostile input, and what must not be left of it.
pub(crate) const HOSTILE: [(&str, &str); 8] = [
    ("<script>alert('kb1')</script>", "kb1"),
    ("<iframe src=\"https://evil.example/kb2\"></iframe>", "kb2"),
    ("<img src=\"x.png\" onerror=\"alert('kb3')\">", "kb3"),
    ("[click](javascript:alert('kb4'))", "kb4"),
    ("![pixel](data:image/png;base64,a2I1)", "a2I1"),
    ("<a href=\"data:text/html,kb6\">x</a>", "kb6"),
    (
        "<p style=\"background:url(https://evil.example/kb7)\">x</p>",
        "kb7",
    ),
    ("<style>.kb8 { display: none }</style>", "kb8"),
];

#[tokio::test]
async fn hostile_markdown_is_removed_from_the_preview_and_the_page() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        for (input, marker) in HOSTILE {
            let (status, preview) = app
                .post_as(&app.client, PreviewKbMarkdown::PATH, &[("q", input)])
                .await;
            assert_eq!(status, 200, "{backend:?} {input}");
            let preview = preview.as_str().unwrap().to_owned();
            assert!(!preview.contains(marker), "preview of {input}: {preview}");
        }
        // Everything at once, on the page, with Markdown that must survive.
        let body = HOSTILE
            .iter()
            .map(|(input, _)| *input)
            .chain(["**Kept** and [a link](other-article)."])
            .collect::<Vec<_>>()
            .join("\n\n");
        let (status, answer) = save(
            &app,
            &[
                ("title", "Hostile"),
                ("body", &body),
                ("visibility", "public"),
            ],
        )
        .await;
        assert!(status < 400, "{answer}");
        let page = new_client()
            .get(app.url("/knowledgebase/hostile"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        let part = article_part(&html);
        for (input, marker) in HOSTILE {
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
        assert!(part.contains("href=\"other-article\""), "{part}");
        app.stop().await;
    }
}

#[tokio::test]
async fn each_reader_sees_only_what_the_visibility_allows() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let (category, public) = category_and_article(
            &app,
            "Mail",
            "Mailbox setup",
            "Set up the mailbox.",
            "public",
        )
        .await;
        let cat = category.to_string();
        for (title, visibility) in [
            ("Mailbox quota for clients", "clients"),
            ("Mailbox draft", "hidden"),
        ] {
            let (status, answer) = save(
                &app,
                &[
                    ("title", title),
                    ("body", "All about the mailbox."),
                    ("visibility", visibility),
                    ("categories[0]", &cat),
                ],
            )
            .await;
            assert!(status < 400, "{answer}");
        }
        let anonymous = new_client();
        let get = |client: &reqwest::Client, path: String| {
            let request = client.get(app.url(&path));
            async move {
                let res = request.send().await.unwrap();
                (res.status().as_u16(), res.text().await.unwrap())
            }
        };
        assert_eq!(
            get(&anonymous, format!("/knowledgebase/{public}")).await.0,
            200
        );
        for hidden in ["mailbox-quota-for-clients", "mailbox-draft"] {
            assert_eq!(
                get(&anonymous, format!("/knowledgebase/{hidden}")).await.0,
                404,
                "{backend:?} {hidden} publicly"
            );
        }
        for path in [
            "/knowledgebase".to_owned(),
            format!("/knowledgebase/category/{category}"),
            "/knowledgebase/search?q=mailbox".to_owned(),
        ] {
            let (status, html) = get(&anonymous, path.clone()).await;
            assert_eq!(status, 200, "{path}");
            assert!(html.contains("Mailbox setup"), "{path}");
            assert!(!html.contains("Mailbox quota"), "{path}");
            assert!(!html.contains("Mailbox draft"), "{path}");
        }
        // A Client Area user reads the clients' article too, never the draft.
        let client = add_client(&app, "reader@example.com").await;
        add_user(&app, client.id, "reader@example.com", &[], true).await;
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "reader@example.com", PASSWORD).await,
            200
        );
        assert_eq!(
            get(
                &browser,
                "/client/knowledgebase/mailbox-quota-for-clients".into()
            )
            .await
            .0,
            200
        );
        assert_eq!(
            get(&browser, "/client/knowledgebase/mailbox-draft".into())
                .await
                .0,
            404
        );
        for path in [
            "/client/knowledgebase".to_owned(),
            format!("/client/knowledgebase/category/{category}"),
            "/client/knowledgebase/search?q=mailbox".to_owned(),
        ] {
            let (status, html) = get(&browser, path.clone()).await;
            assert_eq!(status, 200, "{path}");
            assert!(html.contains("Mailbox quota for clients"), "{path}");
            assert!(!html.contains("Mailbox draft"), "{path}");
        }
        // The Client Area's copy needs its login.
        let (status, _) = get(&anonymous, "/client/knowledgebase".into()).await;
        assert!((300..400).contains(&status), "{status}");
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_a_renamed_article_keeps_its_old_address() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let field = |answer: &serde_json::Value| answer["field"].as_str().unwrap_or("").to_owned();
        for (fields, expected) in [
            (
                vec![("title", " "), ("body", "x"), ("visibility", "public")],
                "title",
            ),
            (
                vec![("title", "T"), ("body", " "), ("visibility", "public")],
                "body",
            ),
            (
                vec![
                    ("title", "T"),
                    ("slug", "Not A Slug"),
                    ("body", "x"),
                    ("visibility", "public"),
                ],
                "slug",
            ),
            (
                vec![("title", "T"), ("body", "x"), ("visibility", "secret")],
                "visibility",
            ),
            (
                vec![
                    ("title", "T"),
                    ("body", "x"),
                    ("visibility", "public"),
                    ("categories[0]", "999999"),
                ],
                "categories",
            ),
        ] {
            let (status, answer) = save(&app, &fields).await;
            assert_eq!(status, 422, "{backend:?} {fields:?}: {answer}");
            assert_eq!(field(&answer), expected, "{answer}");
        }
        assert_eq!(
            kb_article::Entity::find().all(&app.db).await.unwrap().len(),
            0,
            "nothing half-written"
        );
        let (status, answer) = save(
            &app,
            &[
                ("title", "DNS records"),
                ("body", "Point it here."),
                ("visibility", "public"),
            ],
        )
        .await;
        assert!(status < 400, "{answer}");
        let (status, answer) = save(
            &app,
            &[
                ("title", "DNS records"),
                ("body", "Again."),
                ("visibility", "public"),
            ],
        )
        .await;
        assert_eq!(
            (status, field(&answer)),
            (422, "slug".to_owned()),
            "{answer}"
        );
        // Renamed: the old address leads to the new one, and no other article may take it.
        let dns = article(&app, "dns-records").await;
        let (id, version) = (dns.id.to_string(), dns.version.to_string());
        let (status, answer) = save(
            &app,
            &[
                ("article_id", &id),
                ("version", &version),
                ("title", "DNS records"),
                ("slug", "dns-zone-records"),
                ("body", "Point it here."),
                ("visibility", "public"),
            ],
        )
        .await;
        assert!(status < 400, "{answer}");
        let old = new_client()
            .get(app.url("/knowledgebase/dns-records"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            article(&app, "dns-zone-records").await.id,
            dns.id,
            "renamed"
        );
        assert!(
            old.status().is_redirection(),
            "{backend:?} {} {:?}",
            old.status(),
            old.headers()
        );
        assert_eq!(old.headers()["location"], "/knowledgebase/dns-zone-records");
        let (status, answer) = save(
            &app,
            &[
                ("title", "Other"),
                ("slug", "dns-records"),
                ("body", "x"),
                ("visibility", "public"),
            ],
        )
        .await;
        assert_eq!(
            (status, field(&answer)),
            (422, "slug".to_owned()),
            "{answer}"
        );
        // A category sits only in a top-level one.
        let (top, _) = category_and_article(&app, "Top", "Top article", "x", "public").await;
        let (status, _) = app
            .post_as(
                &app.client,
                SaveKbCategory::PATH,
                &[("name", "Middle"), ("parent_id", &top.to_string())],
            )
            .await;
        assert!(status < 400);
        let middle = kb_category::Entity::find()
            .filter(kb_category::Column::Name.eq("Middle"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let (status, answer) = app
            .post_as(
                &app.client,
                SaveKbCategory::PATH,
                &[("name", "Bottom"), ("parent_id", &middle.to_string())],
            )
            .await;
        assert_eq!(
            (status, field(&answer)),
            (422, "parent_id".to_owned()),
            "{answer}"
        );
        let (status, answer) = app
            .post_as(&app.client, SaveKbCategory::PATH, &[("name", " ")])
            .await;
        assert_eq!(
            (status, field(&answer)),
            (422, "name".to_owned()),
            "{answer}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_visitor_votes_once_and_search_ranks_titles_above_text() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        for (title, body) in [
            (
                "Invoices explained",
                "A mailbox, a mailbox and a mailbox appear in this text.",
            ),
            ("Mailbox quota", "What fills your storage."),
            ("Unrelated", "Nothing to see."),
        ] {
            let (status, answer) = save(
                &app,
                &[("title", title), ("body", body), ("visibility", "public")],
            )
            .await;
            assert!(status < 400, "{answer}");
        }
        let visitor = new_client();
        let vote = |client: &reqwest::Client, helpful: &'static str| {
            let client = client.clone();
            let app = &app;
            async move {
                app.post_as(
                    &client,
                    VoteKbArticle::PATH,
                    &[("slug", "mailbox-quota"), ("helpful", helpful)],
                )
                .await
                .0
            }
        };
        assert!(vote(&visitor, "yes").await < 400);
        assert!(vote(&visitor, "no").await < 400);
        assert!(vote(&visitor, "yes").await < 400);
        let quota = article(&app, "mailbox-quota").await;
        assert_eq!((quota.helpful, quota.unhelpful), (1, 0), "{backend:?}");
        assert!(vote(&new_client(), "no").await < 400);
        let quota = article(&app, "mailbox-quota").await;
        assert_eq!((quota.helpful, quota.unhelpful), (1, 1), "{backend:?}");
        // Dropping the cookie each time does not vote without end: five a day from one address.
        for _ in 0..5 {
            assert!(vote(&new_client(), "no").await < 400);
        }
        let quota = article(&app, "mailbox-quota").await;
        assert_eq!(
            quota.helpful + quota.unhelpful,
            i64::try_from(app::kb::service::VOTES_PER_SOURCE_PER_DAY).unwrap(),
            "{backend:?}"
        );

        let hits = app::kb::service::search(
            &app.db,
            app::kb::model::Audience::Public,
            "mailbox",
            app::kernel::search_text::Joint::All,
            10,
        )
        .await
        .unwrap();
        let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Mailbox quota", "Invoices explained"],
            "{backend:?}"
        );
        let marked: Vec<&str> = hits[1]
            .snippet
            .iter()
            .filter(|(_, hit)| *hit)
            .map(|(text, _)| text.as_str())
            .collect();
        assert!(
            !marked.is_empty() && marked.iter().all(|m| m.eq_ignore_ascii_case("mailbox")),
            "{:?}",
            hits[1].snippet
        );
        let page = new_client()
            .get(app.url("/knowledgebase/search?q=mailbox"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("<mark>mailbox</mark>"), "{backend:?}");
        assert!(page.find("Mailbox quota").unwrap() < page.find("Invoices explained").unwrap());
        app.stop().await;
    }
}

#[tokio::test]
async fn suggestions_for_a_new_ticket_and_the_articles_read_are_recorded() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        app.add_department("Support").await;
        let (_, slug) = category_and_article(
            &app,
            "Mail",
            "Email bounces back",
            "Check the address.",
            "clients",
        )
        .await;
        let client = add_client(&app, "asker@example.com").await;
        add_user(
            &app,
            client.id,
            "asker@example.com",
            &[ClientPermission::Tickets],
            false,
        )
        .await;
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "asker@example.com", PASSWORD).await,
            200
        );
        // As it is typed: any word may match.
        let (status, html) = app
            .post_as(
                &browser,
                SuggestKbArticles::PATH,
                &[("q", "my email is broken")],
            )
            .await;
        assert_eq!(status, 200, "{html}");
        let html = html.as_str().unwrap().to_owned();
        assert!(
            html.contains(&format!("/client/knowledgebase/{slug}?suggested=1")),
            "{backend:?} {html}"
        );
        // Without JavaScript: on the step before the form.
        let step = browser
            .get(app.url("/client/tickets/new?subject=email%20trouble"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(step.contains("Email bounces back"), "{backend:?}");
        assert!(
            step.contains("value=\"email trouble\""),
            "the subject is kept"
        );
        // Read from a suggestion: recorded, and deflected until a ticket follows.
        let read = browser
            .get(app.url(&format!("/client/knowledgebase/{slug}?suggested=1")))
            .send()
            .await
            .unwrap();
        assert_eq!(read.status(), 200);
        let reads = kb_suggestion_read::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(reads.len(), 1, "{backend:?}");
        assert_eq!(reads[0].ticket_id, None);
        let department = app::entities::department::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let (status, answer) = app
            .post_as(
                &browser,
                <app::portal::api::OpenPortalTicket as ServerFn>::PATH,
                &[
                    ("department_id", department.as_str()),
                    ("subject", "Email still bounces"),
                    ("body", "It did not help."),
                ],
            )
            .await;
        assert!(status < 400, "{answer}");
        let reads = kb_suggestion_read::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert!(
            reads[0].ticket_id.is_some(),
            "{backend:?} a ticket followed"
        );
        // A second read with no ticket after it: the report counts one deflected, one not.
        let read = browser
            .get(app.url(&format!("/client/knowledgebase/{slug}?suggested=1")))
            .send()
            .await
            .unwrap();
        assert_eq!(read.status(), 200);
        let today = chrono::Utc::now().date_naive();
        let params = app::reports::service::Params {
            range: app::reports::model::DateRange {
                from: today,
                to: today,
            },
            today,
            department: None,
            admin: None,
            departments_seen: None,
        };
        let out = app::reports::service::run(
            &app.db,
            app::reports::model::ReportKind::DeflectedTickets,
            &params,
        )
        .await
        .unwrap();
        assert_eq!(
            out.columns,
            ["Day", "Deflected", "Ticket opened anyway", "Total"],
            "{backend:?}"
        );
        assert_eq!(out.rows.len(), 1);
        assert_eq!(out.rows[0][1..], ["1", "1", "2"], "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn public_pages_answer_not_modified_until_the_knowledgebase_changes() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let (_, slug) =
            category_and_article(&app, "Mail", "Webmail", "Open webmail.", "public").await;
        save(
            &app,
            &[
                ("title", "Secret plans"),
                ("body", "x"),
                ("visibility", "clients"),
            ],
        )
        .await;
        let browser = new_client();
        for path in [
            "/knowledgebase".to_owned(),
            format!("/knowledgebase/{slug}"),
        ] {
            let first = browser.get(app.url(&path)).send().await.unwrap();
            assert_eq!(first.status(), 200);
            let etag = first.headers()["etag"].to_str().unwrap().to_owned();
            assert!(first.headers().contains_key("last-modified"), "{path}");
            let again = browser
                .get(app.url(&path))
                .header("If-None-Match", &etag)
                .send()
                .await
                .unwrap();
            assert_eq!(again.status(), 304, "{backend:?} {path}");
            assert_eq!(again.headers()["etag"], etag.as_str());
            let other = browser
                .get(app.url(&path))
                .header("If-None-Match", "W/\"something else\"")
                .send()
                .await
                .unwrap();
            assert_eq!(other.status(), 200);
        }
        let first = browser.get(app.url("/knowledgebase")).send().await.unwrap();
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        save(
            &app,
            &[("title", "Newer"), ("body", "x"), ("visibility", "public")],
        )
        .await;
        let changed = browser
            .get(app.url("/knowledgebase"))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(changed.status(), 200, "{backend:?} a change makes it new");
        assert!(changed.text().await.unwrap().contains("Newer"));

        let sitemap = browser
            .get(app.url("/sitemap.xml"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            sitemap.contains(&format!("/knowledgebase/{slug}</loc>")),
            "{sitemap}"
        );
        assert!(sitemap.contains("/knowledgebase/newer</loc>"));
        assert!(
            !sitemap.contains("secret-plans"),
            "clients' articles stay out"
        );
        app.stop().await;
    }
}
