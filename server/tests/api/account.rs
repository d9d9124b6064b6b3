//! My Account: every change needs the current password, notification flags and the signature
//! persist, the language applies to the next page, and a password change can end other sessions.

use app::account::api::{ChangeMyPassword, EndMySession, UpdateMyAccount};
use app::entities::{admin, admin_department, session};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};

async fn add_member(app: &TestApp, admin_id: i32, name: &str, notify: bool) -> i32 {
    let department_id = app.add_department(name).await;
    admin_department::ActiveModel {
        admin_id: Set(admin_id),
        department_id: Set(department_id),
        notify: Set(notify),
    }
    .insert(&app.db)
    .await
    .unwrap();
    department_id
}

fn profile<'a>(
    password: &'a str,
    signature: &'a str,
    notify: &'a [String],
) -> Vec<(String, String)> {
    let mut form = vec![
        ("first_name".to_owned(), "Rita".to_owned()),
        ("last_name".to_owned(), "Root".to_owned()),
        ("email".to_owned(), "rita@example.com".to_owned()),
        ("language".to_owned(), "de".to_owned()),
        ("signature".to_owned(), signature.to_owned()),
        ("current_password".to_owned(), password.to_owned()),
    ];
    for key in notify {
        form.push((format!("notify[{key}]"), "on".to_owned()));
    }
    form
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(String, String)],
) -> (u16, serde_json::Value) {
    app.post_as(client, path, form).await
}

async fn flags(app: &TestApp, admin_id: i32) -> Vec<(i32, bool)> {
    let mut rows: Vec<(i32, bool)> = admin_department::Entity::find()
        .filter(admin_department::Column::AdminId.eq(admin_id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.department_id, m.notify))
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn a_wrong_current_password_changes_nothing() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let sales = add_member(&app, root.id, "Sales", true).await;
        let before = admin::Entity::find_by_id(root.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let (status, body) = post(
            &app,
            &app.client,
            <UpdateMyAccount as ServerFn>::PATH,
            &profile("not my password at all", "Rita", &[]),
        )
        .await;
        assert_eq!(status, 422, "{backend:?}: {body}");
        assert_eq!(body["field"], "current_password");
        assert_eq!(
            body["message"],
            "The current password is incorrect. Nothing was changed."
        );
        let after = admin::Entity::find_by_id(root.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after, before);
        assert_eq!(flags(&app, root.id).await, vec![(sales, true)]);

        let (status, _) = post(
            &app,
            &app.client,
            <ChangeMyPassword as ServerFn>::PATH,
            &[
                ("current_password".into(), "not my password at all".into()),
                ("password".into(), "a brand new passphrase".into()),
                (
                    "password_confirmation".into(),
                    "a brand new passphrase".into(),
                ),
                ("log_out_others".into(), "on".into()),
            ],
        )
        .await;
        assert_eq!(status, 422);
        let after = admin::Entity::find_by_id(root.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.password_hash, before.password_hash);
        app.stop().await;
    }
}

