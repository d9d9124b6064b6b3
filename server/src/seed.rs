//! Bulk sample data for load runs and query-count tests: departments, custom roles, administrators
//! in departments, open invitations with their sent mail, audit events, and support tickets with
//! their messages (and their counters and search index). Inserted in batches;
//! every name carries a tag so the same database can be seeded more than once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use app::entities::{
    admin, admin_department, audit_event, department, invitation, mail_outbox, role,
    role_permission, ticket, ticket_message,
};
use app::kernel::Permission;
use app::kernel::audit::Action;

/// How much to add.
#[derive(Debug, Clone, Copy, Default)]
pub struct Volume {
    pub departments: usize,
    pub roles: usize,
    pub admins: usize,
    pub invitations: usize,
    pub audit_events: usize,
    /// Support tickets, spread over the departments and statuses.
    pub tickets: usize,
    /// Messages per ticket (the first is the requester's; the rest alternate).
    pub messages_per_ticket: usize,
    /// Clients, with services and invoices spread over the three years before `now`. One client in
    /// a hundred gets ten times its share of invoices, so the largest Summary is worth measuring.
    pub clients: usize,
    pub services: usize,
    pub invoices: usize,
    /// Knowledgebase articles in 20 categories: nine in ten public, the rest for clients or
    /// hidden.
    pub kb_articles: usize,
}

const BATCH: usize = 500;

