//! Roles, administrators, sessions, and what the login ban rule needs.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The built-in roles and their starting permissions (stable keys from `app::kernel::Permission`).
/// Full Administrator has every permission in code, so it needs no rows.
const BUILT_IN_ROLES: &[(&str, &str, &[&str])] = &[
    ("full_administrator", "Full Administrator", &[]),
    (
        "sales_operator",
        "Sales Operator",
        &[
            "departments.view",
            "clients.view",
            "clients.manage",
            "reports.view",
        ],
    ),
    (
        "support_operator",
        "Support Operator",
        &[
            "departments.view",
            "tickets.view",
            "tickets.reply",
            "clients.view",
        ],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("roles")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("name", 100))
                    .col(string_len_null("key", 50).unique_key())
                    .col(boolean("built_in").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("role_permissions")
                    .col(integer("role_id"))
                    .col(string_len("permission", 50))
                    .primary_key(Index::create().col("role_id").col("permission"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("role_permissions", "role_id")
                            .to("roles", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("admins")
                    .col(pk_auto("id"))
                    .col(string_len("username", 64))
                    .col(string_len("first_name", 100))
                    .col(string_len("last_name", 100))
                    .col(string_len("email", 254))
                    .col(text("password_hash"))
                    .col(integer("role_id"))
                    .col(string_len("language", 10).default("en"))
                    .col(text("signature").default(""))
                    .col(text("notes").default(""))
                    .col(timestamp_with_time_zone_null("disabled_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("admins", "role_id")
                            .to("roles", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // Usernames and emails are unique regardless of case.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX admins_username_lower_key ON admins (LOWER(username))",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX admins_email_lower_key ON admins (LOWER(email))",
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(string_len("id_hash", 64).primary_key())
                    .col(integer_null("admin_id"))
                    .col(text("data"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(string_len("ip", 64).default(""))
                    .col(string_len("user_agent", 512).default(""))
                    .foreign_key(
                        ForeignKey::create()
                            .from("sessions", "admin_id")
                            .to("admins", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sessions_admin_idx")
                    .table("sessions")
                    .col("admin_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sessions_expires_idx")
                    .table("sessions")
                    .col("expires_at")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("login_failures")
                    .col(big_pk_auto("id"))
                    .col(string_len("ip", 64))
                    .col(string_len("username", 255))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("login_failures_ip_idx")
                    .table("login_failures")
                    .col("ip")
                    .col("at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("login_failures_username_idx")
                    .table("login_failures")
                    .col("username")
                    .col("at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("ip_bans")
                    .col(big_pk_auto("id"))
                    .col(string_len("ip", 64))
                    .col(string_len("reason", 255))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("banned_until"))
                    .col(timestamp_with_time_zone_null("lifted_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ip_bans_ip_idx")
                    .table("ip_bans")
                    .col("ip")
                    .col("banned_until")
                    .to_owned(),
            )
            .await?;

        for (key, name, permissions) in BUILT_IN_ROLES {
            let insert = Query::insert()
                .into_table("roles")
                .columns(["name", "key", "built_in", "created_at"])
                .values_panic([
                    (*name).into(),
                    (*key).into(),
                    true.into(),
                    Expr::current_timestamp(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
            for permission in *permissions {
                let role_id = Query::select()
                    .column("id")
                    .from("roles")
                    .and_where(Expr::col("key").eq(*key))
                    .to_owned();
                let insert = Query::insert()
                    .into_table("role_permissions")
                    .columns(["role_id", "permission"])
                    .select_from(role_id.clone().expr(Expr::val(*permission)).to_owned())
                    .map_err(|e| DbErr::Custom(e.to_string()))?
                    .to_owned();
                manager.exec_stmt(insert).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "ip_bans",
            "login_failures",
            "sessions",
            "admins",
            "role_permissions",
            "roles",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
