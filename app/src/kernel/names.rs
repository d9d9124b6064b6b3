//! People's names as staff type them.

use serde::{Deserialize, Serialize};

use super::validation::{ValidationError, clean_text};

/// A first or last name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        clean_text(input, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
