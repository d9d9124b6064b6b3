//! Departments through the real server functions, as an island and as a plain HTML form.

use app::departments::api::CreateDepartment;
use app::entities::department;
use sea_orm::{EntityTrait, PaginatorTrait};
use server_fn::ServerFn;

use crate::helpers::{backends, spawn_app};

const CREATE: &str = <CreateDepartment as ServerFn>::PATH;

#[tokio::test]
async fn a_created_department_is_stored_and_listed() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let res = app
            .call(
                CREATE,
                &[
                    ("name", "  Sales "),
                    ("email", "Sales@Example.com"),
                    ("description", "New orders\nand quotes"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "{backend:?}");
        let created: serde_json::Value = res.json().await.unwrap();
        assert_eq!(created["name"], "Sales");
        assert_eq!(created["email"], "sales@example.com");

        let rows = department::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "Sales");

        let html = app.get("/departments").await.text().await.unwrap();
        assert!(html.contains("<td>Sales<"), "{html}");
        assert!(html.contains("sales@example.com"));
        app.stop().await;
    }
}

#[tokio::test]
async fn a_duplicate_name_in_other_case_is_refused_and_nothing_is_written() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let ok = app
            .call(
                CREATE,
                &[
                    ("name", "Support"),
                    ("email", "support@example.com"),
                    ("description", ""),
                ],
            )
            .await;
        assert_eq!(ok.status(), 200);
        let res = app
            .call(
                CREATE,
                &[
                    ("name", "SUPPORT"),
                    ("email", "other@example.com"),
                    ("description", ""),
                ],
            )
            .await;
        assert_eq!(res.status(), 409, "{backend:?}");
        let err: serde_json::Value = res.json().await.unwrap();
        assert_eq!(err["code"], "CONFLICT");
        assert_eq!(err["field"], "name");
        assert!(err["message"].as_str().unwrap().contains("already exists"));
        assert_eq!(department::Entity::find().count(&app.db).await.unwrap(), 1);
        app.stop().await;
    }
}

#[tokio::test]
async fn invalid_input_is_refused_before_any_write() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                ("name", ""),
                ("email", "a@example.com"),
                ("description", ""),
            ],
            "name",
        ),
        (
            &[
                ("name", "Billing"),
                ("email", "not an email"),
                ("description", ""),
            ],
            "email",
        ),
        (
            &[
                ("name", "Bad\u{0}Name"),
                ("email", "a@example.com"),
                ("description", ""),
            ],
            "name",
        ),
        (
            &[
                ("name", &"n".repeat(101)),
                ("email", "a@example.com"),
                ("description", ""),
            ],
            "name",
        ),
    ];
    for (form, field) in cases {
        let res = app.call(CREATE, form).await;
        assert_eq!(res.status(), 422, "{form:?}");
        let err: serde_json::Value = res.json().await.unwrap();
        assert_eq!(err["code"], "VALIDATION");
        assert_eq!(err["field"], *field);
    }
    let missing = app.call(CREATE, &[("name", "Billing")]).await;
    assert_eq!(missing.status(), 400);
    assert_eq!(department::Entity::find().count(&app.db).await.unwrap(), 0);
    app.stop().await;
}

