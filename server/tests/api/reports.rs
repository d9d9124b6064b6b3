//! Reports: every figure against a small data set computed by hand, on both databases (UTC day
//! edges, a range that begins mid-week, an empty range), the SVG, the CSV and its escaping, and
//! report access per role for the page, the server function and the CSV.

use app::entities::{
    client, client_service, department, invoice, invoice_payment, ticket, ticket_message,
};
use app::reports::model::{DateRange, ReportKind};
use app::reports::service::{Output, Params, run};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

async fn add_client(app: &TestApp, name: &str, country: &str, status: &str, created: &str) -> i32 {
    client::ActiveModel {
        first_name: Set(name.into()),
        last_name: Set("Fixture".into()),
        company: Set(String::new()),
        email: Set(format!("{}@fixture.example", name.to_lowercase())),
        phone: Set(String::new()),
        street: Set(String::new()),
        city: Set(String::new()),
        state: Set(String::new()),
        postcode: Set(String::new()),
        country: Set(country.into()),
        status: Set(status.into()),
        language: Set("en".into()),
        currency: Set("USD".into()),
        tax_exempt: Set(false),
        no_late_fees: Set(false),
        no_overdue_notices: Set(false),
        marketing_opt_in: Set(false),
        created_at: Set(at(created)),
        version: Set(1),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

#[allow(clippy::too_many_arguments)]
async fn add_invoice(
    app: &TestApp,
    client_id: i32,
    currency: &str,
    issued: &str,
    due: &str,
    total: i64,
    paid: i64,
    status: &str,
) -> i32 {
    invoice::ActiveModel {
        client_id: Set(client_id),
        issued_on: Set(day(issued)),
        due_on: Set(day(due)),
        currency: Set(currency.into()),
        tax_rate: Set(0),
        subtotal: Set(total),
        tax: Set(0),
        total: Set(total),
        paid: Set(paid),
        status: Set(status.into()),
        notes: Set(String::new()),
        created_at: Set(Utc::now()),
        version: Set(1),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn add_payment(app: &TestApp, invoice_id: i32, kind: &str, on: &str, amount: i64) {
    invoice_payment::ActiveModel {
        invoice_id: Set(invoice_id),
        kind: Set(kind.into()),
        paid_on: Set(day(on)),
        amount: Set(amount),
        method: Set("Card".into()),
        reference: Set(String::new()),
        admin_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn add_service(app: &TestApp, client_id: i32, cycle: &str, amount: i64, next_due: &str) {
    client_service::ActiveModel {
        client_id: Set(client_id),
        product: Set(format!("{cycle} plan")),
        domain: Set(String::new()),
        billing_cycle: Set(cycle.into()),
        amount: Set(amount),
        currency: Set("GBP".into()),
        next_due: Set(Some(day(next_due))),
        status: Set("active".into()),
        created_at: Set(Utc::now()),
        version: Set(1),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn add_ticket(
    app: &TestApp,
    department_id: i32,
    reference: &str,
    created: &str,
    status: &str,
    priority: &str,
) -> i32 {
    ticket::ActiveModel {
        reference: Set(reference.into()),
        subject: Set(format!("Fixture {reference}")),
        department_id: Set(department_id),
        priority: Set(priority.into()),
        status: Set(status.into()),
        assigned_admin_id: Set(None),
        client_id: Set(None),
        user_id: Set(None),
        client_visible: Set(false),
        requester_name: Set("Rita".into()),
        requester_email: Set("rita@example.net".into()),
        created_at: Set(at(created)),
        last_reply_at: Set(at(created)),
        last_reply_by: Set("requester".into()),
        thread_id: Set(format!("<{reference}@fixture>")),
        version: Set(1),
        merged_into_id: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

/// The hand-computed data set (see each report's test for what it should show).
async fn fixture(app: &TestApp) -> i32 {
    let a = add_client(app, "Ada", "GB", "active", "2026-03-10T12:00:00Z").await;
    let b = add_client(app, "Bob", "US", "active", "2026-04-01T00:30:00Z").await;
    add_client(app, "Cy", "US", "closed", "2026-03-31T23:30:00Z").await;
    let paid = add_invoice(
        app,
        a,
        "GBP",
        "2026-04-02",
        "2026-04-16",
        10_000,
        7_500,
        "unpaid",
    )
    .await;
    add_payment(app, paid, "payment", "2026-04-05", 10_000).await;
    add_payment(app, paid, "refund", "2026-04-20", 2_500).await;
    add_invoice(
        app,
        b,
        "USD",
        "2026-04-10",
        "2026-04-20",
        5_000,
        0,
        "overdue",
    )
    .await;
    add_invoice(
        app,
        b,
        "USD",
        "2026-01-01",
        "2026-01-15",
        2_000,
        0,
        "overdue",
    )
    .await;
    add_service(app, a, "monthly", 1_000, "2026-05-05").await;
    add_service(app, a, "annually", 12_000, "2026-12-01").await;
    let dept = department::ActiveModel {
        name: Set("Fixture desk".into()),
        email: Set("desk@fixture.example".into()),
        description: Set(String::new()),
        hidden: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id;
    let t1 = add_ticket(
        app,
        dept,
        "KTR-100001",
        "2026-04-01T00:30:00Z",
        "open",
        "high",
    )
    .await;
    add_ticket(
        app,
        dept,
        "KTR-100002",
        "2026-03-31T23:30:00Z",
        "closed",
        "low",
    )
    .await;
    ticket_message::ActiveModel {
        ticket_id: Set(t1),
        kind: Set("reply".into()),
        author_kind: Set("staff".into()),
        author_admin_id: Set(Some(1)),
        author_name: Set("Rhea Replier".into()),
        body: Set("On it.".into()),
        created_at: Set(at("2026-04-02T09:00:00Z")),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    ticket_message::ActiveModel {
        ticket_id: Set(t1),
        kind: Set("note".into()),
        author_kind: Set("staff".into()),
        author_admin_id: Set(Some(1)),
        author_name: Set("Rhea Replier".into()),
        body: Set("A note is not a reply.".into()),
        created_at: Set(at("2026-04-02T09:05:00Z")),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    dept
}

fn april() -> Params {
    Params {
        range: DateRange {
            from: day("2026-04-01"),
            to: day("2026-04-30"),
        },
        today: day("2026-04-30"),
        department: None,
        admin: None,
        departments_seen: None,
    }
}

/// The table's non-empty rows (a period report lists every period, empty ones too).
fn rows_with_data(out: &Output) -> Vec<Vec<String>> {
    out.rows
        .iter()
        .filter(|r| r.last().is_none_or(|total| total != "0"))
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_report_matches_the_hand_computed_fixture() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let dept = fixture(&app).await;
        let db = &app.db;
        let p = april();

        // Income: paid on the 5th, refunded on the 20th; one row per (day, currency) with data.
        let income = run(db, ReportKind::Income, &p).await.unwrap();
        assert_eq!(
            income.rows,
            vec![
                vec!["2026-04-05", "GBP", "100.00 GBP", "0.00 GBP", "100.00 GBP"],
                vec!["2026-04-20", "GBP", "0.00 GBP", "25.00 GBP", "-25.00 GBP"],
            ],
            "{backend:?}"
        );
        assert_eq!(income.chart.labels.len(), 30, "every day of April");

        let top = run(db, ReportKind::TopClients, &p).await.unwrap();
        assert_eq!(top.rows, vec![vec!["Ada Fixture", "75.00 GBP"]]);

        // Invoices dated in April: the January one is left out.
        let by_status = run(db, ReportKind::InvoicesByStatus, &p).await.unwrap();
        assert_eq!(
            by_status.rows,
            vec![
                vec!["Overdue", "USD", "1", "50.00 USD", "50.00 USD"],
                vec!["Unpaid", "GBP", "1", "100.00 GBP", "25.00 GBP"],
            ],
            "{backend:?}"
        );

        // Aging on 30 April: due 20 April is 10 days late, due 15 January over 90; the unpaid
        // GBP invoice (due 16 April) is 14 days late.
        let aging = run(db, ReportKind::Aging, &p).await.unwrap();
        assert_eq!(
            aging.rows,
            vec![
                vec!["0–30 days", "GBP", "1", "25.00 GBP"],
                vec!["0–30 days", "USD", "1", "50.00 USD"],
                vec!["Over 90 days", "USD", "1", "20.00 USD"],
            ],
            "{backend:?}"
        );

        let due = run(db, ReportKind::ServicesDue, &p).await.unwrap();
        assert_eq!(due.rows, vec![vec!["2026-05-05", "GBP", "1", "10.00 GBP"]]);

        let recurring = run(db, ReportKind::RecurringRevenue, &p).await.unwrap();
        assert_eq!(
            recurring.rows,
            vec![
                vec!["Annually", "GBP", "1", "120.00 GBP", "10.00 GBP"],
                vec!["Monthly", "GBP", "1", "10.00 GBP", "10.00 GBP"],
            ],
            "{backend:?}"
        );

        // New clients: Bob at 00:30 UTC on 1 April counts; Cy at 23:30 UTC on 31 March does not.
        let new = run(db, ReportKind::NewClients, &p).await.unwrap();
        assert_eq!(
            rows_with_data(&new),
            vec![vec!["2026-04-01", "1", "1"]],
            "{backend:?}"
        );

        let statuses = run(db, ReportKind::ClientsByStatus, &p).await.unwrap();
        assert_eq!(
            statuses.rows,
            vec![vec!["Active", "2"], vec!["Closed", "1"]]
        );
        let countries = run(db, ReportKind::ClientsByCountry, &p).await.unwrap();
        assert_eq!(countries.rows, vec![vec!["US", "2"], vec!["GB", "1"]]);

        // Tickets opened in April: the one of 1 April 00:30 UTC, not the one of 31 March 23:30.
        let opened = run(db, ReportKind::TicketsOpened, &p).await.unwrap();
        assert_eq!(
            rows_with_data(&opened),
            vec![vec!["2026-04-01", "1", "1"]],
            "{backend:?}"
        );
        assert_eq!(opened.columns[1], "Fixture desk");

        // A range that begins mid-week (1 April 2026 is a Wednesday) is cut into weeks from
        // Monday 30 March.
        let quarter = Params {
            range: DateRange {
                from: day("2026-04-01"),
                to: day("2026-06-30"),
            },
            ..april()
        };
        let weekly = run(db, ReportKind::TicketsOpened, &quarter).await.unwrap();
        assert_eq!(weekly.chart.labels[0], "2026-03-30");
        assert_eq!(rows_with_data(&weekly), vec![vec!["2026-03-30", "1", "1"]]);

        let now = run(db, ReportKind::TicketsByStatus, &p).await.unwrap();
        let row = |label: &str| now.rows.iter().find(|r| r[0] == label).unwrap().clone();
        assert_eq!(row("Open"), vec!["Open", "0", "0", "1", "1"]);
        assert_eq!(row("Closed"), vec!["Closed", "1", "0", "0", "1"]);
        // Narrowed to a department the viewer does not see: nothing.
        let unseen = Params {
            departments_seen: Some(vec![dept + 1000]),
            ..april()
        };
        let none = run(db, ReportKind::TicketsByStatus, &unseen).await.unwrap();
        assert!(none.rows.iter().all(|r| r.last().unwrap() == "0"));

        let replies = run(db, ReportKind::RepliesPerAdmin, &p).await.unwrap();
        assert_eq!(
            replies.rows,
            vec![vec!["Rhea Replier", "1"]],
            "notes do not count"
        );

        // An empty range: an empty chart with a message, not an error.
        let empty = Params {
            range: DateRange {
                from: day("2020-01-01"),
                to: day("2020-01-31"),
            },
            ..april()
        };
        let nothing = run(db, ReportKind::Income, &empty).await.unwrap();
        assert!(nothing.rows.is_empty());
        let svg = nothing.chart.svg("empty", "No data in this range.");
        assert!(svg.contains("No data in this range."));
        app.stop().await;
    }
}

/// A custom range covering today.
fn today_query() -> Vec<(&'static str, String)> {
    let today = Utc::now().date_naive().to_string();
    vec![
        ("report", String::new()),
        ("preset", "custom".into()),
        ("from", today.clone()),
        ("to", today),
    ]
}

#[tokio::test]
async fn a_role_sees_only_its_reports_on_the_page_the_function_and_the_csv() {
    use app::kernel::Permission;
    use app::reports::api::{GetReport, ListReports};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        // A client whose name a spreadsheet would run as a formula.
        let evil = add_client(
            &app,
            "=HYPERLINK(\"x\")",
            "GB",
            "active",
            "2026-04-02T10:00:00Z",
        )
        .await;
        let inv = add_invoice(
            &app,
            evil,
            "GBP",
            "2026-04-02",
            "2026-04-30",
            1_000,
            1_000,
            "paid",
        )
        .await;
        add_payment(
            &app,
            inv,
            "payment",
            &Utc::now().date_naive().to_string(),
            1_000,
        )
        .await;

        // Staff activity counts the logins of the range.
        let mut form = today_query();
        form[0].1 = "staff_activity".into();
        let (status, view) = app.post_as(&app.client, GetReport::PATH, &form).await;
        assert_eq!(status, 200, "{view}");
        let root = view["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r[0] == "Test root")
            .expect("the root admin's row")
            .clone();
        assert_eq!(root[1], "1", "one login: {view}");
        let svg = view["chart_svg"].as_str().unwrap();
        let doc = roxmltree::Document::parse(svg).expect("the chart is valid SVG");
        assert!(doc.descendants().any(|n| n.has_tag_name("title")));

        // CSV: the same rows, escaped like the Activity Log's export, and recorded.
        let today = Utc::now().date_naive().to_string();
        let csv = app
            .get(&format!(
                "/reports/top_clients/export.csv?preset=custom&from={today}&to={today}"
            ))
            .await;
        assert_eq!(csv.status(), 200);
        assert!(
            csv.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("staffdesk-top_clients-")
        );
        let body = csv.text().await.unwrap();
        assert!(body.starts_with("\"Client\",\"Income\"\r\n"), "{body}");
        assert!(
            body.contains("\"'=HYPERLINK(\"\"x\"\") Fixture\""),
            "{body}"
        );

        // A role with "View reports" and only the income report.
        let role = app
            .add_role(
                "Accounts",
                &[Permission::ViewReports, Permission::ViewClients],
            )
            .await;
        app::entities::role::ActiveModel {
            id: Set(role),
            all_reports: Set(false),
            ..Default::default()
        }
        .update(&app.db)
        .await
        .unwrap();
        app::entities::role_report::ActiveModel {
            role_id: Set(role),
            report: Set("income".into()),
        }
        .insert(&app.db)
        .await
        .unwrap();
        let accountant = app.create_admin("acct", "support_operator").await;
        app.set_role(accountant.id, role).await;
        let browser = new_client();
        assert_eq!(
            app.login_with(&browser, "acct", PASSWORD).await.status(),
            200
        );
        let (status, list) = app.post_as(&browser, ListReports::PATH, &[("x", "")]).await;
        assert_eq!(status, 200);
        let keys: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["key"].as_str().unwrap())
            .collect();
        assert_eq!(keys, vec!["income"]);
        for (key, expected) in [("income", 200), ("aging", 403)] {
            let mut form = today_query();
            form[0].1 = key.into();
            let (status, body) = app.post_as(&browser, GetReport::PATH, &form).await;
            assert_eq!(status, expected, "{key}: {body}");
            let page = browser
                .get(app.url(&format!("/reports/{key}")))
                .send()
                .await
                .unwrap();
            assert_eq!(page.status(), expected, "page {key}");
            let csv = browser
                .get(app.url(&format!("/reports/{key}/export.csv")))
                .send()
                .await
                .unwrap();
            assert_eq!(csv.status(), expected, "csv {key}");
        }
        // "View reports" alone, with every report, opens none: each area's reports also need
        // the area's own permission (tickets, clients, the Activity Log).
        let bare = app.add_role("Reporter", &[Permission::ViewReports]).await;
        let reporter = app.create_admin("rep", "support_operator").await;
        app.set_role(reporter.id, bare).await;
        let bare_browser = new_client();
        assert_eq!(
            app.login_with(&bare_browser, "rep", PASSWORD)
                .await
                .status(),
            200
        );
        let (status, list) = app
            .post_as(&bare_browser, ListReports::PATH, &[("x", "")])
            .await;
        assert_eq!(
            (status, list.as_array().map(Vec::len)),
            (200, Some(0)),
            "{list}"
        );
        for key in ["tickets_opened", "income", "staff_activity"] {
            let mut form = today_query();
            form[0].1 = key.into();
            let (status, body) = app.post_as(&bare_browser, GetReport::PATH, &form).await;
            assert_eq!(status, 403, "{key}: {body}");
        }
        // Bad parameters are refused with the field named.
        let (status, body) = app
            .post_as(
                &browser,
                GetReport::PATH,
                &[
                    ("report", "income"),
                    ("preset", "custom"),
                    ("from", "2026-05-01"),
                    ("to", "2026-04-01"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["field"], "to");
        // The exports are in the Activity Log.
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        let exported = app::entities::audit_event::Entity::find()
            .filter(app::entities::audit_event::Column::Action.eq("report.exported"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(
            exported, 2,
            "the root's export and the accountant's income export"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_role_editor_saves_all_reports_or_a_list_and_nobody_gives_more_than_they_see() {
    use app::roles::api::SaveRole;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let form = |name: &'static str, all: &'static str, reports: &[&'static str]| {
            let mut f: Vec<(String, String)> = vec![
                ("name".into(), name.into()),
                ("permissions[reports_view]".into(), "on".into()),
                ("permissions[roles_manage]".into(), "on".into()),
                ("permissions[admins_view]".into(), "on".into()),
                ("all_reports".into(), all.into()),
            ];
            for r in reports {
                f.push((format!("reports[{r}]"), "on".into()));
            }
            f
        };
        let (status, body) = app
            .post_as(
                &app.client,
                SaveRole::PATH,
                &form("Billing desk", "chosen", &["income", "aging"]),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let role = app::entities::role::Entity::find()
            .filter(app::entities::role::Column::Name.eq("Billing desk"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(!role.all_reports);
        let mut listed: Vec<String> = app::entities::role_report::Entity::find()
            .filter(app::entities::role_report::Column::RoleId.eq(role.id))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.report)
            .collect();
        listed.sort();
        assert_eq!(listed, vec!["aging", "income"]);
        // An unknown report is refused, naming the field; nothing changes.
        let (status, body) = app
            .post_as(
                &app.client,
                SaveRole::PATH,
                &form("Other", "chosen", &["made_up"]),
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["field"], "reports");

        // An admin of that role, who may manage roles, cannot give a role every report, nor one
        // they do not see.
        let clerk = app.create_admin("clerk", "support_operator").await;
        app.set_role(clerk.id, role.id).await;
        let browser = new_client();
        assert_eq!(
            app.login_with(&browser, "clerk", PASSWORD).await.status(),
            200
        );
        for (name, all, reports) in [
            ("Wider", "all", &[][..]),
            ("Sideways", "chosen", &["staff_activity"][..]),
        ] {
            let (status, body) = app
                .post_as(&browser, SaveRole::PATH, &form(name, all, reports))
                .await;
            assert_eq!(status, 403, "{name}: {body}");
        }
        let (status, body) = app
            .post_as(
                &browser,
                SaveRole::PATH,
                &form("Narrower", "chosen", &["income"]),
            )
            .await;
        assert_eq!(status, 200, "{body}");

        // A role that sees more than the clerk is above them: they may not narrow it either.
        let (status, body) = app
            .post_as(
                &app.client,
                SaveRole::PATH,
                &form("Support lead", "all", &[]),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let lead = app::entities::role::Entity::find()
            .filter(app::entities::role::Column::Name.eq("Support lead"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut narrowing = form("Support lead", "chosen", &["income"]);
        narrowing.push(("role_id".into(), lead.id.to_string()));
        let (status, body) = app.post_as(&browser, SaveRole::PATH, &narrowing).await;
        assert_eq!(status, 403, "{body}");
        assert!(
            app::entities::role::Entity::find_by_id(lead.id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .all_reports
        );

        // Saved without a word about reports, a role keeps its list; the Activity Log records
        // the report access before and after each change.
        let mut silent: Vec<(String, String)> = form("Billing desk", "", &[])
            .into_iter()
            .filter(|(k, _)| k != "all_reports")
            .collect();
        silent.push(("role_id".into(), role.id.to_string()));
        let (status, body) = app.post_as(&app.client, SaveRole::PATH, &silent).await;
        assert_eq!(status, 200, "{body}");
        let mut everything = form("Billing desk", "all", &[]);
        everything.push(("role_id".into(), role.id.to_string()));
        let (status, body) = app.post_as(&app.client, SaveRole::PATH, &everything).await;
        assert_eq!(status, 200, "{body}");
        let updates: Vec<(serde_json::Value, serde_json::Value)> =
            app::entities::audit_event::Entity::find()
                .filter(app::entities::audit_event::Column::Action.eq("role.updated"))
                .order_by_asc(app::entities::audit_event::Column::Id)
                .all(&app.db)
                .await
                .unwrap()
                .into_iter()
                .map(|e| {
                    let details: serde_json::Value = serde_json::from_str(&e.details).unwrap();
                    (
                        details["before"]["reports"].clone(),
                        details["after"]["reports"].clone(),
                    )
                })
                .collect();
        let list = serde_json::json!(["aging", "income"]);
        assert_eq!(
            updates,
            vec![
                (list.clone(), list.clone()),
                (list, serde_json::json!("all"))
            ],
            "{backend:?}"
        );
        app.stop().await;
    }
}

/// A ticket with its report times set as the desk would have written them.
struct Timed<'a> {
    department: i32,
    reference: &'a str,
    created: &'a str,
    first_response: Option<(&'a str, i32)>,
    closed: Option<&'a str>,
    assigned: Option<i32>,
    merged_into: Option<i32>,
}

async fn add_timed(app: &TestApp, t: Timed<'_>) -> i32 {
    let status = if t.closed.is_some() {
        "closed"
    } else {
        "answered"
    };
    let id = add_ticket(app, t.department, t.reference, t.created, status, "medium").await;
    ticket::ActiveModel {
        id: Set(id),
        first_response_at: Set(t.first_response.map(|(when, _)| at(when))),
        first_response_admin_id: Set(t.first_response.map(|(_, admin)| admin)),
        closed_at: Set(t.closed.map(at)),
        assigned_admin_id: Set(t.assigned),
        merged_into_id: Set(t.merged_into),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    id
}

/// A duration table's row for `label`: tickets, median hours, 90th percentile hours.
fn times_of(out: &Output, label: &str) -> Vec<String> {
    out.rows
        .iter()
        .find(|r| r[0] == label)
        .unwrap_or_else(|| panic!("no row {label} in {:?}", out.rows))[1..]
        .to_vec()
}

#[tokio::test]
async fn response_and_resolution_times_are_the_nearest_rank_median_and_90th_percentile() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let db = &app.db;
        let alpha = app.add_department("Alpha desk").await;
        let beta = app.add_department("Beta desk").await;
        let ann = app.create_admin("ann", "support_operator").await;
        let ben = app.create_admin("ben", "support_operator").await;
        let name = |a: &app::entities::admin::Model| format!("{} {}", a.first_name, a.last_name);
        let opened = "2026-04-10T08:00:00Z";
        // Alpha: first responses after 1, 2, 3 (Ann), 4 and 10 hours (Ben); two closed after 24
        // hours (assigned to Ann) and 48 hours (unassigned).
        let t1 = add_timed(
            &app,
            Timed {
                department: alpha,
                reference: "KTR-200001",
                created: opened,
                first_response: Some(("2026-04-10T09:00:00Z", ann.id)),
                closed: Some("2026-04-11T08:00:00Z"),
                assigned: Some(ann.id),
                merged_into: None,
            },
        )
        .await;
        for (reference, first, admin, closed) in [
            (
                "KTR-200002",
                "2026-04-10T10:00:00Z",
                ann.id,
                Some("2026-04-12T08:00:00Z"),
            ),
            ("KTR-200003", "2026-04-10T11:00:00Z", ann.id, None),
            ("KTR-200004", "2026-04-10T12:00:00Z", ben.id, None),
            ("KTR-200005", "2026-04-10T18:00:00Z", ben.id, None),
        ] {
            add_timed(
                &app,
                Timed {
                    department: alpha,
                    reference,
                    created: opened,
                    first_response: Some((first, admin)),
                    closed,
                    assigned: None,
                    merged_into: None,
                },
            )
            .await;
        }
        // Merged into another ticket: it lives on there and counts nowhere.
        add_timed(
            &app,
            Timed {
                department: alpha,
                reference: "KTR-200006",
                created: opened,
                first_response: Some(("2026-04-10T08:01:00Z", ann.id)),
                closed: Some("2026-04-10T08:02:00Z"),
                assigned: None,
                merged_into: Some(t1),
            },
        )
        .await;
        // Beta: a first response after 30 minutes (Ben); one answered on 31 March (before the
        // range); one closed a second before May (in), one closed at midnight of 1 May (out).
        let beta_tickets = [
            (
                "KTR-200007",
                "2026-04-20T08:00:00Z",
                Some(("2026-04-20T08:30:00Z", ben.id)),
                None,
                None,
            ),
            (
                "KTR-200008",
                "2026-03-30T00:00:00Z",
                Some(("2026-03-31T23:00:00Z", ann.id)),
                None,
                None,
            ),
            (
                "KTR-200009",
                "2026-04-30T22:29:59Z",
                None,
                Some("2026-04-30T23:59:59Z"),
                Some(ben.id),
            ),
            (
                "KTR-200010",
                "2026-04-29T00:00:00Z",
                None,
                Some("2026-05-01T00:00:00Z"),
                Some(ann.id),
            ),
        ];
        for (reference, created, first_response, closed, assigned) in beta_tickets {
            add_timed(
                &app,
                Timed {
                    department: beta,
                    reference,
                    created,
                    first_response,
                    closed,
                    assigned,
                    merged_into: None,
                },
            )
            .await;
        }
        let p = april();

        let by_department = run(db, ReportKind::FirstResponseByDepartment, &p)
            .await
            .unwrap();
        assert_eq!(
            by_department.rows.len(),
            2,
            "{backend:?} {:?}",
            by_department.rows
        );
        // Alpha [1, 2, 3, 4, 10]: the median is the 3rd, the 90th percentile the 5th.
        assert_eq!(times_of(&by_department, "Alpha desk"), ["5", "3", "10"]);
        assert_eq!(times_of(&by_department, "Beta desk"), ["1", "0.50", "0.50"]);
        assert!(by_department.chart.svg("fr", "none").contains("<title"));

        let by_admin = run(db, ReportKind::FirstResponseByAdmin, &p).await.unwrap();
        // Ann [1, 2, 3]: the 2nd and the 3rd; Ben [0.5, 4, 10]: the 2nd and the 3rd.
        assert_eq!(
            times_of(&by_admin, &name(&ann)),
            ["3", "2", "3"],
            "{backend:?}"
        );
        assert_eq!(times_of(&by_admin, &name(&ben)), ["3", "4", "10"]);

        // Narrowed to Ann's first responses, by department: Alpha's three only.
        let anns = Params {
            admin: Some(ann.id),
            ..april()
        };
        let narrowed = run(db, ReportKind::FirstResponseByDepartment, &anns)
            .await
            .unwrap();
        assert_eq!(narrowed.rows.len(), 1);
        assert_eq!(times_of(&narrowed, "Alpha desk"), ["3", "2", "3"]);

        let resolution = run(db, ReportKind::ResolutionByDepartment, &p)
            .await
            .unwrap();
        // Alpha [24, 48]: the median is the 1st, the 90th percentile the 2nd.
        assert_eq!(
            times_of(&resolution, "Alpha desk"),
            ["2", "24", "48"],
            "{backend:?}"
        );
        assert_eq!(times_of(&resolution, "Beta desk"), ["1", "1.50", "1.50"]);

        let resolved_by = run(db, ReportKind::ResolutionByAdmin, &p).await.unwrap();
        assert_eq!(resolved_by.rows.len(), 3, "{:?}", resolved_by.rows);
        assert_eq!(times_of(&resolved_by, &name(&ann)), ["1", "24", "24"]);
        assert_eq!(times_of(&resolved_by, &name(&ben)), ["1", "1.50", "1.50"]);
        assert_eq!(times_of(&resolved_by, "Unassigned"), ["1", "48", "48"]);

        // Only Beta, the department narrowed in the form.
        let only_beta = Params {
            department: Some(beta),
            ..april()
        };
        let beta_only = run(db, ReportKind::ResolutionByDepartment, &only_beta)
            .await
            .unwrap();
        assert_eq!(beta_only.rows.len(), 1);
        assert_eq!(beta_only.rows[0][0], "Beta desk");

        // Closed per day: 11 and 12 April in Alpha, 30 April in Beta; not the merged one, not
        // the one closed at midnight of 1 May.
        let closed = run(db, ReportKind::TicketsClosed, &p).await.unwrap();
        let alpha_col = closed
            .columns
            .iter()
            .position(|c| c == "Alpha desk")
            .unwrap();
        let beta_col = closed
            .columns
            .iter()
            .position(|c| c == "Beta desk")
            .unwrap();
        let data = rows_with_data(&closed);
        let days: Vec<(&str, &str, &str)> = data
            .iter()
            .map(|r| (r[0].as_str(), r[alpha_col].as_str(), r[beta_col].as_str()))
            .collect();
        assert_eq!(
            days,
            [
                ("2026-04-11", "1", "0"),
                ("2026-04-12", "1", "0"),
                ("2026-04-30", "0", "1")
            ],
            "{backend:?}"
        );

        // A range with no tickets: empty tables, not errors.
        let empty = Params {
            range: DateRange {
                from: day("2020-01-01"),
                to: day("2020-01-31"),
            },
            ..april()
        };
        for kind in [
            ReportKind::FirstResponseByDepartment,
            ReportKind::FirstResponseByAdmin,
            ReportKind::ResolutionByDepartment,
            ReportKind::ResolutionByAdmin,
        ] {
            assert!(
                run(db, kind, &empty).await.unwrap().rows.is_empty(),
                "{kind:?}"
            );
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn the_dashboard_slot_charts_this_weeks_tickets_and_income_for_whoever_may_see_them() {
    use app::kernel::Permission;
    use app::reports::api::GetReportGlance;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let desk = app.add_department("Glance desk").await;
        let today = Utc::now().to_rfc3339();
        add_ticket(&app, desk, "KTR-300001", &today, "open", "high").await;
        let (status, glance) = app
            .post_as(&app.client, GetReportGlance::PATH, &[("x", "")])
            .await;
        assert_eq!(status, 200, "{glance}");
        let tickets = glance["tickets_week"].as_str().expect("the tickets chart");
        let doc = roxmltree::Document::parse(tickets).expect("valid SVG");
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned();
        assert!(title.contains("Tickets opened this week"), "{title}");
        assert!(
            tickets.contains("Glance desk"),
            "the week's ticket is charted: {tickets}"
        );
        assert!(glance["income"].as_str().is_some());

        // "View reports" with clients but not tickets: the income chart only.
        let role = app
            .add_role(
                "Glance accounts",
                &[Permission::ViewReports, Permission::ViewClients],
            )
            .await;
        let clerk = app.create_admin("glance", "support_operator").await;
        app.set_role(clerk.id, role).await;
        let browser = new_client();
        assert_eq!(
            app.login_with(&browser, "glance", PASSWORD).await.status(),
            200
        );
        let (status, glance) = app
            .post_as(&browser, GetReportGlance::PATH, &[("x", "")])
            .await;
        assert_eq!(status, 200, "{glance}");
        assert!(glance["tickets_week"].is_null(), "{glance}");
        assert!(glance["income"].as_str().is_some());
        app.stop().await;
    }
}

/// Each report total against a count of its source rows made here, independently of the
/// triggers that keep it: a difference in any row, or a row on one side only, fails.
pub(crate) async fn assert_totals_match_their_sources(app: &TestApp, when: &str) {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let backend = app.db.get_database_backend();
    let d = |column: &str| match backend {
        DbBackend::Postgres => format!("CAST(({column} AT TIME ZONE 'UTC') AS DATE)"),
        _ => format!("substr({column}, 1, 10)"),
    };
    let login = "CASE WHEN action = 'auth.login' THEN 1 ELSE 0 END";
    // Whole seconds to hours with two decimals, rounded (the tests' times are never negative).
    let hundredths = |end: &str| match backend {
        DbBackend::Postgres => {
            format!("((CAST(EXTRACT(EPOCH FROM ({end} - created_at)) AS BIGINT) + 18) / 36)")
        }
        _ => format!(
            "((CAST(strftime('%s', {end}) AS INTEGER) - CAST(strftime('%s', created_at) AS INTEGER) + 18) / 36)"
        ),
    };
    let counted = [
        (
            "report_ticket_days",
            "opened <> 0 OR closed <> 0",
            format!(
                "SELECT day, department_id, SUM(opened), SUM(closed) FROM (\
                 SELECT {} AS day, department_id, 1 AS opened, 0 AS closed FROM tickets \
                 WHERE merged_into_id IS NULL UNION ALL \
                 SELECT {}, department_id, 0, 1 FROM tickets \
                 WHERE merged_into_id IS NULL AND closed_at IS NOT NULL) x \
                 GROUP BY day, department_id",
                d("created_at"),
                d("closed_at")
            ),
        ),
        (
            "report_ticket_times",
            "tickets <> 0",
            format!(
                "SELECT measure, day, department_id, admin_id, centihours, COUNT(*) FROM (\
                 SELECT 'first_response' AS measure, {} AS day, department_id, \
                 COALESCE(first_response_admin_id, 0) AS admin_id, {} AS centihours FROM tickets \
                 WHERE merged_into_id IS NULL AND first_response_at IS NOT NULL UNION ALL \
                 SELECT 'resolution', {}, department_id, COALESCE(assigned_admin_id, 0), {} \
                 FROM tickets WHERE merged_into_id IS NULL AND closed_at IS NOT NULL) x \
                 GROUP BY measure, day, department_id, admin_id, centihours",
                d("first_response_at"),
                hundredths("first_response_at"),
                d("closed_at"),
                hundredths("closed_at")
            ),
        ),
        (
            "report_ticket_states",
            "tickets <> 0",
            "SELECT department_id, status, priority, COUNT(*) FROM tickets \
             WHERE merged_into_id IS NULL GROUP BY department_id, status, priority"
                .to_owned(),
        ),
        (
            "report_reply_days",
            "replies <> 0",
            format!(
                "SELECT {day}, t.department_id, COALESCE(m.author_admin_id, 0), m.author_name, \
                 COUNT(*) FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id \
                 WHERE m.kind = 'reply' AND m.author_kind = 'staff' \
                 GROUP BY {day}, t.department_id, COALESCE(m.author_admin_id, 0), m.author_name",
                day = d("m.created_at")
            ),
        ),
        (
            "report_payment_days",
            "paid <> 0 OR refunded <> 0",
            "SELECT p.paid_on, i.currency, \
             SUM(CASE WHEN p.kind = 'payment' THEN p.amount ELSE 0 END), \
             SUM(CASE WHEN p.kind = 'refund' THEN p.amount ELSE 0 END) \
             FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id \
             GROUP BY p.paid_on, i.currency"
                .to_owned(),
        ),
        (
            "report_invoice_days",
            "invoices <> 0",
            "SELECT issued_on, status, currency, COUNT(*), SUM(total), SUM(paid) FROM invoices \
             GROUP BY issued_on, status, currency"
                .to_owned(),
        ),
        (
            "report_staff_days",
            "logins <> 0 OR actions <> 0",
            format!(
                "SELECT {day}, COALESCE(actor_id, 0), actor_name, SUM({login}), \
                 SUM(1 - {login}) FROM audit_events WHERE actor_kind = 'staff' \
                 GROUP BY {day}, COALESCE(actor_id, 0), actor_name",
                day = d("at")
            ),
        ),
        (
            "report_client_days",
            "clients <> 0",
            format!(
                "SELECT {day}, COUNT(*) FROM clients GROUP BY {day}",
                day = d("created_at")
            ),
        ),
        (
            "report_service_totals",
            "services <> 0",
            "SELECT status, billing_cycle, currency, COUNT(*), SUM(amount) \
             FROM client_services GROUP BY status, billing_cycle, currency"
                .to_owned(),
        ),
    ];
    for (table, nonzero, recount) in counted {
        let kept = format!("SELECT * FROM {table} WHERE {nonzero}");
        for (left, right, missing) in [
            (&recount, &kept, "counted but not in the totals"),
            (&kept, &recount, "in the totals but not counted"),
        ] {
            let found = app
                .db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("{left} EXCEPT {right}"),
                ))
                .await
                .unwrap();
            assert!(
                found.is_empty(),
                "{table}, {when} ({backend:?}): {} row(s) {missing}",
                found.len()
            );
        }
    }
}

async fn execute(app: &TestApp, sql: &str) {
    use sea_orm::ConnectionTrait;
    app.db.execute_unprepared(sql).await.unwrap();
}

async fn total(app: &TestApp, sql: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    app.db
        .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap()
}

#[tokio::test]
async fn the_report_totals_follow_every_write_to_their_sources() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let dept = fixture(&app).await;
        app.login_as_full_admin().await;
        assert_totals_match_their_sources(&app, "after the fixture").await;
        // Not vacuous: two open tickets, one closed, one staff reply, one login.
        let sums = "CAST(SUM(opened) AS BIGINT) AS n FROM report_ticket_days";
        assert_eq!(total(&app, &format!("SELECT {sums}")).await, 2);
        let replies = "SELECT CAST(SUM(replies) AS BIGINT) AS n FROM report_reply_days";
        assert_eq!(total(&app, replies).await, 1);
        let logins = "SELECT CAST(SUM(logins) AS BIGINT) AS n FROM report_staff_days";
        assert_eq!(total(&app, logins).await, 1, "{backend:?}");

        let other = app.add_department("Other desk").await;
        let t1 = total(
            &app,
            "SELECT CAST(id AS BIGINT) AS n FROM tickets WHERE reference = 'KTR-100001'",
        )
        .await;
        // A transfer moves the ticket and its staff replies to the other department.
        execute(
            &app,
            &format!("UPDATE tickets SET department_id = {other} WHERE id = {t1}"),
        )
        .await;
        let moved = format!(
            "SELECT CAST(SUM(replies) AS BIGINT) AS n FROM report_reply_days \
             WHERE department_id = {other}"
        );
        assert_eq!(total(&app, &moved).await, 1, "{backend:?}");
        assert_totals_match_their_sources(&app, "after a transfer").await;

        // Closed, reopened with another priority, closed again.
        for closed in [
            Some("2026-04-03T10:00:00Z"),
            None,
            Some("2026-04-30T23:59:59Z"),
        ] {
            ticket::ActiveModel {
                id: Set(i32::try_from(t1).unwrap()),
                status: Set(if closed.is_some() { "closed" } else { "open" }.into()),
                priority: Set(if closed.is_some() { "low" } else { "high" }.into()),
                closed_at: Set(closed.map(at)),
                ..Default::default()
            }
            .update(&app.db)
            .await
            .unwrap();
            assert_totals_match_their_sources(&app, "after a status change").await;
        }

        // A merge: the thread moves into the older ticket, the merged ticket stops counting.
        let t3 = add_ticket(
            &app,
            dept,
            "KTR-100003",
            "2026-04-15T12:00:00Z",
            "open",
            "medium",
        )
        .await;
        ticket_message::ActiveModel {
            ticket_id: Set(t3),
            kind: Set("reply".into()),
            author_kind: Set("staff".into()),
            author_admin_id: Set(None),
            author_name: Set("Former Admin".into()),
            body: Set("Merged soon.".into()),
            created_at: Set(at("2026-04-15T13:00:00Z")),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        assert_totals_match_their_sources(&app, "after a new ticket").await;
        execute(
            &app,
            &format!("UPDATE ticket_messages SET ticket_id = {t1} WHERE ticket_id = {t3}"),
        )
        .await;
        execute(
            &app,
            &format!("UPDATE tickets SET merged_into_id = {t1}, status = 'closed' WHERE id = {t3}"),
        )
        .await;
        assert_eq!(total(&app, &format!("SELECT {sums}")).await, 2);
        assert_eq!(total(&app, &moved).await, 2, "{backend:?}");
        assert_totals_match_their_sources(&app, "after a merge").await;

        // A ticket with a thread, deleted message by message and then itself.
        let t4 = add_ticket(
            &app,
            dept,
            "KTR-100004",
            "2026-04-16T12:00:00Z",
            "closed",
            "low",
        )
        .await;
        execute(
            &app,
            &format!("UPDATE ticket_messages SET ticket_id = {t4} WHERE ticket_id = {t1}"),
        )
        .await;
        assert_totals_match_their_sources(&app, "after moving a thread").await;
        // The ticket goes with its thread by cascade: its replies must go from the totals too.
        execute(&app, &format!("DELETE FROM tickets WHERE id = {t4}")).await;
        assert_eq!(total(&app, replies).await, 0, "{backend:?}");
        assert_totals_match_their_sources(&app, "after deletes").await;

        // Billing: a payment changed and another removed, the invoice's currency and status
        // changed, a service cancelled and repriced, a client removed.
        execute(
            &app,
            "UPDATE invoice_payments SET amount = amount + 1 WHERE kind = 'payment'",
        )
        .await;
        execute(&app, "DELETE FROM invoice_payments WHERE kind = 'refund'").await;
        assert_totals_match_their_sources(&app, "after payment changes").await;
        execute(
            &app,
            "UPDATE invoices SET currency = 'EUR', status = 'paid', paid = total \
             WHERE currency = 'GBP'",
        )
        .await;
        let euros = "SELECT CAST(SUM(paid) AS BIGINT) AS n FROM report_payment_days \
                     WHERE currency = 'EUR'";
        assert_eq!(total(&app, euros).await, 10_001, "{backend:?}");
        execute(
            &app,
            "UPDATE client_services SET status = 'cancelled' WHERE billing_cycle = 'monthly'",
        )
        .await;
        execute(
            &app,
            "UPDATE client_services SET amount = 13000 WHERE billing_cycle = 'annually'",
        )
        .await;
        execute(&app, "DELETE FROM clients WHERE first_name = 'Cy'").await;
        assert_totals_match_their_sources(&app, "after billing changes").await;
        app.stop().await;
    }
}
