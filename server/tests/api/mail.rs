//! The outbox delivering through a real SMTP server process (aiosmtpd) on loopback.

use std::path::Path;
use std::time::Duration;

use app::entities::mail_outbox;
use app::invitations::model::NewInvitation;
use app::invitations::service::{self, InviteSettings, Inviter};
use app::kernel::settings::{MailTransport, Settings};
use chrono::Utc;
use sea_orm::EntityTrait;
use server::mail::{Mailer, deliver_due};

use crate::helpers::{SmtpSink, backends, free_port, spawn_app_with};

fn smtp_settings(data_dir: &Path, port: u16) -> Settings {
    let mut s = Settings::default();
    s.server.data_dir = data_dir.to_path_buf();
    s.mail.transport = MailTransport::Smtp;
    s.mail.smtp_host = "127.0.0.1".into();
    s.mail.smtp_port = port;
    s.mail.from = "Staffdesk <staffdesk@example.com>".into();
    s
}

fn invite_settings(public_url: &str) -> InviteSettings {
    InviteSettings {
        public_url: public_url.into(),
        organization: "Acme Hosting".into(),
        validity_days: 7,
        language: "en".into(),
    }
}

fn bob() -> NewInvitation {
    NewInvitation::parse(
        "Bob",
        "Builder",
        "bob@example.com",
        "",
        "2",
        &Default::default(),
        &Default::default(),
    )
    .unwrap()
}

#[tokio::test]
async fn the_invitation_email_arrives_over_smtp_with_the_right_link() {
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| s.mail.worker = false).await;
        let sink = SmtpSink::start(app.dir.path(), free_port());
        let mailer = Mailer::from_settings(&smtp_settings(app.dir.path(), sink.port)).unwrap();
        let now = Utc::now();
        let inviter = Inviter {
            name: Some("Ada Admin".into()),
            ..Inviter::SYSTEM
        };
        let (_, token) = service::send(
            &app.db,
            now,
            &invite_settings("https://admin.example.com"),
            &inviter,
            bob(),
        )
        .await
        .unwrap();
        assert_eq!(
            deliver_due(&app.db, &mailer, now).await.unwrap(),
            1,
            "{backend:?}"
        );
        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        let raw = messages[0].replace("=\r\n", "").replace("=\n", "");
        assert!(
            raw.contains("Subject: You've been invited to use Staffdesk"),
            "{raw}"
        );
        assert!(raw.contains("To: bob@example.com"));
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains(&format!(
            "https://admin.example.com/invite/{}",
            token.expose()
        )));
        assert!(raw.contains("Ada Admin of Acme Hosting"));
        let row = mail_outbox::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(row.sent_at.is_some());
        // Delivered mail is not sent again.
        assert_eq!(
            deliver_due(&app.db, &mailer, now + chrono::Duration::hours(2))
                .await
                .unwrap(),
            0
        );
        assert_eq!(sink.messages().len(), 1);
        app.stop().await;
    }
}

#[tokio::test]
async fn with_the_smtp_server_down_the_outbox_retries_and_delivers_once_it_is_back() {
    let app = spawn_app_with(&backends()[0], |s| s.mail.worker = false).await;
    let port = free_port();
    let mailer = Mailer::from_settings(&smtp_settings(app.dir.path(), port)).unwrap();
    let t0 = Utc::now();
    let (inv, _) = service::send(
        &app.db,
        t0,
        &invite_settings(&app.address),
        &Inviter::SYSTEM,
        bob(),
    )
    .await
    .unwrap();
    assert_eq!(deliver_due(&app.db, &mailer, t0).await.unwrap(), 0);
    let row = mail_outbox::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());
    assert_eq!(row.next_attempt_at, t0 + chrono::Duration::seconds(30));
    assert_eq!(
        row.invitation_id,
        Some(inv.id),
        "the invitation itself is saved"
    );
    let html = {
        app.create_admin("root", "full_administrator").await;
        let client = crate::helpers::new_client();
        app.login_with(&client, "root", crate::helpers::PASSWORD)
            .await;
        client
            .get(app.url("/admins"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    assert!(
        html.contains("Failed"),
        "the list shows the failure: {html}"
    );

    let sink = SmtpSink::start(app.dir.path(), port);
    // Not due yet: nothing is attempted before the backoff ends.
    assert_eq!(
        deliver_due(&app.db, &mailer, t0 + chrono::Duration::seconds(10))
            .await
            .unwrap(),
        0
    );
    assert!(sink.messages().is_empty());
    assert_eq!(
        deliver_due(&app.db, &mailer, t0 + chrono::Duration::seconds(31))
            .await
            .unwrap(),
        1
    );
    assert_eq!(sink.messages().len(), 1);
    let row = mail_outbox::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.attempts, 2);
    assert!(row.sent_at.is_some());
    app.stop().await;
}

#[tokio::test]
async fn writes_racing_two_workers_never_cause_a_second_delivery() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| s.mail.worker = false).await;
        let sink = SmtpSink::start(app.dir.path(), free_port());
        let mailer = Mailer::from_settings(&smtp_settings(app.dir.path(), sink.port)).unwrap();
        let now = Utc::now();
        const MESSAGES: usize = 12;
        for i in 0..MESSAGES {
            let message = app::kernel::outbox::Message {
                headers: Vec::new(),
                to: format!("person{i}@example.com"),
                subject: format!("Message {i}"),
                text: "Hello".into(),
                html: "<p>Hello</p>".into(),
            };
            app::kernel::outbox::queue(&app.db, now, message, None)
                .await
                .unwrap();
        }
        // Other writes land all the time while the workers deliver, as on a busy server.
        let stop = Arc::new(AtomicBool::new(false));
        let writer = tokio::spawn({
            let (db, stop) = (app.db.clone(), stop.clone());
            async move {
                let mut writes = 0;
                while !stop.load(Ordering::Relaxed) {
                    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
                    app::entities::login_failure::ActiveModel {
                        ip: Set("192.0.2.1".into()),
                        username: Set(format!("racer{writes}")),
                        at: Set(Utc::now()),
                        ..Default::default()
                    }
                    .insert(&db)
                    .await
                    .unwrap();
                    writes += 1;
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
                writes
            }
        });
        // Two nodes' workers at once, each going over the queue twice.
        let worker = || async {
            let mut sent = 0;
            for _ in 0..2 {
                sent += deliver_due(&app.db, &mailer, now).await.unwrap_or(0);
            }
            sent
        };
        let (a, b) = tokio::join!(worker(), worker());
        stop.store(true, Ordering::Relaxed);
        let writes = writer.await.unwrap();
        assert!(writes > 0, "no write raced the workers");
        // Anything a failed mark left behind would be tried again later: let that happen too.
        let later = deliver_due(&app.db, &mailer, now + chrono::Duration::hours(1))
            .await
            .unwrap();
        let delivered = sink.messages().len();
        assert_eq!(
            delivered, MESSAGES,
            "{backend:?}: {delivered} deliveries of {MESSAGES} messages ({a} + {b} + {later} counted as sent, {writes} racing writes)"
        );
        let unsent = mail_outbox::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.sent_at.is_none())
            .count();
        assert_eq!(unsent, 0, "{backend:?}");
        app.stop().await;
    }
}
