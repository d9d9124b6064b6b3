//! Report totals the database keeps as rows change, so a report over a year reads a few hundred
//! rows instead of every ticket, message, payment or audit event in it.
//!
//! Each total table is kept by triggers on its source tables, inside the transaction of the write
//! that changes them, whichever code path writes: a row's effect is added when it is inserted,
//! taken away when it is deleted, and on an update that touches a counted column the old row's
//! effect is taken away and the new row's added. Existing rows are counted once, here.
//!
//! | total | per | source |
//! |---|---|---|
//! | `report_ticket_days` | UTC day opened or closed, department | `tickets` (merged ones left out) |
//! | `report_ticket_states` | department, status, priority | `tickets` (merged ones left out) |
//! | `report_ticket_times` | measure, UTC day, department, admin, hours to 0.01 | `tickets` (merged ones left out) |
//! | `report_reply_days` | UTC day, department, admin, author name | staff replies in `ticket_messages` |
//! | `report_payment_days` | day paid, currency | `invoice_payments`, the invoice's currency |
//! | `report_invoice_days` | day issued, status, currency | `invoices` |
//! | `report_staff_days` | UTC day, staff actor | `audit_events` (append-only) |
//! | `report_client_days` | UTC day created | `clients` |
//! | `report_service_totals` | status, billing cycle, currency | `client_services` |
//!
//! `report_ticket_times` counts tickets per time to first response (or to close), rounded to
//! hundredths of an hour (36 seconds), the precision the reports show: the median and 90th
//! percentile of the counted times are exact at that precision, as a nearest-rank percentile is
//! one of the times and rounding keeps their order.
//!
//! Reports that need every row of their range (top clients, aging, services due) get covering
//! indexes instead, partial where the report reads
//! only some rows, so they read the index and not the table.
//!
//! The effects are written once per total as `INSERT ... SELECT ... ON CONFLICT DO UPDATE`, which
//! both databases run; only the trigger around them and a timestamp's UTC day differ.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A total table: its key columns with their SQL types, and its summed columns.
struct Total {
    table: &'static str,
    key: &'static [(&'static str, &'static str)],
    sums: &'static [&'static str],
}

const TICKET_DAYS: Total = Total {
    table: "report_ticket_days",
    key: &[("day", "DATE"), ("department_id", "INTEGER")],
    sums: &["opened", "closed"],
};
const TICKET_STATES: Total = Total {
    table: "report_ticket_states",
    key: &[
        ("department_id", "INTEGER"),
        ("status", "VARCHAR(16)"),
        ("priority", "VARCHAR(16)"),
    ],
    sums: &["tickets"],
};
const TICKET_TIMES: Total = Total {
    table: "report_ticket_times",
    key: &[
        // `first_response` (by the admin who wrote it) or `resolution` (by the assignee).
        ("measure", "VARCHAR(16)"),
        ("day", "DATE"),
        ("department_id", "INTEGER"),
        // 0 for none.
        ("admin_id", "INTEGER"),
        ("centihours", "BIGINT"),
    ],
    sums: &["tickets"],
};
const REPLY_DAYS: Total = Total {
    table: "report_reply_days",
    key: &[
        ("day", "DATE"),
        ("department_id", "INTEGER"),
        // 0 for a reply whose admin is unknown (a seeded or imported thread).
        ("admin_id", "INTEGER"),
        ("author_name", "VARCHAR(201)"),
    ],
    sums: &["replies"],
};
const PAYMENT_DAYS: Total = Total {
    table: "report_payment_days",
    key: &[("day", "DATE"), ("currency", "VARCHAR(3)")],
    sums: &["paid", "refunded"],
};
const INVOICE_DAYS: Total = Total {
    table: "report_invoice_days",
    key: &[
        ("issued_on", "DATE"),
        ("status", "VARCHAR(16)"),
        ("currency", "VARCHAR(3)"),
    ],
    sums: &["invoices", "total", "paid"],
};
const STAFF_DAYS: Total = Total {
    table: "report_staff_days",
    key: &[
        ("day", "DATE"),
        ("actor_id", "INTEGER"),
        ("actor_name", "VARCHAR(201)"),
    ],
    sums: &["logins", "actions"],
};
const CLIENT_DAYS: Total = Total {
    table: "report_client_days",
    key: &[("day", "DATE")],
    sums: &["clients"],
};
const SERVICE_TOTALS: Total = Total {
    table: "report_service_totals",
    key: &[
        ("status", "VARCHAR(16)"),
        ("billing_cycle", "VARCHAR(16)"),
        ("currency", "VARCHAR(3)"),
    ],
    sums: &["services", "amount"],
};

