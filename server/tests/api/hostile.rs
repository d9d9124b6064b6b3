//! Hostile input against every server function: oversized bodies, missing fields, wrong types,
//! markup, SQL metacharacters, NUL bytes and invalid UTF-8. Each gets a clear 4xx (or a normal
//! answer when the input is acceptable), never a 5xx, and stored markup is shown as text.

use server_fn::ServerFn;

use crate::access::{protected, public};
use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app_with};

const MARKUP: &str = "<script>alert('xss')</script><img src=x onerror=alert(1)>";
const SQL: &str = "x'); DROP TABLE admins; -- \" OR 1=1";
const NUL: &str = "nul\0byte";

/// The fields of the server functions anyone may call.
fn public_fields(path: &str) -> Vec<(&'static str, &'static str)> {
    use app::admins::api::{CompletePasswordReset, LookupPasswordReset};
    use app::invitations::api::{AcceptInvitation, LookupInvitation};
    use app::login::api::Login;
    use app::login::api::VerifyLoginCode;
    let token = ("token", "t");
    let password = [("password", "p"), ("password_confirmation", "p")];
    match path {
        p if p == Login::PATH => vec![("username", "u"), ("password", "p"), ("next", "/")],
        p if p == LookupInvitation::PATH || p == LookupPasswordReset::PATH => vec![token],
        p if p == AcceptInvitation::PATH => [token, ("username", "u")]
            .into_iter()
            .chain(password)
            .collect(),
        p if p == CompletePasswordReset::PATH => [token].into_iter().chain(password).collect(),
        p if p == VerifyLoginCode::PATH => vec![("code", "c"), ("next", "/")],
        _ => vec![],
    }
}

/// Every (path, form) pair the access table knows, each form's values replaced by `value`.
fn variants(value: &str) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    protected()
        .into_iter()
        .chain(public().into_iter().map(|p| (p, public_fields(p))))
        .map(|(path, form)| {
            let form = form
                .into_iter()
                .map(|(k, _)| (k, value.to_owned()))
                .collect();
            (path, form)
        })
        .collect()
}

/// What one request got back, for the failure report.
struct Outcome {
    what: String,
    status: u16,
    body: String,
}

async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    body: Vec<u8>,
    content_type: &str,
    what: &str,
) -> Outcome {
    let res = client
        .post(app.url(path))
        .header("Accept", "application/json")
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .expect("the server answers");
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    Outcome {
        what: format!("{what} {path}"),
        status,
        body,
    }
}

fn form_body(form: &[(&str, String)]) -> Vec<u8> {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
        .finish()
        .into_bytes()
}

/// Requests a signed-in admin and an anonymous caller both make.
async fn sweep(app: &TestApp, client: &reqwest::Client, who: &str) -> Vec<Outcome> {
    use app::auth::api::Logout;
    let form = "application/x-www-form-urlencoded";
    let mut out = Vec::new();
    for value in [MARKUP, SQL, NUL, "abc", "-1", "99999999999999999999", ""] {
        for (path, fields) in variants(value) {
            if path == Logout::PATH {
                continue;
            }
            out.push(
                send(
                    app,
                    client,
                    path,
                    form_body(&fields),
                    form,
                    &format!("{who} {value:?}"),
                )
                .await,
            );
        }
    }
    for (path, fields) in variants("ok") {
        if path == Logout::PATH {
            continue;
        }
        // Every field missing.
        out.push(send(app, client, path, Vec::new(), form, &format!("{who} empty")).await);
        // Invalid UTF-8, raw and percent-encoded.
        let mut raw: Vec<u8> = Vec::new();
        for (k, _) in &fields {
            raw.extend_from_slice(k.as_bytes());
            raw.extend_from_slice(b"=\xff\xfe\xfd&");
        }
        raw.extend_from_slice(b"x=%FF%FE");
        out.push(
            send(
                app,
                client,
                path,
                raw,
                form,
                &format!("{who} invalid UTF-8"),
            )
            .await,
        );
        // A body over the limit.
        let big = format!(
            "{}={}",
            fields.first().map_or("x", |(k, _)| k),
            "a".repeat(300 * 1024)
        );
        out.push(
            send(
                app,
                client,
                path,
                big.into_bytes(),
                form,
                &format!("{who} 300 KiB"),
            )
            .await,
        );
        // A body of the wrong kind.
        out.push(
            send(
                app,
                client,
                path,
                b"{\"admin_id\": {\"$ne\": 1}}".to_vec(),
                "application/json",
                &format!("{who} JSON"),
            )
            .await,
        );
    }
    out
}

