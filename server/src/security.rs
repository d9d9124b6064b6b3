//! The request security layer: cross-site request refusal, and the security headers on every response.

use std::sync::Arc;

use std::net::SocketAddr;

use app::kernel::client_ip::{ClientIp, TrustedProxies};
use app::kernel::settings::Settings;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origin (scheme://host[:port]) staff use, taken from `server.public_url`.
#[derive(Clone)]
pub struct SiteOrigin {
    origin: String,
    https: bool,
}

impl SiteOrigin {
    pub fn from_settings(settings: &Settings) -> Self {
        let origin = url::Url::parse(&settings.server.public_url)
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_default();
        Self {
            origin,
            https: settings.is_https(),
        }
    }
}

/// Why an unsafe request is refused, if it is.
fn cross_site_reason(site: &SiteOrigin, req: &Request) -> Option<String> {
    if matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    ) {
        return None;
    }
    let headers = req.headers();
    // Browsers set Sec-Fetch-Site themselves and pages cannot forge it, so when present it decides.
    // This matters for pages sent with `Referrer-Policy: no-referrer` (the invitation page): their
    // plain form posts carry `Origin: null` although they are same-origin.
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some("same-origin") => return None,
        Some("cross-site") => return Some("the browser marked it as cross-site".to_owned()),
        Some("same-site") => {
            return Some(
                "the browser marked it as coming from another site of this domain".to_owned(),
            );
        }
        _ => {}
    }
    match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        None => None,
        Some(Ok(origin)) if origin == site.origin => None,
        Some(Ok(origin)) => Some(format!(
            "it came from {origin}, not from {} (server.public_url)",
            site.origin
        )),
        Some(Err(_)) => Some("its Origin header is not readable".to_owned()),
    }
}

/// Refuses POST/PUT/PATCH/DELETE from other sites: Leptos server functions do no CSRF checks of their own.
pub async fn refuse_cross_site(
    State(site): State<Arc<SiteOrigin>>,
    req: Request,
    next: Next,
) -> Response {
    if let Some(reason) = cross_site_reason(&site, &req) {
        tracing::warn!(%reason, path = %crate::http::scrub_path(req.uri().path()), "refused a cross-site request");
        let body = serde_json::json!({
            "code": "CROSS_SITE",
            "message": "This request was refused because it did not come from Staffdesk's own pages. \
                        If you reached Staffdesk at another address, ask your administrator to check server.public_url.",
            "status": 403,
            "field": null,
        });
        return (StatusCode::FORBIDDEN, axum::Json(body)).into_response();
    }
    next.run(req).await
}

/// Puts the client's address into the request (`ClientIp`): the socket peer, or behind a trusted
/// proxy the address it forwarded. Everything that logs, audits, counts failures or bans reads it.
pub async fn client_address(
    State(proxies): State<Arc<TrustedProxies>>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    if let Some(peer) = peer {
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            // Not `to_str`: one non-ASCII byte a client wrote must not void what the proxy added.
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect::<Vec<_>>();
        let client = proxies.client(peer, forwarded.iter().map(String::as_str));
        req.extensions_mut().insert(ClientIp(client));
    }
    next.run(req).await
}

/// Answers 503 for a request that has not produced its response within the limit, and logs its
/// route: a stall in production is then seen, not silent. Event streams are exempt.
pub async fn request_timeout(
    State(limit): State<std::time::Duration>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    if limit.is_zero() || path.starts_with("/events/") {
        return next.run(req).await;
    }
    let method = req.method().clone();
    // Set by the authentication layer outside this one.
    let lang = req
        .extensions()
        .get::<app::kernel::i18n::Lang>()
        .copied()
        .unwrap_or_default();
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::error!(
                %method,
                path = %crate::http::scrub_path(&path),
                seconds = limit.as_secs(),
                "request timed out; answered 503"
            );
            let error = app::kernel::error::AppError::new(
                app::kernel::ErrorCode::Timeout,
                app::kernel::i18n::t_in(lang, "error-timeout", &[]),
                503,
            );
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "10")],
                axum::Json(error),
            )
                .into_response()
        }
    }
}

/// Whether a path is a server function's: the admin area's under `/api/`, the Client Area's
/// under `/client/api/`.
pub fn is_server_function(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/client/api/")
}

/// Signs the error a refused form post carries back to its page (`?__err=…`, added by Leptos for
/// forms posted without JavaScript), so that the page shows only errors this server produced, and
/// never the text of a crafted link.
pub async fn sign_form_errors(
    State(key): State<app::kernel::crypto::SecretKey>,
    req: Request,
    next: Next,
) -> Response {
    // Only the answer to a server function's form post can carry its error back.
    let is_form_post = req.method() == Method::POST && is_server_function(req.uri().path());
    let mut res = next.run(req).await;
    if !is_form_post || !res.status().is_redirection() {
        return res;
    }
    let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.contains("__err="))
    else {
        return res;
    };
    // Relative or absolute, the query is what matters.
    let Ok(mut url) = url::Url::parse("http://placeholder.invalid").and_then(|b| b.join(location))
    else {
        return res;
    };
    // The last of each, as Leptos reads them.
    let last = |name: &str| {
        url.query_pairs()
            .filter(|(k, _)| k == name)
            .last()
            .map(|(_, v)| v.into_owned())
    };
    let (Some(path), Some(error)) = (last("__path"), last("__err")) else {
        return res;
    };
    let signature =
        app::kernel::ui::form::form_error_signature(&key, &path, &error, chrono::Utc::now());
    url.query_pairs_mut()
        .append_pair(app::kernel::ui::form::FORM_ERROR_SIGNATURE, &signature);
    let signed = if location.starts_with('/') {
        format!("{}?{}", url.path(), url.query().unwrap_or_default())
    } else {
        url.to_string()
    };
    if let Ok(value) = HeaderValue::from_str(&signed) {
        res.headers_mut().insert(header::LOCATION, value);
    }
    res
}

