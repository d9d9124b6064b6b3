//! Roles: closure under requirements, Full Administrator fixed, roles in use kept, and nobody
//! granting what they do not hold.

use app::entities::{role, role_permission};
use app::kernel::Permission;
use app::roles::api::{DeleteRole, SaveRole};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};

const SAVE: &str = <SaveRole as ServerFn>::PATH;
const DELETE: &str = <DeleteRole as ServerFn>::PATH;

fn field(p: Permission) -> String {
    format!("permissions[{}]", app::roles::model::permission_field(p))
}

/// Posts the role editor form as the app's client.
async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    role_id: &str,
    name: &str,
    permissions: &[Permission],
) -> (u16, serde_json::Value) {
    let mut form: Vec<(String, String)> = vec![
        ("role_id".into(), role_id.into()),
        ("name".into(), name.into()),
    ];
    form.extend(permissions.iter().map(|p| (field(*p), "on".to_owned())));
    let res = client
        .post(app.url(SAVE))
        .header("Accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or_default())
}

async fn role_named(app: &TestApp, name: &str) -> Option<role::Model> {
    role::Entity::find()
        .filter(role::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
}

async fn permissions_of(app: &TestApp, role_id: i32) -> Vec<String> {
    let mut keys: Vec<String> = role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.eq(role_id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.permission)
        .collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn a_role_missing_a_required_permission_is_refused_and_nothing_is_written() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let before = role::Entity::find().count(&app.db).await.unwrap();
        let (status, body) = save(
            &app,
            &app.client,
            "",
            "Recruiters",
            &[Permission::SendInvitations],
        )
        .await;
        assert_eq!(status, 422, "{backend:?}: {body}");
        assert_eq!(body["field"], "permissions");
        assert_eq!(
            body["message"],
            "“Send invitations” needs “View administrators”. Tick both, or neither."
        );
        assert_eq!(role::Entity::find().count(&app.db).await.unwrap(), before);

        // The same on an existing role: its permissions stay as they were.
        let id = app
            .add_role("Readers", &[Permission::ViewDepartments])
            .await;
        let (status, _) = save(
            &app,
            &app.client,
            &id.to_string(),
            "Readers",
            &[Permission::ManageDepartments],
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(permissions_of(&app, id).await, vec!["departments.view"]);
        app.stop().await;
    }
}

#[tokio::test]
async fn roles_are_created_renamed_duplicated_and_deleted_only_when_unused() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let (status, body) = save(
            &app,
            &app.client,
            "",
            "Billing",
            &[Permission::ViewAdministrators, Permission::SendInvitations],
        )
        .await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        let billing = role_named(&app, "Billing").await.expect("created");
        assert_eq!(
            permissions_of(&app, billing.id).await,
            vec!["admins.view", "invitations.send"]
        );
        // Names are unique regardless of case.
        let (status, body) = save(&app, &app.client, "", "billing", &[]).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["field"], "name");

        let (status, _) = save(
            &app,
            &app.client,
            &billing.id.to_string(),
            "Billing Team",
            &[Permission::ViewAdministrators],
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(permissions_of(&app, billing.id).await, vec!["admins.view"]);
        assert!(role_named(&app, "Billing Team").await.is_some());

        // Duplicate: the editor starts from a copy, and the roles page lists counts.
        let copy = app
            .get(&format!("/roles/new?from={}", billing.id))
            .await
            .text()
            .await
            .unwrap();
        assert!(copy.contains("Copy of Billing Team"), "{copy}");
        let sam = app.create_admin("sam", "support_operator").await;
        app.set_role(sam.id, billing.id).await;
        let page = app.get("/roles").await.text().await.unwrap();
        assert!(page.contains("Billing Team"));
        assert!(page.contains("<td>1</td>"), "admin count shown: {page}");

        let res = app
            .call(DELETE, &[("role_id", &billing.id.to_string())])
            .await;
        assert_eq!(res.status(), 409);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(
            body["message"],
            "This role cannot be deleted: 1 administrator uses it. Give them another role first."
        );
        assert!(role_named(&app, "Billing Team").await.is_some());

        let support = role::Entity::find()
            .filter(role::Column::Key.eq("support_operator"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        app.set_role(sam.id, support.id).await;
        let res = app
            .call(DELETE, &[("role_id", &billing.id.to_string())])
            .await;
        assert_eq!(res.status(), 200);
        assert!(role_named(&app, "Billing Team").await.is_none());
        assert!(permissions_of(&app, billing.id).await.is_empty());
        // The name is free again, and the deleted role is no longer listed or offered.
        let (status, _) = save(&app, &app.client, "", "Billing Team", &[]).await;
        assert_eq!(status, 200);
        let page = app.get("/admins/invite").await.text().await.unwrap();
        assert!(!page.contains("(deleted #"), "{page}");

        // Built-in roles cannot be deleted.
        let res = app
            .call(DELETE, &[("role_id", &support.id.to_string())])
            .await;
        assert_eq!(res.status(), 409);
        app.stop().await;
    }
}

#[tokio::test]
async fn full_administrator_cannot_be_edited_or_deleted() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let full = role::Entity::find()
            .filter(role::Column::Key.eq("full_administrator"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let (status, body) = save(
            &app,
            &app.client,
            &full.id.to_string(),
            "Full Administrator",
            &[Permission::ViewAdministrators],
        )
        .await;
        assert_eq!(status, 409, "{backend:?}: {body}");
        assert_eq!(
            body["message"],
            "Full Administrator always has every permission; it cannot be edited or deleted."
        );
        let res = app.call(DELETE, &[("role_id", &full.id.to_string())]).await;
        assert_eq!(res.status(), 409);
        let after = role::Entity::find_by_id(full.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after, full);
        assert!(permissions_of(&app, full.id).await.is_empty());
        // The editor page explains instead of offering a form.
        let page = app
            .get(&format!("/roles/{}", full.id))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("cannot be edited or deleted"), "{page}");
        assert!(!page.contains("Save role"));
        app.stop().await;
    }
}

#[tokio::test]
async fn nobody_grants_a_permission_they_lack_or_edits_the_role_they_hold() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let managers = app
            .add_role(
                "Role managers",
                &[Permission::ViewAdministrators, Permission::ManageRoles],
            )
            .await;
        let mia = app.create_admin("mia", "support_operator").await;
        app.set_role(mia.id, managers).await;
        let client = new_client();
        assert_eq!(app.login_with(&client, "mia", PASSWORD).await.status(), 200);

        let (status, body) = save(
            &app,
            &client,
            &managers.to_string(),
            "Role managers",
            &[
                Permission::ViewAdministrators,
                Permission::ManageRoles,
                Permission::ManageAdministrators,
            ],
        )
        .await;
        assert_eq!(status, 403, "{backend:?}: {body}");
        assert_eq!(body["code"], "OWN_ROLE");
        let (status, body) = save(
            &app,
            &client,
            "",
            "Escalation",
            &[
                Permission::ViewAdministrators,
                Permission::ManageAdministrators,
            ],
        )
        .await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["code"], "NOT_YOURS");
        assert!(role_named(&app, "Escalation").await.is_none());
        assert_eq!(
            permissions_of(&app, managers).await,
            vec!["admins.view", "roles.manage"]
        );
        // What they do hold, they may grant.
        let (status, body) = save(
            &app,
            &client,
            "",
            "Viewers",
            &[Permission::ViewAdministrators],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        app.stop().await;
    }
}
