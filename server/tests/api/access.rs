//! Access control, table-driven: every server function, called by a role without its permission,
//! answers 403; called without a session, 401. A server function missing from the table fails the test.

use app::entities::{admin, role};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use server_fn::ServerFn;

use crate::helpers::{PASSWORD, backends, new_client, spawn_app};

/// (path, form body) for every server function that needs a permission or a login.
pub(crate) fn protected() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    use app::account::api::{ChangeMyPassword, EndMySession, GetMyAccount, UpdateMyAccount};
    use app::admins::api::ListAdmins;
    use app::admins::api::{DisableAdmin, EnableAdmin, GetAdmin, SendPasswordReset, UpdateAdmin};
    use app::audit::api::{GetLoginHistory, ListAuditEvents};
    use app::clients::api::{
        CloseClient, CreateClient, DeleteClientNote, DeleteContact, GetClient, GetClientSummary,
        GetContact, GetInvoice, GetService, ListClientInvoices, ListClients, RecordPayment,
        RefundPayment, SaveClientNote, SaveContact, SaveInvoice, SaveService, UpdateClient,
    };
    use app::dashboard::api::{GetDashboard, GetSystemStatus};
    use app::departments::api::{
        CreateDepartment, GetDepartment, ListDepartments, SetDepartmentHidden, UpdateDepartment,
    };
    use app::invitations::api::{
        CancelInvitation, GetInviteOptions, ResendInvitation, SendInvitation,
    };
    use app::predefined::api::{
        DeletePredefinedCategory, DeletePredefinedReply, GetPredefinedReply, ListPredefinedReplies,
        SavePredefinedCategory, SavePredefinedReply,
    };
    use app::roles::api::{DeleteRole, GetRoleDraft, ListRoles, SaveRole, SetRoleTwoFactor};
    use app::search::api::{SearchAdminArea, SuggestSearch};
    use app::tickets::api::{
        AddTicketNote, AssignTicket, BulkTickets, ChangeTicket, GetOpenOptions, GetTicket,
        ListTickets, OpenTicket, ReplyTicket,
    };
    use app::tickets::imports::{ListMailImports, RetryMailImport};
    use app::two_factor::api::{
        ConfirmTwoFactorSetup, DisableTwoFactor, GetTwoFactorStatus, RegenerateRecoveryCodes,
        ResetTwoFactor, StartTwoFactorSetup, TakeNewRecoveryCodes,
    };
    use app::users::api::{
        CancelClientUserInvitation, GetClientUsers, InviteClientUser, LogInAsClient,
        MakeClientOwner, RemoveClientUser, ResendClientUserInvitation, SetClientUserPermissions,
    };
    let client_fields = vec![
        ("first_name", "Ada"),
        ("last_name", "Lovelace"),
        ("company", "Engines Ltd"),
        ("email", "ada@example.com"),
        ("phone", "+44 20 7946 0000"),
        ("street", "1 Main St"),
        ("city", "London"),
        ("state", ""),
        ("postcode", "N1"),
        ("country", "GB"),
        ("status", "active"),
        ("language", "en"),
        ("currency", "GBP"),
        ("tax_exempt", "on"),
    ];
    let payment = vec![
        ("client_id", "1"),
        ("invoice_id", "1"),
        ("paid_on", "2026-12-01"),
        ("amount", "10.00"),
        ("method", "Card"),
        ("reference", "TX1"),
        ("version", "1"),
    ];
    vec![
        (
            <app::network::api::ListNetworkIssues as ServerFn>::PATH,
            vec![],
        ),
        (
            <app::network::api::GetNetworkIssue as ServerFn>::PATH,
            vec![("issue_id", "1")],
        ),
        (
            <app::network::api::SaveNetworkIssue as ServerFn>::PATH,
            vec![
                ("title", "Router down"),
                ("kind", "server"),
                ("priority", "high"),
                ("status", "outage"),
                ("starts_at", "2026-12-01T10:00"),
            ],
        ),
        (
            <app::network::api::PostNetworkIssueUpdate as ServerFn>::PATH,
            vec![("issue_id", "1"), ("body", "Fixed")],
        ),
        (
            <app::network::api::GetNetworkServiceGroups as ServerFn>::PATH,
            vec![],
        ),
        (<app::kb::api::GetKbAdmin as ServerFn>::PATH, vec![]),
        (
            <app::kb::api::GetKbArticle as ServerFn>::PATH,
            vec![("article_id", "1")],
        ),
        (
            <app::kb::api::SaveKbArticle as ServerFn>::PATH,
            vec![
                ("title", "Mailbox full"),
                ("body", "Delete old mail."),
                ("visibility", "public"),
            ],
        ),
        (
            <app::kb::api::DeleteKbArticle as ServerFn>::PATH,
            vec![("article_id", "1")],
        ),
        (
            <app::kb::api::SaveKbCategory as ServerFn>::PATH,
            vec![("name", "Mail")],
        ),
        (
            <app::kb::api::DeleteKbCategory as ServerFn>::PATH,
            vec![("category_id", "1")],
        ),
        (
            <app::kb::api::PreviewKbMarkdown as ServerFn>::PATH,
            vec![("q", "**bold**")],
        ),
        (
            <app::announcements::api::ListAnnouncementsAdmin as ServerFn>::PATH,
            vec![],
        ),
        (
            <app::announcements::api::GetAnnouncementAdmin as ServerFn>::PATH,
            vec![("announcement_id", "1")],
        ),
        (
            <app::announcements::api::SaveAnnouncement as ServerFn>::PATH,
            vec![("title", "Maintenance"), ("body", "Sunday night.")],
        ),
        (
            <app::announcements::api::DeleteAnnouncement as ServerFn>::PATH,
            vec![("announcement_id", "1")],
        ),
        (
            <app::announcements::api::PreviewAnnouncementMarkdown as ServerFn>::PATH,
            vec![("q", "**bold**")],
        ),
        (<app::reports::api::ListReports as ServerFn>::PATH, vec![]),
        (
            <app::reports::api::GetReportGlance as ServerFn>::PATH,
            vec![],
        ),
        (
            <app::reports::api::GetReport as ServerFn>::PATH,
            vec![("report", "income"), ("preset", "last_month")],
        ),
        (<GetClientUsers as ServerFn>::PATH, vec![("client_id", "1")]),
        (
            <InviteClientUser as ServerFn>::PATH,
            vec![
                ("client_id", "1"),
                ("email", "u@example.com"),
                ("perm_tickets", "on"),
            ],
        ),
        (
            <ResendClientUserInvitation as ServerFn>::PATH,
            vec![("client_id", "1"), ("invitation_id", "1")],
        ),
        (
            <CancelClientUserInvitation as ServerFn>::PATH,
            vec![("client_id", "1"), ("invitation_id", "1")],
        ),
        (
            <SetClientUserPermissions as ServerFn>::PATH,
            vec![("client_id", "1"), ("user_id", "1"), ("perm_tickets", "on")],
        ),
        (
            <RemoveClientUser as ServerFn>::PATH,
            vec![("client_id", "1"), ("user_id", "1")],
        ),
        (
            <MakeClientOwner as ServerFn>::PATH,
            vec![("client_id", "1"), ("user_id", "1")],
        ),
        (<LogInAsClient as ServerFn>::PATH, vec![("client_id", "1")]),
        (
            <app::tickets::api::LinkTicketToClient as ServerFn>::PATH,
            vec![("reference", "KTR-000001"), ("client", "1")],
        ),
        (<SearchAdminArea as ServerFn>::PATH, vec![("q", "ada")]),
        (<SuggestSearch as ServerFn>::PATH, vec![("q", "ada")]),
        (
            <ListClients as ServerFn>::PATH,
            vec![
                ("status", "active"),
                ("country", "GB"),
                ("q", "ada"),
                ("after", "5"),
            ],
        ),
        (<GetClient as ServerFn>::PATH, vec![("client_id", "1")]),
        (
            <ListClientInvoices as ServerFn>::PATH,
            vec![("client_id", "1"), ("after", "10")],
        ),
        (
            <GetClientSummary as ServerFn>::PATH,
            vec![("client_id", "1")],
        ),
        (<CreateClient as ServerFn>::PATH, client_fields.clone()),
        (
            <UpdateClient as ServerFn>::PATH,
            [("client_id", "1"), ("version", "1")]
                .into_iter()
                .chain(client_fields)
                .collect(),
        ),
        (
            <CloseClient as ServerFn>::PATH,
            vec![("client_id", "1"), ("version", "1")],
        ),
        (
            <GetContact as ServerFn>::PATH,
            vec![("client_id", "1"), ("contact_id", "new")],
        ),
        (
            <SaveContact as ServerFn>::PATH,
            vec![
                ("client_id", "1"),
                ("contact_id", ""),
                ("first_name", "Bo"),
                ("last_name", "Lee"),
                ("email", "bo@example.com"),
                ("phone", "123"),
                ("email_invoice", "on"),
                ("version", ""),
            ],
        ),
        (
            <DeleteContact as ServerFn>::PATH,
            vec![("client_id", "1"), ("contact_id", "1")],
        ),
        (
            <GetService as ServerFn>::PATH,
            vec![("client_id", "1"), ("service_id", "new")],
        ),
        (
            <SaveService as ServerFn>::PATH,
            vec![
                ("client_id", "1"),
                ("service_id", ""),
                ("product", "VPS"),
                ("domain", "example.com"),
                ("billing_cycle", "monthly"),
                ("amount", "12.00"),
                ("currency", "GBP"),
                ("next_due", "2027-01-01"),
                ("status", "active"),
                ("version", ""),
            ],
        ),
        (
            <GetInvoice as ServerFn>::PATH,
            vec![("client_id", "1"), ("invoice_id", "1")],
        ),
        (
            <SaveInvoice as ServerFn>::PATH,
            vec![
                ("client_id", "1"),
                ("invoice_id", ""),
                ("issued_on", "2026-12-01"),
                ("due_on", "2026-12-15"),
                ("currency", "GBP"),
                ("tax_rate", "20"),
                ("status", "unpaid"),
                ("notes", "Thanks"),
                ("lines[d0]", "Hosting"),
                ("lines[a0]", "10.00"),
                ("lines[t0]", "on"),
                ("version", ""),
            ],
        ),
        (<RecordPayment as ServerFn>::PATH, payment.clone()),
        (<RefundPayment as ServerFn>::PATH, payment),
        (
            <SaveClientNote as ServerFn>::PATH,
            vec![
                ("client_id", "1"),
                ("note_id", ""),
                ("body", "Prefers email"),
                ("sticky", "on"),
                ("version", ""),
            ],
        ),
        (
            <DeleteClientNote as ServerFn>::PATH,
            vec![("client_id", "1"), ("note_id", "1")],
        ),
        (<ListMailImports as ServerFn>::PATH, vec![]),
        (<RetryMailImport as ServerFn>::PATH, vec![("id", "1")]),
        (<ListPredefinedReplies as ServerFn>::PATH, vec![]),
        (
            <SavePredefinedCategory as ServerFn>::PATH,
            vec![("name", "Billing")],
        ),
        (
            <DeletePredefinedCategory as ServerFn>::PATH,
            vec![("id", "1")],
        ),
        (<GetPredefinedReply as ServerFn>::PATH, vec![("id", "1")]),
        (
            <SavePredefinedReply as ServerFn>::PATH,
            vec![("category_id", "1"), ("name", "Hi"), ("body", "Hello")],
        ),
        (<DeletePredefinedReply as ServerFn>::PATH, vec![("id", "1")]),
        (<GetTwoFactorStatus as ServerFn>::PATH, vec![]),
        (<StartTwoFactorSetup as ServerFn>::PATH, vec![]),
        (
            <ConfirmTwoFactorSetup as ServerFn>::PATH,
            vec![("code", "000000")],
        ),
        (<TakeNewRecoveryCodes as ServerFn>::PATH, vec![]),
        (
            <RegenerateRecoveryCodes as ServerFn>::PATH,
            vec![("current_password", "wrong password here")],
        ),
        (
            <DisableTwoFactor as ServerFn>::PATH,
            vec![
                ("current_password", "wrong password here"),
                ("code", "000000"),
            ],
        ),
        (<ResetTwoFactor as ServerFn>::PATH, vec![("admin_id", "1")]),
        (
            <SetRoleTwoFactor as ServerFn>::PATH,
            vec![("role_id", "2"), ("required", "on")],
        ),
        (<ListDepartments as ServerFn>::PATH, vec![]),
        (
            <CreateDepartment as ServerFn>::PATH,
            vec![
                ("name", "Sales"),
                ("email", "s@example.com"),
                ("description", ""),
            ],
        ),
        (
            <ListAdmins as ServerFn>::PATH,
            vec![("after", "1"), ("invitations_after", "1")],
        ),
        (<GetInviteOptions as ServerFn>::PATH, vec![]),
        (
            <SendInvitation as ServerFn>::PATH,
            vec![
                ("first_name", "A"),
                ("last_name", "B"),
                ("email", "ab@example.com"),
                ("role_id", "1"),
            ],
        ),
        (
            <ResendInvitation as ServerFn>::PATH,
            vec![("invitation_id", "1")],
        ),
        (
            <CancelInvitation as ServerFn>::PATH,
            vec![("invitation_id", "1")],
        ),
        (<GetSystemStatus as ServerFn>::PATH, vec![]),
        (<GetMyAccount as ServerFn>::PATH, vec![]),
        (
            <UpdateMyAccount as ServerFn>::PATH,
            vec![
                ("first_name", "A"),
                ("last_name", "B"),
                ("email", "ab@example.com"),
                ("language", "en"),
                ("current_password", "wrong password here"),
            ],
        ),
        (
            <ChangeMyPassword as ServerFn>::PATH,
            vec![
                ("current_password", "wrong password here"),
                ("password", "a brand new passphrase"),
                ("password_confirmation", "a brand new passphrase"),
            ],
        ),
        (<EndMySession as ServerFn>::PATH, vec![("key", "0")]),
        (<GetDashboard as ServerFn>::PATH, vec![]),
        (
            <app::network::api::GetOpenNetworkIssues as ServerFn>::PATH,
            vec![],
        ),
        (
            <ListAuditEvents as ServerFn>::PATH,
            vec![
                ("filter[from]", "2026-01-01"),
                ("filter[to]", "2026-12-31"),
                ("filter[actor]", "1"),
                ("filter[action]", "auth.login"),
                ("filter[ip]", "127.0.0.1"),
                ("filter[q]", "word"),
                ("before", "10"),
            ],
        ),
        // Someone else's login history needs "View administrators".
        (
            <GetLoginHistory as ServerFn>::PATH,
            vec![("admin_id", "999")],
        ),
        (<DisableAdmin as ServerFn>::PATH, vec![("admin_id", "1")]),
        (<EnableAdmin as ServerFn>::PATH, vec![("admin_id", "1")]),
        (<GetAdmin as ServerFn>::PATH, vec![("admin_id", "1")]),
        (
            <UpdateAdmin as ServerFn>::PATH,
            vec![
                ("admin_id", "1"),
                ("first_name", "A"),
                ("last_name", "B"),
                ("email", "ab@example.com"),
                ("role_id", "1"),
            ],
        ),
        (
            <SendPasswordReset as ServerFn>::PATH,
            vec![("admin_id", "1")],
        ),
        (<ListRoles as ServerFn>::PATH, vec![]),
        (
            <GetRoleDraft as ServerFn>::PATH,
            vec![("role_id", "2"), ("copy_from", "2")],
        ),
        (
            <SaveRole as ServerFn>::PATH,
            vec![("name", "Role"), ("permissions[admins_view]", "on")],
        ),
        (<DeleteRole as ServerFn>::PATH, vec![("role_id", "2")]),
        (
            <GetDepartment as ServerFn>::PATH,
            vec![("department_id", "1")],
        ),
        (
            <UpdateDepartment as ServerFn>::PATH,
            vec![
                ("department_id", "1"),
                ("name", "Sales"),
                ("email", "s@example.com"),
                ("description", ""),
            ],
        ),
        (
            <SetDepartmentHidden as ServerFn>::PATH,
            vec![("department_id", "1"), ("hidden", "true")],
        ),
        (<ListTickets as ServerFn>::PATH, vec![]),
        (<GetOpenOptions as ServerFn>::PATH, vec![("client", "1")]),
        (
            <OpenTicket as ServerFn>::PATH,
            vec![
                ("department_id", "1"),
                ("priority", "low"),
                ("requester_name", "Ann Lee"),
                ("requester_email", "ann@example.com"),
                ("subject", "Help"),
                ("body", "Please help"),
            ],
        ),
        (
            <GetTicket as ServerFn>::PATH,
            vec![("reference", "ABC-123456")],
        ),
        (
            <ReplyTicket as ServerFn>::PATH,
            vec![("reference", "ABC-123456"), ("body", "Hello")],
        ),
        (
            <AddTicketNote as ServerFn>::PATH,
            vec![("reference", "ABC-123456"), ("body", "Note")],
        ),
        (
            <ChangeTicket as ServerFn>::PATH,
            vec![
                ("reference", "ABC-123456"),
                ("status", "closed"),
                ("was_status", "open"),
                ("priority", "low"),
                ("was_priority", "low"),
                ("department_id", "1"),
                ("was_department_id", "1"),
            ],
        ),
        (
            <AssignTicket as ServerFn>::PATH,
            vec![("reference", "ABC-123456"), ("assignee", "1")],
        ),
        (
            <BulkTickets as ServerFn>::PATH,
            vec![("tickets[0]", "ABC-123456"), ("action", "close")],
        ),
    ]
}

