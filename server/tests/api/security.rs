//! The request security layer over real HTTP: cross-site refusal and the security headers.

use app::departments::api::CreateDepartment;
use app::entities::department;
use sea_orm::{EntityTrait, PaginatorTrait};
use server_fn::ServerFn;

use crate::helpers::{backends, spawn_app, spawn_app_with};

const CREATE: &str = <CreateDepartment as ServerFn>::PATH;
const FORM: &[(&str, &str)] = &[
    ("name", "Sales"),
    ("email", "sales@example.com"),
    ("description", ""),
];

#[tokio::test]
async fn a_post_from_another_origin_is_refused_and_writes_nothing() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    for (name, value) in [
        ("Origin", "https://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
    ] {
        let res = app
            .client
            .post(app.url(CREATE))
            .header(name, value)
            .form(FORM)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{name}: {value}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["code"], "CROSS_SITE");
    }
    assert_eq!(department::Entity::find().count(&app.db).await.unwrap(), 0);

    let same = app
        .client
        .post(app.url(CREATE))
        .header("Origin", app.address.as_str())
        .header("Sec-Fetch-Site", "same-origin")
        .form(FORM)
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), 200);
    assert_eq!(department::Entity::find().count(&app.db).await.unwrap(), 1);
    app.stop().await;
}

#[tokio::test]
async fn pages_carry_a_csp_whose_nonce_matches_their_scripts() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    for path in ["/", "/departments", "/missing"] {
        let res = app.get(path).await;
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.headers()["referrer-policy"], "same-origin");
        assert!(
            !res.headers().contains_key("strict-transport-security"),
            "no HSTS on http"
        );
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("CSP has a nonce")
            .to_owned();
        assert!(nonce.len() >= 16, "{nonce}");
        for directive in [
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "'strict-dynamic'",
            "'wasm-unsafe-eval'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        let html = res.text().await.unwrap();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: scripts lack the nonce"
        );
        assert!(
            !html.contains("<script>"),
            "{path}: a script without a nonce"
        );
    }
    let a = app.get("/").await.headers()["content-security-policy"].clone();
    let b = app.get("/").await.headers()["content-security-policy"].clone();
    assert_ne!(a, b, "each response gets a fresh nonce");
    app.stop().await;
}

#[tokio::test]
async fn https_deployments_send_hsts() {
    let app = spawn_app_with(&backends()[0], |s| {
        s.server.public_url = "https://admin.example.com".into()
    })
    .await;
    let res = app.get("/healthz").await;
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    app.stop().await;
}

