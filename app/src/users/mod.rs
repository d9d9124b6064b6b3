//! Users: the login identities of clients. A user belongs to one or more clients, as the owner or
//! with chosen permissions; staff (or the client's own users) invite them by email. The Client
//! Area (`portal`) is where they work; staff see them on the client's Users section.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod two_factor;
