//! The Administrators list: one page of staff.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::model::AdminRow;
use crate::entities::{admin, admin_department, department, role};
use crate::kernel::time::when;

pub async fn role_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>, DbErr> {
    Ok(role::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect())
}

/// Rows per page on the Administrators page, for staff and for pending invitations alike.
pub const PAGE_SIZE: u64 = 50;

/// One page of staff, by name, after the admin `after` (keyset: the same cost on any page). The
/// second value is the cursor of the next page, if there is one. Five queries, whatever the size.
pub async fn admins(
    db: &impl ConnectionTrait,
    after: Option<i32>,
) -> Result<(Vec<AdminRow>, Option<i32>), DbErr> {
    let roles = role_names(db).await?;
    let mut query = admin::Entity::find()
        .order_by_asc(admin::Column::FirstName)
        .order_by_asc(admin::Column::LastName)
        .order_by_asc(admin::Column::Id)
        .limit(PAGE_SIZE + 1);
    if let Some(after) = after
        && let Some(cursor) = admin::Entity::find_by_id(after).one(db).await?
    {
        query = query.filter(
            Expr::tuple([
                Expr::col(admin::Column::FirstName),
                Expr::col(admin::Column::LastName),
                Expr::col(admin::Column::Id),
            ])
            .gt(Expr::tuple([
                Expr::value(cursor.first_name),
                Expr::value(cursor.last_name),
                Expr::value(cursor.id),
            ])),
        );
    }
    let mut rows = query.all(db).await?;
    let next = next_cursor(&mut rows, |a| a.id);
    let ids: Vec<i32> = rows.iter().map(|a| a.id).collect();
    let links = admin_department::Entity::find()
        .filter(admin_department::Column::AdminId.is_in(ids))
        .all(db)
        .await?;
    let departments: HashMap<i32, String> = department::Entity::find()
        .filter(department::Column::Id.is_in(links.iter().map(|m| m.department_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let mut memberships: HashMap<i32, Vec<String>> = HashMap::new();
    for m in links {
        if let Some(name) = departments.get(&m.department_id) {
            memberships
                .entry(m.admin_id)
                .or_default()
                .push(name.clone());
        }
    }
    let admins = rows
        .into_iter()
        .map(|a| {
            let mut departments = memberships.remove(&a.id).unwrap_or_default();
            departments.sort();
            AdminRow {
                id: a.id,
                name: format!("{} {}", a.first_name, a.last_name),
                username: a.username,
                email: a.email,
                role: roles.get(&a.role_id).cloned().unwrap_or_default(),
                departments,
                last_login: a.last_login_at.map(when),
                disabled: a.disabled_at.is_some(),
            }
        })
        .collect();
    Ok((admins, next))
}

/// Keeps the first `PAGE_SIZE` of `rows` (fetched one longer) and returns the next page's cursor.
pub fn next_cursor<T>(rows: &mut Vec<T>, id: impl Fn(&T) -> i32) -> Option<i32> {
    let limit = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(id)
    } else {
        None
    }
}
