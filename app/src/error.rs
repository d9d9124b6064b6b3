//! The one error type every server function returns: a stable code, a user-facing message and an HTTP status.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::i18n::{t, t_args};
use crate::validation::ValidationError;

/// What the browser learns about a failure. The cause is logged on the server, never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    /// Stable, machine-readable code such as `VALIDATION` or `NOT_FOUND`.
    pub code: String,
    /// The message shown to the user.
    pub message: String,
    /// The HTTP status the server answered with.
    pub status: u16,
    /// The form field the error belongs to, when there is one.
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>, status: u16) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            status,
            field: None,
        }
    }

    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    pub fn not_found() -> Self {
        Self::new("NOT_FOUND", t("error-not-found"), 404)
    }

    pub fn unauthenticated() -> Self {
        Self::new("UNAUTHENTICATED", t("error-unauthenticated"), 401)
    }

    pub fn forbidden(permission: crate::auth::Permission) -> Self {
        Self::new(
            "FORBIDDEN",
            t_args(
                "error-forbidden",
                &[("permission", permission.label().into())],
            ),
            403,
        )
    }

    /// Too many password hashes are being computed at once.
    pub fn busy() -> Self {
        Self::new("BUSY", t("error-busy"), 503)
    }

    /// An edit form saved after someone else changed the same thing (see `concurrency`).
    pub fn changed_meanwhile() -> Self {
        Self::new("CHANGED_MEANWHILE", t("error-changed-meanwhile"), 409)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new("CONFLICT", message, 409)
    }

    pub fn validation(field: &str, error: &ValidationError) -> Self {
        Self::new("VALIDATION", error.message(), 422).with_field(field)
    }

    /// An internal failure. The cause goes to the log with a reference the user can quote.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        let reference = chrono::Utc::now().format("%Y%m%d%H%M%S%3f").to_string();
        tracing::error!(reference = %reference, cause = %cause, "internal error");
        Self::new(
            "INTERNAL",
            t_args(
                "error-internal-reference",
                &[("reference", reference.into())],
            ),
            500,
        )
    }

    /// True when the error belongs to the named form field.
    pub fn is_for(&self, field: &str) -> bool {
        self.field.as_deref() == Some(field)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::internal(&err)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let err = match value {
            // The request itself was malformed: missing or mistyped fields, a body that is not
            // the expected encoding, invalid UTF-8.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => {
                Self::new("BAD_REQUEST", t("error-bad-request"), 400)
            }
            ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                Self::new("BAD_REQUEST", t("error-bad-request"), 405)
            }
            ServerFnErrorErr::Request(_) => Self::new("NETWORK", t("error-network"), 503),
            _ => Self::new("INTERNAL", t("error-internal"), 500),
        };
        // On the server this runs inside the request, so the response gets the matching status.
        #[cfg(feature = "ssr")]
        let err = respond_with(err);
        err
    }
}

/// True for a plain HTML form post (the page's WASM is not running): it is answered with a redirect.
#[cfg(feature = "ssr")]
pub fn is_form_post() -> bool {
    use leptos::prelude::use_context;
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

/// Sets the HTTP status of the current server-function response to match the error.
///
/// A plain HTML form post (no WASM yet) is answered with a redirect back to the form, which
/// carries the error; its status must stay a redirect, so it is left alone.
#[cfg(feature = "ssr")]
pub fn respond_with(err: AppError) -> AppError {
    if !is_form_post() {
        set_response_status(err.status);
    }
    err
}

/// Sets the status of the response being produced (a page render or a server function).
#[cfg(feature = "ssr")]
pub fn set_response_status(status: u16) {
    use leptos::prelude::use_context;
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(status)
    {
        options.set_status(status);
    }
}
