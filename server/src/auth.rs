//! Who is asking: loads the signed-in admin for every request and sends anonymous page views to login.

use std::sync::Arc;

use app::auth::service;
use app::kernel::auth_cache::AuthCache;
use app::kernel::guard::Authenticated;
use app::kernel::i18n::Lang;
use app::kernel::session_store::{AUTH_AT, DbSessionStore, EPOCH, TOUCHED_AT};
use app::kernel::settings::Settings;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::DatabaseConnection;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

#[derive(Clone)]
pub struct AuthState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// The stylesheet's address, for the one page written here by hand.
    pub stylesheet: Arc<str>,
    /// This node's signed-in sessions and admins.
    pub cache: AuthCache,
    /// Figures shared between requests: a request that may have written makes them stale.
    pub memo: Arc<app::kernel::memo::Memo>,
}

/// The session cookie of one area: HttpOnly, SameSite=Lax; on https also Secure with the
/// `__Host-` prefix. The staff area and the Client Area each have their own cookie (and layer), so
/// a session of one is never even read in the other.
pub fn session_layer(
    settings: &Settings,
    db: DatabaseConnection,
    cache: AuthCache,
    kind: app::kernel::PrincipalKind,
) -> SessionManagerLayer<DbSessionStore> {
    let https = settings.is_https();
    let name = match (kind, https) {
        (app::kernel::PrincipalKind::Staff, true) => "__Host-staffdesk_session",
        (app::kernel::PrincipalKind::Staff, false) => "staffdesk_session",
        (app::kernel::PrincipalKind::ClientUser, true) => "__Host-staffdesk_client",
        (app::kernel::PrincipalKind::ClientUser, false) => "staffdesk_client",
    };
    SessionManagerLayer::new(DbSessionStore::with_cache(db, cache))
        .with_name(name)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(https)
        .with_path("/")
        // Not saved on every request: `current` touches a session at most once a minute, which
        // keeps the idle timeout (to the minute) without a database write per request.
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(i64::from(
            settings.sessions.idle_timeout_minutes,
        ))))
}

/// Whether a path belongs to the Client Area: its pages and its server functions.
pub fn in_client_area(path: &str) -> bool {
    path == "/client" || path.starts_with("/client/")
}

/// A path prefix: the path itself, or everything under a folder (ending in `/`).
#[derive(Clone, Copy, Debug)]
enum Paths {
    Exactly(&'static str),
    Under(&'static str),
}

impl Paths {
    fn matches(self, path: &str) -> bool {
        match self {
            Self::Exactly(p) => path == p,
            Self::Under(prefix) => path.starts_with(prefix),
        }
    }
}

/// One area of the site: who signs in to it, where its login page and home are, and what in it
/// anyone may fetch. Everything else in it needs a session of its kind; a session of one kind
/// never opens another area (`SessionHold::admin`, `SessionHold::user`).
struct Area {
    kind: app::kernel::PrincipalKind,
    login: &'static str,
    home: &'static str,
    public: &'static [Paths],
}

/// The staff admin area: the whole site outside other areas.
const STAFF: Area = Area {
    kind: app::kernel::PrincipalKind::Staff,
    login: "/login",
    home: "/",
    public: &[
        Paths::Exactly("/login"),
        Paths::Exactly("/login/two-factor"),
        Paths::Under("/invite/"),
        Paths::Under("/reset/"),
        // The status page, the knowledgebase, announcements and the sitemap, for anyone.
        Paths::Exactly("/network-status"),
        Paths::Exactly("/announcements"),
        Paths::Under("/announcements/"),
        Paths::Exactly("/knowledgebase"),
        Paths::Under("/knowledgebase/"),
        Paths::Exactly("/sitemap.xml"),
    ],
};

/// The Client Area, under `/client`.
const CLIENT: Area = Area {
    kind: app::kernel::PrincipalKind::ClientUser,
    login: "/client/login",
    home: "/client",
    public: &[
        Paths::Exactly("/client/login"),
        Paths::Exactly("/client/login/two-factor"),
        Paths::Exactly("/client/reset"),
        Paths::Under("/client/reset/"),
        Paths::Under("/client/invite/"),
        Paths::Under("/client/login-as/"),
        // Its server functions check the session themselves and answer 401.
        Paths::Under("/client/api/"),
    ],
};

/// What anyone may fetch in every area: health, static files, and server functions (which check
/// the session themselves and answer 401).
const EVERYWHERE_PUBLIC: &[Paths] = &[
    Paths::Exactly("/healthz"),
    Paths::Exactly("/readyz"),
    Paths::Exactly("/favicon.svg"),
    Paths::Exactly("/favicon.ico"),
    Paths::Under("/pkg/"),
    Paths::Under("/api/"),
];

/// The area a path belongs to.
fn area_of(path: &str) -> &'static Area {
    if in_client_area(path) {
        &CLIENT
    } else {
        &STAFF
    }
}

/// Paths anyone may fetch.
fn is_public(path: &str) -> bool {
    EVERYWHERE_PUBLIC
        .iter()
        .chain(area_of(path).public)
        .any(|p| p.matches(path))
}

const ENROLMENT_PAGE: &str = "/account/two-factor";

/// What an admin who must set up two-factor may still reach: the set-up pages, their server
/// functions, and logout.
fn is_enrolment(path: &str) -> bool {
    use app::auth::api::Logout;
    use app::two_factor::api::{
        ConfirmTwoFactorSetup, GetTwoFactorStatus, StartTwoFactorSetup, TakeNewRecoveryCodes,
    };
    use leptos::server_fn::ServerFn;
    path == ENROLMENT_PAGE
        || path.starts_with("/account/two-factor/")
        || [
            GetTwoFactorStatus::PATH,
            StartTwoFactorSetup::PATH,
            ConfirmTwoFactorSetup::PATH,
            TakeNewRecoveryCodes::PATH,
            Logout::PATH,
        ]
        .contains(&path)
}

fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path.starts_with("/favicon")
}

