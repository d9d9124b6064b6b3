//! Queues email in the outbox, inside the caller's transaction, so a message exists exactly when
//! the change that caused it was committed. The server's mail worker delivers it.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

use crate::entities::mail_outbox;

pub struct Message {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Extra headers: `Message-ID`, `In-Reply-To`, `References`, `Auto-Submitted`.
    pub headers: Vec<(&'static str, String)>,
}

pub use crate::kernel::ui::escape_html as escape;

/// An email's HTML part: `inner` (already escaped or sanitised) in the house style.
pub fn html_page(lang: crate::kernel::i18n::Lang, inner: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><body style=\"font-family:system-ui,sans-serif;color:#1c2333;line-height:1.5\">{inner}</body></html>",
        lang.code()
    )
}

/// Queues `message` for delivery now; `invitation_id` ties it to an invitation's mail status.
pub async fn queue(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    message: Message,
    invitation_id: Option<i32>,
) -> Result<mail_outbox::Model, DbErr> {
    mail_outbox::ActiveModel {
        to_address: Set(message.to),
        subject: Set(message.subject),
        text_body: Set(message.text),
        html_body: Set(message.html),
        invitation_id: Set(invitation_id),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        headers: Set(if message.headers.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(
                message
                    .headers
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v)))
                    .collect(),
            )
            .to_string()
        }),
        ..Default::default()
    }
    .insert(txn)
    .await
}