/// Server functions in the table above that every signed-in admin may call, whatever their role:
/// they act on the admin's own account only.
fn signed_in_only() -> Vec<&'static str> {
    use app::account::api::{ChangeMyPassword, EndMySession, GetMyAccount, UpdateMyAccount};
    use app::dashboard::api::{GetDashboard, GetSystemStatus};
    use app::search::api::{SearchAdminArea, SuggestSearch};
    use app::two_factor::api::{
        ConfirmTwoFactorSetup, DisableTwoFactor, GetTwoFactorStatus, RegenerateRecoveryCodes,
        StartTwoFactorSetup, TakeNewRecoveryCodes,
    };
    vec![
        // Each kind of result needs its own permission; with none, nothing is found.
        <SearchAdminArea as ServerFn>::PATH,
        <SuggestSearch as ServerFn>::PATH,
        <GetTwoFactorStatus as ServerFn>::PATH,
        <StartTwoFactorSetup as ServerFn>::PATH,
        <ConfirmTwoFactorSetup as ServerFn>::PATH,
        <TakeNewRecoveryCodes as ServerFn>::PATH,
        <RegenerateRecoveryCodes as ServerFn>::PATH,
        <DisableTwoFactor as ServerFn>::PATH,
        <GetSystemStatus as ServerFn>::PATH,
        <GetDashboard as ServerFn>::PATH,
        // The Dashboard's list of open issues, which the public status page shows anyway.
        <app::network::api::GetOpenNetworkIssues as ServerFn>::PATH,
        <GetMyAccount as ServerFn>::PATH,
        <UpdateMyAccount as ServerFn>::PATH,
        <ChangeMyPassword as ServerFn>::PATH,
        <EndMySession as ServerFn>::PATH,
    ]
}

