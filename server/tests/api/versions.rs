//! Lost updates: an edit form saved after someone else changed the same row is refused with
//! "changed meanwhile" and changes nothing; the page then shows the current values.

use app::admins::api::UpdateAdmin;
use app::departments::api::UpdateDepartment;
use app::entities::{admin, department, role};
use app::roles::api::{SaveRole, SetRoleTwoFactor};
use sea_orm::EntityTrait;
use server_fn::ServerFn;

use crate::helpers::{TestApp, backends, new_client, spawn_app};

/// The `version` hidden field of the form on `path`, as the browser would submit it.
pub(crate) async fn form_version(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let html = client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = html
        .find("name=\"version\"")
        .unwrap_or_else(|| panic!("{path} has no version field"));
    let rest = &html[at..];
    let start = rest.find("value=\"").unwrap() + "value=\"".len();
    rest[start..start + rest[start..].find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn a_stale_edit_administrator_form_does_not_undo_a_demotion() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        app.create_admin("ada", "full_administrator").await;
        let ada_client = new_client();
        assert_eq!(
            app.login_with(&ada_client, "ada", crate::helpers::PASSWORD)
                .await
                .status(),
            200
        );
        let sam = app.create_admin("sam", "sales_operator").await;
        let path = format!("/admins/{}", sam.id);
        // Root opens Edit Administrator for sam ...
        let stale = form_version(&app, &app.client, &path).await;
        // ... meanwhile Ada demotes sam to Support Operator ...
        let support = app.role_id("support_operator").await;
        let form = |version: &str, role: i32, first: &str| {
            vec![
                ("admin_id".to_owned(), sam.id.to_string()),
                ("first_name".to_owned(), first.to_owned()),
                ("last_name".to_owned(), "sam".to_owned()),
                ("email".to_owned(), "sam@example.com".to_owned()),
                ("role_id".to_owned(), role.to_string()),
                ("version".to_owned(), version.to_owned()),
            ]
        };
        let fresh = form_version(&app, &ada_client, &path).await;
        let (status, body) = app
            .post_as(
                &ada_client,
                UpdateAdmin::PATH,
                &form(&fresh, support, "Test"),
            )
            .await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        // ... and root saves the old form, which still says Sales Operator.
        let (status, body) = app
            .post_as(
                &app.client,
                UpdateAdmin::PATH,
                &form(&stale, sam.role_id, "Samuel"),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("CHANGED_MEANWHILE")),
            "{backend:?}: {body}"
        );
        let now = admin::Entity::find_by_id(sam.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (now.role_id, now.first_name.as_str()),
            (support, "Test"),
            "{backend:?}"
        );
        // The page, loaded again, carries the current version, and saving it works.
        let current = form_version(&app, &app.client, &path).await;
        assert_ne!(current, stale);
        let (status, _) = app
            .post_as(
                &app.client,
                UpdateAdmin::PATH,
                &form(&current, support, "Samuel"),
            )
            .await;
        assert_eq!(status, 200, "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_stale_department_form_is_refused() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let id = app.add_department("Billing").await;
        let path = format!("/departments/{id}");
        let stale = form_version(&app, &app.client, &path).await;
        let save = |version: String, name: &'static str| {
            let app = &app;
            async move {
                app.post_as(
                    &app.client,
                    UpdateDepartment::PATH,
                    &[
                        ("department_id", id.to_string()),
                        ("name", name.to_owned()),
                        ("email", "billing@example.com".to_owned()),
                        ("description", String::new()),
                        ("version", version),
                    ],
                )
                .await
            }
        };
        assert_eq!(save(stale.clone(), "Accounts").await.0, 200);
        let (status, body) = save(stale, "Invoices").await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("CHANGED_MEANWHILE")),
            "{backend:?}"
        );
        let now = department::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(now.name, "Accounts");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_role_form_loaded_before_another_change_is_refused() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let id = app
            .add_role(
                "Night shift",
                &[app::kernel::Permission::ViewAdministrators],
            )
            .await;
        let path = format!("/roles/{id}");
        let stale = form_version(&app, &app.client, &path).await;
        // Requiring two-factor is a change too.
        let (status, _) = app
            .post_as(
                &app.client,
                SetRoleTwoFactor::PATH,
                &[("role_id", id.to_string()), ("required", "on".into())],
            )
            .await;
        assert_eq!(status, 200);
        let (status, body) = app
            .post_as(
                &app.client,
                SaveRole::PATH,
                &[
                    ("role_id", id.to_string()),
                    ("name", "Day shift".to_owned()),
                    ("version", stale),
                ],
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("CHANGED_MEANWHILE")),
            "{backend:?}"
        );
        let now = role::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (now.name.as_str(), now.requires_two_factor),
            ("Night shift", true)
        );
        app.stop().await;
    }
}
