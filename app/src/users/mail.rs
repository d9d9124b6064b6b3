//! The emails users get: an invitation to a client's users, and a password reset link. Plain
//! text and HTML, in the client's or user's language; every value in the HTML is escaped.

use chrono::{DateTime, Utc};

use crate::entities::user;
use crate::kernel::i18n::{Lang, t_in};
use crate::kernel::outbox::{Message, escape};
use crate::kernel::settings::Settings;

/// Text and HTML of a message with one call to action.
fn with_button(
    lang: Lang,
    to: &str,
    subject: String,
    lines: &[String],
    button: String,
    link: &str,
) -> Message {
    let text = format!("{}\n\n{link}\n", lines.join("\n\n"));
    let paragraphs: String = lines
        .iter()
        .map(|l| format!("<p>{}</p>", escape(l)))
        .collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><body style=\"font-family:system-ui,sans-serif;color:#1c2333;line-height:1.5\">\
         {paragraphs}\
         <p><a href=\"{link}\" style=\"display:inline-block;background:#2f5bea;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600\">{button}</a></p>\
         <p style=\"color:#5d6b82\">{or_link} {link}</p>\
         </body></html>",
        code = lang.code(),
        button = escape(&button),
        or_link = escape(&t_in(lang, "mail-or-link", &[])),
        link = escape(link),
    );
    Message {
        to: to.to_owned(),
        subject,
        text,
        html,
        headers: Vec::new(),
    }
}

/// The invitation to join `client`'s users in the Client Area.
pub fn invitation(
    lang: Lang,
    settings: &Settings,
    inviter: &str,
    client: &str,
    to: &str,
    link: &str,
    expires_at: DateTime<Utc>,
) -> Message {
    let organization = settings.organization.name.as_str();
    let args = [
        ("who", inviter.into()),
        ("client", client.into()),
        ("organization", organization.into()),
        ("expiry", crate::kernel::time::when(expires_at).into()),
    ];
    let tr = |key: &str| t_in(lang, key, &args);
    with_button(
        lang,
        to,
        tr("users-mail-invite-subject"),
        &[tr("users-mail-invite-body"), tr("users-mail-invite-expiry")],
        tr("users-mail-invite-button"),
        link,
    )
}

/// A password reset link, valid for an hour.
pub fn reset(lang: Lang, settings: &Settings, u: &user::Model, link: &str) -> Message {
    let args = [
        ("first", u.first_name.clone().into()),
        ("organization", settings.organization.name.clone().into()),
    ];
    let tr = |key: &str| t_in(lang, key, &args);
    with_button(
        lang,
        &u.email,
        tr("users-mail-reset-subject"),
        &[tr("mail-greeting"), tr("users-mail-reset-body")],
        tr("users-mail-reset-button"),
        link,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invitation_names_inviter_and_client_and_escapes_html() {
        let settings = Settings::default();
        let at = DateTime::parse_from_rfc3339("2026-12-08T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mail = invitation(
            Lang::En,
            &settings,
            "Ada <Admin>",
            "Engines & Co",
            "bo@example.com",
            "https://x.example/client/invite/abc",
            at,
        );
        assert_eq!(mail.to, "bo@example.com");
        assert!(mail.text.contains("Ada <Admin>"), "{}", mail.text);
        assert!(mail.text.contains("Engines & Co"));
        assert!(mail.text.contains("https://x.example/client/invite/abc"));
        assert!(mail.text.contains("2026-12-08 10:00 UTC"));
        assert!(mail.html.contains("Ada &lt;Admin&gt;"));
        assert!(!mail.html.contains("<Admin>"));
        let de = invitation(Lang::De, &settings, "Ada", "E", "b@x.de", "https://x/l", at);
        assert_ne!(de.subject, mail.subject);
    }
}
