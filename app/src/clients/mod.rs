//! Clients: profiles, contacts, services, invoices with payments, staff notes, the Summary page,
//! the client list with its search, and the CSV import.

pub mod api;
#[cfg(feature = "ssr")]
pub mod import;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod summary;
