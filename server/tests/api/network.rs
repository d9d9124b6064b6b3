//! Network issues: the status page's order (open, scheduled, resolved in the last 30 days) at an
//! injected time, public reading without a login, the editor's bad input, and updates.

use app::entities::network_issue;
use app::kernel::audit::Actor;
use app::network::api::{GetNetworkStatus, PostNetworkIssueUpdate, SaveNetworkIssue};
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
        app.login_as_full_admin().await;
        let now = Utc::now();
        let (ten, forty) = (now - Duration::days(10), now - Duration::days(40));
        let xss = "Kernel <script>alert(1)</script> upgrades";
        // (title, priority, status, created, starts): open ones go most severe first, then the
        // latest to start; resolved ones show for 30 days.
        let issues = [
            (
                "Backup lag",
                "medium",
                "reported",
                now,
                now - Duration::minutes(30),
            ),
            (
                "Printer queue",
                "high",
                "in_progress",
                now,
                now - Duration::hours(3),
            ),
            (
                "Mail delays",
                "high",
                "investigating",
                now,
                now - Duration::hours(2),
            ),
            (
                "Core switch down",
                "critical",
                "outage",
                now,
                now - Duration::hours(1),
            ),
            (xss, "low", "scheduled", now, now + Duration::days(2)),
            (
                "Disk swap",
                "low",
                "scheduled",
                now,
                now + Duration::days(1),
            ),
            ("DNS hiccup", "medium", "resolved", ten, ten),
            ("Old outage", "high", "resolved", forty, forty),
        ];
        let (mut mail, mut core) = (0, 0);
        for (title, priority, status, created, starts) in issues {
            let id = add(&app, created, issue(title, priority, status, starts)).await;
            if title == "Mail delays" {
                mail = id;
            }
            if title == "Core switch down" {
                core = id;
            }
        }
        let b = board(&app.db, now).await.unwrap();
        assert_eq!(
            titles(&b.open),
            [
                "Core switch down",
                "Mail delays",
                "Printer queue",
                "Backup lag"
            ],
            "{backend:?}"
        );
        assert_eq!(titles(&b.scheduled), ["Disk swap", xss]);
        assert_eq!(titles(&b.resolved), ["DNS hiccup"]);
        // Seen 31 days later, the DNS hiccup is gone too.
        let later = board(&app.db, now + Duration::days(21)).await.unwrap();
        assert!(later.resolved.is_empty(), "{:?}", titles(&later.resolved));

        // An update by staff: shown on the board, without who wrote it.
        let mail = mail.to_string();
        let (status, body) = app
            .post_as(
                &app.client,
                PostNetworkIssueUpdate::PATH,
                &[
                    ("issue_id", mail.as_str()),
                    ("body", "Queues are draining."),
                ],
            )
            .await;
        assert!(status < 400, "{status} {body}");

        // Anyone reads it, without a login, in the order above, escaped, and never cached.
        let anonymous = new_client();
        let page = anonymous
            .get(app.url("/network-status"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert_eq!(page.headers()["cache-control"], "no-store");
        let html = page.text().await.unwrap();
        let at = |title: &str| {
            html.find(title)
                .unwrap_or_else(|| panic!("{title} missing"))
        };
        let order = [
            "Core switch down",
            "Mail delays",
            "Printer queue",
            "Backup lag",
            "Disk swap",
            "Kernel &lt;script&gt;alert(1)&lt;/script&gt; upgrades",
            "DNS hiccup",
        ];
        for pair in order.windows(2) {
            assert!(at(pair[0]) < at(pair[1]), "{pair:?}");
        }
        assert!(!html.contains("<script>alert(1)"), "titles are escaped");
        assert!(!html.contains("Old outage"));
        assert!(html.contains("Queues are draining."));
        assert!(!html.contains("Test root"), "staff names are not public");
        let (status, json) = app
            .post_as(&anonymous, GetNetworkStatus::PATH, &[("x", "")])
            .await;
        assert_eq!(status, 200);
        assert!(!json.to_string().contains("Test root"), "{json}");
        assert!(json.to_string().contains("Queues are draining."));
        // The Dashboard lists the open issues only, and a change shows at once.
        let slot = || async {
            let html = app.get("/").await.text().await.unwrap();
            let start = html
                .find("network-widget-heading")
                .expect("the network slot");
            let end = start + html[start..].find("</section>").unwrap();
            html[start..end].to_owned()
        };
        let dashboard = slot().await;
        assert!(dashboard.contains("Core switch down"), "{backend:?}");
        assert!(dashboard.contains("Backup lag"));
        assert!(!dashboard.contains("Disk swap") && !dashboard.contains("DNS hiccup"));
        let core = core.to_string();
        let (status, body) = app
            .post_as(
                &app.client,
                PostNetworkIssueUpdate::PATH,
                &[
                    ("issue_id", core.as_str()),
                    ("body", "Replaced."),
                    ("status", "resolved"),
                ],
            )
            .await;
        assert!(status < 400, "{status} {body}");
        let dashboard = slot().await;
        assert!(!dashboard.contains("Core switch down"), "{backend:?}");
        assert!(dashboard.contains("Mail delays"));
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

        // Saved again while resolved, it keeps its resolved time; reopened, it loses it.
        let current = network_issue::Entity::find_by_id(saved.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut edit = form("Billing down", "2026-12-01T10:00", "2026-12-01T11:00");
        edit[4].1 = "resolved";
        edit.push(("issue_id", id.as_str()));
        let version = current.version.to_string();
        edit.push(("version", version.as_str()));
        let (status, body) = app
            .post_as(&app.client, SaveNetworkIssue::PATH, &edit)
            .await;
        assert!(status < 400, "{status} {body}");
        let kept = network_issue::Entity::find_by_id(saved.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kept.resolved_at, current.resolved_at);
        let mut reopen = form("Billing down", "2026-12-01T10:00", "");
        reopen.push(("issue_id", id.as_str()));
        let (status, body) = app
            .post_as(&app.client, SaveNetworkIssue::PATH, &reopen)
            .await;
        assert!(status < 400, "{status} {body}");
        let reopened = network_issue::Entity::find_by_id(saved.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (reopened.status.as_str(), reopened.resolved_at),
            ("outage", None)
        );

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
            [
                "network_issue.created",
                "network_issue.update_posted",
                "network_issue.updated",
                "network_issue.updated"
            ]
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn an_issue_names_a_service_group_and_its_clients_see_that_it_concerns_them() {
    use crate::client_area::{add_user, user_login};
    use crate::clients::add_client;
    use crate::helpers::PASSWORD;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let hosted = add_client(&app, "hosted@example.com").await;
        let other = add_client(&app, "other@example.com").await;
        for (client, product, status) in [
            (hosted.id, "Shared Hosting Basic", "active"),
            (other.id, "Shared Hosting Basic", "cancelled"),
            (other.id, "Dedicated Server", "active"),
        ] {
            let id = client.to_string();
            let (code, body) = app
                .post_as(
                    &app.client,
                    <app::clients::api::SaveService as ServerFn>::PATH,
                    &[
                        ("client_id", id.as_str()),
                        ("product", product),
                        ("billing_cycle", "monthly"),
                        ("amount", "9.99"),
                        ("currency", "GBP"),
                        ("next_due", "2027-01-01"),
                        ("status", status),
                    ],
                )
                .await;
            assert_eq!(code, 200, "{backend:?} {body}");
        }
        // Staff choose among the products in use; another name is refused and writes nothing.
        let (code, groups) = app
            .post_as(
                &app.client,
                <app::network::api::GetNetworkServiceGroups as ServerFn>::PATH,
                &[("x", "")],
            )
            .await;
        assert_eq!(code, 200, "{groups}");
        assert_eq!(
            groups,
            serde_json::json!(["Dedicated Server", "Shared Hosting Basic"])
        );
        let form = |group: &'static str| {
            vec![
                ("title", "Shared hosting slow"),
                ("kind", "server"),
                ("affects", "Web servers in London"),
                ("service_group", group),
                ("priority", "high"),
                ("status", "investigating"),
                ("starts_at", "2026-12-01T10:00"),
            ]
        };
        let (code, body) = app
            .post_as(&app.client, SaveNetworkIssue::PATH, &form("Mystery Plan"))
            .await;
        assert_eq!(code, 422, "{backend:?} {body}");
        assert_eq!(body["field"], "service_group");
        assert_eq!(
            network_issue::Entity::find().count(&app.db).await.unwrap(),
            0
        );
        let (code, body) = app
            .post_as(
                &app.client,
                SaveNetworkIssue::PATH,
                &form("Shared Hosting Basic"),
            )
            .await;
        assert!(code < 400, "{backend:?} {body}");
        let saved = network_issue::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(saved.service_group.as_deref(), Some("Shared Hosting Basic"));

        // Anyone sees the group; a user of the client with such a service in use is told it
        // concerns them, a user of a client whose such service was cancelled is not.
        let public = new_client()
            .get(app.url("/network-status"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(public.contains("Shared Hosting Basic"), "{backend:?}");
        assert!(!public.contains("Affects your services"));
        for (client, email, permissions, owner, concerned) in [
            (hosted.id, "hosted@example.com", &[][..], true, true),
            (other.id, "other@example.com", &[][..], true, false),
            // A user who may not see the client's services is not told which it has.
            (
                hosted.id,
                "tickets@example.com",
                &[app::kernel::ClientPermission::Tickets][..],
                false,
                false,
            ),
        ] {
            add_user(&app, client, email, permissions, owner).await;
            let browser = new_client();
            assert_eq!(user_login(&app, &browser, email, PASSWORD).await, 200);
            let page = browser
                .get(app.url("/client/network-status"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(page.contains("Shared hosting slow"), "{backend:?} {email}");
            assert_eq!(
                page.contains("Affects your services"),
                concerned,
                "{backend:?} {email}"
            );
        }
        app.stop().await;
    }
}
