//! SeaORM entities, one per table created by the `migration` crate.

pub mod admin;
pub mod admin_department;
pub mod department;
pub mod invitation;
pub mod invitation_department;
pub mod ip_ban;
pub mod login_failure;
pub mod mail_outbox;
pub mod role;
pub mod role_permission;
pub mod session;
