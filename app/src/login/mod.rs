//! Logging in, the password step and the second factor. It spans `auth` (passwords, sessions,
//! throttling) and `two_factor` (codes), so it sits above both.

pub mod api;
pub mod model;
pub mod pages;