const TOTALS: [&Total; 9] = [
    &TICKET_DAYS,
    &TICKET_STATES,
    &TICKET_TIMES,
    &REPLY_DAYS,
    &PAYMENT_DAYS,
    &INVOICE_DAYS,
    &STAFF_DAYS,
    &CLIENT_DAYS,
    &SERVICE_TOTALS,
];

impl Total {
    fn key_columns(&self) -> Vec<&'static str> {
        self.key.iter().map(|(name, _)| *name).collect()
    }

    fn columns(&self) -> Vec<&'static str> {
        [self.key_columns(), self.sums.to_vec()].concat()
    }

    fn create(&self) -> String {
        let mut columns: Vec<String> = self
            .key
            .iter()
            .map(|(name, ty)| format!("{name} {ty} NOT NULL"))
            .collect();
        columns.extend(
            self.sums
                .iter()
                .map(|name| format!("{name} BIGINT NOT NULL DEFAULT 0")),
        );
        format!(
            "CREATE TABLE {} ({}, PRIMARY KEY ({}))",
            self.table,
            columns.join(", "),
            self.key_columns().join(", ")
        )
    }

    /// Adds the rows `select` yields (the key columns, then the sums, in order) to the totals.
    fn add(&self, select: &str) -> String {
        let sets: Vec<String> = self
            .sums
            .iter()
            .map(|s| format!("{s} = {}.{s} + excluded.{s}", self.table))
            .collect();
        format!(
            "INSERT INTO {} ({}) {select} ON CONFLICT ({}) DO UPDATE SET {}",
            self.table,
            self.columns().join(", "),
            self.key_columns().join(", "),
            sets.join(", ")
        )
    }
}

/// One effect of a source row on a total: the values of the total's columns (key, then sums),
/// written over the row `r`, and the condition for the row to count at all. `with` joins one more
/// table, for a value the row only refers to.
struct Effect {
    total: &'static Total,
    values: Vec<String>,
    with: Option<&'static str>,
    condition: String,
}

impl Effect {
    /// The statement a trigger runs for its row (`NEW` or `OLD`).
    fn for_row(&self) -> String {
        let from = self.with.map(|w| format!(" FROM {w}")).unwrap_or_default();
        self.total.add(&format!(
            "SELECT {}{from} WHERE {}",
            self.values.join(", "),
            self.condition
        ))
    }

    /// The statement that counts every existing row of `source` (as `x`) at once.
    fn for_table(&self, source: &str) -> String {
        let from = match self.with {
            Some(w) => format!("{source} x, {w}"),
            None => format!("{source} x"),
        };
        let columns = self.total.columns();
        let inner: Vec<String> = self
            .values
            .iter()
            .zip(&columns)
            .map(|(v, c)| format!("{v} AS {c}"))
            .collect();
        let outer: Vec<String> = self
            .total
            .key_columns()
            .into_iter()
            .map(str::to_owned)
            .chain(self.total.sums.iter().map(|s| format!("SUM({s})")))
            .collect();
        self.total.add(&format!(
            "SELECT {} FROM (SELECT {} FROM {from} WHERE {}) e WHERE 1 = 1 GROUP BY {}",
            outer.join(", "),
            inner.join(", "),
            self.condition,
            self.total.key_columns().join(", ")
        ))
    }
}

/// The UTC day of a timestamp column, as a `DATE`. SQLite keeps UTC times as RFC 3339 text.
fn day(backend: DatabaseBackend, column: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("CAST(({column} AT TIME ZONE 'UTC') AS DATE)"),
        _ => format!("substr({column}, 1, 10)"),
    }
}

fn effect(
    total: &'static Total,
    values: &[String],
    with: Option<&'static str>,
    condition: String,
) -> Effect {
    Effect {
        total,
        values: values.to_vec(),
        with,
        condition,
    }
}