#[tokio::test]
async fn profile_flags_signature_and_language_persist_and_apply() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let sales = add_member(&app, root.id, "Sales", true).await;
        let support = add_member(&app, root.id, "Support", false).await;
        let signature = "Rita Root\n</textarea><script>alert(1)</script> & Co";
        let (status, body) = post(
            &app,
            &app.client,
            <UpdateMyAccount as ServerFn>::PATH,
            &profile(PASSWORD, signature, &[format!("d{support}")]),
        )
        .await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        assert_eq!(
            flags(&app, root.id).await,
            vec![(sales, false), (support, true)]
        );
        let saved = admin::Entity::find_by_id(root.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(saved.signature, signature);
        assert_eq!(
            (
                saved.first_name.as_str(),
                saved.email.as_str(),
                saved.language.as_str()
            ),
            ("Rita", "rita@example.com", "de")
        );

        // The next page is German, and the signature is shown as text.
        let page = app.get("/account").await.text().await.unwrap();
        assert!(page.contains("<html lang=\"de\""), "{page}");
        assert!(page.contains("Mein Konto"));
        assert!(
            page.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"),
            "{page}"
        );
        assert!(
            !page.contains("<script>alert(1)"),
            "{}",
            &page[page.find("<script>alert(1)").unwrap().saturating_sub(300)..][..400]
        );
        let dashboard = app.get("/").await.text().await.unwrap();
        assert!(
            dashboard.contains("<title>Übersicht — Staffdesk</title>"),
            "{dashboard}"
        );

        // Another admin's email is refused.
        let other = app.create_admin("olga", "support_operator").await;
        let mut form = profile(PASSWORD, "", &[]);
        form[2].1 = other.email.clone();
        let (status, body) = post(
            &app,
            &app.client,
            <UpdateMyAccount as ServerFn>::PATH,
            &form,
        )
        .await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["field"], "email");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_password_change_can_end_the_other_sessions_and_keeps_this_one() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let laptop = new_client();
        let phone = new_client();
        for c in [&laptop, &phone] {
            assert_eq!(app.login_with(c, "root", PASSWORD).await.status(), 200);
        }
        let new_password = "a brand new passphrase";
        let change = |logout: bool, current: &str, new: &str| {
            let mut form = vec![
                ("current_password".to_owned(), current.to_owned()),
                ("password".to_owned(), new.to_owned()),
                ("password_confirmation".to_owned(), new.to_owned()),
            ];
            if logout {
                form.push(("log_out_others".to_owned(), "on".to_owned()));
            }
            form
        };
        // Without the box ticked, the other sessions stay.
        let (status, body) = post(
            &app,
            &laptop,
            <ChangeMyPassword as ServerFn>::PATH,
            &change(false, PASSWORD, new_password),
        )
        .await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        assert_eq!(phone.get(app.url("/")).send().await.unwrap().status(), 200);

        let newer = "an even newer passphrase";
        let (status, _) = post(
            &app,
            &laptop,
            <ChangeMyPassword as ServerFn>::PATH,
            &change(true, new_password, newer),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(
            laptop
                .get(app.url("/account"))
                .send()
                .await
                .unwrap()
                .status(),
            200,
            "this session stays"
        );
        assert_eq!(
            phone.get(app.url("/")).send().await.unwrap().status(),
            303,
            "the other session ended"
        );
        assert_eq!(
            app.client.get(app.url("/")).send().await.unwrap().status(),
            303
        );
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
        assert_eq!(
            app.login_with(&new_client(), "root", newer).await.status(),
            200
        );
        assert_eq!(
            app.login_with(&new_client(), "root", PASSWORD)
                .await
                .status(),
            401
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_sessions_list_ends_one_session_but_not_another_admins() {
    let app = spawn_app(&backends()[0]).await;
    let root = app.login_as_full_admin().await;
    let phone = new_client();
    assert_eq!(app.login_with(&phone, "root", PASSWORD).await.status(), 200);
    let sam = app.create_admin("sam", "support_operator").await;
    let sam_client = new_client();
    assert_eq!(
        app.login_with(&sam_client, "sam", PASSWORD).await.status(),
        200
    );
    let key_of = |admin_id: i32| {
        let db = app.db.clone();
        async move {
            session::Entity::find()
                .filter(app::kernel::session_store::sessions_of(
                    app::kernel::Principal::staff(admin_id),
                ))
                .all(&db)
                .await
                .unwrap()
        }
    };
    let sams = key_of(sam.id).await;
    let (status, _) = post(
        &app,
        &app.client,
        <EndMySession as ServerFn>::PATH,
        &[("key".into(), sams[0].id_hash.clone())],
    )
    .await;
    assert_eq!(status, 404, "another admin's session is not mine to end");
    assert_eq!(
        sam_client.get(app.url("/")).send().await.unwrap().status(),
        200
    );

    let page = app.get("/account").await.text().await.unwrap();
    assert!(page.contains("This session"), "{page}");
    let mine = key_of(root.id).await;
    assert_eq!(mine.len(), 2);
    // End the phone's session from the app's client.
    let phone_res = phone.get(app.url("/account")).send().await.unwrap();
    assert_eq!(phone_res.status(), 200);
    let mut ended = 0;
    for s in mine {
        let (status, _) = post(
            &app,
            &phone,
            <EndMySession as ServerFn>::PATH,
            &[("key".into(), s.id_hash.clone())],
        )
        .await;
        if status == 200 {
            ended += 1;
            break;
        }
    }
    assert_eq!(ended, 1);
    assert_eq!(key_of(root.id).await.len(), 1);
    app.stop().await;
}
