//! Predefined reply input rules, merge fields, and what the pages show.

use serde::{Deserialize, Serialize};

use crate::kernel::validation::{ValidationError, clean_text, multiline_text};

/// The merge fields a body may use, as `{name}`.
pub const MERGE_FIELDS: [&str; 5] = [
    "requester_name",
    "ticket_ref",
    "ticket_subject",
    "department",
    "admin_name",
];

/// The `{field}` names in `body`, in order: a brace followed by letters, digits or underscores
/// and a closing brace. Other braces are text.
pub fn fields_in(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if len > 0 && after[len..].starts_with('}') {
            out.push(&after[..len]);
            rest = &after[len + 1..];
        } else {
            rest = after;
        }
    }
    out
}

/// What the merge fields stand for on one ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeValues {
    pub requester_name: String,
    pub ticket_ref: String,
    pub ticket_subject: String,
    pub department: String,
    pub admin_name: String,
}

impl MergeValues {
    fn get(&self, field: &str) -> Option<&str> {
        Some(match field {
            "requester_name" => &self.requester_name,
            "ticket_ref" => &self.ticket_ref,
            "ticket_subject" => &self.ticket_subject,
            "department" => &self.department,
            "admin_name" => &self.admin_name,
            _ => return None,
        })
    }

    /// `body` with every known field replaced; unknown ones (none, once saved) stay as written.
    pub fn fill(&self, body: &str) -> String {
        let mut out = String::with_capacity(body.len());
        let mut rest = body;
        for field in fields_in(body) {
            let token = format!("{{{field}}}");
            if let Some(at) = rest.find(&token) {
                out.push_str(&rest[..at]);
                out.push_str(self.get(field).unwrap_or(&token));
                rest = &rest[at + token.len()..];
            }
        }
        out.push_str(rest);
        out
    }
}

/// A validated reply: name, category and body whose fields are all known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReply {
    pub category_id: i32,
    pub name: String,
    pub body: String,
}

/// A body's unknown merge field, for the error message.
pub fn unknown_field(body: &str) -> Option<String> {
    fields_in(body)
        .into_iter()
        .find(|f| !MERGE_FIELDS.contains(f))
        .map(|f| format!("{{{f}}}"))
}

impl NewReply {
    pub const NAME_MAX: usize = 150;
    pub const BODY_MAX: usize = 65_536;

    /// The first bad field and why; an unknown merge field is `UnknownChoice` on `body`.
    pub fn parse(
        category_id: &str,
        name: &str,
        body: &str,
    ) -> Result<Self, (&'static str, ValidationError)> {
        let category_id = category_id
            .trim()
            .parse()
            .map_err(|_| ("category_id", ValidationError::UnknownChoice))?;
        let name = clean_text(name, Self::NAME_MAX).map_err(|e| ("name", e))?;
        let body = multiline_text(body, Self::BODY_MAX).map_err(|e| ("body", e))?;
        if body.is_empty() {
            return Err(("body", ValidationError::Required));
        }
        Ok(Self {
            category_id,
            name,
            body,
        })
    }
}

/// A validated category: a name, and a top-level parent or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCategory {
    pub name: String,
    pub parent_id: Option<i32>,
}

impl NewCategory {
    pub const NAME_MAX: usize = 100;

    pub fn parse(name: &str, parent_id: &str) -> Result<Self, (&'static str, ValidationError)> {
        Ok(Self {
            name: clean_text(name, Self::NAME_MAX).map_err(|e| ("name", e))?,
            parent_id: match parent_id.trim() {
                "" => None,
                id => Some(
                    id.parse()
                        .map_err(|_| ("parent_id", ValidationError::UnknownChoice))?,
                ),
            },
        })
    }
}

/// A reply in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    pub id: i32,
    pub category_id: i32,
    pub name: String,
    pub body: String,
}

/// A category with its replies; sub-categories follow their parent, marked by `parent_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub name: String,
    pub replies: Vec<ReplyView>,
}

/// The library, in display order (each top category, then its sub-categories).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub categories: Vec<CategoryView>,
    pub can_manage: bool,
}

/// A reply offered on a ticket page, with its fields filled in for that ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    /// "Category › Sub-category".
    pub category: String,
    pub name: String,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_and_filled_and_other_braces_stay_text() {
        assert_eq!(
            fields_in("Hi {requester_name}, re {ticket_ref}: {x y} {} {"),
            vec!["requester_name", "ticket_ref"]
        );
        let v = MergeValues {
            requester_name: "Rita".into(),
            ticket_ref: "ABC-123456".into(),
            ticket_subject: "Disk".into(),
            department: "Sales".into(),
            admin_name: "Sam".into(),
        };
        assert_eq!(
            v.fill("Hi {requester_name} ({ticket_ref}, {department}) {x y} {requester_name} -- {admin_name}"),
            "Hi Rita (ABC-123456, Sales) {x y} Rita -- Sam"
        );
        // A value that looks like a field is not filled again.
        let tricky = MergeValues {
            requester_name: "{admin_name}".into(),
            ..v
        };
        assert_eq!(
            tricky.fill("{requester_name}/{admin_name}"),
            "{admin_name}/Sam"
        );
    }

    #[test]
    fn unknown_fields_are_named() {
        assert_eq!(
            unknown_field("Hi {client_name}"),
            Some("{client_name}".into())
        );
        assert_eq!(unknown_field("Hi {requester_name} {ticket_subject}"), None);
        assert!(matches!(
            NewReply::parse("1", "Greeting", "  "),
            Err(("body", ValidationError::Required))
        ));
        assert!(NewCategory::parse("Billing", "x").is_err());
    }
}
