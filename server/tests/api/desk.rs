//! The support desk's tools: merging, bulk actions, auto-close, attachments, and replies written
//! while the thread moved on.

use app::entities::{audit_event, ticket, ticket_attachment, ticket_message};
use app::tickets::api::{AddTicketNote, BulkTickets, GetTicket, ReplyTicket};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app_with};
use crate::tickets::{app_without_worker, counted, join, mail_to, open, status_of};

async fn thread(app: &TestApp, ticket_id: i32) -> Vec<String> {
    app::tickets::service::messages(&app.db, ticket_id, false)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.body)
        .collect()
}

async fn reload(app: &TestApp, id: i32) -> ticket::Model {
    ticket::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn reply(app: &TestApp, client: &reqwest::Client, reference: &str, body: &str) -> u16 {
    app.post_as(
        client,
        <ReplyTicket as ServerFn>::PATH,
        &[("reference", reference), ("body", body)],
    )
    .await
    .0
}

async fn bulk(
    app: &TestApp,
    client: &reqwest::Client,
    references: &[&str],
    action: &str,
) -> (u16, serde_json::Value) {
    let mut form: Vec<(String, String)> = references
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("tickets[{i}]"), (*r).to_owned()))
        .collect();
    form.push(("action".into(), action.into()));
    app.post_as(client, <BulkTickets as ServerFn>::PATH, &form)
        .await
}

