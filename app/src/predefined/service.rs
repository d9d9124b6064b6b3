//! Predefined reply storage: categories (one level of nesting) and replies, each change audited.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

use super::model::{CategoryView, NewCategory, NewReply, ReplyView, unknown_field};
use crate::entities::{predefined_reply as reply, predefined_reply_category as category};
use crate::kernel::audit::{self, Action, Actor, Event, Target};

#[derive(Debug, thiserror::Error)]
pub enum PredefinedError {
    #[error("no such reply or category")]
    NotFound,
    #[error("unknown merge field {0}")]
    UnknownField(String),
    #[error("categories nest one level only")]
    TooDeep,
    #[error("the category still holds replies or sub-categories")]
    NotEmpty,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Every category with its replies: each top category (by position, then name) followed by its
/// sub-categories.
pub async fn library(db: &impl ConnectionTrait) -> Result<Vec<CategoryView>, DbErr> {
    let categories = category::Entity::find()
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Name)
        .all(db)
        .await?;
    let mut replies: HashMap<i32, Vec<ReplyView>> = HashMap::new();
    for r in reply::Entity::find()
        .order_by_asc(reply::Column::Name)
        .all(db)
        .await?
    {
        replies.entry(r.category_id).or_default().push(ReplyView {
            id: r.id,
            category_id: r.category_id,
            name: r.name,
            body: r.body,
        });
    }
    let mut out = Vec::with_capacity(categories.len());
    for top in categories.iter().filter(|c| c.parent_id.is_none()) {
        for c in
            std::iter::once(top).chain(categories.iter().filter(|c| c.parent_id == Some(top.id)))
        {
            out.push(CategoryView {
                id: c.id,
                parent_id: c.parent_id,
                name: c.name.clone(),
                replies: replies.remove(&c.id).unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

/// Most replies a ticket page offers.
const CHOICES: usize = 500;

/// The replies as a ticket page offers them: filled in with `values`, by category.
pub async fn choices(
    db: &impl ConnectionTrait,
    values: &super::model::MergeValues,
) -> Result<Vec<super::model::Choice>, DbErr> {
    let categories = library(db).await?;
    let names: HashMap<i32, String> = categories.iter().map(|c| (c.id, c.name.clone())).collect();
    Ok(categories
        .into_iter()
        .flat_map(|c| {
            let label = match c.parent_id.and_then(|p| names.get(&p)) {
                Some(parent) => format!("{parent} › {}", c.name),
                None => c.name.clone(),
            };
            c.replies.into_iter().map(move |r| super::model::Choice {
                id: r.id,
                category: label.clone(),
                name: r.name,
                text: values.fill(&r.body),
            })
        })
        .take(CHOICES)
        .collect())
}

pub async fn find_reply(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<reply::Model, PredefinedError> {
    reply::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(PredefinedError::NotFound)
}

fn target(r: &reply::Model) -> Target {
    Target::new("predefined_reply", r.id, r.name.clone())
}

/// Creates a category, or renames and moves one (`id`). A parent must be a top category, and a
/// category with sub-categories stays at the top.
pub async fn save_category<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    id: Option<i32>,
    input: NewCategory,
) -> Result<category::Model, PredefinedError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    if let Some(parent) = input.parent_id {
        let parent = category::Entity::find_by_id(parent)
            .one(&txn)
            .await?
            .ok_or(PredefinedError::NotFound)?;
        if parent.parent_id.is_some() || Some(parent.id) == id {
            return Err(PredefinedError::TooDeep);
        }
    }
    let saved = match id {
        Some(id) => {
            let current = category::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(PredefinedError::NotFound)?;
            let has_children = category::Entity::find()
                .filter(category::Column::ParentId.eq(id))
                .count(&txn)
                .await?
                > 0;
            if has_children && input.parent_id.is_some() {
                return Err(PredefinedError::TooDeep);
            }
            let mut row: category::ActiveModel = current.into();
            row.name = Set(input.name);
            row.parent_id = Set(input.parent_id);
            row.update(&txn).await?
        }
        None => {
            category::ActiveModel {
                name: Set(input.name),
                parent_id: Set(input.parent_id),
                position: Set(0),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    txn.commit().await?;
    Ok(saved)
}

/// Deletes an empty category.
pub async fn delete_category<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    id: i32,
) -> Result<(), PredefinedError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    category::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(PredefinedError::NotFound)?;
    let children = category::Entity::find()
        .filter(category::Column::ParentId.eq(id))
        .count(&txn)
        .await?;
    let replies = reply::Entity::find()
        .filter(reply::Column::CategoryId.eq(id))
        .count(&txn)
        .await?;
    if children + replies > 0 {
        return Err(PredefinedError::NotEmpty);
    }
    category::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Creates a reply, or changes one (`id`). A body using a field that does not exist is refused,
/// so a saved reply always fills in completely.
pub async fn save_reply<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Option<i32>,
    input: NewReply,
) -> Result<reply::Model, PredefinedError> {
    if let Some(field) = unknown_field(&input.body) {
        return Err(PredefinedError::UnknownField(field));
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    category::Entity::find_by_id(input.category_id)
        .one(&txn)
        .await?
        .ok_or(PredefinedError::NotFound)?;
    let saved = match id {
        Some(id) => {
            let mut row: reply::ActiveModel = find_reply(&txn, id).await?.into();
            row.category_id = Set(input.category_id);
            row.name = Set(input.name);
            row.body = Set(input.body);
            row.updated_at = Set(now);
            row.update(&txn).await?
        }
        None => {
            reply::ActiveModel {
                category_id: Set(input.category_id),
                name: Set(input.name),
                body: Set(input.body),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record(
        &txn,
        now,
        actor,
        Event::new(Action::PredefinedReplySaved, Some(target(&saved))),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn delete_reply<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
) -> Result<(), PredefinedError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let row = find_reply(&txn, id).await?;
    reply::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        now,
        actor,
        Event::new(Action::PredefinedReplyDeleted, Some(target(&row))),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
