//! The server's runtime settings as the application sees them (loaded from Leptos.toml by the server).

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Every key of Leptos.toml. Defaults here are the documented defaults in that file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub organization: OrganizationSettings,
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub mail: MailSettings,
    pub invitations: InvitationSettings,
    pub sessions: SessionSettings,
    pub security: SecuritySettings,
    pub tickets: TicketSettings,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct OrganizationSettings {
    /// Shown in emails and page titles: "Acme Hosting invited you to use Staffdesk".
    pub name: String,
    /// The language of pages before login and of new invitations unless the inviter picks another:
    /// `en`, `de` or `es`.
    pub language: String,
}

impl Default for OrganizationSettings {
    fn default() -> Self {
        Self {
            name: "Staffdesk".into(),
            language: "en".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSettings {
    pub listen: SocketAddr,
    pub public_url: String,
    pub data_dir: PathBuf,
    pub site_root: PathBuf,
    pub body_limit_kb: usize,
    /// Reverse proxies (addresses or CIDR blocks) whose `X-Forwarded-For` names the client. Empty:
    /// the socket peer is the client, and the header is ignored.
    pub trusted_proxies: Vec<String>,
    /// Longest a request may take before it is answered 503 and logged; 0 turns the limit off.
    /// The dashboard's event stream is exempt.
    pub request_timeout_seconds: u64,
    /// Where Prometheus metrics are served (`/metrics`), such as `127.0.0.1:9464`; empty: off.
    pub metrics_listen: String,
    /// How often the periodic jobs run (invitation expiry, auto-close, clean-ups), 1 to 3600.
    pub jobs_every_seconds: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseSettings {
    /// Empty means the embedded SQLite file `staffdesk.db` in the data directory.
    pub url: String,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// Deliver through an SMTP server.
    Smtp,
    /// Write each message as an .eml file under `<data_dir>/mail`: for development.
    File,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    None,
    Starttls,
    Tls,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MailSettings {
    /// Whether this node runs the outbox worker that delivers queued mail.
    pub worker: bool,
    pub transport: MailTransport,
    pub from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: String,
    pub smtp_password: String,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("worker", &self.worker)
            .field("transport", &self.transport)
            .field("from", &self.from)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &"[redacted]")
            .finish()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct InvitationSettings {
    pub validity_days: u32,
    /// Who the first-start invitation is addressed to when no administrator exists yet.
    pub bootstrap_email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SessionSettings {
    pub idle_timeout_minutes: u32,
    pub absolute_timeout_hours: u32,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SecuritySettings {
    pub ban_after_failures: u32,
    pub ban_minutes: u32,
    /// 32 bytes, base64: encrypts two-factor secrets. Empty: `<data_dir>/secret.key`, created on
    /// first start.
    pub secret_key: String,
}

impl std::fmt::Debug for SecuritySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecuritySettings")
            .field("ban_after_failures", &self.ban_after_failures)
            .field("ban_minutes", &self.ban_minutes)
            .field("secret_key", &"[redacted]")
            .finish()
    }
}

/// The support desk's settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct TicketSettings {
    /// Tickets Answered (after a staff reply) this many hours are closed; 0 turns it off.
    pub auto_close_hours: u32,
    /// Largest attachment, in MiB.
    pub attachment_max_mb: u32,
    /// Most attachments on one message.
    pub attachments_per_message: u32,
    /// File name extensions accepted, lower case, without the dot. The content must match too.
    pub attachment_extensions: Vec<String>,
}

impl Default for TicketSettings {
    fn default() -> Self {
        Self {
            auto_close_hours: 72,
            attachment_max_mb: 10,
            attachments_per_message: 5,
            attachment_extensions: [
                "jpg", "jpeg", "png", "gif", "webp", "pdf", "txt", "log", "csv", "zip",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: "http://127.0.0.1:3000".into(),
            data_dir: PathBuf::from("data"),
            site_root: PathBuf::from("target/site"),
            body_limit_kb: 256,
            trusted_proxies: Vec::new(),
            request_timeout_seconds: 30,
            metrics_listen: String::new(),
            jobs_every_seconds: 60,
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: String::new(),
            max_connections: 10,
        }
    }
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            worker: true,
            transport: MailTransport::File,
            from: "Staffdesk <staffdesk@localhost>".into(),
            smtp_host: "127.0.0.1".into(),
            smtp_port: 25,
            smtp_tls: SmtpTls::None,
            smtp_username: String::new(),
            smtp_password: String::new(),
        }
    }
}

impl Default for InvitationSettings {
    fn default() -> Self {
        Self {
            validity_days: 7,
            bootstrap_email: "admin@localhost.localdomain".into(),
        }
    }
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            idle_timeout_minutes: 120,
            absolute_timeout_hours: 12,
        }
    }
}

impl Default for SecuritySettings {
    fn default() -> Self {
        Self {
            ban_after_failures: 3,
            ban_minutes: 15,
            secret_key: String::new(),
        }
    }
}

impl Settings {
    /// The database URL in use: the configured one, or the embedded SQLite file.
    pub fn database_url(&self) -> String {
        if self.database.url.trim().is_empty() {
            format!(
                "sqlite://{}?mode=rwc",
                self.server.data_dir.join("staffdesk.db").display()
            )
        } else {
            self.database.url.trim().to_owned()
        }
    }

    pub fn is_https(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }
}
