//! Staff login, sessions, permissions and the "who is asking" helper.

pub mod api;
pub mod model;
pub mod pages;
pub mod permission;

#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session_store;

pub use model::{CurrentAdmin, NewPassword, Username};
pub use permission::Permission;

/// The signed-in admin while rendering on the server. Pages call this; the browser never renders
/// them, so there it is always None.
pub fn viewer() -> Option<std::sync::Arc<CurrentAdmin>> {
    #[cfg(feature = "ssr")]
    {
        guard::viewer()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Whether the page should offer what `permission` allows. A convenience only: every server
/// function checks again.
pub fn viewer_can(permission: Permission) -> bool {
    viewer().is_some_and(|a| a.can(permission))
}
