//! The Client Area through the real server: its own login and session cookie, isolation from the
//! staff area both ways, the permission matrix of every Client Area function and page (a table
//! that fails when a new one is missing), another client's records, ticket notes that never reach
//! the client, user invitations with their races, password resets, and "log in as client".

use app::entities::{audit_event, client_user, mail_outbox, ticket, user, user_invitation};
use app::kernel::ClientPermission;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use server_fn::ServerFn;

use crate::clients::{add_client, add_invoice};
use crate::helpers::{PASSWORD, TestApp, backends, new_client, spawn_app, spawn_app_with};

fn path<S: ServerFn>() -> &'static str {
    S::PATH
}

/// What a Client Area function or page needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Anyone; it checks what it needs itself.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// A user whose place at the client holds the permission.
    Perm(ClientPermission),
}

/// The records the tables point at: client A's (the user's own) and client B's (another's).
struct World {
    a: i32,
    b: i32,
    invoice_a: i32,
    invoice_b: i32,
    ticket_a: String,
    ticket_b: String,
    contact_b: i32,
    department: i32,
    /// A knowledgebase category, and an article for clients only in it.
    kb_category: i32,
    kb_slug: String,
    /// A published announcement.
    announcement: i32,
}

fn form(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

/// Every Client Area server function with a valid form for client A, and what it needs.
/// (path, form, need) of one Client Area function.
type Row = (&'static str, Vec<(&'static str, String)>, Need);

fn functions(w: &World) -> Vec<Row> {
    use ClientPermission::*;
    use Need::*;
    use app::portal::api::*;
    // The permission handed out is the one the function itself needs.
    let perms = [("email", "new.person@example.com"), ("perm_users", "on")];
    let (inv, tk, dept) = (
        w.invoice_a.to_string(),
        w.ticket_a.clone(),
        w.department.to_string(),
    );
    let profile = [
        ("first_name", "Ada"),
        ("last_name", "Lovelace"),
        ("email", "ada@example.com"),
        ("country", "GB"),
        ("language", "en"),
    ];
    vec![
        (
            path::<ClientLogin>(),
            form(&[
                ("email", "x@example.com"),
                ("password", "wrong password here"),
            ]),
            Public,
        ),
        (path::<ClientLogout>(), vec![], Public),
        (path::<EnterAsClient>(), form(&[("token", "nope")]), Public),
        (
            path::<LookupUserInvitation>(),
            form(&[("token", "nope")]),
            Public,
        ),
        (
            path::<AcceptUserInvitation>(),
            form(&[
                ("token", "nope"),
                ("first_name", "A"),
                ("last_name", "B"),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ]),
            Public,
        ),
        (
            path::<RequestUserReset>(),
            form(&[("email", "nobody@example.com")]),
            Public,
        ),
        (
            path::<LookupUserReset>(),
            form(&[("token", "nope")]),
            Public,
        ),
        (
            path::<CompleteUserReset>(),
            form(&[
                ("token", "nope"),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ]),
            Public,
        ),
        (path::<GetClientLoginChallenge>(), vec![], Public),
        (
            path::<VerifyClientLoginCode>(),
            form(&[("code", "123456")]),
            Public,
        ),
        (path::<JoinClient>(), form(&[("token", "nope")]), SignedIn),
        (path::<GetUserTwoFactor>(), vec![], SignedIn),
        (
            path::<StartUserTwoFactor>(),
            form(&[("current_password", "not it at all")]),
            SignedIn,
        ),
        (
            path::<ConfirmUserTwoFactor>(),
            form(&[("code", "123456")]),
            SignedIn,
        ),
        (path::<TakeUserRecoveryCodes>(), vec![], SignedIn),
        (
            path::<DisableUserTwoFactor>(),
            form(&[("current_password", "not it at all"), ("code", "123456")]),
            SignedIn,
        ),
        (path::<GetPortalHome>(), vec![], SignedIn),
        (
            path::<SwitchClient>(),
            form(&[("client_id", &w.a.to_string())]),
            SignedIn,
        ),
        (path::<GetUserAccount>(), vec![], SignedIn),
        (
            path::<UpdateUserAccount>(),
            form(&[
                ("first_name", "Una"),
                ("last_name", "User"),
                ("language", "en"),
            ]),
            SignedIn,
        ),
        (
            path::<ChangeUserPassword>(),
            form(&[
                ("current_password", "not it at all"),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ]),
            SignedIn,
        ),
        (path::<GetPortalProfile>(), vec![], Perm(Profile)),
        (path::<UpdatePortalProfile>(), form(&profile), Perm(Profile)),
        (path::<ListPortalContacts>(), vec![], Perm(Contacts)),
        (
            path::<GetPortalContact>(),
            form(&[("contact_id", "new")]),
            Perm(Contacts),
        ),
        (
            path::<SavePortalContact>(),
            form(&[
                ("first_name", "Bo"),
                ("last_name", "Lee"),
                ("email", "bo@example.com"),
            ]),
            Perm(Contacts),
        ),
        (
            path::<DeletePortalContact>(),
            form(&[("contact_id", "999999")]),
            Perm(Contacts),
        ),
        (path::<ListPortalServices>(), vec![], Perm(Services)),
        (path::<ListPortalInvoices>(), vec![], Perm(Invoices)),
        (
            path::<GetPortalInvoice>(),
            form(&[("invoice_id", &inv)]),
            Perm(Invoices),
        ),
        (path::<ListPortalTickets>(), vec![], Perm(Tickets)),
        (path::<GetPortalTicketOptions>(), vec![], Perm(Tickets)),
        (
            path::<OpenPortalTicket>(),
            form(&[
                ("department_id", &dept),
                ("subject", "Help"),
                ("body", "Please."),
            ]),
            Perm(Tickets),
        ),
        (
            path::<GetPortalTicket>(),
            form(&[("reference", &tk)]),
            Perm(Tickets),
        ),
        (
            path::<ReplyPortalTicket>(),
            form(&[("reference", &tk), ("body", "More.")]),
            Perm(Tickets),
        ),
        (
            path::<ClosePortalTicket>(),
            form(&[("reference", "KTR-000000")]),
            Perm(Tickets),
        ),
        (path::<ListPortalUsers>(), vec![], Perm(ManageUsers)),
        (path::<InvitePortalUser>(), form(&perms), Perm(ManageUsers)),
        (
            path::<SetPortalUserPermissions>(),
            form(&[("user_id", "999999"), ("perm_users", "on")]),
            Perm(ManageUsers),
        ),
        (
            path::<RemovePortalUser>(),
            form(&[("user_id", "999999")]),
            Perm(ManageUsers),
        ),
        (
            path::<ResendPortalInvitation>(),
            form(&[("invitation_id", "999999")]),
            Perm(ManageUsers),
        ),
        (
            path::<CancelPortalInvitation>(),
            form(&[("invitation_id", "999999")]),
            Perm(ManageUsers),
        ),
        (path::<app::kb::api::GetClientKbHome>(), vec![], SignedIn),
        (
            path::<app::kb::api::GetClientKbCategory>(),
            form(&[("category_id", &w.kb_category.to_string())]),
            SignedIn,
        ),
        (
            path::<app::kb::api::GetClientKbArticleAt>(),
            form(&[("slug", &w.kb_slug)]),
            SignedIn,
        ),
        (
            path::<app::kb::api::SearchClientKb>(),
            form(&[("q", "mailbox")]),
            SignedIn,
        ),
        (
            path::<app::kb::api::VoteClientKbArticle>(),
            form(&[("slug", &w.kb_slug), ("helpful", "yes")]),
            SignedIn,
        ),
        (
            path::<app::kb::api::SuggestKbArticles>(),
            form(&[("q", "mailbox")]),
            Perm(Tickets),
        ),
        (
            path::<app::kb::api::GetTicketSuggestions>(),
            form(&[("subject", "mailbox")]),
            Perm(Tickets),
        ),
        (
            path::<app::network::api::GetClientNetworkStatus>(),
            vec![],
            SignedIn,
        ),
        (
            path::<app::announcements::api::GetClientAnnouncements>(),
            vec![],
            SignedIn,
        ),
        (
            path::<app::announcements::api::GetClientAnnouncement>(),
            form(&[("announcement_id", &w.announcement.to_string())]),
            SignedIn,
        ),
    ]
}

