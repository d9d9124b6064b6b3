//! Small helpers for links and response headers.

#[cfg(feature = "ssr")]
use leptos::prelude::use_context;

#[cfg(feature = "ssr")]
use super::error::AppError;

/// Percent-encodes text for a query parameter or path segment.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Sends the page being rendered elsewhere for good (`301`): a renamed or merged record's old
/// address. (`leptos_axum::redirect` alone sets the location, but a page keeps its `200`.)
#[cfg(feature = "ssr")]
pub fn moved_permanently(to: &str) {
    leptos_axum::redirect(to);
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::MOVED_PERMANENTLY);
    }
}

/// A page reached by a secret link: link scanners and previews may fetch it, so it must not leak
/// the token onwards in a Referer, or be cached.
#[cfg(feature = "ssr")]
pub fn private_link_headers() {
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(
            http::header::REFERRER_POLICY,
            http::HeaderValue::from_static("no-referrer"),
        );
        res.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}

/// Pages reached by a secret link are sent with `Referrer-Policy: no-referrer`, so their plain
/// form posts carry no Referer to return to. Send such a post back to `/<prefix>/<token>` with the
/// error, the way server functions answer forms from other pages.
#[cfg(feature = "ssr")]
pub fn back_to_link(
    public_url: &str,
    prefix: &str,
    token: &str,
    server_fn_path: &str,
    err: AppError,
) -> AppError {
    use server_fn::error::ServerFnUrlError;
    let Some(token) = super::token::SecretToken::parse(token) else {
        return err;
    };
    let base = format!(
        "{}/{prefix}/{}",
        public_url.trim_end_matches('/'),
        token.expose()
    );
    if super::error::is_form_post()
        && let Ok(url) = ServerFnUrlError::new(server_fn_path, err.clone()).to_url(&base)
        && let Ok(location) = http::HeaderValue::from_str(url.as_str())
        && let Some(res) = use_context::<leptos_axum::ResponseOptions>()
    {
        res.insert_header(http::header::LOCATION, location);
    }
    err
}
