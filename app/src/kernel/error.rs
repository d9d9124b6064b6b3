//! The one error type every server function returns: a stable code, a user-facing message and an
//! HTTP status. A server function just returns it (`?` converts feature errors that implement
//! `From`); the server gives the response the error's status in one place (`server::http`'s
//! `error_status`), so no server function sets a status by hand.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use super::i18n::{t, t_args};
use super::validation::ValidationError;

/// Every error code the server answers with. The string form is what the browser, the tests and
/// any API client see; never change one once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The record or page does not exist.
    NotFound,
    /// No (live) session.
    Unauthenticated,
    /// The role lacks the permission.
    Forbidden,
    /// Too many password hashes at once.
    Busy,
    /// The request ran past its time limit.
    Timeout,
    /// Someone else saved the same thing first.
    ChangedMeanwhile,
    /// The change clashes with the current state.
    Conflict,
    /// An input broke a rule; `field` says which.
    Validation,
    /// A failure on the server; the log has the cause.
    Internal,
    /// The request itself was malformed.
    BadRequest,
    /// The browser could not reach the server.
    Network,
    InvalidCredentials,
    AccountThrottled,
    TooManyAttempts,
    IpBanned,
    LoginChallengeExpired,
    WrongCode,
    WrongPassword,
    OwnEmail,
    OwnRole,
    Superior,
    NotYours,
    RoleInUse,
    InvitePending,
    InviteNotFound,
    InviteExpired,
    InviteCancelled,
    InviteSuperseded,
    InviteUsed,
    ResetNotFound,
    ResetExpired,
    ResetSuperseded,
    ResetUsed,
    AccountDisabled,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 34] = [
        Self::NotFound,
        Self::Unauthenticated,
        Self::Forbidden,
        Self::Busy,
        Self::Timeout,
        Self::ChangedMeanwhile,
        Self::Conflict,
        Self::Validation,
        Self::Internal,
        Self::BadRequest,
        Self::Network,
        Self::InvalidCredentials,
        Self::AccountThrottled,
        Self::TooManyAttempts,
        Self::IpBanned,
        Self::LoginChallengeExpired,
        Self::WrongCode,
        Self::WrongPassword,
        Self::OwnEmail,
        Self::OwnRole,
        Self::Superior,
        Self::NotYours,
        Self::RoleInUse,
        Self::InvitePending,
        Self::InviteNotFound,
        Self::InviteExpired,
        Self::InviteCancelled,
        Self::InviteSuperseded,
        Self::InviteUsed,
        Self::ResetNotFound,
        Self::ResetExpired,
        Self::ResetSuperseded,
        Self::ResetUsed,
        Self::AccountDisabled,
    ];

    /// The stable string form, such as `NOT_FOUND`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "NOT_FOUND",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::Busy => "BUSY",
            Self::Timeout => "TIMEOUT",
            Self::ChangedMeanwhile => "CHANGED_MEANWHILE",
            Self::Conflict => "CONFLICT",
            Self::Validation => "VALIDATION",
            Self::Internal => "INTERNAL",
            Self::BadRequest => "BAD_REQUEST",
            Self::Network => "NETWORK",
            Self::InvalidCredentials => "INVALID_CREDENTIALS",
            Self::AccountThrottled => "ACCOUNT_THROTTLED",
            Self::TooManyAttempts => "TOO_MANY_ATTEMPTS",
            Self::IpBanned => "IP_BANNED",
            Self::LoginChallengeExpired => "LOGIN_CHALLENGE_EXPIRED",
            Self::WrongCode => "WRONG_CODE",
            Self::WrongPassword => "WRONG_PASSWORD",
            Self::OwnEmail => "OWN_EMAIL",
            Self::OwnRole => "OWN_ROLE",
            Self::Superior => "SUPERIOR",
            Self::NotYours => "NOT_YOURS",
            Self::RoleInUse => "ROLE_IN_USE",
            Self::InvitePending => "INVITE_PENDING",
            Self::InviteNotFound => "INVITE_NOT_FOUND",
            Self::InviteExpired => "INVITE_EXPIRED",
            Self::InviteCancelled => "INVITE_CANCELLED",
            Self::InviteSuperseded => "INVITE_SUPERSEDED",
            Self::InviteUsed => "INVITE_USED",
            Self::ResetNotFound => "RESET_NOT_FOUND",
            Self::ResetExpired => "RESET_EXPIRED",
            Self::ResetSuperseded => "RESET_SUPERSEDED",
            Self::ResetUsed => "RESET_USED",
            Self::AccountDisabled => "ACCOUNT_DISABLED",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::parse(&text).unwrap_or(Self::Internal))
    }
}

