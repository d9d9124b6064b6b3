//! Server functions for the knowledgebase: staff management behind "Manage knowledgebase", the
//! public pages (no login), and the same pages in the Client Area (`/client/api`), which add the
//! articles for clients only and the suggestions for a new ticket.
// A form's fields are a server function's arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::model::{ArticleAt, ArticleView, CategoryPage, KbAdmin, KbHome, SearchHit};
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
mod plumbing {
    use super::super::service::KbError;
    use crate::kernel::error::AppError;
    use crate::kernel::validation::ValidationError;

    pub fn failed(err: KbError) -> AppError {
        match err {
            KbError::NotFound => AppError::not_found(),
            KbError::ChangedMeanwhile => AppError::changed_meanwhile(),
            KbError::SlugTaken => AppError::validation("slug", &ValidationError::SlugTaken),
            KbError::CategoryDepth => {
                AppError::validation("parent_id", &ValidationError::CategoryDepth)
            }
            KbError::CategoryHasChildren => {
                AppError::validation("category_id", &ValidationError::CategoryHasChildren)
            }
            KbError::UnknownCategory => {
                AppError::validation("categories", &ValidationError::UnknownChoice)
            }
            KbError::Db(err) => err.into(),
        }
    }

    /// A form's optional id: empty for a new record.
    pub fn optional_id(field: &'static str, text: &str) -> Result<Option<i32>, AppError> {
        match text.trim() {
            "" => Ok(None),
            id => id
                .parse::<i32>()
                .map(Some)
                .map_err(|_| AppError::validation(field, &ValidationError::UnknownChoice)),
        }
    }

    /// The name of the cookie that tells one visitor's votes from another's.
    pub const VOTER_COOKIE: &str = "staffdesk_kb_voter";

    /// A hash of the address a request came from.
    pub async fn source() -> String {
        use sha2::{Digest, Sha256};
        let (ip, _) = crate::kernel::guard::client().await;
        hex::encode(Sha256::digest(format!("staffdesk kb vote source {ip}")))
    }

    /// The Client Area's reader: a signed-in user working on one of their clients.
    pub fn reader() -> Result<std::sync::Arc<crate::kernel::CurrentUser>, AppError> {
        let user = crate::kernel::guard::current_user()?;
        if user.client_id.is_none() {
            return Err(AppError::new(
                crate::kernel::ErrorCode::Forbidden,
                crate::kernel::i18n::t("portal-no-client"),
                403,
            ));
        }
        Ok(user)
    }

    /// This visitor's voter id (a hash of their voting cookie), giving them a cookie first if
    /// they have none.
    pub fn voter(https: bool) -> String {
        use crate::kernel::token::SecretToken;
        let held = leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| crate::kernel::guard::cookie(&parts.headers, VOTER_COOKIE))
            .and_then(|value| SecretToken::parse(&value));
        let token = held.unwrap_or_else(|| {
            let token = SecretToken::generate();
            let secure = if https { "; Secure" } else { "" };
            let cookie = format!(
                "{VOTER_COOKIE}={}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax{secure}",
                token.expose()
            );
            if let (Some(options), Ok(value)) = (
                leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
                http::HeaderValue::from_str(&cookie),
            ) {
                options.append_header(http::header::SET_COOKIE, value);
            }
            token
        });
        token.hash()
    }
}

// Staff.

/// Every category and article, for the staff's overview.
#[server]
pub async fn get_kb_admin() -> Result<KbAdmin, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageKnowledgebase)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::admin_overview(&ctx.db).await?)
}

#[server]
pub async fn get_kb_article(article_id: i32) -> Result<ArticleView, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageKnowledgebase)?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::find(&ctx.db, article_id)
        .await
        .map_err(plumbing::failed)
}

