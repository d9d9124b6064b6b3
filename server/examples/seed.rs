//! Fills a Staffdesk database with load-test data: `cargo run --release -p server --example seed --
//! ADMINS INVITATIONS AUDIT_EVENTS [TICKETS MESSAGES_PER_TICKET [CLIENTS SERVICES INVOICES
//! [KB_ARTICLES]]]`. Reads the usual settings (Leptos.toml, STAFFDESK_*), runs the
//! migrations, and gives every seeded admin the password in SEED_PASSWORD.

use std::path::Path;

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("counts are whole numbers"))
        .collect();
    let (admins, invitations, audit_events, tickets, messages_per_ticket) = match args[..] {
        [a, i, e] => (a, i, e, 0, 0),
        [a, i, e, t, m, ..] => (a, i, e, t, m),
        _ => {
            eprintln!(
                "usage: seed ADMINS INVITATIONS AUDIT_EVENTS [TICKETS MESSAGES_PER_TICKET [CLIENTS SERVICES INVOICES [KB_ARTICLES]]]"
            );
            std::process::exit(2);
        }
    };
    let password = std::env::var("SEED_PASSWORD").expect("SEED_PASSWORD");
    let settings = server::settings::load(Path::new("Leptos.toml"), false).expect("settings");
    let db = server::db::connect(&settings).await.expect("database");
    server::db::migrate(&db).await.expect("migrations");
    let hasher = app::kernel::password::Hasher::for_this_machine();
    let checked =
        app::kernel::credentials::NewPassword::parse(&password).expect("a valid password");
    let hash = hasher.hash(&checked).await.expect("hash");
    let started = std::time::Instant::now();
    let volume = server::seed::Volume {
        departments: 20,
        roles: 10,
        admins,
        invitations,
        audit_events,
        tickets,
        messages_per_ticket,
        clients: args.get(5).copied().unwrap_or(0),
        services: args.get(6).copied().unwrap_or(0),
        invoices: args.get(7).copied().unwrap_or(0),
        kb_articles: args.get(8).copied().unwrap_or(0),
    };
    let tag = format!("{:x}", chrono::Utc::now().timestamp() % 0xffff_ffff);
    server::seed::seed(&db, volume, &tag, hash.as_phc(), chrono::Utc::now())
        .await
        .expect("seed");
    println!(
        "seeded {admins} admins, {invitations} invitations, {audit_events} audit events and {tickets} tickets with {messages_per_ticket} messages each in {:.1} s (usernames seed{tag}0, seed{tag}1, ...)",
        started.elapsed().as_secs_f64()
    );
}
