//! Announcement storage over SeaORM, and the emailing. Every time is passed in, so tests choose
//! "now": an announcement is seen from its publish time, not from when it was saved.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionSession,
    TransactionTrait,
};

use super::model::{
    AnnouncementAdmin, AnnouncementInput, AnnouncementItem, AnnouncementList, AnnouncementRead,
    Stage,
};
use crate::entities::{announcement, client};
use crate::kernel::audit::{self, Action, Actor, Event, Target};
use crate::kernel::concurrency::{Expected, guarded};
use crate::kernel::i18n::{Lang, t, t_args, t_in};
use crate::kernel::outbox::{self, Message, escape};
use crate::kernel::settings::Settings;
use crate::kernel::time::{input_minute, when};

/// Announcements on one page of the readers' list.
pub const PER_PAGE: u64 = 10;

/// The longest subject the outbox stores, in characters.
const SUBJECT_MAX: usize = 255;

/// The longest excerpt in the readers' list, in characters.
const EXCERPT_CHARS: usize = 240;

#[derive(Debug, thiserror::Error)]
pub enum AnnouncementError {
    #[error("no such announcement")]
    NotFound,
    #[error("the announcement was changed since the form was loaded")]
    ChangedMeanwhile,
    #[error(transparent)]
    Db(#[from] DbErr),
}

fn stage(m: &announcement::Model, now: DateTime<Utc>) -> Stage {
    match (m.published, m.publish_at <= now) {
        (false, _) => Stage::Draft,
        (true, false) => Stage::Scheduled,
        (true, true) => Stage::Live,
    }
}

/// How the emailing stands, in the viewer's language.
fn mailing(m: &announcement::Model, now: DateTime<Utc>) -> String {
    let count = [("count", i64::from(m.mailed_count).into())];
    match (m.mailed_at, m.email_clients, m.mailed_count) {
        (Some(at), _, _) => t_args(
            "announcements-mailing-done",
            &[
                ("count", i64::from(m.mailed_count).into()),
                ("date", when(at).into()),
            ],
        ),
        (None, true, 0) if stage(m, now) != Stage::Live => t("announcements-mailing-waiting"),
        (None, true, _) => t_args("announcements-mailing-sending", &count),
        (None, false, 0) => t("announcements-mailing-none"),
        (None, false, _) => t_args("announcements-mailing-stopped", &count),
    }
}

fn admin_view(m: announcement::Model, now: DateTime<Utc>) -> AnnouncementAdmin {
    AnnouncementAdmin {
        stage: stage(&m, now),
        mailing: mailing(&m, now),
        id: m.id,
        title: m.title,
        body: m.body,
        html: m.html,
        published: m.published,
        publish: when(m.publish_at),
        publish_input: input_minute(m.publish_at),
        email_clients: m.email_clients,
        author: m.author_name,
        updated: when(m.updated_at),
        version: m.version,
    }
}

/// The start of `plain`, cut at a word, with an ellipsis when it goes on.
fn excerpt(plain: &str) -> String {
    if plain.chars().count() <= EXCERPT_CHARS {
        return plain.to_owned();
    }
    let cut: String = plain.chars().take(EXCERPT_CHARS).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", at_word.trim_end())
}

/// What readers see at `now`: published, with its publish time come.
fn visible(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(announcement::Column::Published.eq(true))
        .add(announcement::Column::PublishAt.lte(now))
}

/// Every announcement for staff, the latest publish time first.
pub async fn list_admin(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<AnnouncementAdmin>, DbErr> {
    Ok(announcement::Entity::find()
        .order_by_desc(announcement::Column::PublishAt)
        .order_by_desc(announcement::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| admin_view(m, now))
        .collect())
}

async fn row(db: &impl ConnectionTrait, id: i32) -> Result<announcement::Model, AnnouncementError> {
    announcement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AnnouncementError::NotFound)
}

pub async fn find_admin(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    id: i32,
) -> Result<AnnouncementAdmin, AnnouncementError> {
    Ok(admin_view(row(db, id).await?, now))
}

/// Page `page` (1-based, clamped to the pages there are) of what readers see at `now`.
pub async fn readers_page(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    page: u64,
) -> Result<AnnouncementList, DbErr> {
    let total = announcement::Entity::find()
        .filter(visible(now))
        .count(db)
        .await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let items = announcement::Entity::find()
        .select_only()
        .columns([
            announcement::Column::Id,
            announcement::Column::Title,
            announcement::Column::Plain,
            announcement::Column::PublishAt,
        ])
        .filter(visible(now))
        .order_by_desc(announcement::Column::PublishAt)
        .order_by_desc(announcement::Column::Id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .into_tuple::<(i32, String, String, DateTime<Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, title, plain, at)| AnnouncementItem {
            id,
            title,
            date: at.format("%Y-%m-%d").to_string(),
            excerpt: excerpt(&plain),
        })
        .collect();
    Ok(AnnouncementList { items, page, pages })
}

/// One announcement as readers see it at `now`; a draft or one still scheduled is not found.
pub async fn read(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    id: i32,
) -> Result<AnnouncementRead, AnnouncementError> {
    let m = announcement::Entity::find_by_id(id)
        .filter(visible(now))
        .one(db)
        .await?
        .ok_or(AnnouncementError::NotFound)?;
    Ok(AnnouncementRead {
        id: m.id,
        title: m.title,
        date: m.publish_at.format("%Y-%m-%d").to_string(),
        html: m.html,
    })
}

/// One announcement in the feed or the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub id: i32,
    pub title: String,
    pub publish_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

type PublishedRow = (i32, String, DateTime<Utc>, DateTime<Utc>);

impl From<PublishedRow> for Published {
    fn from((id, title, publish_at, updated_at): PublishedRow) -> Self {
        Self {
            id,
            title,
            publish_at,
            updated_at,
        }
    }
}

/// The latest `limit` announcements readers see at `now`, newest first, with the columns of
/// [`Published`].
fn latest_query(now: DateTime<Utc>, limit: u64) -> sea_orm::Select<announcement::Entity> {
    announcement::Entity::find()
        .select_only()
        .columns([
            announcement::Column::Id,
            announcement::Column::Title,
            announcement::Column::PublishAt,
            announcement::Column::UpdatedAt,
        ])
        .filter(visible(now))
        .order_by_desc(announcement::Column::PublishAt)
        .order_by_desc(announcement::Column::Id)
        .limit(limit)
}

/// The latest `limit` announcements readers see at `now`, for the sitemap.
pub async fn latest(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Published>, DbErr> {
    let rows = latest_query(now, limit)
        .into_tuple::<PublishedRow>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Published::from).collect())
}

