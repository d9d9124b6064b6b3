//! Invitations: the service with an injected clock, the HTTP flow, and mail over a real SMTP server.

use std::collections::HashMap;

use app::entities::{admin, admin_department, invitation, mail_outbox};
use app::invitations::model::{InvitationLookup, LinkProblem, NewInvitation};
use app::invitations::service::{
    self, AcceptError, Credentials, InviteError, InviteSettings, Inviter,
};
use app::kernel::audit::Actor;
use app::kernel::password::Hasher;
use chrono::{Duration, Utc};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app};

fn settings(app: &TestApp) -> InviteSettings {
    InviteSettings {
        public_url: app.address.clone(),
        organization: "Acme Hosting".into(),
        validity_days: 7,
        language: "en".into(),
    }
}

const SYSTEM: Inviter = Inviter::SYSTEM;

fn input(email: &str, username: &str, departments: &[(i32, bool)]) -> NewInvitation {
    let departments_map: HashMap<String, String> = departments
        .iter()
        .map(|(id, _)| (format!("d{id}"), "on".into()))
        .collect();
    let notify: HashMap<String, String> = departments
        .iter()
        .filter(|(_, n)| *n)
        .map(|(id, _)| (format!("d{id}"), "on".into()))
        .collect();
    NewInvitation::parse(
        "Bob",
        "Builder",
        email,
        username,
        "2",
        &departments_map,
        &notify,
    )
    .unwrap()
}

fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn an_invitation_is_accepted_on_day_6_and_refused_on_day_8() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let hasher = Hasher::for_this_machine();
        let t0 = Utc::now();
        let (_, early) = service::send(
            &app.db,
            t0,
            &settings(&app),
            &SYSTEM,
            input("early@example.com", "", &[]),
        )
        .await
        .unwrap();
        let (_, late) = service::send(
            &app.db,
            t0,
            &settings(&app),
            &SYSTEM,
            input("late@example.com", "", &[]),
        )
        .await
        .unwrap();

        let day8 = service::accept(
            &app.db,
            &hasher,
            t0 + Duration::days(8),
            &Actor::anonymous("", ""),
            late.expose(),
            &Credentials {
                username: "late",
                password: PASSWORD,
                confirmation: PASSWORD,
            },
        )
        .await;
        assert!(
            matches!(day8, Err(AcceptError::Link(LinkProblem::Expired, _))),
            "{backend:?}: {day8:?}"
        );
        let page = service::lookup(&app.db, t0 + Duration::days(8), "Acme", late.expose())
            .await
            .unwrap();
        assert!(matches!(
            page,
            InvitationLookup::Problem {
                problem: LinkProblem::Expired,
                ..
            }
        ));

        let day6 = service::accept(
            &app.db,
            &hasher,
            t0 + Duration::days(6),
            &Actor::anonymous("", ""),
            early.expose(),
            &Credentials {
                username: "early",
                password: PASSWORD,
                confirmation: PASSWORD,
            },
        )
        .await;
        let created = day6.unwrap();
        assert_eq!(created.email, "early@example.com");
        assert_eq!(admin::Entity::find().count(&app.db).await.unwrap(), 1);
        app.stop().await;
    }
}

