//! Server functions for announcements: staff management behind "Manage announcements", the public
//! list and pages (no login), and the same in the Client Area (`/client/api`).

use leptos::prelude::*;

use super::model::{AnnouncementAdmin, AnnouncementList, AnnouncementRead};
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
impl From<super::service::AnnouncementError> for AppError {
    fn from(err: super::service::AnnouncementError) -> Self {
        use super::service::AnnouncementError;
        match err {
            AnnouncementError::NotFound => AppError::not_found(),
            AnnouncementError::ChangedMeanwhile => AppError::changed_meanwhile(),
            AnnouncementError::Db(err) => err.into(),
        }
    }
}

// Staff.

/// Every announcement, for the staff list.
#[server]
pub async fn list_announcements_admin() -> Result<Vec<AnnouncementAdmin>, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageAnnouncements)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::list_admin(&ctx.db, chrono::Utc::now()).await?)
}

#[server]
pub async fn get_announcement_admin(announcement_id: i32) -> Result<AnnouncementAdmin, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageAnnouncements)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::find_admin(&ctx.db, chrono::Utc::now(), announcement_id).await?)
}

/// Creates (empty `announcement_id`) or saves an announcement. `published` and `email_clients`
/// are checkboxes; an empty `publish_at` means now.
#[server]
pub async fn save_announcement(
    #[server(default)] announcement_id: String,
    title: String,
    body: String,
    #[server(default)] published: Option<String>,
    #[server(default)] publish_at: String,
    #[server(default)] email_clients: Option<String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::AnnouncementInput;
    use crate::kernel::validation::ValidationError;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageAnnouncements)?;
    let id = match announcement_id.trim() {
        "" => None,
        id => Some(id.parse::<i32>().map_err(|_| {
            AppError::validation("announcement_id", &ValidationError::UnknownChoice)
        })?),
    };
    let input = AnnouncementInput::parse(
        &title,
        &body,
        published.is_some(),
        &publish_at,
        email_clients.is_some(),
    )
    .map_err(|(field, err)| AppError::validation(field, &err))?;
    let version = crate::kernel::concurrency::Expected::parse(&version)
        .map_err(|err| AppError::validation("version", &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let saved =
        super::service::save(&ctx.db, chrono::Utc::now(), &actor, id, input, version).await?;
    leptos_axum::redirect(&format!("/manage/announcements/{}?saved=1", saved.id));
    Ok(())
}

#[server]
pub async fn delete_announcement(announcement_id: i32) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageAnnouncements)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::delete(&ctx.db, chrono::Utc::now(), &actor, announcement_id).await?;
    leptos_axum::redirect("/manage/announcements?deleted=1");
    Ok(())
}

/// The editor's live preview: the Markdown `q` rendered and sanitised exactly as the page will
/// be, as HTML in a JSON string.
#[server]
pub async fn preview_announcement_markdown(q: String) -> Result<String, AppError> {
    use super::model::BODY_MAX;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageAnnouncements)?;
    if q.chars().count() > BODY_MAX {
        return Err(AppError::validation(
            "body",
            &crate::kernel::validation::ValidationError::TooLong { max: BODY_MAX },
        ));
    }
    Ok(crate::kernel::markdown::render_elsewhere(&q).html)
}

// Readers: anyone, and the Client Area.

/// A page of the announcements readers see now, newest first.
#[server]
pub async fn get_announcements(#[server(default)] page: u64) -> Result<AnnouncementList, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::readers_page(&ctx.db, chrono::Utc::now(), page).await?)
}

#[server]
pub async fn get_announcement(announcement_id: i32) -> Result<AnnouncementRead, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::read(&ctx.db, chrono::Utc::now(), announcement_id).await?)
}

#[server(prefix = "/client/api")]
pub async fn get_client_announcements(
    #[server(default)] page: u64,
) -> Result<AnnouncementList, AppError> {
    crate::kernel::guard::current_user()?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::readers_page(&ctx.db, chrono::Utc::now(), page).await?)
}

#[server(prefix = "/client/api")]
pub async fn get_client_announcement(announcement_id: i32) -> Result<AnnouncementRead, AppError> {
    crate::kernel::guard::current_user()?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::read(&ctx.db, chrono::Utc::now(), announcement_id).await?)
}
