//! Server functions for network issues: staff management behind "Manage network issues", the
//! public status board, and the Dashboard's list of open issues.
// A form's fields are a server function's arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::model::{IssueView, StatusBoard};
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
fn map_network_error(err: super::service::NetworkError) -> AppError {
    use super::service::NetworkError;
    match err {
        NetworkError::NotFound => AppError::not_found(),
        NetworkError::ChangedMeanwhile => AppError::changed_meanwhile(),
        NetworkError::UnknownServiceGroup => AppError::validation(
            "service_group",
            &crate::kernel::validation::ValidationError::UnknownChoice,
        ),
        NetworkError::Db(err) => err.into(),
    }
}

/// Every network issue, for the staff list.
#[server]
pub async fn list_network_issues() -> Result<Vec<IssueView>, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageNetworkIssues)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::list_all(&ctx.db).await?)
}

#[server]
pub async fn get_network_issue(issue_id: i32) -> Result<IssueView, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageNetworkIssues)?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::find(&ctx.db, issue_id)
        .await
        .map_err(map_network_error)
}

/// Creates an issue (empty `issue_id`) or saves one.
#[server]
pub async fn save_network_issue(
    #[server(default)] issue_id: String,
    title: String,
    kind: String,
    #[server(default)] affects: String,
    #[server(default)] service_group: String,
    priority: String,
    status: String,
    #[server(default)] description: String,
    #[server(default)] starts_at: String,
    #[server(default)] ends_at: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::IssueInput;
    use crate::kernel::validation::ValidationError;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageNetworkIssues)?;
    let id = match issue_id.trim() {
        "" => None,
        id => Some(
            id.parse::<i32>()
                .map_err(|_| AppError::validation("issue_id", &ValidationError::UnknownChoice))?,
        ),
    };
    let input = IssueInput::parse(
        &title,
        &kind,
        &affects,
        &priority,
        &status,
        &description,
        &starts_at,
        &ends_at,
    )
    .and_then(|input| input.with_service_group(&service_group))
    .map_err(|(field, err)| AppError::validation(field, &err))?;
    let version = crate::kernel::concurrency::Expected::parse(&version)
        .map_err(|err| AppError::validation("version", &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let now = chrono::Utc::now();
    let saved = match id {
        None => super::service::create(&ctx.db, now, &actor, input).await,
        Some(id) => super::service::update(&ctx.db, now, &actor, id, input, version).await,
    }
    .map_err(map_network_error)?;
    leptos_axum::redirect(&format!("/network-issues/{}?saved=1", saved.id));
    Ok(())
}

/// Appends a timed update to an issue, optionally moving it to a new status.
#[server]
pub async fn post_network_issue_update(
    issue_id: i32,
    body: String,
    #[server(default)] status: String,
) -> Result<(), AppError> {
    use super::model::UpdateInput;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageNetworkIssues)?;
    let input = UpdateInput::parse(&body, &status)
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::post_update(&ctx.db, chrono::Utc::now(), &actor, issue_id, input)
        .await
        .map_err(map_network_error)?;
    leptos_axum::redirect(&format!("/network-issues/{issue_id}?posted=1"));
    Ok(())
}

/// The open issues for the Dashboard. Every open Dashboard on this node shares one read per
/// language for up to 30 seconds, and none from before the last change this node knows of.
#[server]
pub async fn get_open_network_issues() -> Result<Vec<IssueView>, AppError> {
    crate::kernel::guard::current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    let fresh_after = ctx.memo.fresh_for(std::time::Duration::from_secs(30));
    let key = ("network.open", crate::kernel::i18n::lang() as i64);
    Ok(ctx
        .memo
        .get_or_load(key, fresh_after, || super::service::open_issues(&ctx.db))
        .await?)
}

/// The service groups staff can choose for "Affects": the products clients' services have.
#[server]
pub async fn get_network_service_groups() -> Result<Vec<String>, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageNetworkIssues)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::service_groups(&ctx.db).await?)
}

/// The status board in the Client Area: as anyone sees it, with the issues that concern the
/// client the user works on marked, for a user who may see the client's services (the marks
/// tell which products the client has).
#[server(prefix = "/client/api")]
pub async fn get_client_network_status() -> Result<StatusBoard, AppError> {
    let user = crate::kernel::guard::current_user()?;
    let ctx = crate::kernel::context::server_context()?;
    let now = chrono::Utc::now();
    Ok(
        match user
            .client_id
            .filter(|_| user.can(crate::kernel::ClientPermission::Services))
        {
            Some(client_id) => super::service::board_for_client(&ctx.db, now, client_id).await?,
            None => super::service::board(&ctx.db, now).await?,
        },
    )
}

/// The status board anyone may read: open issues, scheduled work, and the last 30 days' resolved.
#[server]
pub async fn get_network_status() -> Result<StatusBoard, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::board(&ctx.db, chrono::Utc::now()).await?)
}
