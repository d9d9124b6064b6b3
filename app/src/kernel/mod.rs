//! The kernel: what every feature builds on, and which imports no feature.
//!
//! Identity (`Permission`, the signed-in `Principal`, the guard), the audit write API, errors,
//! input rules, translations, forms and page pieces, time formatting, secret tokens, hashing and
//! encryption keys, the database helpers, settings and the mail outbox. Features (`admins`,
//! `departments`, …) import the kernel and, where they must, each other; the kernel never imports
//! a feature (`kernel_imports_no_feature` in `app/tests/layers.rs` checks it).

pub mod audit;
pub mod codes;
pub mod concurrency;
pub mod credentials;
pub mod csv;
pub mod error;
pub mod http;
pub mod i18n;
pub mod identity;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod money;
pub mod names;
pub mod permission;
pub mod ui;
pub mod validation;

#[cfg(feature = "ssr")]
pub mod auth_cache;
#[cfg(feature = "ssr")]
pub mod client_ip;
#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod crypto;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod memo;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod search_text;
#[cfg(feature = "ssr")]
pub mod session_store;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod time;
#[cfg(feature = "ssr")]
pub mod token;

pub use error::{AppError, ErrorCode};
pub use identity::{
    CurrentAdmin, CurrentUser, Membership, Principal, PrincipalKind, user_viewer, viewer,
    viewer_can,
};
pub use permission::{ClientPermission, Permission};

/// Locks `mutex`, also after a panic elsewhere poisoned it: what it guards here (caches) stays
/// consistent whichever statement panicked.
#[cfg(feature = "ssr")]
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
