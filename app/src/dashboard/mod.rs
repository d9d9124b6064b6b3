//! The Admin Dashboard at `/`: a welcome and the widgets the admin's role allows, refreshed live.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
