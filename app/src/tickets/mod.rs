//! The support desk: tickets, the queue, replies and internal notes, changes and assignment, and
//! the email each step sends.

pub mod api;
pub mod imports;
pub mod live;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod attachments;
#[cfg(feature = "ssr")]
pub mod autoclose;
#[cfg(feature = "ssr")]
pub mod bulk;
#[cfg(feature = "ssr")]
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod inbound;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod requester;
#[cfg(feature = "ssr")]
pub mod service;