/// Headers every response carries; HTML pages also get a CSP with the page's nonce (set while rendering).
pub async fn security_headers(
    State(site): State<Arc<SiteOrigin>>,
    req: Request,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers
        .entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if site.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        // An HTML response rendered without a nonce may run no script at all.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; script-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"),
        );
    }
    res
}

/// The page's Content-Security-Policy: only scripts carrying this request's nonce (and what they load) run.
pub fn content_security_policy(nonce: &str, dev_reload: bool) -> String {
    let connect = if dev_reload { "'self' ws:" } else { "'self'" };
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src {connect}; \
         frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn site() -> SiteOrigin {
        SiteOrigin {
            origin: "https://admin.example.com".into(),
            https: true,
        }
    }

    fn req(method: Method, headers: &[(&str, &str)]) -> Request {
        let mut b = axum::http::Request::builder().method(method).uri("/api/x");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn a_post_from_another_origin_is_refused() {
        let r = req(Method::POST, &[("origin", "https://evil.example")]);
        assert!(
            cross_site_reason(&site(), &r)
                .unwrap()
                .contains("evil.example")
        );
    }

    #[test]
    fn a_post_marked_cross_site_without_origin_is_refused() {
        let r = req(Method::DELETE, &[("sec-fetch-site", "cross-site")]);
        assert!(cross_site_reason(&site(), &r).is_some());
    }

    #[test]
    fn a_same_origin_post_and_any_get_pass() {
        let same = req(
            Method::POST,
            &[
                ("origin", "https://admin.example.com"),
                ("sec-fetch-site", "same-origin"),
            ],
        );
        assert_eq!(cross_site_reason(&site(), &same), None);
        let get = req(
            Method::GET,
            &[
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "cross-site"),
            ],
        );
        assert_eq!(cross_site_reason(&site(), &get), None);
    }

    #[test]
    fn a_same_origin_form_post_from_a_no_referrer_page_passes_but_a_bare_null_origin_does_not() {
        let form = req(
            Method::POST,
            &[("origin", "null"), ("sec-fetch-site", "same-origin")],
        );
        assert_eq!(cross_site_reason(&site(), &form), None);
        let bare = req(Method::POST, &[("origin", "null")]);
        assert!(cross_site_reason(&site(), &bare).is_some());
        let sibling = req(
            Method::POST,
            &[
                ("origin", "https://admin.example.com"),
                ("sec-fetch-site", "same-site"),
            ],
        );
        assert!(cross_site_reason(&site(), &sibling).is_some());
    }

    #[test]
    fn the_site_origin_ignores_the_public_url_path() {
        let mut s = Settings::default();
        s.server.public_url = "https://example.com:8443/admin/".into();
        assert_eq!(
            SiteOrigin::from_settings(&s).origin,
            "https://example.com:8443"
        );
    }
}

/// The largest request bodies accepted: the configured limit everywhere, and room for a message's
/// attachments on the two forms that upload them.
#[derive(Debug, Clone)]
pub struct BodyLimits {
    pub default: usize,
    pub upload: usize,
    pub upload_paths: Arc<[&'static str]>,
}

impl BodyLimits {
    pub fn from_settings(settings: &Settings) -> Self {
        use leptos::server_fn::ServerFn;
        let files = (settings.tickets.attachment_max_mb as usize)
            .saturating_mul(settings.tickets.attachments_per_message as usize)
            .saturating_mul(1024 * 1024);
        Self {
            default: settings.server.body_limit_kb * 1024,
            // The files, the message text and the form's own overhead.
            upload: files.saturating_add(settings.server.body_limit_kb * 1024 + 1024 * 1024),
            upload_paths: Arc::from(vec![
                app::tickets::api::ReplyTicket::PATH,
                app::tickets::api::AddTicketNote::PATH,
            ]),
        }
    }
}

/// Refuses a body over its route's limit: at once when its declared length is, and otherwise
/// as soon as that many bytes arrived. The upload routes take only `multipart/form-data`.
pub async fn limit_body(State(limits): State<BodyLimits>, req: Request, next: Next) -> Response {
    let upload = limits.upload_paths.contains(&req.uri().path());
    let limit = if upload {
        limits.upload
    } else {
        limits.default
    };
    if upload
        && req.method() == Method::POST
        && req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|ct| multer::parse_boundary(ct).is_err())
    {
        let lang = req
            .extensions()
            .get::<app::kernel::i18n::Lang>()
            .copied()
            .unwrap_or_default();
        let err = app::kernel::AppError::new(
            app::kernel::ErrorCode::BadRequest,
            app::kernel::i18n::t_in(lang, "error-bad-request", &[]),
            415,
        );
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&err).unwrap_or_default(),
        )
            .into_response();
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}
