//! The interface languages, and looking up translated text in the Fluent files in `app/locales/<lang>/<feature>.ftl`.
//!
//! Pages render on the server in the language of the request, which the server's authentication
//! middleware decides once per request (the admin's own language; before login the `lang` cookie,
//! the browser's Accept-Language, then the organization default). Islands never look text up:
//! they receive it already translated in their props, so the WASM carries no translations.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    De,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Self::En, Self::De, Self::Es];

    /// The code stored in the database and used in `lang` attributes and the `lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself, as language pickers show it.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "Deutsch",
            Self::Es => "Español",
        }
    }
}

/// An argument for a message with placeables.
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Self::Text(v.to_owned())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Self::Text(v)
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Self::Text(v.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Self::Number(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

/// The language of the request being handled; English outside a request.
pub fn lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Lang>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::En
    }
}

/// The text for `key` in the request's language.
pub fn t(key: &str) -> String {
    t_in(lang(), key, &[])
}

/// The text for `key` with its placeables filled, in the request's language.
pub fn t_args(key: &str, args: &[(&'static str, Arg)]) -> String {
    t_in(lang(), key, args)
}

/// The text for `key` in `lang`, for text made outside a page (emails). In the browser build
/// there are no translations: islands get their text from the server, so this is never shown.
pub fn t_in(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    #[cfg(feature = "ssr")]
    {
        server::lookup(lang, key, args)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (lang, args);
        key.to_owned()
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use std::borrow::Cow;
    use std::collections::HashMap;

    use fluent_templates::fluent_bundle::FluentValue;
    use fluent_templates::{LanguageIdentifier, Loader};

    use super::{Arg, Lang};

    fluent_templates::static_loader! {
        static LOCALES = {
            locales: "./locales",
            fallback_language: "en",
            // Plain text, without Unicode isolation marks around placeables.
            customise: |bundle| bundle.set_use_isolating(false),
        };
    }

    fn identifier(lang: Lang) -> LanguageIdentifier {
        lang.code()
            .parse()
            .expect("language codes are valid identifiers")
    }

    pub fn lookup(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(t) => FluentValue::from(t.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        match LOCALES.try_lookup_complete(&identifier(lang), key, Some(&map)) {
            Some(text) => text,
            None => {
                tracing::error!(key, lang = lang.code(), "missing translation");
                key.to_owned()
            }
        }
    }

    /// The best supported language for an Accept-Language header.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        // Ordered by quality; `de-AT` counts as `de`.
        accept_language::parse(accept_language)
            .iter()
            .find_map(|tag| Lang::from_code(&tag.split('-').next()?.to_ascii_lowercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }

    /// Keys in a Fluent file: `key = …` lines (attributes and variants are indented).
    #[cfg(feature = "ssr")]
    fn keys_of(lang: Lang) -> std::collections::BTreeSet<String> {
        let dir = format!("{}/locales/{}", env!("CARGO_MANIFEST_DIR"), lang.code());
        let mut text = String::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ftl") {
                text.push_str(&std::fs::read_to_string(&path).unwrap());
                text.push('\n');
            }
        }
        text.lines()
            .filter_map(|line| line.split_once(" ="))
            .map(|(key, _)| key)
            .filter(|key| {
                !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .map(str::to_owned)
            .collect()
    }

    /// Every string literal inside the parentheses of a call to one of the lookup functions,
    /// e.g. `t("key")`, `t_args("key", …)`, `t(if x { "a" } else { "b" })`.
    #[cfg(feature = "ssr")]
    fn keys_used_in(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        for call in ["t(", "t_args(", "t_in(", "tr(", "etr("] {
            let mut rest = source;
            while let Some(at) = rest.find(call) {
                let before = rest[..at].chars().last();
                rest = &rest[at + call.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let mut depth = 1;
                let mut end = 0;
                for (i, c) in rest.char_indices() {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                let args = &rest[..end];
                for literal in args.split('"').skip(1).step_by(2) {
                    let is_key = literal.contains('-')
                        && !literal.starts_with('-')
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if is_key {
                        found.push(literal.to_owned());
                    }
                }
            }
        }
        found
    }

    #[cfg(feature = "ssr")]
    fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_language_has_every_key_the_code_uses() {
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut used: Vec<(String, String)> = files
            .iter()
            .flat_map(|(path, text)| keys_used_in(text).into_iter().map(|k| (k, path.clone())))
            .collect();
        // Keys built at run time.
        for p in crate::kernel::Permission::ALL {
            used.push((
                format!("permission-{}", p.key().replace(['.', '_'], "-")),
                "Permission::label".into(),
            ));
        }
        for a in crate::kernel::audit::Action::ALL {
            used.push((
                format!("audit-action-{}", a.key().replace(['.', '_'], "-")),
                "Action::label".into(),
            ));
        }
        assert!(
            used.len() > 200,
            "the scan found too few keys: {}",
            used.len()
        );
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let defined = keys_of(lang);
            for (key, path) in &used {
                if !defined.contains(key) {
                    missing.push(format!("{}: {key} (used in {path})", lang.code()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "missing translations:\n{}",
            missing.join("\n")
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_language_file_has_the_same_keys() {
        let english = keys_of(Lang::En);
        assert!(english.len() > 200);
        for lang in [Lang::De, Lang::Es] {
            let other = keys_of(lang);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, not in English {extra:?}",
                lang.code()
            );
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn placeables_are_filled_and_plurals_chosen() {
        assert_eq!(
            t_in(Lang::En, "validation-too-long", &[("max", 7.into())]),
            "Must be at most 7 characters."
        );
        assert_eq!(
            t_in(Lang::De, "validation-too-long", &[("max", 7.into())]),
            "Höchstens 7 Zeichen."
        );
        assert_eq!(
            t_in(Lang::En, "roles-in-use", &[("count", 1.into())]),
            "1 administrator has this role; changes apply to them at once."
        );
        assert_eq!(
            t_in(
                Lang::En,
                "roles-error-in-use",
                &[("admins", 2.into()), ("invitations", 1.into())]
            ),
            "This role cannot be deleted: 2 administrators use it and 1 pending invitation offers it. Give them another role first."
        );
        // An unknown key shows itself rather than nothing.
        assert_eq!(t_in(Lang::Es, "no_such_key", &[]), "no_such_key");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn accept_language_picks_the_best_supported_language() {
        use server::negotiate;
        assert_eq!(negotiate("de-DE,de;q=0.9,en;q=0.8"), Some(Lang::De));
        assert_eq!(negotiate("fr-FR, es;q=0.5, en;q=0.4"), Some(Lang::Es));
        assert_eq!(negotiate("fr"), None);
        assert_eq!(negotiate(""), None);
    }
}
