//! Staff management: disabling and re-enabling administrators.

pub mod api;
#[cfg(feature = "ssr")]
pub mod service;
