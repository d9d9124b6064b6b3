//! The set-password email an administrator sends when resetting another admin's password.

use chrono::{DateTime, Utc};

use crate::outbox::{Message, escape};

pub const SUBJECT: &str = "Set a new Staffdesk password";

pub fn compose(
    to: &str,
    organization: &str,
    requested_by: &str,
    first_name: &str,
    username: &str,
    link: &str,
    expires_at: DateTime<Utc>,
) -> Message {
    let expiry = expires_at.format("%A %-d %B %Y at %H:%M UTC").to_string();
    let text = format!(
        "Hello {first_name},\n\n\
         {requested_by} has reset the password of your {organization} Staffdesk account ({username}).\n\n\
         Choose a new password here:\n{link}\n\n\
         The link works once, until {expiry}. Your old password keeps working until you choose a new one.\n\
         If you did not expect this, tell {requested_by} or another administrator.\n"
    );
    let html = format!(
        "<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;color:#1c2333;line-height:1.5\">\
         <p>Hello {first},</p>\
         <p>{who} has reset the password of your {org} Staffdesk account (<strong>{user}</strong>).</p>\
         <p><a href=\"{link}\" style=\"display:inline-block;background:#2f5bea;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600\">Choose a new password</a></p>\
         <p style=\"color:#5d6b82\">Or open this link: {link}</p>\
         <p style=\"color:#5d6b82\">The link works once, until {expiry}. Your old password keeps working until you choose a new one. If you did not expect this, tell {who} or another administrator.</p>\
         </body></html>",
        first = escape(first_name),
        who = escape(requested_by),
        org = escape(organization),
        user = escape(username),
        link = escape(link),
        expiry = escape(&expiry),
    );
    Message {
        to: to.to_owned(),
        subject: SUBJECT.to_owned(),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_names_the_account_and_escapes_html() {
        let at = DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mail = compose(
            "bob@example.com",
            "Acme <Hosting>",
            "Ada Admin",
            "Bob",
            "bob",
            "https://admin.example.com/reset/abc",
            at,
        );
        assert_eq!(mail.subject, SUBJECT);
        assert!(mail.text.contains("Ada Admin has reset the password"));
        assert!(mail.text.contains("https://admin.example.com/reset/abc"));
        assert!(mail.html.contains("Acme &lt;Hosting&gt;"));
        assert!(!mail.html.contains("<Hosting>"));
    }
}
