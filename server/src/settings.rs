//! Loads the settings: defaults, then Leptos.toml, then `STAFFDESK_*` environment variables.

use std::path::Path;

use app::kernel::crypto::SecretKey;
use app::kernel::settings::Settings;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};

/// A setting that stops the server at start, with the key it concerns.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid setting `{key}`{origin}: {problem}")]
pub struct SettingsError {
    pub key: String,
    pub origin: String,
    pub problem: String,
}

impl SettingsError {
    fn new(key: &str, problem: impl Into<String>) -> Self {
        Self {
            key: key.to_owned(),
            origin: String::new(),
            problem: problem.into(),
        }
    }
}

/// Environment variables name nested keys with a double underscore:
/// `STAFFDESK_SERVER__LISTEN` sets `server.listen`.
pub const ENV_PREFIX: &str = "STAFFDESK_";

/// Reads the settings. A missing file is fine only when it was not asked for explicitly.
pub fn load(path: &Path, required: bool) -> Result<Settings, SettingsError> {
    if required && !path.is_file() {
        return Err(SettingsError::new(
            "config",
            format!("the settings file {} does not exist", path.display()),
        ));
    }
    let figment = Figment::from(Serialized::defaults(Settings::default()))
        .merge(Toml::file(path))
        // cargo-leptos tells the server where it put the compiled site.
        .merge(
            Env::raw()
                .only(&["LEPTOS_SITE_ROOT"])
                .map(|_| "server.site_root".into()),
        )
        .merge(
            Env::prefixed(ENV_PREFIX)
                .split("__")
                .ignore(&["config", "log"]),
        );
    let settings: Settings = figment.extract().map_err(from_figment)?;
    validate(&settings)?;
    Ok(settings)
}

fn from_figment(err: figment::Error) -> SettingsError {
    let err = err
        .into_iter()
        .next()
        .unwrap_or_else(|| figment::Error::from("unknown error".to_owned()));
    let key = if err.path.is_empty() {
        "(settings)".to_owned()
    } else {
        err.path.join(".")
    };
    let origin = match &err.metadata {
        Some(meta) => {
            let name = meta.name.to_string();
            match &meta.source {
                Some(figment::Source::File(file)) => format!(" (in {})", file.display()),
                _ if name.contains("environment") => {
                    format!(
                        " (from environment variable {ENV_PREFIX}{})",
                        key.to_uppercase().replace('.', "__")
                    )
                }
                _ => format!(" (from {name})"),
            }
        }
        None => String::new(),
    };
    let problem = match &err.kind {
        figment::error::Kind::UnknownField(field, _) => format!("`{field}` is not a known setting"),
        kind => kind.to_string(),
    };
    SettingsError {
        key,
        origin,
        problem,
    }
}

