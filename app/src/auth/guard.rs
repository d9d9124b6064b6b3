//! "Who is asking": the one helper every server function uses to get the admin and check a permission.

use std::sync::Arc;

use leptos::prelude::use_context;

use super::model::CurrentAdmin;
use super::permission::Permission;
use crate::error::{AppError, respond_with};

/// Put into the request's extensions by the server's authentication middleware.
#[derive(Clone, Debug)]
pub struct Authenticated(pub Arc<CurrentAdmin>);

/// The signed-in admin of the current request, if any.
pub fn viewer() -> Option<Arc<CurrentAdmin>> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Authenticated>().map(|a| a.0.clone()))
}

/// The signed-in admin, or 401.
pub fn current_admin() -> Result<Arc<CurrentAdmin>, AppError> {
    viewer().ok_or_else(|| respond_with(AppError::unauthenticated()))
}

/// The signed-in admin holding `permission`, or 401 / 403.
pub fn require(permission: Permission) -> Result<Arc<CurrentAdmin>, AppError> {
    let admin = current_admin()?;
    if admin.can(permission) {
        Ok(admin)
    } else {
        Err(respond_with(AppError::forbidden(permission)))
    }
}
