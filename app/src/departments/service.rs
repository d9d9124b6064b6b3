//! Department storage over SeaORM.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, SqlErr, TransactionSession, TransactionTrait,
};

use super::model::{DepartmentView, NewDepartment};
use crate::entities::{department, lower_eq};
use crate::kernel::audit;
use crate::kernel::audit::Action;
use crate::kernel::audit::Actor;
use crate::kernel::audit::Event;
use crate::kernel::audit::Target;
use crate::kernel::concurrency::{Expected, guarded};

#[derive(Debug, thiserror::Error)]
pub enum DepartmentError {
    #[error("no such department")]
    NotFound,
    #[error("a department named {0:?} already exists")]
    NameTaken(String),
    #[error("the department was changed since the form was loaded")]
    ChangedMeanwhile,
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
            hidden: m.hidden,
            version: m.version,
        }
    }
}

/// Departments alphabetically; hidden ones only when asked for.
pub async fn list(
    db: &impl ConnectionTrait,
    with_hidden: bool,
) -> Result<Vec<department::Model>, DbErr> {
    let mut query = department::Entity::find().order_by_asc(department::Column::Name);
    if !with_hidden {
        query = query.filter(department::Column::Hidden.eq(false));
    }
    query.all(db).await
}

pub async fn find(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<department::Model, DepartmentError> {
    department::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DepartmentError::NotFound)
}

async fn ensure_name_free(
    db: &impl ConnectionTrait,
    name: &str,
    except: Option<i32>,
) -> Result<(), DepartmentError> {
    let mut query = department::Entity::find().filter(lower_eq(department::Column::Name, name));
    if let Some(id) = except {
        query = query.filter(department::Column::Id.ne(id));
    }
    match query.one(db).await? {
        Some(_) => Err(DepartmentError::NameTaken(name.to_owned())),
        None => Ok(()),
    }
}

fn name_taken(name: String) -> impl FnOnce(DbErr) -> DepartmentError {
    move |err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => DepartmentError::NameTaken(name),
        _ => DepartmentError::Db(err),
    }
}

fn snapshot(d: &department::Model) -> serde_json::Value {
    serde_json::json!({
        "name": d.name,
        "email": d.email,
        "description": d.description,
        "hidden": d.hidden,
    })
}

fn target(d: &department::Model) -> Target {
    Target::new("department", d.id, d.name.clone())
}

/// Changes a department's name, email and description; names stay unique regardless of case.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
    input: NewDepartment,
    version: Expected,
) -> Result<department::Model, DepartmentError> {
    let existing = find(db, id).await?;
    let name = input.name.as_str().to_owned();
    ensure_name_free(db, &name, Some(id)).await?;
    let before = snapshot(&existing);
    let txn = crate::kernel::db::begin_write(db).await?;
    let change = department::Entity::update_many()
        .col_expr(department::Column::Name, Expr::value(name.clone()))
        .col_expr(department::Column::Email, Expr::value(input.email.as_str()))
        .col_expr(
            department::Column::Description,
            Expr::value(input.description.as_str()),
        )
        .filter(department::Column::Id.eq(id));
    let updated = guarded(change, department::Column::Version, version)
        .exec(&txn)
        .await
        .map_err(name_taken(name))?;
    if updated.rows_affected != 1 {
        return Err(DepartmentError::ChangedMeanwhile);
    }
    let saved = find(&txn, id).await?;
    let event = Event::new(Action::DepartmentUpdated, Some(target(&saved)))
        .before(before)
        .after(snapshot(&saved));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Hides a department from every list and form, or shows it again. Memberships stay.
pub async fn set_hidden<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
    hidden: bool,
) -> Result<(), DepartmentError> {
    let existing = find(db, id).await?;
    if existing.hidden == hidden {
        return Ok(());
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let change = department::Entity::update_many()
        .col_expr(department::Column::Hidden, Expr::value(hidden))
        .filter(department::Column::Id.eq(id));
    // Moves the version on: an edit form loaded before this is stale.
    guarded(change, department::Column::Version, Expected(None))
        .exec(&txn)
        .await?;
    let saved = find(&txn, id).await?;
    let action = if hidden {
        Action::DepartmentHidden
    } else {
        Action::DepartmentShown
    };
    audit::record(&txn, now, actor, Event::new(action, Some(target(&saved)))).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    department::Entity::find().count(db).await
}

/// Creates a department; names are unique regardless of case.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    input: NewDepartment,
) -> Result<department::Model, DepartmentError> {
    let name = input.name.as_str().to_owned();
    ensure_name_free(db, &name, None).await?;
    let row = department::ActiveModel {
        name: Set(name.clone()),
        email: Set(input.email.as_str().to_owned()),
        description: Set(input.description.as_str().to_owned()),
        hidden: Set(false),
        created_at: Set(now),
        ..Default::default()
    };
    let txn = crate::kernel::db::begin_write(db).await?;
    // A concurrent insert can still win between the check and the insert; the unique index decides.
    let created = row.insert(&txn).await.map_err(name_taken(name))?;
    let event =
        Event::new(Action::DepartmentCreated, Some(target(&created))).after(snapshot(&created));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(created)
}
