//! Optimistic concurrency for every edit form: a row two people can edit carries a `version`,
//! the form carries the version it was loaded with, and the update's `WHERE` checks it. A stale
//! save changes nothing and is refused with "changed meanwhile"; the page, loaded again, shows the
//! current values.

use crate::kernel::validation::ValidationError;

/// The version of a row as an edit form loaded it; `None` when the caller sent none (a client of
/// the server functions that does not take part, which then saves over whatever is there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected(pub Option<i32>);

impl Expected {
    /// The form's hidden `version` field: empty, or a positive number.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        match input.trim() {
            "" => Ok(Self(None)),
            text => text
                .parse::<i32>()
                .ok()
                .filter(|v| *v > 0)
                .map(|v| Self(Some(v)))
                .ok_or(ValidationError::UnknownChoice),
        }
    }
}

impl Expected {
    /// The version an update may change, given the row's version as the update's own transaction
    /// read it (`current`): the form's, if it still matches (None when it does not: changed
    /// meanwhile), or `current` when the caller sent none. Guarding the update with the result
    /// makes its `WHERE` check what the transaction read, so two racing writes cannot both apply
    /// on a base one of them did not see, whether or not their callers took part.
    pub fn within(self, current: i32) -> Option<Expected> {
        match self.0 {
            Some(version) if version != current => None,
            _ => Some(Expected(Some(current))),
        }
    }
}

/// Applies the check and the bump to an update: only the expected version is changed, and every
/// change moves the version on. Mutations made outside edit forms pass `Expected(None)`, so that
/// they still move the version on and a form loaded before them becomes stale.
#[cfg(feature = "ssr")]
pub fn guarded<E: sea_orm::EntityTrait>(
    update: sea_orm::UpdateMany<E>,
    column: E::Column,
    expected: Expected,
) -> sea_orm::UpdateMany<E> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, QueryFilter};
    let update = update.col_expr(column, Expr::col(column).add(1));
    match expected.0 {
        Some(version) => update.filter(column.eq(version)),
        None => update,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_checks_the_version_its_transaction_read() {
        assert_eq!(Expected(Some(3)).within(3), Some(Expected(Some(3))));
        assert_eq!(Expected(Some(2)).within(3), None);
        assert_eq!(Expected(None).within(3), Some(Expected(Some(3))));
    }

    #[test]
    fn a_form_version_is_empty_or_a_positive_number() {
        assert_eq!(Expected::parse(""), Ok(Expected(None)));
        assert_eq!(Expected::parse(" 7 "), Ok(Expected(Some(7))));
        assert!(Expected::parse("0").is_err());
        assert!(Expected::parse("-1").is_err());
        assert!(Expected::parse("seven").is_err());
    }
}
