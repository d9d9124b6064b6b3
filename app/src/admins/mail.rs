//! The set-password email an administrator sends when resetting another admin's password, in the
//! recipient's language.

use chrono::{DateTime, Utc};

use crate::kernel::i18n::{Lang, t_in};
use crate::kernel::outbox::{Message, escape};

/// The details that go into a set-password email.
pub struct ResetMail<'a> {
    pub to: &'a str,
    pub lang: Lang,
    pub organization: &'a str,
    pub requested_by: &'a str,
    pub first_name: &'a str,
    pub username: &'a str,
    pub link: &'a str,
    pub expires_at: DateTime<Utc>,
}

pub fn compose(mail: &ResetMail) -> Message {
    let tr = |key: &str| {
        t_in(
            mail.lang,
            key,
            &[
                ("first", mail.first_name.into()),
                ("who", mail.requested_by.into()),
                ("organization", mail.organization.into()),
                ("username", mail.username.into()),
                ("expiry", crate::kernel::time::when(mail.expires_at).into()),
            ],
        )
    };
    let text = format!(
        "{}\n\n{}\n\n{}\n{}\n\n{}\n",
        tr("mail-greeting"),
        tr("mail-reset-body"),
        tr("mail-reset-action-text"),
        mail.link,
        tr("mail-reset-expiry"),
    );
    let etr = |key: &str| escape(&tr(key));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><body style=\"font-family:system-ui,sans-serif;color:#1c2333;line-height:1.5\">\
         <p>{greeting}</p>\
         <p>{body}</p>\
         <p><a href=\"{link}\" style=\"display:inline-block;background:#2f5bea;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600\">{button}</a></p>\
         <p style=\"color:#5d6b82\">{or_link} {link}</p>\
         <p style=\"color:#5d6b82\">{expiry}</p>\
         </body></html>",
        code = mail.lang.code(),
        greeting = etr("mail-greeting"),
        body = etr("mail-reset-body"),
        button = etr("mail-reset-button"),
        or_link = etr("mail-or-link"),
        link = escape(mail.link),
        expiry = etr("mail-reset-expiry"),
    );
    Message {
        headers: Vec::new(),
        to: mail.to.to_owned(),
        subject: tr("mail-reset-subject"),
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
        let mail = compose(&ResetMail {
            to: "bob@example.com",
            lang: Lang::En,
            organization: "Acme <Hosting>",
            requested_by: "Ada Admin",
            first_name: "Bob",
            username: "bob",
            link: "https://admin.example.com/reset/abc",
            expires_at: at,
        });
        assert_eq!(mail.subject, "Set a new Staffdesk password");
        assert!(mail.text.contains("Ada Admin has reset the password"));
        assert!(mail.text.contains("https://admin.example.com/reset/abc"));
        assert!(mail.html.contains("Acme &lt;Hosting&gt;"));
        assert!(!mail.html.contains("<Hosting>"));
    }
}
