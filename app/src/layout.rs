//! The admin area's frame, above the features (its navigation links to them): header with product name, navigation and the signed-in admin, the content area, the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::pages::LogoutButton;
use crate::kernel::Permission;
use crate::kernel::i18n::t;
use crate::search::pages::HeaderSearch;

/// The frame of the area the page belongs to: the Client Area's under `/client`, else the admin
/// area's.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    // The public status page is for clients: it wears the Client Area's frame.
    if path == "/client"
        || path.starts_with("/client/")
        || path == "/network-status"
        || path == "/knowledgebase"
        || path.starts_with("/knowledgebase/")
        || path == "/announcements"
        || path.starts_with("/announcements/")
    {
        return view! { <crate::portal::pages::PortalFrame>{children()}</crate::portal::pages::PortalFrame> }
            .into_any();
    }
    view! { <AdminFrame>{children()}</AdminFrame> }.into_any()
}

#[component]
fn AdminFrame(children: Children) -> impl IntoView {
    let admin = crate::kernel::viewer();
    let nav = admin.clone().map(|admin| {
        view! {
            <nav class="mainnav" aria-label="Main">
                <A href="/" exact=true>{t("nav-dashboard")}</A>
                {admin.can(Permission::ViewTickets).then(|| view! { <A href="/tickets">{t("nav-tickets")}</A> })}
                {admin.can(Permission::ViewClients).then(|| view! { <A href="/clients">{t("nav-clients")}</A> })}
                {admin.can(Permission::ViewReports).then(|| view! { <A href="/reports">{t("nav-reports")}</A> })}
                {admin.can(Permission::ManageNetworkIssues).then(|| view! { <A href="/network-issues">{t("nav-network")}</A> })}
                {admin.can(Permission::ManageKnowledgebase).then(|| view! { <A href="/kb">{t("nav-kb")}</A> })}
                {admin.can(Permission::ManageAnnouncements).then(|| view! { <A href="/manage/announcements">{t("nav-announcements")}</A> })}
                {admin.can(Permission::ViewAdministrators).then(|| view! { <A href="/admins">{t("nav-admins")}</A> })}
                {admin.can(Permission::ManageRoles).then(|| view! { <A href="/roles">{t("nav-roles")}</A> })}
                {admin.can(Permission::ViewDepartments).then(|| view! { <A href="/departments">{t("nav-departments")}</A> })}
                {admin.can(Permission::ViewAuditLog).then(|| view! { <A href="/activity">{t("audit-title")}</A> })}
            </nav>
        }
    });
    let search = admin.is_some().then(|| {
        view! { <HeaderSearch label=t("search-label") placeholder=t("search-placeholder")/> }
    });
    let account = admin.map(|admin| {
        view! {
            <nav class="account" aria-label=t("nav-account")>
                <span class="account-name">{admin.display_name()}</span>
                <span class="account-role">{admin.role_name.clone()}</span>
                <A href="/account">{t("nav-my-account")}</A>
                <LogoutButton/>
            </nav>
        }
    });
    view! {
        <a class="skip-link" href="#content">{t("nav-skip")}</a>
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"S"</span>
                "Staffdesk"
            </a>
            {nav}
            {search}
            {account}
        </header>
        <main id="content" class="content">{children()}</main>
        <footer class="footer">
            <span>"Staffdesk " {env!("CARGO_PKG_VERSION")}</span>
            <span class="muted">{t("app-tagline")}</span>
        </footer>
    }
}
