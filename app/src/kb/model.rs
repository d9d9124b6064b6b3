//! Knowledgebase input rules, and categories and articles as the pages show them.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::kernel::validation::{ValidationError, clean_text, multiline_text};

/// Who may read an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Anyone, without a login.
    Public,
    /// Client Area users only.
    Clients,
    /// Staff only: a draft.
    Hidden,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Self::Public, Self::Clients, Self::Hidden];

    pub fn key(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Clients => "clients",
            Self::Hidden => "hidden",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == key)
    }

    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Public => "kb-visibility-public",
            Self::Clients => "kb-visibility-clients",
            Self::Hidden => "kb-visibility-hidden",
        })
    }
}

/// Where an article is read: the public pages, the Client Area, or the staff editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Public,
    Clients,
    Staff,
}

impl Audience {
    /// The visibilities this audience reads.
    pub fn sees(self) -> &'static [&'static str] {
        match self {
            Self::Public => &["public"],
            Self::Clients => &["public", "clients"],
            Self::Staff => &["public", "clients", "hidden"],
        }
    }

    /// The visibilities it reads as an SQL list (`'public', 'clients'`): fixed keys, never input.
    pub fn sees_sql(self) -> String {
        self.sees()
            .iter()
            .map(|v| format!("'{v}'"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Where its knowledgebase pages live.
    pub fn base(self) -> &'static str {
        match self {
            Self::Clients => "/client/knowledgebase",
            _ => "/knowledgebase",
        }
    }
}

/// A validated category.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryInput {
    pub name: String,
    pub description: String,
    pub parent_id: Option<i32>,
    pub position: i32,
}

#[cfg(feature = "ssr")]
impl CategoryInput {
    pub const NAME_MAX: usize = 100;
    pub const DESCRIPTION_MAX: usize = 500;

    pub fn parse(
        name: &str,
        description: &str,
        parent_id: &str,
        position: &str,
    ) -> Result<Self, (&'static str, ValidationError)> {
        let name = clean_text(name, Self::NAME_MAX).map_err(|e| ("name", e))?;
        let description = if description.trim().is_empty() {
            String::new()
        } else {
            clean_text(description, Self::DESCRIPTION_MAX).map_err(|e| ("description", e))?
        };
        let parent_id = match parent_id.trim() {
            "" => None,
            id => Some(
                id.parse::<i32>()
                    .map_err(|_| ("parent_id", ValidationError::UnknownChoice))?,
            ),
        };
        let position = match position.trim() {
            "" => 0,
            p => p
                .parse::<i32>()
                .ok()
                .filter(|p| (0..=9999).contains(p))
                .ok_or((
                    "position",
                    ValidationError::OutOfRange { min: 0, max: 9999 },
                ))?,
        };
        Ok(Self {
            name,
            description,
            parent_id,
            position,
        })
    }
}

/// The longest article text, in characters.
pub const BODY_MAX: usize = 100_000;

/// A validated article.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInput {
    pub title: String,
    pub slug: String,
    pub body: String,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    pub categories: Vec<i32>,
}

/// A slug: lower-case letters a–z, digits and single hyphens, 1 to 120 characters.
#[cfg(feature = "ssr")]
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= ArticleInput::SLUG_MAX
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// The slug a title suggests: its ASCII letters and digits in lower case, anything else a hyphen.
#[cfg(feature = "ssr")]
pub fn slug_of(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= ArticleInput::SLUG_MAX {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "article".to_owned()
    } else {
        slug
    }
}

#[cfg(feature = "ssr")]
impl ArticleInput {
    pub const TITLE_MAX: usize = 200;
    pub const SLUG_MAX: usize = 120;
    pub const BODY_MAX: usize = BODY_MAX;
    pub const TAG_MAX: usize = 40;
    pub const TAGS_MAX: usize = 20;