/// Creates (empty `article_id`) or saves an article. `categories` are the ticked boxes.
#[server]
pub async fn save_kb_article(
    #[server(default)] article_id: String,
    title: String,
    #[server(default)] slug: String,
    body: String,
    #[server(default)] tags: String,
    visibility: String,
    #[server(default)] categories: Vec<String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::ArticleInput;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageKnowledgebase)?;
    let id = plumbing::optional_id("article_id", &article_id)?;
    let input = ArticleInput::parse(&title, &slug, &body, &tags, &visibility, &categories)
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let version = crate::kernel::concurrency::Expected::parse(&version)
        .map_err(|err| AppError::validation("version", &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let saved =
        super::service::save_article(&ctx.db, chrono::Utc::now(), &actor, id, input, version)
            .await
            .map_err(plumbing::failed)?;
    leptos_axum::redirect(&format!("/kb/articles/{}?saved=1", saved.id));
    Ok(())
}

#[server]
pub async fn delete_kb_article(article_id: i32) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageKnowledgebase)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::delete_article(&ctx.db, chrono::Utc::now(), &actor, article_id)
        .await
        .map_err(plumbing::failed)?;
    leptos_axum::redirect("/kb?deleted=1");
    Ok(())
}

/// Creates (empty `category_id`) or saves a category.
#[server]
pub async fn save_kb_category(
    #[server(default)] category_id: String,
    name: String,
    #[server(default)] description: String,
    #[server(default)] parent_id: String,
    #[server(default)] position: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::CategoryInput;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageKnowledgebase)?;
    let id = plumbing::optional_id("category_id", &category_id)?;
    let input = CategoryInput::parse(&name, &description, &parent_id, &position)
        .map_err(|(field, err)| AppError::validation(field, &err))?;
    let version = crate::kernel::concurrency::Expected::parse(&version)
        .map_err(|err| AppError::validation("version", &err))?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::save_category(&ctx.db, chrono::Utc::now(), &actor, id, input, version)
        .await
        .map_err(plumbing::failed)?;
    leptos_axum::redirect("/kb?category_saved=1");
    Ok(())
}

#[server]
pub async fn delete_kb_category(category_id: i32) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageKnowledgebase)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::delete_category(&ctx.db, chrono::Utc::now(), &actor, category_id)
        .await
        .map_err(plumbing::failed)?;
    leptos_axum::redirect("/kb?category_deleted=1");
    Ok(())
}

/// The editor's live preview: the Markdown `q` rendered and sanitised exactly as the page will
/// be, as HTML in a JSON string.
#[server]
pub async fn preview_kb_markdown(q: String) -> Result<String, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageKnowledgebase)?;
    if q.chars().count() > super::model::ArticleInput::BODY_MAX {
        return Err(AppError::validation(
            "body",
            &crate::kernel::validation::ValidationError::TooLong {
                max: super::model::ArticleInput::BODY_MAX,
            },
        ));
    }
    Ok(crate::kernel::markdown::render(&q).html)
}

// The public knowledgebase (no login).

#[server]
pub async fn get_kb_home() -> Result<KbHome, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::home(&ctx.db, super::model::Audience::Public).await?)
}

#[server]
pub async fn get_kb_category(category_id: i32) -> Result<CategoryPage, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    super::service::category_page(&ctx.db, super::model::Audience::Public, category_id)
        .await
        .map_err(plumbing::failed)
}

#[server]
pub async fn get_kb_article_at(slug: String) -> Result<ArticleAt, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let found = super::service::article_at(&ctx.db, super::model::Audience::Public, &slug)
        .await
        .map_err(plumbing::failed)?;
    if let ArticleAt::Moved(now) = &found {
        crate::kernel::http::moved_permanently(&format!("/knowledgebase/{now}"));
    }
    Ok(found)
}

#[server]
pub async fn search_kb(q: String) -> Result<Vec<SearchHit>, AppError> {
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::search(
        &ctx.db,
        super::model::Audience::Public,
        &q,
        crate::kernel::search_text::Joint::All,
        20,
    )
    .await?)
}

/// "Was this helpful?": counted once per visitor and article.
#[server]
pub async fn vote_kb_article(slug: String, helpful: String) -> Result<(), AppError> {
    let ctx = crate::kernel::context::server_context()?;
    let voter = plumbing::voter(ctx.settings.is_https());
    super::service::vote(
        &ctx.db,
        chrono::Utc::now(),
        super::model::Audience::Public,
        &slug,
        &voter,
        &plumbing::source().await,
        helpful == "yes",
    )
    .await
    .map_err(plumbing::failed)?;
    leptos_axum::redirect(&format!("/knowledgebase/{slug}?voted=1"));
    Ok(())
}

// The Client Area's knowledgebase: the same, with the articles for clients.

#[server(prefix = "/client/api")]
pub async fn get_client_kb_home() -> Result<KbHome, AppError> {
    plumbing::reader()?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::home(&ctx.db, super::model::Audience::Clients).await?)
}

