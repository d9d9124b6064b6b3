//! The audit trail: what staff and the system did, recorded in the same transaction as the change,
//! the Activity Log page, its CSV export, and admins' login history.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
