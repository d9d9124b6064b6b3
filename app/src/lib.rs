//! Staffdesk's shared crate: compiled with `ssr` for the server and with `hydrate` for the browser.

// The Dashboard island's view is one deeply nested type.
#![recursion_limit = "256"]

// The kernel: what every feature builds on; it imports no feature.
pub mod kernel;

// The database tables.
#[cfg(feature = "ssr")]
pub mod entities;

// Features, one folder each.
pub mod account;
pub mod admins;
pub mod announcements;
pub mod audit;
pub mod auth;
pub mod clients;
pub mod dashboard;
pub mod departments;
pub mod invitations;
pub mod kb;
pub mod login;
pub mod network;
pub mod portal;
pub mod predefined;
pub mod reports;
pub mod roles;
pub mod search;
pub mod tickets;
pub mod two_factor;
pub mod users;

// The page frame and its navigation, above the features.
pub mod layout;

pub mod fuzz_checks;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::account::pages::AccountPage;
use crate::admins::list::AdminsPage;
use crate::admins::pages::{EditAdminPage, ResetPasswordPage};
use crate::announcements::pages::{
    AnnouncementEditPage, AnnouncementPage, AnnouncementsAdminPage, AnnouncementsPage,
};
use crate::audit::pages::{ActivityLogPage, LoginHistoryPage};
use crate::clients::pages::{
    ClientEditPage, ClientInvoicesPage, ClientSummaryPage, ClientsPage, ContactPage, InvoicePage,
    NewClientPage, ServicePage,
};
use crate::dashboard::pages::DashboardPage;
use crate::departments::pages::{DepartmentEditPage, DepartmentsPage};
use crate::invitations::pages::{AcceptPage, AddAdminPage};
use crate::kb::pages::{
    KbAdminPage, KbArticleEditPage, KbArticlePage, KbCategoryEditPage, KbCategoryPage, KbHomePage,
    KbSearchPage,
};
use crate::kernel::ui::NotFound;
use crate::layout::Layout;
use crate::login::pages::{LoginCodePage, LoginPage};
use crate::network::pages::{NetworkIssuePage, NetworkIssuesPage, NetworkStatusPage};
use crate::portal::pages::{
    PortalAccountPage, PortalContactPage, PortalContactsPage, PortalHomePage, PortalInvitePage,
    PortalInvoicePage, PortalInvoicesPage, PortalLoginAsPage, PortalLoginCodePage, PortalLoginPage,
    PortalNewTicketPage, PortalProfilePage, PortalRecoveryCodesPage, PortalResetPage,
    PortalResetRequestPage, PortalServicesPage, PortalTicketPage, PortalTicketsPage,
    PortalUsersPage,
};
use crate::predefined::pages::{PredefinedRepliesPage, PredefinedReplyPage};
use crate::reports::pages::{ReportPage, ReportsPage};
use crate::roles::pages::{RoleEditPage, RolesPage};
use crate::search::pages::SearchPage;
use crate::tickets::imports::MailImportsPage;
use crate::tickets::pages::{NewTicketPage, TicketPage, TicketsPage};
use crate::two_factor::pages::{RecoveryCodesPage, TwoFactorPage};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang=crate::kernel::i18n::lang().code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone() islands=true/>
                <HashedStylesheet options id="leptos"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("departments") view=DepartmentsPage ssr=SsrMode::Async/>
                    <Route path=path!("departments/:id") view=DepartmentEditPage ssr=SsrMode::Async/>
                    <Route path=path!("login") view=LoginPage/>
                    <Route path=path!("login/two-factor") view=LoginCodePage ssr=SsrMode::Async/>
                    <Route path=path!("account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("account/logins") view=LoginHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("account/two-factor") view=TwoFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("account/two-factor/recovery-codes") view=RecoveryCodesPage ssr=SsrMode::Async/>
                    <Route path=path!("activity") view=ActivityLogPage ssr=SsrMode::Async/>
                    <Route path=path!("admins") view=AdminsPage ssr=SsrMode::Async/>
                    <Route path=path!("admins/invite") view=AddAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("admins/:id") view=EditAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("admins/:id/logins") view=LoginHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("roles") view=RolesPage ssr=SsrMode::Async/>
                    <Route path=path!("roles/:id") view=RoleEditPage ssr=SsrMode::Async/>
                    <Route path=path!("tickets") view=TicketsPage ssr=SsrMode::Async/>
                    <Route path=path!("clients") view=ClientsPage ssr=SsrMode::Async/>
                    <Route path=path!("clients/new") view=NewClientPage ssr=SsrMode::Async/>
                    <Route path=path!("clients/:id") view=ClientSummaryPage ssr=SsrMode::Async/>
                    <Route path=path!("clients/:id/edit") view=ClientEditPage ssr=SsrMode::Async/>
                    <Route path=path!("clients/:id/contacts/:contact") view=ContactPage ssr=SsrMode::Async/>
                    <Route path=path!("clients/:id/services/:service") view=ServicePage ssr=SsrMode::Async/>
                    <Route path=path!("clients/:id/invoices") view=ClientInvoicesPage ssr=SsrMode::Async/>
                    <Route path=path!("clients/:id/invoices/:invoice") view=InvoicePage ssr=SsrMode::Async/>
                    <Route path=path!("search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("reports") view=ReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("reports/:report") view=ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("network-issues") view=NetworkIssuesPage ssr=SsrMode::Async/>
                    <Route path=path!("network-issues/:id") view=NetworkIssuePage ssr=SsrMode::Async/>
                    <Route path=path!("network-status") view=NetworkStatusPage ssr=SsrMode::Async/>
                    <Route path=path!("kb") view=KbAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("kb/categories/:id") view=KbCategoryEditPage ssr=SsrMode::Async/>
                    <Route path=path!("kb/articles/new") view=KbArticleEditPage ssr=SsrMode::Async/>
                    <Route path=path!("kb/articles/:id") view=KbArticleEditPage ssr=SsrMode::Async/>
                    <Route path=path!("manage/announcements") view=AnnouncementsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("manage/announcements/:id") view=AnnouncementEditPage ssr=SsrMode::Async/>
                    <Route path=path!("announcements") view=AnnouncementsPage ssr=SsrMode::Async/>
                    <Route path=path!("announcements/:id") view=AnnouncementPage ssr=SsrMode::Async/>
                    <Route path=path!("knowledgebase") view=KbHomePage ssr=SsrMode::Async/>
                    <Route path=path!("knowledgebase/search") view=KbSearchPage ssr=SsrMode::Async/>
                    <Route path=path!("knowledgebase/category/:id") view=KbCategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("knowledgebase/:slug") view=KbArticlePage ssr=SsrMode::Async/>
                    <Route path=path!("predefined-replies") view=PredefinedRepliesPage ssr=SsrMode::Async/>
                    <Route path=path!("mail-imports") view=MailImportsPage ssr=SsrMode::Async/>
                    <Route path=path!("predefined-replies/:id") view=PredefinedReplyPage ssr=SsrMode::Async/>
                    <Route path=path!("tickets/new") view=NewTicketPage ssr=SsrMode::Async/>
                    <Route path=path!("tickets/:reference") view=TicketPage ssr=SsrMode::Async/>
                    <Route path=path!("reset/:token") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("invite/:token") view=AcceptPage ssr=SsrMode::Async/>
                    <Route path=path!("client") view=PortalHomePage ssr=SsrMode::Async/>
                    <Route path=path!("client/login") view=PortalLoginPage/>
                    <Route path=path!("client/login/two-factor") view=PortalLoginCodePage ssr=SsrMode::Async/>
                    <Route path=path!("client/account/recovery-codes") view=PortalRecoveryCodesPage ssr=SsrMode::Async/>
                    <Route path=path!("client/reset") view=PortalResetRequestPage/>
                    <Route path=path!("client/reset/:token") view=PortalResetPage ssr=SsrMode::Async/>
                    <Route path=path!("client/invite/:token") view=PortalInvitePage ssr=SsrMode::Async/>
                    <Route path=path!("client/login-as/:token") view=PortalLoginAsPage/>
                    <Route path=path!("client/account") view=PortalAccountPage ssr=SsrMode::Async/>
                    <Route path=path!("client/profile") view=PortalProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("client/contacts") view=PortalContactsPage ssr=SsrMode::Async/>
                    <Route path=path!("client/contacts/:contact") view=PortalContactPage ssr=SsrMode::Async/>
                    <Route path=path!("client/services") view=PortalServicesPage ssr=SsrMode::Async/>
                    <Route path=path!("client/invoices") view=PortalInvoicesPage ssr=SsrMode::Async/>
                    <Route path=path!("client/invoices/:invoice") view=PortalInvoicePage ssr=SsrMode::Async/>
                    <Route path=path!("client/tickets") view=PortalTicketsPage ssr=SsrMode::Async/>
                    <Route path=path!("client/tickets/new") view=PortalNewTicketPage ssr=SsrMode::Async/>
                    <Route path=path!("client/tickets/:reference") view=PortalTicketPage ssr=SsrMode::Async/>
                    <Route path=path!("client/users") view=PortalUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("client/network-status") view=NetworkStatusPage ssr=SsrMode::Async/>
                    <Route path=path!("client/announcements") view=AnnouncementsPage ssr=SsrMode::Async/>
                    <Route path=path!("client/announcements/:id") view=AnnouncementPage ssr=SsrMode::Async/>
                    <Route path=path!("client/knowledgebase") view=KbHomePage ssr=SsrMode::Async/>
                    <Route path=path!("client/knowledgebase/search") view=KbSearchPage ssr=SsrMode::Async/>
                    <Route path=path!("client/knowledgebase/category/:id") view=KbCategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("client/knowledgebase/:slug") view=KbArticlePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
