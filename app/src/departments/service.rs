//! Department storage over SeaORM.

use chrono::{DateTime, Utc};

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, SqlErr,
};

use super::model::{DepartmentView, NewDepartment};
use crate::entities::{department, lower_eq};

#[derive(Debug, thiserror::Error)]
pub enum DepartmentError {
    #[error("a department named {0:?} already exists")]
    NameTaken(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<department::Model> for DepartmentView {
    fn from(m: department::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            email: m.email,
            description: m.description,
        }
    }
}

/// Visible departments, alphabetically.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<department::Model>, DbErr> {
    department::Entity::find()
        .filter(department::Column::Hidden.eq(false))
        .order_by_asc(department::Column::Name)
        .all(db)
        .await
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    department::Entity::find().count(db).await
}

/// Creates a department; names are unique regardless of case.
pub async fn create(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    input: NewDepartment,
) -> Result<department::Model, DepartmentError> {
    let name = input.name.as_str().to_owned();
    let existing = department::Entity::find()
        .filter(lower_eq(department::Column::Name, &name))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(DepartmentError::NameTaken(name));
    }
    let row = department::ActiveModel {
        name: Set(name.clone()),
        email: Set(input.email.as_str().to_owned()),
        description: Set(input.description.as_str().to_owned()),
        hidden: Set(false),
        created_at: Set(now),
        ..Default::default()
    };
    // A concurrent insert can still win between the check and the insert; the unique index decides.
    row.insert(db).await.map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => DepartmentError::NameTaken(name),
        _ => DepartmentError::Db(err),
    })
}
