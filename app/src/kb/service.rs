//! Knowledgebase storage over SeaORM: categories, articles with their old slugs, votes, search,
//! and the suggested articles read while opening a ticket. Every time is passed in.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
    TransactionSession, TransactionTrait,
};

use super::model::{
    ArticleAt, ArticleInput, ArticleSummary, ArticleView, Audience, CategoryInput, CategoryPage,
    CategoryView, KbAdmin, KbHome, SearchHit, Snippet, Visibility,
};
use crate::entities::{
    kb_article, kb_article_category, kb_category, kb_old_slug, kb_suggestion_read, kb_vote,
};
use crate::kernel::audit::{self, Action, Actor, Event, Target};
use crate::kernel::concurrency::{Expected, guarded};
use crate::kernel::search_text::{self, Joint};

/// The most votes one address gives one article in a day: a visitor who drops their voting
/// cookie does not get to vote without end.
pub const VOTES_PER_SOURCE_PER_DAY: u64 = 5;

/// How long after reading a suggested article a new ticket counts as "opened anyway".
pub const DEFLECTION_WINDOW_HOURS: i64 = 24;

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("no such article or category")]
    NotFound,
    #[error("changed since the form was loaded")]
    ChangedMeanwhile,
    #[error("another article has this slug")]
    SlugTaken,
    #[error("a category may sit only inside a top-level category")]
    CategoryDepth,
    #[error("the category has subcategories")]
    CategoryHasChildren,
    #[error("unknown category")]
    UnknownCategory,
    #[error(transparent)]
    Db(#[from] DbErr),
}

fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// The columns an article list shows: lists never read the text.
#[derive(Debug, sea_orm::FromQueryResult)]
struct SummaryRow {
    id: i32,
    title: String,
    slug: String,
    visibility: String,
    views: i64,
    helpful: i64,
    unhelpful: i64,
    updated_at: DateTime<Utc>,
}

fn listed(
    find: sea_orm::Select<kb_article::Entity>,
) -> sea_orm::Selector<sea_orm::SelectModel<SummaryRow>> {
    use kb_article::Column as C;
    find.select_only()
        .columns([
            C::Id,
            C::Title,
            C::Slug,
            C::Visibility,
            C::Views,
            C::Helpful,
            C::Unhelpful,
            C::UpdatedAt,
        ])
        .into_model::<SummaryRow>()
}

fn summary_of(m: SummaryRow) -> ArticleSummary {
    let visibility = Visibility::from_key(&m.visibility).unwrap_or(Visibility::Hidden);
    ArticleSummary {
        id: m.id,
        title: m.title,
        slug: m.slug,
        visibility,
        visibility_label: visibility.label(),
        views: m.views,
        helpful: m.helpful,
        unhelpful: m.unhelpful,
        updated: day(m.updated_at),
    }
}

fn summary(m: &kb_article::Model) -> ArticleSummary {
    let visibility = Visibility::from_key(&m.visibility).unwrap_or(Visibility::Hidden);
    ArticleSummary {
        id: m.id,
        title: m.title.clone(),
        slug: m.slug.clone(),
        visibility,
        visibility_label: visibility.label(),
        views: m.views,
        helpful: m.helpful,
        unhelpful: m.unhelpful,
        updated: day(m.updated_at),
    }
}

