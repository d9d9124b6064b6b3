//! The admin area's frame: header with product name, navigation and the signed-in admin, the content area, the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::Permission;
use crate::auth::pages::LogoutButton;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let admin = crate::auth::viewer();
    let nav = admin.clone().map(|admin| {
        view! {
            <nav class="mainnav" aria-label="Main">
                <A href="/" exact=true>"Dashboard"</A>
                {admin.can(Permission::ViewAdministrators).then(|| view! { <A href="/admins">"Administrators"</A> })}
                {admin.can(Permission::ManageRoles).then(|| view! { <A href="/roles">"Roles"</A> })}
                {admin.can(Permission::ViewDepartments).then(|| view! { <A href="/departments">"Departments"</A> })}
            </nav>
        }
    });
    let account = admin.map(|admin| {
        view! {
            <div class="account">
                <span class="account-name">{admin.display_name()}</span>
                <span class="account-role">{admin.role_name.clone()}</span>
                <LogoutButton/>
            </div>
        }
    });
    view! {
        <a class="skip-link" href="#content">"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"S"</span>
                "Staffdesk"
            </a>
            {nav}
            {account}
        </header>
        <main id="content" class="content">{children()}</main>
        <footer class="footer">
            <span>"Staffdesk " {env!("CARGO_PKG_VERSION")}</span>
            <span class="muted">"Staff Admin Area"</span>
        </footer>
    }
}
