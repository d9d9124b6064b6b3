//! Support departments: the teams tickets are routed to and staff are notified for.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
