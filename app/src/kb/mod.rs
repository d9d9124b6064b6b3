//! The knowledgebase: categories and articles staff write in Markdown (`/kb`), read publicly at
//! `/knowledgebase` and in the Client Area, searched with the databases' full-text search, and
//! suggested while a client opens a ticket.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
