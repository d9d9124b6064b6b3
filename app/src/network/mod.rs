//! Network issues: the status page staff keep (incidents and planned work, with timed updates),
//! shown publicly at `/network-status`, in the Client Area, and on the Dashboard.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
