//! The audit trail: each recorded action writes exactly one row with the right actor, action and
//! target, through the real server functions; refused and rolled-back changes write none; the
//! Activity Log pages with a keyset that never repeats or skips a row.

use app::audit::model::AuditFilter;
use app::audit::service as audit;
use app::entities::{audit_event, mail_outbox};
use app::kernel::audit::{Actor, Event};
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app, spawn_app_with};

/// The events recorded since `last`, oldest first; moves `last` past them.
async fn since(app: &TestApp, last: &mut i64) -> Vec<audit_event::Model> {
    let rows = audit_event::Entity::find()
        .filter(audit_event::Column::Id.gt(*last))
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    if let Some(newest) = rows.last() {
        *last = newest.id;
    }
    rows
}

/// (action key, actor id, (target type, target id)).
type Expected<'a> = (&'a str, Option<i32>, Option<(&'a str, i32)>);

/// Asserts that exactly these actions were recorded since `last`, by `actor`, about `target`.
async fn expect(app: &TestApp, last: &mut i64, step: &str, expected: &[Expected<'_>]) {
    let rows = since(app, last).await;
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.action.as_str(),
                r.actor_id,
                r.target_type.as_deref().zip(r.target_id),
            )
        })
        .collect();
    assert_eq!(got, expected, "{step}: {rows:#?}");
}

async fn post(app: &TestApp, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) -> u16 {
    let res = client
        .post(app.url(path))
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    assert!(
        status < 300,
        "{path}: {status} {}",
        res.text().await.unwrap_or_default()
    );
    status
}

/// The token of the newest link to `prefix` mailed to `to`.
async fn mailed_token(app: &TestApp, to: &str, prefix: &str) -> String {
    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(to))
        .order_by_desc(mail_outbox::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a mail");
    let start = mail.text_body.find(prefix).expect("a link") + prefix.len();
    mail.text_body[start..start + 43].to_owned()
}

fn path<S: ServerFn>() -> &'static str {
    S::PATH
}

