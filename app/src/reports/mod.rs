//! Reports: support, clients, billing and staff figures over a date range, each as an SVG chart
//! drawn on the server, a table, and a CSV export. A role sees all reports or a chosen list.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod chart;
#[cfg(feature = "ssr")]
pub mod service;