/// The same with each one's HTML, for the feed.
pub async fn latest_with_html(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<(Published, String)>, DbErr> {
    let rows = latest_query(now, limit)
        .column(announcement::Column::Html)
        .into_tuple::<(i32, String, DateTime<Utc>, DateTime<Utc>, String)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, publish_at, updated_at, html)| {
            ((id, title, publish_at, updated_at).into(), html)
        })
        .collect())
}

/// What the readers' pages depend on at `now`: the latest change or publish time among the
/// announcements readers see (for `Last-Modified`), and a number that moves whenever that set or
/// one of its members changes: every save moves a version on, and an announcement coming out or
/// going away changes the count and the sum of ids. Times alone could miss a save that committed
/// after a later-stamped one, or one from a node whose clock is behind.
pub async fn last_change(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<(Option<DateTime<Utc>>, i64), DbErr> {
    let (updated, published, count, versions, ids) = announcement::Entity::find()
        .select_only()
        .column_as(announcement::Column::UpdatedAt.max(), "updated")
        .column_as(announcement::Column::PublishAt.max(), "published")
        .column_as(announcement::Column::Id.count(), "count")
        .column_as(announcement::Column::Version.sum(), "versions")
        .column_as(announcement::Column::Id.sum(), "ids")
        .filter(visible(now))
        .into_tuple::<(
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
            i64,
            Option<i64>,
            Option<i64>,
        )>()
        .one(db)
        .await?
        .unwrap_or((None, None, 0, None, None));
    let mix = crate::kernel::db::fingerprint([count, versions.unwrap_or(0), ids.unwrap_or(0)]);
    Ok((updated.max(published), mix))
}

fn snapshot(m: &announcement::Model) -> serde_json::Value {
    serde_json::json!({
        "title": m.title,
        "body": m.body,
        "published": m.published,
        "publish_at": m.publish_at.to_rfc3339(),
        "email_clients": m.email_clients,
    })
}

fn target(m: &announcement::Model) -> Target {
    Target::new("announcement", m.id, m.title.clone())
}

/// Creates (`id` None) or saves an announcement. An empty publish time means now.
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Option<i32>,
    input: AnnouncementInput,
    version: Expected,
) -> Result<announcement::Model, AnnouncementError> {
    let rendered = crate::kernel::markdown::render_elsewhere(&input.body);
    let publish_at = input.publish_at.unwrap_or(now);
    let txn = crate::kernel::db::begin_write(db).await?;
    let Some(id) = id else {
        let created = announcement::ActiveModel {
            title: Set(input.title),
            body: Set(input.body),
            html: Set(rendered.html),
            plain: Set(rendered.plain),
            published: Set(input.published),
            publish_at: Set(publish_at),
            email_clients: Set(input.email_clients),
            mail_cursor: Set(0),
            mailed_count: Set(0),
            mailed_at: Set(None),
            author_name: Set(actor.name.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let event = Event::new(Action::AnnouncementCreated, Some(target(&created)))
            .after(snapshot(&created));
        audit::record(&txn, now, actor, event).await?;
        txn.commit().await?;
        return Ok(created);
    };
    let existing = row(&txn, id).await?;
    let version = version
        .within(existing.version)
        .ok_or(AnnouncementError::ChangedMeanwhile)?;
    let change = announcement::Entity::update_many()
        .col_expr(announcement::Column::Title, Expr::value(input.title))
        .col_expr(announcement::Column::Body, Expr::value(input.body))
        .col_expr(announcement::Column::Html, Expr::value(rendered.html))
        .col_expr(announcement::Column::Plain, Expr::value(rendered.plain))
        .col_expr(
            announcement::Column::Published,
            Expr::value(input.published),
        )
        .col_expr(announcement::Column::PublishAt, Expr::value(publish_at))
        .col_expr(
            announcement::Column::EmailClients,
            Expr::value(input.email_clients),
        )
        .col_expr(announcement::Column::UpdatedAt, Expr::value(now))
        .filter(announcement::Column::Id.eq(id));
    let done = guarded(change, announcement::Column::Version, version)
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AnnouncementError::ChangedMeanwhile);
    }
    let saved = row(&txn, id).await?;
    let event = Event::new(Action::AnnouncementUpdated, Some(target(&saved)))
        .before(snapshot(&existing))
        .after(snapshot(&saved));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
) -> Result<(), AnnouncementError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let existing = row(&txn, id).await?;
    announcement::Entity::delete_by_id(id).exec(&txn).await?;
    let event = Event::new(Action::AnnouncementDeleted, Some(target(&existing)))
        .before(snapshot(&existing));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// The email of `a` to one client, in the client's language.
