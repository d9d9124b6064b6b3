//! What must hold when requests race: ended sessions stay ended, limits are counted before the
//! check they guard, the mail worker never delivers twice, and the client address behind a proxy.

use std::time::Duration;

use app::entities::{audit_event, login_failure, session};
use app::kernel::session_store::{DbSessionStore, PRINCIPAL_ID, PRINCIPAL_KIND};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server_fn::ServerFn;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;

use crate::helpers::{Backend, PASSWORD, TestApp, backends, new_client, spawn_app, spawn_app_with};

fn record(admin_id: i32) -> Record {
    let mut data = std::collections::HashMap::new();
    data.insert(PRINCIPAL_KIND.to_owned(), serde_json::json!("staff"));
    data.insert(PRINCIPAL_ID.to_owned(), serde_json::json!(admin_id));
    Record {
        id: Id::default(),
        data,
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
    }
}

#[tokio::test]
async fn a_request_finishing_after_its_session_ended_does_not_bring_it_back() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let admin = app.create_admin("root", "full_administrator").await;
        let store = DbSessionStore::new(app.db.clone());
        let mut rec = record(admin.id);
        store.create(&mut rec).await.unwrap();
        // A slow request loads the session ...
        let mut in_flight = store.load(&rec.id).await.unwrap().expect("loaded");
        // ... the session is ended meanwhile (logout, "end this session", ...) ...
        store.delete(&rec.id).await.unwrap();
        // ... and the slow request writes what it loaded back when it finishes.
        in_flight
            .data
            .insert("touched_at".into(), serde_json::json!(1));
        store.save(&in_flight).await.unwrap();
        assert!(
            store.load(&rec.id).await.unwrap().is_none(),
            "{backend:?}: the ended session came back"
        );
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
        app.stop().await;
    }
}

#[tokio::test]
async fn ending_an_admins_sessions_holds_even_if_a_row_is_written_again() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let admin = app.login_as_full_admin().await;
        assert_eq!(app.get("/").await.status(), 200);
        // Whatever a request in flight may still write: the row as it stood before the end.
        let before: Vec<session::Model> = session::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(before.len(), 1);
        let ended = app::auth::service::end_sessions(&app.db, admin.id, None)
            .await
            .unwrap();
        assert_eq!(ended, 1);
        let row: session::ActiveModel =
            sea_orm::IntoActiveModel::into_active_model(before[0].clone());
        session::Entity::insert(sea_orm::ActiveModelTrait::reset_all(row))
            .exec_without_returning(&app.db)
            .await
            .unwrap();
        app.settle().await;
        let res = app.get("/").await;
        assert_eq!(
            res.status(),
            303,
            "{backend:?}: the old cookie still opens pages"
        );
        assert!(
            res.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login")
        );
        // A new login after the cut-off works.
        assert_eq!(
            app.login_with(&app.client, "root", PASSWORD).await.status(),
            200
        );
        assert_eq!(app.get("/").await.status(), 200);
        app.stop().await;
    }
}

#[tokio::test]
async fn the_dashboard_stream_ends_when_its_session_ends() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let mut feed = app.get("/events/dashboard").await;
        assert_eq!(feed.status(), 200);
        let first = tokio::time::timeout(Duration::from_secs(20), feed.chunk())
            .await
            .expect("a first event")
            .unwrap();
        assert!(first.is_some());
        // Log out in another request with the same cookie; the logout is recorded, which wakes
        // the stream, and the stream must then find its session gone.
        let (status, _) = app
            .post_as(
                &app.client,
                <app::auth::api::Logout as ServerFn>::PATH,
                &[("", "")][..0],
            )
            .await;
        assert_eq!(status, 200);
        let ended = tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                match feed.chunk().await {
                    Ok(Some(chunk)) if String::from_utf8_lossy(&chunk).contains("event:") => {
                        return Err("an event after logout");
                    }
                    Ok(Some(_)) => {}
                    Ok(None) | Err(_) => return Ok(()),
                }
            }
        })
        .await;
        assert_eq!(
            ended.ok(),
            Some(Ok(())),
            "{backend:?}: the stream kept going after logout"
        );
        app.stop().await;
    }
}