#[tokio::test]
async fn resend_makes_the_old_link_fail_and_the_new_one_work() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let hasher = Hasher::for_this_machine();
        let now = Utc::now();
        let dept = app.add_department("Sales").await;
        let (first, old) = service::send(
            &app.db,
            now,
            &settings(&app),
            &SYSTEM,
            input("bob@example.com", "", &[(dept, true)]),
        )
        .await
        .unwrap();
        let (second, new) = service::resend(&app.db, now, &settings(&app), &SYSTEM, first.id)
            .await
            .unwrap();
        assert_ne!(first.id, second.id);
        let stale = service::accept(
            &app.db,
            &hasher,
            now,
            &Actor::anonymous("", ""),
            old.expose(),
            &Credentials {
                username: "bob",
                password: PASSWORD,
                confirmation: PASSWORD,
            },
        )
        .await;
        assert!(
            matches!(stale, Err(AcceptError::Link(LinkProblem::Superseded, _))),
            "{backend:?}: {stale:?}"
        );
        let bob = service::accept(
            &app.db,
            &hasher,
            now,
            &Actor::anonymous("", ""),
            new.expose(),
            &Credentials {
                username: "bob",
                password: PASSWORD,
                confirmation: PASSWORD,
            },
        )
        .await
        .unwrap();
        // The departments travel with the resent invitation onto the account.
        let memberships = admin_department::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(memberships.len(), 1);
        assert_eq!(
            (
                memberships[0].admin_id,
                memberships[0].department_id,
                memberships[0].notify
            ),
            (bob.id, dept, true)
        );
        assert_eq!(
            mail_outbox::Entity::find().count(&app.db).await.unwrap(),
            2,
            "one email per link"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn cancel_makes_the_link_fail_and_a_used_link_fails_too() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let hasher = Hasher::for_this_machine();
        let now = Utc::now();
        let (inv, cancelled) = service::send(
            &app.db,
            now,
            &settings(&app),
            &SYSTEM,
            input("c@example.com", "", &[]),
        )
        .await
        .unwrap();
        service::cancel(&app.db, now, &Actor::system(), inv.id)
            .await
            .unwrap();
        let res = service::accept(
            &app.db,
            &hasher,
            now,
            &Actor::anonymous("", ""),
            cancelled.expose(),
            &Credentials {
                username: "carol",
                password: PASSWORD,
                confirmation: PASSWORD,
            },
        )
        .await;
        assert!(
            matches!(res, Err(AcceptError::Link(LinkProblem::Cancelled, _))),
            "{backend:?}: {res:?}"
        );
        assert!(matches!(
            service::cancel(&app.db, now, &Actor::system(), inv.id).await,
            Err(InviteError::NotPending(_))
        ));

        let (_, used) = service::send(
            &app.db,
            now,
            &settings(&app),
            &SYSTEM,
            input("d@example.com", "", &[]),
        )
        .await
        .unwrap();
        service::accept(
            &app.db,
            &hasher,
            now,
            &Actor::anonymous("", ""),
            used.expose(),
            &Credentials {
                username: "dave",
                password: PASSWORD,
                confirmation: PASSWORD,
            },
        )
        .await
        .unwrap();
        let again = service::accept(
            &app.db,
            &hasher,
            now,
            &Actor::anonymous("", ""),
            used.expose(),
            &Credentials {
                username: "dave2",
                password: PASSWORD,
                confirmation: PASSWORD,
            },
        )
        .await;
        assert!(
            matches!(again, Err(AcceptError::Link(LinkProblem::Used, _))),
            "{again:?}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_preset_username_cannot_be_overridden_by_a_tampered_form() {
    let app = spawn_app(&backends()[0]).await;
    let hasher = Hasher::for_this_machine();
    let now = Utc::now();
    let (_, token) = service::send(
        &app.db,
        now,
        &settings(&app),
        &SYSTEM,
        input("e@example.com", "Erika", &[]),
    )
    .await
    .unwrap();
    let created = service::accept(
        &app.db,
        &hasher,
        now,
        &Actor::anonymous("", ""),
        token.expose(),
        &Credentials {
            username: "root",
            password: PASSWORD,
            confirmation: PASSWORD,
        },
    )
    .await
    .unwrap();
    assert_eq!(created.username, "Erika");
    app.stop().await;
}

#[tokio::test]
async fn bad_input_is_refused_before_the_token_is_used() {
    let app = spawn_app(&backends()[0]).await;
    let hasher = Hasher::for_this_machine();
    let now = Utc::now();
    let (_, token) = service::send(
        &app.db,
        now,
        &settings(&app),
        &SYSTEM,
        input("f@example.com", "", &[]),
    )
    .await
    .unwrap();
    for (username, password, confirmation, field) in [
        ("1frank", PASSWORD, PASSWORD, "username"),
        (
            "frank",
            "has <angle> brackets",
            "has <angle> brackets",
            "password",
        ),
        (
            "frank",
            PASSWORD,
            "something else entirely",
            "password_confirmation",
        ),
    ] {
        let res = service::accept(
            &app.db,
            &hasher,
            now,
            &Actor::anonymous("", ""),
            token.expose(),
            &Credentials {
                username,
                password,
                confirmation,
            },
        )
        .await;
        assert!(
            matches!(res, Err(AcceptError::Invalid(f, _)) if f == field),
            "{res:?}"
        );
    }
    let inv = invitation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(inv.accepted_at.is_none(), "nothing was consumed");
    assert_eq!(admin::Entity::find().count(&app.db).await.unwrap(), 0);
    app.stop().await;
}

#[tokio::test]
async fn two_concurrent_accepts_of_one_token_create_exactly_one_admin() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let hasher = Hasher::for_this_machine();
        let now = Utc::now();
        let (_, token) = service::send(
            &app.db,
            now,
            &settings(&app),
            &SYSTEM,
            input("race@example.com", "", &[]),
        )
        .await
        .unwrap();
        let mut tasks = Vec::new();
        for i in 0..6 {
            let (db, hasher, token) = (app.db.clone(), hasher.clone(), token.expose().to_owned());
            tasks.push(tokio::spawn(async move {
                service::accept(
                    &db,
                    &hasher,
                    now,
                    &Actor::anonymous("", ""),
                    &token,
                    &Credentials {
                        username: &format!("racer{i}"),
                        password: PASSWORD,
                        confirmation: PASSWORD,
                    },
                )
                .await
            }));
        }
        let mut ok = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ok += 1,
                Err(AcceptError::Link(LinkProblem::Used, _)) => {}
                Err(other) => panic!("{backend:?}: unexpected {other:?}"),
            }
        }
        assert_eq!(ok, 1, "{backend:?}");
        assert_eq!(admin::Entity::find().count(&app.db).await.unwrap(), 1);
        app.stop().await;
    }
}

