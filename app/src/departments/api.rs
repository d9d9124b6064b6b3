//! Server functions for departments, one per user action.

use leptos::prelude::*;

use super::model::DepartmentView;
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
fn map_department_error(err: super::service::DepartmentError) -> AppError {
    use super::service::DepartmentError;
    match err {
        DepartmentError::NotFound => AppError::not_found(),
        DepartmentError::NameTaken(name) => AppError::conflict(crate::kernel::i18n::t_args(
            "departments-error-name-taken",
            &[("name", name.into())],
        ))
        .with_field("name"),
        DepartmentError::ChangedMeanwhile => AppError::changed_meanwhile(),
        DepartmentError::Db(err) => err.into(),
    }
}

/// Departments for the Departments page; hidden ones too for those who may manage them.
#[server]
pub async fn list_departments() -> Result<Vec<DepartmentView>, AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewDepartments)?;
    let ctx = crate::kernel::context::server_context()?;
    let rows = super::service::list(&ctx.db, viewer.can(Permission::ManageDepartments)).await?;
    Ok(rows.into_iter().map(DepartmentView::from).collect())
}

#[server]
pub async fn get_department(department_id: i32) -> Result<DepartmentView, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageDepartments)?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::find(&ctx.db, department_id)
        .await
        .map(DepartmentView::from)
        .map_err(map_department_error)
}

#[server]
pub async fn create_department(
    name: String,
    email: String,
    description: String,
) -> Result<DepartmentView, AppError> {
    use super::model::NewDepartment;
    use crate::kernel::{Permission, guard::require};

    let viewer = require(Permission::ManageDepartments)?;
    let input = NewDepartment::parse(&name, &email, &description)
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::create(&ctx.db, chrono::Utc::now(), &actor, input)
        .await
        .map(DepartmentView::from)
        .map_err(map_department_error)
}

#[server]
pub async fn update_department(
    department_id: i32,
    name: String,
    email: String,
    description: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::NewDepartment;
    use crate::kernel::{Permission, guard::require};

    let viewer = require(Permission::ManageDepartments)?;
    let input = NewDepartment::parse(&name, &email, &description)
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let version = crate::kernel::concurrency::Expected::parse(&version)
        .map_err(|err| AppError::validation("version", &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::update(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        department_id,
        input,
        version,
    )
    .await
    .map_err(map_department_error)?;
    leptos_axum::redirect("/departments?saved=1");
    Ok(())
}

/// Hides a department (`hidden` = "true") or shows it again.
#[server]
pub async fn set_department_hidden(department_id: i32, hidden: bool) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageDepartments)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::set_hidden(&ctx.db, chrono::Utc::now(), &actor, department_id, hidden)
        .await
        .map_err(map_department_error)?;
    leptos_axum::redirect(if hidden {
        "/departments?hidden=1"
    } else {
        "/departments?shown=1"
    });
    Ok(())
}
