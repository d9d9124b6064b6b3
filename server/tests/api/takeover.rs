//! Account takeover and escalation paths closed: invitations by and for the wrong people, one's
//! own email changed without the password, set-password links that outlive what they were sent
//! for, two-factor set up without the password, the session id kept across a password change, and
//! roles above one's station loosened or stripped.

use app::admins::api::{SendPasswordReset, UpdateAdmin};
use app::entities::{admin, invitation, mail_outbox, password_reset, role, session};
use app::invitations::api::{CancelInvitation, ResendInvitation};
use app::invitations::model::NewInvitation;
use app::invitations::service::{self as invitations, InviteError, InviteSettings, Inviter};
use app::kernel::Permission;
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};

fn invite_settings(app: &TestApp) -> InviteSettings {
    InviteSettings {
        public_url: app.address.clone(),
        organization: "Acme Hosting".into(),
        validity_days: 7,
        language: "en".into(),
    }
}

fn invitation_for(email: &str, role_id: i32) -> NewInvitation {
    NewInvitation::parse(
        "Bob",
        "Builder",
        email,
        "",
        &role_id.to_string(),
        &Default::default(),
        &Default::default(),
    )
    .unwrap()
}

fn inviter(admin: &admin::Model) -> Inviter {
    Inviter {
        admin_id: Some(admin.id),
        name: Some(admin.username.clone()),
        ip: "127.0.0.1".into(),
        user_agent: "test".into(),
    }
}

async fn logged_in(app: &TestApp, username: &str) -> reqwest::Client {
    let client = new_client();
    assert_eq!(
        app.login_with(&client, username, PASSWORD).await.status(),
        200
    );
    client
}

#[tokio::test]
async fn disabling_an_admin_cancels_the_invitations_they_sent() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.create_admin("root", "full_administrator").await;
        let ada = app.create_admin("ada", "full_administrator").await;
        let support = app.role_id("support_operator").await;
        let (sent, _) = invitations::send(
            &app.db,
            Utc::now(),
            &invite_settings(&app),
            &inviter(&ada),
            invitation_for("bob@example.com", support),
        )
        .await
        .unwrap();
        let actor = app.actor(root.id).await;
        let audit = app::kernel::audit::Actor::admin(&actor, "127.0.0.1", "test");
        app::admins::service::disable(&app.db, Utc::now(), &actor, &audit, ada.id)
            .await
            .unwrap();
        let after = invitation::Entity::find_by_id(sent.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            after.cancelled_at.is_some(),
            "{backend:?}: ada's invitation still open"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn resend_and_cancel_need_every_permission_of_the_invitations_role() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.create_admin("root", "full_administrator").await;
        let inviter_role = app
            .add_role(
                "Inviter",
                &[Permission::SendInvitations, Permission::ViewAdministrators],
            )
            .await;
        let ivy = app.create_admin("ivy", "support_operator").await;
        app.set_role(ivy.id, inviter_role).await;
        let full = app.role_id("full_administrator").await;
        let (sent, _) = invitations::send(
            &app.db,
            Utc::now(),
            &invite_settings(&app),
            &inviter(&root),
            invitation_for("boss@example.com", full),
        )
        .await
        .unwrap();
        let ivy_client = logged_in(&app, "ivy").await;
        let id = sent.id.to_string();
        for path in [ResendInvitation::PATH, CancelInvitation::PATH] {
            let (status, body) = app
                .post_as(&ivy_client, path, &[("invitation_id", id.as_str())])
                .await;
            assert_eq!(
                (status, body["code"].as_str()),
                (403, Some("NOT_YOURS")),
                "{backend:?} {path}: {body}"
            );
        }
        let after = invitation::Entity::find_by_id(sent.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(after.superseded_at.is_none() && after.cancelled_at.is_none());
        app.stop().await;
    }
}