/// Hundredths of an hour from `r.created_at` to `r.end`, rounded half away from zero.
fn centihours(backend: DatabaseBackend, r: &str, end: &str) -> String {
    let secs = match backend {
        DatabaseBackend::Postgres => {
            format!("CAST(EXTRACT(EPOCH FROM ({r}.{end} - {r}.created_at)) AS BIGINT)")
        }
        _ => format!(
            "(CAST(strftime('%s', {r}.{end}) AS INTEGER) - \
             CAST(strftime('%s', {r}.created_at) AS INTEGER))"
        ),
    };
    format!("(CASE WHEN {secs} >= 0 THEN ({secs} + 18) / 36 ELSE -((18 - {secs}) / 36) END)")
}

/// The effects of the row `r` of `source` on the totals, counted `sign` times (1 or -1).
fn effects(backend: DatabaseBackend, source: &str, r: &str, sign: &str) -> Vec<Effect> {
    let d = |column: &str| day(backend, &format!("{r}.{column}"));
    let col = |column: &str| format!("{r}.{column}");
    let times = |column: &str| format!("{sign} * {r}.{column}");
    let unless_merged = format!("{r}.merged_into_id IS NULL");
    let if_kind = |column: &str, kind: &str, then: &str| {
        format!("CASE WHEN {r}.{column} = '{kind}' THEN {then} ELSE 0 END")
    };
    match source {
        "tickets" => vec![
            effect(
                &TICKET_DAYS,
                &[
                    d("created_at"),
                    col("department_id"),
                    sign.into(),
                    "0".into(),
                ],
                None,
                unless_merged.clone(),
            ),
            effect(
                &TICKET_DAYS,
                &[
                    d("closed_at"),
                    col("department_id"),
                    "0".into(),
                    sign.into(),
                ],
                None,
                format!("{unless_merged} AND {r}.closed_at IS NOT NULL"),
            ),
            effect(
                &TICKET_TIMES,
                &[
                    "'first_response'".into(),
                    d("first_response_at"),
                    col("department_id"),
                    format!("COALESCE({r}.first_response_admin_id, 0)"),
                    centihours(backend, r, "first_response_at"),
                    sign.into(),
                ],
                None,
                format!("{unless_merged} AND {r}.first_response_at IS NOT NULL"),
            ),
            effect(
                &TICKET_TIMES,
                &[
                    "'resolution'".into(),
                    d("closed_at"),
                    col("department_id"),
                    format!("COALESCE({r}.assigned_admin_id, 0)"),
                    centihours(backend, r, "closed_at"),
                    sign.into(),
                ],
                None,
                format!("{unless_merged} AND {r}.closed_at IS NOT NULL"),
            ),
            effect(
                &TICKET_STATES,
                &[
                    col("department_id"),
                    col("status"),
                    col("priority"),
                    sign.into(),
                ],
                None,
                unless_merged,
            ),
        ],
        "ticket_messages" => vec![effect(
            &REPLY_DAYS,
            &[
                d("created_at"),
                "t.department_id".into(),
                format!("COALESCE({r}.author_admin_id, 0)"),
                col("author_name"),
                sign.into(),
            ],
            Some("tickets t"),
            format!("t.id = {r}.ticket_id AND {r}.kind = 'reply' AND {r}.author_kind = 'staff'"),
        )],
        "invoice_payments" => vec![effect(
            &PAYMENT_DAYS,
            &[
                col("paid_on"),
                "i.currency".into(),
                if_kind("kind", "payment", &times("amount")),
                if_kind("kind", "refund", &times("amount")),
            ],
            Some("invoices i"),
            format!("i.id = {r}.invoice_id"),
        )],
        "invoices" => vec![effect(
            &INVOICE_DAYS,
            &[
                col("issued_on"),
                col("status"),
                col("currency"),
                sign.into(),
                times("total"),
                times("paid"),
            ],
            None,
            "1 = 1".into(),
        )],
        "audit_events" => vec![effect(
            &STAFF_DAYS,
            &[
                d("at"),
                format!("COALESCE({r}.actor_id, 0)"),
                col("actor_name"),
                if_kind("action", "auth.login", sign),
                format!("CASE WHEN {r}.action = 'auth.login' THEN 0 ELSE {sign} END"),
            ],
            None,
            format!("{r}.actor_kind = 'staff'"),
        )],
        "clients" => vec![effect(
            &CLIENT_DAYS,
            &[d("created_at"), sign.into()],
            None,
            "1 = 1".into(),
        )],
        "client_services" => vec![effect(
            &SERVICE_TOTALS,
            &[
                col("status"),
                col("billing_cycle"),
                col("currency"),
                sign.into(),
                times("amount"),
            ],
            None,
            "1 = 1".into(),
        )],
        _ => Vec::new(),
    }
}

