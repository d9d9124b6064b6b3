//! Network issue storage over SeaORM. Every time is passed in, so tests choose "now".

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};

use super::model::{
    IssueInput, IssueKind, IssuePriority, IssueStatus, IssueView, StatusBoard, UpdateInput,
    UpdateView,
};
use crate::entities::{client_service, network_issue, network_issue_update};
use crate::kernel::audit::{self, Action, Actor, Event, Target};
use crate::kernel::concurrency::{Expected, guarded};
use crate::kernel::time::{input_minute, when};

/// How long a resolved issue stays on the status page.
pub const RESOLVED_SHOWN_DAYS: i64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error("no such network issue")]
    NotFound,
    #[error("the issue was changed since the form was loaded")]
    ChangedMeanwhile,
    #[error("no service has that product")]
    UnknownServiceGroup,
    #[error(transparent)]
    Db(#[from] DbErr),
}

fn view(m: network_issue::Model, updates: Vec<network_issue_update::Model>) -> IssueView {
    let kind = IssueKind::from_key(&m.kind).unwrap_or(IssueKind::Other);
    let priority = IssuePriority::from_key(&m.priority).unwrap_or(IssuePriority::Medium);
    let status = IssueStatus::from_key(&m.status).unwrap_or(IssueStatus::Reported);
    IssueView {
        id: m.id,
        title: m.title,
        kind,
        kind_label: kind.label(),
        affects: m.affects,
        service_group: m.service_group,
        affects_you: false,
        priority,
        priority_label: priority.label(),
        status,
        status_label: status.label(),
        description: m.description,
        starts: when(m.starts_at),
        starts_input: input_minute(m.starts_at),
        ends: m.ends_at.map(when),
        ends_input: m.ends_at.map(input_minute).unwrap_or_default(),
        updated: when(m.updated_at),
        version: m.version,
        updates: updates
            .into_iter()
            .map(|u| UpdateView {
                body: u.body,
                status: u
                    .status
                    .as_deref()
                    .and_then(IssueStatus::from_key)
                    .map(IssueStatus::label),
                author: u.author_name,
                at: when(u.created_at),
            })
            .collect(),
    }
}

/// The issues with their updates (oldest first), in the order given; one query for the updates.
async fn with_updates(
    db: &impl ConnectionTrait,
    issues: Vec<network_issue::Model>,
) -> Result<Vec<IssueView>, DbErr> {
    let ids: Vec<i32> = issues.iter().map(|i| i.id).collect();
    let mut updates = if ids.is_empty() {
        Vec::new()
    } else {
        network_issue_update::Entity::find()
            .filter(network_issue_update::Column::IssueId.is_in(ids))
            .order_by_asc(network_issue_update::Column::CreatedAt)
            .order_by_asc(network_issue_update::Column::Id)
            .all(db)
            .await?
    };
    Ok(issues
        .into_iter()
        .map(|issue| {
            let (mine, rest) = std::mem::take(&mut updates)
                .into_iter()
                .partition(|u| u.issue_id == issue.id);
            updates = rest;
            view(issue, mine)
        })
        .collect())
}

/// The open issues, the most severe first, then the latest to start.
async fn open_rows(db: &impl ConnectionTrait) -> Result<Vec<network_issue::Model>, DbErr> {
    let open_keys: Vec<&str> = IssueStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(IssueStatus::key)
        .collect();
    let mut open = network_issue::Entity::find()
        .filter(network_issue::Column::Status.is_in(open_keys))
        .order_by_desc(network_issue::Column::StartsAt)
        .order_by_desc(network_issue::Column::Id)
        .all(db)
        .await?;
    open.sort_by_key(|i| {
        std::cmp::Reverse(IssuePriority::from_key(&i.priority).unwrap_or(IssuePriority::Medium))
    });
    Ok(open)
}

/// The open issues without their updates, as the Dashboard lists them.
pub async fn open_issues(db: &impl ConnectionTrait) -> Result<Vec<IssueView>, DbErr> {
    Ok(open_rows(db)
        .await?
        .into_iter()
        .map(|m| view(m, Vec::new()))
        .collect())
}

/// Every issue for the staff list, newest start first (without their updates).
pub async fn list_all(db: &impl ConnectionTrait) -> Result<Vec<IssueView>, DbErr> {
    Ok(network_issue::Entity::find()
        .order_by_desc(network_issue::Column::StartsAt)
        .order_by_desc(network_issue::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| view(m, Vec::new()))
        .collect())
}

