//! The invitation email, as plain text and HTML, in the language chosen for the invitee.

use chrono::{DateTime, Utc};

use crate::kernel::i18n::{Lang, t_in};
use crate::kernel::outbox::escape;

pub struct InvitationEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// `inviter` is None when the server itself (first start) or the CLI invited.
pub fn compose(
    lang: Lang,
    organization: &str,
    inviter: Option<&str>,
    first_name: &str,
    role: &str,
    link: &str,
    expires_at: DateTime<Utc>,
) -> InvitationEmail {
    let who = inviter.map_or_else(
        || organization.to_owned(),
        |name| {
            t_in(
                lang,
                "mail-invite-who",
                &[("name", name.into()), ("organization", organization.into())],
            )
        },
    );
    let expiry = crate::kernel::time::when(expires_at);
    let tr = |key: &str| {
        t_in(
            lang,
            key,
            &[
                ("first", first_name.into()),
                ("who", who.clone().into()),
                ("organization", organization.into()),
                ("role", role.into()),
                ("expiry", expiry.clone().into()),
            ],
        )
    };
    let text = format!(
        "{}\n\n{}\n\n{}\n{link}\n\n{}\n",
        tr("mail-greeting"),
        tr("mail-invite-body"),
        tr("mail-invite-action-text"),
        tr("mail-invite-expiry"),
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
        code = lang.code(),
        greeting = etr("mail-greeting"),
        body = etr("mail-invite-body"),
        button = etr("mail-invite-button"),
        or_link = etr("mail-or-link"),
        link = escape(link),
        expiry = etr("mail-invite-expiry"),
    );
    InvitationEmail {
        subject: tr("mail-invite-subject"),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_email_names_the_inviter_and_organization_and_escapes_html() {
        let mail = compose(
            Lang::En,
            "Acme <Hosting>",
            Some("Ada Admin"),
            "Bob",
            "Support Operator",
            "https://admin.example.com/invite/abc",
            at(),
        );
        assert_eq!(mail.subject, "You've been invited to use Staffdesk");
        assert!(
            mail.text
                .contains("Ada Admin of Acme <Hosting> has invited you")
        );
        assert!(mail.text.contains("https://admin.example.com/invite/abc"));
        assert!(mail.text.contains("2026-12-06 10:00 UTC"));
        assert!(mail.html.contains("Acme &lt;Hosting&gt;"));
        assert!(!mail.html.contains("<Hosting>"));
        assert!(mail.html.contains(">Accept Invitation</a>"));
    }

    #[test]
    fn the_email_is_written_in_the_chosen_language() {
        let de = compose(
            Lang::De,
            "Acme",
            None,
            "Bob",
            "Support",
            "https://x/invite/a",
            at(),
        );
        let es = compose(
            Lang::Es,
            "Acme",
            None,
            "Bob",
            "Support",
            "https://x/invite/a",
            at(),
        );
        assert!(de.text.starts_with("Hallo Bob,"), "{}", de.text);
        assert!(es.text.starts_with("Hola, Bob:"), "{}", es.text);
        assert_ne!(de.subject, es.subject);
        assert!(de.html.contains("lang=\"de\""));
    }
}