/// Server functions anyone may call; each checks what it needs itself.
pub(crate) fn public() -> Vec<&'static str> {
    use app::admins::api::{CompletePasswordReset, LookupPasswordReset};
    use app::auth::api::Logout;
    use app::invitations::api::{AcceptInvitation, LookupInvitation};
    use app::login::api::Login;
    use app::login::api::{GetLoginChallenge, VerifyLoginCode};
    vec![
        // The status page's board: anyone may read it.
        <app::network::api::GetNetworkStatus as ServerFn>::PATH,
        // The public knowledgebase: public articles only, and votes once per visitor.
        <app::kb::api::GetKbHome as ServerFn>::PATH,
        <app::kb::api::GetKbCategory as ServerFn>::PATH,
        <app::kb::api::GetKbArticleAt as ServerFn>::PATH,
        <app::kb::api::SearchKb as ServerFn>::PATH,
        <app::kb::api::VoteKbArticle as ServerFn>::PATH,
        // Announcements readers see: published ones whose time has come.
        <app::announcements::api::GetAnnouncements as ServerFn>::PATH,
        <app::announcements::api::GetAnnouncement as ServerFn>::PATH,
        <GetLoginChallenge as ServerFn>::PATH,
        <VerifyLoginCode as ServerFn>::PATH,
        <Login as ServerFn>::PATH,
        <Logout as ServerFn>::PATH,
        <LookupInvitation as ServerFn>::PATH,
        <AcceptInvitation as ServerFn>::PATH,
        <LookupPasswordReset as ServerFn>::PATH,
        <CompletePasswordReset as ServerFn>::PATH,
    ]
}