async fn row(db: &impl ConnectionTrait, id: i32) -> Result<network_issue::Model, NetworkError> {
    network_issue::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(NetworkError::NotFound)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<IssueView, NetworkError> {
    let issue = row(db, id).await?;
    Ok(with_updates(db, vec![issue]).await?.remove(0))
}

/// The status page at `now`: open issues first (the most severe, then the latest to start, on
/// top), then scheduled work (the soonest first), then issues resolved in the last 30 days (the
/// latest first).
pub async fn board(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<StatusBoard, DbErr> {
    let open = open_rows(db).await?;
    let scheduled = network_issue::Entity::find()
        .filter(network_issue::Column::Status.eq(IssueStatus::Scheduled.key()))
        .order_by_asc(network_issue::Column::StartsAt)
        .order_by_asc(network_issue::Column::Id)
        .all(db)
        .await?;
    let resolved = network_issue::Entity::find()
        .filter(network_issue::Column::Status.eq(IssueStatus::Resolved.key()))
        .filter(network_issue::Column::ResolvedAt.gte(now - Duration::days(RESOLVED_SHOWN_DAYS)))
        .order_by_desc(network_issue::Column::ResolvedAt)
        .order_by_desc(network_issue::Column::Id)
        .all(db)
        .await?;
    // The board is public: who on the staff wrote an update is not.
    let public = |mut issues: Vec<IssueView>| {
        for update in issues.iter_mut().flat_map(|i| i.updates.iter_mut()) {
            update.author.clear();
        }
        issues
    };
    Ok(StatusBoard {
        open: public(with_updates(db, open).await?),
        scheduled: public(with_updates(db, scheduled).await?),
        resolved: public(with_updates(db, resolved).await?),
    })
}

/// The distinct products of the services the query is narrowed to.
fn products() -> sea_orm::Select<client_service::Entity> {
    client_service::Entity::find()
        .select_only()
        .column(client_service::Column::Product)
        .distinct()
}

/// The service groups staff can choose: every product a client's service has, in name order.
pub async fn service_groups(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    products()
        .order_by_asc(client_service::Column::Product)
        .into_tuple::<String>()
        .all(db)
        .await
}

/// Service statuses whose clients an issue with their service group concerns.
const IN_USE: [&str; 2] = ["active", "suspended"];

/// The status page for a Client Area reader working on `client_id`: each current or planned
/// issue whose service group is one of the client's services in use is marked (a resolved one
/// no longer affects them).
pub async fn board_for_client(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    client_id: i32,
) -> Result<StatusBoard, DbErr> {
    let mut board = board(db, now).await?;
    let products: Vec<String> = products()
        .filter(client_service::Column::ClientId.eq(client_id))
        .filter(client_service::Column::Status.is_in(IN_USE))
        .into_tuple::<String>()
        .all(db)
        .await?;
    for issue in board.open.iter_mut().chain(board.scheduled.iter_mut()) {
        issue.affects_you = issue
            .service_group
            .as_ref()
            .is_some_and(|g| products.contains(g));
    }
    Ok(board)
}

/// Refuses a service group no service has, unless the issue already names it (its services may
/// have gone since).
async fn check_group(
    db: &impl ConnectionTrait,
    group: Option<&str>,
    before: Option<&network_issue::Model>,
) -> Result<(), NetworkError> {
    let Some(group) = group else {
        return Ok(());
    };
    if before.and_then(|b| b.service_group.as_deref()) == Some(group) {
        return Ok(());
    }
    let used = client_service::Entity::find()
        .filter(client_service::Column::Product.eq(group))
        .one(db)
        .await?
        .is_some();
    if used {
        Ok(())
    } else {
        Err(NetworkError::UnknownServiceGroup)
    }
}

fn snapshot(m: &network_issue::Model) -> serde_json::Value {
    serde_json::json!({
        "title": m.title,
        "kind": m.kind,
        "affects": m.affects,
        "service_group": m.service_group,
        "priority": m.priority,
        "status": m.status,
        "description": m.description,
        "starts_at": m.starts_at.to_rfc3339(),
        "ends_at": m.ends_at.map(|t| t.to_rfc3339()),
    })
}

fn target(m: &network_issue::Model) -> Target {
    Target::new("network_issue", m.id, m.title.clone())
}

/// The resolved time a status change leaves: kept while it stays resolved, set when it becomes
/// resolved (to its end, when that has passed, else now), cleared when it opens again.
fn resolved_at(
    status: IssueStatus,
    before: Option<&network_issue::Model>,
    ends_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    (status == IssueStatus::Resolved).then(|| {
        before
            .and_then(|b| b.resolved_at)
            .or(ends_at.filter(|end| *end <= now))
            .unwrap_or(now)
    })
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    input: IssueInput,
) -> Result<network_issue::Model, NetworkError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    check_group(&txn, input.service_group.as_deref(), None).await?;
    let created = network_issue::ActiveModel {
        title: Set(input.title),
        kind: Set(input.kind.key().to_owned()),
        affects: Set(input.affects),
        service_group: Set(input.service_group),
        priority: Set(input.priority.key().to_owned()),
        status: Set(input.status.key().to_owned()),
        description: Set(input.description),
        starts_at: Set(input.starts_at),
        ends_at: Set(input.ends_at),
        resolved_at: Set(resolved_at(input.status, None, input.ends_at, now)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let event =
        Event::new(Action::NetworkIssueCreated, Some(target(&created))).after(snapshot(&created));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
    input: IssueInput,
    version: Expected,
) -> Result<network_issue::Model, NetworkError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let existing = row(&txn, id).await?;
    // The version this transaction read, whether or not the form sent one.
    let version = version
        .within(existing.version)
        .ok_or(NetworkError::ChangedMeanwhile)?;
    check_group(&txn, input.service_group.as_deref(), Some(&existing)).await?;
    let change = network_issue::Entity::update_many()
        .col_expr(
            network_issue::Column::Title,
            Expr::value(input.title.clone()),
        )
        .col_expr(network_issue::Column::Kind, Expr::value(input.kind.key()))
        .col_expr(
            network_issue::Column::Affects,
            Expr::value(input.affects.clone()),
        )
        .col_expr(
            network_issue::Column::ServiceGroup,
            Expr::value(input.service_group.clone()),
        )
        .col_expr(
            network_issue::Column::Priority,
            Expr::value(input.priority.key()),
        )
        .col_expr(
            network_issue::Column::Status,
            Expr::value(input.status.key()),
        )
        .col_expr(
            network_issue::Column::Description,
            Expr::value(input.description.clone()),
        )
        .col_expr(
            network_issue::Column::StartsAt,
            Expr::value(input.starts_at),
        )
        .col_expr(network_issue::Column::EndsAt, Expr::value(input.ends_at))
        .col_expr(
            network_issue::Column::ResolvedAt,
            Expr::value(resolved_at(
                input.status,
                Some(&existing),
                input.ends_at,
                now,
            )),
        )
        .col_expr(network_issue::Column::UpdatedAt, Expr::value(now))
        .filter(network_issue::Column::Id.eq(id));
    let done = guarded(change, network_issue::Column::Version, version)
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(NetworkError::ChangedMeanwhile);
    }
    let saved = row(&txn, id).await?;
    let event = Event::new(Action::NetworkIssueUpdated, Some(target(&saved)))
        .before(snapshot(&existing))
        .after(snapshot(&saved));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Appends a timed update, moving the issue to the update's status when it names one.
pub async fn post_update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
    input: UpdateInput,
) -> Result<(), NetworkError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let existing = row(&txn, id).await?;
    let mut change = network_issue::Entity::update_many()
        .col_expr(network_issue::Column::UpdatedAt, Expr::value(now))
        .filter(network_issue::Column::Id.eq(id));
    if let Some(status) = input.status {
        change = change
            .col_expr(network_issue::Column::Status, Expr::value(status.key()))
            .col_expr(
                network_issue::Column::ResolvedAt,
                Expr::value(resolved_at(status, Some(&existing), existing.ends_at, now)),
            );
    }
    let done = guarded(
        change,
        network_issue::Column::Version,
        Expected(Some(existing.version)),
    )
    .exec(&txn)
    .await?;
    if done.rows_affected != 1 {
        return Err(NetworkError::ChangedMeanwhile);
    }
    network_issue_update::ActiveModel {
        issue_id: Set(id),
        body: Set(input.body.clone()),
        status: Set(input.status.map(|s| s.key().to_owned())),
        author_name: Set(actor.name.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let event = Event::new(Action::NetworkIssueUpdatePosted, Some(target(&existing)))
        .before(serde_json::json!({ "status": existing.status }))
        .after(serde_json::json!({ "status": input.status.map(|s| s.key()), "body": input.body }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}
