//! Two-factor authentication: TOTP enrolment in My Account, recovery codes, the login's second step,
//! resets by another administrator, and roles that require it.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod totp;
