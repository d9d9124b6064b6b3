//! The invitation email, as plain text and HTML.

use chrono::{DateTime, Utc};

use crate::outbox::escape;

pub struct InvitationEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub const SUBJECT: &str = "You've been invited to use Staffdesk";

/// `inviter` is None when the server itself (first start) or the CLI invited.
pub fn compose(
    organization: &str,
    inviter: Option<&str>,
    first_name: &str,
    role: &str,
    link: &str,
    expires_at: DateTime<Utc>,
) -> InvitationEmail {
    let who = inviter.map_or_else(
        || organization.to_owned(),
        |name| format!("{name} of {organization}"),
    );
    let expiry = expires_at.format("%A %-d %B %Y at %H:%M UTC").to_string();
    let text = format!(
        "Hello {first_name},\n\n\
         {who} has invited you to the {organization} Admin Area in Staffdesk as {role}.\n\n\
         Accept the invitation and choose your username and password here:\n{link}\n\n\
         This invitation expires on {expiry}. If you did not expect it, you can ignore this email.\n"
    );
    let html = format!(
        "<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;color:#1c2333;line-height:1.5\">\
         <p>Hello {first},</p>\
         <p>{who} has invited you to the {org} Admin Area in Staffdesk as <strong>{role}</strong>.</p>\
         <p><a href=\"{link}\" style=\"display:inline-block;background:#2f5bea;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600\">Accept Invitation</a></p>\
         <p style=\"color:#5d6b82\">Or open this link: {link}</p>\
         <p style=\"color:#5d6b82\">This invitation expires on {expiry}. If you did not expect it, you can ignore this email.</p>\
         </body></html>",
        first = escape(first_name),
        who = escape(&who),
        org = escape(organization),
        role = escape(role),
        link = escape(link),
        expiry = escape(&expiry),
    );
    InvitationEmail {
        subject: SUBJECT.to_owned(),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_names_the_inviter_and_organization_and_escapes_html() {
        let at = DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mail = compose(
            "Acme <Hosting>",
            Some("Ada Admin"),
            "Bob",
            "Support Operator",
            "https://admin.example.com/invite/abc",
            at,
        );
        assert_eq!(mail.subject, "You've been invited to use Staffdesk");
        assert!(
            mail.text
                .contains("Ada Admin of Acme <Hosting> has invited you")
        );
        assert!(mail.text.contains("https://admin.example.com/invite/abc"));
        assert!(mail.text.contains("Sunday 6 December 2026"));
        assert!(mail.html.contains("Acme &lt;Hosting&gt;"));
        assert!(!mail.html.contains("<Hosting>"));
        assert!(mail.html.contains(">Accept Invitation</a>"));
    }
}
