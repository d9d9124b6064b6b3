//! Staff login, sessions, permissions and the "who is asking" helper.

pub mod api;
pub mod model;
pub mod pages;
pub mod permission;

#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session_store;

pub use model::{CurrentAdmin, NewPassword, Username};
pub use permission::Permission;
