//! Server functions for departments, one per user action.

use leptos::prelude::*;

use super::model::DepartmentView;
use crate::error::AppError;

#[server]
pub async fn list_departments() -> Result<Vec<DepartmentView>, AppError> {
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;
    require(Permission::ViewDepartments)?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    let rows = super::service::list(&ctx.db)
        .await
        .map_err(|e| respond_with(e.into()))?;
    Ok(rows.into_iter().map(DepartmentView::from).collect())
}

#[server]
pub async fn create_department(
    name: String,
    email: String,
    description: String,
) -> Result<DepartmentView, AppError> {
    use super::model::NewDepartment;
    use super::service::{self, DepartmentError};
    use crate::auth::{Permission, guard::require};
    use crate::error::respond_with;

    require(Permission::ManageDepartments)?;
    let input = NewDepartment::parse(&name, &email, &description)
        .map_err(|(field, err)| respond_with(AppError::validation(field, &err)))?;
    let ctx = crate::context::server_context().map_err(respond_with)?;
    match service::create(&ctx.db, chrono::Utc::now(), input).await {
        Ok(row) => Ok(row.into()),
        Err(DepartmentError::NameTaken(name)) => Err(respond_with(
            AppError::conflict(format!("A department named “{name}” already exists."))
                .with_field("name"),
        )),
        Err(DepartmentError::Db(err)) => Err(respond_with(err.into())),
    }
}