/// The first `activity` event of a ticket's stream, as JSON.
async fn first_activity(
    app: &TestApp,
    client: &reqwest::Client,
    reference: &str,
    seen: &str,
) -> serde_json::Value {
    let mut res = client
        .get(app.url(&format!("/events/tickets/{reference}?seen={seen}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mut text = String::new();
    while !text.contains("\n\n") {
        let chunk = res
            .chunk()
            .await
            .unwrap()
            .expect("the stream sends an event");
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(text.starts_with("event: activity\n"), "{text}");
    let data = text
        .lines()
        .find_map(|l| l.strip_prefix("data: "))
        .expect("an event has data");
    serde_json::from_str(data).unwrap()
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .count(&app.db)
        .await
        .unwrap()
}

/// Makes the next update that marks ticket `id` as merged fail, as a crash midway would.
async fn fail_merging(app: &TestApp, id: i32) {
    let sql = match app.db.get_database_backend() {
        DbBackend::Postgres => vec![
            format!(
                "CREATE FUNCTION fail_merge() RETURNS trigger AS $$ BEGIN \
                 IF NEW.id = {id} AND NEW.merged_into_id IS NOT NULL THEN RAISE EXCEPTION 'boom'; END IF; \
                 RETURN NEW; END $$ LANGUAGE plpgsql"
            ),
            "CREATE TRIGGER fail_merge BEFORE UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION fail_merge()".to_owned(),
        ],
        _ => vec![format!(
            "CREATE TRIGGER fail_merge BEFORE UPDATE OF merged_into_id ON tickets \
             WHEN NEW.id = {id} AND NEW.merged_into_id IS NOT NULL BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )],
    };
    for statement in sql {
        app.db.execute_unprepared(&statement).await.unwrap();
    }
}

#[tokio::test]
async fn merging_keeps_every_message_in_time_order_and_old_references_lead_to_the_merged_ticket() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        // Two conversations of one requester, written in turns.
        let first = open(&app, &app.client, sales, "Printer broken", "A1").await;
        let second = open(&app, &app.client, sales, "Printer still broken", "B1").await;
        assert!(reply(&app, &app.client, &second.reference, "B2").await < 400);
        assert!(reply(&app, &app.client, &first.reference, "A2").await < 400);
        // Staff answered the second conversation first: that is the merged ticket's first response.
        let answered_first = reload(&app, second.id).await.first_response_at;
        assert!(answered_first.is_some());
        assert!(reload(&app, first.id).await.first_response_at > answered_first);
        let (status, body) = bulk(
            &app,
            &app.client,
            &[&second.reference, &first.reference],
            "merge",
        )
        .await;
        assert!(status < 400, "{backend:?}: {status} {body}");
        // The oldest ticket holds every message, in the order they were written, and a note.
        let merged = thread(&app, first.id).await;
        assert_eq!(merged.len(), 5, "{merged:?}");
        assert!(merged[0] == "A1" && merged[1] == "B1", "{merged:?}");
        assert!(
            merged[2].starts_with("B2") && merged[3].starts_with("A2"),
            "{merged:?}"
        );
        assert_eq!(
            reload(&app, first.id).await.first_response_at,
            answered_first
        );
        assert!(merged[4].contains(&second.reference), "{merged:?}");
        // The other is closed with a note, and its reference leads to the merged ticket.
        let other = reload(&app, second.id).await;
        assert_eq!(other.status, "closed");
        assert_eq!(other.merged_into_id, Some(first.id));
        assert_eq!(thread(&app, second.id).await.len(), 1);
        assert_eq!(counted(&app, sales, "closed").await, 1);
        assert_eq!(counted(&app, sales, "answered").await, 1);
        let (status, view) = app
            .post_as(
                &app.client,
                <GetTicket as ServerFn>::PATH,
                &[("reference", second.reference.as_str())],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(view["reference"], first.reference.as_str());
        let page = app
            .client
            .get(app.url(&format!("/tickets/{}", second.reference)))
            .header("Accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 302);
        assert!(
            page.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with(&format!("/tickets/{}", first.reference))
        );
        // A reply to the old reference lands in the merged ticket.
        assert!(reply(&app, &app.client, &second.reference, "A3").await < 400);
        assert_eq!(thread(&app, first.id).await.len(), 6);
        assert_eq!(audited(&app, "ticket.merged").await, 2);
        crate::reports::assert_totals_match_their_sources(&app, "merging keeps every message in time order and old references lead to the merged ticket").await;
        app.stop().await;
    }
}

#[tokio::test]
async fn a_merge_is_refused_across_requesters_and_a_failure_midway_leaves_nothing_merged() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let a = open(&app, &app.client, sales, "One", "first").await;
        let b = open(&app, &app.client, sales, "Two", "second").await;
        let c = open(&app, &app.client, sales, "Three", "third").await;
        // Another requester's ticket cannot join.
        ticket::Entity::update_many()
            .col_expr(
                ticket::Column::RequesterEmail,
                Expr::value("else@example.net"),
            )
            .filter(ticket::Column::Id.eq(c.id))
            .exec(&app.db)
            .await
            .unwrap();
        let (status, body) = bulk(&app, &app.client, &[&a.reference, &c.reference], "merge").await;
        assert_eq!(status, 422, "{body}");
        let (status, _) = bulk(&app, &app.client, &[&a.reference], "merge").await;
        assert_eq!(status, 422);
        // A fourth ticket of Rita's fails as it is merged, after `b` was already moved.
        let d = open(&app, &app.client, sales, "Four", "fourth").await;
        fail_merging(&app, d.id).await;
        let (status, _) = bulk(
            &app,
            &app.client,
            &[&a.reference, &b.reference, &d.reference],
            "merge",
        )
        .await;
        assert_eq!(status, 500);
        for (t, body) in [(&a, "first"), (&b, "second"), (&d, "fourth")] {
            assert_eq!(
                thread(&app, t.id).await,
                vec![body.to_owned()],
                "{backend:?}"
            );
            let now = reload(&app, t.id).await;
            assert_eq!(now.status, "open");
            assert_eq!(now.merged_into_id, None);
        }
        assert_eq!(counted(&app, sales, "open").await, 4);
        assert_eq!(audited(&app, "ticket.merged").await, 0);
        app.stop().await;
    }
}

#[tokio::test]
async fn bulk_actions_check_every_ticket_and_apply_to_all_or_none() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let billing = app.add_department("Billing").await;
        let sam = app.create_admin("sam", "support_operator").await;
        join(&app, sam.id, sales, false).await;
        let s1 = open(&app, &app.client, sales, "S1", "x").await;
        let s2 = open(&app, &app.client, sales, "S2", "x").await;
        let b1 = open(&app, &app.client, billing, "B1", "x").await;
        let client = new_client();
        assert_eq!(app.login_with(&client, "sam", PASSWORD).await.status(), 200);
        // Billing is not Sam's: the whole batch is refused, naming the ticket.
        let (status, body) = bulk(
            &app,
            &client,
            &[&s1.reference, &b1.reference, &s2.reference],
            "close",
        )
        .await;
        assert_eq!(status, 404, "{body}");
        assert!(body["message"].as_str().unwrap().contains(&b1.reference));
        for t in [&s1, &s2, &b1] {
            assert_eq!(status_of(&app, t.id).await, "open");
        }
        // Moving to a department Sam cannot see is refused for all.
        let (status, _) = bulk(
            &app,
            &client,
            &[&s1.reference, &s2.reference],
            &format!("department:{billing}"),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(reload(&app, s1.id).await.department_id, sales);
        // Within Sam's departments, every ticket changes, each audited.
        let (status, body) = bulk(
            &app,
            &client,
            &[&s1.reference, &s2.reference],
            "priority:high",
        )
        .await;
        assert!(status < 400, "{body}");
        let (status, _) = bulk(&app, &client, &[&s1.reference, &s2.reference], "assign:me").await;
        assert!(status < 400);
        let (status, _) = bulk(&app, &client, &[&s1.reference, &s2.reference], "close").await;
        assert!(status < 400);
        for t in [&s1, &s2] {
            let now = reload(&app, t.id).await;
            assert_eq!(
                (now.priority.as_str(), now.status.as_str()),
                ("high", "closed")
            );
            assert_eq!(now.assigned_admin_id, Some(sam.id));
        }
        assert_eq!(counted(&app, sales, "closed").await, 2);
        assert_eq!(audited(&app, "ticket.changed").await, 4);
        assert_eq!(audited(&app, "ticket.assigned").await, 2);
        let (status, _) = bulk(&app, &client, &[&s1.reference], "status:bogus").await;
        assert_eq!(status, 422);
        let (status, _) = bulk(&app, &client, &[], "close").await;
        assert_eq!(status, 422);
        crate::reports::assert_totals_match_their_sources(
            &app,
            "bulk actions check every ticket and apply to all or none",
        )
        .await;
        app.stop().await;
    }
}

#[tokio::test]
async fn auto_close_closes_each_answered_ticket_once_even_when_two_jobs_race() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let answered = open(&app, &app.client, sales, "Answered long ago", "x").await;
        let on_hold = open(&app, &app.client, sales, "On hold", "x").await;
        let recent = open(&app, &app.client, sales, "Answered lately", "x").await;
        let waiting = open(&app, &app.client, sales, "Waiting for us", "x").await;
        for t in [&answered, &on_hold, &recent] {
            assert!(reply(&app, &app.client, &t.reference, "Done?").await < 400);
        }
        ticket::Entity::update_many()
            .col_expr(ticket::Column::Status, Expr::value("on_hold"))
            .filter(ticket::Column::Id.eq(on_hold.id))
            .exec(&app.db)
            .await
            .unwrap();
        app::tickets::service::count(&app.db, sales, app::tickets::model::Status::Answered, -1)
            .await
            .unwrap();
        app::tickets::service::count(&app.db, sales, app::tickets::model::Status::OnHold, 1)
            .await
            .unwrap();
        let now = chrono::Utc::now() + chrono::Duration::hours(100);
        // `recent` was answered 10 hours before the injected clock's now.
        ticket::Entity::update_many()
            .col_expr(
                ticket::Column::LastReplyAt,
                Expr::value(now - chrono::Duration::hours(10)),
            )
            .filter(ticket::Column::Id.eq(recent.id))
            .exec(&app.db)
            .await
            .unwrap();
        let settings = app::kernel::settings::Settings::default();
        let desk = app::tickets::service::Desk::from_settings(&settings);
        use app::tickets::autoclose::close_answered;
        assert_eq!(close_answered(&app.db, &desk, now, 0).await.unwrap(), 0);
        let before = mail_to(&app, "rita@example.net").await.len();
        let (a, b) = tokio::join!(
            close_answered(&app.db, &desk, now, 72),
            close_answered(&app.db, &desk, now, 72)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 1, "{backend:?}");
        assert_eq!(close_answered(&app.db, &desk, now, 72).await.unwrap(), 0);
        assert_eq!(status_of(&app, answered.id).await, "closed");
        assert_eq!(status_of(&app, on_hold.id).await, "on_hold");
        assert_eq!(status_of(&app, recent.id).await, "answered");
        assert_eq!(status_of(&app, waiting.id).await, "open");
        assert_eq!(audited(&app, "ticket.auto_closed").await, 1);
        let mail = mail_to(&app, "rita@example.net").await;
        assert_eq!(mail.len(), before + 1);
        assert!(mail.last().unwrap().text_body.contains("72 hours"));
        assert_eq!(counted(&app, sales, "closed").await, 1);
        assert_eq!(counted(&app, sales, "answered").await, 1);
        crate::reports::assert_totals_match_their_sources(
            &app,
            "auto close closes each answered ticket once even when two jobs race",
        )
        .await;
        app.stop().await;
    }
}

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";

/// The stored files (every name in the attachments directory but the directory of unfinished
/// writes, which must be empty).
fn stored_files(app: &TestApp) -> Vec<String> {
    let root = app.dir.path().join("data").join("attachments");
    let partial = root.join(".partial");
    if partial.exists() {
        assert_eq!(
            std::fs::read_dir(&partial).unwrap().count(),
            0,
            "no unfinished file is left"
        );
    }
    match std::fs::read_dir(&root) {
        Ok(dir) => dir
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name != ".partial")
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[tokio::test]
async fn attachments_are_checked_by_content_stored_under_random_names_and_served_as_downloads() {
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| {
            s.mail.worker = false;
            s.tickets.attachment_max_mb = 1;
            s.tickets.attachment_extensions =
                ["png", "txt", "html", "jpg"].map(String::from).to_vec();
        })
        .await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let billing = app.add_department("Billing").await;
        let t = open(&app, &app.client, sales, "Screenshot", "see attached").await;
        let form = [("reference", t.reference.as_str()), ("body", "Here you go")];
        let (status, body) = app
            .post_files(
                &app.client,
                <ReplyTicket as ServerFn>::PATH,
                &form,
                &[
                    ("shot.png", PNG),
                    ("../../../etc/evil.txt", b"plain words"),
                    ("x.html", b"<script>alert(document.cookie)</script>"),
                ],
            )
            .await;
        assert!(status < 400, "{backend:?} {status} {body}");
        let files = ticket_attachment::Entity::find()
            .filter(ticket_attachment::Column::TicketId.eq(t.id))
            .order_by_asc(ticket_attachment::Column::Id)
            .all(&app.db)
            .await
            .unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
        assert_eq!(names, ["shot.png", "evil.txt", "x.html"]);
        use sha2::Digest;
        assert_eq!(files[0].sha256, hex::encode(sha2::Sha256::digest(PNG)));
        assert_eq!(files[0].size, PNG.len() as i64);
        let mut on_disk = stored_files(&app);
        on_disk.sort();
        let mut expected: Vec<String> = files.iter().map(|f| f.stored_name.clone()).collect();
        expected.sort();
        assert_eq!(on_disk, expected, "only random names, nothing outside");
        assert!(!app.dir.path().join("etc").exists());
        // Downloads: always an attachment with nosniff and a sandbox; only the image inline.
        let url = |id: i64| format!("/tickets/{}/files/{id}", t.reference);
        let html = app.get(&format!("{}?inline=1", url(files[2].id))).await;
        assert_eq!(html.status(), 200);
        let h = html.headers().clone();
        assert_eq!(h["content-type"], "text/plain; charset=utf-8");
        assert!(
            h["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("sandbox")
        );
        assert_eq!(
            html.text().await.unwrap(),
            "<script>alert(document.cookie)</script>"
        );
        let image = app.get(&format!("{}?inline=1", url(files[0].id))).await;
        assert_eq!(image.headers()["content-type"], "image/png");
        assert!(
            image.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("inline;")
        );
        let image = app.get(&url(files[0].id)).await;
        assert!(
            image.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(image.bytes().await.unwrap().as_ref(), PNG);
        // A file of another ticket is not reachable through this one's reference.
        let other = open(&app, &app.client, sales, "Other", "x").await;
        let res = app
            .get(&format!(
                "/tickets/{}/files/{}",
                other.reference, files[0].id
            ))
            .await;
        assert_eq!(res.status(), 404);
        // Refusals: nothing of the message or its files stays behind.
        let messages = ticket_message::Entity::find().count(&app.db).await.unwrap();
        let big = vec![b'a'; 1024 * 1024 + 1];
        let six: Vec<(&str, &[u8])> = (0..6).map(|_| ("a.txt", &b"x"[..])).collect();
        for (files, expected) in [
            (vec![("big.txt", big.as_slice())], "1 MB"),
            (vec![("cat.jpg", EXE)], "cat.jpg"),
            (vec![("setup.exe", EXE)], "setup.exe"),
            (vec![("empty.txt", &b""[..])], "empty.txt"),
            (six, "5"),
        ] {
            let (status, body) = app
                .post_files(
                    &app.client,
                    <AddTicketNote as ServerFn>::PATH,
                    &form,
                    &files,
                )
                .await;
            assert_eq!(status, 422, "{backend:?} {body}");
            assert_eq!(body["field"], "files");
            assert!(
                body["message"].as_str().unwrap().contains(expected),
                "{body}"
            );
        }
        assert_eq!(
            ticket_message::Entity::find().count(&app.db).await.unwrap(),
            messages
        );
        assert_eq!(stored_files(&app).len(), 3);
        // Without the department, or without a session, or without the permission: no file.
        let sam = app.create_admin("sam", "support_operator").await;
        join(&app, sam.id, billing, false).await;
        let client = new_client();
        assert_eq!(app.login_with(&client, "sam", PASSWORD).await.status(), 200);
        let res = client.get(app.url(&url(files[0].id))).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let res = new_client()
            .get(app.url(&url(files[0].id)))
            .send()
            .await
            .unwrap();
        assert!(
            [401, 303, 302].contains(&res.status().as_u16()),
            "{}",
            res.status()
        );
        let nothing = app.add_role("Nothing", &[]).await;
        app.set_role(sam.id, nothing).await;
        app.settle().await;
        let res = client.get(app.url(&url(files[0].id))).send().await.unwrap();
        assert_eq!(res.status(), 403);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_message_written_while_the_thread_moved_is_refused_and_its_text_kept_as_a_draft() {
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let t = open(&app, &app.client, sales, "Collide", "first").await;
        let seen = app::tickets::service::newest_message_id(&app.db, t.id)
            .await
            .unwrap()
            .to_string();
        // Sam has the ticket open too, and replies first.
        let sam = app.create_admin("sam", "support_operator").await;
        join(&app, sam.id, sales, false).await;
        let client = new_client();
        assert_eq!(app.login_with(&client, "sam", PASSWORD).await.status(), 200);
        // Sam's page follows the ticket's stream, which counts him as present.
        let sam_stream = client
            .get(app.url(&format!("/events/tickets/{}?seen={seen}", t.reference)))
            .send()
            .await
            .unwrap();
        assert_eq!(sam_stream.status(), 200);
        assert_eq!(sam_stream.headers()["content-type"], "text/event-stream");
        assert!(reply(&app, &client, &t.reference, "Sam was faster").await < 400);
        // Root's stream shows Sam's reply and Sam as present.
        let activity = first_activity(&app, &app.client, &t.reference, &seen).await;
        assert_eq!(activity["present"], serde_json::json!(["Test sam"]));
        assert!(
            activity["messages"][0]["body"]
                .as_str()
                .unwrap()
                .starts_with("Sam was faster")
        );
        drop(sam_stream);
        // Root's page saves the draft as he types.
        let res = app
            .client
            .post(app.url(&format!("/tickets/{}/draft?seen={seen}", t.reference)))
            .body("My slower answer")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        let (_, view) = app
            .post_as(
                &app.client,
                <GetTicket as ServerFn>::PATH,
                &[("reference", t.reference.as_str())],
            )
            .await;
        assert_eq!(view["draft"], "My slower answer");
        // The stream and the draft are for those who may see the ticket only.
        let outsider = app.create_admin("olga", "support_operator").await;
        let _ = outsider;
        let other = new_client();
        assert_eq!(app.login_with(&other, "olga", PASSWORD).await.status(), 200);
        let res = other
            .get(app.url(&format!("/events/tickets/{}?seen=0", t.reference)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = other
            .post(app.url(&format!("/tickets/{}/draft?seen=0", t.reference)))
            .body("sneaky")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        // Sending with the old `seen` is a conflict; the text stays as the draft.
        let form = [
            ("reference", t.reference.as_str()),
            ("body", "My slower answer, edited"),
            ("seen", seen.as_str()),
        ];
        let (status, body) = app
            .post_as(&app.client, <ReplyTicket as ServerFn>::PATH, &form)
            .await;
        assert_eq!(status, 409, "{backend:?} {body}");
        assert_eq!(body["code"], "CONFLICT");
        assert_eq!(thread(&app, t.id).await.len(), 2);
        let (_, view) = app
            .post_as(
                &app.client,
                <GetTicket as ServerFn>::PATH,
                &[("reference", t.reference.as_str())],
            )
            .await;
        assert_eq!(view["draft"], "My slower answer, edited");
        // Confirming (with what the page now shows as seen) sends it and ends the draft.
        let newest = view["newest_message"].to_string();
        let form = [
            ("reference", t.reference.as_str()),
            ("body", "My slower answer, edited"),
            ("seen", newest.as_str()),
        ];
        let (status, _) = app
            .post_as(&app.client, <ReplyTicket as ServerFn>::PATH, &form)
            .await;
        assert!(status < 400);
        assert_eq!(thread(&app, t.id).await.len(), 3);
        let (_, view) = app
            .post_as(
                &app.client,
                <GetTicket as ServerFn>::PATH,
                &[("reference", t.reference.as_str())],
            )
            .await;
        assert_eq!(view["draft"], serde_json::Value::Null);
        app.stop().await;
    }
}

#[tokio::test]
async fn predefined_replies_refuse_unknown_fields_nest_one_level_and_fill_in_on_the_ticket() {
    use app::predefined::api::{
        ListPredefinedReplies, SavePredefinedCategory, SavePredefinedReply,
    };
    for backend in backends() {
        let app = app_without_worker(&backend).await;
        app.login_as_full_admin().await;
        let sales = app.add_department("Sales").await;
        let save_category = async |name: &str, parent: &str| {
            app.post_as(
                &app.client,
                <SavePredefinedCategory as ServerFn>::PATH,
                &[("name", name), ("parent_id", parent)],
            )
            .await
        };
        assert!(save_category("Billing", "").await.0 < 400);
        let library = app
            .post_as(
                &app.client,
                <ListPredefinedReplies as ServerFn>::PATH,
                &[("", "")][..0],
            )
            .await
            .1;
        let billing = library["categories"][0]["id"].to_string();
        assert!(save_category("Refunds", &billing).await.0 < 400);
        let library = app
            .post_as(
                &app.client,
                <ListPredefinedReplies as ServerFn>::PATH,
                &[("", "")][..0],
            )
            .await
            .1;
        let refunds = library["categories"][1]["id"].to_string();
        assert_eq!(library["categories"][1]["parent_id"].to_string(), billing);
        // A third level is refused.
        let (status, body) = save_category("Too deep", &refunds).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["field"], "parent_id");
        // An unknown merge field is refused when saved, naming it; nothing is stored.
        let save_reply = async |body: &str| {
            app.post_as(
                &app.client,
                <SavePredefinedReply as ServerFn>::PATH,
                &[
                    ("category_id", refunds.as_str()),
                    ("name", "Refund done"),
                    ("body", body),
                ],
            )
            .await
        };
        let (status, body) = save_reply("Dear {client_name}, done.").await;
        assert_eq!(status, 422);
        assert!(body["message"].as_str().unwrap().contains("{client_name}"));
        assert_eq!(
            app::entities::predefined_reply::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
        let (status, _) = save_reply(
            "Dear {requester_name}, {ticket_ref} ({ticket_subject}, {department}) is refunded. {admin_name}",
        )
        .await;
        assert!(status < 400);
        assert_eq!(audited(&app, "predefined_reply.saved").await, 1);
        // On a ticket page, the reply comes filled in for that ticket.
        let t = open(&app, &app.client, sales, "Refund please", "x").await;
        let (_, view) = app
            .post_as(
                &app.client,
                <GetTicket as ServerFn>::PATH,
                &[("reference", t.reference.as_str())],
            )
            .await;
        let choice = &view["predefined"][0];
        assert_eq!(choice["category"], "Billing › Refunds");
        assert_eq!(
            choice["text"],
            format!(
                "Dear Rita Requester, {} (Refund please, Sales) is refunded. Test root",
                t.reference
            )
        );
        // Without JavaScript, "use this reply" fills the reply box.
        let page = app
            .get(&format!(
                "/tickets/{}?use_reply={}",
                t.reference, choice["id"]
            ))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("Dear Rita Requester"), "the box is filled");
        // Managing needs its own permission; reading does not.
        let sam = app.create_admin("sam", "support_operator").await;
        join(&app, sam.id, sales, false).await;
        let client = new_client();
        assert_eq!(app.login_with(&client, "sam", PASSWORD).await.status(), 200);
        let (status, library) = app
            .post_as(
                &client,
                <ListPredefinedReplies as ServerFn>::PATH,
                &[("", "")][..0],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(library["can_manage"], false);
        let (status, _) = app
            .post_as(
                &client,
                <SavePredefinedCategory as ServerFn>::PATH,
                &[("name", "Mine")],
            )
            .await;
        assert_eq!(status, 403);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_refused_upload_without_javascript_comes_back_to_the_page_with_its_message() {
    let backend = crate::helpers::Backend::Sqlite;
    let app = app_without_worker(&backend).await;
    app.login_as_full_admin().await;
    let sales = app.add_department("Sales").await;
    let t = open(&app, &app.client, sales, "Plain form", "x").await;
    let page = format!("/tickets/{}", t.reference);
    let res = app
        .client
        .post(app.url(<ReplyTicket as ServerFn>::PATH))
        .header("Accept", "text/html")
        .header("Referer", app.url(&page))
        .multipart(crate::helpers::multipart_form(
            &[("reference", t.reference.as_str()), ("body", "See file")],
            &[("setup.exe", EXE)],
        ))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("__err="), "{location}");
    let html = app
        .client
        .get(if location.starts_with("http") {
            location.clone()
        } else {
            app.url(&location)
        })
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("setup.exe: this type of file is not accepted"),
        "the message shows next to the file field"
    );
    // The text is kept as the draft, in the box.
    assert!(html.contains(">See file</textarea>"));
    app.stop().await;
}