/// What the browser learns about a failure. The cause is logged on the server, never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    /// Stable, machine-readable code such as `VALIDATION` or `NOT_FOUND`.
    pub code: ErrorCode,
    /// The message shown to the user.
    pub message: String,
    /// The HTTP status the server answered with.
    pub status: u16,
    /// The form field the error belongs to, when there is one.
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>, status: u16) -> Self {
        Self {
            code,
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
        Self::new(ErrorCode::NotFound, t("error-not-found"), 404)
    }

    pub fn unauthenticated() -> Self {
        Self::new(ErrorCode::Unauthenticated, t("error-unauthenticated"), 401)
    }

    pub fn forbidden(permission: super::permission::Permission) -> Self {
        Self::new(
            ErrorCode::Forbidden,
            t_args(
                "error-forbidden",
                &[("permission", permission.label().into())],
            ),
            403,
        )
    }

    /// A Client Area user whose place at the client lacks `permission`.
    pub fn forbidden_client(permission: super::permission::ClientPermission) -> Self {
        Self::new(
            ErrorCode::Forbidden,
            t_args(
                "error-forbidden-client",
                &[("permission", permission.label().into())],
            ),
            403,
        )
    }

    /// Too many password hashes are being computed at once.
    pub fn busy() -> Self {
        Self::new(ErrorCode::Busy, t("error-busy"), 503)
    }

    /// An edit form saved after someone else changed the same thing (see `concurrency`).
    pub fn changed_meanwhile() -> Self {
        Self::new(
            ErrorCode::ChangedMeanwhile,
            t("error-changed-meanwhile"),
            409,
        )
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message, 409)
    }

    pub fn validation(field: &str, error: &ValidationError) -> Self {
        Self::new(ErrorCode::Validation, error.message(), 422).with_field(field)
    }

    /// As `validation`, with the field's label in the message: for forms with many fields, and
    /// for callers that see the message without the form around it.
    pub fn invalid_field(field: &str, label: &str, error: &ValidationError) -> Self {
        Self::new(
            ErrorCode::Validation,
            format!("{label}: {}", error.message()),
            422,
        )
        .with_field(field)
    }

    /// An internal failure. The cause goes to the log with a reference the user can quote.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        let reference = chrono::Utc::now().format("%Y%m%d%H%M%S%3f").to_string();
        tracing::error!(reference = %reference, cause = %cause, "internal error");
        Self::new(
            ErrorCode::Internal,
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
        match value {
            // The request itself was malformed: missing or mistyped fields, a body that is not
            // the expected encoding, invalid UTF-8.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => {
                Self::new(ErrorCode::BadRequest, t("error-bad-request"), 400)
            }
            ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                Self::new(ErrorCode::BadRequest, t("error-bad-request"), 405)
            }
            ServerFnErrorErr::Request(_) => Self::new(ErrorCode::Network, t("error-network"), 503),
            _ => Self::new(ErrorCode::Internal, t("error-internal"), 500),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn error_codes_keep_their_string_form_on_the_wire() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        let mut all: Vec<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), ErrorCode::ALL.len());
        let err = AppError::not_found();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "NOT_FOUND");
        assert_eq!(serde_json::from_value::<AppError>(json).unwrap(), err);
    }
}
