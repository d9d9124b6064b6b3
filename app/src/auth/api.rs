//! Server functions for logging in and out.

use leptos::prelude::*;

use crate::kernel::error::AppError;

#[server]
pub async fn logout() -> Result<(), AppError> {
    use tower_sessions::Session;

    let session: Session = leptos_axum::extract()
        .await
        .map_err(|e| AppError::internal(&e))?;
    if let Some(admin) = crate::kernel::guard::viewer() {
        let ctx = crate::kernel::context::server_context()?;
        let actor = crate::kernel::guard::audit_actor(&admin).await;
        let event = crate::kernel::audit::Event::new(
            crate::kernel::audit::Action::Logout,
            Some(crate::kernel::audit::Target::current(&admin)),
        );
        crate::kernel::audit::record_alone(&ctx.db, chrono::Utc::now(), &actor, event).await?;
    }
    // Deletes the session from the database and expires the cookie.
    session.flush().await.map_err(|e| AppError::internal(&e))?;
    leptos_axum::redirect("/login");
    Ok(())
}
