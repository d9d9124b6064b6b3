//! Email in: each kind of message `server pipe` may receive, from fixtures, on both databases.
//! None of them may create a duplicate ticket.

use app::entities::{mail_import, ticket, ticket_attachment, ticket_message};
use app::tickets::inbound::{InboundError, Mailroom, Outcome, receive};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::helpers::{TestApp, backends};
use crate::tickets::{app_without_worker, mail_to, open};

const PNG_BASE64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ";

fn room(app: &TestApp, settings: &app::kernel::settings::Settings) -> Mailroom<'static> {
    let settings: &'static app::kernel::settings::Settings = Box::leak(Box::new({
        let mut s = settings.clone();
        s.server.data_dir = app.dir.path().join("data");
        s.mail.from = "Acme Support <support@acme.test>".into();
        s
    }));
    Mailroom::from_settings(settings)
}

fn message(headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut out = String::new();
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

async fn tickets(app: &TestApp) -> u64 {
    ticket::Entity::find().count(&app.db).await.unwrap()
}

async fn last_body(app: &TestApp, ticket_id: i32) -> String {
    ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .order_by_desc(ticket_message::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .body
}

#[tokio::test]
async fn each_kind_of_message_gets_its_outcome_and_none_duplicates_a_ticket() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let settings = app::kernel::settings::Settings::default();
        let room = room(&app, &settings);
        let now = chrono::Utc::now();
        let new_ticket = message(
            &[
                ("From", "Nora Newcomer <nora@example.org>"),
                ("To", "Sales <sales@example.com>"),
                ("Subject", "Quote for 20 servers"),
                ("Message-ID", "<first@example.org>"),
                ("Content-Type", "text/plain; charset=utf-8"),
            ],
            "Hello, please send a quote.\r\n",
        );
        // A new ticket, in the department it was addressed to.
        let outcome = receive(&app.db, &room, now, &new_ticket).await.unwrap();
        let Outcome::NewTicket(reference) = &outcome else {
            panic!("{backend:?}: {outcome:?}")
        };
        let created = ticket::Entity::find()
            .filter(ticket::Column::Reference.eq(&reference[..10]))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(created.department_id, sales);
        assert_eq!(created.requester_email, "nora@example.org");
        assert_eq!(created.requester_name, "Nora Newcomer");
        assert_eq!(created.subject, "Quote for 20 servers");
        // The same message again: a duplicate, ignored.
        assert_eq!(
            receive(&app.db, &room, now, &new_ticket).await.unwrap(),
            Outcome::Duplicate
        );
        assert_eq!(tickets(&app).await, 1);
        // A reply matched by In-Reply-To against the desk's own Message-ID; the quote is trimmed.
        let t = open(&app, &app.client, sales, "Printer on fire", "Help").await;
        let (status, _) = app
            .post_as(
                &app.client,
                <app::tickets::api::ReplyTicket as server_fn::ServerFn>::PATH,
                &[("reference", t.reference.as_str()), ("body", "Unplug it.")],
            )
            .await;
        assert!(status < 400);
        let sent = mail_to(&app, "rita@example.net").await;
        let headers: serde_json::Value = serde_json::from_str(&sent[0].headers).unwrap();
        let sent_id = headers["Message-ID"].as_str().unwrap().to_owned();
        let quoted = format!(
            "Done, it is out.\r\n\r\nOn Mon, Acme Support wrote:\r\n> {}\r\n> Unplug it.\r\n",
            app::tickets::inbound::REPLY_ABOVE
        );
        let reply = message(
            &[
                ("From", "Rita Requester <Rita@Example.net>"),
                ("To", "support@acme.test"),
                ("Subject", "Re: something else entirely"),
                ("Message-ID", "<r1@example.net>"),
                ("In-Reply-To", &sent_id),
            ],
            &quoted,
        );
        assert_eq!(
            receive(&app.db, &room, now, &reply).await.unwrap(),
            Outcome::Reply(t.reference.clone())
        );
        assert_eq!(last_body(&app, t.id).await, "Done, it is out.");
        let status = ticket::Entity::find_by_id(t.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .status;
        assert_eq!(status, "customer_reply");
        // An answer to the desk's mail from someone else (a colleague, an autoresponder) opens
        // nothing, so no loop can start.
        let colleague = message(
            &[
                ("From", "sam@acme.test"),
                ("To", "sales@example.com"),
                ("Subject", "Re: notification"),
                ("In-Reply-To", &sent_id),
            ],
            "Thanks!\r\n",
        );
        assert!(matches!(
            receive(&app.db, &room, now, &colleague).await.unwrap(),
            Outcome::Refused(_)
        ));
        let vacation = message(
            &[
                ("From", "rita@example.net"),
                ("To", "sales@example.com"),
                ("Subject", "Away"),
                ("X-Autoreply", "yes"),
            ],
            "Back on Monday.\r\n",
        );
        assert!(matches!(
            receive(&app.db, &room, now, &vacation).await.unwrap(),
            Outcome::Loop(_)
        ));
        // Two deliveries of one message at the same time: one ticket.
        let twice = message(
            &[
                ("From", "ivy@example.org"),
                ("To", "sales@example.com"),
                ("Subject", "Sent to two addresses"),
                ("Message-ID", "<twice@example.org>"),
            ],
            "Hello twice.\r\n",
        );
        let (a, b) = tokio::join!(
            receive(&app.db, &room, now, &twice),
            receive(&app.db, &room, now, &twice)
        );
        let outcomes = [a.unwrap(), b.unwrap()];
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| matches!(o, Outcome::NewTicket(_)))
                .count(),
            1,
            "{backend:?} {outcomes:?}"
        );
        assert!(outcomes.contains(&Outcome::Duplicate));
        // A reply matched only by the reference in its subject, in ISO-8859-1.
        let latin1 = {
            let mut m = message(
                &[
                    ("From", "rita@example.net"),
                    ("To", "sales@example.com"),
                    (
                        "Subject",
                        &format!("AW: [Ticket {}] Printer on fire", t.reference),
                    ),
                    ("Message-ID", "<r2@example.net>"),
                    ("Content-Type", "text/plain; charset=iso-8859-1"),
                    ("Content-Transfer-Encoding", "8bit"),
                ],
                "",
            );
            m.extend_from_slice(b"Gr\xfc\xdfe, es geht wieder.\r\n");
            m
        };
        assert_eq!(
            receive(&app.db, &room, now, &latin1).await.unwrap(),
            Outcome::Reply(t.reference.clone())
        );
        assert_eq!(last_body(&app, t.id).await, "Grüße, es geht wieder.");
        // A stranger quoting the reference opens a ticket of their own.
        let stranger = message(
            &[
                ("From", "Mallory <mallory@evil.test>"),
                ("To", "sales@example.com"),
                (
                    "Subject",
                    &format!("Re: [Ticket {}] Printer on fire", t.reference),
                ),
                ("Message-ID", "<m1@evil.test>"),
            ],
            "Let me in.\r\n",
        );
        let outcome = receive(&app.db, &room, now, &stranger).await.unwrap();
        assert!(
            matches!(outcome, Outcome::NewTicket(ref r) if !r.starts_with(&t.reference)),
            "{outcome:?}"
        );
        assert_ne!(last_body(&app, t.id).await, "Let me in.");
        // Loops: auto-replies, bulk mail, our own address.
        for (name, value) in [("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")] {
            let auto = message(
                &[
                    ("From", "rita@example.net"),
                    ("To", "sales@example.com"),
                    ("Subject", "Out of office"),
                    (name, value),
                ],
                "I am away.\r\n",
            );
            assert!(matches!(
                receive(&app.db, &room, now, &auto).await.unwrap(),
                Outcome::Loop(_)
            ));
        }
        let own = message(
            &[
                ("From", "Acme Support <SUPPORT@acme.test>"),
                ("To", "sales@example.com"),
                ("Subject", "Hello"),
            ],
            "Ourselves.\r\n",
        );
        assert!(matches!(
            receive(&app.db, &room, now, &own).await.unwrap(),
            Outcome::Loop(_)
        ));
        // An attachment follows the rules: the picture is kept, the program is not.
        let with_files = message(
            &[
                ("From", "rita@example.net"),
                ("To", "sales@example.com"),
                ("Subject", "Screenshot"),
                ("Message-ID", "<f1@example.net>"),
                ("MIME-Version", "1.0"),
                ("Content-Type", "multipart/mixed; boundary=\"XX\""),
            ],
            &format!(
                "--XX\r\nContent-Type: text/plain\r\n\r\nSee the picture.\r\n\
                 --XX\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"../shot.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{PNG_BASE64}\r\n\
                 --XX\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"invoice.pdf.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA//8AAA==\r\n\
                 --XX--\r\n"
            ),
        );
        let outcome = receive(&app.db, &room, now, &with_files).await.unwrap();
        let Outcome::NewTicket(note) = &outcome else {
            panic!("{outcome:?}")
        };
        assert!(note.contains("invoice.pdf.exe"), "{note}");
        let files = ticket_attachment::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].file_name, "shot.png");
        assert_eq!(files[0].content_type, "image/png");
        // Mail to no department's address is refused, and kept to retry.
        let nowhere = message(
            &[
                ("From", "x@example.org"),
                ("To", "nobody@example.com"),
                ("Subject", "Hi"),
            ],
            "Anyone?\r\n",
        );
        assert!(matches!(
            receive(&app.db, &room, now, &nowhere).await.unwrap(),
            Outcome::Refused(_)
        ));
        // Not an email at all: an error for the MTA, and a row in the log.
        let malformed = receive(&app.db, &room, now, b"\x00\x01 garbage without headers").await;
        assert!(
            matches!(malformed, Err(InboundError::Malformed(_))),
            "{malformed:?}"
        );
        // Four new tickets (Nora, Ivy, Mallory, the screenshot), one opened by staff, nothing twice.
        assert_eq!(tickets(&app).await, 5);
        let log = mail_import::Entity::find().count(&app.db).await.unwrap();
        assert_eq!(log, 15, "every message has its row");
        let raw = mail_import::Entity::find()
            .filter(mail_import::Column::MessageId.eq("<first@example.org>"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .raw;
        assert_eq!(raw, new_ticket, "the message is kept as it came");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_refused_message_can_be_retried_from_the_log() {
    use app::tickets::imports::{ListMailImports, RetryMailImport};
    use server_fn::ServerFn;
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let settings = app::kernel::settings::Settings::default();
        let room = room(&app, &settings);
        let lost = message(
            &[
                ("From", "Ola <ola@example.org>"),
                ("To", "help@example.com"),
                ("Subject", "Lost"),
                ("Message-ID", "<lost@example.org>"),
            ],
            "Is this the right address?\r\n",
        );
        assert!(matches!(
            receive(&app.db, &room, chrono::Utc::now(), &lost)
                .await
                .unwrap(),
            Outcome::Refused(_)
        ));
        // The department takes that address, and staff retry from the log.
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        app::entities::department::ActiveModel {
            id: Set(sales),
            email: Set("help@example.com".into()),
            ..Default::default()
        }
        .update(&app.db)
        .await
        .unwrap();
        let (_, log) = app
            .post_as(
                &app.client,
                <ListMailImports as ServerFn>::PATH,
                &[("", "")][..0],
            )
            .await;
        assert_eq!(log["rows"][0]["outcome"], "refused");
        let id = log["rows"][0]["id"].to_string();
        let (status, body) = app
            .post_as(
                &app.client,
                <RetryMailImport as ServerFn>::PATH,
                &[("id", id.as_str())],
            )
            .await;
        assert!(status < 400, "{backend:?} {body}");
        assert_eq!(tickets(&app).await, 1);
        let (_, log) = app
            .post_as(
                &app.client,
                <ListMailImports as ServerFn>::PATH,
                &[("", "")][..0],
            )
            .await;
        assert_eq!(log["rows"][0]["outcome"], "new_ticket");
        // A message is retried once: a second click (or a racing one) does nothing.
        let (status, _) = app
            .post_as(
                &app.client,
                <RetryMailImport as ServerFn>::PATH,
                &[("id", id.as_str())],
            )
            .await;
        assert_eq!(status, 404);
        assert_eq!(tickets(&app).await, 1);
        app.stop().await;
    }
}
