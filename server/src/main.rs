//! The `server` binary: `serve` (the default) and `migrate`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use server::{db, settings};

#[derive(Parser)]
#[command(name = "server", version, about = "Staffdesk, the staff Admin Area")]
struct Cli {
    /// The settings file. Without this flag, Leptos.toml in the working directory is used if present.
    #[arg(long, global = true, env = "STAFFDESK_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the migrations, then serve the Admin Area (the default).
    Serve,
    /// Run the database migrations and exit.
    Migrate,
    /// Invite an administrator by email and print the accept link.
    Invite {
        #[arg(long)]
        email: String,
        /// The role's key (full_administrator, sales_operator, support_operator) or its name.
        #[arg(long, default_value = "full_administrator")]
        role: String,
        /// Pre-set the username; the invitee then cannot change it.
        #[arg(long)]
        username: Option<String>,
        #[arg(long, default_value = "New")]
        first_name: String,
        #[arg(long, default_value = "Administrator")]
        last_name: String,
    },
    /// Receive one email message on standard input (point your MTA here): it becomes a reply to
    /// its ticket or a new ticket. Exits non-zero, with the reason, when the input is no email.
    Pipe,
    /// Write a consistent copy of the SQLite database to FILE while the server may run.
    Backup {
        /// The new file; an existing one is never overwritten.
        file: PathBuf,
    },
    /// Import clients from a CSV file, all or none. The header names the columns:
    /// first_name,last_name,company,email,phone,street,city,state,postcode,country,status,
    /// language,currency,tax_exempt,no_late_fees,no_overdue_notices,marketing_opt_in (first_name,
    /// last_name, email, country and currency are required; the rest may be left out).
    ImportClients {
        file: PathBuf,
        /// Check every line and report, but import nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Create an administrator; the password is read from standard input (one line).
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        /// The role's key: full_administrator, sales_operator or support_operator.
        #[arg(long, default_value = "full_administrator")]
        role: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("STAFFDESK_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into());
    // One JSON object per line, for log shippers: STAFFDESK_LOG_FORMAT=json.
    if std::env::var("STAFFDESK_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }

    let (path, required) = match cli.config {
        Some(path) => (path, true),
        None => (PathBuf::from("Leptos.toml"), false),
    };
    let settings = match settings::load(&path, required) {
        Ok(s) => Arc::new(s),
        Err(err) => {
            eprintln!("staffdesk: {err}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("staffdesk: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Migrate => migrate(&settings).await,
            Command::Invite {
                email,
                role,
                username,
                first_name,
                last_name,
            } => {
                invite(
                    &settings,
                    &email,
                    &role,
                    username.as_deref(),
                    &first_name,
                    &last_name,
                )
                .await
            }
            Command::CreateAdmin {
                username,
                email,
                first_name,
                last_name,
                role,
            } => create_admin(&settings, &username, &email, &first_name, &last_name, &role).await,
            Command::Serve => serve(settings).await,
            Command::Pipe => pipe(&settings).await,
            Command::Backup { file } => backup(&settings, &file).await,
            Command::ImportClients { file, dry_run } => {
                import_clients(&settings, &file, dry_run).await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("staffdesk: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate(settings: &app::kernel::settings::Settings) -> Result<(), String> {
    let conn = db::connect(settings).await.map_err(|e| e.to_string())?;
    db::migrate(&conn).await.map_err(|e| e.to_string())?;
    println!("staffdesk: database is up to date");
    Ok(())
}

async fn invite(
    settings: &app::kernel::settings::Settings,
    email: &str,
    role: &str,
    username: Option<&str>,
    first_name: &str,
    last_name: &str,
) -> Result<(), String> {
    let conn = db::connect(settings).await.map_err(|e| e.to_string())?;
    db::migrate(&conn).await.map_err(|e| e.to_string())?;
    let link = server::bootstrap::invite(
        &conn, settings, email, role, username, first_name, last_name,
    )
    .await?;
    println!(
        "staffdesk: invitation created for {email}; the email is sent while the server runs.\n\n  {link}\n"
    );
    Ok(())
}

async fn backup(
    settings: &app::kernel::settings::Settings,
    file: &std::path::Path,
) -> Result<(), String> {
    let conn = db::connect(settings).await.map_err(|e| e.to_string())?;
    db::backup(&conn, file).await.map_err(|e| e.to_string())?;
    println!(
        "staffdesk: database copied to {}\n\n\
         Keep with it, safely: the secret key ({} or STAFFDESK_SECURITY__SECRET_KEY), without which \
         two-factor secrets cannot be read, and the attachments directory ({}).",
        file.display(),
        settings.server.data_dir.join("secret.key").display(),
        app::tickets::attachments::directory(&settings.server.data_dir).display(),
    );
    Ok(())
}

/// The largest message `pipe` reads: every attachment at its limit, and room for the text.
fn pipe_limit(settings: &app::kernel::settings::Settings) -> u64 {
    // Base64 makes files a third larger; never more than 100 MiB whatever the settings.
    (u64::from(settings.tickets.attachment_max_mb)
        * u64::from(settings.tickets.attachments_per_message)
        * 1024
        * 1024
        * 4
        / 3
        + 4 * 1024 * 1024)
        .min(100 * 1024 * 1024)
}

async fn pipe(settings: &app::kernel::settings::Settings) -> Result<(), String> {
    use std::io::Read;
    let mut raw = Vec::new();
    std::io::stdin()
        .take(pipe_limit(settings) + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("cannot read the message from standard input: {e}"))?;
    if raw.len() as u64 > pipe_limit(settings) {
        return Err("the message is larger than the attachment settings allow".into());
    }
    let conn = db::connect(settings).await.map_err(|e| e.to_string())?;
    db::migrate(&conn).await.map_err(|e| e.to_string())?;
    let room = app::tickets::inbound::Mailroom::from_settings(settings);
    let outcome = app::tickets::inbound::receive(&conn, &room, chrono::Utc::now(), &raw)
        .await
        .map_err(|e| e.to_string())?;
    println!("staffdesk: {} {:?}", outcome.key(), outcome);
    Ok(())
}

async fn import_clients(
    settings: &app::kernel::settings::Settings,
    file: &std::path::Path,
    dry_run: bool,
) -> Result<(), String> {
    use app::clients::import::{Outcome, run};
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let conn = db::connect(settings).await.map_err(|e| e.to_string())?;
    db::migrate(&conn).await.map_err(|e| e.to_string())?;
    let actor = app::kernel::audit::Actor::system();
    match run(&conn, chrono::Utc::now(), &actor, &bytes, dry_run)
        .await
        .map_err(|e| e.to_string())?
    {
        Outcome::Imported(n) if dry_run => {
            println!(
                "staffdesk: {n} clients checked; every line is valid (dry run: nothing imported)"
            );
            Ok(())
        }
        Outcome::Imported(n) => {
            println!("staffdesk: imported {n} clients");
            Ok(())
        }
        Outcome::Refused(problems) => {
            for problem in &problems {
                eprintln!("{}: {problem}", file.display());
            }
            Err(format!(
                "{} problem(s) found; nothing was imported",
                problems.len()
            ))
        }
    }
}

async fn create_admin(
    settings: &app::kernel::settings::Settings,
    username: &str,
    email: &str,
    first_name: &str,
    last_name: &str,
    role: &str,
) -> Result<(), String> {
    use app::auth::service::{NewAdmin, create_admin};
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    // Only the line ending is removed; the password is otherwise kept exactly as typed.
    let password = password.strip_suffix('\n').unwrap_or(&password);
    let password = password.strip_suffix('\r').unwrap_or(password);
    let input = NewAdmin::parse(username, email, first_name, last_name, password, role)
        .map_err(|(field, err)| format!("invalid {field}: {err}"))?;
    let conn = db::connect(settings).await.map_err(|e| e.to_string())?;
    db::migrate(&conn).await.map_err(|e| e.to_string())?;
    let hasher = app::kernel::password::Hasher::for_this_machine();
    let admin = create_admin(&conn, &hasher, chrono::Utc::now(), input)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "staffdesk: created administrator {} (id {})",
        admin.username, admin.id
    );
    Ok(())
}

async fn serve(settings: Arc<app::kernel::settings::Settings>) -> Result<(), String> {
    let conn = db::connect(&settings).await.map_err(|e| e.to_string())?;
    db::migrate(&conn).await.map_err(|e| e.to_string())?;
    if app::auth::service::admin_count(&conn)
        .await
        .map_err(|e| e.to_string())?
        == 0
    {
        let link = server::bootstrap::first_start_invitation(&conn, &settings)
            .await
            .map_err(|e| format!("cannot create the first-start invitation: {e}"))?;
        // The console, not the log: the operator needs this link, and logs must never hold tokens.
        println!(
            "staffdesk: no administrator exists yet. Open this link to create the first Full Administrator \
             (valid {} days; each start prints a new link until then):\n\n  {link}\n",
            settings.invitations.validity_days
        );
    }
    let listener = tokio::net::TcpListener::bind(settings.server.listen)
        .await
        .map_err(|e| {
            format!(
                "cannot listen on {} (server.listen): {e}",
                settings.server.listen
            )
        })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%addr, public_url = %settings.server.public_url, "Staffdesk is listening");
    println!("staffdesk: listening on http://{addr}");
    server::serve(listener, settings, conn.clone(), server::shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    conn.close().await.map_err(|e| e.to_string())?;
    Ok(())
}
