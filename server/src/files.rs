//! Ticket attachments, downloaded through the same permission and department checks as the
//! ticket itself, and served so that no browser ever runs them: always as a download with a safe
//! content type, `nosniff` and a sandboxing CSP. Only allow-listed raster images are ever shown
//! inline (as previews), and only when asked for with `?inline=1`.

use app::kernel::Permission;
use app::tickets::attachments::{self, Kind};
use app::tickets::service;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::EntityTrait;

use crate::feeds::{guarded, refusal};
use crate::http::AppState;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DownloadQuery {
    inline: Option<String>,
}

/// `GET /tickets/{reference}/files/{id}`.
pub async fn download(
    State(state): State<AppState>,
    Path((reference, id)): Path<(String, i64)>,
    Query(query): Query<DownloadQuery>,
    parts: axum::http::request::Parts,
) -> Response {
    let admin = match guarded(&parts, &[Permission::ViewTickets]) {
        Ok(admin) => admin,
        Err(err) => return refusal(&err),
    };
    let not_found = || StatusCode::NOT_FOUND.into_response();
    let found = async {
        let scope = service::scope_of(&state.db, &admin).await?;
        let Ok(ticket) = service::find(&state.db, &scope, &reference).await else {
            return Ok(None);
        };
        Ok::<_, sea_orm::DbErr>(
            app::entities::ticket_attachment::Entity::find_by_id(id)
                .one(&state.db)
                .await?
                .filter(|a| a.ticket_id == ticket.id),
        )
    };
    let file = match found.await {
        Ok(Some(file)) if attachments::is_stored_name(&file.stored_name) => file,
        Ok(_) => return not_found(),
        Err(err) => {
            tracing::error!(error = %err, "attachment lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let path = attachments::directory(&state.settings.server.data_dir).join(&file.stored_name);
    // Streamed from the file, never held whole in memory.
    let opened = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(err) => {
            tracing::error!(error = %err, attachment = file.id, "attachment file missing");
            return not_found();
        }
    };
    let kind = Kind::from_content_type(&file.content_type);
    let inline = query.inline.as_deref() == Some("1") && kind.is_some_and(Kind::is_image);
    let content_type = kind.map_or("application/octet-stream", Kind::content_type);
    let disposition = format!(
        "{}; filename=\"{}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        ascii_fallback(&file.file_name),
        app::kernel::http::urlencode(&file.file_name),
    );
    let mut res = Response::new(Body::from_stream(tokio_util::io::ReaderStream::new(opened)));
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    } else {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; img-src 'self'; sandbox"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

/// The name as plain ASCII for `filename=` (older clients); the exact name is in `filename*`.
fn ascii_fallback(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fallback_names_are_quoted_ascii() {
        assert_eq!(super::ascii_fallback("résumé \"x\".pdf"), "r_sum_ _x_.pdf");
    }
}
