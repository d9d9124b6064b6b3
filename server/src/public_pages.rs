//! What the public pages (the knowledgebase and announcements) add to HTTP: validators, so a
//! browser that already has a page gets `304 Not Modified` instead of the page again, the
//! announcements' RSS feed, and the sitemap.
//!
//! A page's validator (`ETag`) stands for everything its content depends on: its section's public
//! content (the latest change and a fingerprint of what readers see: counts and sums of versions
//! and ids, so every save changes it, and for announcements a scheduled one coming out too), the
//! page's path and query, the request's cookies and `Accept-Language` (its language, and who is
//! signed in), and this server process (a new build may render the same data differently). Each page carries a fresh script nonce, so the validator is weak. Pages are `private,
//! no-cache`: kept by the browser only, and always checked with the server before use.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};

/// The public sections whose pages carry validators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Knowledgebase,
    Announcements,
}

impl Section {
    fn of(path: &str) -> Option<Self> {
        let under = |root: &str| {
            path.strip_prefix(root)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if under("/knowledgebase") {
            Some(Self::Knowledgebase)
        } else if under("/announcements") {
            Some(Self::Announcements)
        } else {
            None
        }
    }

    /// What the section's pages depend on: the latest change, and a fingerprint of the rest.
    async fn last_change(
        self,
        db: &DatabaseConnection,
    ) -> Result<(Option<DateTime<Utc>>, i64), sea_orm::DbErr> {
        match self {
            Self::Knowledgebase => app::kb::service::last_change(db).await,
            Self::Announcements => app::announcements::service::last_change(db, Utc::now()).await,
        }
    }
}

/// An HTTP date: `Wed, 02 Dec 2026 10:00:00 GMT`.
fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// This process: pages it renders may differ from an earlier build's for the same data.
static STARTED: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("{} {}", env!("CARGO_PKG_VERSION"), Utc::now().to_rfc3339())
});

fn validator(
    change: (Option<DateTime<Utc>>, i64),
    path_and_query: &str,
    headers: &HeaderMap,
) -> String {
    let mut hash = Sha256::new();
    let latest = change.0.map(|at| at.to_rfc3339()).unwrap_or_default();
    for part in [
        STARTED.as_bytes(),
        latest.as_bytes(),
        change.1.to_string().as_bytes(),
        path_and_query.as_bytes(),
        headers
            .get(header::COOKIE)
            .map_or(&b""[..], HeaderValue::as_bytes),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .map_or(&b""[..], HeaderValue::as_bytes),
    ] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    format!("W/\"{}\"", &hex::encode(hash.finalize())[..32])
}

/// Whether an `If-None-Match` header names `etag` (weak comparison, as for GET).
fn matches(if_none_match: &str, etag: &str) -> bool {
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    if_none_match.trim() == "*" || if_none_match.split(',').any(|t| bare(t) == bare(etag))
}

/// Answers `304` for a public page the browser already has, and gives the others their
/// validators.
pub async fn validate(State(db): State<DatabaseConnection>, req: Request, next: Next) -> Response {
    let section = Section::of(req.uri().path());
    let Some(section) =
        section.filter(|_| req.method() == Method::GET || req.method() == Method::HEAD)
    else {
        return next.run(req).await;
    };
    let change = match section.last_change(&db).await {
        Ok(change) => change,
        Err(err) => {
            tracing::warn!(%err, ?section, "validators unavailable");
            return next.run(req).await;
        }
    };
    let path_and_query = req
        .uri()
        .path_and_query()
        .map_or(req.uri().path(), |p| p.as_str())
        .to_owned();
    let etag = validator(change, &path_and_query, req.headers());
    let add = |headers: &mut HeaderMap| {
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, value);
        }
        if let Some(value) = change
            .0
            .and_then(|at| HeaderValue::from_str(&http_date(at)).ok())
        {
            headers.insert(header::LAST_MODIFIED, value);
        }
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Language"),
        );
    };
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| matches(v, &etag));
    if fresh {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        add(res.headers_mut());
        return res;
    }
    let mut res = next.run(req).await;
    if res.status() == StatusCode::OK {
        add(res.headers_mut());
    }
    res
}

/// The most announcements the sitemap lists (the latest).
const SITEMAP_ANNOUNCEMENTS: u64 = 1000;

/// Items in the RSS feed (the latest).
const FEED_ITEMS: u64 = 20;

