//! Forms that work as plain HTML posts and gain live validation and a busy state once hydrated.
//!
//! Every form field is one instance of the same `Field` island, and every form one `SmartForm`
//! island around server-rendered children, so the WASM does not grow with each new form.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::ServerFn;

use crate::kernel::codes::{SecondFactor, TotpCode};
use crate::kernel::credentials::{NewPassword, Strength, Username, strength};
use crate::kernel::error::AppError;
use crate::kernel::i18n::t;
use crate::kernel::validation::{Email, ValidationError, clean_text, multiline_text};

/// Which shared rule checks a field as the user types. Features describe their fields with the
/// generic rules (`Text` with the field's `max`), so this list does not grow with every feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    None,
    /// One line of text: trimmed, no control or invisible characters, at most the field's `max`.
    Text,
    /// As `Text`, with line breaks allowed.
    MultilineText,
    Email,
    Username,
    NewPassword,
    /// A code from an authenticator app.
    TotpCode,
    /// An authenticator app code or a recovery code.
    SecondFactor,
}

impl Rule {
    /// Every error `check` can give for a field of at most `max_chars` characters.
    fn possible_errors(self, max_chars: Option<usize>) -> Vec<ValidationError> {
        use ValidationError::*;
        let mut errors = match self {
            Self::None => vec![],
            Self::Email => vec![EmailFormat, ControlCharacter],
            Self::Username => vec![UsernameStart, UsernameCharacters, ControlCharacter],
            Self::NewPassword => vec![
                PasswordTooShort {
                    min: NewPassword::MIN_CHARS,
                },
                PasswordTooLong {
                    max_bytes: NewPassword::MAX_BYTES,
                },
                PasswordForbiddenCharacter,
                PasswordTooCommon,
            ],
            Self::Text | Self::MultilineText => vec![ControlCharacter],
            Self::TotpCode => vec![TotpCodeFormat],
            Self::SecondFactor => vec![SecondFactorFormat],
        };
        if !matches!(self, Self::None | Self::TotpCode | Self::SecondFactor)
            && let Some(max) = max_chars
        {
            errors.push(TooLong { max });
        }
        errors
    }

    /// The first rule `value` breaks, for a field of at most `max_chars` characters.
    pub fn check(self, value: &str, max_chars: Option<usize>) -> Option<ValidationError> {
        let max = max_chars.unwrap_or(usize::MAX);
        match self {
            Self::None => None,
            Self::Text => clean_text(value, max).err(),
            Self::MultilineText => multiline_text(value, max).err(),
            Self::Email => Email::parse(value).err(),
            Self::Username => Username::parse(value).err(),
            Self::NewPassword => NewPassword::parse(value).err(),
            Self::TotpCode => TotpCode::parse(value).err(),
            Self::SecondFactor => SecondFactor::parse(value).err(),
        }
    }
}

/// Everything a field needs; serialisable because it is an island's prop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpec {
    pub id: String,
    pub name: String,
    pub label: String,
    /// `text`, `email`, `password` or `textarea`.
    pub input_type: String,
    pub rule: Rule,
    pub value: String,
    pub required: bool,
    pub readonly: bool,
    pub autocomplete: String,
    pub max_chars: Option<usize>,
    pub help: Option<String>,
    /// The server's message for this field after a refused submit.
    pub error: Option<String>,
    /// Translated text the island shows: the messages of the errors its rule can give, the
    /// "(optional)" mark, and for new passwords the three strength hints.
    pub messages: Vec<(ValidationError, String)>,
    pub optional_mark: String,
    pub strength_hints: Vec<String>,
}