#[tokio::test]
async fn hostile_input_to_every_server_function_gets_a_clear_answer_and_never_a_5xx() {
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| s.security.ban_after_failures = 0).await;
        app.login_as_full_admin().await;
        let mut outcomes = sweep(&app, &app.client, "signed in").await;
        outcomes.extend(sweep(&app, &new_client(), "anonymous").await);
        let failures: Vec<String> = outcomes
            .iter()
            .filter(|o| {
                // A clear answer: an error with a message, or a link lookup's named problem (its
                // page explains it), or the body-size limit's 413.
                let clear = o.body.contains("\"message\"") || o.body.starts_with("{\"Problem\"");
                let unclear = o.status >= 400 && o.status != 413 && !clear;
                o.status >= 500 || unclear
            })
            .map(|o| {
                format!(
                    "{} -> {} {}",
                    o.what,
                    o.status,
                    o.body.chars().take(200).collect::<String>()
                )
            })
            .collect();
        assert!(
            outcomes.len() > 500,
            "{backend:?}: only {} requests were sent",
            outcomes.len()
        );
        assert!(failures.is_empty(), "{backend:?}:\n{}", failures.join("\n"));
        // Oversized bodies are refused before any handler runs; the upload forms, which take
        // more, refuse anything but multipart before any handler runs.
        let upload = |what: &str| what.split_whitespace().any(crate::helpers::is_multipart);
        assert!(
            outcomes
                .iter()
                .filter(|o| o.what.contains("300 KiB"))
                .all(|o| o.status == if upload(&o.what) { 415 } else { 413 })
        );

        // Whatever was stored is shown as text on every page that lists it.
        for path in [
            "/",
            "/admins",
            "/departments",
            "/roles",
            "/activity",
            "/account",
        ] {
            let html = app.get(path).await.text().await.unwrap();
            assert!(
                !html.contains("<script>alert"),
                "{backend:?} {path} renders stored markup"
            );
            assert!(
                !html.contains("<img src=x"),
                "{backend:?} {path} renders stored markup"
            );
        }
        // The admin is still who they were, and can still log in.
        let res = app.login_with(&new_client(), "root", PASSWORD).await;
        assert_eq!(res.status(), 200, "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn markup_in_every_text_field_is_stored_as_text_and_shown_escaped() {
    use app::departments::api::CreateDepartment;
    use app::invitations::api::SendInvitation;
    use app::roles::api::SaveRole;
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| s.mail.worker = false).await;
        app.login_as_full_admin().await;
        let (status, body) = app
            .post_as(
                &app.client,
                CreateDepartment::PATH,
                &[
                    ("name", "<b>Bold</b> dept"),
                    ("email", "bold@example.com"),
                    ("description", MARKUP),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = app
            .post_as(
                &app.client,
                SaveRole::PATH,
                &[("name", "<i>Role</i>"), ("permissions[admins_view]", "on")],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = app
            .post_as(
                &app.client,
                SendInvitation::PATH,
                &[
                    ("first_name", "<u>Ann</u>"),
                    ("last_name", "O'Brien; DROP"),
                    ("email", "ann@example.com"),
                    ("role_id", "2"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        for (path, raw, escaped) in [
            ("/departments", "<b>Bold</b>", "&lt;b&gt;Bold&lt;/b&gt;"),
            ("/roles", "<i>Role</i>", "&lt;i&gt;Role&lt;/i&gt;"),
            ("/admins", "<u>Ann</u>", "&lt;u&gt;Ann&lt;/u&gt;"),
            ("/activity", "<b>Bold</b>", "&lt;b&gt;Bold&lt;/b&gt;"),
        ] {
            let html = app.get(path).await.text().await.unwrap();
            assert!(
                !html.contains(raw),
                "{backend:?} {path} renders {raw} as markup"
            );
            assert!(
                html.contains(escaped),
                "{backend:?} {path} does not show {raw} as text"
            );
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn hostile_addresses_get_a_page_and_never_a_5xx() {
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| s.mail.worker = false).await;
        app.login_as_full_admin().await;
        let anonymous = new_client();
        let paths = [
            "/activity?q=%00&ip=%00&actor=abc&action=%3Cscript%3E&from=2026-13-45&to=x&before=-1",
            "/activity/export.csv?q=%00%27%3B+DROP+TABLE+admins&ip=%FF",
            "/admins?after=abc&invitations_after=99999999999999999999",
            "/admins/abc",
            "/admins/-1/logins",
            "/roles/%27%20OR%201%3D1",
            "/roles/new?from=%00",
            "/departments/99999999999",
            "/invite/%3Cscript%3E",
            "/invite/%00",
            "/reset/%FF%FE",
            "/login?next=%0d%0aSet-Cookie:%20x=1",
            "/login/two-factor?next=javascript:alert(1)",
            "/account/two-factor/recovery-codes",
        ];
        for path in paths {
            for (who, client) in [("signed in", &app.client), ("anonymous", &anonymous)] {
                let res = client.get(app.url(path)).send().await.unwrap();
                let status = res.status().as_u16();
                assert!(status < 500, "{backend:?} {who} {path}: {status}");
                let body = res.text().await.unwrap_or_default();
                assert!(
                    !body.contains("<script>alert"),
                    "{backend:?} {who} {path} echoes markup"
                );
            }
        }
        app.stop().await;
    }
}
