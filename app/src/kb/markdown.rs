//! Markdown to safe HTML: pulldown-cmark renders what staff write, and ammonia keeps only what a
//! page may show. Script, style, iframes, event handlers, inline CSS and every URL scheme but
//! http, https and mailto (so `javascript:` and `data:`) are removed. The preview and the stored
//! page go through this one function.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, TagEnd};

/// An article body made safe, and its text for search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub plain: String,
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
});

/// Renders `markdown` (CommonMark with tables and strikethrough) and sanitises the result.
pub fn render(markdown: &str) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .collect();
    let mut plain = String::new();
    for event in &events {
        match event {
            Event::Text(text) | Event::Code(text) => plain.push_str(text),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => plain.push(' '),
            _ => {}
        }
    }
    let mut raw = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    Rendered {
        html: SANITIZER.clean(&raw).to_string(),
        plain: plain.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    /// Each hostile input, and what must not survive it.
    const HOSTILE: [(&str, &str); 9] = [
        ("<script>alert(1)</script>", "<script"),
        ("<iframe src=\"https://evil.example\"></iframe>", "<iframe"),
        ("<img src=\"x.png\" onerror=\"alert(1)\">", "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ("[click](JaVaScRiPt:alert(1))", "alert(1)"),
        ("![pixel](data:image/png;base64,iVBORw0KGgo=)", "data:"),
        (
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "data:",
        ),
        (
            "<p style=\"background:url(https://evil.example)\">x</p>",
            "style",
        ),
        ("<style>body { display: none }</style>", "display"),
    ];

    #[test]
    fn nothing_that_runs_or_styles_survives() {
        for (input, forbidden) in HOSTILE {
            let out = render(input).html;
            assert!(
                !out.to_lowercase().contains(&forbidden.to_lowercase()),
                "{input} gave {out}"
            );
        }
    }

    #[test]
    fn markdown_renders_and_links_by_slug_stay() {
        let out = render("# Title\n\nSee [DNS](dns-records) and **bold**.\n\n| a |\n|---|\n| 1 |");
        assert!(out.html.contains("<h1>Title</h1>"), "{}", out.html);
        assert!(out.html.contains("href=\"dns-records\""), "{}", out.html);
        assert!(out.html.contains("<strong>bold</strong>"));
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("rel=\"noopener noreferrer nofollow\""));
        assert_eq!(out.plain, "Title See DNS and bold. a 1");
    }
}