/// The same functions pointed at client B's records: each must answer 404 to a user of A who
/// holds every permission.
fn foreign(w: &World) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    use app::portal::api::*;
    let (inv, tk, contact) = (
        w.invoice_b.to_string(),
        w.ticket_b.clone(),
        w.contact_b.to_string(),
    );
    vec![
        (path::<GetPortalInvoice>(), form(&[("invoice_id", &inv)])),
        (path::<GetPortalTicket>(), form(&[("reference", &tk)])),
        (
            path::<ReplyPortalTicket>(),
            form(&[("reference", &tk), ("body", "Mine now.")]),
        ),
        (path::<ClosePortalTicket>(), form(&[("reference", &tk)])),
        (
            path::<GetPortalContact>(),
            form(&[("contact_id", &contact)]),
        ),
        (
            path::<SavePortalContact>(),
            form(&[
                ("contact_id", &contact),
                ("first_name", "X"),
                ("last_name", "Y"),
                ("email", "x@example.com"),
            ]),
        ),
        (
            path::<DeletePortalContact>(),
            form(&[("contact_id", &contact)]),
        ),
        (
            path::<SwitchClient>(),
            form(&[("client_id", &w.b.to_string())]),
        ),
    ]
}

/// Every Client Area page: (route pattern, a concrete path for client A, what it needs).
fn pages(w: &World) -> Vec<(&'static str, String, Need)> {
    use ClientPermission::*;
    use Need::*;
    vec![
        ("/client", "/client".into(), SignedIn),
        ("/client/login", "/client/login".into(), Public),
        (
            "/client/login/two-factor",
            "/client/login/two-factor".into(),
            Public,
        ),
        (
            "/client/account/recovery-codes",
            "/client/account/recovery-codes".into(),
            SignedIn,
        ),
        ("/client/reset", "/client/reset".into(), Public),
        ("/client/reset/:token", "/client/reset/nope".into(), Public),
        (
            "/client/invite/:token",
            "/client/invite/nope".into(),
            Public,
        ),
        (
            "/client/login-as/:token",
            "/client/login-as/nope".into(),
            Public,
        ),
        ("/client/account", "/client/account".into(), SignedIn),
        ("/client/profile", "/client/profile".into(), Perm(Profile)),
        (
            "/client/contacts",
            "/client/contacts".into(),
            Perm(Contacts),
        ),
        (
            "/client/contacts/:contact",
            "/client/contacts/new".into(),
            Perm(Contacts),
        ),
        (
            "/client/services",
            "/client/services".into(),
            Perm(Services),
        ),
        (
            "/client/invoices",
            "/client/invoices".into(),
            Perm(Invoices),
        ),
        (
            "/client/invoices/:invoice",
            format!("/client/invoices/{}", w.invoice_a),
            Perm(Invoices),
        ),
        ("/client/tickets", "/client/tickets".into(), Perm(Tickets)),
        (
            "/client/tickets/new",
            "/client/tickets/new".into(),
            Perm(Tickets),
        ),
        (
            "/client/tickets/:reference",
            format!("/client/tickets/{}", w.ticket_a),
            Perm(Tickets),
        ),
        ("/client/users", "/client/users".into(), Perm(ManageUsers)),
        (
            "/client/network-status",
            "/client/network-status".into(),
            SignedIn,
        ),
        (
            "/client/knowledgebase",
            "/client/knowledgebase".into(),
            SignedIn,
        ),
        (
            "/client/knowledgebase/search",
            "/client/knowledgebase/search?q=mailbox".into(),
            SignedIn,
        ),
        (
            "/client/knowledgebase/category/:id",
            format!("/client/knowledgebase/category/{}", w.kb_category),
            SignedIn,
        ),
        (
            "/client/knowledgebase/:slug",
            format!("/client/knowledgebase/{}", w.kb_slug),
            SignedIn,
        ),
        (
            "/client/announcements",
            "/client/announcements".into(),
            SignedIn,
        ),
        (
            "/client/announcements/:id",
            format!("/client/announcements/{}", w.announcement),
            SignedIn,
        ),
    ]
}

