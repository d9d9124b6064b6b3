//! Predefined replies: a library of answers, in categories nested one level, with merge fields
//! that fill in the ticket's details when a reply is used on a ticket page.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