/// Checks what the types alone cannot.
fn validate(s: &Settings) -> Result<(), SettingsError> {
    match url::Url::parse(&s.server.public_url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {}
        _ => {
            return Err(SettingsError::new(
                "server.public_url",
                format!(
                    "{:?} is not an absolute http:// or https:// URL",
                    s.server.public_url
                ),
            ));
        }
    }
    if !(1..=100).contains(&s.tickets.attachment_max_mb) {
        return Err(SettingsError::new(
            "tickets.attachment_max_mb",
            "must be between 1 and 100",
        ));
    }
    if !(1..=20).contains(&s.tickets.attachments_per_message) {
        return Err(SettingsError::new(
            "tickets.attachments_per_message",
            "must be between 1 and 20",
        ));
    }
    if s.tickets.auto_close_hours > 87_600 {
        return Err(SettingsError::new(
            "tickets.auto_close_hours",
            "must be between 0 (off) and 87600 (ten years)",
        ));
    }
    if let Some(bad) = s
        .tickets
        .attachment_extensions
        .iter()
        .find(|e| app::tickets::attachments::Kind::for_extension(e).is_none())
    {
        return Err(SettingsError::new(
            "tickets.attachment_extensions",
            format!("{bad:?} is not a type Staffdesk can check by content"),
        ));
    }
    let metrics = s.server.metrics_listen.trim();
    if !metrics.is_empty() && metrics.parse::<std::net::SocketAddr>().is_err() {
        return Err(SettingsError::new(
            "server.metrics_listen",
            format!("{metrics:?} is not an address and port such as 127.0.0.1:9464"),
        ));
    }
    if !(1..=3600).contains(&s.server.jobs_every_seconds) {
        return Err(SettingsError::new(
            "server.jobs_every_seconds",
            "must be between 1 and 3600",
        ));
    }
    if s.server.body_limit_kb == 0 {
        return Err(SettingsError::new(
            "server.body_limit_kb",
            "must be at least 1",
        ));
    }
    let url = s.database.url.trim();
    if !(url.is_empty()
        || url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://"))
    {
        return Err(SettingsError::new(
            "database.url",
            "must be empty (embedded SQLite), a sqlite: URL or a postgres:// URL",
        ));
    }
    if s.database.max_connections == 0 {
        return Err(SettingsError::new(
            "database.max_connections",
            "must be at least 1",
        ));
    }
    if s.mail.from.trim().is_empty() || !s.mail.from.contains('@') {
        return Err(SettingsError::new(
            "mail.from",
            "must be an address such as Staffdesk <staffdesk@example.com>",
        ));
    }
    if s.mail.transport == app::kernel::settings::MailTransport::Smtp
        && s.mail.smtp_host.trim().is_empty()
    {
        return Err(SettingsError::new(
            "mail.smtp_host",
            "must be set when mail.transport is \"smtp\"",
        ));
    }
    if s.organization.name.trim().is_empty() || s.organization.name.chars().count() > 100 {
        return Err(SettingsError::new(
            "organization.name",
            "must be 1 to 100 characters",
        ));
    }
    if app::kernel::i18n::Lang::from_code(&s.organization.language).is_none() {
        return Err(SettingsError::new(
            "organization.language",
            "must be one of: en, de, es",
        ));
    }
    if app::kernel::validation::Email::parse(&s.invitations.bootstrap_email).is_err() {
        return Err(SettingsError::new(
            "invitations.bootstrap_email",
            "must be an email address",
        ));
    }
    if !(1..=365).contains(&s.invitations.validity_days) {
        return Err(SettingsError::new(
            "invitations.validity_days",
            "must be between 1 and 365",
        ));
    }
    if s.sessions.idle_timeout_minutes == 0 {
        return Err(SettingsError::new(
            "sessions.idle_timeout_minutes",
            "must be at least 1",
        ));
    }
    if s.sessions.absolute_timeout_hours == 0 {
        return Err(SettingsError::new(
            "sessions.absolute_timeout_hours",
            "must be at least 1",
        ));
    }
    if u64::from(s.sessions.idle_timeout_minutes)
        > u64::from(s.sessions.absolute_timeout_hours) * 60
    {
        return Err(SettingsError::new(
            "sessions.idle_timeout_minutes",
            "must not exceed sessions.absolute_timeout_hours",
        ));
    }
    if s.security.ban_after_failures > 0 && s.security.ban_minutes == 0 {
        return Err(SettingsError::new(
            "security.ban_minutes",
            "must be at least 1 while security.ban_after_failures is not 0",
        ));
    }
    if let Err(problem) = app::kernel::client_ip::TrustedProxies::parse(&s.server.trusted_proxies) {
        return Err(SettingsError::new("server.trusted_proxies", problem));
    }
    if !s.security.secret_key.trim().is_empty()
        && let Err(err) = SecretKey::from_base64(&s.security.secret_key)
    {
        return Err(SettingsError::new("security.secret_key", err.to_string()));
    }
    Ok(())
}

/// The key that encrypts two-factor secrets: the setting, or else `<data_dir>/secret.key`, which
/// is created (readable by its owner only) the first time.
pub fn secret_key(settings: &Settings) -> Result<SecretKey, SettingsError> {
    let configured = settings.security.secret_key.trim();
    if !configured.is_empty() {
        return SecretKey::from_base64(configured)
            .map_err(|e| SettingsError::new("security.secret_key", e.to_string()));
    }
    let path = settings.server.data_dir.join("secret.key");
    let file_error = |problem: String| SettingsError::new("security.secret_key", problem);
    match std::fs::read_to_string(&path) {
        Ok(text) => SecretKey::from_base64(&text)
            .map_err(|e| file_error(format!("the key file {}: {e}", path.display()))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let (key, text) = SecretKey::generate();
            write_private(&path, &text)
                .map_err(|e| file_error(format!("cannot create {}: {e}", path.display())))?;
            tracing::warn!(
                path = %path.display(),
                "created a new key for two-factor secrets; back it up, or set security.secret_key"
            );
            Ok(key)
        }
        Err(err) => Err(file_error(format!("cannot read {}: {err}", path.display()))),
    }
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(contents: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), contents).unwrap();
        file
    }

    #[test]
    fn the_shipped_leptos_toml_equals_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Leptos.toml");
        let shipped: Settings = Figment::from(Toml::file(&path)).extract().unwrap();
        assert_eq!(shipped, Settings::default());
    }

    #[test]
    fn a_wrongly_typed_value_names_its_key_and_file() {
        let file = write("[mail]\nsmtp_port = \"twenty-five\"\n");
        let err = load(file.path(), true).unwrap_err();
        assert_eq!(err.key, "mail.smtp_port");
        assert!(
            err.origin.contains(&file.path().display().to_string()),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_key_is_refused_instead_of_ignored() {
        let file = write("[invitations]\nvalidity_dayz = 3\n");
        let err = load(file.path(), true).unwrap_err();
        assert_eq!(err.key, "invitations.validity_dayz");
        assert!(err.problem.contains("not a known setting"), "{err}");
    }

    #[test]
    fn a_relative_public_url_is_refused() {
        let file = write("[server]\npublic_url = \"/admin\"\n");
        assert_eq!(
            load(file.path(), true).unwrap_err().key,
            "server.public_url"
        );
    }

    #[test]
    fn an_out_of_range_validity_is_refused() {
        let file = write("[invitations]\nvalidity_days = 0\n");
        assert_eq!(
            load(file.path(), true).unwrap_err().key,
            "invitations.validity_days"
        );
    }

    #[test]
    fn trusted_proxies_take_addresses_and_blocks_and_name_a_bad_entry() {
        let file =
            write("[server]\ntrusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\", \"fd00::/8\"]\n");
        let s = load(file.path(), true).unwrap();
        assert_eq!(s.server.trusted_proxies.len(), 3);
        let file = write("[server]\ntrusted_proxies = [\"10.0.0.0/8\", \"proxy.internal\"]\n");
        let err = load(file.path(), true).unwrap_err();
        assert_eq!(err.key, "server.trusted_proxies");
        assert!(err.problem.contains("proxy.internal"), "{err}");
    }

    #[test]
    fn a_missing_explicit_file_is_an_error() {
        let err = load(Path::new("/nonexistent/Leptos.toml"), true).unwrap_err();
        assert_eq!(err.key, "config");
    }

    #[test]
    fn file_values_override_defaults() {
        let file =
            write("[security]\nban_after_failures = 0\n[database]\nurl = \"postgres://u@h/db\"\n");
        let s = load(file.path(), true).unwrap();
        assert_eq!(s.security.ban_after_failures, 0);
        assert_eq!(s.database_url(), "postgres://u@h/db");
    }

    #[test]
    fn empty_database_url_means_sqlite_in_the_data_dir() {
        let s = Settings::default();
        assert_eq!(s.database_url(), "sqlite://data/staffdesk.db?mode=rwc");
    }
}
