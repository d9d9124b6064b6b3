//! Administrator roles: the Roles page, the role editor, and the rules that keep roles safe.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
