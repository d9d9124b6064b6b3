//! The Admin Dashboard at `/`.

pub mod api;
pub mod pages;