#[tokio::test]
async fn two_invitations_for_one_email_at_once_make_one() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.create_admin("root", "full_administrator").await;
        let support = app.role_id("support_operator").await;
        let settings = invite_settings(&app);
        let who = inviter(&root);
        let send = |email: &'static str| {
            let (app, settings, who) = (&app, &settings, &who);
            async move {
                invitations::send(
                    &app.db,
                    Utc::now(),
                    settings,
                    who,
                    invitation_for(email, support),
                )
                .await
            }
        };
        let results = futures::future::join_all([
            send("carol@example.com"),
            send("Carol@Example.com"),
            send("carol@example.com"),
        ])
        .await;
        let made = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(made, 1, "{backend:?}: {results:?}");
        for refused in results.iter().filter_map(|r| r.as_ref().err()) {
            assert!(
                matches!(refused, InviteError::PendingExists { .. }),
                "{backend:?}: {refused:?}"
            );
        }
        let open = invitation::Entity::find()
            .filter(invitation::Column::AcceptedAt.is_null())
            .filter(invitation::Column::CancelledAt.is_null())
            .filter(invitation::Column::SupersededAt.is_null())
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(open, 1, "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn ones_own_email_does_not_change_through_edit_administrator() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let form = [
            ("admin_id", root.id.to_string()),
            ("first_name", "Root".into()),
            ("last_name", "Admin".into()),
            ("email", "attacker@example.net".into()),
            ("role_id", root.role_id.to_string()),
        ];
        let (status, body) = app.post_as(&app.client, UpdateAdmin::PATH, &form).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("OWN_EMAIL")),
            "{backend:?}"
        );
        let after = admin::Entity::find_by_id(root.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.email, root.email);
        app.stop().await;
    }
}