/// A route's path with its parameters written `:name`, whatever the router's own syntax.
fn pattern(route: &str) -> String {
    route
        .split('/')
        .map(|seg| {
            if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                format!(":{name}")
            } else {
                seg.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_client_area_function_and_page_is_in_the_isolation_table() {
    let w = World {
        a: 1,
        b: 2,
        invoice_a: 1,
        invoice_b: 2,
        ticket_a: "KTR-000001".into(),
        ticket_b: "KTR-000002".into(),
        contact_b: 1,
        department: 1,
        kb_category: 1,
        kb_slug: "mailbox-full".into(),
        announcement: 1,
    };
    let known: Vec<&str> = functions(&w).iter().map(|(p, _, _)| *p).collect();
    let registered: Vec<&str> = server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|p| p.starts_with("/client/"))
        .collect();
    assert!(registered.len() >= 30, "{registered:?}");
    for path in &registered {
        assert!(
            known.contains(path),
            "{path} is not in the Client Area table"
        );
    }
    for path in &known {
        assert!(
            path.starts_with("/client/api/"),
            "{path} is outside the Client Area"
        );
    }
    let listed: Vec<&str> = pages(&w).iter().map(|(p, _, _)| *p).collect();
    let routes: Vec<String> = server::http::route_list()
        .iter()
        .map(|r| pattern(r.path()))
        .filter(|p| p == "/client" || p.starts_with("/client/"))
        .collect();
    assert!(routes.len() >= 15, "{routes:?}");
    for route in routes {
        assert!(
            listed.contains(&route.as_str()),
            "{route} is not in the Client Area page table"
        );
    }
}

/// A user of `client_id` with these permissions (or the owner), created directly.
pub(crate) async fn add_user(
    app: &TestApp,
    client_id: i32,
    email: &str,
    permissions: &[ClientPermission],
    owner: bool,
) -> user::Model {
    let hasher = app::kernel::password::Hasher::for_this_machine();
    let hash = hasher
        .hash(&app::kernel::credentials::NewPassword::parse(PASSWORD).unwrap())
        .await
        .unwrap();
    let u = user::ActiveModel {
        email: Set(email.to_owned()),
        first_name: Set("Una".into()),
        last_name: Set(email.split('@').next().unwrap().to_owned()),
        password_hash: Set(hash.as_phc().to_owned()),
        language: Set("en".into()),
        session_epoch: Set(0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    join(app, client_id, &u, permissions, owner).await;
    u
}

async fn join(
    app: &TestApp,
    client_id: i32,
    u: &user::Model,
    permissions: &[ClientPermission],
    owner: bool,
) {
    client_user::ActiveModel {
        client_id: Set(client_id),
        user_id: Set(u.id),
        owner: Set(owner),
        permissions: Set(ClientPermission::join(permissions)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// Logs `client` in to the Client Area; returns the status.
pub(crate) async fn user_login(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> u16 {
    let (status, _) = app
        .post_as(
            client,
            path::<app::portal::api::ClientLogin>(),
            &[
                ("email", email),
                ("password", password),
                ("next", "/client"),
            ],
        )
        .await;
    status
}

/// The Client Area session cookie this client holds.
fn client_cookie(app: &TestApp, res: &reqwest::Response) -> Option<String> {
    let _ = app;
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("staffdesk_client="))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

/// Client A (with an invoice, a ticket) and client B (with an invoice, a ticket and a contact).
async fn world(app: &TestApp) -> World {
    app.login_as_full_admin().await;
    let department = app.add_department("Support").await;
    let a = add_client(app, "owner.a@example.com").await;
    let b = add_client(app, "owner.b@example.com").await;
    let invoice_a = add_invoice(app, a.id, "0", &[("Hosting", "10.00", true)]).await;
    let invoice_b = add_invoice(app, b.id, "0", &[("Hosting", "20.00", true)]).await;
    let t_a = crate::tickets::open(app, &app.client, department, "A's ticket", "Hello").await;
    let t_b = crate::tickets::open(app, &app.client, department, "B's ticket", "Hello").await;
    for (t, c) in [(&t_a, a.id), (&t_b, b.id)] {
        ticket::ActiveModel {
            id: Set(t.id),
            client_id: Set(Some(c)),
            client_visible: Set(true),
            ..Default::default()
        }
        .update(&app.db)
        .await
        .unwrap();
    }
    let (status, body) = app
        .post_as(
            &app.client,
            path::<app::clients::api::SaveContact>(),
            &[
                ("client_id", b.id.to_string().as_str()),
                ("contact_id", ""),
                ("first_name", "Bea"),
                ("last_name", "Bee"),
                ("email", "bea@example.com"),
            ],
        )
        .await;
    assert!(status < 400, "{body}");
    let contact_b = app::entities::client_contact::Entity::find()
        .filter(app::entities::client_contact::Column::ClientId.eq(b.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (kb_category, kb_slug) = crate::kb::category_and_article(
        app,
        "Mail",
        "Mailbox full",
        "Delete old mail to free your mailbox.",
        "clients",
    )
    .await;
    let announcement = crate::announcements::publish(app, "Maintenance", "On Sunday.").await;
    World {
        a: a.id,
        b: b.id,
        invoice_a,
        invoice_b,
        ticket_a: t_a.reference,
        ticket_b: t_b.reference,
        contact_b,
        department,
        kb_category,
        kb_slug,
        announcement,
    }
}

async fn call(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&'static str, String)],
) -> (u16, serde_json::Value) {
    app.post_as(client, path, form).await
}

#[tokio::test]
async fn each_permission_opens_exactly_its_own_functions_and_pages() {
    for backend in backends() {
        // The table tries wrong passwords (which count like failed logins) for every user: keep
        // the IP ban (tested on its own) out of the way.
        let app = spawn_app_with(&backend, |s| s.security.ban_after_failures = 1000).await;
        let w = world(&app).await;
        for missing in ClientPermission::ALL {
            let held: Vec<_> = ClientPermission::ALL
                .into_iter()
                .filter(|p| *p != missing)
                .collect();
            let email = format!("lacks-{}@example.com", missing.key());
            add_user(&app, w.a, &email, &held, false).await;
            let browser = new_client();
            assert_eq!(user_login(&app, &browser, &email, PASSWORD).await, 200);
            for (path, form, need) in functions(&w) {
                // The public ones are not about permissions (and a wrong login counts toward a ban).
                if need == Need::Public {
                    continue;
                }
                let (status, body) = call(&app, &browser, path, &form).await;
                match need {
                    Need::Perm(p) if p == missing => {
                        assert_eq!(
                            status, 403,
                            "{backend:?} {path} without {missing:?}: {body}"
                        );
                        assert_eq!(body["code"], "FORBIDDEN", "{path}");
                    }
                    Need::Perm(_) | Need::SignedIn => assert!(
                        ![401, 403].contains(&status),
                        "{backend:?} {path} with {held:?}: {status} {body}"
                    ),
                    Need::Public => {}
                }
            }
            for (route, concrete, need) in pages(&w) {
                let res = browser.get(app.url(&concrete)).send().await.unwrap();
                let status = res.status().as_u16();
                match need {
                    Need::Perm(p) if p == missing => {
                        assert_eq!(status, 403, "{backend:?} {route} without {missing:?}")
                    }
                    Need::Perm(_) | Need::SignedIn => {
                        assert_eq!(status, 200, "{backend:?} {route} with {held:?}")
                    }
                    Need::Public => {}
                }
            }
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn the_two_areas_never_open_with_the_other_areas_session() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        add_user(&app, w.a, "all@example.com", &ClientPermission::ALL, false).await;

        // Without a session: every Client Area function that needs one answers 401, and every
        // page that needs one sends to the Client Area's login.
        let anonymous = new_client();
        for (path, form, need) in functions(&w) {
            let (status, body) = call(&app, &anonymous, path, &form).await;
            if need != Need::Public {
                assert_eq!(status, 401, "{backend:?} {path} anonymous: {body}");
            }
        }
        for (route, concrete, need) in pages(&w) {
            let res = anonymous.get(app.url(&concrete)).send().await.unwrap();
            if need != Need::Public {
                assert_eq!(res.status(), 303, "{route}");
                let to = res.headers()["location"].to_str().unwrap();
                assert!(to.starts_with("/client/login?next="), "{route}: {to}");
            }
        }

        // A staff session (a Full Administrator) opens nothing in the Client Area.
        for (path, form, need) in functions(&w) {
            let (status, body) = call(&app, &app.client, path, &form).await;
            if need != Need::Public {
                assert_eq!(
                    status, 401,
                    "{backend:?} {path} with a staff session: {body}"
                );
            }
        }
        for (route, concrete, need) in pages(&w) {
            let res = app.client.get(app.url(&concrete)).send().await.unwrap();
            if need != Need::Public {
                assert_eq!(res.status(), 303, "{route} with a staff session");
            }
        }

        // A user session opens nothing in the staff area.
        let user = new_client();
        assert_eq!(
            user_login(&app, &user, "all@example.com", PASSWORD).await,
            200
        );
        for (path, form) in crate::access::protected() {
            let (status, _) = app.post_as(&user, path, &form).await;
            assert_eq!(status, 401, "{backend:?} {path} with a user session");
        }
        for page in [
            "/",
            "/clients",
            "/tickets",
            &format!("/clients/{}", w.a),
            "/admins",
        ] {
            let res = user.get(app.url(page)).send().await.unwrap();
            assert_eq!(res.status(), 303, "{page} with a user session");
            let to = res.headers()["location"].to_str().unwrap();
            assert!(to.starts_with("/login?next="), "{page}: {to}");
        }
        // Path tricks do not cross over either.
        for trick in [
            "/client/../admins",
            "/client/%2e%2e/admins",
            "//client",
            "/CLIENT",
        ] {
            let res = user.get(app.url(trick)).send().await.unwrap();
            assert_ne!(res.status(), 200, "{trick}");
        }

        // Logging out of the Client Area leaves the staff session in the same browser alone.
        let both = new_client();
        assert_eq!(app.login_with(&both, "root", PASSWORD).await.status(), 200);
        assert_eq!(
            user_login(&app, &both, "all@example.com", PASSWORD).await,
            200
        );
        assert_eq!(
            both.get(app.url("/client")).send().await.unwrap().status(),
            200
        );
        let (status, _) = app
            .post_as(
                &both,
                path::<app::portal::api::ClientLogout>(),
                &[("x", "")],
            )
            .await;
        assert!(status < 400);
        assert_eq!(
            both.get(app.url("/client")).send().await.unwrap().status(),
            303
        );
        assert_eq!(
            both.get(app.url("/clients")).send().await.unwrap().status(),
            200
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn another_clients_records_do_not_exist_in_the_client_area() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        add_user(&app, w.a, "all@example.com", &ClientPermission::ALL, true).await;
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "all@example.com", PASSWORD).await,
            200
        );
        for (path, form) in foreign(&w) {
            let (status, body) = call(&app, &browser, path, &form).await;
            assert_eq!(status, 404, "{backend:?} {path} on client B: {body}");
        }
        for page in [
            format!("/client/invoices/{}", w.invoice_b),
            format!("/client/tickets/{}", w.ticket_b),
            format!("/client/contacts/{}", w.contact_b),
        ] {
            let res = browser.get(app.url(&page)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{page}");
        }
        // Nothing of B's was changed.
        let t_b = ticket::Entity::find()
            .filter(ticket::Column::Reference.eq(w.ticket_b.clone()))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(t_b.status, "closed");
        assert_eq!(
            app::entities::client_contact::Entity::find()
                .filter(app::entities::client_contact::Column::ClientId.eq(w.b))
                .count(&app.db)
                .await
                .unwrap(),
            1
        );
        // Lists show A's only.
        let (_, tickets) = call(
            &app,
            &browser,
            path::<app::portal::api::ListPortalTickets>(),
            &[],
        )
        .await;
        let listed = tickets.to_string();
        assert!(
            listed.contains(&w.ticket_a) && !listed.contains(&w.ticket_b),
            "{listed}"
        );
        app.stop().await;
    }
}

async fn outbox_to(app: &TestApp, to: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(to))
        .order_by_asc(mail_outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// The token in the newest link to `/client/<what>/` emailed to `to`.
async fn emailed_token(app: &TestApp, to: &str, what: &str) -> String {
    let mail = outbox_to(app, to).await;
    let text = &mail.last().expect("an email").text_body;
    let marker = format!("/client/{what}/");
    let at = text.find(&marker).expect("a link") + marker.len();
    text[at..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_ticket_opened_in_the_client_area_belongs_to_the_user_and_notes_never_reach_them() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        let u = add_user(
            &app,
            w.a,
            "tix@example.com",
            &[ClientPermission::Tickets],
            false,
        )
        .await;
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "tix@example.com", PASSWORD).await,
            200
        );
        let dept = w.department.to_string();
        let (status, body) = app
            .post_as(
                &browser,
                path::<app::portal::api::OpenPortalTicket>(),
                &[
                    ("department_id", dept.as_str()),
                    ("priority", "high"),
                    ("subject", "Server down"),
                    ("body", "Our site is down."),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let t = ticket::Entity::find()
            .filter(ticket::Column::Subject.eq("Server down"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(t.client_id, Some(w.a));
        assert_eq!(t.user_id, Some(u.id));
        assert_eq!(t.requester_email, "tix@example.com");
        assert_eq!(t.priority, "high");
        // A bad ticket is refused naming the field, and nothing is written.
        let before = ticket::Entity::find().count(&app.db).await.unwrap();
        let (status, body) = app
            .post_as(
                &browser,
                path::<app::portal::api::OpenPortalTicket>(),
                &[
                    ("department_id", dept.as_str()),
                    ("subject", ""),
                    ("body", "x"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["field"], "subject");
        assert_eq!(ticket::Entity::find().count(&app.db).await.unwrap(), before);

        // Staff reply and add a note.
        let marker = "SECRET-NOTE-7731";
        for (fn_path, text) in [
            (
                path::<app::tickets::api::ReplyTicket>(),
                "We are looking into it.",
            ),
            (path::<app::tickets::api::AddTicketNote>(), marker),
        ] {
            let (status, body) = app
                .post_as(
                    &app.client,
                    fn_path,
                    &[("reference", t.reference.as_str()), ("body", text)],
                )
                .await;
            assert!(status < 400, "{body}");
        }
        // The reply went to the user; the note went nowhere.
        let mail = outbox_to(&app, "tix@example.com").await;
        assert!(
            mail.iter()
                .any(|m| m.text_body.contains("We are looking into it."))
        );
        let all_mail = mail_outbox::Entity::find().all(&app.db).await.unwrap();
        assert!(
            all_mail
                .iter()
                .all(|m| !m.text_body.contains(marker) && !m.html_body.contains(marker))
        );
        // Not in the function's answer, not in the page.
        let (status, view) = app
            .post_as(
                &browser,
                path::<app::portal::api::GetPortalTicket>(),
                &[("reference", t.reference.as_str())],
            )
            .await;
        assert_eq!(status, 200);
        let text = view.to_string();
        assert!(text.contains("We are looking into it."), "{text}");
        assert!(!text.contains(marker), "{text}");
        let page = browser
            .get(app.url(&format!("/client/tickets/{}", t.reference)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("We are looking into it."));
        assert!(!page.contains(marker));
        // The user replies and closes it.
        let (status, _) = app
            .post_as(
                &browser,
                path::<app::portal::api::ReplyPortalTicket>(),
                &[("reference", t.reference.as_str()), ("body", "Thanks!")],
            )
            .await;
        assert_eq!(status, 200);
        let (status, _) = app
            .post_as(
                &browser,
                path::<app::portal::api::ClosePortalTicket>(),
                &[("reference", t.reference.as_str())],
            )
            .await;
        assert_eq!(status, 200);
        let t = ticket::Entity::find_by_id(t.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(t.status, "closed");
        // No invoices for a tickets-only user.
        let res = browser
            .get(app.url("/client/invoices"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_guest_ticket_can_be_linked_to_a_client_by_staff() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        let guest =
            crate::tickets::open(&app, &app.client, w.department, "From a stranger", "Hi").await;
        assert_eq!(
            guest.client_id, None,
            "an unknown address stays a guest ticket"
        );
        let (status, body) = app
            .post_as(
                &app.client,
                path::<app::tickets::api::LinkTicketToClient>(),
                &[
                    ("reference", guest.reference.as_str()),
                    ("client", "nobody@example.com"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["field"], "client");
        let (status, body) = app
            .post_as(
                &app.client,
                path::<app::tickets::api::LinkTicketToClient>(),
                &[
                    ("reference", guest.reference.as_str()),
                    ("client", "Owner.B@example.com"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let linked = ticket::Entity::find_by_id(guest.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(linked.client_id, Some(w.b));
        app.stop().await;
    }
}

#[tokio::test]
async fn a_user_invitation_is_accepted_once_and_resend_or_cancel_kill_the_old_link() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        let a = w.a.to_string();
        let invite = |email: &'static str| {
            let a = a.clone();
            let app = &app;
            async move {
                app.post_as(
                    &app.client,
                    path::<app::users::api::InviteClientUser>(),
                    &[
                        ("client_id", a.as_str()),
                        ("email", email),
                        ("perm_tickets", "on"),
                    ],
                )
                .await
            }
        };
        // Bad input: no permission ticked, a bad address.
        let (status, body) = app
            .post_as(
                &app.client,
                path::<app::users::api::InviteClientUser>(),
                &[("client_id", a.as_str()), ("email", "new@example.com")],
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["field"], "permissions");
        let (status, body) = invite("not an address").await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["field"], "email");
        assert_eq!(
            user_invitation::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );

        let (status, body) = invite("new@example.com").await;
        assert_eq!(status, 200, "{body}");
        let first = emailed_token(&app, "new@example.com", "invite").await;
        // A resend (here: inviting again) supersedes the first link.
        let (status, _) = invite("new@example.com").await;
        assert_eq!(status, 200);
        let second = emailed_token(&app, "new@example.com", "invite").await;
        assert_ne!(first, second);
        assert_eq!(
            user_invitation::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            1
        );
        let lookup = |token: String| {
            let app = &app;
            async move {
                app.post_as(
                    &new_client(),
                    path::<app::portal::api::LookupUserInvitation>(),
                    &[("token", token.as_str())],
                )
                .await
                .1
            }
        };
        assert_eq!(
            lookup(first.clone()).await,
            serde_json::json!({ "Problem": "Unknown" })
        );
        assert!(lookup(second.clone()).await.get("New").is_some());

        // Two browsers accept at once: exactly one account comes of it.
        let accept = |token: String| {
            let app = &app;
            async move {
                let browser = new_client();
                let (status, body) = app
                    .post_as(
                        &browser,
                        path::<app::portal::api::AcceptUserInvitation>(),
                        &[
                            ("token", token.as_str()),
                            ("first_name", "Nia"),
                            ("last_name", "New"),
                            ("password", PASSWORD),
                            ("password_confirmation", PASSWORD),
                        ],
                    )
                    .await;
                (status, body, browser)
            }
        };
        let ((s1, b1, c1), (s2, b2, c2)) =
            tokio::join!(accept(second.clone()), accept(second.clone()));
        let statuses = [s1, s2];
        assert!(statuses.contains(&200), "{b1} {b2}");
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "{b1} {b2}"
        );
        assert_eq!(
            user::Entity::find()
                .filter(user::Column::Email.eq("new@example.com"))
                .count(&app.db)
                .await
                .unwrap(),
            1
        );
        let winner = if s1 == 200 { c1 } else { c2 };
        assert_eq!(
            winner
                .get(app.url("/client"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        assert_eq!(
            lookup(second).await,
            serde_json::json!({ "Problem": "Used" })
        );

        // Cancel revokes.
        let (status, _) = invite("later@example.com").await;
        assert_eq!(status, 200);
        let token = emailed_token(&app, "later@example.com", "invite").await;
        let pending = user_invitation::Entity::find()
            .filter(user_invitation::Column::Email.eq("later@example.com"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let (status, _) = app
            .post_as(
                &app.client,
                path::<app::users::api::CancelClientUserInvitation>(),
                &[
                    ("client_id", a.as_str()),
                    ("invitation_id", pending.id.to_string().as_str()),
                ],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(
            lookup(token.clone()).await,
            serde_json::json!({ "Problem": "Cancelled" })
        );
        let (status, _, _) = accept(token).await;
        assert_eq!(status, 410);

        // An expired link says so.
        let (status, _) = invite("slow@example.com").await;
        assert_eq!(status, 200);
        let token = emailed_token(&app, "slow@example.com", "invite").await;
        user_invitation::Entity::update_many()
            .col_expr(
                user_invitation::Column::ExpiresAt,
                sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::hours(1)),
            )
            .filter(user_invitation::Column::Email.eq("slow@example.com"))
            .exec(&app.db)
            .await
            .unwrap();
        assert_eq!(
            lookup(token).await,
            serde_json::json!({ "Problem": "Expired" })
        );

        // Someone who already has an account joins a second client after logging in, and only as
        // the invited address.
        let b = w.b.to_string();
        let (status, _) = app
            .post_as(
                &app.client,
                path::<app::users::api::InviteClientUser>(),
                &[
                    ("client_id", b.as_str()),
                    ("email", "new@example.com"),
                    ("perm_invoices", "on"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        let token = emailed_token(&app, "new@example.com", "invite").await;
        let other = new_client();
        add_user(
            &app,
            w.a,
            "someone.else@example.com",
            &[ClientPermission::Tickets],
            false,
        )
        .await;
        assert_eq!(
            user_login(&app, &other, "someone.else@example.com", PASSWORD).await,
            200
        );
        let (status, _) = app
            .post_as(
                &other,
                path::<app::portal::api::JoinClient>(),
                &[("token", token.as_str())],
            )
            .await;
        assert_eq!(status, 403);
        let (status, body) = app
            .post_as(
                &winner,
                path::<app::portal::api::JoinClient>(),
                &[("token", token.as_str())],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (_, home) = app
            .post_as(
                &winner,
                path::<app::portal::api::GetPortalHome>(),
                &[("x", "")],
            )
            .await;
        assert_eq!(home["memberships"].as_array().unwrap().len(), 2, "{home}");

        // Invitations and the accept are in the client's Log.
        let events: Vec<String> = audit_event::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for action in [
            "user.invited",
            "user.invitation_resent",
            "user.invitation_cancelled",
            "user.invitation_accepted",
        ] {
            assert!(events.iter().any(|e| e == action), "{action}: {events:?}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn sessions_rotate_at_login_accept_and_reset_and_a_reset_ends_other_sessions() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        add_user(
            &app,
            w.a,
            "rot@example.com",
            &[ClientPermission::Tickets],
            false,
        )
        .await;
        let browser = new_client();
        let login = |browser: &reqwest::Client| {
            browser
                .post(app.url(path::<app::portal::api::ClientLogin>()))
                .header("Accept", "application/json")
                .form(&[("email", "rot@example.com"), ("password", PASSWORD)])
                .send()
        };
        let first = client_cookie(&app, &login(&browser).await.unwrap()).expect("a session cookie");
        let second = client_cookie(&app, &login(&browser).await.unwrap()).expect("a new cookie");
        assert_ne!(first, second, "the session id changes at login");
        // The old id opens nothing.
        let stale = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let res = stale
            .get(app.url("/client"))
            .header("Cookie", &first)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let res = stale
            .get(app.url("/client"))
            .header("Cookie", &second)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);

        // A reset link: single use; the reset ends the other session and starts a fresh one.
        let (status, _) = app
            .post_as(
                &new_client(),
                path::<app::portal::api::RequestUserReset>(),
                &[("email", "ROT@example.com")],
            )
            .await;
        assert_eq!(status, 200);
        // Unknown addresses get the same answer and no mail.
        let (status, _) = app
            .post_as(
                &new_client(),
                path::<app::portal::api::RequestUserReset>(),
                &[("email", "ghost@example.com")],
            )
            .await;
        assert_eq!(status, 200);
        assert!(outbox_to(&app, "ghost@example.com").await.is_empty());
        let token = emailed_token(&app, "rot@example.com", "reset").await;
        let resetter = new_client();
        let res = resetter
            .post(app.url(path::<app::portal::api::CompleteUserReset>()))
            .header("Accept", "application/json")
            .form(&[
                ("token", token.as_str()),
                ("password", "a brand new passphrase"),
                ("password_confirmation", "a brand new passphrase"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let fresh = client_cookie(&app, &res).expect("a session for the resetter");
        assert_ne!(fresh, second);
        let res = stale
            .get(app.url("/client"))
            .header("Cookie", &second)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "the reset ended the other session");
        assert_eq!(
            resetter
                .get(app.url("/client"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        let (status, _) = app
            .post_as(
                &new_client(),
                path::<app::portal::api::CompleteUserReset>(),
                &[
                    ("token", token.as_str()),
                    ("password", "yet another passphrase"),
                    ("password_confirmation", "yet another passphrase"),
                ],
            )
            .await;
        assert_eq!(status, 410, "a reset link works once");
        assert_eq!(
            user_login(&app, &new_client(), "rot@example.com", PASSWORD).await,
            401
        );
        assert_eq!(
            user_login(
                &app,
                &new_client(),
                "rot@example.com",
                "a brand new passphrase"
            )
            .await,
            200
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn failed_user_logins_count_toward_the_ip_ban() {
    for backend in backends() {
        let app = spawn_app_with(&backend, |s| s.security.ban_after_failures = 3).await;
        let w = world(&app).await;
        add_user(
            &app,
            w.a,
            "ban@example.com",
            &[ClientPermission::Tickets],
            false,
        )
        .await;
        let browser = new_client();
        for _ in 0..2 {
            assert_eq!(
                user_login(&app, &browser, "ban@example.com", "wrong password!!").await,
                401
            );
        }
        // The failure that reaches the threshold bans the address at once.
        assert_eq!(
            user_login(&app, &browser, "ban@example.com", "wrong password!!").await,
            429
        );
        // Banned: the right password, in either area, is refused now.
        assert_eq!(
            user_login(&app, &browser, "ban@example.com", PASSWORD).await,
            429
        );
        assert_eq!(
            app.login_with(&browser, "root", PASSWORD).await.status(),
            429
        );
        let failed = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("user.login_failed"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(failed, 3);
        app.stop().await;
    }
}

/// A browser in which the admin `username` logged in and then opened client `client_id`'s Client
/// Area with "log in as client".
async fn opened_as_client_by(app: &TestApp, username: &str, client_id: i32) -> reqwest::Client {
    let browser = new_client();
    assert_eq!(
        app.login_with(&browser, username, PASSWORD).await.status(),
        200
    );
    let res = browser
        .post(app.url(path::<app::users::api::LogInAsClient>()))
        .header("Accept", "application/json")
        .form(&[("client_id", client_id.to_string())])
        .send()
        .await
        .unwrap();
    let token = res.headers()["location"]
        .to_str()
        .unwrap()
        .replace("/client/login-as/", "");
    let (status, _) = app
        .post_as(
            &browser,
            path::<app::portal::api::EnterAsClient>(),
            &[("token", token.as_str())],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        browser
            .get(app.url("/client"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    browser
}

#[tokio::test]
async fn staff_log_in_as_the_clients_owner_in_a_separate_audited_session() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        let a = w.a.to_string();
        // No owner yet: refused with a clear message.
        let (status, body) = app
            .post_as(
                &app.client,
                path::<app::users::api::LogInAsClient>(),
                &[("client_id", a.as_str())],
            )
            .await;
        assert_eq!(status, 409, "{body}");
        let owner = add_user(&app, w.a, "boss@example.com", &[], true).await;
        // Without the permission: 403.
        let sales = app.create_admin("sam", "sales_operator").await;
        let _ = sales;
        let seller = new_client();
        assert_eq!(app.login_with(&seller, "sam", PASSWORD).await.status(), 200);
        let (status, _) = app
            .post_as(
                &seller,
                path::<app::users::api::LogInAsClient>(),
                &[("client_id", a.as_str())],
            )
            .await;
        assert_eq!(status, 403);
        // A Full Administrator gets a one-time link.
        let res = app
            .client
            .post(app.url(path::<app::users::api::LogInAsClient>()))
            .header("Accept", "application/json")
            .form(&[("client_id", a.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let token = location
            .strip_prefix("/client/login-as/")
            .expect(&location)
            .to_owned();
        // Following it in the same browser keeps the staff session and adds a client one.
        let (status, body) = app
            .post_as(
                &app.client,
                path::<app::portal::api::EnterAsClient>(),
                &[("token", token.as_str())],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let page = app.get("/client").await.text().await.unwrap();
        assert!(page.contains("staff-banner"), "the banner shows");
        assert!(page.contains("opened by Test root"), "{page}");
        assert_eq!(app.get("/clients").await.status(), 200);
        // Staff acting as the owner do not manage the client's users from here, and what they do
        // is recorded as theirs.
        assert_eq!(app.get("/client/users").await.status(), 403);
        let (status, _) = app
            .post_as(
                &app.client,
                path::<app::portal::api::InvitePortalUser>(),
                &[("email", "my.own@example.com"), ("perm_tickets", "on")],
            )
            .await;
        assert_eq!(status, 403);
        let (status, body) = app
            .post_as(
                &app.client,
                path::<app::portal::api::UpdateUserAccount>(),
                &[
                    ("first_name", "Boss"),
                    ("last_name", "Person"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let update = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("user.account_updated"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(update.actor_kind, "staff");
        // Nor do they touch the user's own credentials.
        for (fn_path, form) in [
            (
                path::<app::portal::api::StartUserTwoFactor>(),
                vec![("current_password", PASSWORD)],
            ),
            (
                path::<app::portal::api::ChangeUserPassword>(),
                vec![
                    ("current_password", PASSWORD),
                    ("password", "a new password here"),
                    ("password_confirmation", "a new password here"),
                ],
            ),
        ] {
            let (status, _) = app.post_as(&app.client, fn_path, &form).await;
            assert_eq!(status, 403, "{fn_path}");
        }
        assert!(
            update.actor_name.starts_with("Test root (as "),
            "{}",
            update.actor_name
        );
        // The link works once.
        let (status, _) = app
            .post_as(
                &new_client(),
                path::<app::portal::api::EnterAsClient>(),
                &[("token", token.as_str())],
            )
            .await;
        assert_eq!(status, 410);
        // Both sides are in the trail: the admin's issue, and the opening of the user's session.
        let events = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("client.login_as"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(events.len(), 2);
        assert!(
            events
                .iter()
                .any(|e| e.target_type.as_deref() == Some("client"))
        );
        assert!(
            events
                .iter()
                .any(|e| e.target_type.as_deref() == Some("user") && e.target_id == Some(owner.id))
        );
        // Leaving goes back to the client in the admin area, still signed in there.
        let res = app
            .client
            .post(app.url(path::<app::portal::api::ClientLogout>()))
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.headers()["location"].to_str().unwrap(),
            format!("/clients/{}#users", w.a)
        );
        assert_eq!(app.get("/client").await.status(), 303);
        assert_eq!(app.get("/clients").await.status(), 200);
        // A session opened by an admin ends when the admin may no longer log in as clients.
        let helper = app.create_admin("hal", "full_administrator").await;
        let hal = opened_as_client_by(&app, "hal", w.a).await;
        // Once the admin ends their own sessions, this one ends too.
        app::entities::admin::Entity::update_many()
            .col_expr(
                app::entities::admin::Column::SessionEpoch,
                sea_orm::sea_query::Expr::value(99_i64),
            )
            .filter(app::entities::admin::Column::Id.eq(helper.id))
            .exec(&app.db)
            .await
            .unwrap();
        app.settle().await;
        assert_eq!(
            hal.get(app.url("/client")).send().await.unwrap().status(),
            303
        );
        let hal = opened_as_client_by(&app, "hal", w.a).await;
        let support = app.role_id("support_operator").await;
        app.set_role(helper.id, support).await;
        app.settle().await;
        assert_eq!(
            hal.get(app.url("/client")).send().await.unwrap().status(),
            303
        );
        // The client's Log shows the user's events.
        let summary = app
            .get(&format!("/clients/{}", w.a))
            .await
            .text()
            .await
            .unwrap();
        assert!(summary.contains("Logged in as client"), "the Log lists it");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_user_managing_users_hands_out_only_what_they_hold() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        let manager = add_user(
            &app,
            w.a,
            "manager@example.com",
            &[ClientPermission::ManageUsers, ClientPermission::Tickets],
            false,
        )
        .await;
        let other = add_user(
            &app,
            w.a,
            "other@example.com",
            &[ClientPermission::Tickets],
            false,
        )
        .await;
        let owner = add_user(&app, w.a, "owner@example.com", &[], true).await;
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "manager@example.com", PASSWORD).await,
            200
        );
        let invite = |perm: &'static str| {
            let browser = &browser;
            let app = &app;
            async move {
                app.post_as(
                    browser,
                    path::<app::portal::api::InvitePortalUser>(),
                    &[("email", "friend@example.com"), (perm, "on")],
                )
                .await
                .0
            }
        };
        assert_eq!(
            invite("perm_invoices").await,
            403,
            "invoices are not the manager's to give"
        );
        assert_eq!(invite("perm_tickets").await, 200);
        let set = |user_id: i32, perm: &'static str| {
            let browser = &browser;
            let app = &app;
            async move {
                app.post_as(
                    browser,
                    path::<app::portal::api::SetPortalUserPermissions>(),
                    &[("user_id", user_id.to_string().as_str()), (perm, "on")],
                )
                .await
                .0
            }
        };
        assert_eq!(set(manager.id, "perm_tickets").await, 403, "not one's own");
        assert_eq!(set(other.id, "perm_invoices").await, 403);
        assert_eq!(set(other.id, "perm_users").await, 200);
        // Nobody who holds more than the manager: not the owner.
        assert_eq!(set(owner.id, "perm_tickets").await, 403);
        let (status, _) = app
            .post_as(
                &browser,
                path::<app::portal::api::RemovePortalUser>(),
                &[("user_id", owner.id.to_string().as_str())],
            )
            .await;
        assert_eq!(status, 403);
        // Not even staff take the owner's permissions away: ownership moves first.
        let (status, body) = app
            .post_as(
                &app.client,
                path::<app::users::api::SetClientUserPermissions>(),
                &[
                    ("client_id", w.a.to_string().as_str()),
                    ("user_id", owner.id.to_string().as_str()),
                    ("perm_tickets", "on"),
                ],
            )
            .await;
        assert_eq!(status, 409, "{body}");
        let place = client_user::Entity::find()
            .filter(client_user::Column::UserId.eq(other.id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            place.permissions, "users",
            "the ticked set replaces the old one"
        );
        // A user holding more (invoices) is out of the manager's reach.
        let rich = add_user(
            &app,
            w.a,
            "rich@example.com",
            &[ClientPermission::Tickets, ClientPermission::Invoices],
            false,
        )
        .await;
        let (status, _) = app
            .post_as(
                &browser,
                path::<app::portal::api::RemovePortalUser>(),
                &[("user_id", rich.id.to_string().as_str())],
            )
            .await;
        assert_eq!(status, 403);
        app.stop().await;
    }
}

#[tokio::test]
async fn an_address_a_client_enters_does_not_bring_someone_elses_tickets_into_the_client_area() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let w = world(&app).await;
        add_user(&app, w.a, "prof@example.com", &ClientPermission::ALL, false).await;
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "prof@example.com", PASSWORD).await,
            200
        );
        // The user makes the client's address the one a stranger (Rita) writes from.
        let (status, body) = app
            .post_as(
                &browser,
                path::<app::portal::api::UpdatePortalProfile>(),
                &[
                    ("first_name", "Ada"),
                    ("last_name", "Lovelace"),
                    ("email", "rita@example.net"),
                    ("country", "GB"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let hers =
            crate::tickets::open(&app, &app.client, w.department, "Rita's secret", "Private").await;
        assert_eq!(hers.client_id, Some(w.a), "staff see the address match");
        let (_, list) = app
            .post_as(
                &browser,
                path::<app::portal::api::ListPortalTickets>(),
                &[("x", "")],
            )
            .await;
        assert!(!list.to_string().contains(&hers.reference), "{list}");
        let (status, _) = app
            .post_as(
                &browser,
                path::<app::portal::api::GetPortalTicket>(),
                &[("reference", hers.reference.as_str())],
            )
            .await;
        assert_eq!(status, 404);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_user_with_two_factor_logs_in_with_a_code_or_a_recovery_code_once() {
    use crate::two_factor::{code, fresh_step, shown_secret_at};
    use app::portal::api::*;
    for backend in backends() {
        // Three wrong codes below: keep the IP ban (tested above) out of the way.
        let app = spawn_app_with(&backend, |s| s.security.ban_after_failures = 50).await;
        let w = world(&app).await;
        add_user(
            &app,
            w.a,
            "totp@example.com",
            &[ClientPermission::Tickets],
            false,
        )
        .await;
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "totp@example.com", PASSWORD).await,
            200
        );
        // The set-up needs the password.
        let (status, body) = app
            .post_as(
                &browser,
                path::<StartUserTwoFactor>(),
                &[("current_password", "wrong one")],
            )
            .await;
        assert_eq!(status, 422, "{body}");
        let (status, _) = app
            .post_as(
                &browser,
                path::<StartUserTwoFactor>(),
                &[("current_password", PASSWORD)],
            )
            .await;
        assert_eq!(status, 200);
        let secret = shown_secret_at(&app, &browser, "/client/account").await;
        fresh_step().await;
        let (status, body) = app
            .post_as(
                &browser,
                path::<ConfirmUserTwoFactor>(),
                &[("code", code(&secret, -1).as_str())],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (_, codes) = app
            .post_as(&browser, path::<TakeUserRecoveryCodes>(), &[("x", "")])
            .await;
        let codes: Vec<String> = serde_json::from_value(codes).unwrap();
        assert_eq!(codes.len(), 10);
        let (_, again) = app
            .post_as(&browser, path::<TakeUserRecoveryCodes>(), &[("x", "")])
            .await;
        assert_eq!(again, serde_json::json!([]), "shown once");

        // The password alone no longer opens a session: the next step asks for a code.
        let second = new_client();
        let res = second
            .post(app.url(path::<ClientLogin>()))
            .header("Accept", "application/json")
            .form(&[
                ("email", "totp@example.com"),
                ("password", PASSWORD),
                ("next", "/client/tickets"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/client/login/two-factor")
        );
        assert_eq!(
            second
                .get(app.url("/client"))
                .send()
                .await
                .unwrap()
                .status(),
            303
        );
        let (status, _) = app
            .post_as(
                &second,
                path::<VerifyClientLoginCode>(),
                &[("code", "000000")],
            )
            .await;
        assert_eq!(status, 401);
        let now_code = code(&secret, 0);
        let (status, body) = app
            .post_as(
                &second,
                path::<VerifyClientLoginCode>(),
                &[("code", now_code.as_str())],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            second
                .get(app.url("/client"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );

        // The same code is not accepted twice; a recovery code works once.
        let third = new_client();
        assert_eq!(
            user_login(&app, &third, "totp@example.com", PASSWORD).await,
            200
        );
        let (status, _) = app
            .post_as(
                &third,
                path::<VerifyClientLoginCode>(),
                &[("code", now_code.as_str())],
            )
            .await;
        assert_eq!(status, 401, "a replayed code");
        let (status, _) = app
            .post_as(
                &third,
                path::<VerifyClientLoginCode>(),
                &[("code", codes[0].as_str())],
            )
            .await;
        assert_eq!(status, 200);
        let fourth = new_client();
        assert_eq!(
            user_login(&app, &fourth, "totp@example.com", PASSWORD).await,
            200
        );
        let (status, _) = app
            .post_as(
                &fourth,
                path::<VerifyClientLoginCode>(),
                &[("code", codes[0].as_str())],
            )
            .await;
        assert_eq!(status, 401, "a used recovery code");
        let failed = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("user.login_failed"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(
            failed, 4,
            "each wrong code is a failed login, and so is the wrong password at set-up"
        );

        // A password reset proves the mailbox only: no session without the second factor.
        let (status, _) = app
            .post_as(
                &new_client(),
                path::<RequestUserReset>(),
                &[("email", "totp@example.com")],
            )
            .await;
        assert_eq!(status, 200);
        let token = emailed_token(&app, "totp@example.com", "reset").await;
        let resetter = new_client();
        let res = resetter
            .post(app.url(path::<CompleteUserReset>()))
            .header("Accept", "application/json")
            .form(&[
                ("token", token.as_str()),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["location"], "/client/login?password_set=1");
        assert_eq!(
            resetter
                .get(app.url("/client"))
                .send()
                .await
                .unwrap()
                .status(),
            303
        );
        // The reset ended the other sessions, so log in again (with a recovery code).
        let browser = new_client();
        assert_eq!(
            user_login(&app, &browser, "totp@example.com", PASSWORD).await,
            200
        );
        let (status, _) = app
            .post_as(
                &browser,
                path::<VerifyClientLoginCode>(),
                &[("code", codes[2].as_str())],
            )
            .await;
        assert_eq!(status, 200);

        // Turning it off needs the password and a code.
        let (status, _) = app
            .post_as(
                &browser,
                path::<DisableUserTwoFactor>(),
                &[("current_password", PASSWORD), ("code", "000000")],
            )
            .await;
        assert_eq!(status, 422);
        let (status, body) = app
            .post_as(
                &browser,
                path::<DisableUserTwoFactor>(),
                &[("current_password", PASSWORD), ("code", codes[1].as_str())],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let fifth = new_client();
        assert_eq!(
            user_login(&app, &fifth, "totp@example.com", PASSWORD).await,
            200
        );
        assert_eq!(
            fifth.get(app.url("/client")).send().await.unwrap().status(),
            200
        );
        app.stop().await;
    }
}