impl FieldSpec {
    pub fn new(id: &str, name: &str, label: &str, input_type: &str, rule: Rule) -> Self {
        let strength_hints = if rule == Rule::NewPassword {
            [
                "form-strength-weak",
                "form-strength-fair",
                "form-strength-strong",
            ]
            .into_iter()
            .map(t)
            .collect()
        } else {
            Vec::new()
        };
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
            label: label.to_owned(),
            input_type: input_type.to_owned(),
            rule,
            value: String::new(),
            required: true,
            readonly: false,
            autocomplete: "off".to_owned(),
            max_chars: None,
            help: None,
            error: None,
            messages: translated(rule.possible_errors(None)),
            optional_mark: t("form-optional"),
            strength_hints,
        }
    }

    pub fn optional(mut self) -> Self {
        self.required = false;
        self
    }

    pub fn max(mut self, chars: usize) -> Self {
        self.max_chars = Some(chars);
        self.messages = translated(self.rule.possible_errors(Some(chars)));
        self
    }

    pub fn autocomplete(mut self, value: &str) -> Self {
        self.autocomplete = value.to_owned();
        self
    }

    pub fn help(mut self, text: &str) -> Self {
        self.help = Some(text.to_owned());
        self
    }

    pub fn value(mut self, value: &str) -> Self {
        self.value = value.to_owned();
        self
    }

    pub fn readonly(mut self) -> Self {
        self.readonly = true;
        self
    }

    /// Attaches the server's message if the last refused submit was about this field.
    pub fn error_from(mut self, error: &Option<AppError>) -> Self {
        self.error = error
            .as_ref()
            .filter(|e| e.is_for(&self.name))
            .map(|e| e.message.clone());
        self
    }
}

fn translated(errors: Vec<ValidationError>) -> Vec<(ValidationError, String)> {
    errors
        .into_iter()
        .map(|e| {
            let text = e.message();
            (e, text)
        })
        .collect()
}

#[island]
pub fn Field(spec: FieldSpec) -> impl IntoView {
    let FieldSpec {
        id,
        name,
        label,
        input_type,
        rule,
        value,
        required,
        readonly,
        autocomplete,
        max_chars,
        help,
        error,
        messages,
        optional_mark,
        strength_hints,
    } = spec;
    let current = RwSignal::new(value.clone());
    let touched = RwSignal::new(false);
    let message = Signal::derive(move || {
        if touched.get() {
            current
                .with(|v| {
                    if v.is_empty() {
                        None
                    } else {
                        rule.check(v, max_chars)
                    }
                })
                .map(|e| {
                    messages
                        .iter()
                        .find(|(known, _)| *known == e)
                        .map_or_else(|| e.to_string(), |(_, text)| text.clone())
                })
        } else {
            error.clone()
        }
    });
    let invalid = move || message.get().is_some().to_string();
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = if help.is_some() {
        format!("{help_id} {error_id}")
    } else {
        error_id.clone()
    };
    let on_input = move |ev| {
        touched.set(true);
        current.set(event_target_value(&ev));
    };
    let control = if input_type == "textarea" {
        view! {
            <textarea id=id.clone() name=name rows="3" required=required readonly=readonly maxlength=max_chars
                aria-describedby=described aria-invalid=invalid on:input=on_input>{super::escape_html(&value)}</textarea>
        }
        .into_any()
    } else {
        // A read-only field is shown but not posted: the server decides its value.
        let name = (!readonly).then_some(name);
        view! {
            <input id=id.clone() name=name type=input_type value=value required=required readonly=readonly
                maxlength=max_chars autocomplete=autocomplete autocapitalize="none" spellcheck="false"
                aria-describedby=described aria-invalid=invalid on:input=on_input/>
        }
        .into_any()
    };
    let strength_hint = move || {
        if rule != Rule::NewPassword || strength_hints.len() != 3 {
            return String::new();
        }
        current.with(|p| match (p.is_empty(), strength(p)) {
            (true, _) => String::new(),
            (false, Strength::Weak) => strength_hints[0].clone(),
            (false, Strength::Fair) => strength_hints[1].clone(),
            (false, Strength::Strong) => strength_hints[2].clone(),
        })
    };
    view! {
        <div class="field">
            <label for=id>{label}{(!required && !readonly).then(|| format!(" {optional_mark}"))}</label>
            {control}
            {help.map(|h| view! { <p id=help_id class="small muted">{h}</p> })}
            <p class="small strength" aria-live="polite">{strength_hint}</p>
            <p id=error_id class="field-error" aria-live="polite">{move || message.get()}</p>
        </div>
    }
}

/// A plain POST form; once hydrated it marks itself busy on submit and refuses a second submit.
#[island]
pub fn SmartForm(
    action: String,
    /// Posts as `multipart/form-data`, for file inputs.
    #[prop(optional)]
    multipart: Option<bool>,
    children: Children,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let multipart = multipart.unwrap_or(false);
    view! {
        <form method="post" action=action novalidate aria-busy=move || busy.get().to_string()
            enctype=multipart.then_some("multipart/form-data")
            on:submit=move |ev| {
                if busy.get_untracked() {
                    ev.prevent_default();
                } else {
                    busy.set(true);
                }
            }>
            {children()}
        </form>
    }
}

