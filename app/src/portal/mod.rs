//! The Client Area (`/client/...`): where a client's users log in with their own session cookie,
//! and see and do what their permissions at the client allow: the profile and contacts,
//! services, invoices, tickets, and the client's users. A separate part of the site: a staff
//! session never opens it, and its session never opens the admin area.

pub mod api;
pub mod model;
pub mod pages;