/// `/announcements/feed.xml`: the latest announcements readers see, as RSS 2.0, each with its
/// sanitised HTML.
pub async fn announcements_feed(
    State(state): State<crate::http::AppState>,
) -> Result<Response, StatusCode> {
    let now = Utc::now();
    let latest = app::announcements::service::latest_with_html(&state.db, now, FEED_ITEMS)
        .await
        .map_err(|err| {
            tracing::error!(%err, "announcements feed");
            StatusCode::SERVICE_UNAVAILABLE
        })?;
    let xml = feed_xml(&state.settings, &latest);
    Ok((
        [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
        Body::from(xml),
    )
        .into_response())
}

fn feed_xml(
    settings: &app::kernel::settings::Settings,
    latest: &[(app::announcements::service::Published, String)],
) -> String {
    use app::kernel::i18n::{Lang, t_in};
    let base = settings.server.public_url.trim_end_matches('/');
    let organization = settings.organization.name.as_str();
    let lang = Lang::from_code(&settings.organization.language).unwrap_or_default();
    let items = latest
        .iter()
        .map(|(a, html)| {
            let link = format!("{base}/announcements/{}", a.id);
            rss::Item {
                title: Some(a.title.clone()),
                link: Some(link.clone()),
                description: Some(app::kernel::markdown::absolute_links(html, base)),
                guid: Some(rss::Guid {
                    value: link,
                    permalink: true,
                }),
                pub_date: Some(a.publish_at.to_rfc2822()),
                ..Default::default()
            }
        })
        .collect();
    rss::Channel {
        title: format!("{organization}: {}", t_in(lang, "announcements-title", &[])),
        link: format!("{base}/announcements"),
        description: t_in(
            lang,
            "announcements-feed-description",
            &[("organization", organization.into())],
        ),
        language: Some(lang.code().to_owned()),
        last_build_date: latest.first().map(|(a, _)| a.publish_at.to_rfc2822()),
        items,
        ..Default::default()
    }
    .to_string()
}

/// `/sitemap.xml`: the public pages, each article with the day it last changed.
pub async fn sitemap(State(state): State<crate::http::AppState>) -> Result<Response, StatusCode> {
    let db = &state.db;
    let fail = |err: sea_orm::DbErr| {
        tracing::error!(%err, "sitemap");
        StatusCode::SERVICE_UNAVAILABLE
    };
    let base = state.settings.server.public_url.trim_end_matches('/');
    let mut urls: Vec<(String, Option<DateTime<Utc>>)> = vec![
        (format!("{base}/knowledgebase"), None),
        (format!("{base}/announcements"), None),
        (format!("{base}/network-status"), None),
    ];
    for a in app::announcements::service::latest(db, Utc::now(), SITEMAP_ANNOUNCEMENTS)
        .await
        .map_err(fail)?
    {
        urls.push((
            format!("{base}/announcements/{}", a.id),
            Some(a.updated_at.max(a.publish_at)),
        ));
    }
    let categories = app::kb::service::categories(db, app::kb::model::Audience::Public)
        .await
        .map_err(fail)?;
    for top in &categories {
        for c in std::iter::once(top).chain(top.children.iter()) {
            urls.push((format!("{base}/knowledgebase/category/{}", c.id), None));
        }
    }
    for (slug, updated) in app::kb::service::public_articles(db).await.map_err(fail)? {
        urls.push((format!("{base}/knowledgebase/{slug}"), Some(updated)));
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&app::kernel::ui::escape_html(&loc));
        xml.push_str("</loc>");
        if let Some(at) = lastmod {
            xml.push_str(&format!("<lastmod>{}</lastmod>", at.format("%Y-%m-%d")));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok((
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        Body::from(xml),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_follow_content_language_and_path() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut headers = HeaderMap::new();
        let base = validator((Some(at), 3), "/knowledgebase", &headers);
        assert_eq!(base, validator((Some(at), 3), "/knowledgebase", &headers));
        assert_ne!(base, validator((Some(at), 4), "/knowledgebase", &headers));
        assert_ne!(base, validator((None, 3), "/knowledgebase", &headers));
        assert_ne!(base, validator((Some(at), 3), "/knowledgebase?x", &headers));
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("de"));
        assert_ne!(base, validator((Some(at), 3), "/knowledgebase", &headers));
        assert!(matches(&format!("\"x\", {base}"), &base));
        assert!(matches(base.trim_start_matches("W/"), &base));
        assert!(!matches("\"other\"", &base));
        assert_eq!(http_date(at), "Tue, 01 Dec 2026 10:00:00 GMT");
    }
}