/// What moves with a row when other totals hang on it (`r`): a ticket's staff replies count in
/// its department, an invoice's payments in its currency.
fn dependents(backend: DatabaseBackend, source: &str, r: &str, sign: &str) -> Vec<String> {
    let day = day(backend, "m.created_at");
    match source {
        "tickets" => vec![REPLY_DAYS.add(&format!(
            "SELECT {day}, {r}.department_id, COALESCE(m.author_admin_id, 0), m.author_name, \
             {sign} * COUNT(*) FROM ticket_messages m WHERE m.ticket_id = {r}.id \
             AND m.kind = 'reply' AND m.author_kind = 'staff' \
             GROUP BY {day}, COALESCE(m.author_admin_id, 0), m.author_name"
        ))],
        "invoices" => vec![PAYMENT_DAYS.add(&format!(
            "SELECT p.paid_on, {r}.currency, \
             {sign} * SUM(CASE WHEN p.kind = 'payment' THEN p.amount ELSE 0 END), \
             {sign} * SUM(CASE WHEN p.kind = 'refund' THEN p.amount ELSE 0 END) \
             FROM invoice_payments p WHERE p.invoice_id = {r}.id GROUP BY p.paid_on"
        ))],
        _ => Vec::new(),
    }
}

/// Each source table, the columns whose change moves its row's effect, and the columns whose
/// change moves its dependents. `audit_events` is append-only: it only ever inserts.
const SOURCES: [(&str, &[&str], &[&str]); 7] = [
    (
        "tickets",
        &[
            "created_at",
            "closed_at",
            "department_id",
            "merged_into_id",
            "status",
            "priority",
            "first_response_at",
            "first_response_admin_id",
            "assigned_admin_id",
        ],
        &["department_id"],
    ),
    (
        "ticket_messages",
        &[
            "ticket_id",
            "kind",
            "author_kind",
            "author_admin_id",
            "author_name",
            "created_at",
        ],
        &[],
    ),
    (
        "invoice_payments",
        &["invoice_id", "kind", "paid_on", "amount"],
        &[],
    ),
    (
        "invoices",
        &["issued_on", "status", "currency", "total", "paid"],
        &["currency"],
    ),
    ("audit_events", &[], &[]),
    ("clients", &["created_at"], &[]),
    (
        "client_services",
        &["status", "billing_cycle", "currency", "amount"],
        &[],
    ),
];

/// A trigger: its name, its source table, its event, the columns an update must change for it to
/// run, and its statements.
struct Trigger {
    name: String,
    source: &'static str,
    /// `AFTER`, or `BEFORE` for a deletion whose dependents a cascade removes first.
    timing: &'static str,
    event: &'static str,
    changed: &'static [&'static str],
    body: Vec<String>,
}

fn triggers(backend: DatabaseBackend) -> Vec<Trigger> {
    let rows = |source: &str, r: &str, sign: &str| -> Vec<String> {
        effects(backend, source, r, sign)
            .iter()
            .map(Effect::for_row)
            .collect()
    };
    let mut out = Vec::new();
    for (source, watched, moving) in SOURCES {
        out.push(Trigger {
            name: format!("{source}_totals_insert"),
            source,
            timing: "AFTER",
            event: "INSERT",
            changed: &[],
            body: rows(source, "NEW", "1"),
        });
        if source == "audit_events" {
            continue;
        }
        out.push(Trigger {
            name: format!("{source}_totals_delete"),
            source,
            timing: "AFTER",
            event: "DELETE",
            changed: &[],
            body: rows(source, "OLD", "-1"),
        });
        // A deleted ticket's messages (an invoice's payments) may go by cascade before an AFTER
        // trigger runs, and their own triggers no longer find the ticket: take them away first.
        let before = dependents(backend, source, "OLD", "-1");
        if !before.is_empty() {
            out.push(Trigger {
                name: format!("{source}_totals_delete_dependents"),
                source,
                timing: "BEFORE",
                event: "DELETE",
                changed: &[],
                body: before,
            });
        }
        out.push(Trigger {
            name: format!("{source}_totals_update"),
            source,
            timing: "AFTER",
            event: "UPDATE",
            changed: watched,
            body: [rows(source, "OLD", "-1"), rows(source, "NEW", "1")].concat(),
        });
        if !moving.is_empty() {
            out.push(Trigger {
                name: format!("{source}_totals_move"),
                source,
                timing: "AFTER",
                event: "UPDATE",
                changed: moving,
                body: [
                    dependents(backend, source, "OLD", "-1"),
                    dependents(backend, source, "NEW", "1"),
                ]
                .concat(),
            });
        }
    }
    out
}

