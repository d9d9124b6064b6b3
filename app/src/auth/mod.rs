//! Staff accounts' sign-in machinery: password checks, login throttling and IP bans, starting and
//! ending sessions, and logging out. The login pages are in `login`; who is signed in, and the
//! permission guard, are in the kernel.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod service;
