//! Users and the Client Area: login identities of clients (`users`), which clients each belongs
//! to and with what permissions (`client_users`, one owner per client), invitations of users by
//! email, password resets, the one-time links staff use to open the Client Area as a client
//! ("log in as client"), users' two-factor authentication, and the user who opened a ticket in the
//! Client Area.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An invitation still waiting for its answer.
const OPEN: &str = "accepted_at IS NULL AND cancelled_at IS NULL";

fn fk(table: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        let db = manager.get_connection();
        manager
            .create_table(
                Table::create()
                    .table("users")
                    .col(pk_auto("id"))
                    // Lower-cased by `Email::parse`, so a plain unique index is case-insensitive.
                    .col(string_len_uniq("email", 254))
                    .col(string_len("first_name", 100))
                    .col(string_len("last_name", 100))
                    .col(string_len("password_hash", 255))
                    .col(string_len("language", 8))
                    // Moves on when the user's sessions must end (password reset or change).
                    .col(big_integer("session_epoch").default(0))
                    .col(timestamp_with_time_zone_null("disabled_at"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("client_users")
                    .col(pk_auto("id"))
                    .col(integer("client_id"))
                    .col(integer("user_id"))
                    .col(boolean("owner").default(false))
                    // Comma-separated `ClientPermission` keys; the owner holds all of them.
                    .col(string_len("permissions", 200).default(""))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("version").default(1))
                    .foreign_key(&mut fk("client_users", "client_id", "clients"))
                    .foreign_key(&mut fk("client_users", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("user_invitations")
                    .col(pk_auto("id"))
                    .col(integer("client_id"))
                    .col(string_len("email", 254))
                    .col(string_len("permissions", 200).default(""))
                    // SHA-256 of the token in the link; a resend replaces it.
                    .col(string_len_uniq("token_hash", 64))
                    // `staff` or `client_user`, and who: named in the email.
                    .col(string_len("invited_by_kind", 16))
                    .col(integer("invited_by_id"))
                    .col(string_len("invited_by_name", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("accepted_at"))
                    .col(integer_null("accepted_user_id"))
                    .col(timestamp_with_time_zone_null("cancelled_at"))
                    .foreign_key(&mut fk("user_invitations", "client_id", "clients"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("user_password_resets")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("user_password_resets", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("client_login_tokens")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(integer("admin_id"))
                    .col(integer("client_id"))
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("client_login_tokens", "client_id", "clients"))
                    .foreign_key(&mut fk("client_login_tokens", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        // Users' two-factor authentication: the secret (encrypted), single-use recovery codes
        // (hashed), and logins waiting for their second factor.
        manager
            .create_table(
                Table::create()
                    .table("user_two_factor")
                    .col(integer("user_id").primary_key())
                    .col(text("secret_ciphertext"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .col(big_integer_null("last_used_step"))
                    .foreign_key(&mut fk("user_two_factor", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("user_recovery_codes")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len("code_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("user_recovery_codes", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("user_login_challenges")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(big_integer("session_epoch"))
                    .col(integer("tries").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .foreign_key(&mut fk("user_login_challenges", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("tickets")
                    .add_column(integer_null("user_id"))
                    .to_owned(),
            )
            .await?;
        // Whether the client's users see the ticket in the Client Area: set when one of them
        // opened it there, or when staff linked it to the client. A ticket linked only because
        // its sender's address matches one the client entered stays with staff.
        manager
            .alter_table(
                Table::alter()
                    .table("tickets")
                    .add_column(boolean("client_visible").default(false))
                    .to_owned(),
            )
            .await?;
        for sql in [
            "CREATE UNIQUE INDEX client_users_member ON client_users (client_id, user_id)"
                .to_owned(),
            "CREATE INDEX client_users_of_user ON client_users (user_id)".to_owned(),
            // One owner per client.
            "CREATE UNIQUE INDEX client_users_one_owner ON client_users (client_id) WHERE owner"
                .to_owned(),
            // One open invitation per client and address: a second invite resends the first.
            format!(
                "CREATE UNIQUE INDEX user_invitations_one_open ON user_invitations \
                 (client_id, email) WHERE {OPEN}"
            ),
            "CREATE INDEX user_password_resets_user ON user_password_resets (user_id)".to_owned(),
            "CREATE INDEX tickets_user_idx ON tickets (user_id)".to_owned(),
            "CREATE INDEX user_recovery_codes_user ON user_recovery_codes (user_id)".to_owned(),
        ] {
            let sql = if manager.get_database_backend() == DatabaseBackend::Sqlite {
                sql.replace("WHERE owner", "WHERE owner = 1")
            } else {
                sql
            };
            db.execute_unprepared(&sql).await?;
        }
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX tickets_user_idx").await?;
        for column in ["client_visible", "user_id"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("tickets")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            "user_login_challenges",
            "user_recovery_codes",
            "user_two_factor",
            "client_login_tokens",
            "user_password_resets",
            "user_invitations",
            "client_users",
            "users",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        txn.commit().await
    }
}
