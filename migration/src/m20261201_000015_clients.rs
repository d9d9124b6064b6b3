//! Clients: their profiles, contacts, services, invoices with line items and payments, and staff
//! notes; full-text search over clients and contacts (FTS5 on SQLite, `tsvector` with a GIN index
//! on PostgreSQL); the permissions of the clients area and the Sales Operator's share of them.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// New permissions granted to the built-in Sales Operator where it still holds "Manage clients":
/// a copy of the role kept read-only stays read-only.
const SALES_OPERATOR_GRANTS: &[&str] = &["clients.services", "clients.invoices", "clients.notes"];

/// What a client's search text is made of on PostgreSQL: names, company, the email address split
/// into words, and the phone number as written and as bare digits.
const PG_CLIENT_SEARCH: &str = "to_tsvector('simple', first_name || ' ' || last_name || ' ' || \
     company || ' ' || translate(email, '@._-+', '     ') || ' ' || phone || ' ' || \
     regexp_replace(phone, '[^0-9]', '', 'g'))";
const PG_CONTACT_SEARCH: &str = "to_tsvector('simple', first_name || ' ' || last_name || ' ' || \
     translate(email, '@._-+', '     ') || ' ' || phone || ' ' || \
     regexp_replace(phone, '[^0-9]', '', 'g'))";

