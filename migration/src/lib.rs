//! The schema's single source of truth: every table is created by a migration listed here.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_create_departments;
mod m20261129_000002_create_auth;
mod m20261129_000003_create_invitations;
mod m20261129_000004_create_password_resets;
mod m20261129_000005_create_audit_events;
mod m20261129_000006_create_two_factor;
mod m20261129_000007_index_lists;
mod m20261201_000008_session_cutoff;
mod m20261201_000009_one_open_invitation;
mod m20261201_000010_row_versions;
mod m20261201_000011_principals;
mod m20261201_000012_tickets;
mod m20261201_000013_desk_tools;
mod m20261201_000014_auth_changes;
mod m20261201_000015_clients;
mod m20261201_000016_client_users;
mod m20261202_000017_reports;
mod m20261202_000018_ticket_times;
mod m20261202_000019_network_issues;
mod m20261202_000020_report_totals;
mod m20261202_000021_knowledgebase;
mod m20261202_000022_announcements;
mod m20261202_000023_network_service_groups;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_departments::Migration),
            Box::new(m20261129_000002_create_auth::Migration),
            Box::new(m20261129_000003_create_invitations::Migration),
            Box::new(m20261129_000004_create_password_resets::Migration),
            Box::new(m20261129_000005_create_audit_events::Migration),
            Box::new(m20261129_000006_create_two_factor::Migration),
            Box::new(m20261129_000007_index_lists::Migration),
            Box::new(m20261201_000008_session_cutoff::Migration),
            Box::new(m20261201_000009_one_open_invitation::Migration),
            Box::new(m20261201_000010_row_versions::Migration),
            Box::new(m20261201_000011_principals::Migration),
            Box::new(m20261201_000012_tickets::Migration),
            Box::new(m20261201_000013_desk_tools::Migration),
            Box::new(m20261201_000014_auth_changes::Migration),
            Box::new(m20261201_000015_clients::Migration),
            Box::new(m20261201_000016_client_users::Migration),
            Box::new(m20261202_000017_reports::Migration),
            Box::new(m20261202_000018_ticket_times::Migration),
            Box::new(m20261202_000019_network_issues::Migration),
            Box::new(m20261202_000020_report_totals::Migration),
            Box::new(m20261202_000021_knowledgebase::Migration),
            Box::new(m20261202_000022_announcements::Migration),
            Box::new(m20261202_000023_network_service_groups::Migration),
        ]
    }
}