fn tags_of(m: &kb_article::Model) -> Vec<String> {
    m.tags
        .split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn view(db: &impl ConnectionTrait, m: kb_article::Model) -> Result<ArticleView, DbErr> {
    let links: Vec<i32> = kb_article_category::Entity::find()
        .filter(kb_article_category::Column::ArticleId.eq(m.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.category_id)
        .collect();
    let categories = if links.is_empty() {
        Vec::new()
    } else {
        kb_category::Entity::find()
            .filter(kb_category::Column::Id.is_in(links))
            .order_by_asc(kb_category::Column::Position)
            .order_by_asc(kb_category::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect()
    };
    let s = summary(&m);
    Ok(ArticleView {
        id: m.id,
        tags: tags_of(&m),
        title: m.title,
        slug: m.slug,
        body: m.body,
        html: m.html,
        visibility: s.visibility,
        visibility_label: s.visibility_label,
        categories,
        views: m.views,
        helpful: m.helpful,
        unhelpful: m.unhelpful,
        updated: s.updated,
        version: m.version,
    })
}

fn visible_to(audience: Audience) -> sea_orm::Condition {
    sea_orm::Condition::all().add(kb_article::Column::Visibility.is_in(audience.sees().to_vec()))
}

/// Every category as a tree (top-level ones in order, each with its subcategories), with the
/// number of articles `audience` sees in each.
pub async fn categories(
    db: &impl ConnectionTrait,
    audience: Audience,
) -> Result<Vec<CategoryView>, DbErr> {
    let backend = db.get_database_backend();
    let counts: HashMap<i32, i64> = db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT ac.category_id AS id, COUNT(*) AS n FROM kb_article_categories ac \
                 JOIN kb_articles a ON a.id = ac.article_id \
                 WHERE a.visibility IN ({}) GROUP BY ac.category_id",
                audience.sees_sql()
            ),
        ))
        .await?
        .iter()
        .filter_map(|r| {
            Some((
                r.try_get::<i32>("", "id").ok()?,
                r.try_get::<i64>("", "n").ok()?,
            ))
        })
        .collect();
    let all = kb_category::Entity::find()
        .order_by_asc(kb_category::Column::Position)
        .order_by_asc(kb_category::Column::Name)
        .order_by_asc(kb_category::Column::Id)
        .all(db)
        .await?;
    let node = |c: &kb_category::Model| CategoryView {
        id: c.id,
        parent_id: c.parent_id,
        name: c.name.clone(),
        description: c.description.clone(),
        position: c.position,
        articles: counts.get(&c.id).copied().unwrap_or(0),
        children: Vec::new(),
        version: c.version,
    };
    // Readers see only categories with something for them in it; staff see every one.
    let shown = |c: &CategoryView| audience == Audience::Staff || c.articles > 0;
    Ok(all
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|top| {
            let mut view = node(top);
            view.children = all
                .iter()
                .filter(|c| c.parent_id == Some(top.id))
                .map(node)
                .filter(shown)
                .collect();
            view
        })
        .filter(|top| shown(top) || !top.children.is_empty())
        .collect())
}

async fn category_row(db: &impl ConnectionTrait, id: i32) -> Result<kb_category::Model, KbError> {
    kb_category::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(KbError::NotFound)
}

async fn article_row(db: &impl ConnectionTrait, id: i32) -> Result<kb_article::Model, KbError> {
    kb_article::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(KbError::NotFound)
}

/// How many subcategories a category has.
async fn children(db: &impl ConnectionTrait, id: i32) -> Result<u64, DbErr> {
    kb_category::Entity::find()
        .filter(kb_category::Column::ParentId.eq(id))
        .count(db)
        .await
}

fn category_target(m: &kb_category::Model) -> Target {
    Target::new("kb_category", m.id, m.name.clone())
}

fn article_target(m: &kb_article::Model) -> Target {
    Target::new("kb_article", m.id, m.title.clone())
}