pub async fn authenticate(
    State(state): State<AuthState>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    if is_static(&path) {
        return next.run(req).await;
    }
    let area = area_of(&path);
    let signed = match current(&state, &session, area.kind).await {
        Ok(signed) => signed,
        Err(err) => {
            tracing::error!(error = %err, "cannot load the session");
            return unavailable(&state.stylesheet);
        }
    };
    let is_page_view = matches!(*req.method(), Method::GET | Method::HEAD);
    let chosen = is_page_view.then(|| chosen_language(&req)).flatten();
    let lang = match &signed {
        Some(signed) => signed.language(),
        None => chosen.unwrap_or_else(|| visitor_language(&req, &state.settings)),
    };
    req.extensions_mut().insert(lang);
    match &signed {
        // The dashboard's event stream answers 401 rather than redirecting to a login page.
        None if path.starts_with("/events/") => {
            return axum::http::StatusCode::UNAUTHORIZED.into_response();
        }
        None if is_page_view && !is_public(&path) => {
            let target = req.uri().path_and_query().map_or("/", |pq| pq.as_str());
            let location = format!(
                "{}?next={}",
                area.login,
                url::form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
            );
            return Redirect::to(&location).into_response();
        }
        Some(_) if is_page_view && path == area.login => {
            return Redirect::to(area.home).into_response();
        }
        _ => {}
    }
    if let Some(Signed::Admin(admin)) = &signed
        && admin.must_enrol_two_factor
        && !is_enrolment(&path)
    {
        // Until an admin whose role requires it has set up two-factor, nothing else opens.
        if is_page_view {
            return Redirect::to(ENROLMENT_PAGE).into_response();
        }
        return (
            axum::http::StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            app::kernel::i18n::t_in(lang, "twofa-required-notice", &[]),
        )
            .into_response();
    }
    match signed {
        Some(Signed::Admin(admin)) => {
            req.extensions_mut().insert(Authenticated(Arc::new(admin)));
        }
        Some(Signed::User(user)) => {
            req.extensions_mut()
                .insert(app::kernel::guard::UserAuthenticated(Arc::new(user)));
        }
        None => {}
    }
    let mut res = next.run(req).await;
    if !is_page_view {
        state.memo.invalidate();
        // This request may have changed a session, an admin or a role: drop what this node has
        // cached of it before answering, so the change holds here from the next request on.
        state
            .cache
            .catch_up_after(&state.db, std::time::Instant::now())
            .await;
    }
    if let Some(lang) = chosen {
        remember_language(&mut res, lang, state.settings.is_https());
    }
    // Pages behind a login must not be kept in shared caches or the back-forward cache after logout,
    // and no server function's answer may be kept by any cache at all.
    // The status page reads the staff session too (for its language): it is not kept either.
    if !is_public(&path) || crate::security::is_server_function(&path) || path == "/network-status"
    {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
    }
    res
}

