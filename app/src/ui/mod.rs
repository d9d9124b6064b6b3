//! The admin layout and the small pieces every page shares.

pub mod form;
mod layout;
mod pages;

pub use layout::Layout;
pub use pages::{ErrorPage, NotFound};
