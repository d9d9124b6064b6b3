//! Department input rules and the department as the UI sees it.

use serde::{Deserialize, Serialize};

use crate::kernel::validation::{Email, ValidationError, clean_text, multiline_text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentName(String);

impl DepartmentName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        clean_text(input, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentDescription(String);

impl DepartmentDescription {
    pub const MAX_CHARS: usize = 1000;

    /// Optional: blank is allowed; newlines are allowed, other control characters are not.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        multiline_text(input, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A validated request to create a department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDepartment {
    pub name: DepartmentName,
    pub email: Email,
    pub description: DepartmentDescription,
}

/// Which field failed and why.
pub type FieldError = (&'static str, ValidationError);

impl NewDepartment {
    pub fn parse(name: &str, email: &str, description: &str) -> Result<Self, FieldError> {
        Ok(Self {
            name: DepartmentName::parse(name).map_err(|e| ("name", e))?,
            email: Email::parse(email).map_err(|e| ("email", e))?,
            description: DepartmentDescription::parse(description)
                .map_err(|e| ("description", e))?,
        })
    }
}

/// A department as listed in the admin area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentView {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub description: String,
    /// Hidden departments are kept for history but offered nowhere.
    pub hidden: bool,
    /// The row's version, carried by the edit form (optimistic concurrency).
    pub version: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_name_over_100_characters_is_rejected() {
        assert_eq!(
            DepartmentName::parse(&"x".repeat(101)),
            Err(ValidationError::TooLong { max: 100 })
        );
        assert!(DepartmentName::parse(&"x".repeat(100)).is_ok());
    }

    #[test]
    fn blank_description_is_allowed_but_multiline_control_bytes_are_not() {
        assert_eq!(DepartmentDescription::parse("  ").unwrap().as_str(), "");
        assert!(DepartmentDescription::parse("line one\nline two").is_ok());
        assert_eq!(
            DepartmentDescription::parse("bell\u{7}"),
            Err(ValidationError::ControlCharacter)
        );
    }

    #[test]
    fn new_department_reports_the_first_failing_field() {
        assert_eq!(
            NewDepartment::parse("Sales", "not-an-email", ""),
            Err(("email", ValidationError::EmailFormat))
        );
        assert_eq!(
            NewDepartment::parse("", "sales@example.com", ""),
            Err(("name", ValidationError::Required))
        );
    }
}
