//! Staff management: editing administrators, disabling and re-enabling them, and password resets.

pub mod api;
pub mod list;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;
