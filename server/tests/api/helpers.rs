//! Starts the real server on port 0 against a fresh database, on SQLite and, when
//! TEST_DATABASE_URL is set, on Postgres.

use std::sync::Arc;

use app::kernel::settings::Settings;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use tempfile::TempDir;
use tokio::sync::oneshot;

#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

/// SQLite always; Postgres too when TEST_DATABASE_URL names a server to create databases on.
pub fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Sqlite];
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => all.push(Backend::Postgres(url)),
        _ => {
            eprintln!("TEST_DATABASE_URL is not set: Postgres variants of these tests are skipped")
        }
    }
    all
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    pub dir: TempDir,
    /// Every SQL statement the server runs while recording is on (see `record_statements`).
    statements: Arc<std::sync::Mutex<Option<Vec<String>>>>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    /// The PostgreSQL test database (server URL, database URL), dropped again by `stop`.
    postgres: Option<(String, String)>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("GET failed")
    }

    /// Posts a form as `client` the way a hydrated island does; returns the status and JSON body.
    pub async fn post_as<K: serde::Serialize, V: serde::Serialize>(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(K, V)],
    ) -> (u16, serde_json::Value) {
        let request = client
            .post(self.url(path))
            .header("Accept", "application/json");
        let request = if is_multipart(path) {
            request.multipart(multipart_form(form, &[]))
        } else {
            request.form(form)
        };
        let res = request.send().await.expect("POST failed");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or_default())
    }

    /// Posts a multipart form with files, as the reply and note forms send it.
    pub async fn post_files(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
        files: &[(&str, &[u8])],
    ) -> (u16, serde_json::Value) {
        let res = client
            .post(self.url(path))
            .header("Accept", "application/json")
            .multipart(multipart_form(form, files))
            .send()
            .await
            .expect("POST failed");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or_default())
    }

    /// Posts a form to a server function the way a hydrated island does (no Accept: text/html).
    pub async fn call(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("POST failed")
    }

    /// Lets the server catch up with changes this test wrote straight into the database, as
    /// another node would: any request that is not a page view makes a node read the auth change
    /// log before it answers (`AuthCache::catch_up`), so once this returns the change holds.
    pub async fn settle(&self) {
        self.client
            .post(self.url("/healthz"))
            .send()
            .await
            .expect("POST failed");
    }

    /// Starts recording the SQL statements the server (and this test) runs.
    pub fn record_statements(&self) {
        *self.statements.lock().unwrap() = Some(Vec::new());
    }

    /// Stops recording and returns what was recorded.
    pub fn take_statements(&self) -> Vec<String> {
        self.statements.lock().unwrap().take().unwrap_or_default()
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(handle) = self.server.take() {
            tokio::time::timeout(std::time::Duration::from_secs(30), handle)
                .await
                .expect("the server shuts down within 30 s")
                .ok();
        }
        // Each test's database goes with it, so runs do not pile them up on the disk.
        if let Some((admin_url, url)) = self.postgres.take() {
            let _ = self.db.clone().close().await;
            drop_postgres(&admin_url, &url).await;
        }
    }
}

/// Drops a database made by `fresh_postgres` (its connections are closed first).
pub async fn drop_postgres(admin_url: &str, url: &str) {
    let Some(name) = url::Url::parse(url)
        .ok()
        .map(|u| u.path().trim_start_matches('/').to_owned())
        .filter(|n| n.starts_with("staffdesk_test_"))
    else {
        return;
    };
    if let Ok(admin) = Database::connect(admin_url).await {
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await;
        admin.close().await.ok();
    }
}

/// An HTTP client with its own cookie jar that does not follow redirects.
pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // A stuck request fails its test instead of stalling the whole run.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap()
}

