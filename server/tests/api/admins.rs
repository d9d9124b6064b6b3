//! Disabling and enabling administrators, and the last-Full-Administrator rule.

use app::admins::api::{DisableAdmin, EnableAdmin};
use app::admins::service::{self, StaffError};
use app::entities::{admin, session};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server_fn::ServerFn;

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
            .filter(session::Column::AdminId.eq(sam.id))
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
                .filter(session::Column::AdminId.eq(root.id))
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
    service::disable(&app.db, Utc::now(), other.id, root.id)
        .await
        .unwrap();
    let blocked = service::disable(&app.db, Utc::now(), root.id, other.id).await;
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
            let first = tokio::spawn(async move { service::disable(&db1, now, a.id, b.id).await });
            let second = tokio::spawn(async move { service::disable(&db2, now, b.id, a.id).await });
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
