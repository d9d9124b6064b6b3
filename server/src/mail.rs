//! The mail outbox worker: delivers queued messages with lettre over SMTP (or to .eml files in
//! development), retrying with backoff. Claims rows with FOR UPDATE SKIP LOCKED on Postgres, so
//! several app nodes can run it at once.

use std::sync::Arc;
use std::time::Duration;

use app::entities::mail_outbox;
use app::settings::{MailTransport, Settings, SmtpTls};
use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
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
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
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

/// Waits 30 s after the first failure, doubling up to one hour.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exp = attempts.clamp(1, 8) - 1;
    chrono::Duration::seconds((30_i64 << exp).min(3600))
}

/// Delivers every message due at `now`; returns how many were sent.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let mut sent = 0;
    let mut skipped = Vec::new();
    loop {
        let txn = db.begin().await?;
        let mut query = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(mail_outbox::Column::NextAttemptAt.lte(now))
            .filter(mail_outbox::Column::Id.is_not_in(skipped.clone()))
            .order_by_asc(mail_outbox::Column::Id)
            .limit(1);
        if db.get_database_backend() == DatabaseBackend::Postgres {
            query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let Some(row) = query.one(&txn).await? else {
            txn.commit().await?;
            return Ok(sent);
        };
        let outcome = mailer.send(&row).await;
        let attempts = row.attempts + 1;
        let mut update: mail_outbox::ActiveModel = row.clone().into();
        update.attempts = Set(attempts);
        match outcome {
            Ok(()) => {
                update.sent_at = Set(Some(now));
                update.last_error = Set(None);
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(outbox_id = row.id, attempts, %error, "mail delivery failed; will retry");
                update.last_error = Set(Some(error.chars().take(500).collect()));
                update.next_attempt_at = Set(now + backoff(attempts));
                skipped.push(row.id);
            }
        }
        update.update(&txn).await?;
        txn.commit().await?;
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
