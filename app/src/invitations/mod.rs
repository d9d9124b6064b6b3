//! Admin invitations: Add an Admin, the invitation email, Accept Invitation, resend, cancel and expiry.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;
