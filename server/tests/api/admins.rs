//! Disabling and enabling administrators, and the last-Full-Administrator rule.

use app::admins::api::{DisableAdmin, EnableAdmin};
use app::admins::service::{self, StaffError};
use app::entities::{admin, session};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server_fn::ServerFn;

use app::kernel::audit::Actor;

/// The audit actor for an admin acting in a test.
fn audit(admin: &app::kernel::CurrentAdmin) -> Actor {
    Actor::admin(admin, "192.0.2.1", "test")
}

use crate::helpers::{PASSWORD, backends, new_client, spawn_app};

#[tokio::test]
async fn disabling_ends_every_session_and_enabling_restores_login() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let sam = app.create_admin("sam", "support_operator").await;
        let sam_client = new_client();
        assert_eq!(
            app.login_with(&sam_client, "sam", PASSWORD).await.status(),
            200
        );
        let res = app
            .call(
                <DisableAdmin as ServerFn>::PATH,
                &[("admin_id", &sam.id.to_string())],
            )
            .await;
        assert_eq!(res.status(), 200, "{backend:?}");
        let sessions = session::Entity::find()
            .filter(app::kernel::session_store::sessions_of(
                app::kernel::Principal::staff(sam.id),
            ))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(sessions, 0, "sam's sessions end at once");
        assert_eq!(
            sam_client.get(app.url("/")).send().await.unwrap().status(),
            303
        );
        assert_eq!(
            app.login_with(&new_client(), "sam", PASSWORD)
                .await
                .status(),
            401
        );
        let page = app.get("/admins").await.text().await.unwrap();
        assert!(page.contains("Disabled"), "{page}");
        // The admin's own session is untouched.
        assert_eq!(
            session::Entity::find()
                .filter(app::kernel::session_store::sessions_of(
                    app::kernel::Principal::staff(root.id)
                ))
                .count(&app.db)
                .await
                .unwrap(),
            1
        );

        let res = app
            .call(
                <EnableAdmin as ServerFn>::PATH,
                &[("admin_id", &sam.id.to_string())],
            )
            .await;
        assert_eq!(res.status(), 200);
        assert_eq!(
            app.login_with(&new_client(), "sam", PASSWORD)
                .await
                .status(),
            200
        );
        assert_eq!(
            admin::Entity::find_by_id(sam.id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .disabled_at,
            None
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_last_active_full_administrator_cannot_be_disabled_nor_anyone_themselves() {
    let app = spawn_app(&backends()[0]).await;
    let root = app.login_as_full_admin().await;
    let res = app
        .call(
            <DisableAdmin as ServerFn>::PATH,
            &[("admin_id", &root.id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 409);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["message"], "You cannot disable your own account.");

    let other = app.create_admin("ada", "full_administrator").await;
    // With two Full Administrators one may go; then the other is the last one.
    let (root_actor, other_actor) = (app.actor(root.id).await, app.actor(other.id).await);
    service::disable(
        &app.db,
        Utc::now(),
        &other_actor,
        &audit(&other_actor),
        root.id,
    )
    .await
    .unwrap();
    let blocked = service::disable(
        &app.db,
        Utc::now(),
        &root_actor,
        &audit(&root_actor),
        other.id,
    )
    .await;
    assert!(
        matches!(blocked, Err(StaffError::LastFullAdministrator)),
        "{blocked:?}"
    );
    assert!(
        admin::Entity::find_by_id(other.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .disabled_at
            .is_none()
    );
    app.stop().await;
}

#[tokio::test]
async fn two_full_administrators_disabling_each_other_at_once_leave_one_active() {
    for backend in backends() {
        for _ in 0..5 {
            let app = spawn_app(&backend).await;
            let a = app.create_admin("alpha", "full_administrator").await;
            let b = app.create_admin("beta", "full_administrator").await;
            let now = Utc::now();
            let (db1, db2) = (app.db.clone(), app.db.clone());
            let (actor_a, actor_b) = (app.actor(a.id).await, app.actor(b.id).await);
            let first = tokio::spawn(async move {
                service::disable(&db1, now, &actor_a, &audit(&actor_a), b.id).await
            });
            let second = tokio::spawn(async move {
                service::disable(&db2, now, &actor_b, &audit(&actor_b), a.id).await
            });
            let results = [first.await.unwrap(), second.await.unwrap()];
            let ok = results.iter().filter(|r| r.is_ok()).count();
            assert_eq!(ok, 1, "{backend:?}: {results:?}");
            assert!(
                results
                    .iter()
                    .any(|r| matches!(r, Err(StaffError::LastFullAdministrator))),
                "{results:?}"
            );
            let active = admin::Entity::find()
                .filter(admin::Column::DisabledAt.is_null())
                .count(&app.db)
                .await
                .unwrap();
            assert_eq!(active, 1, "{backend:?}");
            app.stop().await;
        }
    }
}

fn update_form(
    admin: &admin::Model,
    role_id: i32,
    departments: &[(i32, bool)],
) -> Vec<(String, String)> {
    let mut form = vec![
        ("admin_id".to_owned(), admin.id.to_string()),
        ("first_name".to_owned(), "Samantha".to_owned()),
        ("last_name".to_owned(), "Jones".to_owned()),
        ("email".to_owned(), "Samantha@Example.com".to_owned()),
        ("role_id".to_owned(), role_id.to_string()),
    ];
    for (id, notify) in departments {
        form.push((format!("departments[d{id}]"), "on".to_owned()));
        if *notify {
            form.push((format!("notify[d{id}]"), "on".to_owned()));
        }
    }
    form
}

async fn post_form(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(String, String)],
) -> (u16, serde_json::Value) {
    app.post_as(client, path, form).await
}

async fn role_id(app: &crate::helpers::TestApp, key: &str) -> i32 {
    use app::entities::role;
    role::Entity::find()
        .filter(role::Column::Key.eq(key))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn editing_an_admin_changes_name_email_role_and_departments_together() {
    use app::admins::api::UpdateAdmin;
    use app::entities::admin_department;

    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let sam = app.create_admin("sam", "support_operator").await;
        let mut departments = Vec::new();
        for name in ["Billing", "Support"] {
            departments.push(app.add_department(name).await);
        }
        let sales = role_id(&app, "sales_operator").await;
        let form = update_form(
            &sam,
            sales,
            &[(departments[0], true), (departments[1], false)],
        );
        let (status, body) =
            post_form(&app, &app.client, <UpdateAdmin as ServerFn>::PATH, &form).await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        let saved = admin::Entity::find_by_id(sam.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                saved.first_name.as_str(),
                saved.email.as_str(),
                saved.role_id
            ),
            ("Samantha", "samantha@example.com", sales)
        );
        let mut memberships: Vec<(i32, bool)> = admin_department::Entity::find()
            .filter(admin_department::Column::AdminId.eq(sam.id))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.department_id, m.notify))
            .collect();
        memberships.sort();
        assert_eq!(
            memberships,
            vec![(departments[0], true), (departments[1], false)]
        );

        // Another admin's email is refused, and nothing of the form is written.
        let other = app.create_admin("olga", "support_operator").await;
        let mut form = update_form(&sam, sales, &[]);
        form[3].1 = other.email.to_uppercase();
        form[1].1 = "Changed".into();
        let (status, body) =
            post_form(&app, &app.client, <UpdateAdmin as ServerFn>::PATH, &form).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["field"], "email");
        let unchanged = admin::Entity::find_by_id(sam.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(unchanged.first_name, "Samantha");
        assert_eq!(
            admin_department::Entity::find()
                .filter(admin_department::Column::AdminId.eq(sam.id))
                .count(&app.db)
                .await
                .unwrap(),
            2
        );
        let page = app
            .get(&format!("/admins/{}", sam.id))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("samantha@example.com"), "{page}");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_last_full_administrator_cannot_be_demoted_and_nobody_changes_their_own_role() {
    use app::admins::api::UpdateAdmin;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let sales = role_id(&app, "sales_operator").await;
        let full = role_id(&app, "full_administrator").await;
        let (status, body) = post_form(
            &app,
            &app.client,
            <UpdateAdmin as ServerFn>::PATH,
            &update_form(&root, sales, &[]),
        )
        .await;
        assert_eq!(status, 403, "{backend:?}: {body}");
        assert_eq!(body["code"], "OWN_ROLE");

        // Two Full Administrators: one demotes the other; the stale session of the demoted one
        // then tries to demote the last one, and is refused.
        let ada = app.create_admin("ada", "full_administrator").await;
        let ada_before = app.actor(ada.id).await;
        let root_actor = app.actor(root.id).await;
        let input = |first: &str| {
            app::admins::model::AdminUpdate::parse(
                first,
                "Admin",
                &format!("{first}@example.com"),
                &sales.to_string(),
                &Default::default(),
                &Default::default(),
            )
            .unwrap()
        };
        service::update(
            &app.db,
            Utc::now(),
            &root_actor,
            &audit(&root_actor),
            ada.id,
            input("ada"),
        )
        .await
        .unwrap();
        let blocked = service::update(
            &app.db,
            Utc::now(),
            &ada_before,
            &audit(&ada_before),
            root.id,
            input("root"),
        )
        .await;
        assert!(
            matches!(blocked, Err(StaffError::LastFullAdministrator)),
            "{backend:?}: {blocked:?}"
        );
        let root_now = admin::Entity::find_by_id(root.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(root_now.role_id, full);
        assert_eq!(root_now.first_name, root.first_name, "nothing half-written");
        app.stop().await;
    }
}

#[tokio::test]
async fn two_full_administrators_demoting_each_other_at_once_leave_one() {
    for backend in backends() {
        for _ in 0..5 {
            let app = spawn_app(&backend).await;
            let a = app.create_admin("alpha", "full_administrator").await;
            let b = app.create_admin("beta", "full_administrator").await;
            let sales = role_id(&app, "sales_operator").await;
            let full = role_id(&app, "full_administrator").await;
            let input = |name: &str| {
                app::admins::model::AdminUpdate::parse(
                    name,
                    "Admin",
                    &format!("{name}@example.com"),
                    &sales.to_string(),
                    &Default::default(),
                    &Default::default(),
                )
                .unwrap()
            };
            let (db1, db2) = (app.db.clone(), app.db.clone());
            let (actor_a, actor_b) = (app.actor(a.id).await, app.actor(b.id).await);
            let (to_b, to_a) = (input("beta"), input("alpha"));
            let first = tokio::spawn(async move {
                service::update(&db1, Utc::now(), &actor_a, &audit(&actor_a), b.id, to_b).await
            });
            let second = tokio::spawn(async move {
                service::update(&db2, Utc::now(), &actor_b, &audit(&actor_b), a.id, to_a).await
            });
            let results = [first.await.unwrap(), second.await.unwrap()];
            assert_eq!(
                results.iter().filter(|r| r.is_ok()).count(),
                1,
                "{backend:?}: {results:?}"
            );
            let fulls = admin::Entity::find()
                .filter(admin::Column::RoleId.eq(full))
                .count(&app.db)
                .await
                .unwrap();
            assert_eq!(fulls, 1, "{backend:?}");
            app.stop().await;
        }
    }
}

#[tokio::test]
async fn a_manager_cannot_touch_a_more_privileged_admin_nor_give_roles_beyond_their_own() {
    use app::admins::api::{SendPasswordReset, UpdateAdmin};
    use app::kernel::Permission::*;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.create_admin("root", "full_administrator").await;
        let sam = app.create_admin("sam", "support_operator").await;
        let leads = app
            .add_role(
                "Team leads",
                &[
                    ViewAdministrators,
                    ManageAdministrators,
                    ViewDepartments,
                    ViewTickets,
                    ReplyTickets,
                    OpenTickets,
                    ChangeTickets,
                    AssignTickets,
                    ViewClients,
                ],
            )
            .await;
        let mia = app.create_admin("mia", "support_operator").await;
        app.set_role(mia.id, leads).await;
        let client = new_client();
        assert_eq!(app.login_with(&client, "mia", PASSWORD).await.status(), 200);
        let full = role_id(&app, "full_administrator").await;

        for path in [
            <DisableAdmin as ServerFn>::PATH,
            <SendPasswordReset as ServerFn>::PATH,
        ] {
            let (status, body) = post_form(
                &app,
                &client,
                path,
                &[("admin_id".into(), root.id.to_string())],
            )
            .await;
            assert_eq!(status, 403, "{backend:?} {path}: {body}");
            assert_eq!(body["code"], "SUPERIOR");
        }
        let (status, body) = post_form(
            &app,
            &client,
            <UpdateAdmin as ServerFn>::PATH,
            &update_form(&root, full, &[]),
        )
        .await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["code"], "SUPERIOR");
        // Sam's permissions are all within Mia's, but Full Administrator's are not.
        let (status, body) = post_form(
            &app,
            &client,
            <UpdateAdmin as ServerFn>::PATH,
            &update_form(&sam, full, &[]),
        )
        .await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["code"], "NOT_YOURS");
        assert_eq!(
            admin::Entity::find_by_id(sam.id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .role_id,
            sam.role_id
        );
        // Invitations follow the same rule.
        let res = client
            .post(app.url(<app::invitations::api::SendInvitation as ServerFn>::PATH))
            .header("Accept", "application/json")
            .form(&[
                ("first_name", "Eve"),
                ("last_name", "Escalate"),
                ("email", "eve@example.com"),
                ("role_id", &full.to_string()),
            ])
            .send()
            .await
            .unwrap();
        // Mia lacks "Send invitations" altogether.
        assert_eq!(res.status(), 403);
        app.stop().await;
    }
}