/// Creates (no `id`) or saves a category. A parent must be a top-level category, and a category
/// with subcategories stays top-level.
pub async fn save_category<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Option<i32>,
    input: CategoryInput,
    version: Expected,
) -> Result<kb_category::Model, KbError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    if let Some(parent) = input.parent_id {
        let parent = kb_category::Entity::find_by_id(parent)
            .one(&txn)
            .await?
            .ok_or(KbError::UnknownCategory)?;
        if parent.parent_id.is_some() || Some(parent.id) == id {
            return Err(KbError::CategoryDepth);
        }
    }
    let saved = match id {
        None => {
            kb_category::ActiveModel {
                parent_id: Set(input.parent_id),
                name: Set(input.name.clone()),
                description: Set(input.description.clone()),
                position: Set(input.position),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
        Some(id) => {
            let existing = category_row(&txn, id).await?;
            let version = version
                .within(existing.version)
                .ok_or(KbError::ChangedMeanwhile)?;
            if input.parent_id.is_some() && children(&txn, id).await? > 0 {
                return Err(KbError::CategoryDepth);
            }
            let change = kb_category::Entity::update_many()
                .col_expr(kb_category::Column::ParentId, Expr::value(input.parent_id))
                .col_expr(kb_category::Column::Name, Expr::value(input.name.clone()))
                .col_expr(
                    kb_category::Column::Description,
                    Expr::value(input.description.clone()),
                )
                .col_expr(kb_category::Column::Position, Expr::value(input.position))
                .col_expr(kb_category::Column::UpdatedAt, Expr::value(now))
                .filter(kb_category::Column::Id.eq(id));
            if guarded(change, kb_category::Column::Version, version)
                .exec(&txn)
                .await?
                .rows_affected
                != 1
            {
                return Err(KbError::ChangedMeanwhile);
            }
            category_row(&txn, id).await?
        }
    };
    let event = Event::new(Action::KbCategorySaved, Some(category_target(&saved))).after(
        serde_json::json!({ "name": saved.name, "parent_id": saved.parent_id, "position": saved.position }),
    );
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a category without subcategories; its articles stay, in their other categories.
pub async fn delete_category<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
) -> Result<(), KbError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let existing = category_row(&txn, id).await?;
    if children(&txn, id).await? > 0 {
        return Err(KbError::CategoryHasChildren);
    }
    kb_category::Entity::delete_by_id(id).exec(&txn).await?;
    let event = Event::new(Action::KbCategoryDeleted, Some(category_target(&existing)))
        .before(serde_json::json!({ "name": existing.name }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// Everything staff manage, newest change first.
pub async fn admin_overview(db: &impl ConnectionTrait) -> Result<KbAdmin, DbErr> {
    Ok(KbAdmin {
        categories: categories(db, Audience::Staff).await?,
        articles: listed(
            kb_article::Entity::find()
                .order_by_desc(kb_article::Column::UpdatedAt)
                .order_by_desc(kb_article::Column::Id),
        )
        .all(db)
        .await?
        .into_iter()
        .map(summary_of)
        .collect(),
    })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<ArticleView, KbError> {
    let m = article_row(db, id).await?;
    Ok(view(db, m).await?)
}

fn snapshot(m: &kb_article::Model) -> serde_json::Value {
    serde_json::json!({
        "title": m.title,
        "slug": m.slug,
        "visibility": m.visibility,
        "tags": m.tags,
    })
}

/// Whether `slug` is free for article `id` (or for a new article): no other article has it now
/// or had it before.
async fn slug_free(db: &impl ConnectionTrait, slug: &str, id: Option<i32>) -> Result<bool, DbErr> {
    let mut current = kb_article::Entity::find().filter(kb_article::Column::Slug.eq(slug));
    let mut old = kb_old_slug::Entity::find().filter(kb_old_slug::Column::Slug.eq(slug));
    if let Some(id) = id {
        current = current.filter(kb_article::Column::Id.ne(id));
        old = old.filter(kb_old_slug::Column::ArticleId.ne(id));
    }
    Ok(current.count(db).await? == 0 && old.count(db).await? == 0)
}

/// Creates (no `id`) or saves an article: renders its Markdown, keeps a renamed article's old
/// slug as a redirect, and sets its categories.
pub async fn save_article<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Option<i32>,
    input: ArticleInput,
    version: Expected,
) -> Result<kb_article::Model, KbError> {
    let rendered = crate::kernel::markdown::render(&input.body);
    let txn = crate::kernel::db::begin_write(db).await?;
    if !input.categories.is_empty()
        && kb_category::Entity::find()
            .filter(kb_category::Column::Id.is_in(input.categories.clone()))
            .count(&txn)
            .await?
            != input.categories.len() as u64
    {
        return Err(KbError::UnknownCategory);
    }
    if !slug_free(&txn, &input.slug, id).await? {
        return Err(KbError::SlugTaken);
    }
    let tags = input.tags.join(",");
    let (saved, before) = match id {
        None => {
            let created = kb_article::ActiveModel {
                title: Set(input.title.clone()),
                slug: Set(input.slug.clone()),
                body: Set(input.body.clone()),
                html: Set(rendered.html),
                plain: Set(rendered.plain),
                tags: Set(tags),
                visibility: Set(input.visibility.key().to_owned()),
                views: Set(0),
                helpful: Set(0),
                unhelpful: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(slug_conflict)?;
            (created, None)
        }
        Some(id) => {
            let existing = article_row(&txn, id).await?;
            let version = version
                .within(existing.version)
                .ok_or(KbError::ChangedMeanwhile)?;
            let change = kb_article::Entity::update_many()
                .col_expr(kb_article::Column::Title, Expr::value(input.title.clone()))
                .col_expr(kb_article::Column::Slug, Expr::value(input.slug.clone()))
                .col_expr(kb_article::Column::Body, Expr::value(input.body.clone()))
                .col_expr(kb_article::Column::Html, Expr::value(rendered.html))
                .col_expr(kb_article::Column::Plain, Expr::value(rendered.plain))
                .col_expr(kb_article::Column::Tags, Expr::value(tags))
                .col_expr(
                    kb_article::Column::Visibility,
                    Expr::value(input.visibility.key()),
                )
                .col_expr(kb_article::Column::UpdatedAt, Expr::value(now))
                .filter(kb_article::Column::Id.eq(id));
            if guarded(change, kb_article::Column::Version, version)
                .exec(&txn)
                .await
                .map_err(slug_conflict)?
                .rows_affected
                != 1
            {
                return Err(KbError::ChangedMeanwhile);
            }
            if existing.slug != input.slug {
                // Renamed back: the slug is current again, not a redirect.
                kb_old_slug::Entity::delete_many()
                    .filter(kb_old_slug::Column::Slug.eq(input.slug.clone()))
                    .exec(&txn)
                    .await?;
                kb_old_slug::ActiveModel {
                    slug: Set(existing.slug.clone()),
                    article_id: Set(id),
                }
                .insert(&txn)
                .await?;
            }
            let saved = article_row(&txn, id).await?;
            (saved, Some(existing))
        }
    };
    kb_article_category::Entity::delete_many()
        .filter(kb_article_category::Column::ArticleId.eq(saved.id))
        .exec(&txn)
        .await?;
    if !input.categories.is_empty() {
        kb_article_category::Entity::insert_many(input.categories.iter().map(|c| {
            kb_article_category::ActiveModel {
                article_id: Set(saved.id),
                category_id: Set(*c),
            }
        }))
        .exec(&txn)
        .await?;
    }
    let event = match &before {
        None => Event::new(Action::KbArticleCreated, Some(article_target(&saved))),
        Some(before) => Event::new(Action::KbArticleUpdated, Some(article_target(&saved)))
            .before(snapshot(before)),
    }
    .after(snapshot(&saved));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(saved)
}

/// A unique-slug violation from a concurrent save is the same refusal as the check's.
fn slug_conflict(err: DbErr) -> KbError {
    let text = err.to_string().to_lowercase();
    if text.contains("unique") && text.contains("slug") {
        KbError::SlugTaken
    } else {
        KbError::Db(err)
    }
}

pub async fn delete_article<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
) -> Result<(), KbError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let existing = article_row(&txn, id).await?;
    kb_article::Entity::delete_by_id(id).exec(&txn).await?;
    let event = Event::new(Action::KbArticleDeleted, Some(article_target(&existing)))
        .before(snapshot(&existing));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// The front page for `audience`: categories, the most read and the latest articles.
pub async fn home(db: &impl ConnectionTrait, audience: Audience) -> Result<KbHome, DbErr> {
    let list = |order: kb_article::Column| {
        kb_article::Entity::find()
            .filter(visible_to(audience))
            .order_by_desc(order)
            .order_by_desc(kb_article::Column::Id)
            .limit(5)
    };
    Ok(KbHome {
        categories: categories(db, audience).await?,
        popular: listed(list(kb_article::Column::Views))
            .all(db)
            .await?
            .into_iter()
            .map(summary_of)
            .collect(),
        latest: listed(list(kb_article::Column::UpdatedAt))
            .all(db)
            .await?
            .into_iter()
            .map(summary_of)
            .collect(),
    })
}

/// A category with the articles `audience` sees in it, by title.
pub async fn category_page(
    db: &impl ConnectionTrait,
    audience: Audience,
    id: i32,
) -> Result<CategoryPage, KbError> {
    let tree = categories(db, audience).await?;
    let (category, parent) = tree
        .iter()
        .find_map(|top| {
            if top.id == id {
                Some((top.clone(), None))
            } else {
                top.children
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| (c.clone(), Some((top.id, top.name.clone()))))
            }
        })
        .ok_or(KbError::NotFound)?;
    let articles = listed(
        kb_article::Entity::find()
            .filter(visible_to(audience))
            .filter(
                kb_article::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(kb_article_category::Column::ArticleId)
                        .from(kb_article_category::Entity)
                        .and_where(kb_article_category::Column::CategoryId.eq(id))
                        .to_owned(),
                ),
            )
            .order_by_asc(kb_article::Column::Title),
    )
    .all(db)
    .await?
    .into_iter()
    .map(summary_of)
    .collect();
    Ok(CategoryPage {
        category,
        parent,
        articles,
    })
}

/// The article at `slug` for `audience`, or where a renamed one is now. A reader's visit counts
/// one view (staff previews do not).
pub async fn article_at(
    db: &impl ConnectionTrait,
    audience: Audience,
    slug: &str,
) -> Result<ArticleAt, KbError> {
    let found = kb_article::Entity::find()
        .filter(kb_article::Column::Slug.eq(slug))
        .filter(visible_to(audience))
        .one(db)
        .await?;
    if let Some(m) = found {
        if audience != Audience::Staff {
            kb_article::Entity::update_many()
                .col_expr(
                    kb_article::Column::Views,
                    Expr::col(kb_article::Column::Views).add(1),
                )
                .filter(kb_article::Column::Id.eq(m.id))
                .exec(db)
                .await?;
        }
        let mut found = view(db, m).await?;
        if audience != Audience::Staff {
            // Readers get the cleaned HTML only, never the Markdown it came from.
            found.body.clear();
        }
        return Ok(ArticleAt::Found(Box::new(found)));
    }
    let Some(old) = kb_old_slug::Entity::find_by_id(slug.to_owned())
        .one(db)
        .await?
    else {
        return Err(KbError::NotFound);
    };
    kb_article::Entity::find_by_id(old.article_id)
        .filter(visible_to(audience))
        .one(db)
        .await?
        .map(|m| ArticleAt::Moved(m.slug))
        .ok_or(KbError::NotFound)
}

/// Counts a visitor's "was this helpful?" answer once per article: a second answer from the same
/// visitor changes nothing, and an address (`source`) gives at most `VOTES_PER_SOURCE_PER_DAY`
/// per article a day. Whether this one counted.
pub async fn vote<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    audience: Audience,
    slug: &str,
    voter: &str,
    source: &str,
    helpful: bool,
) -> Result<bool, KbError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let article = kb_article::Entity::find()
        .filter(kb_article::Column::Slug.eq(slug))
        .filter(visible_to(audience))
        .one(&txn)
        .await?
        .ok_or(KbError::NotFound)?;
    let from_source = kb_vote::Entity::find()
        .filter(kb_vote::Column::ArticleId.eq(article.id))
        .filter(kb_vote::Column::Source.eq(source))
        .filter(kb_vote::Column::At.gte(now - Duration::days(1)))
        .count(&txn)
        .await?;
    if from_source >= VOTES_PER_SOURCE_PER_DAY {
        return Ok(false);
    }
    let inserted = kb_vote::Entity::insert(kb_vote::ActiveModel {
        article_id: Set(article.id),
        voter: Set(voter.to_owned()),
        source: Set(source.to_owned()),
        helpful: Set(helpful),
        at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([kb_vote::Column::ArticleId, kb_vote::Column::Voter])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 1 {
        let column = if helpful {
            kb_article::Column::Helpful
        } else {
            kb_article::Column::Unhelpful
        };
        kb_article::Entity::update_many()
            .col_expr(column, Expr::col(column).add(1))
            .filter(kb_article::Column::Id.eq(article.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(inserted == 1)
}

/// Articles `audience` sees that match `q`, best first: a match in the title or tags ranks above
/// one in the text only. `joint` says whether every word must match (the search page) or any
/// (suggestions for a ticket's subject). The snippet marks the matched words.
pub async fn search(
    db: &impl ConnectionTrait,
    audience: Audience,
    q: &str,
    joint: Joint,
    limit: u64,
) -> Result<Vec<SearchHit>, DbErr> {
    let words = search_text::words(q);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let query = search_text::prefix_query(backend, &words, joint);
    let seen = audience.sees_sql();
    // Rank every match, then make snippets for the few shown only: a snippet costs far more
    // than a rank, and a common word matches most articles. On SQLite, `CROSS JOIN` keeps the
    // full-text index the outer loop: the planner may otherwise walk the articles by visibility
    // and run the whole match once per article (a search of 2,000 articles was 25 times slower).
    let (sql, values): (String, Vec<sea_orm::Value>) = match backend {
        DbBackend::Postgres => (
            format!(
                "WITH q AS (SELECT to_tsquery('simple', $1) AS q), \
                 top AS (SELECT a.id, a.title, a.slug, a.plain, ts_rank(a.search, q.q) AS rank \
                 FROM kb_articles a, q WHERE a.search @@ q.q AND a.visibility IN ({seen}) \
                 ORDER BY rank DESC, a.id LIMIT {limit}) \
                 SELECT top.title AS title, top.slug AS slug, \
                 ts_headline('simple', top.plain, q.q, 'StartSel=' || chr(2) || ', StopSel=' || \
                 chr(3) || ', MaxWords=30, MinWords=12, MaxFragments=1') AS snippet \
                 FROM top, q ORDER BY top.rank DESC, top.id"
            ),
            vec![query.into()],
        ),
        _ => (
            format!(
                "WITH top AS (SELECT kb_search.rowid AS id, \
                 bm25(kb_search, 10.0, 10.0, 1.0) AS rank FROM kb_search \
                 CROSS JOIN kb_articles a ON a.id = kb_search.rowid \
                 WHERE kb_search MATCH ? AND a.visibility IN ({seen}) \
                 ORDER BY rank, a.id LIMIT {limit}) \
                 SELECT a.title AS title, a.slug AS slug, \
                 snippet(kb_search, 2, char(2), char(3), '…', 16) AS snippet \
                 FROM kb_search CROSS JOIN top ON top.id = kb_search.rowid \
                 CROSS JOIN kb_articles a ON a.id = top.id \
                 WHERE kb_search MATCH ? ORDER BY top.rank, top.id"
            ),
            vec![query.clone().into(), query.into()],
        ),
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(rows
        .iter()
        .map(|r| SearchHit {
            title: r.try_get("", "title").unwrap_or_default(),
            slug: r.try_get("", "slug").unwrap_or_default(),
            snippet: marked(&r.try_get::<String>("", "snippet").unwrap_or_default()),
        })
        .collect())
}

/// Splits a snippet the database marked (`\x02` before a match, `\x03` after) into pieces.
fn marked(text: &str) -> Snippet {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('\u{2}') {
        if start > 0 {
            out.push((rest[..start].to_owned(), false));
        }
        let after = &rest[start + 1..];
        let end = after.find('\u{3}').unwrap_or(after.len());
        out.push((after[..end].to_owned(), true));
        rest = after.get(end + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push((rest.to_owned(), false));
    }
    out
}

/// Records that a Client Area user opened an article suggested for their new ticket.
pub async fn record_suggestion_read(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: i32,
    client_id: i32,
    slug: &str,
) -> Result<(), DbErr> {
    let Some(article) = kb_article::Entity::find()
        .filter(kb_article::Column::Slug.eq(slug))
        .filter(visible_to(Audience::Clients))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    // Once per user and article while it still waits for a ticket: reloading the page, or a
    // page elsewhere that loads the address, does not count again.
    let waiting = kb_suggestion_read::Entity::find()
        .filter(kb_suggestion_read::Column::UserId.eq(user_id))
        .filter(kb_suggestion_read::Column::ArticleId.eq(article.id))
        .filter(kb_suggestion_read::Column::TicketId.is_null())
        .filter(kb_suggestion_read::Column::At.gte(now - Duration::hours(DEFLECTION_WINDOW_HOURS)))
        .count(db)
        .await?;
    if waiting > 0 {
        return Ok(());
    }
    kb_suggestion_read::ActiveModel {
        article_id: Set(article.id),
        user_id: Set(user_id),
        client_id: Set(client_id),
        at: Set(now),
        ticket_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A ticket the user just opened for a client: the suggestions they read for it in the day
/// before did not deflect it.
pub async fn ticket_opened_after_reading(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: i32,
    client_id: i32,
    ticket_id: i32,
) -> Result<(), DbErr> {
    kb_suggestion_read::Entity::update_many()
        .col_expr(kb_suggestion_read::Column::TicketId, Expr::value(ticket_id))
        .filter(kb_suggestion_read::Column::UserId.eq(user_id))
        .filter(kb_suggestion_read::Column::ClientId.eq(client_id))
        .filter(kb_suggestion_read::Column::TicketId.is_null())
        .filter(kb_suggestion_read::Column::At.gte(now - Duration::hours(DEFLECTION_WINDOW_HOURS)))
        .exec(db)
        .await?;
    Ok(())
}

/// The public pages' last change: the latest public article or category save (for
/// `Last-Modified`), and a number that moves with every such save and every article or category
/// that comes or goes (the count, the sum of versions and the sum of ids of each), so a save that
/// committed after a later-stamped one still changes the validators. Drafts and clients' articles
/// are not counted: they show nowhere public.
pub async fn last_change(db: &impl ConnectionTrait) -> Result<(Option<DateTime<Utc>>, i64), DbErr> {
    type Totals = (Option<DateTime<Utc>>, i64, Option<i64>, Option<i64>);
    let articles: Totals = kb_article::Entity::find()
        .filter(visible_to(Audience::Public))
        .select_only()
        .column_as(kb_article::Column::UpdatedAt.max(), "latest")
        .column_as(kb_article::Column::Id.count(), "n")
        .column_as(kb_article::Column::Version.sum(), "versions")
        .column_as(kb_article::Column::Id.sum(), "ids")
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((None, 0, None, None));
    let categories: Totals = kb_category::Entity::find()
        .select_only()
        .column_as(kb_category::Column::UpdatedAt.max(), "latest")
        .column_as(kb_category::Column::Id.count(), "n")
        .column_as(kb_category::Column::Version.sum(), "versions")
        .column_as(kb_category::Column::Id.sum(), "ids")
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((None, 0, None, None));
    let mix = crate::kernel::db::fingerprint(
        [articles, categories]
            .into_iter()
            .flat_map(|(_, n, versions, ids)| [n, versions.unwrap_or(0), ids.unwrap_or(0)]),
    );
    Ok((std::cmp::max(articles.0, categories.0), mix))
}

/// The slugs of the articles anyone may read, for the sitemap, with their last change.
pub async fn public_articles(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, DateTime<Utc>)>, DbErr> {
    kb_article::Entity::find()
        .filter(visible_to(Audience::Public))
        .order_by_asc(kb_article::Column::Id)
        .select_only()
        .columns([kb_article::Column::Slug, kb_article::Column::UpdatedAt])
        .into_tuple::<(String, DateTime<Utc>)>()
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::marked;

    #[test]
    fn snippets_split_at_the_marks() {
        assert_eq!(
            marked("Set the \u{2}DNS\u{3} records, \u{2}dns\u{3}"),
            vec![
                ("Set the ".to_owned(), false),
                ("DNS".to_owned(), true),
                (" records, ".to_owned(), false),
                ("dns".to_owned(), true),
            ]
        );
        assert_eq!(marked("plain"), vec![("plain".to_owned(), false)]);
    }
}
