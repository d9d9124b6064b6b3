//! Crash safety: the real server is killed with SIGKILL in the middle of a stream of invitation
//! sends and accepts, then started again. Every answered success is in the database, nothing is
//! half-written, no invitation is consumed without its account, and the outbox delivers what was
//! queued before the crash.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::entities::{admin, audit_event, invitation, mail_outbox, role};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use server_fn::ServerFn;

use crate::helpers::{Backend, backends, fresh_postgres};

const PASSWORD: &str = "a crash test passphrase";

struct Node {
    dir: std::path::PathBuf,
    port: u16,
    database_url: String,
}

impl Node {
    fn command(&self, mail_worker: bool) -> Command {
        let mut cmd = crate::cli::server(&self.dir);
        cmd.env(
            "STAFFDESK_SERVER__LISTEN",
            format!("127.0.0.1:{}", self.port),
        )
        .env(
            "STAFFDESK_SERVER__PUBLIC_URL",
            format!("http://127.0.0.1:{}", self.port),
        )
        .env("STAFFDESK_DATABASE__URL", &self.database_url)
        .env("STAFFDESK_SECURITY__BAN_AFTER_FAILURES", "0")
        .env("STAFFDESK_MAIL__WORKER", mail_worker.to_string())
        .env("STAFFDESK_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        cmd
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    // The child goes back to the caller, which kills and waits for it.
    #[allow(clippy::zombie_processes)]
    async fn start(&self, mail_worker: bool) -> Child {
        let mut child = self
            .command(mail_worker)
            .arg("serve")
            .spawn()
            .expect("server starts");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(res) = reqwest::get(self.url("/healthz")).await
                && res.status() == 200
            {
                return child;
            }
            if Instant::now() > deadline {
                child.kill().ok();
                child.wait().ok();
                panic!("the server did not come up");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn db(&self) -> DatabaseConnection {
        let mut settings = app::kernel::settings::Settings::default();
        settings.server.data_dir = self.dir.join("data");
        settings.database.url = self.database_url.clone();
        server::db::connect(&settings)
            .await
            .expect("the test reaches the database")
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// The accept link's token in a queued invitation email.
fn token_in(body: &str) -> Option<String> {
    let at = body.find("/invite/")? + "/invite/".len();
    body.get(at..at + 43).map(str::to_owned)
}

async fn crash_and_recover(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let database_url = match backend {
        Backend::Sqlite => String::new(),
        Backend::Postgres(admin_url) => fresh_postgres(admin_url).await,
    };
    let node = Node {
        dir: dir.path().to_owned(),
        port,
        database_url,
    };
    let mut create = node
        .command(false)
        .args([
            "create-admin",
            "--username",
            "root",
            "--email",
            "root@example.com",
        ])
        .args(["--first-name", "Root", "--last-name", "Admin"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(create.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(create.wait().unwrap().success(), "create-admin");

    // First life: no mail worker, so every invitation email is still queued when the crash comes.
    let mut server = node.start(false).await;
    let db = node.db().await;
    let role_id = role::Entity::find()
        .filter(role::Column::Key.eq("support_operator"))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let root = client();
    let res = root
        .post(node.url(<app::login::api::Login as ServerFn>::PATH))
        .header("Accept", "application/json")
        .form(&[("username", "root"), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let sent: Arc<Mutex<Vec<String>>> = Arc::default();
    let accepted: Arc<Mutex<Vec<String>>> = Arc::default();
    let sender = tokio::spawn({
        let (sent, url, role_id) = (
            sent.clone(),
            node.url(<app::invitations::api::SendInvitation as ServerFn>::PATH),
            role_id.clone(),
        );
        async move {
            for i in 0.. {
                let email = format!("crash{i}@example.com");
                let res = root
                    .post(&url)
                    .header("Accept", "application/json")
                    .form(&[
                        ("first_name", "Crash"),
                        ("last_name", &format!("Test {i}")),
                        ("email", &email),
                        ("role_id", &role_id),
                    ])
                    .send()
                    .await;
                match res {
                    Ok(r) if r.status() == 200 => sent.lock().unwrap().push(email),
                    Ok(r) => panic!("invitation {i} refused: {}", r.status()),
                    Err(_) => break,
                }
            }
        }
    });
    let acceptor = tokio::spawn({
        let (accepted, url, db) = (
            accepted.clone(),
            node.url(<app::invitations::api::AcceptInvitation as ServerFn>::PATH),
            db.clone(),
        );
        async move {
            let mut tried = std::collections::HashSet::new();
            'outer: loop {
                let Ok(queued) = mail_outbox::Entity::find().all(&db).await else {
                    break;
                };
                for mail in queued {
                    let Some(token) = token_in(&mail.text_body) else {
                        continue;
                    };
                    if !tried.insert(token.clone()) {
                        continue;
                    }
                    let username = format!("crash{}", tried.len());
                    let res = client()
                        .post(&url)
                        .header("Accept", "application/json")
                        .form(&[
                            ("token", token.as_str()),
                            ("username", &username),
                            ("password", PASSWORD),
                            ("password_confirmation", PASSWORD),
                        ])
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status() == 200 => accepted.lock().unwrap().push(username),
                        Ok(_) => {}
                        Err(_) => break 'outer,
                    }
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    });
    // Let the stream run until both kinds of request have succeeded a few times, then kill.
    let deadline = Instant::now() + Duration::from_secs(60);
    while sent.lock().unwrap().len() < 20 || accepted.lock().unwrap().len() < 3 {
        assert!(
            Instant::now() < deadline,
            "{backend:?}: the stream never got going"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(30), sender).await;
    let _ = tokio::time::timeout(Duration::from_secs(30), acceptor).await;
    let sent = sent.lock().unwrap().clone();
    let accepted = accepted.lock().unwrap().clone();
    let queued_at_crash = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .all(&db)
        .await
        .unwrap()
        .len();
    db.close().await.ok();

    // Second life, with the mail worker.
    let mut server = node.start(true).await;
    let db = node.db().await;
    let invitations = invitation::Entity::find().all(&db).await.unwrap();
    let outbox = mail_outbox::Entity::find().all(&db).await.unwrap();
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("invitation.sent"))
        .all(&db)
        .await
        .unwrap();
    for email in &sent {
        let row = invitations.iter().find(|i| &i.email == email);
        assert!(
            row.is_some(),
            "{backend:?}: the answered invitation to {email} is gone"
        );
    }
    for inv in &invitations {
        // All of an invitation or none of it: its email and its audit event came with it.
        assert!(
            outbox.iter().any(|m| m.invitation_id == Some(inv.id)),
            "{backend:?}: invitation {} has no email",
            inv.id
        );
        assert!(
            events.iter().any(|e| e.target_id == Some(inv.id)),
            "{backend:?}: invitation {} was not audited",
            inv.id
        );
        // A consumed token always has its account, and an account link always a consumed token.
        assert_eq!(
            inv.accepted_at.is_some(),
            inv.admin_id.is_some(),
            "{backend:?}: invitation {}",
            inv.id
        );
        if let Some(admin_id) = inv.admin_id {
            assert!(
                admin::Entity::find_by_id(admin_id)
                    .one(&db)
                    .await
                    .unwrap()
                    .is_some(),
                "{backend:?}: account {admin_id} missing"
            );
        }
    }
    for username in &accepted {
        let account = admin::Entity::find()
            .filter(admin::Column::Username.eq(username.as_str()))
            .one(&db)
            .await
            .unwrap();
        let account = account.unwrap_or_else(|| {
            panic!("{backend:?}: the answered acceptance of {username} is gone")
        });
        assert!(
            invitations
                .iter()
                .any(|i| i.admin_id == Some(account.id) && i.accepted_at.is_some())
        );
    }
    // The outbox resumes: everything queued before the crash is delivered.
    assert!(
        queued_at_crash >= sent.len(),
        "{backend:?}: {queued_at_crash} queued for {} sent",
        sent.len()
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let waiting = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::SentAt.is_null())
            .all(&db)
            .await
            .unwrap()
            .len();
        if waiting == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{backend:?}: {waiting} emails still queued after restart"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let delivered = std::fs::read_dir(node.dir.join("data/mail"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(
        delivered >= outbox.len(),
        "{backend:?}: {delivered} files for {} emails",
        outbox.len()
    );
    eprintln!(
        "{backend:?}: killed after {} answered sends and {} answered accepts; {} invitations, {queued_at_crash} emails queued at the crash, all delivered after restart",
        sent.len(),
        accepted.len(),
        invitations.len()
    );
    server.kill().ok();
    server.wait().ok();
    db.close().await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_stream_loses_no_answered_request_and_leaves_nothing_half_written() {
    for backend in backends() {
        crash_and_recover(&backend).await;
    }
}