/// The set-password link in the newest email to `to`.
async fn reset_token_mailed_to(app: &crate::helpers::TestApp, to: &str) -> String {
    use app::entities::mail_outbox;
    use sea_orm::QueryOrder;
    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(to))
        .order_by_desc(mail_outbox::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a mail was queued");
    assert_eq!(mail.subject, "Set a new Staffdesk password");
    let start = mail.text_body.find("/reset/").expect("a reset link") + "/reset/".len();
    mail.text_body[start..start + 43].to_owned()
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    use app::admins::api::{CompletePasswordReset, SendPasswordReset};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let sam = app.create_admin("sam", "support_operator").await;
        let sam_client = new_client();
        assert_eq!(
            app.login_with(&sam_client, "sam", PASSWORD).await.status(),
            200
        );
        let sam_id = sam.id.to_string();
        let form = [("admin_id", sam_id.as_str())];
        let send = || app.call(<SendPasswordReset as ServerFn>::PATH, &form);
        assert_eq!(send().await.status(), 200, "{backend:?}");
        let first = reset_token_mailed_to(&app, "sam@example.com").await;
        assert_eq!(send().await.status(), 200);
        let token = reset_token_mailed_to(&app, "sam@example.com").await;
        assert_ne!(first, token);

        let anonymous = new_client();
        let page = anonymous
            .get(app.url(&format!("/reset/{first}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 410, "the older link was replaced");
        let page = anonymous
            .get(app.url(&format!("/reset/{token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert_eq!(
            page.headers()["referrer-policy"].to_str().unwrap(),
            "no-referrer"
        );
        assert!(page.text().await.unwrap().contains("Choose a new password"));

        let complete = |password: &'static str, confirmation: &'static str, token: String| {
            anonymous
                .post(app.url(<CompletePasswordReset as ServerFn>::PATH))
                .header("Accept", "application/json")
                .form(&[
                    ("token", token.as_str()),
                    ("password", password),
                    ("password_confirmation", confirmation),
                ])
                .send()
        };
        let new_password = "a brand new passphrase";
        let res = complete(new_password, "something else entirely", token.clone())
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        // A refused attempt does not use the link up, nor end sam's session.
        assert_eq!(
            sam_client.get(app.url("/")).send().await.unwrap().status(),
            200
        );
        let res = complete(new_password, new_password, token.clone())
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            sam_client.get(app.url("/")).send().await.unwrap().status(),
            303,
            "sam's old session ended"
        );
        assert_eq!(
            app.login_with(&new_client(), "sam", PASSWORD)
                .await
                .status(),
            401
        );
        assert_eq!(
            app.login_with(&new_client(), "sam", new_password)
                .await
                .status(),
            200
        );
        let res = complete("another passphrase here", "another passphrase here", token)
            .await
            .unwrap();
        assert_eq!(res.status(), 410);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["code"], "RESET_USED");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_reset_link_expires_after_24_hours() {
    let app = spawn_app(&backends()[0]).await;
    let root = app.create_admin("root", "full_administrator").await;
    let sam = app.create_admin("sam", "support_operator").await;
    let settings = app::invitations::service::InviteSettings {
        public_url: app.address.clone(),
        organization: "Acme".into(),
        validity_days: 7,
        language: "en".into(),
    };
    let sent_at = Utc::now() - chrono::Duration::hours(25);
    let token = service::send_reset(
        &app.db,
        sent_at,
        &settings,
        &app.actor(root.id).await,
        &Actor::system(),
        sam.id,
    )
    .await
    .unwrap();
    let hasher = app::kernel::password::Hasher::for_this_machine();
    let early = service::complete_reset(
        &app.db,
        &hasher,
        sent_at + chrono::Duration::hours(23),
        &Actor::system(),
        token.expose(),
        "x",
        "x",
    )
    .await;
    assert!(
        matches!(early, Err(service::ResetError::Invalid("password", _))),
        "within 24 h only the password is wrong: {early:?}"
    );
    let late = service::complete_reset(
        &app.db,
        &hasher,
        Utc::now(),
        &Actor::system(),
        token.expose(),
        "a brand new passphrase",
        "a brand new passphrase",
    )
    .await;
    assert!(
        matches!(
            late,
            Err(service::ResetError::Link(
                app::admins::model::ResetProblem::Expired
            ))
        ),
        "{late:?}"
    );
    assert_eq!(
        app.login_with(&new_client(), "sam", PASSWORD)
            .await
            .status(),
        200
    );
    app.stop().await;
}