    /// `categories` are the ids the form ticked; an empty slug is made from the title.
    pub fn parse(
        title: &str,
        slug: &str,
        body: &str,
        tags: &str,
        visibility: &str,
        categories: &[String],
    ) -> Result<Self, (&'static str, ValidationError)> {
        let title = clean_text(title, Self::TITLE_MAX).map_err(|e| ("title", e))?;
        let slug = match slug.trim() {
            "" => slug_of(&title),
            s if valid_slug(s) => s.to_owned(),
            _ => return Err(("slug", ValidationError::SlugFormat)),
        };
        let body = multiline_text(body, Self::BODY_MAX).map_err(|e| ("body", e))?;
        if body.is_empty() {
            return Err(("body", ValidationError::Required));
        }
        let mut tag_list: Vec<String> = Vec::new();
        for tag in tags.split(',') {
            let tag = tag.trim();
            if tag.is_empty() {
                continue;
            }
            let tag = clean_text(tag, Self::TAG_MAX).map_err(|e| ("tags", e))?;
            let tag = tag.to_lowercase();
            if !tag_list.contains(&tag) {
                tag_list.push(tag);
            }
        }
        if tag_list.len() > Self::TAGS_MAX {
            return Err((
                "tags",
                ValidationError::OutOfRange {
                    min: 0,
                    max: Self::TAGS_MAX as i64,
                },
            ));
        }
        let visibility = Visibility::from_key(visibility.trim())
            .ok_or(("visibility", ValidationError::UnknownChoice))?;
        let mut ids = Vec::new();
        for c in categories {
            let id = c
                .trim()
                .parse::<i32>()
                .map_err(|_| ("categories", ValidationError::UnknownChoice))?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(Self {
            title,
            slug,
            body,
            tags: tag_list,
            visibility,
            categories: ids,
        })
    }
}

/// A category as pages show it, with its subcategories and how many articles the reader sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub name: String,
    pub description: String,
    pub position: i32,
    pub articles: i64,
    pub children: Vec<CategoryView>,
    pub version: i32,
}

/// An article in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i32,
    pub title: String,
    pub slug: String,
    pub visibility: Visibility,
    pub visibility_label: String,
    pub views: i64,
    pub helpful: i64,
    pub unhelpful: i64,
    /// "2026-12-01".
    pub updated: String,
}

/// An article, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: i32,
    pub title: String,
    pub slug: String,
    /// The Markdown, for the editor.
    pub body: String,
    /// Rendered and sanitised on the server.
    pub html: String,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    pub visibility_label: String,
    pub categories: Vec<(i32, String)>,
    pub views: i64,
    pub helpful: i64,
    pub unhelpful: i64,
    pub updated: String,
    pub version: i32,
}

/// A piece of a search result's snippet; `true` for the words that matched.
pub type Snippet = Vec<(String, bool)>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub title: String,
    pub slug: String,
    pub snippet: Snippet,
}

/// The knowledgebase's front page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KbHome {
    pub categories: Vec<CategoryView>,
    pub popular: Vec<ArticleSummary>,
    pub latest: Vec<ArticleSummary>,
}

/// A category's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub category: CategoryView,
    /// The top-level category it sits in, if any.
    pub parent: Option<(i32, String)>,
    pub articles: Vec<ArticleSummary>,
}

/// What a slug leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArticleAt {
    Found(Box<ArticleView>),
    /// The article was renamed: its slug now.
    Moved(String),
}

/// The staff's overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KbAdmin {
    pub categories: Vec<CategoryView>,
    pub articles: Vec<ArticleSummary>,
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_titles_and_only_clean_ones_are_taken() {
        assert_eq!(slug_of("Reset your  password!"), "reset-your-password");
        assert_eq!(slug_of("¿Qué?"), "qu");
        assert_eq!(slug_of("***"), "article");
        assert!(valid_slug("dns-records-2"));
        for bad in [
            "",
            "Dns",
            "dns--records",
            "-dns",
            "dns-",
            "dns records",
            "dns/../x",
        ] {
            assert!(!valid_slug(bad), "{bad}");
        }
        assert!(!valid_slug(&"a".repeat(121)));
    }

    #[test]
    fn articles_need_a_title_a_body_and_a_known_visibility() {
        let ok =
            ArticleInput::parse("Title", "", "Body", "DNS, dns, Mail ", "public", &[]).unwrap();
        assert_eq!(ok.slug, "title");
        assert_eq!(ok.tags, ["dns", "mail"]);
        let err = |r: Result<ArticleInput, (&'static str, ValidationError)>| r.unwrap_err().0;
        assert_eq!(
            err(ArticleInput::parse(" ", "", "b", "", "public", &[])),
            "title"
        );
        assert_eq!(
            err(ArticleInput::parse("T", "", " ", "", "public", &[])),
            "body"
        );
        assert_eq!(
            err(ArticleInput::parse("T", "Bad Slug", "b", "", "public", &[])),
            "slug"
        );
        assert_eq!(
            err(ArticleInput::parse("T", "", "b", "", "secret", &[])),
            "visibility"
        );
        assert_eq!(
            err(ArticleInput::parse(
                "T",
                "",
                "b",
                "",
                "public",
                &["x".into()]
            )),
            "categories"
        );
    }
}
