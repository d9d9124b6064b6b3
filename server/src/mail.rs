//! The mail outbox worker: delivers queued messages with lettre over SMTP (or to .eml files in
//! development), retrying with backoff. Each message is claimed with a conditional update before
//! it is sent, so several app nodes can run it at once and none sends a message twice.

use std::sync::Arc;
use std::time::Duration;

use app::entities::mail_outbox;
use app::kernel::settings::{MailTransport, Settings, SmtpTls};
use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
use tokio::sync::Notify;

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>, std::path::PathBuf),
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> Result<Self, String> {
        let from: Mailbox = settings
            .mail
            .from
            .parse()
            .map_err(|e| format!("invalid setting `mail.from`: {e}"))?;
        let transport = match settings.mail.transport {
            MailTransport::Smtp => {
                let host = settings.mail.smtp_host.as_str();
                let builder = match settings.mail.smtp_tls {
                    SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
                    SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                        .map_err(|e| format!("invalid setting `mail.smtp_host`: {e}"))?,
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                        .map_err(|e| format!("invalid setting `mail.smtp_host`: {e}"))?,
                };
                let mut builder = builder
                    .port(settings.mail.smtp_port)
                    .timeout(Some(Duration::from_secs(15)));
                if !settings.mail.smtp_username.is_empty() {
                    builder = builder.credentials(Credentials::new(
                        settings.mail.smtp_username.clone(),
                        settings.mail.smtp_password.clone(),
                    ));
                }
                Transport::Smtp(builder.build())
            }
            MailTransport::File => {
                let dir = settings.server.data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                Transport::File(AsyncFileTransport::<Tokio1Executor>::new(&dir), dir)
            }
        };
        Ok(Self { transport, from })
    }

    async fn send(&self, row: &mail_outbox::Model) -> Result<(), String> {
        let to: Mailbox = row
            .to_address
            .parse()
            .map_err(|e| format!("invalid recipient: {e}"))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone());
        // Threading headers of ticket email, stored with the message.
        let headers: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&row.headers).unwrap_or_default();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        if let Some(id) = header("Message-ID") {
            builder = builder.message_id(Some(id));
        }
        if let Some(id) = header("In-Reply-To") {
            builder = builder.in_reply_to(id);
        }
        if let Some(ids) = header("References") {
            builder = builder.references(ids);
        }
        if let Some(value) = header("Auto-Submitted") {
            builder = builder.header(AutoSubmitted(value));
        }
        let message = builder
            .multipart(MultiPart::alternative_plain_html(
                row.text_body.clone(),
                row.html_body.clone(),
            ))
            .map_err(|e| format!("cannot build the message: {e}"))?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::File(file, dir) => {
                let id = file.send(message).await.map_err(|e| e.to_string())?;
                tracing::info!(path = %dir.join(format!("{id}.eml")).display(), "development mail written");
                Ok(())
            }
        }
    }
}

/// `Auto-Submitted` (RFC 3834): marks notifications so that mail systems do not answer them.
#[derive(Clone)]
struct AutoSubmitted(String);

impl lettre::message::header::Header for AutoSubmitted {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// Waits 30 s after the first failure, doubling up to one hour.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exp = attempts.clamp(1, 8) - 1;
    chrono::Duration::seconds((30_i64 << exp).min(3600))
}

/// How long a claimed message is left to the node that claimed it before another may try it (if
/// that node died mid-delivery).
const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(10);

/// Delivers every message due at `now`; returns how many were sent.
///
/// Each message is first claimed with one conditional update (it moves `next_attempt_at` past the
/// lease and counts the attempt), which commits on its own. Only the node whose update changed the
/// row sends it, with no transaction open, and then marks it sent. A write racing the worker can
/// therefore never roll back a delivery that already went out and have it sent again.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let mut sent = 0;
    let mut tried = Vec::new();
    loop {
        let Some(row) = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(mail_outbox::Column::NextAttemptAt.lte(now))
            .filter(mail_outbox::Column::Id.is_not_in(tried.clone()))
            .order_by_asc(mail_outbox::Column::Id)
            .one(db)
            .await?
        else {
            return Ok(sent);
        };
        let attempts = row.attempts + 1;
        // The lease runs from the moment of the claim: a pass that started long ago (a backlog
        // behind a slow SMTP server) must not hand out leases that have already run out.
        let lease_until = std::cmp::max(now, Utc::now()) + CLAIM_LEASE;
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::Attempts, Expr::value(attempts))
            .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(lease_until))
            .filter(mail_outbox::Column::Id.eq(row.id))
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(mail_outbox::Column::NextAttemptAt.lte(now))
            .filter(mail_outbox::Column::Attempts.eq(row.attempts))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            // Another node claimed it first.
            tried.push(row.id);
            continue;
        }
        let outcome = mailer.send(&row).await;
        // Marked only while the claim is still this worker's.
        let mark = mail_outbox::Entity::update_many()
            .filter(mail_outbox::Column::Id.eq(row.id))
            .filter(mail_outbox::Column::Attempts.eq(attempts))
            .filter(mail_outbox::Column::NextAttemptAt.eq(lease_until));
        let mark = match outcome {
            Ok(()) => {
                sent += 1;
                mark.col_expr(mail_outbox::Column::SentAt, Expr::value(now))
                    .col_expr(mail_outbox::Column::LastError, Expr::value(None::<String>))
            }
            Err(error) => {
                tracing::warn!(outbox_id = row.id, attempts, %error, "mail delivery failed; will retry");
                tried.push(row.id);
                let error: String = error.chars().take(500).collect();
                mark.col_expr(mail_outbox::Column::LastError, Expr::value(error))
                    .col_expr(
                        mail_outbox::Column::NextAttemptAt,
                        Expr::value(now + backoff(attempts)),
                    )
            }
        };
        if let Err(err) = mark.exec(db).await {
            // The lease keeps the message from going out again for a while; say so loudly.
            tracing::error!(outbox_id = row.id, error = %err, "mail sent but not marked as sent");
            return Err(err);
        }
    }
}

/// Runs until `shutdown` fires: delivers due mail whenever notified, and at least every few seconds.
pub async fn run_worker(
    db: DatabaseConnection,
    mailer: Arc<Mailer>,
    notify: Arc<Notify>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        if let Err(err) = deliver_due(&db, &mailer, Utc::now()).await {
            tracing::error!(error = %err, "mail outbox: cannot read the queue");
        }
        tokio::select! {
            () = notify.notified() => {}
            () = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = shutdown.changed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_from_30_seconds_up_to_an_hour() {
        assert_eq!(backoff(1).num_seconds(), 30);
        assert_eq!(backoff(2).num_seconds(), 60);
        assert_eq!(backoff(5).num_seconds(), 480);
        assert_eq!(backoff(20).num_seconds(), 3600);
    }
}