/// Who a request's session signs in: an admin in the staff area, a user in the Client Area.
enum Signed {
    Admin(app::kernel::CurrentAdmin),
    User(app::kernel::CurrentUser),
}

impl Signed {
    fn language(&self) -> Lang {
        match self {
            Self::Admin(admin) => admin.language,
            Self::User(user) => user.language,
        }
    }
}

const LANG_COOKIE: &str = "staffdesk_lang";

/// A language picked with the switcher on pages before login: `?lang=de`.
fn chosen_language(req: &Request) -> Option<Lang> {
    url::form_urlencoded::parse(req.uri().query()?.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::from_code(&v))
}

/// Before login: the language picked earlier (cookie), else the browser's, else the organization's.
fn visitor_language(req: &Request, settings: &Settings) -> Lang {
    let headers = req.headers();
    let from_cookie =
        app::kernel::guard::cookie(headers, LANG_COOKIE).and_then(|v| Lang::from_code(&v));
    from_cookie
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(app::kernel::i18n::server::negotiate)
        })
        .or_else(|| Lang::from_code(&settings.organization.language))
        .unwrap_or_default()
}

fn remember_language(res: &mut Response, lang: Lang, https: bool) {
    let secure = if https { "; Secure" } else { "" };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    );
    if let Ok(value) = header::HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// The admin or user of this session, as the area (`kind`) asks; ends the session when its person
/// is gone or disabled, ended their sessions after it was issued, or it is past the absolute
/// timeout.
async fn current(
    state: &AuthState,
    session: &Session,
    kind: app::kernel::PrincipalKind,
) -> Result<Option<Signed>, String> {
    let Some(hold) = SessionHold::of(session).await.map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    let signed = match kind {
        app::kernel::PrincipalKind::Staff => hold
            .admin_cached(&state.cache, &state.db, &state.settings)
            .await
            .map_err(|e| e.to_string())?
            .map(Signed::Admin),
        app::kernel::PrincipalKind::ClientUser => hold
            .user(session, &state.db, &state.settings)
            .await
            .map_err(|e| e.to_string())?
            .map(Signed::User),
    };
    if signed.is_none() {
        session.flush().await.map_err(|e| e.to_string())?;
    } else {
        let now = chrono::Utc::now().timestamp();
        let touched = session
            .get::<i64>(TOUCHED_AT)
            .await
            .map_err(|e| e.to_string())?
            .unwrap_or(0);
        if now - touched >= 60 {
            // Changing the session saves it: its expiry and last-seen time move on.
            session
                .insert(TOUCHED_AT, now)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(signed)
}

/// When sessions cannot be read, nobody can be told apart: say so plainly instead of showing login.
fn unavailable(stylesheet: &str) -> Response {
    let head = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Temporarily unavailable — Staffdesk</title><link rel="stylesheet" href=""#;
    let body = r#""></head><body><main class="content"><section class="card error-page" role="alert"><p class="error-code">DATABASE_UNAVAILABLE</p><h1>Staffdesk is temporarily unavailable</h1><p>It cannot reach its database right now. Please try again in a minute; if this persists, tell your administrator.</p></section></main></body></html>"#;
    let page = format!("{head}{stylesheet}{body}");
    (
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::RETRY_AFTER, "60"),
        ],
        page,
    )
        .into_response()
}

/// A signed-in session, as every request checks it and as a long-lived response (the dashboard's
/// event stream) checks it again on every refresh.
#[derive(Clone, Debug)]
pub struct SessionHold {
    id_hash: String,
    principal: app::kernel::Principal,
    auth_at: i64,
    epoch: i64,
}