/// The same text on SQLite, for a row `r` (`new` or `old` in a trigger).
fn sqlite_search_text(r: &str, with_company: bool) -> String {
    let digits = format!(
        "replace(replace(replace(replace(replace(replace({r}.phone, ' ', ''), '-', ''), '(', ''), \
         ')', ''), '+', ''), '.', '')"
    );
    let company = if with_company {
        format!(" || ' ' || {r}.company")
    } else {
        String::new()
    };
    format!(
        "{r}.first_name || ' ' || {r}.last_name{company} || ' ' || {r}.email || ' ' || \
         {r}.phone || ' ' || {digits}"
    )
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
                    .table("clients")
                    .col(pk_auto("id"))
                    .col(string_len("first_name", 100))
                    .col(string_len("last_name", 100))
                    .col(string_len("company", 200).default(""))
                    // Lower-cased by `Email::parse`, so a plain unique index is case-insensitive.
                    .col(string_len_uniq("email", 254))
                    .col(string_len("phone", 40).default(""))
                    .col(string_len("street", 200).default(""))
                    .col(string_len("city", 100).default(""))
                    .col(string_len("state", 100).default(""))
                    .col(string_len("postcode", 20).default(""))
                    // ISO 3166-1 alpha-2.
                    .col(string_len("country", 2))
                    // `active`, `inactive` or `closed`.
                    .col(string_len("status", 16))
                    .col(string_len("language", 8))
                    // ISO 4217: what the client is invoiced in unless an invoice says otherwise.
                    .col(string_len("currency", 3))
                    .col(boolean("tax_exempt").default(false))
                    .col(boolean("no_late_fees").default(false))
                    .col(boolean("no_overdue_notices").default(false))
                    .col(boolean("marketing_opt_in").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("client_contacts")
                    .col(pk_auto("id"))
                    .col(integer("client_id"))
                    .col(string_len("first_name", 100))
                    .col(string_len("last_name", 100))
                    .col(string_len("email", 254))
                    .col(string_len("phone", 40).default(""))
                    // Which emails the contact gets.
                    .col(boolean("email_general").default(false))
                    .col(boolean("email_invoice").default(false))
                    .col(boolean("email_support").default(false))
                    .col(boolean("email_product").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("version").default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from("client_contacts", "client_id")
                            .to("clients", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("client_services")
                    .col(pk_auto("id"))
                    .col(integer("client_id"))
                    .col(string_len("product", 200))
                    .col(string_len("domain", 253).default(""))
                    .col(string_len("billing_cycle", 16))
                    // Minor units of `currency`.
                    .col(big_integer("amount"))
                    .col(string_len("currency", 3))
                    .col(date_null("next_due"))
                    // `pending`, `active`, `suspended`, `terminated` or `cancelled`.
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("version").default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from("client_services", "client_id")
                            .to("clients", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invoices")
                    // The invoice number is the id: sequential, never reused.
                    .col(pk_auto("id"))
                    .col(integer("client_id"))
                    .col(date("issued_on"))
                    .col(date("due_on"))
                    .col(string_len("currency", 3))
                    // Tax in basis points (20% = 2000) on the taxed lines.
                    .col(integer("tax_rate").default(0))
                    // Computed by `invoice_totals` whenever lines, tax or payments change.
                    .col(big_integer("subtotal").default(0))
                    .col(big_integer("tax").default(0))
                    .col(big_integer("total").default(0))
                    .col(big_integer("paid").default(0))
                    // `draft`, `unpaid`, `paid`, `overdue`, `cancelled` or `refunded`.
                    .col(string_len("status", 16))
                    .col(text("notes").default(""))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("version").default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from("invoices", "client_id")
                            .to("clients", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invoice_items")
                    .col(big_pk_auto("id"))
                    .col(integer("invoice_id"))
                    .col(integer("position"))
                    .col(string_len("description", 500))
                    .col(big_integer("amount"))
                    .col(boolean("taxed").default(true))
                    .foreign_key(
                        ForeignKey::create()
                            .from("invoice_items", "invoice_id")
                            .to("invoices", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invoice_payments")
                    .col(big_pk_auto("id"))
                    .col(integer("invoice_id"))
                    // `payment` or `refund`; the amount is positive either way.
                    .col(string_len("kind", 8))
                    .col(date("paid_on"))
                    .col(big_integer("amount"))
                    .col(string_len("method", 50))
                    .col(string_len("reference", 100).default(""))
                    .col(integer_null("admin_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("invoice_payments", "invoice_id")
                            .to("invoices", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("client_notes")
                    .col(pk_auto("id"))
                    .col(integer("client_id"))
                    .col(integer("admin_id"))
                    .col(text("body"))
                    .col(boolean("sticky").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version").default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from("client_notes", "client_id")
                            .to("clients", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("client_notes", "admin_id")
                            .to("admins", "id"),
                    )
                    .to_owned(),
            )
            .await?;

        for (name, table, cols) in [
            // The list: newest first, alone or within a status or a country.
            ("clients_status_idx", "clients", &["status", "id"][..]),
            ("clients_country_idx", "clients", &["country", "id"][..]),
            ("clients_created_idx", "clients", &["created_at"][..]),
            (
                "client_contacts_client_idx",
                "client_contacts",
                &["client_id", "id"][..],
            ),
            (
                "client_services_client_idx",
                "client_services",
                &["client_id", "id"][..],
            ),
            // Services due soon, for the Dashboard.
            (
                "client_services_due_idx",
                "client_services",
                &["status", "next_due"][..],
            ),
            ("invoices_client_idx", "invoices", &["client_id", "id"][..]),
            // Overdue invoices, and unpaid ones whose due date passed.
            (
                "invoices_status_due_idx",
                "invoices",
                &["status", "due_on"][..],
            ),
            (
                "invoice_items_invoice_idx",
                "invoice_items",
                &["invoice_id", "position"][..],
            ),
            (
                "invoice_payments_invoice_idx",
                "invoice_payments",
                &["invoice_id", "id"][..],
            ),
            (
                "client_notes_client_idx",
                "client_notes",
                &["client_id", "sticky", "id"][..],
            ),
            // A client's tickets on its Summary, newest reply first.
            (
                "tickets_client_idx",
                "tickets",
                &["client_id", "last_reply_at", "id"][..],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(table);
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                // Rows keyed so that a client and a contact never share one: client 7 is row 14,
                // contact 7 is row 15. Kept by triggers, so imports and seeds cannot forget it.
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE client_search USING fts5(\
                     client_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')",
                )
                .await?;
                for (table, offset, with_company) in
                    [("clients", 0, true), ("client_contacts", 1, false)]
                {
                    let owner = if with_company { "id" } else { "client_id" };
                    let insert = |r: &str| {
                        format!(
                            "INSERT INTO client_search (rowid, client_id, body) VALUES \
                             ({r}.id * 2 + {offset}, {r}.{owner}, {});",
                            sqlite_search_text(r, with_company)
                        )
                    };
                    let delete =
                        format!("DELETE FROM client_search WHERE rowid = old.id * 2 + {offset};");
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {} END",
                        insert("new")
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {delete} {} END",
                        insert("new")
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete} END"
                    ))
                    .await?;
                }
            }
            DatabaseBackend::Postgres => {
                for (table, expr) in [
                    ("clients", PG_CLIENT_SEARCH),
                    ("client_contacts", PG_CONTACT_SEARCH),
                ] {
                    db.execute_unprepared(&format!(
                        "ALTER TABLE {table} ADD COLUMN search tsvector \
                         GENERATED ALWAYS AS ({expr}) STORED"
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE INDEX {table}_search_idx ON {table} USING GIN (search)"
                    ))
                    .await?;
                }
            }
            _ => {}
        }

        for permission in SALES_OPERATOR_GRANTS {
            db.execute_unprepared(&format!(
                "INSERT INTO role_permissions (role_id, permission) \
                 SELECT id, '{permission}' FROM roles WHERE key = 'sales_operator' \
                 AND EXISTS (SELECT 1 FROM role_permissions held \
                 WHERE held.role_id = roles.id AND held.permission = 'clients.manage')"
            ))
            .await?;
        }
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        let db = manager.get_connection();
        for permission in SALES_OPERATOR_GRANTS {
            db.execute_unprepared(&format!(
                "DELETE FROM role_permissions WHERE permission = '{permission}'"
            ))
            .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("tickets_client_idx")
                    .table("tickets")
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            db.execute_unprepared("DROP TABLE client_search").await?;
        }
        for table in [
            "client_notes",
            "invoice_payments",
            "invoice_items",
            "invoices",
            "client_services",
            "client_contacts",
            "clients",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        txn.commit().await
    }
}
