//! One search across the admin area: clients, contacts, invoices and tickets, each only as the
//! viewer's role and departments allow. A results page that works without JavaScript, and the
//! header's search box that suggests as you type.

pub mod api;
pub mod pages;