/// Posts the department form without JavaScript; returns where the refusal sends the browser.
async fn refused_post_location(app: &crate::helpers::TestApp, name: &str, email: &str) -> String {
    let res = app
        .client
        .post(app.url(CREATE))
        .header("Accept", "text/html")
        .header("Referer", app.url("/departments"))
        .form(&[("name", name), ("email", email), ("description", "")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    res.headers()["location"].to_str().unwrap().to_owned()
}

fn without_param(location: &str, name: &str) -> String {
    let mut url = url::Url::parse(location).unwrap();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != name)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    url.query_pairs_mut().clear().extend_pairs(kept);
    url.to_string()
}

fn param(location: &str, name: &str) -> String {
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

#[tokio::test]
async fn a_page_shows_only_form_errors_this_server_signed() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    let page = |location: String| {
        let client = app.client.clone();
        async move {
            client
                .get(location)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    // Two real refusals with different messages.
    let taken = "A department named “Sales” already exists.";
    assert_eq!(app.call(CREATE, FORM).await.status(), 200);
    let duplicate = refused_post_location(&app, "Sales", "sales2@example.com").await;
    let billing_taken = "A department named “Billing” already exists.";
    app.add_department("Billing").await;
    let bad_email = refused_post_location(&app, "Billing", "billing2@example.com").await;
    assert!(page(bad_email.clone()).await.contains(billing_taken));
    assert!(page(duplicate.clone()).await.contains(taken));

    // Without the signature, or with another error's signature, nothing is shown.
    let unsigned = without_param(&duplicate, "__errsig");
    assert!(
        !page(unsigned).await.contains(taken),
        "an unsigned error was shown"
    );
    let mut swapped = url::Url::parse(&without_param(&duplicate, "__errsig")).unwrap();
    swapped
        .query_pairs_mut()
        .append_pair("__errsig", &param(&bad_email, "__errsig"));
    assert!(
        !page(swapped.to_string()).await.contains(taken),
        "an error was shown under another error's signature"
    );
    // A second `__err` after a genuine, signed one: Leptos would read the last.
    let mut doubled = url::Url::parse(&duplicate).unwrap();
    doubled
        .query_pairs_mut()
        .append_pair("__err", &param(&bad_email, "__err"));
    let html = page(doubled.to_string()).await;
    assert!(
        !html.contains(billing_taken) && !html.contains(taken),
        "an error was shown from a doubled parameter"
    );
    // A login link that carries an error: the login's redirect drops it.
    let client = crate::helpers::new_client();
    let next = format!(
        "/departments?__path={}&__err={}",
        CREATE,
        param(&duplicate, "__err")
    );
    let res = client
        .post(app.url(<app::login::api::Login as ServerFn>::PATH))
        .form(&[
            ("username", "root"),
            ("password", crate::helpers::PASSWORD),
            ("next", next.as_str()),
        ])
        .send()
        .await
        .unwrap();
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(!location.contains("__err"), "{location}");
    app.stop().await;
}

#[tokio::test]
async fn the_export_refuses_other_sites_and_quotes_every_field() {
    use app::entities::audit_event;
    use sea_orm::{ColumnTrait, QueryFilter};
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    let exports = || async {
        audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("audit.exported"))
            .count(&app.db)
            .await
            .unwrap()
    };
    // A link on another site: the browser marks the navigation cross-site.
    let res = app
        .client
        .get(app.url("/activity/export.csv"))
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("another website"));
    assert_eq!(exports().await, 0, "a cross-site link recorded an export");

    let res = app
        .client
        .get(app.url("/activity/export.csv"))
        .header("Sec-Fetch-Site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    assert_eq!(exports().await, 1);
    let mut lines = csv.lines();
    assert!(
        lines.next().unwrap().starts_with("\"id\",\"time\""),
        "{csv}"
    );
    for line in lines.filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with('"') && line.ends_with('"'),
            "unquoted: {line}"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn server_function_answers_are_never_cached() {
    use app::dashboard::api::GetDashboard;
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    for client in [app.client.clone(), crate::helpers::new_client()] {
        let res = client
            .post(app.url(<GetDashboard as ServerFn>::PATH))
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.headers()["cache-control"],
            "no-store",
            "{}",
            res.status()
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_answered_503() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app_with(&backends()[0], |s| s.server.request_timeout_seconds = 1).await;
    app.create_admin("root", "full_administrator").await;
    // Someone holds SQLite's write lock for longer than the limit: a login, which must write,
    // waits for it (up to the 5 s busy timeout).
    let holder = app::kernel::db::begin_write(&app.db).await.unwrap();
    holder
        .execute_unprepared("UPDATE admins SET notes = notes")
        .await
        .unwrap();
    let res = app
        .login_with(&app.client, "root", crate::helpers::PASSWORD)
        .await;
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "TIMEOUT");
    holder.rollback().await.unwrap();
    // Once the lock is free, the same login goes through.
    let res = app
        .login_with(&app.client, "root", crate::helpers::PASSWORD)
        .await;
    assert_eq!(res.status(), 200);
    app.stop().await;
}

/// The export goes through the same guard as every server function: without a session it is
/// sent to the login page, and a role without the export permission gets a 403 naming it in the
/// admin's language; nothing is recorded either way.
#[tokio::test]
async fn the_export_checks_its_permissions_through_the_shared_guard() {
    use app::entities::{admin, audit_event};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter};
    let app = spawn_app(&backends()[0]).await;
    let exports = || async {
        audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("audit.exported"))
            .count(&app.db)
            .await
            .unwrap()
    };
    let anonymous = crate::helpers::new_client();
    let res = anonymous
        .get(app.url("/activity/export.csv"))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/login?next="), "{location}");

    let viewer_only = app
        .add_role("Auditor", &[app::kernel::Permission::ViewAuditLog])
        .await;
    let ada = app.create_admin("ada", "support_operator").await;
    let mut row: admin::ActiveModel = ada.into();
    row.role_id = Set(viewer_only);
    row.language = Set("de".into());
    row.update(&app.db).await.unwrap();
    assert_eq!(
        app.login_with(&app.client, "ada", crate::helpers::PASSWORD)
            .await
            .status(),
        200
    );
    let res = app
        .client
        .get(app.url("/activity/export.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let text = res.text().await.unwrap();
    assert!(
        text.contains("„Aktivitätsprotokoll exportieren“"),
        "not the translated permission refusal: {text}"
    );
    assert_eq!(exports().await, 0, "a refused export was recorded");
    app.stop().await;
}
