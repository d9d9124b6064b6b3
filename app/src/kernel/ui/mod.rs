//! The small pieces every page shares: forms, the error and not-found pages, HTML escaping.

pub mod form;
pub mod live;
mod pages;

pub use pages::{ErrorPage, NotFound, Pager, in_client_area, notice};

/// Escapes text for HTML element content and attribute values. Leptos writes `<textarea>`
/// children raw (neither escaped nor hydrated), so textarea values go through this; so does email.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
