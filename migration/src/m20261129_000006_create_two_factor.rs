//! Two-factor authentication: each admin's TOTP secret (encrypted), their recovery codes (hashed),
//! the half-finished logins waiting for a second factor, and the role setting that requires it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("two_factor")
                    .col(integer("admin_id").primary_key())
                    // Nonce and ciphertext (XChaCha20-Poly1305), base64; the key is in the settings.
                    .col(text("secret_ciphertext"))
                    .col(timestamp_with_time_zone("created_at"))
                    // Null while the admin has not yet confirmed a first code.
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    // The last 30-second step whose code was accepted: no code is accepted twice.
                    .col(big_integer_null("last_used_step"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("two_factor", "admin_id")
                            .to("admins", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("recovery_codes")
                    .col(pk_auto("id"))
                    .col(integer("admin_id"))
                    .col(string_len("code_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("recovery_codes", "admin_id")
                            .to("admins", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("recovery_codes_admin_idx")
                    .table("recovery_codes")
                    .col("admin_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("login_challenges")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(integer("admin_id"))
                    .col(string_len("ip", 45).default(""))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(integer("failures").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from("login_challenges", "admin_id")
                            .to("admins", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("roles")
                    .add_column(boolean("requires_two_factor").default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("roles")
                    .drop_column("requires_two_factor")
                    .to_owned(),
            )
            .await?;
        for table in ["login_challenges", "recovery_codes", "two_factor"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
