//! Server functions of predefined replies: reading the library needs "View support tickets",
//! changing it "Manage predefined replies".

use leptos::prelude::*;

use super::model::{Library, ReplyView};
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
impl From<super::service::PredefinedError> for AppError {
    fn from(err: super::service::PredefinedError) -> Self {
        use super::service::PredefinedError;
        use crate::kernel::ErrorCode;
        use crate::kernel::i18n::{t, t_args};
        match err {
            PredefinedError::NotFound => AppError::not_found(),
            PredefinedError::UnknownField(field) => AppError::new(
                ErrorCode::Validation,
                t_args("predefined-error-unknown-field", &[("field", field.into())]),
                422,
            )
            .with_field("body"),
            PredefinedError::TooDeep => {
                AppError::new(ErrorCode::Validation, t("predefined-error-too-deep"), 422)
                    .with_field("parent_id")
            }
            PredefinedError::NotEmpty => AppError::conflict(t("predefined-error-not-empty")),
            PredefinedError::Db(e) => e.into(),
        }
    }
}

#[cfg(feature = "ssr")]
fn optional_id(text: &str) -> Result<Option<i32>, AppError> {
    match text.trim() {
        "" => Ok(None),
        id => id.parse().map(Some).map_err(|_| {
            AppError::validation(
                "id",
                &crate::kernel::validation::ValidationError::UnknownChoice,
            )
        }),
    }
}

/// The whole library, for the management page.
#[server]
pub async fn list_predefined_replies() -> Result<Library, AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewTickets)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(Library {
        categories: super::service::library(&ctx.db).await?,
        can_manage: viewer.can(Permission::ManagePredefinedReplies),
    })
}

/// Creates a category (`id` empty) or renames and moves one; `parent_id` empty for a top one.
#[server]
pub async fn save_predefined_category(
    #[server(default)] id: String,
    name: String,
    #[server(default)] parent_id: String,
) -> Result<(), AppError> {
    use super::model::NewCategory;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    require(Permission::ManagePredefinedReplies)?;
    let id = optional_id(&id)?;
    let input = NewCategory::parse(&name, &parent_id)
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::save_category(&ctx.db, id, input).await?;
    leptos_axum::redirect("/predefined-replies?saved=1");
    Ok(())
}

/// Deletes an empty category.
#[server]
pub async fn delete_predefined_category(id: i32) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    require(Permission::ManagePredefinedReplies)?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::delete_category(&ctx.db, id).await?;
    leptos_axum::redirect("/predefined-replies?deleted=1");
    Ok(())
}

/// One reply, for its edit page.
#[server]
pub async fn get_predefined_reply(id: i32) -> Result<ReplyView, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    require(Permission::ManagePredefinedReplies)?;
    let ctx = crate::kernel::context::server_context()?;
    let r = super::service::find_reply(&ctx.db, id).await?;
    Ok(ReplyView {
        id: r.id,
        category_id: r.category_id,
        name: r.name,
        body: r.body,
    })
}

/// Creates a reply (`id` empty) or changes one. Unknown merge fields are refused.
#[server]
pub async fn save_predefined_reply(
    #[server(default)] id: String,
    category_id: String,
    name: String,
    body: String,
) -> Result<(), AppError> {
    use super::model::NewReply;
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::ManagePredefinedReplies)?;
    let id = optional_id(&id)?;
    let input = NewReply::parse(&category_id, &name, &body)
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::save_reply(&ctx.db, chrono::Utc::now(), &actor, id, input).await?;
    leptos_axum::redirect("/predefined-replies?saved=1");
    Ok(())
}

#[server]
pub async fn delete_predefined_reply(id: i32) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ViewTickets)?;
    let viewer = require(Permission::ManagePredefinedReplies)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::delete_reply(&ctx.db, chrono::Utc::now(), &actor, id).await?;
    leptos_axum::redirect("/predefined-replies?deleted=1");
    Ok(())
}
