//! Writing and reading the audit trail. `record` joins the caller's transaction, so a change and
//! its audit row are committed together or not at all. Nothing here updates or deletes a row.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::Value;

use super::model::{AuditFilter, AuditRow, LoginRecord};
use crate::entities::audit_event;
use crate::kernel::audit::Action;
use crate::kernel::time::when;

fn day(text: &str) -> Option<DateTime<Utc>> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

/// The SQL condition for a filter.
pub fn condition(filter: &AuditFilter) -> Condition {
    let mut cond = Condition::all();
    if let Some(from) = day(&filter.from) {
        cond = cond.add(audit_event::Column::At.gte(from));
    }
    if let Some(to) = day(&filter.to) {
        cond = cond.add(audit_event::Column::At.lt(to + Duration::days(1)));
    }
    // The actor filter lists admins: an id is a staff actor's, never a client user's.
    if let Ok(actor) = filter.actor.trim().parse::<i32>() {
        cond = cond
            .add(audit_event::Column::ActorKind.eq(crate::kernel::audit::ActorKind::Staff.key()))
            .add(audit_event::Column::ActorId.eq(actor));
    }
    if let Some(action) = Action::from_key(filter.action.trim()) {
        cond = cond.add(audit_event::Column::Action.eq(action.key()));
    }
    // Control characters can be in no stored value, and PostgreSQL refuses a NUL in a parameter.
    let searchable = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let ip = searchable(&filter.ip);
    if !ip.is_empty() {
        cond = cond.add(audit_event::Column::Ip.eq(ip));
    }
    let q = searchable(&filter.q).to_lowercase();
    if !q.is_empty() {
        let escaped = q
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = || LikeExpr::new(format!("%{escaped}%")).escape('\\');
        let mut any = Condition::any();
        for col in [
            audit_event::Column::ActorName,
            audit_event::Column::TargetLabel,
            audit_event::Column::Details,
        ] {
            any = any.add(Expr::expr(Func::lower(Expr::col(col))).like(pattern()));
        }
        cond = cond.add(any);
    }
    cond
}

fn pretty(value: &Value) -> Option<String> {
    (!value.is_null()).then(|| serde_json::to_string_pretty(value).unwrap_or_default())
}

impl From<audit_event::Model> for AuditRow {
    fn from(e: audit_event::Model) -> Self {
        let details: Value = serde_json::from_str(&e.details).unwrap_or(Value::Null);
        let action_label =
            Action::from_key(&e.action).map_or_else(|| e.action.clone(), |a| a.label());
        Self {
            id: e.id,
            at: e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            actor: e.actor_name,
            action: e.action,
            action_label,
            target: e.target_label,
            ip: e.ip,
            user_agent: e.user_agent,
            before: details.get("before").and_then(pretty),
            after: details.get("after").and_then(pretty),
        }
    }
}

/// Up to `limit` events matching `filter`, newest first, older than `before` (an event id).
/// Keyset pagination: the last page costs what the first does, and rows inserted meanwhile never
/// shift a page.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: u64,
) -> Result<(Vec<audit_event::Model>, Option<i64>), DbErr> {
    let mut query = audit_event::Entity::find().filter(condition(filter));
    if let Some(before) = before {
        query = query.filter(audit_event::Column::Id.lt(before));
    }
    let mut rows = query
        .order_by_desc(audit_event::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = if more {
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok((rows, next))
}

/// The newest events, for the dashboard.
pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<AuditRow>, DbErr> {
    Ok(audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(AuditRow::from)
        .collect())
}

/// The id of the newest event: changes whenever anything is recorded, on any node.
pub async fn latest_id(db: &impl ConnectionTrait) -> Result<Option<i64>, DbErr> {
    audit_event::Entity::find()
        .select_only()
        .column_as(audit_event::Column::Id.max(), "max")
        .into_tuple::<Option<i64>>()
        .one(db)
        .await
        .map(Option::flatten)
}

/// The distinct actions recorded after event `after` up to event `upto`, at most `limit` of them
/// (the dashboard asks which of its widgets a burst of changes can have altered).
pub async fn actions_between(
    db: &impl ConnectionTrait,
    after: i64,
    upto: i64,
    limit: u64,
) -> Result<Vec<String>, DbErr> {
    audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::Action)
        .distinct()
        .filter(audit_event::Column::Id.gt(after))
        .filter(audit_event::Column::Id.lte(upto))
        .limit(limit)
        .into_tuple::<String>()
        .all(db)
        .await
}

/// An admin's logins, successful and failed, newest first.
pub async fn login_history(
    db: &impl ConnectionTrait,
    admin_id: i32,
    limit: u64,
) -> Result<Vec<LoginRecord>, DbErr> {
    Ok(audit_event::Entity::find()
        .filter(audit_event::Column::TargetType.eq("admin"))
        .filter(audit_event::Column::TargetId.eq(admin_id))
        .filter(
            audit_event::Column::Action
                .is_in([Action::LoginSucceeded.key(), Action::LoginFailed.key()]),
        )
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|e| LoginRecord {
            at: when(e.at),
            succeeded: e.action == Action::LoginSucceeded.key(),
            ip: e.ip,
            user_agent: e.user_agent,
        })
        .collect())
}

pub use crate::kernel::csv::field as csv_field;

pub const CSV_HEADER: &str =
    "\"id\",\"time\",\"actor\",\"action\",\"target\",\"ip\",\"user_agent\",\"details\"\r\n";

/// One event as a CSV line.
pub fn csv_line(e: &audit_event::Model) -> String {
    let fields = [
        e.id.to_string(),
        e.at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        e.actor_name.clone(),
        e.action.clone(),
        e.target_label.clone(),
        e.ip.clone(),
        e.user_agent.clone(),
        e.details.clone(),
    ];
    crate::kernel::csv::line(&fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_all_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "\"plain\"");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+2"), "\"'=1+2\"");
        assert_eq!(csv_field("+1"), "\"'+1\"");
        assert_eq!(csv_field("-1"), "\"'-1\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_field("  =1+2"), "\"'  =1+2\"");
        assert_eq!(csv_field("\t@x"), "\"'\t@x\"");
        assert_eq!(csv_field(" \t -1"), "\"' \t -1\"");
        assert_eq!(
            csv_field("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_field(""), "\"\"");
    }
}