fn message(a: &announcement::Model, to: &client::Model, settings: &Settings) -> Message {
    let lang = Lang::from_code(&to.language).unwrap_or_default();
    let base = settings.server.public_url.trim_end_matches('/');
    let link = format!("{base}/announcements/{}", a.id);
    let profile = format!("{base}/client/profile");
    let organization = settings.organization.name.as_str();
    let tr = |key: &str| t_in(lang, key, &[("organization", organization.into())]);
    let (read_online, why) = (
        tr("announcements-mail-read-online"),
        tr("announcements-mail-why"),
    );
    let text = format!(
        "{}\n\n{}\n\n{read_online} {link}\n\n--\n{why} {profile}\n",
        a.title, a.plain
    );
    let body = crate::kernel::markdown::absolute_links(&a.html, base);
    let inner = format!(
        "<h1 style=\"font-size:1.4em\">{title}</h1>{body}\
         <p><a href=\"{link}\">{read_online}</a></p>\
         <p style=\"color:#5d6b82;font-size:0.9em\">{why} <a href=\"{profile}\">{profile}</a></p>",
        title = escape(&a.title),
        link = escape(&link),
        read_online = escape(&read_online),
        why = escape(&why),
        profile = escape(&profile),
    );
    let html = outbox::html_page(lang, &inner);
    Message {
        to: to.email.clone(),
        subject: format!("{organization}: {}", a.title)
            .chars()
            .take(SUBJECT_MAX)
            .collect(),
        text,
        html,
        headers: vec![("Auto-Submitted", "auto-generated".to_owned())],
    }
}

