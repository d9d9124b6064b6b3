//! Clients through the real server functions: profiles, contacts, services, invoices with their
//! totals and payments, notes, the Summary, the list, the search, the lost-update guard and the
//! CSV import, on both databases.

use app::clients::api::{
    CreateClient, RecordPayment, RefundPayment, SaveClientNote, SaveContact, SaveInvoice,
    SaveService, UpdateClient,
};
use app::entities::{client, invoice, invoice_payment};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};
use crate::versions::form_version;

fn path<S: ServerFn>() -> &'static str {
    S::PATH
}

/// The form of a valid client with this email address.
pub(crate) fn client_form(email: &str) -> Vec<(&'static str, String)> {
    [
        ("first_name", "Ada"),
        ("last_name", "Lovelace"),
        ("company", "Analytical Engines Ltd"),
        ("email", email),
        ("phone", "+44 20 7946 0123"),
        ("street", "12 St James's Square"),
        ("city", "London"),
        ("postcode", "SW1Y 4JH"),
        ("country", "GB"),
        ("currency", "GBP"),
        ("language", "en"),
        ("marketing_opt_in", "on"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

pub(crate) async fn add_client(app: &TestApp, email: &str) -> client::Model {
    let (status, body) = app
        .post_as(&app.client, path::<CreateClient>(), &client_form(email))
        .await;
    assert_eq!(status, 200, "{body}");
    client::Entity::find()
        .filter(client::Column::Email.eq(email.to_lowercase()))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the client was stored")
}

/// Creates an invoice for `client_id` with (description, amount, taxed) lines; returns its id.
pub(crate) async fn add_invoice(
    app: &TestApp,
    client_id: i32,
    tax: &str,
    lines: &[(&str, &str, bool)],
) -> i32 {
    let id = client_id.to_string();
    let mut form: Vec<(String, String)> = [
        ("client_id", id.as_str()),
        ("issued_on", "2026-11-01"),
        ("due_on", "2099-11-15"),
        ("currency", "GBP"),
        ("tax_rate", tax),
        ("status", "unpaid"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    for (i, (d, a, taxed)) in lines.iter().enumerate() {
        form.push((format!("lines[d{i}]"), (*d).to_owned()));
        form.push((format!("lines[a{i}]"), (*a).to_owned()));
        if *taxed {
            form.push((format!("lines[t{i}]"), "on".to_owned()));
        }
    }
    let (status, body) = app.post_as(&app.client, path::<SaveInvoice>(), &form).await;
    assert_eq!(status, 200, "{body}");
    invoice::Entity::find()
        .filter(invoice::Column::ClientId.eq(client_id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .max()
        .expect("the invoice was stored")
}

async fn invoice_row(app: &TestApp, id: i32) -> invoice::Model {
    invoice::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn pay(
    app: &TestApp,
    inv: &invoice::Model,
    amount: &str,
    refund: bool,
) -> (u16, serde_json::Value) {
    let target = if refund {
        path::<RefundPayment>()
    } else {
        path::<RecordPayment>()
    };
    let (client_id, invoice_id, version) = (
        inv.client_id.to_string(),
        inv.id.to_string(),
        inv.version.to_string(),
    );
    app.post_as(
        &app.client,
        target,
        &[
            ("client_id", client_id.as_str()),
            ("invoice_id", invoice_id.as_str()),
            ("paid_on", "2026-11-20"),
            ("amount", amount),
            ("method", "Bank transfer"),
            ("reference", "TX-1"),
            ("version", version.as_str()),
        ],
    )
    .await
}

#[tokio::test]
async fn a_client_with_a_contact_a_service_and_a_paid_invoice_shows_on_its_summary() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "Ada@Example.com").await;
        assert_eq!(ada.email, "ada@example.com");
        assert_eq!(ada.status, "active");
        assert!(ada.marketing_opt_in && !ada.tax_exempt);
        let id = ada.id.to_string();
        let (status, body) = app
            .post_as(
                &app.client,
                path::<SaveContact>(),
                &[
                    ("client_id", id.as_str()),
                    ("first_name", "Charles"),
                    ("last_name", "Babbage"),
                    ("email", "charles@example.com"),
                    ("email_invoice", "on"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{backend:?} {body}");
        let (status, body) = app
            .post_as(
                &app.client,
                path::<SaveService>(),
                &[
                    ("client_id", id.as_str()),
                    ("product", "Difference Engine VPS"),
                    ("domain", "Engines.Example"),
                    ("billing_cycle", "monthly"),
                    ("amount", "19.99"),
                    ("currency", "GBP"),
                    ("next_due", "2027-01-01"),
                    ("status", "active"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{backend:?} {body}");
        let invoice_id = add_invoice(&app, ada.id, "20", &[("Hosting", "19.99", true)]).await;
        let inv = invoice_row(&app, invoice_id).await;
        let (status, body) = pay(&app, &inv, "", false).await;
        assert_eq!(status, 200, "{backend:?} mark paid: {body}");
        let paid = invoice_row(&app, invoice_id).await;
        assert_eq!(
            (paid.status.as_str(), paid.paid, paid.total),
            ("paid", 2399, 2399)
        );

        let html = app
            .get(&format!("/clients/{id}"))
            .await
            .text()
            .await
            .unwrap();
        for expected in [
            "Ada Lovelace",
            "Analytical Engines Ltd",
            "Charles Babbage",
            "Invoice emails",
            "Difference Engine VPS",
            "engines.example",
            "19.99 GBP",
            "23.99 GBP (1)",
            &format!("#{invoice_id}"),
            "Payment recorded",
            "United Kingdom",
        ] {
            assert!(
                html.contains(expected),
                "{backend:?}: the Summary lacks {expected:?}"
            );
        }
        let invoice_html = app
            .get(&format!("/clients/{id}/invoices/{invoice_id}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            invoice_html.contains("Bank transfer") || invoice_html.contains("TX-1"),
            "{backend:?}"
        );
        assert!(
            invoice_html.contains("4.00 GBP"),
            "{backend:?}: the tax line"
        );
        // Listed, and found by the list's keyword and filters.
        for list in [
            "/clients",
            "/clients?q=lovel",
            "/clients?country=GB&status=active",
            "/clients?q=7946",
        ] {
            let html = app.get(list).await.text().await.unwrap();
            assert!(html.contains("Ada Lovelace"), "{backend:?} {list}");
        }
        let html = app.get("/clients?country=DE").await.text().await.unwrap();
        assert!(!html.contains("Ada Lovelace"), "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn invoice_totals_follow_tax_partial_payments_and_refunds() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "ada@example.com").await;
        // 20% on 10.50 is 2.10; the untaxed 5.00 adds none.
        let id = add_invoice(
            &app,
            ada.id,
            "20",
            &[("Hosting", "10.50", true), ("Setup", "5", false)],
        )
        .await;
        let inv = invoice_row(&app, id).await;
        assert_eq!(
            (inv.subtotal, inv.tax, inv.total, inv.paid),
            (1550, 210, 1760, 0),
            "{backend:?}"
        );
        assert_eq!(inv.status, "unpaid");

        let (status, _) = pay(&app, &inv, "7.60", false).await;
        assert_eq!(status, 200);
        let inv = invoice_row(&app, id).await;
        assert_eq!(
            (inv.paid, inv.status.as_str()),
            (760, "unpaid"),
            "{backend:?}: a partial payment"
        );
        let (status, body) = pay(&app, &inv, "10.01", false).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("amount")),
            "{backend:?}: more than the balance: {body}"
        );
        let (status, _) = pay(&app, &inv, "10.00", false).await;
        assert_eq!(status, 200);
        let inv = invoice_row(&app, id).await;
        assert_eq!(
            (inv.paid, inv.status.as_str()),
            (1760, "paid"),
            "{backend:?}"
        );

        // A paid invoice is not edited, only refunded.
        let version = inv.version.to_string();
        let client_id = ada.id.to_string();
        let invoice_id = id.to_string();
        let (status, body) = app
            .post_as(
                &app.client,
                path::<SaveInvoice>(),
                &[
                    ("client_id", client_id.as_str()),
                    ("invoice_id", invoice_id.as_str()),
                    ("issued_on", "2026-11-01"),
                    ("due_on", "2026-11-15"),
                    ("currency", "GBP"),
                    ("status", "unpaid"),
                    ("lines[d0]", "Cheaper"),
                    ("lines[a0]", "1"),
                    ("version", version.as_str()),
                ],
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("CONFLICT")),
            "{backend:?}: {body}"
        );
        assert_eq!(
            invoice_row(&app, id).await.total,
            1760,
            "{backend:?}: unchanged"
        );
        let (status, _) = pay(&app, &inv, "", false).await;
        assert_eq!(status, 409, "{backend:?}: no payment on a paid invoice");

        let (status, body) = pay(&app, &inv, "17.61", true).await;
        assert_eq!(
            status, 422,
            "{backend:?}: a refund above what was paid: {body}"
        );
        let (status, _) = pay(&app, &inv, "5.00", true).await;
        assert_eq!(status, 200);
        let inv = invoice_row(&app, id).await;
        assert_eq!(
            (inv.paid, inv.status.as_str()),
            (1260, "unpaid"),
            "{backend:?}: a partial refund: what went back is owed again"
        );
        let (status, _) = pay(&app, &inv, "", true).await;
        assert_eq!(status, 200);
        let inv = invoice_row(&app, id).await;
        assert_eq!(
            (inv.paid, inv.status.as_str()),
            (0, "refunded"),
            "{backend:?}: the rest refunded"
        );
        let payments = invoice_payment::Entity::find()
            .filter(invoice_payment::Column::InvoiceId.eq(id))
            .all(&app.db)
            .await
            .unwrap();
        let kinds: Vec<(&str, i64)> = payments
            .iter()
            .map(|p| (p.kind.as_str(), p.amount))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("payment", 760),
                ("payment", 1000),
                ("refund", 500),
                ("refund", 1260)
            ],
            "{backend:?}"
        );
        // A tax-exempt client pays no tax.
        let mut exempt = client_form("exempt@example.com");
        exempt.push(("tax_exempt", "on".to_owned()));
        let (status, _) = app
            .post_as(&app.client, path::<CreateClient>(), &exempt)
            .await;
        assert_eq!(status, 200);
        let exempt = client::Entity::find()
            .filter(client::Column::Email.eq("exempt@example.com"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let free = add_invoice(&app, exempt.id, "20", &[("Hosting", "10.00", true)]).await;
        let free = invoice_row(&app, free).await;
        assert_eq!((free.tax, free.total), (0, 1000), "{backend:?}");
        crate::reports::assert_totals_match_their_sources(
            &app,
            "invoice totals follow tax partial payments and refunds",
        )
        .await;
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_nothing_is_written() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "ada@example.com").await;
        let with = |key: &'static str, value: &str| {
            let mut form = client_form("new@example.com");
            form.retain(|(k, _)| *k != key);
            form.push((key, value.to_owned()));
            form
        };
        for (field, value, words) in [
            (
                "email",
                "not-an-email",
                "Email address: Enter an email address",
            ),
            ("country", "XX", "Country: Choose a country"),
            ("currency", "ABC", "Currency: Choose a currency"),
            (
                "status",
                "vanished",
                "Status: Choose one of the listed options",
            ),
            ("phone", "<script>", "Phone: A phone number"),
        ] {
            let (status, body) = app
                .post_as(&app.client, path::<CreateClient>(), &with(field, value))
                .await;
            assert_eq!(status, 422, "{backend:?} {field}: {body}");
            assert_eq!(body["field"], field, "{backend:?}");
            let message = body["message"].as_str().unwrap_or_default();
            assert!(message.starts_with(words), "{backend:?} {field}: {message}");
        }
        // The same email in other case is taken.
        let (status, body) = app
            .post_as(
                &app.client,
                path::<CreateClient>(),
                &client_form("ADA@example.com"),
            )
            .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (409, Some("email")),
            "{backend:?}"
        );
        assert_eq!(
            client::Entity::find().count(&app.db).await.unwrap(),
            1,
            "{backend:?}"
        );

        let id = ada.id.to_string();
        let invoice = |issued: &'static str,
                       due: &'static str,
                       amount: &'static str,
                       status: &'static str| {
            vec![
                ("client_id", id.clone()),
                ("issued_on", issued.to_owned()),
                ("due_on", due.to_owned()),
                ("currency", "GBP".to_owned()),
                ("status", status.to_owned()),
                ("lines[d0]", "Hosting".to_owned()),
                ("lines[a0]", amount.to_owned()),
            ]
        };
        for (form, field, words) in [
            (
                invoice("2026-11-10", "2026-11-09", "10", "unpaid"),
                "due_on",
                "Due date: The due date cannot be before",
            ),
            (
                invoice("2026-11-10", "2026-11-20", "-10", "unpaid"),
                "lines",
                "Line items: The amount cannot be negative",
            ),
            (
                invoice("2026-11-10", "2026-11-20", "10", "paid"),
                "status",
                "Status: Choose one",
            ),
            (
                invoice("2026-13-10", "2026-11-20", "10", "unpaid"),
                "issued_on",
                "Invoice date: Enter a date",
            ),
        ] {
            let (status, body) = app.post_as(&app.client, path::<SaveInvoice>(), &form).await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some(field)),
                "{backend:?}: {body}"
            );
            let message = body["message"].as_str().unwrap_or_default();
            assert!(message.starts_with(words), "{backend:?} {field}: {message}");
        }
        let (status, body) = app
            .post_as(
                &app.client,
                path::<SaveService>(),
                &[
                    ("client_id", id.as_str()),
                    ("product", "VPS"),
                    ("billing_cycle", "monthly"),
                    ("amount", "-5"),
                    ("currency", "GBP"),
                    ("status", "active"),
                ],
            )
            .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("amount")),
            "{backend:?}"
        );
        assert_eq!(
            invoice::Entity::find().count(&app.db).await.unwrap(),
            0,
            "{backend:?}"
        );
        assert_eq!(
            app::entities::client_service::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_stale_client_edit_is_refused_instead_of_overwriting() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        app.create_admin("bea", "sales_operator").await;
        let bea = new_client();
        assert_eq!(app.login_with(&bea, "bea", PASSWORD).await.status(), 200);
        let ada = add_client(&app, "ada@example.com").await;
        let edit = format!("/clients/{}/edit", ada.id);
        // Both open the edit form.
        let mine = form_version(&app, &app.client, &edit).await;
        let theirs = form_version(&app, &bea, &edit).await;
        assert_eq!(mine, theirs);
        let save = |version: &str, company: &str| {
            let mut form = client_form("ada@example.com");
            form.retain(|(k, _)| *k != "company");
            form.push(("company", company.to_owned()));
            form.push(("client_id", ada.id.to_string()));
            form.push(("status", "active".to_owned()));
            form.push(("version", version.to_owned()));
            form
        };
        let (status, body) = app
            .post_as(&bea, path::<UpdateClient>(), &save(&theirs, "Bea's change"))
            .await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        let (status, body) = app
            .post_as(
                &app.client,
                path::<UpdateClient>(),
                &save(&mine, "Stale change"),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("CHANGED_MEANWHILE")),
            "{backend:?}: {body}"
        );
        let stored = client::Entity::find_by_id(ada.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.company, "Bea's change", "{backend:?}");
        // The page, loaded again, carries the current version, and saving it works.
        let current = form_version(&app, &app.client, &edit).await;
        assert_ne!(current, mine);
        let (status, _) = app
            .post_as(
                &app.client,
                path::<UpdateClient>(),
                &save(&current, "Fresh change"),
            )
            .await;
        assert_eq!(status, 200, "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn another_clients_records_do_not_exist_under_this_client() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "ada@example.com").await;
        let bob = add_client(&app, "bob@example.com").await;
        let bobs = add_invoice(&app, bob.id, "", &[("Hosting", "10", false)]).await;
        let res = app
            .get(&format!("/clients/{}/invoices/{bobs}", ada.id))
            .await;
        assert_eq!(res.status(), 404, "{backend:?}");
        let inv = invoice_row(&app, bobs).await;
        let stray = invoice::Model {
            client_id: ada.id,
            ..inv
        };
        let (status, _) = pay(&app, &stray, "", false).await;
        assert_eq!(status, 404, "{backend:?}");
        assert_eq!(invoice_row(&app, bobs).await.paid, 0);
        assert_eq!(app.get("/clients/99999").await.status(), 404);
        assert_eq!(app.get("/clients/abc").await.status(), 404);
        app.stop().await;
    }
}

#[tokio::test]
async fn notes_are_edited_by_their_author_or_a_manager_only() {
    use app::kernel::Permission::{ViewClientNotes, ViewClients};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "ada@example.com").await;
        let id = ada.id.to_string();
        let (status, _) = app
            .post_as(
                &app.client,
                path::<SaveClientNote>(),
                &[
                    ("client_id", id.as_str()),
                    ("body", "Prefers email"),
                    ("sticky", "on"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        let note = app::entities::client_note::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(note.sticky);
        let role = app
            .add_role("Notes only", &[ViewClients, ViewClientNotes])
            .await;
        let cy = app.create_admin("cy", "support_operator").await;
        app.set_role(cy.id, role).await;
        app.settle().await;
        let cy_client = new_client();
        assert_eq!(
            app.login_with(&cy_client, "cy", PASSWORD).await.status(),
            200
        );
        let note_id = note.id.to_string();
        let (status, body) = app
            .post_as(
                &cy_client,
                path::<SaveClientNote>(),
                &[
                    ("client_id", id.as_str()),
                    ("note_id", note_id.as_str()),
                    ("body", "Rewritten"),
                ],
            )
            .await;
        assert_eq!(status, 403, "{backend:?}: {body}");
        // Cy writes a note of their own and may change it.
        let (status, _) = app
            .post_as(
                &cy_client,
                path::<SaveClientNote>(),
                &[("client_id", id.as_str()), ("body", "Called today")],
            )
            .await;
        assert_eq!(status, 200);
        let summary = cy_client
            .get(app.url(&format!("/clients/{id}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            summary.contains("Prefers email") && summary.contains("Called today"),
            "{backend:?}"
        );
        assert_eq!(
            summary.matches("Edit or delete").count(),
            1,
            "{backend:?}: only Cy's own note"
        );
        // The manager edits Cy's note.
        let cys = app::entities::client_note::Entity::find()
            .filter(app::entities::client_note::Column::AdminId.eq(cy.id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let (cys_id, version) = (cys.id.to_string(), cys.version.to_string());
        let (status, _) = app
            .post_as(
                &app.client,
                path::<SaveClientNote>(),
                &[
                    ("client_id", id.as_str()),
                    ("note_id", cys_id.as_str()),
                    ("body", "Called twice"),
                    ("version", version.as_str()),
                ],
            )
            .await;
        assert_eq!(status, 200, "{backend:?}");
        // A role without the notes permission sees no notes.
        let sales = new_client();
        app.create_admin("sam", "support_operator").await;
        assert_eq!(app.login_with(&sales, "sam", PASSWORD).await.status(), 200);
        let summary = sales
            .get(app.url(&format!("/clients/{id}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(summary.contains("Ada Lovelace"), "{backend:?}");
        assert!(
            !summary.contains("Prefers email"),
            "{backend:?}: notes need their permission"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_header_search_finds_clients_contacts_invoices_and_tickets_as_the_role_allows() {
    use app::search::api::{SearchAdminArea, SuggestSearch};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "ada@example.com").await;
        let id = ada.id.to_string();
        let (status, _) = app
            .post_as(
                &app.client,
                path::<SaveContact>(),
                &[
                    ("client_id", id.as_str()),
                    ("first_name", "Charles"),
                    ("last_name", "Babbage"),
                    ("email", "cb@example.net"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        let invoice_id = add_invoice(&app, ada.id, "", &[("Hosting", "10", false)]).await;
        for (q, expected) in [
            ("lovel", "Ada Lovelace"),
            ("analytical", "Ada Lovelace"),
            ("ada@example", "Ada Lovelace"),
            ("7946", "Ada Lovelace"),
            ("babb", "Charles Babbage"),
            (&format!("#{invoice_id}"), &format!("#{invoice_id}")),
        ] {
            let (status, body) = app
                .post_as(&app.client, path::<SearchAdminArea>(), &[("q", q)])
                .await;
            assert_eq!(status, 200);
            assert!(
                body.to_string().contains(expected),
                "{backend:?} {q:?}: {body}"
            );
        }
        let (status, hits) = app
            .post_as(&app.client, path::<SuggestSearch>(), &[("q", "lov")])
            .await;
        assert_eq!(status, 200);
        let hits = hits.as_str().unwrap_or_default().to_owned();
        assert!(
            hits.starts_with(&format!("<li><a href=\"/clients/{id}\">")),
            "{backend:?}: {hits}"
        );
        // What staff typed is escaped in the suggestions the island places.
        let (status, _) = app
            .post_as(
                &app.client,
                path::<SaveContact>(),
                &[
                    ("client_id", id.as_str()),
                    ("first_name", "<img src=x onerror=alert(1)>"),
                    ("last_name", "Lovejoy"),
                    ("email", "lj@example.net"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        let (_, hits) = app
            .post_as(&app.client, path::<SuggestSearch>(), &[("q", "lovejoy")])
            .await;
        let hits = hits.as_str().unwrap_or_default().to_owned();
        assert!(
            hits.contains("&lt;img src=x onerror=alert(1)&gt; Lovejoy"),
            "{backend:?}: {hits}"
        );
        assert!(!hits.contains("<img"), "{backend:?}: {hits}");
        // Without JavaScript: the results page.
        let html = app.get("/search?q=Lovelace").await.text().await.unwrap();
        assert!(
            html.contains(&format!("href=\"/clients/{id}\"")),
            "{backend:?}"
        );
        // Query syntax is only text.
        for q in ["\"", "*", "a OR b", "x'); --", "(", "&|!:*"] {
            let (status, body) = app
                .post_as(&app.client, path::<SearchAdminArea>(), &[("q", q)])
                .await;
            assert_eq!(status, 200, "{backend:?} {q:?}: {body}");
        }
        // A role that cannot view clients finds none.
        let nobody = new_client();
        let role = app
            .add_role(
                "Departments only",
                &[app::kernel::Permission::ViewDepartments],
            )
            .await;
        let dee = app.create_admin("dee", "support_operator").await;
        app.set_role(dee.id, role).await;
        app.settle().await;
        assert_eq!(app.login_with(&nobody, "dee", PASSWORD).await.status(), 200);
        let (status, body) = app
            .post_as(&nobody, path::<SearchAdminArea>(), &[("q", "lovelace")])
            .await;
        assert_eq!(status, 200);
        assert!(
            body["clients"].is_null() && !body.to_string().contains("Lovelace"),
            "{backend:?}: {body}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn unpaid_invoices_past_their_due_date_become_overdue_and_show_on_the_dashboard() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "ada@example.com").await;
        let id = add_invoice(&app, ada.id, "", &[("Hosting", "12.50", false)]).await;
        let later = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
        assert_eq!(
            app::clients::service::mark_overdue(&app.db, later)
                .await
                .unwrap(),
            1
        );
        assert_eq!(invoice_row(&app, id).await.status, "overdue", "{backend:?}");
        assert_eq!(
            app::clients::service::mark_overdue(&app.db, later)
                .await
                .unwrap(),
            0
        );
        let (figures_new, overdue, totals, _) =
            app::clients::service::dashboard_figures(&app.db, chrono::Utc::now())
                .await
                .unwrap();
        assert_eq!(
            (figures_new, overdue, totals),
            (1, 1, vec!["12.50 GBP".to_owned()]),
            "{backend:?}"
        );
        app.settle().await;
        let html = app.get("/").await.text().await.unwrap();
        assert!(
            html.contains("Overdue invoices") && html.contains("12.50 GBP"),
            "{backend:?}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn an_import_is_all_or_nothing_and_names_each_bad_line() {
    use app::clients::import::{Outcome, run};
    let header = "first_name,last_name,email,country,currency,company\n";
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let actor = app::kernel::audit::Actor::system();
        let now = chrono::Utc::now();
        let bad = format!(
            "{header}Ada,Lovelace,ada@example.com,GB,GBP,\nBo,Bad,bo@example.com,ZZ,EUR,\nCy,Ok,cy@example.com,DE,EUR,\n"
        );
        let Outcome::Refused(problems) = run(&app.db, now, &actor, bad.as_bytes(), false)
            .await
            .unwrap()
        else {
            panic!("{backend:?}: a file with a bad line was imported");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 3);
        assert_eq!(
            client::Entity::find().count(&app.db).await.unwrap(),
            0,
            "{backend:?}"
        );

        let good = format!(
            "\u{FEFF}{header}Ada,Lovelace,ada@example.com,GB,GBP,Engines\nCy,Ok,cy@example.com,de,eur,\n"
        );
        let dry = run(&app.db, now, &actor, good.as_bytes(), true)
            .await
            .unwrap();
        assert!(matches!(dry, Outcome::Imported(2)), "{backend:?}: {dry:?}");
        assert_eq!(
            client::Entity::find().count(&app.db).await.unwrap(),
            0,
            "{backend:?}: a dry run writes nothing"
        );
        let done = run(&app.db, now, &actor, good.as_bytes(), false)
            .await
            .unwrap();
        assert!(
            matches!(done, Outcome::Imported(2)),
            "{backend:?}: {done:?}"
        );
        assert_eq!(client::Entity::find().count(&app.db).await.unwrap(), 2);
        // Importing the same file again: every line is taken, nothing changes.
        let Outcome::Refused(problems) = run(&app.db, now, &actor, good.as_bytes(), false)
            .await
            .unwrap()
        else {
            panic!("{backend:?}: duplicates were imported");
        };
        assert_eq!(
            problems.iter().map(|p| p.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert_eq!(client::Entity::find().count(&app.db).await.unwrap(), 2);
        // The imported clients are searchable at once.
        let found = app::clients::service::search(&app.db, "engines", 5)
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "{backend:?}");
        app.stop().await;
    }
}

#[test]
fn the_import_command_reports_bad_lines_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clients.csv");
    std::fs::write(&file, "first_name,last_name,email,country,currency\nAda,Lovelace,ada@example.com,GB,GBP\nBo,Bad,bo@example,GB,GBP\n").unwrap();
    let out = crate::cli::server(dir.path())
        .args(["import-clients", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3: email"), "{stderr}");
    std::fs::write(
        &file,
        "first_name,last_name,email,country,currency\nAda,Lovelace,ada@example.com,GB,GBP\n",
    )
    .unwrap();
    let out = crate::cli::server(dir.path())
        .arg("import-clients")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("imported 1 clients"), "{stdout}");
}

#[tokio::test]
async fn a_ticket_from_a_clients_address_belongs_to_the_client_and_links_both_ways() {
    use app::tickets::api::OpenTicket;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let department = app.add_department("Support").await.to_string();
        let ada = add_client(&app, "ada@example.com").await;
        let id = ada.id.to_string();
        let (status, _) = app
            .post_as(
                &app.client,
                path::<SaveContact>(),
                &[
                    ("client_id", id.as_str()),
                    ("first_name", "Charles"),
                    ("last_name", "Babbage"),
                    ("email", "charles@example.com"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        for (name, email, subject) in [
            ("Ada Lovelace", "ADA@example.com", "Engine overheats"),
            ("Charles Babbage", "charles@example.com", "Invoice question"),
            ("A Stranger", "stranger@example.com", "Guest question"),
        ] {
            let (status, body) = app
                .post_as(
                    &app.client,
                    path::<OpenTicket>(),
                    &[
                        ("department_id", department.as_str()),
                        ("priority", "medium"),
                        ("requester_name", name),
                        ("requester_email", email),
                        ("subject", subject),
                        ("body", "Please help"),
                    ],
                )
                .await;
            assert_eq!(status, 200, "{backend:?}: {body}");
        }
        let tickets = app::entities::ticket::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        let owner = |subject: &str| {
            tickets
                .iter()
                .find(|t| t.subject == subject)
                .unwrap()
                .client_id
        };
        assert_eq!(owner("Engine overheats"), Some(ada.id), "{backend:?}");
        assert_eq!(
            owner("Invoice question"),
            Some(ada.id),
            "{backend:?}: a contact's address"
        );
        assert_eq!(owner("Guest question"), None, "{backend:?}: a guest ticket");
        let summary = app
            .get(&format!("/clients/{id}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            summary.contains("Engine overheats") && summary.contains("Invoice question"),
            "{backend:?}"
        );
        assert!(!summary.contains("Guest question"), "{backend:?}");
        let reference = &tickets
            .iter()
            .find(|t| t.subject == "Engine overheats")
            .unwrap()
            .reference;
        let page = app
            .get(&format!("/tickets/{reference}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!("href=\"/clients/{id}\"")),
            "{backend:?}: the ticket links to its client"
        );
        // Opened from the Summary, the form knows the requester.
        let form = app
            .get(&format!("/tickets/new?client={id}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(form.contains("value=\"ada@example.com\""), "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_edit_or_a_refund_never_hides_what_is_owed_and_racing_payments_count_once() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "ada@example.com").await;
        let client_id = ada.id.to_string();
        let id = add_invoice(&app, ada.id, "", &[("Hosting", "100", false)]).await;
        let inv = invoice_row(&app, id).await;
        assert_eq!(pay(&app, &inv, "80", false).await.0, 200);
        let edit = |status: &'static str, amount: &'static str, version: i32| {
            let (client_id, invoice_id) = (client_id.clone(), id.to_string());
            vec![
                ("client_id", client_id),
                ("invoice_id", invoice_id),
                ("issued_on", "2026-11-01".to_owned()),
                ("due_on", "2099-11-15".to_owned()),
                ("currency", "GBP".to_owned()),
                ("status", status.to_owned()),
                ("lines[d0]", "Hosting".to_owned()),
                ("lines[a0]", amount.to_owned()),
                ("version", version.to_string()),
            ]
        };
        let inv = invoice_row(&app, id).await;
        for (status, amount, code) in [
            ("unpaid", "10", "total below paid"),
            ("cancelled", "100", "cancelled with payments"),
            ("draft", "100", "a draft with payments"),
        ] {
            let (answer, body) = app
                .post_as(
                    &app.client,
                    path::<SaveInvoice>(),
                    &edit(status, amount, inv.version),
                )
                .await;
            assert_eq!(answer, 409, "{backend:?} {code}: {body}");
        }
        let unchanged = invoice_row(&app, id).await;
        assert_eq!(
            (unchanged.total, unchanged.paid, unchanged.status.as_str()),
            (10_000, 8_000, "unpaid"),
            "{backend:?}"
        );
        let (answer, body) = app
            .post_as(
                &app.client,
                path::<SaveInvoice>(),
                &edit("unpaid", "90", inv.version),
            )
            .await;
        assert_eq!(
            answer, 200,
            "{backend:?}: a total still above what was paid: {body}"
        );

        // A cent paid and refunded leaves the debt in place.
        let small = add_invoice(&app, ada.id, "", &[("Hosting", "100", false)]).await;
        let inv = invoice_row(&app, small).await;
        assert_eq!(pay(&app, &inv, "0.01", false).await.0, 200);
        let page = format!("/clients/{client_id}/invoices/{small}");
        let html = app.get(&page).await.text().await.unwrap();
        assert!(
            html.contains("id=\"refund-heading\""),
            "{backend:?}: something to refund"
        );
        let inv = invoice_row(&app, small).await;
        assert_eq!(pay(&app, &inv, "", true).await.0, 200);
        let inv = invoice_row(&app, small).await;
        assert_eq!(
            (inv.paid, inv.status.as_str()),
            (0, "unpaid"),
            "{backend:?}"
        );
        let html = app.get(&page).await.text().await.unwrap();
        assert!(
            !html.contains("id=\"refund-heading\""),
            "{backend:?}: nothing left to refund"
        );
        assert!(
            html.contains("id=\"payment-heading\""),
            "{backend:?}: still to be paid"
        );

        // Two "Mark paid" posts at once, neither sending a version: one payment is recorded.
        let raced = add_invoice(&app, ada.id, "", &[("Hosting", "50", false)]).await;
        let (raced_id, paid_on) = (raced.to_string(), "2026-11-20");
        let form = [
            ("client_id", client_id.as_str()),
            ("invoice_id", raced_id.as_str()),
            ("paid_on", paid_on),
            ("method", "Card"),
        ];
        let first = app.post_as(&app.client, path::<RecordPayment>(), &form);
        let second = app.post_as(&app.client, path::<RecordPayment>(), &form);
        let ((a, _), (b, _)) = tokio::join!(first, second);
        let mut answers = [a, b];
        answers.sort_unstable();
        assert_eq!(answers[0], 200, "{backend:?}: {answers:?}");
        assert_eq!(answers[1], 409, "{backend:?}: {answers:?}");
        let payments = invoice_payment::Entity::find()
            .filter(invoice_payment::Column::InvoiceId.eq(raced))
            .count(&app.db)
            .await
            .unwrap();
        let inv = invoice_row(&app, raced).await;
        assert_eq!(
            (payments, inv.paid, inv.status.as_str()),
            (1, 5_000, "paid"),
            "{backend:?}"
        );
        crate::reports::assert_totals_match_their_sources(
            &app,
            "an edit or a refund never hides what is owed and racing payments count once",
        )
        .await;
        app.stop().await;
    }
}

#[tokio::test]
async fn a_clients_invoice_list_pages_through_every_invoice_once() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ada = add_client(&app, "ada@example.com").await;
        let mut made = Vec::new();
        for _ in 0..53 {
            made.push(add_invoice(&app, ada.id, "", &[("Hosting", "1", false)]).await);
        }
        let summary = app
            .get(&format!("/clients/{}", ada.id))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            summary.contains("The newest 10 of 53 invoices."),
            "{backend:?}"
        );
        let mut seen = Vec::new();
        let mut path = format!("/clients/{}/invoices", ada.id);
        for _ in 0..5 {
            let html = app.get(&path).await.text().await.unwrap();
            for part in html
                .split(&format!("href=\"/clients/{}/invoices/", ada.id))
                .skip(1)
            {
                if let Ok(id) = part.split('"').next().unwrap_or("").parse::<i32>() {
                    seen.push(id);
                }
            }
            match html.split("?after=").nth(1) {
                Some(rest) => {
                    path = format!(
                        "/clients/{}/invoices?after={}",
                        ada.id,
                        rest.split('"').next().unwrap()
                    )
                }
                None => break,
            }
        }
        seen.sort_unstable();
        made.sort_unstable();
        assert_eq!(seen, made, "{backend:?}");
        app.stop().await;
    }
}