impl SessionHold {
    /// The hold on this request's session, if it is signed in.
    pub async fn of(session: &Session) -> Result<Option<Self>, tower_sessions::session::Error> {
        let (Some(principal), Some(id)) = (
            app::kernel::session_store::principal(session).await?,
            session.id(),
        ) else {
            return Ok(None);
        };
        Ok(Some(Self {
            id_hash: app::kernel::session_store::hash_id(&id),
            principal,
            auth_at: session.get::<i64>(AUTH_AT).await?.unwrap_or(0),
            // A session from before epochs existed holds epoch 0: alive until the admin's
            // sessions end.
            epoch: session.get::<i64>(EPOCH).await?.unwrap_or(0),
        }))
    }

    /// Whether this session may open the area of `kind` at all: it is a session of that kind,
    /// within the absolute timeout.
    fn opens(&self, kind: app::kernel::PrincipalKind, settings: &Settings) -> bool {
        let absolute = i64::from(settings.sessions.absolute_timeout_hours) * 3600;
        // A session of another kind of principal never opens the area.
        self.principal.kind == kind && chrono::Utc::now().timestamp() - self.auth_at <= absolute
    }

    fn opens_staff_area(&self, settings: &Settings) -> bool {
        self.opens(STAFF.kind, settings)
    }

    /// The Client Area user, unless the session is past the absolute timeout, or its user is
    /// gone, disabled or has ended their sessions since it was issued.
    pub async fn user(
        &self,
        session: &Session,
        db: &DatabaseConnection,
        settings: &Settings,
    ) -> Result<Option<app::kernel::CurrentUser>, String> {
        if !self.opens(CLIENT.kind, settings) {
            return Ok(None);
        }
        let wanted = session
            .get::<i32>(app::users::service::CLIENT_ID)
            .await
            .map_err(|e| e.to_string())?;
        let staff_id = session
            .get::<i32>(app::users::service::STAFF_ID)
            .await
            .map_err(|e| e.to_string())?;
        let staff_epoch = session
            .get::<i64>(app::users::service::STAFF_EPOCH)
            .await
            .map_err(|e| e.to_string())?;
        let staff = staff_id.map(|id| (id, staff_epoch.unwrap_or(-1)));
        app::users::service::load_for_session(db, self.principal.id, self.epoch, wanted, staff)
            .await
            .map_err(|e| e.to_string())
    }

    /// The admin, unless the session is past the absolute timeout, or its admin is gone, disabled
    /// or has ended their sessions since it was issued.
    pub async fn admin(
        &self,
        db: &DatabaseConnection,
        settings: &Settings,
    ) -> Result<Option<app::kernel::CurrentAdmin>, sea_orm::DbErr> {
        if !self.opens_staff_area(settings) {
            return Ok(None);
        }
        service::load_for_session(db, self.principal.id, Some(self.epoch)).await
    }

    /// As `admin`, from this node's cache when it holds the admin for this session's epoch.
    pub async fn admin_cached(
        &self,
        cache: &AuthCache,
        db: &DatabaseConnection,
        settings: &Settings,
    ) -> Result<Option<app::kernel::CurrentAdmin>, sea_orm::DbErr> {
        if !self.opens_staff_area(settings) {
            return Ok(None);
        }
        if let Some(admin) = cache.admin(self.principal.id, self.epoch) {
            return Ok(Some(admin));
        }
        let ticket = cache.ticket();
        let admin = service::load_for_session(db, self.principal.id, Some(self.epoch)).await?;
        if let Some(admin) = &admin {
            cache.keep_admin(self.epoch, admin.clone(), ticket);
        }
        Ok(admin)
    }

    /// As `admin`, and only while the session's row still exists and is not past the idle
    /// timeout: what a response outliving its request checks.
    pub async fn check(
        &self,
        db: &DatabaseConnection,
        settings: &Settings,
    ) -> Result<Option<app::kernel::CurrentAdmin>, sea_orm::DbErr> {
        use app::entities::session as row;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let alive = row::Entity::find_by_id(self.id_hash.clone())
            .filter(row::Column::ExpiresAt.gt(chrono::Utc::now()))
            .filter(app::kernel::session_store::sessions_of(self.principal))
            .one(db)
            .await?
            .is_some();
        if !alive {
            return Ok(None);
        }
        self.admin(db, settings).await
    }
}
