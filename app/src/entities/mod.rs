//! SeaORM entities, one per table created by the `migration` crate.

pub mod admin;
pub mod admin_department;
pub mod announcement;
pub mod audit_event;
pub mod auth_change;
pub mod client;
pub mod client_contact;
pub mod client_login_token;
pub mod client_note;
pub mod client_service;
pub mod client_user;
pub mod department;
pub mod invitation;
pub mod invitation_department;
pub mod invoice;
pub mod invoice_item;
pub mod invoice_payment;
pub mod ip_ban;
pub mod kb_article;
pub mod kb_article_category;
pub mod kb_category;
pub mod kb_old_slug;
pub mod kb_suggestion_read;
pub mod kb_vote;
pub mod login_challenge;
pub mod login_failure;
pub mod mail_import;
pub mod mail_outbox;
pub mod network_issue;
pub mod network_issue_update;
pub mod password_reset;
pub mod predefined_reply;
pub mod predefined_reply_category;
pub mod recovery_code;
pub mod role;
pub mod role_permission;
pub mod role_report;
pub mod session;
pub mod ticket;
pub mod ticket_attachment;
pub mod ticket_count;
pub mod ticket_draft;
pub mod ticket_mail_id;
pub mod ticket_message;
pub mod two_factor;
pub mod user;
pub mod user_invitation;
pub mod user_login_challenge;
pub mod user_password_reset;
pub mod user_recovery_code;
pub mod user_two_factor;

use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};

/// `LOWER(column) = lower(value)`: names, usernames and emails compare case-insensitively, as the
/// `LOWER(...)` unique indexes do.
pub fn lower_eq<C: sea_orm::ColumnTrait>(column: C, value: &str) -> SimpleExpr {
    ExprTrait::eq(
        Expr::expr(Func::lower(Expr::col(column))),
        value.to_lowercase(),
    )
}
