//! Markdown to safe HTML: pulldown-cmark renders what staff write, and ammonia keeps only what a
//! page may show. Script, style, iframes, event handlers, inline CSS, every URL scheme but http,
//! https and mailto (so `javascript:` and `data:`), and every relative address but another
//! article's slug are removed. The preview and the stored page go through this one function, and
//! search reads the text of its result, so nothing the page hides is found or quoted.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use ammonia::UrlRelative;
use pulldown_cmark::{Options, Parser};

/// An article body made safe, and its text for search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub plain: String,
}

/// A relative address an article may use: another article's slug, optionally with an anchor, or
/// an anchor on the page. Anything else relative (`//host`, `/path`, `\\host`) could leave the
/// site, or call one of its addresses from every reader's browser.
fn article_link(url: &str) -> Option<Cow<'_, str>> {
    let (slug, anchor) = url.split_once('#').unwrap_or((url, ""));
    let slug_ok = slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let anchor_ok = anchor
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (!url.is_empty() && slug_ok && anchor_ok).then_some(Cow::Borrowed(url))
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Custom(Box::new(article_link)))
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
});

/// Keeps no tag at all: the text of cleaned HTML.
static TEXT_ONLY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder.clean_content_tags(HashSet::from(["script", "style"]));
    builder
});

/// The words of cleaned HTML, for search: tags part words, and the entities ammonia writes are
/// read back.
fn text_of(html: &str) -> String {
    let text = TEXT_ONLY.clean(&html.replace('<', " <")).to_string();
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders `markdown` (CommonMark with tables and strikethrough) and sanitises the result.
pub fn render(markdown: &str) -> Rendered {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut raw = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, parser);
    let html = SANITIZER.clean(&raw).to_string();
    Rendered {
        plain: text_of(&html),
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    /// Each hostile input, and what must not survive it.
    const HOSTILE: [(&str, &str); 12] = [
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
        ("[off](//evil.example/x)", "evil.example"),
        ("[off](/\\evil.example/x)", "evil.example"),
        ("![ping](/client/knowledgebase/x?suggested=1)", "suggested"),
    ];

    #[test]
    fn nothing_that_runs_styles_or_leaves_survives() {
        for (input, forbidden) in HOSTILE {
            let out = render(input).html;
            assert!(
                !out.to_lowercase().contains(&forbidden.to_lowercase()),
                "{input} gave {out}"
            );
        }
    }

    #[test]
    fn search_text_leaves_out_what_the_page_does_not_show() {
        let out = render("Visible &amp; <b>bold</b>\n\n<script>hidden()</script><!-- secret -->");
        assert_eq!(out.plain, "Visible & bold");
    }

    #[test]
    fn markdown_renders_and_links_by_slug_stay() {
        let out = render(
            "# Title\n\nSee [DNS](dns-records), [part](dns-records#ttl) and **bold**.\n\n| a |\n|---|\n| 1 |",
        );
        assert!(out.html.contains("<h1>Title</h1>"), "{}", out.html);
        assert!(out.html.contains("href=\"dns-records\""), "{}", out.html);
        assert!(
            out.html.contains("href=\"dns-records#ttl\""),
            "{}",
            out.html
        );
        assert!(out.html.contains("<strong>bold</strong>"));
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("rel=\"noopener noreferrer nofollow\""));
        assert_eq!(out.plain, "Title See DNS , part and bold . a 1");
    }
}