#[tokio::test]
async fn every_action_writes_exactly_one_row_with_its_actor_and_target() {
    use app::account::api::{ChangeMyPassword, EndMySession, UpdateMyAccount};
    use app::admins::api::{
        CompletePasswordReset, DisableAdmin, EnableAdmin, SendPasswordReset, UpdateAdmin,
    };
    use app::auth::api::Logout;
    use app::departments::api::{CreateDepartment, SetDepartmentHidden, UpdateDepartment};
    use app::invitations::api::{
        AcceptInvitation, CancelInvitation, ResendInvitation, SendInvitation,
    };
    use app::roles::api::{DeleteRole, SaveRole};

    for backend in backends() {
        let app = spawn_app(&backend).await;
        let mut last = 0;
        let root = app.create_admin("root", "full_administrator").await;
        let r = Some(root.id);
        let root_t = Some(("admin", root.id));
        expect(
            &app,
            &mut last,
            "create-admin",
            &[("admin.created", None, root_t)],
        )
        .await;

        assert_eq!(
            app.login_with(&app.client, "root", PASSWORD).await.status(),
            200
        );
        expect(&app, &mut last, "login", &[("auth.login", r, root_t)]).await;
        assert_eq!(
            app.login_with(&new_client(), "root", "wrong password!")
                .await
                .status(),
            401
        );
        expect(
            &app,
            &mut last,
            "failed login",
            &[("auth.login_failed", None, root_t)],
        )
        .await;
        assert_eq!(
            app.login_with(&new_client(), "nobody", "wrong password!")
                .await
                .status(),
            401
        );
        expect(
            &app,
            &mut last,
            "failed login, no account",
            &[("auth.login_failed", None, None)],
        )
        .await;

        // Departments.
        post(
            &app,
            &app.client,
            path::<CreateDepartment>(),
            &[
                ("name", "Sales"),
                ("email", "s@example.com"),
                ("description", ""),
            ],
        )
        .await;
        let dept = since(&app, &mut last.clone()).await[0].target_id.unwrap();
        expect(
            &app,
            &mut last,
            "department created",
            &[("department.created", r, Some(("department", dept)))],
        )
        .await;
        let d = dept.to_string();
        post(
            &app,
            &app.client,
            path::<UpdateDepartment>(),
            &[
                ("department_id", &d),
                ("name", "Sales & Billing"),
                ("email", "s@example.com"),
                ("description", "x"),
            ],
        )
        .await;
        expect(
            &app,
            &mut last,
            "department updated",
            &[("department.updated", r, Some(("department", dept)))],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<SetDepartmentHidden>(),
            &[("department_id", &d), ("hidden", "true")],
        )
        .await;
        expect(
            &app,
            &mut last,
            "department hidden",
            &[("department.hidden", r, Some(("department", dept)))],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<SetDepartmentHidden>(),
            &[("department_id", &d), ("hidden", "false")],
        )
        .await;
        expect(
            &app,
            &mut last,
            "department shown",
            &[("department.shown", r, Some(("department", dept)))],
        )
        .await;

        // Roles.
        post(
            &app,
            &app.client,
            path::<SaveRole>(),
            &[("name", "Billing"), ("permissions[admins_view]", "on")],
        )
        .await;
        let role = since(&app, &mut last.clone()).await[0].target_id.unwrap();
        expect(
            &app,
            &mut last,
            "role created",
            &[("role.created", r, Some(("role", role)))],
        )
        .await;
        let role_s = role.to_string();
        post(
            &app,
            &app.client,
            path::<SaveRole>(),
            &[("role_id", &role_s), ("name", "Billing team")],
        )
        .await;
        expect(
            &app,
            &mut last,
            "role updated",
            &[("role.updated", r, Some(("role", role)))],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<DeleteRole>(),
            &[("role_id", &role_s)],
        )
        .await;
        expect(
            &app,
            &mut last,
            "role deleted",
            &[("role.deleted", r, Some(("role", role)))],
        )
        .await;

        // Invitations, through acceptance.
        let invite = [
            ("first_name", "Bob"),
            ("last_name", "B"),
            ("email", "bob@example.com"),
            ("role_id", "3"),
        ];
        post(&app, &app.client, path::<SendInvitation>(), &invite).await;
        let first = since(&app, &mut last.clone()).await[0].target_id.unwrap();
        expect(
            &app,
            &mut last,
            "invitation sent",
            &[("invitation.sent", r, Some(("invitation", first)))],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<ResendInvitation>(),
            &[("invitation_id", &first.to_string())],
        )
        .await;
        let second = since(&app, &mut last.clone()).await[0].target_id.unwrap();
        assert_ne!(first, second);
        expect(
            &app,
            &mut last,
            "invitation resent",
            &[("invitation.resent", r, Some(("invitation", second)))],
        )
        .await;
        let token = mailed_token(&app, "bob@example.com", "/invite/").await;
        let bob_client = new_client();
        post(
            &app,
            &bob_client,
            path::<AcceptInvitation>(),
            &[
                ("token", &token),
                ("username", "bob"),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ],
        )
        .await;
        let rows = since(&app, &mut last.clone()).await;
        let bob = rows[1].target_id.unwrap();
        let b = Some(bob);
        expect(
            &app,
            &mut last,
            "invitation accepted",
            &[
                ("invitation.accepted", b, Some(("invitation", second))),
                ("admin.created", b, Some(("admin", bob))),
            ],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<SendInvitation>(),
            &[
                ("first_name", "Cy"),
                ("last_name", "C"),
                ("email", "cy@example.com"),
                ("role_id", "3"),
            ],
        )
        .await;
        let cy = since(&app, &mut last).await[0].target_id.unwrap();
        post(
            &app,
            &app.client,
            path::<CancelInvitation>(),
            &[("invitation_id", &cy.to_string())],
        )
        .await;
        expect(
            &app,
            &mut last,
            "invitation cancelled",
            &[("invitation.cancelled", r, Some(("invitation", cy)))],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<SendInvitation>(),
            &[
                ("first_name", "Di"),
                ("last_name", "D"),
                ("email", "di@example.com"),
                ("role_id", "3"),
            ],
        )
        .await;
        let di = since(&app, &mut last).await[0].target_id.unwrap();
        // The expiry job, run later and twice, notices it once.
        let later = Utc::now() + Duration::days(8);
        assert_eq!(
            app::invitations::service::record_expired_invitations(&app.db, later)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            app::invitations::service::record_expired_invitations(&app.db, later)
                .await
                .unwrap(),
            0
        );
        expect(
            &app,
            &mut last,
            "invitation expired",
            &[("invitation.expired", None, Some(("invitation", di)))],
        )
        .await;

        // Staff management.
        let bob_s = bob.to_string();
        let bob_t = Some(("admin", bob));
        post(
            &app,
            &app.client,
            path::<UpdateAdmin>(),
            &[
                ("admin_id", &bob_s),
                ("first_name", "Bobby"),
                ("last_name", "B"),
                ("email", "bob@example.com"),
                ("role_id", "2"),
            ],
        )
        .await;
        expect(
            &app,
            &mut last,
            "admin updated",
            &[("admin.updated", r, bob_t)],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<SendPasswordReset>(),
            &[("admin_id", &bob_s)],
        )
        .await;
        expect(
            &app,
            &mut last,
            "reset sent",
            &[("admin.password_reset_sent", r, bob_t)],
        )
        .await;
        let reset = mailed_token(&app, "bob@example.com", "/reset/").await;
        let new_password = "a brand new passphrase";
        post(
            &app,
            &new_client(),
            path::<CompletePasswordReset>(),
            &[
                ("token", &reset),
                ("password", new_password),
                ("password_confirmation", new_password),
            ],
        )
        .await;
        expect(
            &app,
            &mut last,
            "reset used",
            &[("admin.password_reset_used", b, bob_t)],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<DisableAdmin>(),
            &[("admin_id", &bob_s)],
        )
        .await;
        expect(
            &app,
            &mut last,
            "admin disabled",
            &[("admin.disabled", r, bob_t)],
        )
        .await;
        post(
            &app,
            &app.client,
            path::<EnableAdmin>(),
            &[("admin_id", &bob_s)],
        )
        .await;
        expect(
            &app,
            &mut last,
            "admin enabled",
            &[("admin.enabled", r, bob_t)],
        )
        .await;
        // Enabling an enabled admin changes nothing and records nothing.
        post(
            &app,
            &app.client,
            path::<EnableAdmin>(),
            &[("admin_id", &bob_s)],
        )
        .await;
        expect(&app, &mut last, "enable again", &[]).await;

        // My Account, as Bob.
        assert_eq!(
            app.login_with(&bob_client, "bob", new_password)
                .await
                .status(),
            200
        );
        expect(&app, &mut last, "bob logs in", &[("auth.login", b, bob_t)]).await;
        post(
            &app,
            &bob_client,
            path::<UpdateMyAccount>(),
            &[
                ("first_name", "Bob"),
                ("last_name", "B"),
                ("email", "bob@example.com"),
                ("language", "es"),
                ("current_password", new_password),
            ],
        )
        .await;
        expect(
            &app,
            &mut last,
            "account updated",
            &[("account.updated", b, bob_t)],
        )
        .await;
        post(
            &app,
            &bob_client,
            path::<ChangeMyPassword>(),
            &[
                ("current_password", new_password),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ],
        )
        .await;
        let changed = since(&app, &mut last).await;
        assert_eq!(
            (
                changed.len(),
                changed[0].action.as_str(),
                changed[0].actor_id
            ),
            (1, "account.password_changed", b)
        );
        assert!(
            !changed[0].details.contains(PASSWORD) && !changed[0].details.contains(new_password),
            "no secrets: {}",
            changed[0].details
        );
        let other = new_client();
        assert_eq!(app.login_with(&other, "bob", PASSWORD).await.status(), 200);
        since(&app, &mut last).await;
        let key = app::entities::session::Entity::find()
            .filter(app::kernel::session_store::sessions_of(
                app::kernel::Principal::staff(bob),
            ))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.id_hash)
            .next()
            .unwrap();
        let res = bob_client
            .post(app.url(path::<EndMySession>()))
            .header("Accept", "application/json")
            .form(&[("key", key.as_str())])
            .send()
            .await
            .unwrap();
        assert!(res.status().as_u16() < 300 || res.status() == 401);
        expect(
            &app,
            &mut last,
            "session ended",
            &[("account.session_ended", b, bob_t)],
        )
        .await;
        post(&app, &app.client, path::<Logout>(), &[]).await;
        expect(&app, &mut last, "logout", &[("auth.logout", r, root_t)]).await;
        app.stop().await;
    }
}