/// The password every test admin gets.
pub const PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// Creates an admin with the given role key directly in the database.
    pub async fn create_admin(&self, username: &str, role: &str) -> app::entities::admin::Model {
        let input = app::auth::service::NewAdmin::parse(
            username,
            &format!("{username}@example.com"),
            "Test",
            username,
            PASSWORD,
            role,
        )
        .expect("valid admin");
        let hasher = app::kernel::password::Hasher::for_this_machine();
        app::auth::service::create_admin(&self.db, &hasher, chrono::Utc::now(), input)
            .await
            .expect("create admin")
    }

    /// Posts the login form as a hydrated island would; returns the response.
    pub async fn login_with(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        use server_fn::ServerFn;
        client
            .post(self.url(<app::login::api::Login as ServerFn>::PATH))
            .header("Accept", "application/json")
            .form(&[
                ("username", username),
                ("password", password),
                ("next", "/"),
            ])
            .send()
            .await
            .expect("login request")
    }

    /// The admin as a signed-in request sees them, for calling services directly.
    pub async fn actor(&self, admin_id: i32) -> app::kernel::CurrentAdmin {
        app::auth::service::load_current(&self.db, admin_id)
            .await
            .unwrap()
            .expect("an enabled admin")
    }

    /// Creates a custom role with exactly these permissions; returns its id.
    pub async fn add_role(&self, name: &str, permissions: &[app::kernel::Permission]) -> i32 {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let role = app::entities::role::ActiveModel {
            name: Set(name.into()),
            key: Set(None),
            built_in: Set(false),
            requires_two_factor: Set(false),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap();
        for p in permissions {
            app::entities::role_permission::ActiveModel {
                role_id: Set(role.id),
                permission: Set(p.key().to_owned()),
            }
            .insert(&self.db)
            .await
            .unwrap();
        }
        role.id
    }

    /// The id of the built-in role with this key.
    pub async fn role_id(&self, key: &str) -> i32 {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::entities::role::Entity::find()
            .filter(app::entities::role::Column::Key.eq(key))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    /// Creates a visible department directly in the database; returns its id.
    pub async fn add_department(&self, name: &str) -> i32 {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        app::entities::department::ActiveModel {
            name: Set(name.into()),
            email: Set(format!("{}@example.com", name.to_lowercase())),
            description: Set(String::new()),
            hidden: Set(false),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap()
        .id
    }

    /// Gives an admin a role by id, directly in the database.
    pub async fn set_role(&self, admin_id: i32, role_id: i32) {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        app::entities::admin::ActiveModel {
            id: Set(admin_id),
            role_id: Set(role_id),
            ..Default::default()
        }
        .update(&self.db)
        .await
        .unwrap();
    }

    /// Creates a Full Administrator and logs the app's own client in as them.
    pub async fn login_as_full_admin(&self) -> app::entities::admin::Model {
        let admin = self.create_admin("root", "full_administrator").await;
        let res = self.login_with(&self.client, "root", PASSWORD).await;
        assert_eq!(res.status(), 200, "login failed");
        admin
    }
}

/// A fresh Postgres database for one test, named after a random id.
pub async fn fresh_postgres(admin_url: &str) -> String {
    let admin = Database::connect(admin_url)
        .await
        .expect("cannot reach TEST_DATABASE_URL");
    let name = format!("staffdesk_test_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("cannot create a test database");
    admin.close().await.ok();
    let mut url = url::Url::parse(admin_url).expect("TEST_DATABASE_URL is not a URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

pub async fn spawn_app(backend: &Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: &Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut settings = Settings::default();
    settings.server.listen = "127.0.0.1:0".parse().unwrap();
    settings.server.data_dir = dir.path().join("data");
    settings.server.site_root = dir.path().join("site");
    settings.database.max_connections = 5;
    let mut postgres = None;
    if let Backend::Postgres(admin_url) = backend {
        settings.database.url = fresh_postgres(admin_url).await;
        postgres = Some((admin_url.clone(), settings.database.url.clone()));
    }
    let listener = tokio::net::TcpListener::bind(settings.server.listen)
        .await
        .expect("bind");
    let address = format!("http://{}", listener.local_addr().unwrap());
    settings.server.public_url = address.clone();
    adjust(&mut settings);

    let mut db = server::db::connect(&settings).await.expect("connect");
    // Set before the connection is cloned for the server, so the server's statements are seen too.
    let statements = Arc::new(std::sync::Mutex::new(None::<Vec<String>>));
    let sink = statements.clone();
    db.set_metric_callback(move |info| {
        if let Some(log) = sink.lock().unwrap().as_mut() {
            log.push(info.statement.to_string());
        }
    });
    server::db::migrate(&db).await.expect("migrate");
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn({
        let db = db.clone();
        let settings = Arc::new(settings);
        async move {
            server::serve(listener, settings, db, async {
                let _ = rx.await;
            })
            .await
            .expect("server failed");
        }
    });
    let client = new_client();
    TestApp {
        address,
        client,
        db,
        dir,
        statements,
        shutdown: Some(tx),
        server: Some(server),
        postgres,
    }
}

/// The server functions that take `multipart/form-data` (their forms upload files).
pub fn is_multipart(path: &str) -> bool {
    use server_fn::ServerFn;
    [
        <app::tickets::api::ReplyTicket as ServerFn>::PATH,
        <app::tickets::api::AddTicketNote as ServerFn>::PATH,
    ]
    .contains(&path)
}

/// A multipart form of text fields and `files` (name, content) sent as the `files` field.
pub fn multipart_form<K: serde::Serialize, V: serde::Serialize>(
    fields: &[(K, V)],
    files: &[(&str, &[u8])],
) -> reqwest::multipart::Form {
    let text = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(
            text(serde_json::to_value(k).unwrap()),
            text(serde_json::to_value(v).unwrap()),
        );
    }
    for (name, bytes) in files {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    }
    form
}

/// A real SMTP server writing every message into a Maildir; killed on drop.
pub struct SmtpSink {
    child: std::process::Child,
    maildir: std::path::PathBuf,
    pub port: u16,
}

impl SmtpSink {
    pub fn start(dir: &std::path::Path, port: u16) -> Self {
        let maildir = dir.join("maildir");
        let made = std::process::Command::new("python3")
            .args([
                "-c",
                &format!(
                    "import mailbox; mailbox.Maildir({:?}, create=True)",
                    maildir.display().to_string()
                ),
            ])
            .status()
            .expect("python3 is needed for the mail tests");
        assert!(made.success());
        let child = std::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd is needed for the mail tests (pip install aiosmtpd; .ci/setup --tests installs it)");
        // Owned from here on, so Drop stops the process whatever happens next.
        let sink = Self {
            child,
            maildir,
            port,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return sink;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("aiosmtpd did not start on port {port}");
    }

    pub fn messages(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.join("new"))
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| std::fs::read_to_string(e.path()).unwrap())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
