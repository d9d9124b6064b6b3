//! Disabling and enabling administrators, never leaving the organization without a Full Administrator.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LockType, Query, QueryStatementBuilder};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, QuerySelect,
    TransactionSession, TransactionTrait,
};

use crate::auth::service::{FULL_ADMINISTRATOR, end_sessions};
use crate::entities::{admin, role};

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("no such administrator")]
    NotFound,
    #[error("you cannot disable your own account")]
    OwnAccount,
    #[error("the last active Full Administrator cannot be disabled")]
    LastFullAdministrator,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Disables an admin and ends all their sessions, in one transaction. Concurrent calls are
/// serialized on the Full Administrator role, so two admins disabling each other cannot leave none.
pub async fn disable<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor_id: i32,
    target_id: i32,
) -> Result<(), StaffError> {
    if actor_id == target_id {
        return Err(StaffError::OwnAccount);
    }
    let full = role::Entity::find()
        .filter(role::Column::Key.eq(FULL_ADMINISTRATOR))
        .one(db)
        .await?
        .ok_or(StaffError::NotFound)?;
    let txn = db.begin().await?;
    // Postgres: lock the role row so concurrent changes queue. SQLite: the update below is the
    // transaction's first statement, so it takes the database's single write lock before reading.
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        role::Entity::find_by_id(full.id)
            .lock(LockType::Update)
            .one(&txn)
            .await?;
    }
    // Other active Full Administrators, counted in the same statement as the update.
    let others = Query::select()
        .expr(Expr::col(Alias::new("id")).count())
        .from_as(admin::Entity, Alias::new("other"))
        .and_where(Expr::col((Alias::new("other"), admin::Column::RoleId)).eq(full.id))
        .and_where(Expr::col((Alias::new("other"), admin::Column::DisabledAt)).is_null())
        .and_where(Expr::col((Alias::new("other"), admin::Column::Id)).ne(target_id))
        .to_owned();
    let updated = admin::Entity::update_many()
        .col_expr(admin::Column::DisabledAt, Expr::value(now))
        .filter(admin::Column::Id.eq(target_id))
        .filter(admin::Column::DisabledAt.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(admin::Column::RoleId.ne(full.id))
                .add(
                    Expr::expr(Expr::SubQuery(
                        None,
                        Box::new(others.into_sub_query_statement()),
                    ))
                    .gt(0),
                ),
        )
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        let target = admin::Entity::find_by_id(target_id)
            .one(&txn)
            .await?
            .ok_or(StaffError::NotFound)?;
        return match target.disabled_at {
            // Already disabled: nothing to do, and its sessions are already gone.
            Some(_) => Ok(()),
            None => Err(StaffError::LastFullAdministrator),
        };
    }
    end_sessions(&txn, target_id, None).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn enable(db: &impl ConnectionTrait, target_id: i32) -> Result<(), StaffError> {
    let target = admin::Entity::find_by_id(target_id)
        .one(db)
        .await?
        .ok_or(StaffError::NotFound)?;
    if target.disabled_at.is_some() {
        admin::Entity::update_many()
            .col_expr(
                admin::Column::DisabledAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(admin::Column::Id.eq(target_id))
            .exec(db)
            .await?;
    }
    Ok(())
}