/// Adds `volume` rows, tagged with `tag` (letters and digits). Seeded admins share one password
/// hash, `password_hash`, so load runs can log in as any of them.
pub async fn seed(
    db: &DatabaseConnection,
    volume: Volume,
    tag: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = app::kernel::db::begin_write(db).await?;
    let mut department_ids = Vec::new();
    for i in 0..volume.departments {
        let row = department::ActiveModel {
            name: Set(format!("Seed {tag} department {i}")),
            email: Set(format!("dept{i}.{tag}@example.com")),
            description: Set(String::new()),
            hidden: Set(false),
            created_at: Set(now),
            ..Default::default()
        };
        department_ids.push(
            department::Entity::insert(row)
                .exec(&txn)
                .await?
                .last_insert_id,
        );
    }
    let mut role_ids = Vec::new();
    for i in 0..volume.roles {
        let row = role::ActiveModel {
            name: Set(format!("Seed {tag} role {i}")),
            key: Set(None),
            built_in: Set(false),
            created_at: Set(now),
            deleted_at: Set(None),
            requires_two_factor: Set(false),
            ..Default::default()
        };
        let id = role::Entity::insert(row).exec(&txn).await?.last_insert_id;
        let granted = [
            Permission::ViewAdministrators,
            Permission::ViewDepartments,
            Permission::ViewTickets,
        ];
        role_permission::Entity::insert_many(granted.iter().map(|p| {
            role_permission::ActiveModel {
                role_id: Set(id),
                permission: Set(p.key().to_owned()),
            }
        }))
        .exec(&txn)
        .await?;
        role_ids.push(id);
    }
    txn.commit().await?;
    // The built-in Support Operator role when no custom role was asked for.
    let fallback_role = role::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .find(|r| r.key.as_deref() == Some("support_operator"))
        .map_or(1, |r| r.id);

    let mut admin_ids = Vec::with_capacity(volume.admins);
    for chunk in (0..volume.admins).collect::<Vec<_>>().chunks(BATCH) {
        let txn = app::kernel::db::begin_write(db).await?;
        for &i in chunk {
            let role_id = if role_ids.is_empty() {
                fallback_role
            } else {
                role_ids[i % role_ids.len()]
            };
            let row = admin::ActiveModel {
                username: Set(format!("seed{tag}{i}")),
                first_name: Set(format!("Seed{i}")),
                last_name: Set(format!("Admin {tag}")),
                email: Set(format!("seed{i}.{tag}@example.com")),
                password_hash: Set(password_hash.to_owned()),
                role_id: Set(role_id),
                language: Set("en".to_owned()),
                signature: Set(String::new()),
                notes: Set(String::new()),
                disabled_at: Set(None),
                created_at: Set(now - Duration::days(30)),
                last_login_at: Set(Some(now - Duration::minutes(i64::try_from(i).unwrap_or(0)))),
                ..Default::default()
            };
            let id = admin::Entity::insert(row).exec(&txn).await?.last_insert_id;
            if !department_ids.is_empty() {
                admin_department::Entity::insert(admin_department::ActiveModel {
                    admin_id: Set(id),
                    department_id: Set(department_ids[i % department_ids.len()]),
                    notify: Set(i % 2 == 0),
                })
                .exec(&txn)
                .await?;
            }
            admin_ids.push(id);
        }
        txn.commit().await?;
    }

    for chunk in (0..volume.invitations).collect::<Vec<_>>().chunks(BATCH) {
        let txn = app::kernel::db::begin_write(db).await?;
        for &i in chunk {
            let created = now - Duration::seconds(i64::try_from(i).unwrap_or(0));
            let email = format!("invitee{i}.{tag}@example.com");
            let row = invitation::ActiveModel {
                email: Set(email.clone()),
                first_name: Set(format!("Invitee{i}")),
                last_name: Set(format!("Seed {tag}")),
                username: Set(None),
                role_id: Set(role_ids.first().copied().unwrap_or(fallback_role)),
                language: Set("en".to_owned()),
                token_hash: Set(format!("{tag:0>16}{i:048}")),
                invited_by: Set(admin_ids.get(i % admin_ids.len().max(1)).copied()),
                created_at: Set(created),
                expires_at: Set(created + Duration::days(7)),
                accepted_at: Set(None),
                cancelled_at: Set(None),
                superseded_at: Set(None),
                admin_id: Set(None),
                expiry_recorded_at: Set(None),
                ..Default::default()
            };
            let id = invitation::Entity::insert(row)
                .exec(&txn)
                .await?
                .last_insert_id;
            mail_outbox::Entity::insert(mail_outbox::ActiveModel {
                to_address: Set(email),
                subject: Set("You are invited".to_owned()),
                text_body: Set(String::new()),
                html_body: Set(String::new()),
                invitation_id: Set(Some(id)),
                created_at: Set(created),
                attempts: Set(1),
                next_attempt_at: Set(created),
                sent_at: Set(Some(created)),
                last_error: Set(None),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
        }
        txn.commit().await?;
    }

    let actions = [
        Action::LoginSucceeded,
        Action::LoginFailed,
        Action::DepartmentUpdated,
        Action::AdminUpdated,
    ];
    for chunk in (0..volume.audit_events).collect::<Vec<_>>().chunks(BATCH) {
        let rows = chunk.iter().map(|&i| {
            let actor = admin_ids.get(i % admin_ids.len().max(1)).copied();
            audit_event::ActiveModel {
                at: Set(now - Duration::seconds(i64::try_from(i).unwrap_or(0) * 7)),
                actor_kind: Set(if actor.is_some() {
                    app::kernel::audit::ActorKind::Staff
                } else {
                    app::kernel::audit::ActorKind::System
                }
                .key()
                .to_owned()),
                actor_id: Set(actor),
                actor_name: Set(format!("Seed{} Admin {tag}", i % admin_ids.len().max(1))),
                action: Set(actions[i % actions.len()].key().to_owned()),
                target_type: Set(actor.map(|_| "admin".to_owned())),
                target_id: Set(actor),
                target_label: Set(String::new()),
                details: Set(format!("{{\"after\":{{\"n\":{i}}}}}")),
                ip: Set("198.51.100.7".to_owned()),
                user_agent: Set("seed".to_owned()),
                ..Default::default()
            }
        });
        audit_event::Entity::insert_many(rows).exec(db).await?;
    }
    seed_tickets(db, &volume, tag, now).await?;
    seed_clients(db, &volume, tag, now).await?;
    seed_kb(db, &volume, tag, now).await
}

/// Clients, their services, and invoices with two lines each and, for the paid ones, a payment.
/// The search index is kept by the database's triggers (SQLite) or generated columns (PostgreSQL).
async fn seed_kb(
    db: &DatabaseConnection,
    volume: &Volume,
    tag: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use app::entities::{kb_article, kb_article_category, kb_category};
    use sea_orm::{ColumnTrait, QueryFilter};
    if volume.kb_articles == 0 {
        return Ok(());
    }
    let txn = app::kernel::db::begin_write(db).await?;
    // Five top-level categories with three subcategories each.
    let mut categories = Vec::new();
    for top in 0..5 {
        let parent = kb_category::Entity::insert(kb_category::ActiveModel {
            parent_id: Set(None),
            name: Set(format!("{} {tag} {top}", WORDS[top % WORDS.len()])),
            description: Set(format!("Everything about {}.", WORDS[top % WORDS.len()])),
            position: Set(i32::try_from(top).unwrap_or(0)),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        categories.push(parent);
        for sub in 0..3 {
            let id = kb_category::Entity::insert(kb_category::ActiveModel {
                parent_id: Set(Some(parent)),
                name: Set(format!(
                    "{} {tag} {top}.{sub}",
                    WORDS[(top + sub + 5) % WORDS.len()]
                )),
                description: Set(String::new()),
                position: Set(i32::try_from(sub).unwrap_or(0)),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            })
            .exec(&txn)
            .await?
            .last_insert_id;
            categories.push(id);
        }
    }
    txn.commit().await?;
    let ids: Vec<usize> = (0..volume.kb_articles).collect();
    for chunk in ids.chunks(BATCH) {
        let txn = app::kernel::db::begin_write(db).await?;
        let rows = chunk.iter().map(|&i| {
            let word = |k: usize| WORDS[(i * 7 + k * 3) % WORDS.len()];
            let title = format!("How to {} the {} {} {i} {tag}", word(0), word(1), word(2));
            // About 1.5 KB of Markdown: headings, paragraphs, a list, a link to another article.
            let mut body = format!("# {title}\n\n");
            for p in 0..6 {
                body.push_str(&format!(
                    "The **{}** and the {} of your {} can be changed from the {} page. \
                     Check the {} settings first, then the {}.\n\n",
                    word(p),
                    word(p + 1),
                    word(p + 2),
                    word(p + 3),
                    word(p + 4),
                    word(p + 5)
                ));
            }
            body.push_str(&format!(
                "## Steps\n\n- Open the {}\n- Choose the {}\n- Save\n\nSee also [the next article](seed-{tag}-{}).\n",
                word(6),
                word(7),
                i + 1
            ));
            let rendered = app::kernel::markdown::render(&body);
            let visibility = match i % 20 {
                0 => "clients",
                1 => "hidden",
                _ => "public",
            };
            kb_article::ActiveModel {
                title: Set(title),
                slug: Set(format!("seed-{tag}-{i}")),
                body: Set(body),
                html: Set(rendered.html),
                plain: Set(rendered.plain),
                tags: Set(format!("{},{}", word(3), word(4))),
                visibility: Set(visibility.to_owned()),
                views: Set(i64::try_from(i * 37 % 1000).unwrap_or(0)),
                helpful: Set(0),
                unhelpful: Set(0),
                created_at: Set(now - Duration::hours(i64::try_from(i).unwrap_or(0))),
                updated_at: Set(now - Duration::hours(i64::try_from(i).unwrap_or(0))),
                version: Set(1),
                ..Default::default()
            }
        });
        kb_article::Entity::insert_many(rows).exec(&txn).await?;
        let slugs: Vec<String> = chunk.iter().map(|i| format!("seed-{tag}-{i}")).collect();
        let inserted = kb_article::Entity::find()
            .filter(kb_article::Column::Slug.is_in(slugs))
            .all(&txn)
            .await?;
        let links = inserted.iter().flat_map(|a| {
            let n: usize = a
                .slug
                .rsplit('-')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let first = categories[n % categories.len()];
            let second = categories[(n / 3 + 7) % categories.len()];
            let mut both = vec![first];
            if second != first {
                both.push(second);
            }
            both.into_iter()
                .map(move |c| kb_article_category::ActiveModel {
                    article_id: Set(a.id),
                    category_id: Set(c),
                })
        });
        kb_article_category::Entity::insert_many(links)
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    Ok(())
}

async fn seed_clients(
    db: &DatabaseConnection,
    volume: &Volume,
    tag: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use app::clients::model::{
        BillingCycle, ClientStatus, InvoiceStatus, Line, ServiceStatus, invoice_totals,
    };
    use app::entities::{client, client_service, invoice, invoice_item, invoice_payment};
    use sea_orm::{QueryOrder, QuerySelect};
    if volume.clients == 0 {
        return Ok(());
    }
    const COUNTRIES: [&str; 8] = ["US", "GB", "DE", "ES", "FR", "CA", "AU", "NL"];
    const CURRENCIES: [&str; 3] = ["USD", "EUR", "GBP"];
    let three_years = 3 * 365;
    let mut client_ids = Vec::with_capacity(volume.clients);
    for chunk in (0..volume.clients).collect::<Vec<_>>().chunks(BATCH) {
        let txn = app::kernel::db::begin_write(db).await?;
        let rows = chunk.iter().map(|&i| {
            let age =
                i64::try_from((volume.clients - i) * three_years / volume.clients).unwrap_or(0);
            client::ActiveModel {
                first_name: Set(WORDS[i % WORDS.len()].to_owned()),
                last_name: Set(format!("Client{i}")),
                company: Set(if i % 3 == 0 {
                    format!("{} Hosting {tag}", WORDS[(i / 3) % WORDS.len()])
                } else {
                    String::new()
                }),
                email: Set(format!("client{i}.{tag}@example.org")),
                phone: Set(format!("+1 555 {:04}", i % 10_000)),
                street: Set(format!("{} Main Street", i % 900 + 1)),
                city: Set("Springfield".to_owned()),
                state: Set(String::new()),
                postcode: Set(format!("{:05}", i % 100_000)),
                country: Set(COUNTRIES[i % COUNTRIES.len()].to_owned()),
                status: Set(match i % 20 {
                    0 => ClientStatus::Closed,
                    1 | 2 => ClientStatus::Inactive,
                    _ => ClientStatus::Active,
                }
                .key()
                .to_owned()),
                language: Set("en".to_owned()),
                currency: Set(CURRENCIES[i % CURRENCIES.len()].to_owned()),
                tax_exempt: Set(i % 10 == 0),
                no_late_fees: Set(false),
                no_overdue_notices: Set(false),
                marketing_opt_in: Set(i % 2 == 0),
                created_at: Set(now - Duration::days(age)),
                version: Set(1),
                ..Default::default()
            }
        });
        client::Entity::insert_many(rows).exec(&txn).await?;
        let mut ids: Vec<i32> = client::Entity::find()
            .select_only()
            .column(client::Column::Id)
            .order_by_desc(client::Column::Id)
            .limit(chunk.len() as u64)
            .into_tuple()
            .all(&txn)
            .await?;
        ids.reverse();
        client_ids.extend(ids);
        txn.commit().await?;
    }
    let owner = |i: usize| client_ids[i % client_ids.len()];
    let currency = |i: usize| CURRENCIES[i % client_ids.len() % CURRENCIES.len()];
    for chunk in (0..volume.services).collect::<Vec<_>>().chunks(BATCH) {
        let rows = chunk.iter().map(|&i| {
            let cycle = [
                BillingCycle::Monthly,
                BillingCycle::Annually,
                BillingCycle::Quarterly,
                BillingCycle::OneTime,
            ][i % 4];
            client_service::ActiveModel {
                client_id: Set(owner(i)),
                product: Set(
                    ["Shared Hosting", "VPS", "Dedicated Server", "Domain"][i % 4].to_owned(),
                ),
                domain: Set(format!("site{i}.{tag}.example")),
                billing_cycle: Set(cycle.key().to_owned()),
                amount: Set(i64::try_from(499 + (i % 50) * 100).unwrap_or(499)),
                currency: Set(currency(i).to_owned()),
                next_due: Set(Some(
                    now.date_naive() + Duration::days(i64::try_from(i % 60).unwrap_or(0) - 10),
                )),
                status: Set(match i % 10 {
                    0 => ServiceStatus::Suspended,
                    1 => ServiceStatus::Cancelled,
                    2 => ServiceStatus::Pending,
                    _ => ServiceStatus::Active,
                }
                .key()
                .to_owned()),
                created_at: Set(now - Duration::days(i64::try_from(i % three_years).unwrap_or(0))),
                version: Set(1),
                ..Default::default()
            }
        });
        client_service::Entity::insert_many(rows).exec(db).await?;
    }
    for chunk in (0..volume.invoices).collect::<Vec<_>>().chunks(BATCH) {
        let txn = app::kernel::db::begin_write(db).await?;
        let mut planned = Vec::with_capacity(chunk.len());
        for &i in chunk {
            // One in a hundred invoices goes to the first client.
            let client_index = if i % 100 == 0 { 0 } else { i };
            let age =
                i64::try_from((volume.invoices - i) * three_years / volume.invoices).unwrap_or(0);
            let issued = now.date_naive() - Duration::days(age);
            let due = issued + Duration::days(14);
            let lines = [
                Line {
                    description: "Hosting".into(),
                    amount: i64::try_from(1000 + (i % 40) * 250).unwrap_or(1000),
                    taxed: true,
                },
                Line {
                    description: "Setup".into(),
                    amount: 500,
                    taxed: false,
                },
            ];
            let totals = invoice_totals(&lines, 2000, false);
            let status = match i % 25 {
                0 => InvoiceStatus::Cancelled,
                1 => InvoiceStatus::Draft,
                2 | 3 => InvoiceStatus::Unpaid.settle(totals.total, 0, due < now.date_naive()),
                _ => InvoiceStatus::Paid,
            };
            planned.push((client_index, issued, due, lines, totals, status));
        }
        invoice::Entity::insert_many(planned.iter().map(|(c, issued, due, _, totals, status)| {
            invoice::ActiveModel {
                client_id: Set(owner(*c)),
                issued_on: Set(*issued),
                due_on: Set(*due),
                currency: Set(currency(*c).to_owned()),
                tax_rate: Set(2000),
                subtotal: Set(totals.subtotal),
                tax: Set(totals.tax),
                total: Set(totals.total),
                paid: Set(if *status == InvoiceStatus::Paid {
                    totals.total
                } else {
                    0
                }),
                status: Set(status.key().to_owned()),
                notes: Set(String::new()),
                created_at: Set(issued.and_hms_opt(9, 0, 0).map_or(now, |d| d.and_utc())),
                version: Set(1),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
        let mut ids: Vec<i32> = invoice::Entity::find()
            .select_only()
            .column(invoice::Column::Id)
            .order_by_desc(invoice::Column::Id)
            .limit(planned.len() as u64)
            .into_tuple()
            .all(&txn)
            .await?;
        ids.reverse();
        let mut items = Vec::new();
        let mut payments = Vec::new();
        for (id, (c, issued, _, lines, totals, status)) in ids.iter().zip(&planned) {
            for (position, line) in lines.iter().enumerate() {
                items.push(invoice_item::ActiveModel {
                    invoice_id: Set(*id),
                    position: Set(i32::try_from(position).unwrap_or(0)),
                    description: Set(line.description.clone()),
                    amount: Set(line.amount),
                    taxed: Set(line.taxed),
                    ..Default::default()
                });
            }
            if *status == InvoiceStatus::Paid {
                payments.push(invoice_payment::ActiveModel {
                    invoice_id: Set(*id),
                    kind: Set("payment".to_owned()),
                    paid_on: Set(*issued + Duration::days(3)),
                    amount: Set(totals.total),
                    method: Set(if c % 2 == 0 { "Card" } else { "Bank transfer" }.to_owned()),
                    reference: Set(format!("SEED-{id}")),
                    admin_id: Set(None),
                    created_at: Set(now),
                    ..Default::default()
                });
            }
        }
        invoice_item::Entity::insert_many(items).exec(&txn).await?;
        if !payments.is_empty() {
            invoice_payment::Entity::insert_many(payments)
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

/// Words the seeded messages are made of, so that keyword searches find some and not all.
const WORDS: [&str; 24] = [
    "server",
    "invoice",
    "domain",
    "email",
    "backup",
    "password",
    "renewal",
    "dns",
    "ssl",
    "upgrade",
    "refund",
    "migration",
    "timeout",
    "disk",
    "quota",
    "database",
    "firewall",
    "certificate",
    "billing",
    "outage",
    "login",
    "website",
    "cpanel",
    "transfer",
];

/// The reference of seeded ticket `i`.
fn seed_reference(tag: &str, i: usize) -> String {
    format!(
        "{}-{:06}",
        reference_letters(tag, i / 1_000_000),
        i % 1_000_000
    )
}

/// Three letters for a tag's references, so that several seedings never share one.
fn reference_letters(tag: &str, round: usize) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut h: u64 = 1469598103934665603;
    for b in tag.bytes().chain(round.to_le_bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(1099511628211);
    }
    (0..3)
        .map(|k| LETTERS[((h >> (k * 8)) % LETTERS.len() as u64) as usize] as char)
        .collect()
}

async fn seed_tickets(
    db: &DatabaseConnection,
    volume: &Volume,
    tag: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use app::tickets::model::{Priority, Status};
    use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, Statement};
    if volume.tickets == 0 {
        return Ok(());
    }
    let departments: Vec<i32> = department::Entity::find()
        .order_by_asc(department::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    if departments.is_empty() {
        return Ok(());
    }
    let sqlite = db.get_database_backend() == sea_orm::DbBackend::Sqlite;
    let mut counts: std::collections::HashMap<(i32, Status), i64> = Default::default();
    let ids: Vec<usize> = (0..volume.tickets).collect();
    for chunk in ids.chunks(BATCH) {
        let txn = app::kernel::db::begin_write(db).await?;
        let mut rows = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let department_id = departments[i % departments.len()];
            let status = Status::ALL[(i * 7) % Status::ALL.len()];
            *counts.entry((department_id, status)).or_default() += 1;
            let reference = seed_reference(tag, i);
            let at = now - Duration::seconds(i64::try_from(i).unwrap_or(0) * 13);
            rows.push(ticket::ActiveModel {
                thread_id: Set(format!(
                    "<ticket.{}@seed.invalid>",
                    reference.to_lowercase()
                )),
                reference: Set(reference),
                subject: Set(format!(
                    "{} {} problem {i} {tag}",
                    WORDS[i % WORDS.len()],
                    WORDS[(i / 7) % WORDS.len()]
                )),
                department_id: Set(department_id),
                priority: Set(Priority::ALL[i % 3].key().to_owned()),
                status: Set(status.key().to_owned()),
                assigned_admin_id: Set(None),
                client_id: Set(None),
                requester_name: Set(format!("Requester {i}")),
                requester_email: Set(format!("requester{i}.{tag}@example.net")),
                created_at: Set(at - Duration::hours(1)),
                last_reply_at: Set(at),
                closed_at: Set((status == Status::Closed).then_some(at)),
                // The thread below has staff's first reply a minute after the opening message.
                first_response_at: Set((volume.messages_per_ticket > 1)
                    .then(|| at - Duration::hours(1) + Duration::minutes(1))),
                last_reply_by: Set(if i % 2 == 0 { "staff" } else { "requester" }.to_owned()),
                version: Set(1),
                ..Default::default()
            });
        }
        ticket::Entity::insert_many(rows).exec(&txn).await?;
        // This batch's rows, for their ids.
        let inserted = ticket::Entity::find()
            .filter(ticket::Column::Reference.is_in(chunk.iter().map(|&i| {
                format!(
                    "{}-{:06}",
                    reference_letters(tag, i / 1_000_000),
                    i % 1_000_000
                )
            })))
            .all(&txn)
            .await?;
        let mut messages = Vec::new();
        let mut search: Vec<(i32, String)> = Vec::new();
        for t in &inserted {
            let n: usize = t.reference[4..].parse().unwrap_or(0);
            search.push((t.id, t.subject.clone()));
            for m in 0..volume.messages_per_ticket {
                let by_staff = m % 2 == 1;
                let body = format!(
                    "Message {m} about the {} and the {}: seeded text number {n}.",
                    WORDS[(n + m) % WORDS.len()],
                    WORDS[(n * 3 + m) % WORDS.len()]
                );
                search.push((t.id, body.clone()));
                messages.push(ticket_message::ActiveModel {
                    ticket_id: Set(t.id),
                    kind: Set(if m > 0 && m % 5 == 0 { "note" } else { "reply" }.to_owned()),
                    author_kind: Set(if by_staff { "staff" } else { "requester" }.to_owned()),
                    author_admin_id: Set(None),
                    author_name: Set(if by_staff { "Seed Staff".to_owned() } else { t.requester_name.clone() }),
                    body: Set(body),
                    created_at: Set(t.created_at + Duration::minutes(i64::try_from(m).unwrap_or(0))),
                    ..Default::default()
                });
                if messages.len() >= BATCH {
                    ticket_message::Entity::insert_many(std::mem::take(&mut messages))
                        .exec(&txn)
                        .await?;
                }
            }
        }
        if !messages.is_empty() {
            ticket_message::Entity::insert_many(messages)
                .exec(&txn)
                .await?;
        }
        if sqlite {
            for part in search.chunks(200) {
                let mut sql = String::from("INSERT INTO ticket_search (ticket_id, body) VALUES ");
                let mut values: Vec<sea_orm::Value> = Vec::new();
                for (k, (id, text)) in part.iter().enumerate() {
                    if k > 0 {
                        sql.push(',');
                    }
                    sql.push_str("(?, ?)");
                    values.push((*id).into());
                    values.push(text.clone().into());
                }
                txn.execute_raw(Statement::from_sql_and_values(
                    sea_orm::DbBackend::Sqlite,
                    sql,
                    values,
                ))
                .await?;
            }
        }
        txn.commit().await?;
    }
    let txn = app::kernel::db::begin_write(db).await?;
    for ((department_id, status), n) in counts {
        app::tickets::service::count(&txn, department_id, status, n).await?;
    }
    txn.commit().await
}
