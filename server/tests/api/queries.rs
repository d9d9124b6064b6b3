//! Queries per page: the dashboard and every list page run the same number of SQL statements
//! whether the tables hold a handful of rows or many (no N+1), and the paged lists stop at a page.

use app::kernel::password::PasswordHash;
use server::seed::{Volume, seed};

use crate::helpers::{TestApp, backends, spawn_app_with};

/// The statements one page view runs, without the change feed's once-a-second poll and the
/// session's once-a-minute touch (neither depends on the page).
async fn statements_for(app: &TestApp, path: &str) -> Vec<String> {
    // Counted with this node's session cache warm, as nearly every request finds it: a request
    // (which may touch the session), the change log read, and a request that caches it again ...
    assert_eq!(app.get("/no-such-page").await.status(), 404);
    app.settle().await;
    assert_eq!(app.get("/no-such-page").await.status(), 404);
    if path == "/" {
        // ... and with the dashboard's figures computed, not shared from a load a moment ago.
        tokio::time::sleep(app::dashboard::service::SHARED_FOR).await;
    }
    app.record_statements();
    let res = app.get(path).await;
    let status = res.status();
    let body = res.text().await.unwrap();
    let statements: Vec<String> = app
        .take_statements()
        .into_iter()
        .filter(|s| {
            !s.contains("MAX(")
                // The auth change log's reader polls on its own.
                && !s.contains("\"auth_changes\"")
                && !s.contains("pg_current_snapshot")
                && !s.starts_with("INSERT INTO \"sessions\"")
                && !s.starts_with("UPDATE \"sessions\"")
        })
        .collect();
    assert_eq!(status, 200, "{path}: {body}");
    statements
}

const PAGES: [&str; 20] = [
    "/",
    "/clients/1/invoices",
    "/clients",
    "/clients?status=all&country=GB",
    "/clients?q=client",
    "/search?q=client",
    "/tickets",
    "/tickets?status=all&priority=high",
    "/tickets?status=all&q=invoice",
    "/admins",
    "/roles",
    "/departments",
    "/activity",
    "/account",
    "/account/logins",
    "/account/two-factor",
    "/admins/1/logins",
    "/kb",
    "/knowledgebase",
    "/knowledgebase/search?q=domain",
];

#[tokio::test]
async fn every_list_page_runs_as_many_queries_with_many_rows_as_with_few() {
    for backend in backends() {
        // No mail worker: its polling would be counted.
        let app = spawn_app_with(&backend, |s| s.mail.worker = false).await;
        let root = app.login_as_full_admin().await;
        let hash = PasswordHash::from_stored(root.password_hash.clone());
        let now = chrono::Utc::now();
        let few = Volume {
            departments: 1,
            roles: 1,
            admins: 2,
            invitations: 2,
            audit_events: 3,
            tickets: 3,
            messages_per_ticket: 2,
            clients: 3,
            services: 4,
            invoices: 6,
            kb_articles: 6,
        };
        seed(&app.db, few, "few", hash.as_phc(), now).await.unwrap();
        let mut before = Vec::new();
        for path in PAGES {
            before.push(statements_for(&app, path).await);
        }
        // A ticket page with 2 messages, and below one with 12.
        let ticket_of = |tag: &'static str| {
            let db = app.db.clone();
            async move {
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                app::entities::ticket::Entity::find()
                    .filter(app::entities::ticket::Column::Subject.contains(tag))
                    .one(&db)
                    .await
                    .unwrap()
                    .expect("a seeded ticket")
                    .reference
            }
        };
        let short_thread =
            statements_for(&app, &format!("/tickets/{}", ticket_of("few").await)).await;
        // The Summary of the client with the most invoices (the first of each seed).
        let client_of = |tag: &'static str| {
            let db = app.db.clone();
            async move {
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                app::entities::client::Entity::find()
                    .filter(
                        app::entities::client::Column::Email
                            .eq(format!("client0.{tag}@example.org")),
                    )
                    .one(&db)
                    .await
                    .unwrap()
                    .expect("a seeded client")
                    .id
            }
        };
        let small_summary =
            statements_for(&app, &format!("/clients/{}", client_of("few").await)).await;
        let many = Volume {
            departments: 8,
            roles: 8,
            admins: 120,
            invitations: 120,
            audit_events: 300,
            tickets: 130,
            messages_per_ticket: 12,
            clients: 150,
            services: 400,
            invoices: 900,
            kb_articles: 90,
        };
        seed(&app.db, many, "many", hash.as_phc(), now)
            .await
            .unwrap();
        for (path, few) in PAGES.iter().zip(&before) {
            let more = statements_for(&app, path).await;
            assert_eq!(
                few.len(),
                more.len(),
                "{backend:?} {path}: {} statements with few rows, {} with many:\n{}",
                few.len(),
                more.len(),
                more.join("\n")
            );
        }
        let long_thread =
            statements_for(&app, &format!("/tickets/{}", ticket_of("many").await)).await;
        let big_summary =
            statements_for(&app, &format!("/clients/{}", client_of("many").await)).await;
        assert_eq!(
            small_summary.len(),
            big_summary.len(),
            "{backend:?}: a Summary with 3 invoices ran {}, with many ran {}:\n{}",
            small_summary.len(),
            big_summary.len(),
            big_summary.join("\n")
        );
        // The client list shows one page of 50, with a link to the next.
        let html = app.get("/clients?status=all").await.text().await.unwrap();
        assert_eq!(html.matches("<tr>").count(), 50 + 1, "{backend:?}");
        assert!(
            html.contains("after="),
            "{backend:?}: no link to the next page of clients"
        );
        assert_eq!(
            short_thread.len(),
            long_thread.len(),
            "{backend:?}: a ticket page with 2 messages ran {}, with 12 ran {}",
            short_thread.len(),
            long_thread.len()
        );
        // The queue shows one page of 50, with a link to the next.
        let html = app.get("/tickets?status=all").await.text().await.unwrap();
        assert_eq!(html.matches("<tr>").count(), 50 + 1, "{backend:?}");
        assert!(
            html.contains("after="),
            "{backend:?}: no link to the next page of tickets"
        );
        // The Administrators page shows one page of each list, with a link to the next.
        let html = app.get("/admins").await.text().await.unwrap();
        let rows = html.matches("<tr>").count();
        assert!(rows <= 2 * 50 + 2, "{backend:?}: {rows} rows on one page");
        assert!(
            html.contains("after="),
            "{backend:?}: no link to the next page of staff"
        );
        assert!(
            html.contains("invitations_after="),
            "{backend:?}: no link to the next page of invitations"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_administrators_pages_show_every_admin_exactly_once() {
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| s.mail.worker = false).await;
        let root = app.login_as_full_admin().await;
        let volume = Volume {
            admins: 123,
            invitations: 0,
            ..Volume::default()
        };
        seed(
            &app.db,
            volume,
            "all",
            &root.password_hash,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let mut seen = Vec::new();
        let mut path = "/admins".to_owned();
        for _ in 0..10 {
            let html = app.get(&path).await.text().await.unwrap();
            for part in html.split("href=\"/admins/").skip(1) {
                let id = part.split(['"', '/']).next().unwrap_or("");
                if part.starts_with(&format!("{id}/logins")) {
                    seen.push(id.to_owned());
                }
            }
            match html.split("href=\"/admins?after=").nth(1) {
                Some(rest) => path = format!("/admins?after={}", rest.split('"').next().unwrap()),
                None => break,
            }
        }
        let total = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(
            (total, seen.len()),
            (124, 124),
            "{backend:?}: every admin once, root included"
        );
        app.stop().await;
    }
}
