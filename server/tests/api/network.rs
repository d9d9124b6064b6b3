//! Network issues: the status page's order (open, scheduled, resolved in the last 30 days) at an
//! injected time, public reading without a login, the editor's bad input, and updates.

use app::entities::network_issue;
use app::kernel::audit::Actor;
use app::network::api::{PostNetworkIssueUpdate, SaveNetworkIssue};
use app::network::model::IssueInput;
use app::network::service::{board, create};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server_fn::ServerFn;

use crate::helpers::{TestApp, backends, new_client, spawn_app};

fn issue(title: &str, priority: &str, status: &str, starts: DateTime<Utc>) -> IssueInput {
    IssueInput::parse(
        title,
        "server",
        "London rack 4",
        priority,
        status,
        "Seen from the monitoring.",
        &starts.format("%Y-%m-%dT%H:%M").to_string(),
        "",
    )
    .unwrap()
}

async fn add(app: &TestApp, at: DateTime<Utc>, input: IssueInput) -> i32 {
    create(&app.db, at, &Actor::system(), input)
        .await
        .unwrap()
        .id
}

fn titles(list: &[app::network::model::IssueView]) -> Vec<&str> {
    list.iter().map(|i| i.title.as_str()).collect()
}

#[tokio::test]
async fn the_status_page_shows_open_then_scheduled_then_lately_resolved_issues_to_anyone() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let now = Utc::now();
        add(
            &app,
            now,
            issue(
                "Mail delays",
                "high",
                "investigating",
                now - Duration::hours(2),
            ),
        )
        .await;
        add(
            &app,
            now,
            issue(
                "Core switch down",
                "critical",
                "outage",
                now - Duration::hours(1),
            ),
        )
        .await;
        add(
            &app,
            now,
            issue(
                "Kernel upgrades",
                "low",
                "scheduled",
                now + Duration::days(2),
            ),
        )
        .await;
        add(
            &app,
            now,
            issue("Disk swap", "low", "scheduled", now + Duration::days(1)),
        )
        .await;
        // Resolved 10 days ago (shown) and 40 days ago (no longer shown).
        let ten = now - Duration::days(10);
        add(&app, ten, issue("DNS hiccup", "medium", "resolved", ten)).await;
        let forty = now - Duration::days(40);
        add(&app, forty, issue("Old outage", "high", "resolved", forty)).await;

        let b = board(&app.db, now).await.unwrap();
        assert_eq!(
            titles(&b.open),
            ["Core switch down", "Mail delays"],
            "{backend:?}"
        );
        assert_eq!(titles(&b.scheduled), ["Disk swap", "Kernel upgrades"]);
        assert_eq!(titles(&b.resolved), ["DNS hiccup"]);
        // Seen 31 days later, the DNS hiccup is gone too.
        let later = board(&app.db, now + Duration::days(21)).await.unwrap();
        assert!(later.resolved.is_empty(), "{:?}", titles(&later.resolved));

        // Anyone reads it, without a login, in the order above.
        let anonymous = new_client();
        let page = anonymous
            .get(app.url("/network-status"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        let at = |title: &str| {
            html.find(title)
                .unwrap_or_else(|| panic!("{title} missing"))
        };
        assert!(at("Core switch down") < at("Mail delays"));
        assert!(at("Mail delays") < at("Disk swap"));
        assert!(at("Kernel upgrades") < at("DNS hiccup"));
        assert!(!html.contains("Old outage"));
        // The Client Area's copy needs a Client Area login.
        let inside = anonymous
            .get(app.url("/client/network-status"))
            .send()
            .await
            .unwrap();
        assert!(inside.status().is_redirection(), "{}", inside.status());
        assert!(
            inside.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/client/login"),
            "{:?}",
            inside.headers()
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_with_its_field_and_updates_move_the_status() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let form = |title: &'static str, starts: &'static str, ends: &'static str| {
            vec![
                ("title", title),
                ("kind", "system"),
                ("affects", "Billing"),
                ("priority", "high"),
                ("status", "outage"),
                ("starts_at", starts),
                ("ends_at", ends),
            ]
        };
        for (fields, field) in [
            (
                form("Billing down", "2026-12-01T10:00", "2026-12-01T09:00"),
                "ends_at",
            ),
            (form("  ", "2026-12-01T10:00", ""), "title"),
            (form("Billing down", "", ""), "starts_at"),
            (form("Billing down", "soon", ""), "starts_at"),
        ] {
            let (status, body) = app
                .post_as(&app.client, SaveNetworkIssue::PATH, &fields)
                .await;
            assert_eq!(status, 422, "{backend:?} {field}: {body}");
            assert_eq!(body["field"], field, "{body}");
        }
        assert_eq!(
            network_issue::Entity::find().count(&app.db).await.unwrap(),
            0
        );

        let (status, body) = app
            .post_as(
                &app.client,
                SaveNetworkIssue::PATH,
                &form("Billing down", "2026-12-01T10:00", ""),
            )
            .await;
        assert!(status < 400, "{status} {body}");
        let saved = network_issue::Entity::find()
            .filter(network_issue::Column::Title.eq("Billing down"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(saved.resolved_at, None);

        // An empty update is refused; one that resolves the issue moves it and is shown.
        let id = saved.id.to_string();
        let (status, body) = app
            .post_as(
                &app.client,
                PostNetworkIssueUpdate::PATH,
                &[("issue_id", id.as_str()), ("body", " ")],
            )
            .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("body")),
            "{body}"
        );
        let (status, body) = app
            .post_as(
                &app.client,
                PostNetworkIssueUpdate::PATH,
                &[
                    ("issue_id", id.as_str()),
                    ("body", "Payments flow again."),
                    ("status", "resolved"),
                ],
            )
            .await;
        assert!(status < 400, "{status} {body}");
        let resolved = network_issue::Entity::find_by_id(saved.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(resolved.status, "resolved");
        assert!(resolved.resolved_at.is_some());
        assert!(resolved.version > saved.version);
        let b = board(&app.db, Utc::now()).await.unwrap();
        assert_eq!(titles(&b.resolved), ["Billing down"]);
        assert_eq!(b.resolved[0].updates[0].body, "Payments flow again.");
        assert_eq!(b.resolved[0].updates[0].status.as_deref(), Some("Resolved"));

        // A form loaded before the update is stale.
        let mut stale = form("Billing down again", "2026-12-01T10:00", "");
        stale.push(("issue_id", id.as_str()));
        let old_version = saved.version.to_string();
        stale.push(("version", old_version.as_str()));
        let (status, body) = app
            .post_as(&app.client, SaveNetworkIssue::PATH, &stale)
            .await;
        assert_eq!(status, 409, "{body}");

        let actions: Vec<String> = app::entities::audit_event::Entity::find()
            .filter(app::entities::audit_event::Column::Action.starts_with("network_issue."))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions,
            ["network_issue.created", "network_issue.update_posted"]
        );
        app.stop().await;
    }
}