#[tokio::test]
async fn inviting_an_admin_email_or_a_pending_one_is_refused() {
    let app = spawn_app(&backends()[0]).await;
    app.create_admin("root", "full_administrator").await;
    let now = Utc::now();
    let taken = service::send(
        &app.db,
        now,
        &settings(&app),
        &SYSTEM,
        input("ROOT@example.com", "", &[]),
    )
    .await;
    assert!(matches!(taken, Err(InviteError::EmailIsAdmin)), "{taken:?}");
    service::send(
        &app.db,
        now,
        &settings(&app),
        &SYSTEM,
        input("new@example.com", "", &[]),
    )
    .await
    .unwrap();
    let again = service::send(
        &app.db,
        now,
        &settings(&app),
        &SYSTEM,
        input("New@Example.com", "", &[]),
    )
    .await;
    assert!(
        matches!(again, Err(InviteError::PendingExists { .. })),
        "{again:?}"
    );
    let preset_taken = service::send(
        &app.db,
        now,
        &settings(&app),
        &SYSTEM,
        input("other@example.com", "ROOT", &[]),
    )
    .await;
    assert!(
        matches!(preset_taken, Err(InviteError::UsernameTaken)),
        "{preset_taken:?}"
    );
    app.stop().await;
}

/// Finds the accept link in the newest .eml file the development transport wrote.
async fn link_from_eml(app: &TestApp) -> String {
    let dir = app.dir.path().join("data/mail");
    for _ in 0..100 {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
            if let Some(latest) = files.last() {
                let text = std::fs::read_to_string(latest).unwrap();
                let unfolded = text.replace("=\r\n", "").replace("=\n", "");
                let start = unfolded
                    .find(&format!("{}/invite/", app.address))
                    .expect("link in the email");
                let link: String = unfolded[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || ":/._-".contains(*c))
                    .collect();
                return link;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no email was written to {}", dir.display());
}

#[tokio::test]
async fn the_whole_flow_over_http_ends_logged_in_on_the_dashboard() {
    use server_fn::ServerFn;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let dept = app.add_department("Support").await;
        let res = app
            .call(
                <app::invitations::api::SendInvitation as ServerFn>::PATH,
                &[
                    ("first_name", "Bob"),
                    ("last_name", "Builder"),
                    ("email", "bob@example.com"),
                    ("username", ""),
                    ("role_id", "3"),
                    (&format!("departments[d{dept}]"), "on"),
                ],
            )
            .await;
        assert_eq!(
            res.status(),
            200,
            "{backend:?}: {}",
            res.text().await.unwrap()
        );
        let admins_page = app.get("/admins").await.text().await.unwrap();
        assert!(
            admins_page.contains("bob@example.com"),
            "pending list shows the invitation"
        );

        let link = link_from_eml(&app).await;
        let path = link.trim_start_matches(&app.address).to_owned();
        let invitee = new_client();
        for _ in 0..2 {
            // Opening the link twice consumes nothing.
            let page = invitee.get(app.url(&path)).send().await.unwrap();
            assert_eq!(page.status(), 200);
            assert_eq!(page.headers()["referrer-policy"], "no-referrer");
            assert_eq!(page.headers()["cache-control"], "no-store");
            let html = page.text().await.unwrap();
            assert!(
                html.contains("Bob Builder, you are invited to the Acme Hosting Admin Area")
                    || html.contains("Bob Builder, you are invited to the Staffdesk Admin Area"),
                "{html}"
            );
            assert!(html.contains("Support Operator"));
        }
        let accept = invitee
            .post(app.url(<app::invitations::api::AcceptInvitation as ServerFn>::PATH))
            .header("Accept", "text/html")
            .header("Referer", &link)
            .form(&[
                ("token", token_of(&link).as_str()),
                ("username", "bob"),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(accept.status(), 302, "{backend:?}");
        assert_eq!(accept.headers()["location"], "/?welcome=1");
        let dashboard = invitee
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(dashboard.contains("Bob Builder"), "{dashboard}");
        assert!(
            dashboard.contains("Welcome, Bob. You are signed in as Support Operator."),
            "{dashboard}"
        );
        let used = invitee.get(app.url(&path)).send().await.unwrap();
        assert_eq!(used.status(), 410);
        let admins_page = app.get("/admins").await.text().await.unwrap();
        assert!(admins_page.contains("<td>bob</td>"), "{admins_page}");
        assert!(admins_page.contains("<td>Support</td>"));
        app.stop().await;
    }
}

#[tokio::test]
async fn problem_links_get_their_own_page_naming_the_inviter() {
    let app = spawn_app(&backends()[0]).await;
    let root = app.create_admin("root", "full_administrator").await;
    let inviter = Inviter {
        admin_id: Some(root.id),
        name: Some("Test root".into()),
        ..Inviter::SYSTEM
    };
    let past = Utc::now() - Duration::days(8);
    let (_, expired) = service::send(
        &app.db,
        past,
        &settings(&app),
        &inviter,
        input("old@example.com", "", &[]),
    )
    .await
    .unwrap();
    let res = new_client()
        .get(app.url(&format!("/invite/{}", expired.expose())))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 410);
    let html = res.text().await.unwrap();
    assert!(html.contains("This invitation has expired"), "{html}");
    assert!(
        html.contains("Test root") && html.contains("root@example.com"),
        "{html}"
    );

    let missing = new_client()
        .get(app.url("/invite/not-a-real-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert!(
        missing
            .text()
            .await
            .unwrap()
            .contains("This invitation link is not valid")
    );
    app.stop().await;
}

#[tokio::test]
async fn a_refused_plain_form_post_returns_to_the_invitation_page_with_the_message() {
    use server_fn::ServerFn;
    let app = spawn_app(&backends()[0]).await;
    let (_, token) = service::send(
        &app.db,
        Utc::now(),
        &settings(&app),
        &SYSTEM,
        input("nojs@example.com", "", &[]),
    )
    .await
    .unwrap();
    // What a browser sends from a `Referrer-Policy: no-referrer` page: Origin null, no Referer.
    let res = new_client()
        .post(app.url(<app::invitations::api::AcceptInvitation as ServerFn>::PATH))
        .header("Accept", "text/html")
        .header("Origin", "null")
        .header("Sec-Fetch-Site", "same-origin")
        .form(&[
            ("token", token.expose()),
            ("username", "9lives"),
            ("password", PASSWORD),
            ("password_confirmation", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{}/invite/{}?", app.address, token.expose())),
        "{location}"
    );
    let html = new_client()
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("A username must begin with a letter"),
        "{html}"
    );
    assert_eq!(admin::Entity::find().count(&app.db).await.unwrap(), 0);
    app.stop().await;
}