#[test]
fn every_server_function_is_in_the_access_table() {
    let known: Vec<&str> = protected()
        .iter()
        .map(|(p, _)| *p)
        .chain(public())
        .collect();
    // The Client Area's functions have their own table (`client_area`).
    let registered: Vec<&str> = server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|path| !path.starts_with("/client/"))
        .collect();
    assert!(
        registered.len() >= known.len(),
        "server functions are registered: {registered:?}"
    );
    for path in registered {
        assert!(
            known.contains(&path),
            "{path} is not in the access-control table"
        );
    }
}

#[tokio::test]
async fn a_role_without_permissions_gets_403_from_every_protected_server_function() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let empty = role::ActiveModel {
            name: Set("No permissions".into()),
            key: Set(None),
            built_in: Set(false),
            requires_two_factor: Set(false),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let mut nobody: admin::ActiveModel =
            app.create_admin("nobody", "support_operator").await.into();
        nobody.role_id = Set(empty.id);
        nobody.update(&app.db).await.unwrap();
        let client = new_client();
        assert_eq!(
            app.login_with(&client, "nobody", PASSWORD).await.status(),
            200
        );
        let anonymous = new_client();
        for (path, form) in protected() {
            let request = client
                .post(app.url(path))
                .header("Accept", "application/json");
            let res = if crate::helpers::is_multipart(path) {
                request.multipart(crate::helpers::multipart_form(&form, &[]))
            } else {
                request.form(&form)
            }
            .send()
            .await
            .unwrap();
            let status = res.status().as_u16();
            let body: serde_json::Value = res.json().await.unwrap_or_default();
            if signed_in_only().contains(&path) {
                assert!(
                    ![401, 403].contains(&status),
                    "{backend:?} {path} is open to every signed-in admin: {status} {body}"
                );
            } else {
                assert_eq!(status, 403, "{backend:?} {path}: {body}");
                assert_eq!(body["code"], "FORBIDDEN", "{path}");
            }
            let request = anonymous
                .post(app.url(path))
                .header("Accept", "application/json");
            let res = if crate::helpers::is_multipart(path) {
                request.multipart(crate::helpers::multipart_form(&form, &[]))
            } else {
                request.form(&form)
            }
            .send()
            .await
            .unwrap();
            assert_eq!(res.status(), 401, "{path} without a session");
        }
        app.stop().await;
    }
}
