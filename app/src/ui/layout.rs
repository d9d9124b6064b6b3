//! The admin area's frame: header with product name and navigation, the content area, the footer.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#content">"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"S"</span>
                "Staffdesk"
            </a>
            <nav class="mainnav" aria-label="Main">
                <A href="/" exact=true>"Dashboard"</A>
                <A href="/departments">"Departments"</A>
            </nav>
        </header>
        <main id="content" class="content">{children()}</main>
        <footer class="footer">
            <span>"Staffdesk " {env!("CARGO_PKG_VERSION")}</span>
            <span class="muted">"Staff Admin Area"</span>
        </footer>
    }
}