#[tokio::test]
async fn a_ban_is_recorded_with_the_failure_that_caused_it() {
    let app = spawn_app_with(&backends()[0], |s| s.security.ban_after_failures = 2).await;
    let mut last = 0;
    app.create_admin("root", "full_administrator").await;
    since(&app, &mut last).await;
    for _ in 0..2 {
        app.login_with(&new_client(), "root", "wrong password!")
            .await;
    }
    let rows = since(&app, &mut last).await;
    let actions: Vec<_> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        ["auth.login_failed", "auth.ip_banned", "auth.login_failed"]
    );
    assert_eq!(rows[1].ip, "127.0.0.1");
    app.stop().await;
}

#[tokio::test]
async fn refused_and_rolled_back_changes_write_no_row_and_rows_cannot_be_changed() {
    use app::admins::api::{DisableAdmin, UpdateAdmin};
    use sea_orm::{ConnectionTrait, PaginatorTrait};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let before = audit_event::Entity::find().count(&app.db).await.unwrap();
        let id = root.id.to_string();
        // Refused inside the transaction: the last Full Administrator stays.
        let res = app
            .call(
                <UpdateAdmin as ServerFn>::PATH,
                &[
                    ("admin_id", &id),
                    ("first_name", "R"),
                    ("last_name", "R"),
                    ("email", "root@example.com"),
                    ("role_id", "2"),
                ],
            )
            .await;
        assert_eq!(res.status(), 403);
        let res = app
            .call(<DisableAdmin as ServerFn>::PATH, &[("admin_id", &id)])
            .await;
        assert_eq!(res.status(), 409);
        assert_eq!(
            audit_event::Entity::find().count(&app.db).await.unwrap(),
            before
        );

        // An event recorded in a transaction that rolls back is gone with it.
        let txn = app.db.begin().await.unwrap();
        app::kernel::audit::record(
            &txn,
            Utc::now(),
            &Actor::system(),
            Event::new(app::kernel::audit::Action::RoleCreated, None),
        )
        .await
        .unwrap();
        txn.rollback().await.unwrap();
        assert_eq!(
            audit_event::Entity::find().count(&app.db).await.unwrap(),
            before
        );

        // Append-only, whatever the code tries.
        for sql in [
            "UPDATE audit_events SET action = 'x'",
            "DELETE FROM audit_events",
        ] {
            let err = app.db.execute_unprepared(sql).await;
            assert!(err.is_err(), "{backend:?}: {sql} must be refused");
        }
        assert_eq!(
            audit_event::Entity::find().count(&app.db).await.unwrap(),
            before
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn keyset_pages_return_every_row_exactly_once_while_rows_are_added() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let now = Utc::now();
        for i in 0..230 {
            let event = Event::new(app::kernel::audit::Action::LoginFailed, None)
                .after(serde_json::json!({ "n": i }));
            app::kernel::audit::record(
                &app.db,
                now,
                &Actor::anonymous("198.51.100.7", "seed"),
                event,
            )
            .await
            .unwrap();
        }
        let mut expected: Vec<i64> = audit_event::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        expected.sort_unstable_by(|a, b| b.cmp(a));
        let filter = AuditFilter::default();
        let mut seen = Vec::new();
        let mut before = None;
        loop {
            let (rows, next) = audit::page(&app.db, &filter, before, 40).await.unwrap();
            seen.extend(rows.iter().map(|r| r.id));
            // Meanwhile, someone acts.
            app::kernel::audit::record(
                &app.db,
                Utc::now(),
                &Actor::system(),
                Event::new(app::kernel::audit::Action::RoleCreated, None),
            )
            .await
            .unwrap();
            match next {
                Some(n) => before = Some(n),
                None => break,
            }
        }
        assert_eq!(seen, expected, "{backend:?}");
        // A filter narrows every page the same way.
        let filter = AuditFilter {
            ip: "198.51.100.7".into(),
            q: "\"n\":22".into(),
            ..Default::default()
        };
        let (rows, next) = audit::page(&app.db, &filter, None, 40).await.unwrap();
        assert_eq!(next, None);
        assert_eq!(rows.len(), 11, "22 and 220-229");
        app.stop().await;
    }
}