async fn login_failures(app: &TestApp) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("auth.login_failed"))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn fifty_wrong_logins_at_once_get_no_more_password_checks_than_the_ban_allows() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.create_admin("root", "full_administrator").await;
        let attempts = (0..50).map(|i| {
            let app = &app;
            async move {
                let client = new_client();
                app.login_with(&client, "root", &format!("wrong password number {i}"))
                    .await
                    .status()
                    .as_u16()
            }
        });
        let statuses = futures::future::join_all(attempts).await;
        assert!(
            statuses.iter().all(|s| *s == 401 || *s == 429 || *s == 503),
            "{statuses:?}"
        );
        // Every password check that failed left one failure row and one audit row.
        let rows = login_failure::Entity::find().count(&app.db).await.unwrap();
        let audited = login_failures(&app).await;
        assert!(
            rows <= 3,
            "{backend:?}: {rows} failures recorded, the ban allows 3"
        );
        assert!(
            audited <= 3,
            "{backend:?}: {audited} password checks failed, the ban allows 3"
        );
        assert!(audited >= 1, "{backend:?}: no password was checked at all");
        // Attempts refused as busy (503: password hashing runs at the lowest priority, so a busy
        // machine turns some away) checked nothing and count for nothing; the ban comes after
        // exactly the remaining allowance of further wrong passwords.
        for _ in audited..3 {
            let status = app
                .login_with(&new_client(), "root", "one more wrong password")
                .await
                .status()
                .as_u16();
            assert!(status == 401 || status == 429, "{backend:?}: {status}");
        }
        // The address is banned now, also for the right password.
        assert_eq!(
            app.login_with(&new_client(), "root", PASSWORD)
                .await
                .status(),
            429
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_right_password_withdraws_its_counted_attempt() {
    let app = spawn_app(&backends()[0]).await;
    app.create_admin("root", "full_administrator").await;
    let wrong = || async {
        app.login_with(&new_client(), "root", "not it at all")
            .await
            .status()
    };
    assert_eq!(wrong().await, 401);
    assert_eq!(wrong().await, 401);
    assert_eq!(
        app.login_with(&new_client(), "root", PASSWORD)
            .await
            .status(),
        200
    );
    // Only the two wrong ones count: the next wrong one is the third, and bans.
    assert_eq!(
        login_failure::Entity::find().count(&app.db).await.unwrap(),
        2
    );
    assert_eq!(wrong().await, 429);
    assert_eq!(login_failures(&app).await, 3);
    app.stop().await;
}

#[tokio::test]
async fn parallel_wrong_codes_get_no_more_tries_than_the_challenge_allows() {
    use app::login::api::VerifyLoginCode;
    for backend in backends() {
        // Without the IP ban, only the challenge's own limit of 5 stands in the way.
        let app = spawn_app_with(&backend, |s| s.security.ban_after_failures = 0).await;
        app.login_as_full_admin().await;
        crate::two_factor::enrol(&app, &app.client).await;
        let client = new_client();
        assert_eq!(
            app.login_with(&client, "root", PASSWORD).await.status(),
            200
        );
        let guesses = (0..40).map(|i| {
            let (app, client) = (&app, &client);
            async move {
                app.post_as(
                    client,
                    VerifyLoginCode::PATH,
                    &[
                        ("code", format!("{:06}", 100_000 + i)),
                        ("next", "/".into()),
                    ],
                )
                .await
                .0
            }
        });
        let statuses = futures::future::join_all(guesses).await;
        // Wrong codes, or (on PostgreSQL) refused at once while another guess holds the lock.
        assert!(
            statuses.iter().all(|s| *s == 401 || *s == 429),
            "{statuses:?}"
        );
        assert!(statuses.contains(&401), "{statuses:?}");
        let checked = login_failures(&app).await;
        assert!(
            checked <= 5,
            "{backend:?}: {checked} codes were checked, a challenge allows 5"
        );
        assert!(checked >= 1, "{backend:?}: no code was checked at all");
        app.stop().await;
    }
}

/// A login attempt as seen through a proxy that forwarded it for `client_ip`.
async fn login_from(app: &TestApp, forwarded_for: &str, password: &str) -> u16 {
    new_client()
        .post(app.url(<app::login::api::Login as ServerFn>::PATH))
        .header("Accept", "application/json")
        .header("X-Forwarded-For", forwarded_for)
        .form(&[("username", "root"), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_one_banned_client_does_not_ban_the_others() {
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| {
            s.server.trusted_proxies = vec!["127.0.0.1".into()];
        })
        .await;
        app.create_admin("root", "full_administrator").await;
        for _ in 0..2 {
            assert_eq!(login_from(&app, "198.51.100.7", "wrong").await, 401);
        }
        assert_eq!(login_from(&app, "198.51.100.7", "wrong").await, 429);
        assert_eq!(login_from(&app, "198.51.100.7", PASSWORD).await, 429);
        // Another client behind the same proxy logs in; a client cannot pass for another by
        // writing its own X-Forwarded-For in front of what the proxy appends.
        assert_eq!(login_from(&app, "198.51.100.8", PASSWORD).await, 200);
        assert_eq!(
            login_from(&app, "198.51.100.8, 198.51.100.7", PASSWORD).await,
            429
        );
        // IPv6 clients are banned by their /64.
        for _ in 0..3 {
            login_from(&app, "2001:db8:1:2::10", "wrong").await;
        }
        assert_eq!(
            login_from(&app, "2001:db8:1:2:ffff::99", PASSWORD).await,
            429
        );
        assert_eq!(login_from(&app, "2001:db8:1:3::10", PASSWORD).await, 200);
        let banned: Vec<String> = app::entities::ip_ban::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|b| b.ip)
            .collect();
        assert_eq!(banned, ["198.51.100.7", "2001:db8:1:2::/64"], "{backend:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn from_an_untrusted_peer_a_spoofed_forwarded_for_is_ignored() {
    let app = spawn_app(&backends()[0]).await;
    app.create_admin("root", "full_administrator").await;
    // Each attempt claims another address; all of them are the peer's own failures.
    assert_eq!(login_from(&app, "203.0.113.1", "wrong").await, 401);
    assert_eq!(login_from(&app, "203.0.113.2", "wrong").await, 401);
    assert_eq!(login_from(&app, "203.0.113.3", "wrong").await, 429);
    assert_eq!(login_from(&app, "203.0.113.4", PASSWORD).await, 429);
    let ips: Vec<String> = login_failure::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.ip)
        .collect();
    assert_eq!(ips, ["127.0.0.1"; 3]);
    app.stop().await;
}

#[tokio::test]
async fn pages_keep_rendering_while_another_server_starts_in_the_same_process() {
    // A stalled page answers 503 after this limit instead of hanging the test.
    let app = spawn_app_with(&backends()[0], |s| s.server.request_timeout_seconds = 5).await;
    app.login_as_full_admin().await;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Other servers start and stop next to this one, each on its own runtime and thread, as the
    // test suite's parallel tests do.
    let starter = std::thread::spawn({
        let done = done.clone();
        move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let mut started = 0;
            runtime.block_on(async {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let other = spawn_app(&crate::helpers::Backend::Sqlite).await;
                    other.stop().await;
                    started += 1;
                }
            });
            started
        }
    });
    let mut statuses = Vec::new();
    for _ in 0..40 {
        // Pages whose data comes from a resource under Suspense.
        for path in ["/account/two-factor", "/account", "/"] {
            statuses.push(app.get(path).await.status().as_u16());
        }
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let started = starter.join().unwrap();
    assert!(started > 0, "no other server started meanwhile");
    assert!(
        statuses.iter().all(|s| *s == 200),
        "pages stalled while {started} other servers started: {statuses:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_two_factor_login_whose_password_was_checked_before_the_sessions_ended_is_born_dead() {
    use app::login::api::VerifyLoginCode;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let root = app.login_as_full_admin().await;
        let (secret, _) = crate::two_factor::enrol(&app, &app.client).await;
        // The password is checked (this is the row the login read) ...
        let checked = app::entities::admin::Entity::find_by_id(root.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        // ... then the admin's sessions end (a set-password link is used, say) ...
        app::auth::service::end_sessions(&app.db, root.id, None)
            .await
            .unwrap();
        // ... and only then is the challenge for the second step written.
        let token = app::two_factor::service::open_challenge(
            &app.db,
            &checked,
            "127.0.0.1",
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let client = new_client();
        let (status, body) = app
            .post_as(
                &client,
                VerifyLoginCode::PATH,
                &[
                    ("code", secret.code_at(chrono::Utc::now())),
                    ("next", "/".into()),
                ],
            )
            .await;
        // Without the challenge cookie nothing happens; with it, the code is right ...
        assert_eq!(status, 401, "{body}");
        let res = client
            .post(app.url(VerifyLoginCode::PATH))
            .header("Accept", "application/json")
            .header("Cookie", format!("staffdesk_login={}", token.expose()))
            .form(&[
                ("code", secret.code_at(chrono::Utc::now())),
                ("next", "/".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        // ... but the session it starts belongs to the ended epoch.
        let res = client.get(app.url("/")).send().await.unwrap();
        assert_eq!(
            res.status(),
            303,
            "{backend:?}: a login from before the end got a live session"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_change_committed_after_later_ones_still_reaches_each_nodes_cache() {
    use app::kernel::auth_cache::AuthCache;
    use sea_orm::{ConnectionTrait, TransactionTrait};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let admin = app.create_admin("root", "full_administrator").await;
        let other = app.create_admin("other", "full_administrator").await;
        // A node's cache, reading the same change log as every node.
        let cache = AuthCache::default();
        cache.catch_up(&app.db).await.unwrap();
        let ticket = cache.ticket();
        cache.keep_admin(0, app.actor(admin.id).await, ticket);
        assert!(cache.admin(admin.id, 0).is_some());

        let later_changes = || async {
            // Each its own transaction: log rows with higher ids that commit first.
            for n in 0..300 {
                app.db
                    .execute_unprepared(&format!(
                        "UPDATE admins SET last_name = 'n{n}' WHERE id = {}",
                        other.id
                    ))
                    .await
                    .unwrap();
                if n % 50 == 0 {
                    cache.catch_up(&app.db).await.unwrap();
                }
            }
        };
        if matches!(backend, Backend::Postgres(_)) {
            // Postgres: a slow transaction changes the admin (its log row takes an id now) and
            // commits only after hundreds of later changes were committed and read.
            let slow = app.db.begin().await.unwrap();
            slow.execute_unprepared(&format!(
                "UPDATE admins SET language = 'de' WHERE id = {}",
                admin.id
            ))
            .await
            .unwrap();
            later_changes().await;
            cache.catch_up(&app.db).await.unwrap();
            assert!(cache.admin(admin.id, 0).is_some(), "nothing committed yet");
            slow.commit().await.unwrap();
        } else {
            // SQLite has one writer at a time: rows commit in id order.
            later_changes().await;
            app.db
                .execute_unprepared(&format!(
                    "UPDATE admins SET language = 'de' WHERE id = {}",
                    admin.id
                ))
                .await
                .unwrap();
        }
        cache.catch_up(&app.db).await.unwrap();
        assert!(
            cache.admin(admin.id, 0).is_none(),
            "{backend:?}: the late change did not reach the cache"
        );
        app.stop().await;
    }
}
