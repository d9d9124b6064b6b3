//! Two server processes on one database, as a scaled-out install runs them: what one node does,
//! the other honours. On SQLite always and on Postgres when TEST_DATABASE_URL is set (CI).

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use app::entities::{audit_event, invitation};
use sea_orm::{ColumnTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use server_fn::ServerFn;

use crate::cli::server;
use crate::helpers::{Backend, SmtpSink, backends, free_port, fresh_postgres, new_client};

/// What the README promises: a change on one node holds on every other node within a second.
const BOUND: Duration = Duration::from_secs(1);
/// Scheduling slack on a loaded 2-core machine, on top of the bound.
const SLACK: Duration = Duration::from_secs(1);

struct Node {
    child: Child,
    base: String,
}

impl Node {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Everything both nodes share: the database, the secret key, the SMTP server.
struct Cluster {
    dir: tempfile::TempDir,
    database_url: String,
    secret_key: String,
    smtp_port: u16,
}

impl Cluster {
    fn command(&self, name: &str) -> std::process::Command {
        let dir = self.dir.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let mut cmd = server(&dir);
        cmd.env("STAFFDESK_DATABASE__URL", &self.database_url)
            .env("STAFFDESK_SECURITY__SECRET_KEY", &self.secret_key)
            .env("STAFFDESK_SECURITY__BAN_AFTER_FAILURES", "3")
            .env("STAFFDESK_MAIL__TRANSPORT", "smtp")
            .env("STAFFDESK_MAIL__SMTP_HOST", "127.0.0.1")
            .env("STAFFDESK_MAIL__SMTP_PORT", self.smtp_port.to_string())
            .env("STAFFDESK_MAIL__WORKER", "true")
            .env("STAFFDESK_SERVER__JOBS_EVERY_SECONDS", "1");
        cmd
    }

    fn create_admin(&self, username: &str, role: &str) {
        use std::io::Write;
        let mut child = self
            .command("cli")
            .args(["create-admin", "--username", username, "--email"])
            .arg(format!("{username}@example.com"))
            .args([
                "--first-name",
                "Node",
                "--last-name",
                username,
                "--role",
                role,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{}", crate::helpers::PASSWORD).unwrap();
        assert!(child.wait().unwrap().success(), "create-admin {username}");
    }

    async fn start(&self, name: &str) -> Node {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let child = self
            .command(name)
            .env("STAFFDESK_SERVER__LISTEN", format!("127.0.0.1:{port}"))
            .env("STAFFDESK_SERVER__PUBLIC_URL", &base)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let node = Node { child, base };
        let deadline = Instant::now() + Duration::from_secs(60);
        while reqwest::get(node.url("/readyz"))
            .await
            .map(|r| r.status())
            .ok()
            != Some(reqwest::StatusCode::OK)
        {
            assert!(
                Instant::now() < deadline,
                "node {name} did not become ready"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        node
    }
}

/// Posts a form to `node` as a hydrated island does.
async fn post(
    node: &Node,
    client: &reqwest::Client,
    path: &str,
    form: &(impl serde::Serialize + ?Sized),
) -> reqwest::Response {
    client
        .post(node.url(path))
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn call(node: &Node, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) -> u16 {
    post(node, client, path, form).await.status().as_u16()
}

async fn login_with(
    node: &Node,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> reqwest::Response {
    let form = [
        ("username", username),
        ("password", password),
        ("next", "/"),
    ];
    post(
        node,
        client,
        <app::login::api::Login as ServerFn>::PATH,
        &form,
    )
    .await
}

async fn login(node: &Node, client: &reqwest::Client, username: &str) -> u16 {
    login_with(node, client, username, crate::helpers::PASSWORD)
        .await
        .status()
        .as_u16()
}

/// Whether `client` is signed in on `node`: the Dashboard answers instead of sending it to login.
async fn signed_in(node: &Node, client: &reqwest::Client) -> bool {
    client.get(node.url("/")).send().await.unwrap().status() == 200
}

/// Logs in on `node` and returns the session cookie the answer set (`name=value`).
async fn login_cookie(node: &Node, username: &str) -> String {
    let res = login_with(
        node,
        &reqwest::Client::new(),
        username,
        crate::helpers::PASSWORD,
    )
    .await;
    assert_eq!(res.status(), 200);
    res.cookies()
        .find(|c| c.name().ends_with("staffdesk_session"))
        .map(|c| format!("{}={}", c.name(), c.value()))
        .expect("a session cookie")
}

/// A client that always sends `cookie`, whatever the answers set.
fn with_cookie(cookie: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// Makes `client`'s session and admin cached on `node`: a request that loads them, the node
/// reading the change log (which the first request's own session write lands in), and a
/// request that caches them again.
async fn warm(node: &Node, client: &reqwest::Client) {
    assert!(signed_in(node, client).await);
    let res = reqwest::Client::new()
        .post(node.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    assert!(signed_in(node, client).await);
}

/// How long until `client` is no longer signed in on `node`.
async fn time_until_signed_out(node: &Node, client: &reqwest::Client) -> Duration {
    let started = Instant::now();
    while signed_in(node, client).await {
        assert!(
            started.elapsed() < BOUND + SLACK,
            "still signed in on the other node after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    started.elapsed()
}

async fn invite(node: &Node, client: &reqwest::Client, email: &str) {
    let status = call(
        node,
        client,
        <app::invitations::api::SendInvitation as ServerFn>::PATH,
        &[
            ("first_name", "Nora"),
            ("last_name", "Node"),
            ("email", email),
            ("username", ""),
            ("role_id", "3"),
        ],
    )
    .await;
    assert_eq!(status, 200, "invitation to {email}");
}

/// The next dashboard event's JSON on an open `/events/dashboard` stream.
async fn next_dashboard(stream: &mut reqwest::Response, buffer: &mut String) -> serde_json::Value {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) {
                return serde_json::from_str(data.trim()).unwrap();
            }
            continue;
        }
        let chunk = tokio::time::timeout(Duration::from_secs(30), stream.chunk())
            .await
            .expect("a dashboard event within 30 s")
            .unwrap()
            .expect("the stream stays open");
        buffer.push_str(&String::from_utf8_lossy(&chunk));
    }
}

#[tokio::test]
async fn two_nodes_on_one_database_act_as_one() {
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let database_url = match &backend {
            Backend::Sqlite => format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("shared.db").display()
            ),
            Backend::Postgres(admin_url) => fresh_postgres(admin_url).await,
        };
        let sink = SmtpSink::start(dir.path(), free_port());
        let cluster = Cluster {
            database_url: database_url.clone(),
            secret_key: app::kernel::crypto::SecretKey::generate().1,
            smtp_port: sink.port,
            dir,
        };
        let migrated = cluster.command("cli").arg("migrate").status().unwrap();
        assert!(migrated.success());
        cluster.create_admin("root", "full_administrator");
        cluster.create_admin("sam", "support_operator");
        let a = cluster.start("a").await;
        let b = cluster.start("b").await;

        // A session made on A works on B.
        let root = new_client();
        assert_eq!(login(&a, &root, "root").await, 200);
        assert!(
            signed_in(&b, &root).await,
            "{backend:?}: A's session opens B"
        );

        // Logout on A ends the session on B, although B has it cached. The browser on B keeps
        // sending the old cookie (the logout's answer clears it only where it arrived).
        let cookie = login_cookie(&a, "root").await;
        let (on_a, on_b) = (with_cookie(&cookie), with_cookie(&cookie));
        warm(&b, &on_b).await;
        let logout = call(&a, &on_a, <app::auth::api::Logout as ServerFn>::PATH, &[]).await;
        assert!(logout < 400, "logout answered {logout}");
        assert!(!signed_in(&a, &on_a).await, "ended on A at once");
        let took = time_until_signed_out(&b, &on_b).await;
        eprintln!("{backend:?}: logout on A ended the session on B after {took:?}");

        // Disabling an admin on A ends their session on B.
        let sam = new_client();
        assert_eq!(login(&b, &sam, "sam").await, 200);
        warm(&b, &sam).await;
        let db = Database::connect(&database_url).await.unwrap();
        let sam_id = app::entities::admin::Entity::find()
            .filter(app::entities::admin::Column::Username.eq("sam"))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let disabled = call(
            &a,
            &root,
            <app::admins::api::DisableAdmin as ServerFn>::PATH,
            &[("admin_id", &sam_id.to_string())],
        )
        .await;
        assert_eq!(disabled, 200);
        let took = time_until_signed_out(&b, &sam).await;
        eprintln!("{backend:?}: disabling on A ended the session on B after {took:?}");

        // A role edit on A takes a permission away on B.
        let save_role = |role_id: String, permissions: &[app::kernel::Permission]| {
            let mut form: Vec<(String, String)> = vec![
                ("role_id".into(), role_id),
                ("name".into(), "Desk viewers".into()),
            ];
            form.extend(permissions.iter().map(|p| {
                (
                    format!("permissions[{}]", app::roles::model::permission_field(*p)),
                    "on".to_owned(),
                )
            }));
            let root = &root;
            let a = &a;
            async move {
                post(
                    a,
                    root,
                    <app::roles::api::SaveRole as ServerFn>::PATH,
                    &form,
                )
                .await
                .status()
            }
        };
        use app::kernel::Permission::ViewDepartments;
        assert_eq!(save_role(String::new(), &[ViewDepartments]).await, 200);
        let role_id = app::entities::role::Entity::find()
            .filter(app::entities::role::Column::Name.eq("Desk viewers"))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id;
        cluster.create_admin("vic", "support_operator");
        // Setting up who holds the role, before the change under test.
        app::entities::admin::Entity::update_many()
            .col_expr(
                app::entities::admin::Column::RoleId,
                sea_orm::sea_query::Expr::value(role_id),
            )
            .filter(app::entities::admin::Column::Username.eq("vic"))
            .exec(&db)
            .await
            .unwrap();
        let vic = new_client();
        assert_eq!(login(&b, &vic, "vic").await, 200);
        warm(&b, &vic).await;
        let departments = |node: &Node| {
            let url = node.url("/departments");
            let vic = vic.clone();
            async move { vic.get(url).send().await.unwrap().status().as_u16() }
        };
        assert_eq!(
            departments(&b).await,
            200,
            "cached on B with the permission"
        );
        assert_eq!(save_role(role_id.to_string(), &[]).await, 200);
        let started = Instant::now();
        while departments(&b).await == 200 {
            assert!(
                started.elapsed() < BOUND + SLACK,
                "B still allows the removed permission"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(departments(&b).await, 403);
        eprintln!(
            "{backend:?}: a role edit on A applied on B after {:?}",
            started.elapsed()
        );

        // A password change on A, logging out the other sessions, ends vic's session on B.
        let vic_on_a = new_client();
        assert_eq!(login(&a, &vic_on_a, "vic").await, 200);
        warm(&b, &vic).await;
        let changed = call(
            &a,
            &vic_on_a,
            <app::account::api::ChangeMyPassword as ServerFn>::PATH,
            &[
                ("current_password", crate::helpers::PASSWORD),
                ("password", "a brand new passphrase for vic"),
                ("password_confirmation", "a brand new passphrase for vic"),
                ("log_out_others", "on"),
            ],
        )
        .await;
        assert_eq!(changed, 200);
        let took = time_until_signed_out(&b, &vic).await;
        eprintln!("{backend:?}: a password change on A ended the session on B after {took:?}");
        assert!(signed_in(&a, &vic_on_a).await, "the changing session stays");

        // A change on A reaches a dashboard stream on B.
        let mut stream = root.get(b.url("/events/dashboard")).send().await.unwrap();
        assert_eq!(stream.status(), 200);
        let mut buffer = String::new();
        let first = next_dashboard(&mut stream, &mut buffer).await;
        let pending = first["invitations"]["pending"].as_u64().unwrap();

        // Both mail workers on: each queued email is delivered exactly once.
        let emails: Vec<String> = (0..6).map(|n| format!("nora{n}@example.com")).collect();
        for (n, email) in emails.iter().enumerate() {
            invite(if n % 2 == 0 { &a } else { &b }, &root, email).await;
        }
        let started = Instant::now();
        loop {
            let event = next_dashboard(&mut stream, &mut buffer).await;
            if event["invitations"]["pending"].as_u64() == Some(pending + 6) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "B's dashboard never showed A's invitations"
            );
        }
        drop(stream);
        let deadline = Instant::now() + Duration::from_secs(30);
        while sink.messages().len() < emails.len() {
            assert!(
                Instant::now() < deadline,
                "not every invitation was delivered"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // Both workers keep polling for a while: nothing arrives twice.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let messages = sink.messages();
        for email in &emails {
            let copies = messages
                .iter()
                .filter(|m| m.contains(&format!("To: {email}")))
                .count();
            assert_eq!(copies, 1, "{backend:?}: {email} got {copies} copies");
        }
        assert_eq!(messages.len(), emails.len());

        // The expiry job runs on both nodes every second, and records each expiry once.
        invitation::Entity::update_many()
            .col_expr(
                invitation::Column::ExpiresAt,
                sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::hours(1)),
            )
            .filter(invitation::Column::Email.is_in(emails.clone()))
            .exec(&db)
            .await
            .unwrap();
        let expired = || {
            audit_event::Entity::find()
                .filter(audit_event::Column::Action.eq("invitation.expired"))
                .count(&db)
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while expired().await.unwrap() < emails.len() as u64 {
            assert!(Instant::now() < deadline, "the expiries were not recorded");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // Several more runs on both nodes record nothing again.
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(expired().await.unwrap(), emails.len() as u64, "{backend:?}");

        // A ban made on A applies on B, even to the right password.
        let stranger = new_client();
        for _ in 0..3 {
            let status = login_with(&a, &stranger, "root", "wrong password!")
                .await
                .status()
                .as_u16();
            assert!(status == 401 || status == 429, "{status}");
        }
        assert_eq!(
            login(&b, &new_client(), "root").await,
            429,
            "{backend:?}: banned on B too"
        );

        drop(a);
        drop(b);
        db.close().await.ok();
        if let Backend::Postgres(admin_url) = &backend {
            crate::helpers::drop_postgres(admin_url, &database_url).await;
        }
    }
}
