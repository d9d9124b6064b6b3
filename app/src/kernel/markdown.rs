//! Markdown to safe HTML for what staff write (knowledgebase articles, announcements):
//! pulldown-cmark renders it, and ammonia keeps only what a page may show. Script, style,
//! iframes, event handlers, inline CSS, every URL scheme but http, https and mailto (so
//! `javascript:` and `data:`), and every relative address but a knowledgebase article's slug are
//! removed. A preview and the stored page go through the same function, and search reads the text
//! of its result, so nothing the page hides is found or quoted.

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

/// An article's slug, from a page outside the knowledgebase: the article's address.
fn article_address(url: &str) -> Option<Cow<'_, str>> {
    match article_link(url)? {
        _ if url.starts_with('#') => Some(Cow::Borrowed(url)),
        link => Some(Cow::Owned(format!("/knowledgebase/{link}"))),
    }
}

/// HTML from [`render_elsewhere`] for reading away from the site (an email, a feed reader): the
/// article addresses it wrote, its only relative ones, made absolute under `base`.
pub fn absolute_links(html: &str, base: &str) -> String {
    html.replace(
        "href=\"/knowledgebase/",
        &format!("href=\"{}/knowledgebase/", base.trim_end_matches('/')),
    )
}

/// Whether an image's address is absolute (`http:` or `https:`). A relative one would have every
/// reader's browser fetch one of this site's pages (which may count a view) each time it shows.
fn absolute_src(value: &str) -> bool {
    let lower = value.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn sanitizer(
    relative: impl Fn(&str) -> Option<Cow<'_, str>> + Send + Sync + 'static,
) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        // Runs before the relative-address rule, which then sees only links.
        .attribute_filter(|_, attribute, value| {
            (attribute != "src" || absolute_src(value)).then_some(Cow::Borrowed(value))
        })
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Custom(Box::new(relative)))
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
}

/// For articles: a slug is another article beside this one.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| sanitizer(article_link));

/// For every other page: a slug becomes the public knowledgebase's address of that article.
static ELSEWHERE: LazyLock<ammonia::Builder<'static>> =
    LazyLock::new(|| sanitizer(article_address));

/// Keeps no tag at all: the text of cleaned HTML.
static TEXT_ONLY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder.clean_content_tags(HashSet::from(["script", "style"]));
    builder
});

/// Tags that sit inside a line of text: they part no words ("**bold**." stays "bold.").
const INLINE: [&str; 16] = [
    "a", "abbr", "b", "code", "del", "em", "i", "img", "mark", "s", "small", "span", "strong",
    "sub", "sup", "u",
];

/// `html` with a space before every tag that starts or ends a block, so blocks part words.
fn spaced_blocks(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    for (i, part) in html.split('<').enumerate() {
        if i > 0 {
            let name: String = part
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if !INLINE.contains(&name.as_str()) {
                out.push(' ');
            }
            out.push('<');
        }
        out.push_str(part);
    }
    out
}

/// The words of cleaned HTML, for search and for plain-text reading: blocks part words, and the
/// entities ammonia writes are read back.
fn text_of(html: &str) -> String {
    let text = TEXT_ONLY.clean(&spaced_blocks(html)).to_string();
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

/// Renders a knowledgebase article's `markdown` (CommonMark with tables and strikethrough) and
/// sanitises the result.
pub fn render(markdown: &str) -> Rendered {
    render_with(markdown, &SANITIZER)
}

/// Renders `markdown` for a page outside the knowledgebase (an announcement): the same rules,
/// with article slugs turned into their public addresses.
pub fn render_elsewhere(markdown: &str) -> Rendered {
    render_with(markdown, &ELSEWHERE)
}

fn render_with(markdown: &str, sanitizer: &ammonia::Builder<'static>) -> Rendered {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut raw = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, parser);
    let html = sanitizer.clean(&raw).to_string();
    Rendered {
        plain: text_of(&html),
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    /// Each hostile input, and what must not survive it.
    const HOSTILE: [(&str, &str); 13] = [
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
        ("![ping](some-article)", "some-article"),
    ];

    #[test]
    fn nothing_that_runs_styles_or_leaves_survives() {
        for (input, forbidden) in HOSTILE {
            for out in [render(input).html, super::render_elsewhere(input).html] {
                assert!(
                    !out.to_lowercase().contains(&forbidden.to_lowercase()),
                    "{input} gave {out}"
                );
            }
        }
    }

    #[test]
    fn outside_the_knowledgebase_a_slug_is_the_article_address() {
        let out =
            super::render_elsewhere("[DNS](dns-records#ttl), [top](#top), [x](https://a.example)");
        assert!(
            out.html.contains("href=\"/knowledgebase/dns-records#ttl\""),
            "{}",
            out.html
        );
        assert!(out.html.contains("href=\"#top\""), "{}", out.html);
        assert!(
            super::absolute_links(&out.html, "https://desk.example/")
                .contains("href=\"https://desk.example/knowledgebase/dns-records#ttl\""),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("href=\"https://a.example\""),
            "{}",
            out.html
        );
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
        assert_eq!(out.plain, "Title See DNS, part and bold. a 1");
    }
}