/// Queues the next batch of at most `batch` emails of the first announcement whose emailing is
/// due at `now` (emailing asked for, readers see it, not finished), to the opted-in clients that
/// are not closed, in id order after the last one queued. Returns how many were queued (0 when
/// the emailing finished with this call), or None when no emailing is due.
///
/// The cursor moves only if no other node moved it first, inside the transaction that queues the
/// messages, so a client never gets the same announcement twice.
pub async fn mail_batch<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    settings: &Settings,
    batch: u64,
) -> Result<Option<usize>, DbErr> {
    use sea_orm::sea_query::ExprTrait;
    let due = || {
        announcement::Entity::find()
            .filter(visible(now))
            .filter(announcement::Column::EmailClients.eq(true))
            .filter(announcement::Column::MailedAt.is_null())
    };
    // A read outside the write transaction, so an idle tick takes no write lock.
    if due().one(db).await?.is_none() {
        return Ok(None);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    let Some(a) = due()
        .order_by_asc(announcement::Column::PublishAt)
        .order_by_asc(announcement::Column::Id)
        .one(&txn)
        .await?
    else {
        return Ok(None);
    };
    let clients = client::Entity::find()
        .filter(client::Column::MarketingOptIn.eq(true))
        .filter(client::Column::Id.gt(a.mail_cursor))
        .filter(client::Column::Status.ne("closed"))
        .order_by_asc(client::Column::Id)
        .limit(batch)
        .all(&txn)
        .await?;
    // The batch stands only if the announcement is still as read: not edited, unpublished or
    // unticked meanwhile (PostgreSQL lets a save commit between this read and the update), and
    // its position not moved by another node.
    let unchanged = Condition::all()
        .add(announcement::Column::Id.eq(a.id))
        .add(announcement::Column::Version.eq(a.version))
        .add(announcement::Column::MailCursor.eq(a.mail_cursor))
        .add(announcement::Column::MailedAt.is_null())
        .add(visible(now))
        .add(announcement::Column::EmailClients.eq(true));
    let Some(last) = clients.last().map(|c| c.id) else {
        let done = announcement::Entity::update_many()
            .col_expr(announcement::Column::MailedAt, Expr::value(now))
            .filter(unchanged)
            .exec(&txn)
            .await?;
        if done.rows_affected == 1 {
            let event = Event::new(Action::AnnouncementMailed, Some(target(&a)))
                .after(serde_json::json!({ "emails": a.mailed_count }));
            audit::record(&txn, now, &Actor::system(), event).await?;
            txn.commit().await?;
        }
        return Ok(Some(0));
    };
    for c in &clients {
        outbox::queue(&txn, now, message(&a, c, settings), None).await?;
    }
    let sent = clients.len();
    let moved = announcement::Entity::update_many()
        .col_expr(announcement::Column::MailCursor, Expr::value(last))
        .col_expr(
            announcement::Column::MailedCount,
            Expr::col(announcement::Column::MailedCount).add(i32::try_from(sent).unwrap_or(0)),
        )
        .filter(unchanged)
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        // Another node queued this batch first, or staff changed the announcement: what this
        // one queued goes with the rollback, and the next call reads it again.
        txn.rollback().await?;
        return Ok(Some(0));
    }
    txn.commit().await?;
    Ok(Some(sent))
}
