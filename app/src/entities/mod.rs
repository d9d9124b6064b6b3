//! SeaORM entities, one per table created by the `migration` crate.

pub mod admin;
pub mod department;
pub mod ip_ban;
pub mod login_failure;
pub mod role;
pub mod role_permission;
pub mod session;
