//! My Account: an admin's own profile, ticket notifications, signature, language, password and
//! sessions.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
