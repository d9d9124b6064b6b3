//! The support desk: status moves, signatures, notes, who is emailed, department scoping, search,
//! bad input and changes made at the same time.

use app::entities::{admin, admin_department, mail_outbox, ticket, ticket_count, ticket_message};
use app::tickets::api::{
    AddTicketNote, AssignTicket, ChangeTicket, GetTicket, ListTickets, OpenTicket, ReplyTicket,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app_with};

pub(crate) async fn app_without_worker(backend: &crate::helpers::Backend) -> TestApp {
    // The outbox keeps every message for the test to read.
    spawn_app_with(backend, |s| s.mail.worker = false).await
}

pub(crate) async fn join(app: &TestApp, admin_id: i32, department_id: i32, notify: bool) {
    admin_department::ActiveModel {
        admin_id: Set(admin_id),
        department_id: Set(department_id),
        notify: Set(notify),
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn set_language(app: &TestApp, admin_id: i32, language: &str) {
    admin::ActiveModel {
        id: Set(admin_id),
        language: Set(language.into()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
}

/// Opens a ticket as `client`; returns it.
pub(crate) async fn open(
    app: &TestApp,
    client: &reqwest::Client,
    department_id: i32,
    subject: &str,
    body: &str,
) -> ticket::Model {
    let department = department_id.to_string();
    let (status, json) = app
        .post_as(
            client,
            <OpenTicket as ServerFn>::PATH,
            &[
                ("department_id", department.as_str()),
                ("priority", "medium"),
                ("requester_name", "Rita Requester"),
                ("requester_email", "rita@example.net"),
                ("subject", subject),
                ("body", body),
            ],
        )
        .await;
    assert!(status < 400, "open failed: {status} {json}");
    ticket::Entity::find()
        .filter(ticket::Column::Subject.eq(subject))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the ticket was created")
}

pub(crate) async fn mail_to(app: &TestApp, to: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(to))
        .order_by_asc(mail_outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

async fn outbox_size(app: &TestApp) -> u64 {
    mail_outbox::Entity::find().count(&app.db).await.unwrap()
}

pub(crate) async fn status_of(app: &TestApp, id: i32) -> String {
    row_of(app, id).await.status
}

pub(crate) async fn row_of(app: &TestApp, id: i32) -> ticket::Model {
    ticket::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

pub(crate) async fn counted(app: &TestApp, department_id: i32, status: &str) -> i64 {
    ticket_count::Entity::find()
        .filter(ticket_count::Column::DepartmentId.eq(department_id))
        .filter(ticket_count::Column::Status.eq(status))
        .one(&app.db)
        .await
        .unwrap()
        .map_or(0, |c| c.tickets)
}

fn headers(row: &mail_outbox::Model) -> serde_json::Value {
    serde_json::from_str(&row.headers).unwrap_or_default()
}

#[tokio::test]
async fn statuses_signatures_notes_and_notifications_follow_the_rules() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        let root = app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        // Sam is in Sales with notifications on, in German; Tom is in Sales with them off.
        let sam = app.create_admin("sam", "support_operator").await;
        join(&app, sam.id, sales, true).await;
        set_language(&app, sam.id, "de").await;
        let tom = app.create_admin("tom", "support_operator").await;
        join(&app, tom.id, sales, false).await;
        // Root opens the ticket: Sam hears of it (in German), Tom and Root do not.
        join(&app, root.id, sales, true).await;
        let t = open(
            &app,
            &app.client,
            sales,
            "Printer on fire",
            "It is on fire.",
        )
        .await;
        assert_eq!(t.status, "open", "{backend:?}");
        assert!(
            app::tickets::service::is_reference(&t.reference),
            "{}",
            t.reference
        );
        assert_eq!(counted(&app, sales, "open").await, 1);
        let to_sam = mail_to(&app, &sam.email).await;
        assert_eq!(to_sam.len(), 1, "{backend:?}");
        assert!(
            to_sam[0]
                .subject
                .contains(&format!("[Ticket {}]", t.reference))
        );
        assert!(
            to_sam[0].subject.contains("Neues Ticket"),
            "{}",
            to_sam[0].subject
        );
        assert_eq!(headers(&to_sam[0])["Auto-Submitted"], "auto-generated");
        assert_eq!(headers(&to_sam[0])["In-Reply-To"], t.thread_id.as_str());
        assert!(mail_to(&app, &tom.email).await.is_empty());
        assert!(
            mail_to(&app, &root.email).await.is_empty(),
            "the actor is never told"
        );

        // Root replies with a signature: Answered, and the requester gets it with the reference.
        admin::ActiveModel {
            id: Set(root.id),
            signature: Set("Root\nAcme Support".into()),
            ..Default::default()
        }
        .update(&app.db)
        .await
        .unwrap();
        let (status, _) = app
            .post_as(
                &app.client,
                <ReplyTicket as ServerFn>::PATH,
                &[
                    ("reference", t.reference.as_str()),
                    ("body", "We are on it."),
                ],
            )
            .await;
        assert!(status < 400);
        assert_eq!(status_of(&app, t.id).await, "answered");
        // The first staff reply is the ticket's first response, for the reports.
        let answered = row_of(&app, t.id).await;
        assert!(answered.first_response_at.is_some(), "{backend:?}");
        assert_eq!(answered.first_response_admin_id, Some(root.id));
        assert_eq!(answered.closed_at, None);
        assert_eq!(counted(&app, sales, "open").await, 0);
        assert_eq!(counted(&app, sales, "answered").await, 1);
        let to_requester = mail_to(&app, "rita@example.net").await;
        assert_eq!(to_requester.len(), 1);
        assert_eq!(
            to_requester[0].subject,
            format!("[Ticket {}] Printer on fire", t.reference)
        );
        assert!(
            to_requester[0].text_body.starts_with(
                "##- Reply above this line -##\n\nWe are on it.\n\nRoot\nAcme Support"
            )
        );
        let h = headers(&to_requester[0]);
        assert!(h["Message-ID"].as_str().unwrap().starts_with('<'));
        assert_eq!(h["References"], t.thread_id.as_str());
        assert!(
            h.get("Auto-Submitted").is_none(),
            "a reply is not a notification"
        );

        // A note: no status change, no email at all.
        let before = outbox_size(&app).await;
        let (status, _) = app
            .post_as(
                &app.client,
                <AddTicketNote as ServerFn>::PATH,
                &[
                    ("reference", t.reference.as_str()),
                    ("body", "Customer is grumpy."),
                ],
            )
            .await;
        assert!(status < 400);
        assert_eq!(status_of(&app, t.id).await, "answered");
        assert_eq!(outbox_size(&app).await, before, "a note was emailed");
        let note = ticket_message::Entity::find()
            .filter(ticket_message::Column::Kind.eq("note"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(note.body, "Customer is grumpy.");

        // Assign Tom, close, then the requester writes: the ticket reopens as Customer-Reply, and
        // Sam (opted in) and Tom (assigned, though opted out) hear of it.
        let tom_id = tom.id.to_string();
        let (status, json) = app
            .post_as(
                &app.client,
                <AssignTicket as ServerFn>::PATH,
                &[
                    ("reference", t.reference.as_str()),
                    ("assignee", tom_id.as_str()),
                    ("was_assignee", ""),
                ],
            )
            .await;
        assert!(status < 400, "{json}");
        let (status, json) = app
            .post_as(
                &app.client,
                <ChangeTicket as ServerFn>::PATH,
                &[
                    ("reference", t.reference.as_str()),
                    ("status", "closed"),
                    ("was_status", "answered"),
                    ("priority", "medium"),
                    ("was_priority", "medium"),
                    ("department_id", &sales.to_string()),
                    ("was_department_id", &sales.to_string()),
                ],
            )
            .await;
        assert!(status < 400, "{json}");
        assert_eq!(status_of(&app, t.id).await, "closed");
        let closed = row_of(&app, t.id).await;
        assert!(closed.closed_at.is_some(), "closing records when");
        assert_eq!(
            closed.first_response_at, answered.first_response_at,
            "later replies keep the first response"
        );
        let desk = app::tickets::service::Desk {
            organization: "Acme",
            public_url: &app.address,
            requester_lang: app::kernel::i18n::Lang::En,
        };
        let body = app::tickets::model::MessageBody::parse("Still broken!").unwrap();
        app::tickets::service::requester_reply(
            &app.db,
            &desk,
            chrono::Utc::now(),
            &app::kernel::audit::Actor::anonymous("", ""),
            &t.reference,
            body,
            &[],
        )
        .await
        .unwrap();
        assert_eq!(status_of(&app, t.id).await, "customer_reply");
        assert_eq!(
            row_of(&app, t.id).await.closed_at,
            None,
            "a ticket that opens again is no longer closed"
        );
        assert_eq!(counted(&app, sales, "closed").await, 0);
        assert_eq!(counted(&app, sales, "customer_reply").await, 1);
        assert_eq!(mail_to(&app, &sam.email).await.len(), 2);
        let to_tom = mail_to(&app, &tom.email).await;
        assert_eq!(to_tom.len(), 1, "the assignee always hears of replies");
        assert!(
            to_tom[0].subject.contains("Rita Requester replied"),
            "{}",
            to_tom[0].subject
        );
        // Root, opted in, hears of the requester's reply too: it is not their own action.
        assert_eq!(mail_to(&app, &root.email).await.len(), 1);

        // Every step is audited with before and after.
        let actions: Vec<String> = app::entities::audit_event::Entity::find()
            .filter(app::entities::audit_event::Column::Action.starts_with("ticket."))
            .order_by_asc(app::entities::audit_event::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions,
            [
                "ticket.opened",
                "ticket.replied",
                "ticket.note_added",
                "ticket.assigned",
                "ticket.changed",
                "ticket.replied"
            ]
        );
        crate::reports::assert_totals_match_their_sources(
            &app,
            "statuses signatures notes and notifications follow the rules",
        )
        .await;
        app.stop().await;
    }
}

#[tokio::test]
async fn an_admin_outside_the_department_sees_none_of_its_tickets() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let billing = app.add_department("Billing").await;
        let t = open(&app, &app.client, sales, "Sales question", "How much?").await;
        let una = app.create_admin("una", "support_operator").await;
        join(&app, una.id, billing, true).await;
        let client = new_client();
        assert_eq!(app.login_with(&client, "una", PASSWORD).await.status(), 200);

        let (status, page) = app
            .post_as(
                &client,
                <ListTickets as ServerFn>::PATH,
                &[("status", "all")],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(page["rows"].as_array().unwrap().len(), 0, "{backend:?}");
        let (status, _) = app
            .post_as(
                &client,
                <GetTicket as ServerFn>::PATH,
                &[("reference", t.reference.as_str())],
            )
            .await;
        assert_eq!(status, 404);
        let (status, _) = app
            .post_as(
                &client,
                <ReplyTicket as ServerFn>::PATH,
                &[("reference", t.reference.as_str()), ("body", "Sneaky")],
            )
            .await;
        assert_eq!(status, 404);
        let res = client
            .get(app.url(&format!("/tickets/{}", t.reference)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        // Nor may she open one there.
        let (status, json) = app
            .post_as(
                &client,
                <OpenTicket as ServerFn>::PATH,
                &[
                    ("department_id", sales.to_string().as_str()),
                    ("priority", "low"),
                    ("requester_name", "Rita"),
                    ("requester_email", "rita@example.net"),
                    ("subject", "Elsewhere"),
                    ("body", "Hi"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{json}");
        assert_eq!(json["field"], "department_id");
        assert_eq!(
            ticket_message::Entity::find().count(&app.db).await.unwrap(),
            1,
            "nothing was written"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_keyword_finds_a_word_from_a_message_body_on_both_databases() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let hit = open(
            &app,
            &app.client,
            sales,
            "Weird noise",
            "The flux capacitor overheated.",
        )
        .await;
        open(
            &app,
            &app.client,
            sales,
            "Invoice",
            "Please resend my invoice.",
        )
        .await;
        let search = |q: &'static str| {
            let app = &app;
            async move {
                let (status, page) = app
                    .post_as(
                        &app.client,
                        <ListTickets as ServerFn>::PATH,
                        &[("status", "all"), ("q", q)],
                    )
                    .await;
                assert_eq!(status, 200, "{q}: {page}");
                page["rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["reference"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            search("capacitor").await,
            vec![hit.reference.clone()],
            "{backend:?}"
        );
        assert_eq!(
            search("noise").await,
            vec![hit.reference.clone()],
            "subjects too"
        );
        assert!(search("nothing-like-this").await.is_empty());
        // Query syntax in the keyword is only text.
        assert!(search("\" OR * NEAR( -").await.is_empty());
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_with_its_field_and_writes_nothing() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        let root = app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let billing = app.add_department("Billing").await;
        let t = open(&app, &app.client, sales, "Valid", "Valid body").await;
        let sales_id = sales.to_string();
        let long = "x".repeat(65_537);
        for (field, form) in [
            (
                "subject",
                vec![
                    ("department_id", sales_id.as_str()),
                    ("priority", "low"),
                    ("requester_name", "Rita"),
                    ("requester_email", "rita@example.net"),
                    ("subject", ""),
                    ("body", "Hi"),
                ],
            ),
            (
                "body",
                vec![
                    ("department_id", sales_id.as_str()),
                    ("priority", "low"),
                    ("requester_name", "Rita"),
                    ("requester_email", "rita@example.net"),
                    ("subject", "Hi"),
                    ("body", long.as_str()),
                ],
            ),
            (
                "priority",
                vec![
                    ("department_id", sales_id.as_str()),
                    ("priority", "urgent"),
                    ("requester_name", "Rita"),
                    ("requester_email", "rita@example.net"),
                    ("subject", "Hi"),
                    ("body", "Hi"),
                ],
            ),
            (
                "department_id",
                vec![
                    ("department_id", "99999"),
                    ("priority", "low"),
                    ("requester_name", "Rita"),
                    ("requester_email", "rita@example.net"),
                    ("subject", "Hi"),
                    ("body", "Hi"),
                ],
            ),
        ] {
            let (status, json) = app
                .post_as(&app.client, <OpenTicket as ServerFn>::PATH, &form)
                .await;
            assert_eq!(status, 422, "{field}: {json}");
            assert_eq!(json["field"], field);
            assert!(!json["message"].as_str().unwrap().is_empty());
        }
        // An assignee outside the ticket's department.
        let bea = app.create_admin("bea", "support_operator").await;
        join(&app, bea.id, billing, true).await;
        let bea_id = bea.id.to_string();
        let (status, json) = app
            .post_as(
                &app.client,
                <AssignTicket as ServerFn>::PATH,
                &[
                    ("reference", t.reference.as_str()),
                    ("assignee", bea_id.as_str()),
                ],
            )
            .await;
        assert_eq!(status, 422, "{json}");
        assert_eq!(json["field"], "assignee");
        let (status, _) = app
            .post_as(
                &app.client,
                <ChangeTicket as ServerFn>::PATH,
                &[
                    ("reference", t.reference.as_str()),
                    ("status", "shelved"),
                    ("was_status", "open"),
                    ("priority", "low"),
                    ("was_priority", "low"),
                    ("department_id", sales_id.as_str()),
                    ("was_department_id", sales_id.as_str()),
                ],
            )
            .await;
        assert_eq!(status, 422);
        assert_eq!(ticket::Entity::find().count(&app.db).await.unwrap(), 1);
        assert_eq!(
            ticket_message::Entity::find().count(&app.db).await.unwrap(),
            1
        );
        let unchanged = ticket::Entity::find_by_id(t.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(unchanged, t, "nothing was changed");
        let _ = root;
        app.stop().await;
    }
}

#[tokio::test]
async fn two_admins_changing_a_ticket_lose_nothing_silently() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let t = open(&app, &app.client, sales, "Race", "Go").await;
        let d = sales.to_string();
        let change = |status: &'static str, priority: &'static str| {
            let (app, reference, d) = (&app, t.reference.clone(), d.clone());
            async move {
                app.post_as(
                    &app.client,
                    <ChangeTicket as ServerFn>::PATH,
                    &[
                        ("reference", reference.as_str()),
                        ("status", status),
                        ("was_status", "open"),
                        ("priority", priority),
                        ("was_priority", "medium"),
                        ("department_id", d.as_str()),
                        ("was_department_id", d.as_str()),
                    ],
                )
                .await
            }
        };
        // Both forms were loaded with Open / Medium. One raises the priority, the other puts the
        // ticket on hold: different fields, so both apply.
        assert!(change("open", "high").await.0 < 400);
        assert!(change("on_hold", "medium").await.0 < 400);
        let now = ticket::Entity::find_by_id(t.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (now.status.as_str(), now.priority.as_str()),
            ("on_hold", "high")
        );
        // A third form from the same moment lowers the priority: that field changed meanwhile.
        let (status, json) = change("open", "low").await;
        assert_eq!(status, 409, "{json}");
        assert!(
            json["message"].as_str().unwrap().contains("Priority"),
            "{json}"
        );
        let after = ticket::Entity::find_by_id(t.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after, now, "the refused change wrote nothing");
        assert_eq!(counted(&app, sales, "on_hold").await, 1);
        assert_eq!(counted(&app, sales, "open").await, 0);
        crate::reports::assert_totals_match_their_sources(
            &app,
            "two admins changing a ticket lose nothing silently",
        )
        .await;
        app.stop().await;
    }
}

#[tokio::test]
async fn my_account_chooses_the_order_of_a_tickets_messages_and_the_dashboard_counts_the_desk() {
    use app::account::api::UpdateMyAccount;
    use app::dashboard::api::GetDashboard;
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        let root = app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        join(&app, root.id, sales, true).await;
        let t = open(&app, &app.client, sales, "Order", "First message").await;
        let (status, _) = app
            .post_as(
                &app.client,
                <AddTicketNote as ServerFn>::PATH,
                &[
                    ("reference", t.reference.as_str()),
                    ("body", "Second message"),
                ],
            )
            .await;
        assert!(status < 400);
        let bodies = |json: serde_json::Value| -> Vec<String> {
            json["messages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["body"].as_str().unwrap().to_owned())
                .collect()
        };
        let (_, json) = app
            .post_as(
                &app.client,
                <GetTicket as ServerFn>::PATH,
                &[("reference", t.reference.as_str())],
            )
            .await;
        assert_eq!(
            bodies(json),
            ["First message", "Second message"],
            "{backend:?}"
        );
        let (status, json) = app
            .post_as(
                &app.client,
                <UpdateMyAccount as ServerFn>::PATH,
                &[
                    ("first_name", "Test"),
                    ("last_name", "root"),
                    ("email", root.email.as_str()),
                    ("language", "en"),
                    ("tickets_newest_first", "on"),
                    ("current_password", PASSWORD),
                ],
            )
            .await;
        assert!(status < 400, "{json}");
        let (_, json) = app
            .post_as(
                &app.client,
                <GetTicket as ServerFn>::PATH,
                &[("reference", t.reference.as_str())],
            )
            .await;
        assert_eq!(bodies(json), ["Second message", "First message"]);

        // The Dashboard's support widget: awaiting reply per department, and the oldest waiting.
        let (status, dashboard) = app
            .post_as(
                &app.client,
                <GetDashboard as ServerFn>::PATH,
                &[] as &[(&str, &str)],
            )
            .await;
        assert_eq!(status, 200, "{dashboard}");
        assert_eq!(
            dashboard["support"]["awaiting"],
            serde_json::json!([["Sales", 1]])
        );
        assert_eq!(dashboard["support"]["oldest"][0], t.reference.as_str());
        app.stop().await;
    }
}

/// A staff reply and a requester reply racing on one ticket: the counters always match the
/// ticket's real status (each writer takes the row in turn).
#[tokio::test]
async fn racing_replies_keep_the_status_counters_true() {
    use app::tickets::model::MessageBody;
    use app::tickets::service::{self, Desk, Scope};
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        let root = app.login_as_full_admin().await;
        let viewer = app.actor(root.id).await;
        let sales = app.add_department("Sales").await;
        let desk = Desk {
            organization: "Acme",
            public_url: &app.address,
            requester_lang: app::kernel::i18n::Lang::En,
        };
        let actor = app::kernel::audit::Actor::anonymous("", "");
        for round in 0..6 {
            let t = open(&app, &app.client, sales, &format!("Race {round}"), "Go").await;
            let staff = service::reply(
                &app.db,
                &desk,
                chrono::Utc::now(),
                &actor,
                &viewer,
                &Scope::All,
                &t.reference,
                MessageBody::parse("From staff").unwrap(),
                None,
                &[],
            );
            let requester = service::requester_reply(
                &app.db,
                &desk,
                chrono::Utc::now(),
                &actor,
                &t.reference,
                MessageBody::parse("From the requester").unwrap(),
                &[],
            );
            let (a, b) = tokio::join!(staff, requester);
            a.unwrap();
            b.unwrap();
        }
        let tickets = ticket::Entity::find().all(&app.db).await.unwrap();
        for status in ["open", "answered", "customer_reply"] {
            let real = tickets.iter().filter(|t| t.status == status).count() as i64;
            assert_eq!(
                counted(&app, sales, status).await,
                real,
                "{backend:?} {status}"
            );
        }
        crate::reports::assert_totals_match_their_sources(
            &app,
            "racing replies keep the status counters true",
        )
        .await;
        app.stop().await;
    }
}

/// Walking the default view (awaiting reply: two statuses merged) page by page shows every such
/// ticket exactly once, newest reply first.
#[tokio::test]
async fn the_queue_pages_through_every_awaiting_ticket_exactly_once() {
    use server::seed::{Volume, seed};
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        let root = app.login_as_full_admin().await;
        app.add_department("Sales").await;
        let volume = Volume {
            tickets: 400,
            messages_per_ticket: 1,
            ..Volume::default()
        };
        seed(
            &app.db,
            volume,
            "walk",
            &root.password_hash,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let mut expected: Vec<(chrono::DateTime<chrono::Utc>, i32, String)> =
            ticket::Entity::find()
                .filter(ticket::Column::Status.is_in(["open", "customer_reply"]))
                .all(&app.db)
                .await
                .unwrap()
                .into_iter()
                .map(|t| (t.last_reply_at, t.id, t.reference))
                .collect();
        expected.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
        let expected: Vec<String> = expected.into_iter().map(|e| e.2).collect();
        assert!(expected.len() > 100, "{}", expected.len());
        let mut seen = Vec::new();
        let mut after = String::new();
        loop {
            let mut form = vec![];
            if !after.is_empty() {
                form.push(("after", after.as_str()));
            }
            let (status, page) = app
                .post_as(&app.client, <ListTickets as ServerFn>::PATH, &form)
                .await;
            assert_eq!(status, 200, "{page}");
            let rows = page["rows"].as_array().unwrap();
            assert!(rows.len() <= 50);
            seen.extend(
                rows.iter()
                    .map(|r| r["reference"].as_str().unwrap().to_owned()),
            );
            match page["next"].as_str() {
                Some(next) => after = next.to_owned(),
                None => break,
            }
        }
        assert_eq!(seen, expected, "{backend:?}");
        app.stop().await;
    }
}
