//! Search text as the full-text engines take it (FTS5 on SQLite, `tsquery` on PostgreSQL): the
//! words a person typed, and the prefix query over them.

use sea_orm::DbBackend;

/// The words of a search: letters and digits only (nothing in them is query syntax), at most 8
/// words of at most 50 characters, in lower case.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| w.chars().take(50).collect::<String>().to_lowercase())
        .collect()
}

/// Whether every word must match, or any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joint {
    All,
    Any,
}

/// Every word as a prefix: `w1:* & w2:*` (or `|`) for PostgreSQL's `to_tsquery`, `"w1"* "w2"*`
/// (or `OR`) for FTS5. The words are letters and digits only (`words`).
pub fn prefix_query(backend: DbBackend, words: &[String], joint: Joint) -> String {
    let (term, joint): (fn(&String) -> String, &str) = match (backend, joint) {
        (DbBackend::Postgres, Joint::All) => (|w| format!("{w}:*"), " & "),
        (DbBackend::Postgres, Joint::Any) => (|w| format!("{w}:*"), " | "),
        (_, Joint::All) => (|w| format!("\"{w}\"*"), " "),
        (_, Joint::Any) => (|w| format!("\"{w}\"*"), " OR "),
    };
    words.iter().map(term).collect::<Vec<_>>().join(joint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_letters_and_digits_reach_the_query() {
        let w = words("DNS\" OR x:* | (ünïcode) 42");
        assert_eq!(w, ["dns", "or", "x", "ünïcode", "42"]);
        assert_eq!(
            prefix_query(DbBackend::Postgres, &w[..2], Joint::All),
            "dns:* & or:*"
        );
        assert_eq!(
            prefix_query(DbBackend::Sqlite, &w[..2], Joint::Any),
            "\"dns\"* OR \"or\"*"
        );
    }
}
