//! The emails about an admin's two-factor authentication, in the recipient's language: another
//! administrator turned it off, or it was turned on.

use crate::kernel::i18n::{Lang, t_in};
use crate::kernel::outbox::{Message, escape};

pub struct ResetNotice<'a> {
    pub to: &'a str,
    pub lang: Lang,
    pub organization: &'a str,
    pub reset_by: &'a str,
    pub first_name: &'a str,
    pub username: &'a str,
    /// Where to set it up again: My Account's two-factor page.
    pub link: &'a str,
}

pub fn compose(mail: &ResetNotice) -> Message {
    let tr = |key: &str| {
        t_in(
            mail.lang,
            key,
            &[
                ("first", mail.first_name.into()),
                ("who", mail.reset_by.into()),
                ("organization", mail.organization.into()),
                ("username", mail.username.into()),
            ],
        )
    };
    let text = format!(
        "{}\n\n{}\n\n{}\n{}\n\n{}\n",
        tr("mail-greeting"),
        tr("mail-twofa-reset-body"),
        tr("mail-twofa-reset-action"),
        mail.link,
        tr("mail-twofa-reset-warning"),
    );
    let etr = |key: &str| escape(&tr(key));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><body style=\"font-family:system-ui,sans-serif;color:#1c2333;line-height:1.5\">\
         <p>{greeting}</p>\
         <p>{body}</p>\
         <p>{action} <a href=\"{link}\">{link}</a></p>\
         <p style=\"color:#5d6b82\">{warning}</p>\
         </body></html>",
        code = mail.lang.code(),
        greeting = etr("mail-greeting"),
        body = etr("mail-twofa-reset-body"),
        action = etr("mail-twofa-reset-action"),
        link = escape(mail.link),
        warning = etr("mail-twofa-reset-warning"),
    );
    Message {
        headers: Vec::new(),
        to: mail.to.to_owned(),
        subject: tr("mail-twofa-reset-subject"),
        text,
        html,
    }
}

pub struct EnabledNotice<'a> {
    pub to: &'a str,
    pub lang: Lang,
    pub first_name: &'a str,
    pub username: &'a str,
    /// The address the set-up was confirmed from.
    pub ip: &'a str,
}

/// "Two-factor authentication was turned on for your account."
pub fn compose_enabled(mail: &EnabledNotice) -> Message {
    let tr = |key: &str| {
        t_in(
            mail.lang,
            key,
            &[
                ("first", mail.first_name.into()),
                ("username", mail.username.into()),
                ("ip", mail.ip.into()),
            ],
        )
    };
    let text = format!(
        "{}\n\n{}\n\n{}\n",
        tr("mail-greeting"),
        tr("mail-twofa-enabled-body"),
        tr("mail-twofa-enabled-warning"),
    );
    let etr = |key: &str| escape(&tr(key));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><body style=\"font-family:system-ui,sans-serif;color:#1c2333;line-height:1.5\">\
         <p>{greeting}</p>\
         <p>{body}</p>\
         <p style=\"color:#5d6b82\">{warning}</p>\
         </body></html>",
        code = mail.lang.code(),
        greeting = etr("mail-greeting"),
        body = etr("mail-twofa-enabled-body"),
        warning = etr("mail-twofa-enabled-warning"),
    );
    Message {
        headers: Vec::new(),
        to: mail.to.to_owned(),
        subject: tr("mail-twofa-enabled-subject"),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_names_who_reset_it_and_escapes_html() {
        let mail = compose(&ResetNotice {
            to: "bob@example.com",
            lang: Lang::En,
            organization: "Acme",
            reset_by: "Ada <Admin>",
            first_name: "Bob",
            username: "bob",
            link: "https://admin.example.com/account/two-factor",
        });
        assert_eq!(
            mail.subject,
            "Your Staffdesk two-factor authentication was reset"
        );
        assert!(
            mail.text
                .contains("Ada <Admin> turned off two-factor authentication")
        );
        assert!(mail.html.contains("Ada &lt;Admin&gt;"));
        assert!(!mail.html.contains("<Admin>"));
        let german = compose(&ResetNotice {
            lang: Lang::De,
            ..ResetNotice {
                to: "bob@example.com",
                lang: Lang::En,
                organization: "Acme",
                reset_by: "Ada",
                first_name: "Bob",
                username: "bob",
                link: "https://admin.example.com/account/two-factor",
            }
        });
        assert_ne!(german.subject, mail.subject);
    }
}