#[tokio::test]
async fn markup_in_a_department_is_shown_as_text() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    let res = app
        .call(
            CREATE,
            &[
                ("name", "<script>alert(1)</script>"),
                ("email", "x@example.com"),
                ("description", "<b>bold</b>"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let html = app.get("/departments").await.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)</script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<b>bold</b>"));

    // The edit form puts the description in a textarea, whose content HTML does not parse as
    // markup until `</textarea>`: that must not close it early.
    let res = app
        .call(
            CREATE,
            &[
                ("name", "Escape test"),
                ("email", "x@example.com"),
                ("description", "</textarea><script>alert(2)</script>"),
            ],
        )
        .await;
    let id = res.json::<serde_json::Value>().await.unwrap()["id"].clone();
    let form = app
        .get(&format!("/departments/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!form.contains("<script>alert(2)"), "{form}");
    assert!(
        form.contains("&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>"),
        "{form}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_form_works_without_javascript() {
    let app = spawn_app(&backends()[0]).await;
    app.login_as_full_admin().await;
    let page = app.url("/departments");
    // A browser without WASM posts the form and follows the redirect back to the page.
    let res = app
        .client
        .post(app.url(CREATE))
        .header("Accept", "text/html")
        .header("Referer", &page)
        .form(&[
            ("name", "Abuse"),
            ("email", "abuse@example.com"),
            ("description", ""),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().unwrap();
    assert_eq!(location.trim_end_matches('?'), page);
    let html = app.get("/departments").await.text().await.unwrap();
    assert!(html.contains("<td>Abuse<"));

    // A refused post comes back to the page with the message shown by the form.
    let res = app
        .client
        .post(app.url(CREATE))
        .header("Accept", "text/html")
        .header("Referer", &page)
        .form(&[
            ("name", "abuse"),
            ("email", "abuse@example.com"),
            ("description", ""),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("__err="), "{location}");
    let html = app
        .client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("A department named “abuse” already exists."),
        "{html}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_department_is_edited_and_hidden_from_lists_and_forms_but_kept() {
    use crate::helpers::{PASSWORD, new_client};
    use app::departments::api::{ListDepartments, SetDepartmentHidden, UpdateDepartment};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.login_as_full_admin().await;
        let mut ids = Vec::new();
        for name in ["Sales", "Support"] {
            let res = app
                .call(
                    CREATE,
                    &[
                        ("name", name),
                        ("email", "desk@example.com"),
                        ("description", ""),
                    ],
                )
                .await;
            let created: serde_json::Value = res.json().await.unwrap();
            ids.push(created["id"].as_i64().unwrap().to_string());
        }
        let update = <UpdateDepartment as ServerFn>::PATH;
        let res = app
            .call(
                update,
                &[
                    ("department_id", &ids[0]),
                    ("name", "Sales & Billing"),
                    ("email", "billing@example.com"),
                    ("description", "Orders and invoices"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "{backend:?}");
        // Taking the other department's name is refused, whatever the case.
        let res = app
            .call(
                update,
                &[
                    ("department_id", &ids[0]),
                    ("name", "SUPPORT"),
                    ("email", "x@example.com"),
                    ("description", ""),
                ],
            )
            .await;
        assert_eq!(res.status(), 409);
        let row = department::Entity::find_by_id(ids[0].parse::<i32>().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                row.name.as_str(),
                row.email.as_str(),
                row.description.as_str()
            ),
            (
                "Sales & Billing",
                "billing@example.com",
                "Orders and invoices"
            )
        );

        let res = app
            .call(
                <SetDepartmentHidden as ServerFn>::PATH,
                &[("department_id", &ids[1]), ("hidden", "true")],
            )
            .await;
        assert_eq!(res.status(), 200);
        // Managers still see it, marked; others and the invitation form do not.
        let all: serde_json::Value = app
            .call(<ListDepartments as ServerFn>::PATH, &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(all.as_array().unwrap().len(), 2);
        assert!(all.as_array().unwrap().iter().any(|d| d["hidden"] == true));
        app.create_admin("sam", "support_operator").await;
        let sam = new_client();
        assert_eq!(app.login_with(&sam, "sam", PASSWORD).await.status(), 200);
        let visible: serde_json::Value = sam
            .post(app.url(<ListDepartments as ServerFn>::PATH))
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(visible.as_array().unwrap().len(), 1, "{visible}");
        assert_eq!(visible[0]["name"], "Sales & Billing");
        let invite = app.get("/admins/invite").await.text().await.unwrap();
        assert!(!invite.contains(">Support<"), "{invite}");
        assert_eq!(department::Entity::find().count(&app.db).await.unwrap(), 2);
        app.stop().await;
    }
}