impl Trigger {
    fn create(&self, backend: DatabaseBackend) -> Vec<String> {
        let (source, name, timing) = (self.source, &self.name, self.timing);
        // A BEFORE trigger lets the deletion go on by returning the row.
        let result = if timing == "BEFORE" { "OLD" } else { "NULL" };
        let event = if self.changed.is_empty() {
            self.event.to_owned()
        } else {
            format!("{} OF {}", self.event, self.changed.join(", "))
        };
        let distinct = if backend == DatabaseBackend::Postgres {
            "IS DISTINCT FROM"
        } else {
            "IS NOT"
        };
        let when = if self.changed.is_empty() {
            String::new()
        } else {
            let changes: Vec<String> = self
                .changed
                .iter()
                .map(|c| format!("OLD.{c} {distinct} NEW.{c}"))
                .collect();
            format!(" WHEN ({})", changes.join(" OR "))
        };
        let body = self.body.join("; ");
        match backend {
            DatabaseBackend::Postgres => vec![
                format!(
                    "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS \
                     $$ BEGIN {body}; RETURN {result}; END $$"
                ),
                format!(
                    "CREATE TRIGGER {name} {timing} {event} ON {source} FOR EACH ROW{when} \
                     EXECUTE FUNCTION {name}()"
                ),
            ],
            _ => vec![format!(
                "CREATE TRIGGER {name} {timing} {event} ON {source} FOR EACH ROW{when} \
                 BEGIN {body}; END"
            )],
        }
    }

    fn drop(&self, backend: DatabaseBackend) -> Vec<String> {
        let (source, name) = (self.source, &self.name);
        match backend {
            DatabaseBackend::Postgres => vec![
                format!("DROP TRIGGER IF EXISTS {name} ON {source}"),
                format!("DROP FUNCTION IF EXISTS {name}()"),
            ],
            _ => vec![format!("DROP TRIGGER IF EXISTS {name}")],
        }
    }
}

/// Covering indexes: (name, table, columns, condition).
const INDEXES: [(&str, &str, &str, &str); 3] = [
    (
        "invoice_payments_report_idx",
        "invoice_payments",
        "paid_on, invoice_id, kind, amount",
        "",
    ),
    (
        "invoices_unpaid_report_idx",
        "invoices",
        "status, due_on, currency, total, paid",
        "status IN ('unpaid', 'overdue')",
    ),
    (
        "client_services_due_report_idx",
        "client_services",
        "status, next_due, currency, amount",
        "status = 'active'",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let backend = txn.get_database_backend();
        let db = txn.get_connection();
        for total in TOTALS {
            db.execute_unprepared(&total.create()).await?;
        }
        for (source, _, _) in SOURCES {
            for e in effects(backend, source, "x", "1") {
                db.execute_unprepared(&e.for_table(source)).await?;
            }
        }
        for trigger in triggers(backend) {
            for sql in trigger.create(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        for (name, table, columns, condition) in INDEXES {
            let condition = if condition.is_empty() {
                String::new()
            } else {
                format!(" WHERE {condition}")
            };
            db.execute_unprepared(&format!(
                "CREATE INDEX {name} ON {table} ({columns}){condition}"
            ))
            .await?;
        }
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let backend = txn.get_database_backend();
        let db = txn.get_connection();
        for (name, _, _, _) in INDEXES {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS {name}"))
                .await?;
        }
        for trigger in triggers(backend) {
            for sql in trigger.drop(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        for total in TOTALS {
            db.execute_unprepared(&format!("DROP TABLE {}", total.table))
                .await?;
        }
        txn.commit().await
    }
}