/// The error of the last refused submit of server function `S`, when the page was reached by the
/// redirect that carries it (plain form posts).
pub fn submit_error<S>() -> Option<AppError>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    if !form_error_is_ours() {
        return None;
    }
    ServerAction::<S>::new()
        .value()
        .with_untracked(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
}

/// As `submit_error`, for a server function whose arguments are not a plain struct (multipart
/// uploads): the refused post's error, read from the redirect that carries it.
pub fn submit_error_at(path: &str) -> Option<AppError> {
    #[cfg(feature = "ssr")]
    {
        if !form_error_is_ours() {
            return None;
        }
        let parts = use_context::<http::request::Parts>()?;
        let query = parts.uri.query()?;
        let mut error = None;
        let mut here = false;
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                // As Leptos writes it: the error's JSON, URL-safe base64.
                "__err" => {
                    use base64::Engine;
                    error = base64::engine::general_purpose::URL_SAFE
                        .decode(v.as_bytes())
                        .ok()
                        .and_then(|json| serde_json::from_slice::<AppError>(&json).ok());
                }
                "__path" => here = v == path,
                _ => {}
            }
        }
        error.filter(|_| here)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = path;
        None
    }
}

/// The `__errsig` parameter the server adds next to the `__err` of a refused form post (see
/// `form_error_signature`).
pub const FORM_ERROR_SIGNATURE: &str = "__errsig";

/// How long after the refused post its signed error is shown: long enough for the redirect and
/// a reload, too short to be worth sending to anyone.
#[cfg(feature = "ssr")]
const FORM_ERROR_VALID_SECONDS: i64 = 600;

/// What the server signs for a refused form post's redirect: the server function and its encoded
/// error, with the time after which the signature no longer counts, so a crafted link cannot make
/// a page show text of the link author's choosing.
#[cfg(feature = "ssr")]
pub fn form_error_signature(
    key: &crate::kernel::crypto::SecretKey,
    server_fn_path: &str,
    encoded_error: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let until = now.timestamp() + FORM_ERROR_VALID_SECONDS;
    key.seal(
        &form_error_context(server_fn_path, encoded_error),
        until.to_string().as_bytes(),
    )
}

#[cfg(feature = "ssr")]
fn form_error_context(server_fn_path: &str, encoded_error: &str) -> String {
    format!("staffdesk form error\n{server_fn_path}\n{encoded_error}")
}

/// Whether the error this page was sent back with (the `__err` of the address, after a form post
/// without JavaScript) carries the server's signature, still valid, over exactly the `__path` and
/// `__err` Leptos will read. Without an `__err` there is nothing to show.
#[cfg(feature = "ssr")]
fn form_error_is_ours() -> bool {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return false;
    };
    let Some(query) = parts.uri.query() else {
        return true;
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let all = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let (errors, paths, signatures) = (all("__err"), all("__path"), all(FORM_ERROR_SIGNATURE));
    if errors.is_empty() {
        return true;
    }
    let ([error], [path], [signature]) =
        (errors.as_slice(), paths.as_slice(), signatures.as_slice())
    else {
        // Several of one: which one Leptos reads is not for a link to play with.
        return false;
    };
    let Ok(ctx) = crate::kernel::context::server_context() else {
        return false;
    };
    ctx.secret_key
        .open(&form_error_context(path, error), signature)
        .ok()
        .and_then(|until| String::from_utf8(until).ok()?.parse::<i64>().ok())
        .is_some_and(|until| chrono::Utc::now().timestamp() <= until)
}

/// The form-level part of an error (one not tied to a field), as an alert.
#[component]
pub fn FormAlert(error: Option<AppError>) -> impl IntoView {
    error
        .filter(|e| e.field.is_none())
        .map(|e| view! { <p class="alert alert-error" role="alert">{e.message}</p> })
}

/// The language picker of Add an Admin and My Account: a plain select posted as `language`.
#[component]
pub fn LanguageSelect(id: &'static str, selected: crate::kernel::i18n::Lang) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{t("field-language")}</label>
            <select id=id name="language">
                {crate::kernel::i18n::Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.code() lang=l.code() selected=l == selected>{l.native_name()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