#[server(prefix = "/client/api")]
pub async fn get_client_kb_category(category_id: i32) -> Result<CategoryPage, AppError> {
    plumbing::reader()?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::category_page(&ctx.db, super::model::Audience::Clients, category_id)
        .await
        .map_err(plumbing::failed)
}

/// An article in the Client Area. `suggested` marks a visit from the suggestions for a new
/// ticket: it is recorded, and a ticket the user opens in the next day links to it.
#[server(prefix = "/client/api")]
pub async fn get_client_kb_article_at(
    slug: String,
    #[server(default)] suggested: bool,
) -> Result<ArticleAt, AppError> {
    let user = plumbing::reader()?;
    let ctx = crate::kernel::context::server_context()?;
    let now = chrono::Utc::now();
    let found = super::service::article_at(&ctx.db, super::model::Audience::Clients, &slug)
        .await
        .map_err(plumbing::failed)?;
    match (&found, user.client_id) {
        (ArticleAt::Found(_), Some(client_id))
            if suggested
                && user.staff_id.is_none()
                && user.can(crate::kernel::ClientPermission::Tickets) =>
        {
            super::service::record_suggestion_read(&ctx.db, now, user.id, client_id, &slug).await?;
        }
        (ArticleAt::Moved(to), _) => {
            let keep = if suggested { "?suggested=1" } else { "" };
            crate::kernel::http::moved_permanently(&format!("/client/knowledgebase/{to}{keep}"));
        }
        _ => {}
    }
    Ok(found)
}

#[server(prefix = "/client/api")]
pub async fn search_client_kb(q: String) -> Result<Vec<SearchHit>, AppError> {
    plumbing::reader()?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(super::service::search(
        &ctx.db,
        super::model::Audience::Clients,
        &q,
        crate::kernel::search_text::Joint::All,
        20,
    )
    .await?)
}

#[server(prefix = "/client/api")]
pub async fn vote_client_kb_article(slug: String, helpful: String) -> Result<(), AppError> {
    let user = plumbing::reader()?;
    let ctx = crate::kernel::context::server_context()?;
    // A Client Area user votes as themselves, whatever their cookies.
    super::service::vote(
        &ctx.db,
        chrono::Utc::now(),
        super::model::Audience::Clients,
        &slug,
        &format!("user {}", user.id),
        &plumbing::source().await,
        helpful == "yes",
    )
    .await
    .map_err(plumbing::failed)?;
    leptos_axum::redirect(&format!("/client/knowledgebase/{slug}?voted=1"));
    Ok(())
}

/// Up to five articles for a new ticket's subject, any word matching. Used by the form's live
/// suggestions, which place the list items (escaped here) as they are.
#[server(prefix = "/client/api")]
pub async fn suggest_kb_articles(q: String) -> Result<String, AppError> {
    crate::kernel::guard::require_client(crate::kernel::ClientPermission::Tickets)?;
    let ctx = crate::kernel::context::server_context()?;
    let hits = ticket_suggestions(&ctx.db, &q).await?;
    Ok(hits
        .iter()
        .map(|h| {
            format!(
                "<li><a href=\"/client/knowledgebase/{}?suggested=1\">{}</a></li>",
                crate::kernel::http::urlencode(&h.slug),
                crate::kernel::ui::escape_html(&h.title)
            )
        })
        .collect())
}

/// The same suggestions as a list, for the step before the ticket form when JavaScript is off.
#[server(prefix = "/client/api")]
pub async fn get_ticket_suggestions(subject: String) -> Result<Vec<SearchHit>, AppError> {
    crate::kernel::guard::require_client(crate::kernel::ClientPermission::Tickets)?;
    let ctx = crate::kernel::context::server_context()?;
    Ok(ticket_suggestions(&ctx.db, &subject).await?)
}

/// The articles suggested for a ticket's subject.
#[cfg(feature = "ssr")]
pub async fn ticket_suggestions(
    db: &impl sea_orm::ConnectionTrait,
    subject: &str,
) -> Result<Vec<SearchHit>, sea_orm::DbErr> {
    super::service::search(
        db,
        super::model::Audience::Clients,
        subject,
        crate::kernel::search_text::Joint::Any,
        5,
    )
    .await
}
