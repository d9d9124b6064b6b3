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
