//! Role input rules and what the role pages show, shared by the browser and the server.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::kernel::Permission;
use crate::kernel::permission::missing_requirement;
use crate::kernel::validation::{ValidationError, clean_text};

/// A role's name, unique regardless of case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleName(String);

impl RoleName {
    pub const MAX_CHARS: usize = 80;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        clean_text(input, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The form key of a permission checkbox: `permissions[<key with _ for .>]`.
pub fn permission_field(permission: Permission) -> String {
    permission.key().replace('.', "_")
}

/// A validated role editor form: a name and a set of permissions closed under their requirements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleInput {
    pub name: RoleName,
    pub permissions: Vec<Permission>,
    /// The reports the role sees, by key; None for all of them.
    pub reports: Option<Vec<String>>,
    /// The form said nothing of reports: a saved role keeps its own (a new one sees all).
    pub keep_reports: bool,
}

impl RoleInput {
    pub fn parse(
        name: &str,
        permissions: &HashMap<String, String>,
    ) -> Result<Self, (&'static str, ValidationError)> {
        let name = RoleName::parse(name).map_err(|e| ("name", e))?;
        let mut chosen = Vec::new();
        for field in permissions.keys() {
            let permission = Permission::ALL
                .into_iter()
                .find(|p| permission_field(*p) == *field)
                .ok_or(("permissions", ValidationError::UnknownPermission))?;
            chosen.push(permission);
        }
        chosen.sort();
        chosen.dedup();
        if let Some((permission, requires)) = missing_requirement(&chosen) {
            return Err((
                "permissions",
                ValidationError::PermissionNeeds {
                    permission,
                    requires,
                },
            ));
        }
        Ok(Self {
            name,
            permissions: chosen,
            reports: None,
            keep_reports: true,
        })
    }

    /// The report access the form chose: `all_reports` is "all" for every report, "chosen" for
    /// the ticked `reports[<key>]` only, and absent to leave a saved role's reports as they are.
    pub fn with_reports(
        mut self,
        all_reports: &str,
        reports: &HashMap<String, String>,
    ) -> Result<Self, (&'static str, ValidationError)> {
        self.keep_reports = false;
        match all_reports.trim() {
            "" => self.keep_reports = true,
            "all" => self.reports = None,
            "chosen" => {
                let mut keys = Vec::new();
                for key in reports.keys() {
                    let kind = crate::reports::model::ReportKind::from_key(key)
                        .ok_or(("reports", ValidationError::UnknownChoice))?;
                    keys.push(kind.key().to_owned());
                }
                keys.sort();
                keys.dedup();
                self.reports = Some(keys);
            }
            _ => return Err(("all_reports", ValidationError::UnknownChoice)),
        }
        Ok(self)
    }
}

/// A row of the Roles page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSummary {
    pub id: i32,
    pub name: String,
    pub built_in: bool,
    /// Full Administrator: every permission, never editable.
    pub full: bool,
    /// Administrators with this role, enabled or disabled.
    pub admin_count: u64,
    pub permissions: Vec<Permission>,
    /// Admins in this role must use two-factor authentication.
    pub requires_two_factor: bool,
}

/// What the role editor starts from: an existing role, a copy of one, or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDraft {
    /// None when the form creates a role.
    pub id: Option<i32>,
    pub name: String,
    /// Built-in roles keep their names.
    pub name_locked: bool,
    pub permissions: Vec<Permission>,
    pub admin_count: u64,
    /// Why the signed-in admin may not save this role, if they may not.
    pub locked_reason: Option<String>,
    /// The role's version, carried by the form (optimistic concurrency); 0 for a new role.
    pub version: i32,
    /// The reports the role sees, by key; None for all of them.
    #[serde(default)]
    pub reports: Option<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticked(perms: &[Permission]) -> HashMap<String, String> {
        perms
            .iter()
            .map(|p| (permission_field(*p), "on".to_owned()))
            .collect()
    }

    #[test]
    fn report_access_is_all_or_a_list_of_known_reports() {
        let base = RoleInput::parse("Reporting", &ticked(&[])).unwrap();
        let none = HashMap::new();
        assert_eq!(
            base.clone().with_reports("all", &none).unwrap().reports,
            None
        );
        let absent = base.clone().with_reports("", &none).unwrap();
        assert!(
            absent.keep_reports,
            "an absent choice keeps what the role has"
        );
        assert!(
            !base
                .clone()
                .with_reports("all", &none)
                .unwrap()
                .keep_reports
        );
        let mut chosen = HashMap::new();
        chosen.insert("income".to_owned(), "on".to_owned());
        chosen.insert("aging".to_owned(), "on".to_owned());
        assert_eq!(
            base.clone()
                .with_reports("chosen", &chosen)
                .unwrap()
                .reports,
            Some(vec!["aging".to_owned(), "income".to_owned()])
        );
        chosen.insert("made_up".to_owned(), "on".to_owned());
        assert_eq!(
            base.clone().with_reports("chosen", &chosen).unwrap_err().0,
            "reports"
        );
        assert_eq!(
            base.with_reports("some", &none).unwrap_err().0,
            "all_reports"
        );
    }

    #[test]
    fn a_closed_set_is_accepted_and_sorted() {
        let input = RoleInput::parse(
            " Billing ",
            &ticked(&[Permission::SendInvitations, Permission::ViewAdministrators]),
        )
        .unwrap();
        assert_eq!(input.name.as_str(), "Billing");
        assert_eq!(
            input.permissions,
            vec![Permission::ViewAdministrators, Permission::SendInvitations]
        );
    }

    #[test]
    fn a_permission_without_its_requirement_is_refused_by_name() {
        let err = RoleInput::parse("Billing", &ticked(&[Permission::SendInvitations])).unwrap_err();
        assert_eq!(
            err,
            (
                "permissions",
                ValidationError::PermissionNeeds {
                    permission: Permission::SendInvitations,
                    requires: Permission::ViewAdministrators
                }
            )
        );
    }

    #[test]
    fn unknown_permission_keys_and_empty_names_are_refused() {
        let mut map = ticked(&[]);
        map.insert("admins_everything".into(), "on".into());
        assert_eq!(
            RoleInput::parse("X", &map).unwrap_err(),
            ("permissions", ValidationError::UnknownPermission)
        );
        assert_eq!(
            RoleInput::parse("  ", &ticked(&[])).unwrap_err(),
            ("name", ValidationError::Required)
        );
    }
}