/// Asks for a set-password link for `target` as root; returns the link's row id.
async fn reset_link(app: &TestApp, target: &admin::Model) -> i32 {
    let id = target.id.to_string();
    let (status, body) = app
        .post_as(
            &app.client,
            SendPasswordReset::PATH,
            &[("admin_id", id.as_str())],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    password_reset::Entity::find()
        .filter(password_reset::Column::AdminId.eq(target.id))
        .order_by_desc(password_reset::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn link_is_live(app: &TestApp, id: i32) -> bool {
    let link = password_reset::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    link.used_at.is_none() && link.superseded_at.is_none()
}

#[tokio::test]
async fn set_password_links_die_with_what_they_were_sent_for() {
    use app::account::api::{ChangeMyPassword, UpdateMyAccount};
    use app::admins::api::{DisableAdmin, EnableAdmin};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let sam = app.create_admin("sam", "support_operator").await;
        let sam_client = logged_in(&app, "sam").await;

        // A password change.
        let link = reset_link(&app, &sam).await;
        let new_password = "a fresh passphrase for sam";
        let (status, body) = app
            .post_as(
                &sam_client,
                ChangeMyPassword::PATH,
                &[
                    ("current_password", PASSWORD),
                    ("password", new_password),
                    ("password_confirmation", new_password),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert!(
            !link_is_live(&app, link).await,
            "{backend:?}: alive after a password change"
        );

        // An email change in My Account.
        let link = reset_link(&app, &sam).await;
        let (status, body) = app
            .post_as(
                &sam_client,
                UpdateMyAccount::PATH,
                &[
                    ("first_name", "Sam"),
                    ("last_name", "Jones"),
                    ("email", "sam.jones@example.com"),
                    ("language", "en"),
                    ("signature", ""),
                    ("current_password", new_password),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert!(
            !link_is_live(&app, link).await,
            "{backend:?}: alive after an email change"
        );

        // A re-enable.
        let sam = admin::Entity::find_by_id(sam.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let link = reset_link(&app, &sam).await;
        let id = sam.id.to_string();
        for path in [DisableAdmin::PATH, EnableAdmin::PATH] {
            let (status, body) = app
                .post_as(&app.client, path, &[("admin_id", id.as_str())])
                .await;
            assert_eq!(status, 200, "{path}: {body}");
        }
        assert!(
            !link_is_live(&app, link).await,
            "{backend:?}: alive after a re-enable"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn two_factor_set_up_needs_the_password_and_tells_the_admin() {
    use app::two_factor::api::StartTwoFactorSetup;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let link = reset_link(&app, &app.create_admin("sam", "support_operator").await).await;
        let sam_client = logged_in(&app, "sam").await;
        let (status, body) = app
            .post_as(
                &sam_client,
                StartTwoFactorSetup::PATH,
                &[("current_password", "")],
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("WRONG_PASSWORD")),
            "{backend:?}: a session alone started a set-up"
        );
        crate::two_factor::enrol(&app, &sam_client).await;
        let told = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::ToAddress.eq("sam@example.com"))
            .filter(mail_outbox::Column::Subject.contains("now on"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(told, 1, "{backend:?}: sam was not told");
        assert!(
            !link_is_live(&app, link).await,
            "{backend:?}: alive after turning on two-factor"
        );
        let _ = root;
        app.stop().await;
    }
}

#[tokio::test]
async fn a_password_change_gives_the_session_a_new_id() {
    use app::account::api::ChangeMyPassword;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let before: Vec<String> = session::Entity::find()
            .filter(app::kernel::session_store::sessions_of(
                app::kernel::Principal::staff(root.id),
            ))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.id_hash)
            .collect();
        assert_eq!(before.len(), 1);
        let new_password = "another passphrase entirely";
        let (status, body) = app
            .post_as(
                &app.client,
                ChangeMyPassword::PATH,
                &[
                    ("current_password", PASSWORD),
                    ("password", new_password),
                    ("password_confirmation", new_password),
                    ("log_out_others", "on"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let after: Vec<String> = session::Entity::find()
            .filter(app::kernel::session_store::sessions_of(
                app::kernel::Principal::staff(root.id),
            ))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.id_hash)
            .collect();
        assert_eq!(after.len(), 1, "{backend:?}");
        assert_ne!(
            after, before,
            "{backend:?}: the session id survived the password change"
        );
        // And the browser carries on with the new one.
        assert_eq!(app.get("/account").await.status(), 200, "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn roles_above_ones_own_are_neither_loosened_nor_stripped() {
    use app::roles::api::{SaveRole, SetRoleTwoFactor};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let full = app.role_id("full_administrator").await;
        let sales = app.role_id("sales_operator").await;
        let (status, _) = app
            .post_as(
                &app.client,
                SetRoleTwoFactor::PATH,
                &[("role_id", full.to_string()), ("required", "on".into())],
            )
            .await;
        assert_eq!(status, 200);
        let manager_role = app
            .add_role(
                "Role keeper",
                &[Permission::ManageRoles, Permission::ViewAdministrators],
            )
            .await;
        let keeper = app.create_admin("keeper", "support_operator").await;
        app.set_role(keeper.id, manager_role).await;
        let client = logged_in(&app, "keeper").await;
        let (status, body) = app
            .post_as(
                &client,
                SetRoleTwoFactor::PATH,
                &[("role_id", full.to_string())],
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("NOT_YOURS")),
            "{backend:?}: {body}"
        );
        let still = role::Entity::find_by_id(full)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(still.requires_two_factor);
        // Sales Operator holds permissions the keeper lacks: stripping them is refused.
        let (status, body) = app
            .post_as(
                &client,
                SaveRole::PATH,
                &[
                    ("role_id", sales.to_string()),
                    ("name", "Sales Operator".into()),
                ],
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("NOT_YOURS")),
            "{backend:?}: {body}"
        );
        let kept = app::entities::role_permission::Entity::find()
            .filter(app::entities::role_permission::Column::RoleId.eq(sales))
            .count(&app.db)
            .await
            .unwrap();
        assert!(kept > 0, "{backend:?}: Sales Operator lost its permissions");
        app.stop().await;
    }
}
