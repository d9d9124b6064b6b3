//! One query per report, each figure computed by the database (`GROUP BY`, `SUM`, `COUNT`): no
//! report loads the rows it counts. The same SQL runs on SQLite and PostgreSQL, except for the
//! expressions that cut a time into periods (`period_of`). Every time is passed in.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};

use super::chart::{Chart, ChartKind, Series};
use super::model::{DateRange, Period, ReportKind};
use crate::kernel::i18n::t;
use crate::kernel::money::{Currency, display};

/// What a report computes: a table, and the chart of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub chart: Chart,
}

/// What a report is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub range: DateRange,
    /// "Now", for the reports that describe the present (aging, services due).
    pub today: NaiveDate,
    pub department: Option<i32>,
    pub admin: Option<i32>,
    /// The departments whose tickets the viewer sees; None for all.
    pub departments_seen: Option<Vec<i32>>,
}

impl Params {
    fn start(&self) -> DateTime<Utc> {
        self.range
            .from
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
    }

    /// The first instant after the range.
    fn end(&self) -> DateTime<Utc> {
        self.range
            .to
            .checked_add_days(chrono::Days::new(1))
            .unwrap_or(self.range.to)
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
    }
}

/// A statement with `$n` placeholders, written for SQLite as `?` (each parameter is used once,
/// in order).
fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Postgres {
        sql.to_owned()
    } else {
        let mut out = String::with_capacity(sql.len());
        let mut chars = sql.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                out.push('?');
            } else {
                out.push(c);
            }
        }
        out
    };
    Statement::from_sql_and_values(backend, sql, values)
}

async fn rows(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<QueryResult>, DbErr> {
    let backend = db.get_database_backend();
    db.query_all_raw(statement(backend, sql, values)).await
}

/// The SQL for the start of the period (as `YYYY-MM-DD` text) a timestamp column falls in, in
/// UTC. SQLite keeps times as ISO text; PostgreSQL as `timestamptz`.
fn period_of(backend: DbBackend, period: Period, column: &str) -> String {
    match (backend, period) {
        (DbBackend::Postgres, Period::Day) => {
            format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
        }
        (DbBackend::Postgres, Period::Week) => {
            format!("to_char(date_trunc('week', {column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')")
        }
        (DbBackend::Postgres, Period::Month) => {
            format!("to_char(date_trunc('month', {column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')")
        }
        (_, Period::Day) => format!("substr({column}, 1, 10)"),
        // SQLite: weekday 0 is the next Sunday on or after the day; six days back is its Monday.
        (_, Period::Week) => format!("date(substr({column}, 1, 10), '-6 days', 'weekday 1')"),
        (_, Period::Month) => format!("substr({column}, 1, 7) || '-01'"),
    }
}

/// As `period_of`, for a `DATE` column (no time zone to convert from).
fn date_period_of(backend: DbBackend, period: Period, column: &str) -> String {
    match (backend, period) {
        (DbBackend::Postgres, Period::Day) => format!("to_char({column}, 'YYYY-MM-DD')"),
        (DbBackend::Postgres, Period::Week) => {
            format!("to_char(date_trunc('week', {column}::timestamp), 'YYYY-MM-DD')")
        }
        (DbBackend::Postgres, Period::Month) => {
            format!("to_char(date_trunc('month', {column}::timestamp), 'YYYY-MM-DD')")
        }
        _ => period_of(backend, period, column),
    }
}

fn text(row: &QueryResult, column: &str) -> String {
    row.try_get::<String>("", column).unwrap_or_default()
}

fn int(row: &QueryResult, column: &str) -> i64 {
    row.try_get::<i64>("", column)
        .or_else(|_| row.try_get::<i32>("", column).map(i64::from))
        .unwrap_or(0)
}

/// Minor units as a chart value in major units.
fn major(amount: i64, code: &str) -> f64 {
    let decimals = Currency::parse(code).unwrap_or_default().decimals();
    amount as f64 / 10f64.powi(i32::try_from(decimals).unwrap_or(2))
}

fn money(amount: i64, code: &str) -> String {
    display(amount, code)
}

/// The condition on `column` for the admin the form chose, if any, with its value pushed after
/// `values` (its placeholder is the next number).
fn admin_filter(p: &Params, column: &str, values: &mut Vec<Value>) -> String {
    match p.admin {
        Some(a) => {
            values.push(a.into());
            format!(" AND {column} = ${}", values.len())
        }
        None => String::new(),
    }
}

/// The departments condition on `tickets` (alias `t`), from the viewer's scope and the form.
fn department_filter(p: &Params, values: &mut Vec<Value>, first: usize) -> String {
    let mut sql = String::new();
    let mut n = first;
    if let Some(d) = p.department {
        sql.push_str(&format!(" AND t.department_id = ${n}"));
        values.push(d.into());
        n += 1;
    }
    if let Some(ids) = &p.departments_seen {
        if ids.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            let list: Vec<String> = ids
                .iter()
                .map(|id| {
                    values.push((*id).into());
                    n += 1;
                    format!("${}", n - 1)
                })
                .collect();
            sql.push_str(&format!(" AND t.department_id IN ({})", list.join(", ")));
        }
    }
    sql
}

/// Counts per period and series (`bucket`, `series`, `n`) as a chart over every period of the
/// range, the empty ones included, and the same as a table.
fn by_period(
    p: &Params,
    period: Period,
    found: &[QueryResult],
    title: String,
    y_label: String,
    series_names: &HashMap<String, String>,
) -> Output {
    let starts = period.starts(p.range);
    let labels: Vec<String> = starts.iter().map(|d| period.label(*d)).collect();
    let keys: Vec<String> = starts
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    let mut series_keys: Vec<String> = found.iter().map(|r| text(r, "series")).collect();
    series_keys.sort();
    series_keys.dedup();
    let mut series: Vec<Series> = series_keys
        .iter()
        .map(|k| Series {
            name: series_names.get(k).cloned().unwrap_or_else(|| k.clone()),
            values: vec![0.0; keys.len()],
        })
        .collect();
    for r in found {
        let (bucket, s) = (text(r, "bucket"), text(r, "series"));
        if let (Some(i), Some(si)) = (
            keys.iter().position(|k| *k == bucket),
            series_keys.iter().position(|k| *k == s),
        ) {
            series[si].values[i] += int(r, "n") as f64;
        }
    }
    let (columns, rows) = table_with_totals(period.name(), &labels, &series);
    Output {
        columns,
        rows,
        chart: Chart {
            kind: ChartKind::StackedBar,
            title,
            x_label: period.name(),
            y_label,
            labels,
            series,
        },
    }
}

/// A table of one row per label: the label, each series' value, and their total.
fn table_with_totals(
    first_column: String,
    labels: &[String],
    series: &[Series],
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut columns = vec![first_column];
    columns.extend(series.iter().map(|s| s.name.clone()));
    columns.push(t("reports-col-total"));
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut row = vec![label.clone()];
            let mut total = 0.0;
            for s in series {
                row.push(super::chart::number(s.values[i]));
                total += s.values[i];
            }
            row.push(super::chart::number(total));
            row
        })
        .collect();
    (columns, rows)
}

/// Counts per category (`label`, `n`) as a bar chart and a table.
fn by_category(found: &[QueryResult], title: String, x_label: String, y_label: String) -> Output {
    let labels: Vec<String> = found.iter().map(|r| text(r, "label")).collect();
    let values: Vec<f64> = found.iter().map(|r| int(r, "n") as f64).collect();
    Output {
        columns: vec![x_label.clone(), y_label.clone()],
        rows: labels
            .iter()
            .zip(&values)
            .map(|(l, v)| vec![l.clone(), super::chart::number(*v)])
            .collect(),
        chart: Chart {
            kind: ChartKind::Bar,
            title,
            x_label,
            y_label: y_label.clone(),
            labels,
            series: vec![Series {
                name: y_label,
                values,
            }],
        },
    }
}

/// Tickets per period and department, opened or closed (`column` of the daily totals) in the
/// range. Merged tickets are left out of the totals: they live on in the ticket they were merged
/// into.
async fn tickets_per_period(
    db: &impl ConnectionTrait,
    p: &Params,
    column: &str,
    title: String,
) -> Result<Output, DbErr> {
    let backend = db.get_database_backend();
    let period = Period::for_range(p.range);
    let mut values: Vec<Value> = vec![p.range.from.into(), p.range.to.into()];
    let filter = department_filter(p, &mut values, 3);
    let sql = format!(
        "SELECT {} AS bucket, CAST(t.department_id AS TEXT) AS series, \
         CAST(SUM(t.{column}) AS BIGINT) AS n FROM report_ticket_days t \
         WHERE t.day >= $1 AND t.day <= $2 AND t.{column} <> 0{filter} GROUP BY 1, 2",
        date_period_of(backend, period, "t.day")
    );
    let found = rows(db, &sql, values).await?;
    let names = department_names(db).await?;
    Ok(by_period(
        p,
        period,
        &found,
        title,
        t("reports-axis-tickets"),
        &names,
    ))
}

/// What a response-time report measures, from a ticket's opening.
#[derive(Debug, Clone, Copy)]
enum Measure {
    /// To staff's first reply (`first_response_at`), by who wrote it.
    FirstResponse,
    /// To its close (`closed_at`), by who the ticket is assigned to.
    Resolution,
}

#[derive(Debug, Clone, Copy)]
enum Grouping {
    Department,
    Admin,
}

/// The median and 90th percentile of the time to first response or to close, per department or
/// admin, for the tickets whose first response (or close) falls in the range. The database ranks
/// each group's times (a window function on both databases) and picks the nearest-rank
/// percentiles: the smallest time with at least half (or nine tenths) of the group at or below it.
async fn durations(
    db: &impl ConnectionTrait,
    p: &Params,
    measure: Measure,
    grouping: Grouping,
    title: String,
) -> Result<Output, DbErr> {
    let key = match measure {
        Measure::FirstResponse => "first_response",
        Measure::Resolution => "resolution",
    };
    let group = match grouping {
        Grouping::Department => "t.department_id",
        Grouping::Admin => "t.admin_id",
    };
    let mut values: Vec<Value> = vec![key.into(), p.range.from.into(), p.range.to.into()];
    let admin_filter = admin_filter(p, "t.admin_id", &mut values);
    let first = values.len() + 1;
    let filter = department_filter(p, &mut values, first);
    let sql = format!(
        "WITH r AS (SELECT {group} AS grp, t.centihours AS centihours, \
         SUM(t.tickets) OVER (PARTITION BY {group} ORDER BY t.centihours \
         ROWS UNBOUNDED PRECEDING) AS cum, SUM(t.tickets) OVER (PARTITION BY {group}) AS cnt \
         FROM report_ticket_times t WHERE t.measure = $1 AND t.day >= $2 AND t.day <= $3 \
         AND t.tickets <> 0{admin_filter}{filter}) \
         SELECT CAST(grp AS TEXT) AS series, CAST(MAX(cnt) AS BIGINT) AS n, \
         CAST(MIN(CASE WHEN cum * 2 >= cnt THEN centihours END) AS BIGINT) AS median, \
         CAST(MIN(CASE WHEN cum * 10 >= cnt * 9 THEN centihours END) AS BIGINT) AS p90 \
         FROM r GROUP BY grp"
    );
    let found = rows(db, &sql, values).await?;
    let names = match grouping {
        Grouping::Department => department_names(db).await?,
        Grouping::Admin => admin_names(db).await?,
    };
    let nobody = match measure {
        Measure::FirstResponse => t("reports-former-admin"),
        Measure::Resolution => t("reports-unassigned"),
    };
    let mut groups: Vec<(String, i64, f64, f64)> = found
        .iter()
        .map(|r| {
            let key = text(r, "series");
            let name = if key.is_empty() || key == "0" {
                nobody.clone()
            } else {
                names.get(&key).cloned().unwrap_or(key)
            };
            let hours = |column: &str| int(r, column) as f64 / 100.0;
            (name, int(r, "n"), hours("median"), hours("p90"))
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let label = match grouping {
        Grouping::Department => t("reports-department"),
        Grouping::Admin => t("reports-col-admin"),
    };
    let labels: Vec<String> = groups.iter().map(|g| g.0.clone()).collect();
    Ok(Output {
        columns: vec![
            label.clone(),
            t("reports-axis-tickets"),
            t("reports-col-median-hours"),
            t("reports-col-p90-hours"),
        ],
        rows: groups
            .iter()
            .map(|(name, n, median, p90)| {
                vec![
                    name.clone(),
                    n.to_string(),
                    super::chart::number(round_hours(*median)),
                    super::chart::number(round_hours(*p90)),
                ]
            })
            .collect(),
        chart: Chart {
            kind: ChartKind::Bar,
            title,
            x_label: label,
            y_label: t("reports-axis-hours"),
            labels,
            series: vec![
                Series {
                    name: t("reports-col-median-hours"),
                    values: groups.iter().map(|g| round_hours(g.2)).collect(),
                },
                Series {
                    name: t("reports-col-p90-hours"),
                    values: groups.iter().map(|g| round_hours(g.3)).collect(),
                },
            ],
        },
    })
}

/// Hours to two decimals (36 seconds), as the table and the CSV show them.
fn round_hours(hours: f64) -> f64 {
    (hours * 100.0).round() / 100.0
}

/// Runs one report.
pub async fn run(db: &impl ConnectionTrait, kind: ReportKind, p: &Params) -> Result<Output, DbErr> {
    let backend = db.get_database_backend();
    let period = Period::for_range(p.range);
    let title = kind.title();
    match kind {
        ReportKind::TicketsOpened => tickets_per_period(db, p, "opened", title).await,
        ReportKind::TicketsClosed => tickets_per_period(db, p, "closed", title).await,
        ReportKind::FirstResponseByDepartment => {
            durations(db, p, Measure::FirstResponse, Grouping::Department, title).await
        }
        ReportKind::FirstResponseByAdmin => {
            durations(db, p, Measure::FirstResponse, Grouping::Admin, title).await
        }
        ReportKind::ResolutionByDepartment => {
            durations(db, p, Measure::Resolution, Grouping::Department, title).await
        }
        ReportKind::ResolutionByAdmin => {
            durations(db, p, Measure::Resolution, Grouping::Admin, title).await
        }
        ReportKind::TicketsByStatus => {
            let mut values = Vec::new();
            let filter = department_filter(p, &mut values, 1);
            let sql = format!(
                "SELECT t.status AS status, t.priority AS priority, \
                 CAST(SUM(t.tickets) AS BIGINT) AS n FROM report_ticket_states t \
                 WHERE 1 = 1{filter} GROUP BY 1, 2"
            );
            let found = rows(db, &sql, values).await?;
            use crate::tickets::model::{Priority, Status};
            let statuses = [
                Status::Open,
                Status::Answered,
                Status::CustomerReply,
                Status::OnHold,
                Status::InProgress,
                Status::Closed,
            ];
            let priorities = [Priority::Low, Priority::Medium, Priority::High];
            let count = |s: Status, pr: Priority| {
                found
                    .iter()
                    .filter(|r| text(r, "status") == s.key() && text(r, "priority") == pr.key())
                    .map(|r| int(r, "n"))
                    .sum::<i64>() as f64
            };
            let series: Vec<Series> = priorities
                .iter()
                .map(|pr| Series {
                    name: pr.label(),
                    values: statuses.iter().map(|s| count(*s, *pr)).collect(),
                })
                .collect();
            let labels: Vec<String> = statuses.iter().map(|s| s.label()).collect();
            let (columns, rows) = table_with_totals(t("reports-col-status"), &labels, &series);
            Ok(Output {
                columns,
                rows,
                chart: Chart {
                    kind: ChartKind::StackedBar,
                    title,
                    x_label: t("reports-col-status"),
                    y_label: t("reports-axis-tickets"),
                    labels,
                    series,
                },
            })
        }
        ReportKind::RepliesPerAdmin => {
            let mut values: Vec<Value> = vec![p.range.from.into(), p.range.to.into()];
            let admin_filter = admin_filter(p, "t.admin_id", &mut values);
            let first = values.len() + 1;
            let filter = department_filter(p, &mut values, first);
            let sql = format!(
                "SELECT t.author_name AS label, CAST(SUM(t.replies) AS BIGINT) AS n \
                 FROM report_reply_days t \
                 WHERE t.day >= $1 AND t.day <= $2{admin_filter}{filter} \
                 GROUP BY t.admin_id, t.author_name HAVING SUM(t.replies) <> 0 \
                 ORDER BY n DESC, label LIMIT 50"
            );
            let found = rows(db, &sql, values).await?;
            Ok(by_category(
                &found,
                title,
                t("reports-col-admin"),
                t("reports-axis-replies"),
            ))
        }
        ReportKind::DeflectedTickets => {
            let sql = format!(
                "SELECT {} AS bucket, CASE WHEN ticket_id IS NULL THEN 'deflected' \
                 ELSE 'opened' END AS series, COUNT(*) AS n FROM kb_suggestion_reads \
                 WHERE at >= $1 AND at < $2 GROUP BY 1, 2",
                period_of(backend, period, "at")
            );
            let found = rows(db, &sql, vec![p.start().into(), p.end().into()]).await?;
            let names = HashMap::from([
                ("deflected".to_owned(), t("reports-deflected")),
                ("opened".to_owned(), t("reports-opened-anyway")),
            ]);
            Ok(by_period(
                p,
                period,
                &found,
                title,
                t("reports-axis-articles-read"),
                &names,
            ))
        }
        ReportKind::NewClients => {
            let sql = format!(
                "SELECT {} AS bucket, 'all' AS series, CAST(SUM(clients) AS BIGINT) AS n \
                 FROM report_client_days WHERE day >= $1 AND day <= $2 AND clients <> 0 \
                 GROUP BY 1, 2",
                date_period_of(backend, period, "day")
            );
            let found = rows(db, &sql, vec![p.range.from.into(), p.range.to.into()]).await?;
            let names = HashMap::from([("all".to_owned(), t("reports-axis-clients"))]);
            let mut out = by_period(p, period, &found, title, t("reports-axis-clients"), &names);
            out.chart.kind = ChartKind::Line;
            Ok(out)
        }
        ReportKind::ClientsByStatus => {
            let found = rows(
                db,
                "SELECT status AS label, COUNT(*) AS n FROM clients GROUP BY status ORDER BY status",
                vec![],
            )
            .await?;
            let mut out = by_category(
                &found,
                title,
                t("reports-col-status"),
                t("reports-axis-clients"),
            );
            let label = |key: &str| {
                crate::clients::model::ClientStatus::from_key(key)
                    .map_or_else(|| key.to_owned(), |s| s.label())
            };
            out.chart.labels = out.chart.labels.iter().map(|k| label(k)).collect();
            for row in &mut out.rows {
                row[0] = label(&row[0]);
            }
            Ok(out)
        }
        ReportKind::ClientsByCountry => {
            let found = rows(
                db,
                "SELECT country AS label, COUNT(*) AS n FROM clients \
                 GROUP BY country ORDER BY n DESC, country LIMIT 30",
                vec![],
            )
            .await?;
            Ok(by_category(
                &found,
                title,
                t("reports-col-country"),
                t("reports-axis-clients"),
            ))
        }
        ReportKind::TopClients => {
            let sql = "SELECT c.id AS id, c.first_name AS first_name, c.last_name AS last_name, \
                 c.company AS company, i.currency AS currency, \
                 CAST(SUM(CASE WHEN p.kind = 'payment' THEN p.amount ELSE -p.amount END) AS BIGINT) AS net \
                 FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id \
                 JOIN clients c ON c.id = i.client_id \
                 WHERE p.paid_on >= $1 AND p.paid_on <= $2 \
                 GROUP BY c.id, c.first_name, c.last_name, c.company, i.currency \
                 ORDER BY net DESC, c.id LIMIT 20";
            let found = rows(db, sql, vec![p.range.from.into(), p.range.to.into()]).await?;
            let name = |r: &QueryResult| {
                let company = text(r, "company");
                let person = format!("{} {}", text(r, "first_name"), text(r, "last_name"));
                if company.is_empty() {
                    person
                } else {
                    format!("{person} ({company})")
                }
            };
            let labels: Vec<String> = found.iter().map(name).collect();
            let values: Vec<f64> = found
                .iter()
                .map(|r| major(int(r, "net"), &text(r, "currency")))
                .collect();
            Ok(Output {
                columns: vec![t("reports-col-client"), t("reports-col-income")],
                rows: found
                    .iter()
                    .map(|r| vec![name(r), money(int(r, "net"), &text(r, "currency"))])
                    .collect(),
                chart: Chart {
                    kind: ChartKind::Bar,
                    title,
                    x_label: t("reports-col-client"),
                    y_label: t("reports-col-income"),
                    labels,
                    series: vec![Series {
                        name: t("reports-col-income"),
                        values,
                    }],
                },
            })
        }
        ReportKind::Income => {
            let sql = format!(
                "SELECT {} AS bucket, currency AS series, CAST(SUM(paid) AS BIGINT) AS paid, \
                 CAST(SUM(refunded) AS BIGINT) AS refunded FROM report_payment_days \
                 WHERE day >= $1 AND day <= $2 GROUP BY 1, 2 \
                 HAVING SUM(paid) <> 0 OR SUM(refunded) <> 0 ORDER BY 1, 2",
                date_period_of(backend, period, "day")
            );
            let found = rows(db, &sql, vec![p.range.from.into(), p.range.to.into()]).await?;
            let starts = period.starts(p.range);
            let keys: Vec<String> = starts
                .iter()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .collect();
            let mut currencies: Vec<String> = found.iter().map(|r| text(r, "series")).collect();
            currencies.sort();
            currencies.dedup();
            let series = currencies
                .iter()
                .map(|code| Series {
                    name: code.clone(),
                    values: keys
                        .iter()
                        .map(|k| {
                            found
                                .iter()
                                .filter(|r| text(r, "bucket") == *k && text(r, "series") == *code)
                                .map(|r| major(int(r, "paid") - int(r, "refunded"), code))
                                .sum()
                        })
                        .collect(),
                })
                .collect();
            let rows = found
                .iter()
                .map(|r| {
                    let code = text(r, "series");
                    let bucket = NaiveDate::parse_from_str(&text(r, "bucket"), "%Y-%m-%d")
                        .map(|d| period.label(d))
                        .unwrap_or_default();
                    vec![
                        bucket,
                        code.clone(),
                        money(int(r, "paid"), &code),
                        money(int(r, "refunded"), &code),
                        money(int(r, "paid") - int(r, "refunded"), &code),
                    ]
                })
                .collect();
            Ok(Output {
                columns: vec![
                    period.name(),
                    t("reports-col-currency"),
                    t("reports-col-payments"),
                    t("reports-col-refunds"),
                    t("reports-col-net"),
                ],
                rows,
                chart: Chart {
                    kind: ChartKind::Bar,
                    title,
                    x_label: period.name(),
                    y_label: t("reports-col-net"),
                    labels: starts.iter().map(|d| period.label(*d)).collect(),
                    series,
                },
            })
        }
        ReportKind::InvoicesByStatus => {
            let sql = "SELECT status AS status, currency AS currency, \
                 CAST(SUM(invoices) AS BIGINT) AS n, CAST(SUM(total) AS BIGINT) AS total, \
                 CAST(SUM(total) - SUM(paid) AS BIGINT) AS owed FROM report_invoice_days \
                 WHERE issued_on >= $1 AND issued_on <= $2 GROUP BY status, currency \
                 HAVING SUM(invoices) <> 0 ORDER BY status, currency";
            let found = rows(db, sql, vec![p.range.from.into(), p.range.to.into()]).await?;
            let status_label = |key: &str| {
                crate::clients::model::InvoiceStatus::from_key(key)
                    .map_or_else(|| key.to_owned(), |s| s.label())
            };
            let mut labels: Vec<String> = found.iter().map(|r| text(r, "status")).collect();
            labels.dedup();
            let values = labels
                .iter()
                .map(|s| {
                    found
                        .iter()
                        .filter(|r| text(r, "status") == *s)
                        .map(|r| int(r, "n"))
                        .sum::<i64>() as f64
                })
                .collect();
            Ok(Output {
                columns: vec![
                    t("reports-col-status"),
                    t("reports-col-currency"),
                    t("reports-axis-invoices"),
                    t("reports-col-total"),
                    t("reports-col-owed"),
                ],
                rows: found
                    .iter()
                    .map(|r| {
                        let code = text(r, "currency");
                        vec![
                            status_label(&text(r, "status")),
                            code.clone(),
                            int(r, "n").to_string(),
                            money(int(r, "total"), &code),
                            money(int(r, "owed").max(0), &code),
                        ]
                    })
                    .collect(),
                chart: Chart {
                    kind: ChartKind::Bar,
                    title,
                    x_label: t("reports-col-status"),
                    y_label: t("reports-axis-invoices"),
                    labels: labels.iter().map(|s| status_label(s)).collect(),
                    series: vec![Series {
                        name: t("reports-axis-invoices"),
                        values,
                    }],
                },
            })
        }
        ReportKind::Aging => {
            let day = |n: i64| p.today - chrono::Duration::days(n);
            let sql = "SELECT CASE WHEN due_on >= $1 THEN 0 WHEN due_on >= $2 THEN 1 \
                 WHEN due_on >= $3 THEN 2 WHEN due_on >= $4 THEN 3 ELSE 4 END AS bucket, \
                 currency AS currency, COUNT(*) AS n, CAST(SUM(total - paid) AS BIGINT) AS owed \
                 FROM invoices WHERE status IN ('unpaid', 'overdue') GROUP BY 1, 2 ORDER BY 1, 2";
            let found = rows(
                db,
                sql,
                vec![
                    p.today.into(),
                    day(30).into(),
                    day(60).into(),
                    day(90).into(),
                ],
            )
            .await?;
            let buckets = [
                t("reports-aging-current"),
                t("reports-aging-0-30"),
                t("reports-aging-31-60"),
                t("reports-aging-61-90"),
                t("reports-aging-90"),
            ];
            let mut currencies: Vec<String> = found.iter().map(|r| text(r, "currency")).collect();
            currencies.sort();
            currencies.dedup();
            let series = currencies
                .iter()
                .map(|code| Series {
                    name: code.clone(),
                    values: (0..buckets.len() as i64)
                        .map(|b| {
                            found
                                .iter()
                                .filter(|r| int(r, "bucket") == b && text(r, "currency") == *code)
                                .map(|r| major(int(r, "owed"), code))
                                .sum()
                        })
                        .collect(),
                })
                .collect();
            Ok(Output {
                columns: vec![
                    t("reports-col-age"),
                    t("reports-col-currency"),
                    t("reports-axis-invoices"),
                    t("reports-col-owed"),
                ],
                rows: found
                    .iter()
                    .map(|r| {
                        let code = text(r, "currency");
                        vec![
                            buckets
                                .get(usize::try_from(int(r, "bucket")).unwrap_or(0))
                                .cloned()
                                .unwrap_or_default(),
                            code.clone(),
                            int(r, "n").to_string(),
                            money(int(r, "owed"), &code),
                        ]
                    })
                    .collect(),
                chart: Chart {
                    kind: ChartKind::StackedBar,
                    title,
                    x_label: t("reports-col-age"),
                    y_label: t("reports-col-owed"),
                    labels: buckets.to_vec(),
                    series,
                },
            })
        }
        ReportKind::ServicesDue => {
            let until = p.today + chrono::Duration::days(30);
            let sql = "SELECT next_due AS day, currency AS currency, COUNT(*) AS n, \
                 CAST(SUM(amount) AS BIGINT) AS amount FROM client_services \
                 WHERE status = 'active' AND next_due >= $1 AND next_due <= $2 \
                 GROUP BY next_due, currency ORDER BY next_due, currency";
            let found = rows(db, sql, vec![p.today.into(), until.into()]).await?;
            let day_text = |r: &QueryResult| {
                r.try_get::<NaiveDate>("", "day")
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_else(|_| text(r, "day"))
            };
            let range = DateRange {
                from: p.today,
                to: until,
            };
            let labels: Vec<String> = Period::Day
                .starts(range)
                .iter()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .collect();
            let values = labels
                .iter()
                .map(|l| {
                    found
                        .iter()
                        .filter(|r| day_text(r) == *l)
                        .map(|r| int(r, "n"))
                        .sum::<i64>() as f64
                })
                .collect();
            Ok(Output {
                columns: vec![
                    t("reports-col-due"),
                    t("reports-col-currency"),
                    t("reports-axis-services"),
                    t("reports-col-amount"),
                ],
                rows: found
                    .iter()
                    .map(|r| {
                        let code = text(r, "currency");
                        vec![
                            day_text(r),
                            code.clone(),
                            int(r, "n").to_string(),
                            money(int(r, "amount"), &code),
                        ]
                    })
                    .collect(),
                chart: Chart {
                    kind: ChartKind::Bar,
                    title,
                    x_label: t("reports-period-day"),
                    y_label: t("reports-axis-services"),
                    labels,
                    series: vec![Series {
                        name: t("reports-axis-services"),
                        values,
                    }],
                },
            })
        }
        ReportKind::RecurringRevenue => {
            let sql = "SELECT billing_cycle AS cycle, currency AS currency, \
                 CAST(SUM(services) AS BIGINT) AS n, CAST(SUM(amount) AS BIGINT) AS amount \
                 FROM report_service_totals \
                 WHERE status = 'active' AND billing_cycle NOT IN ('free', 'one_time') \
                 GROUP BY billing_cycle, currency HAVING SUM(services) <> 0 \
                 ORDER BY billing_cycle, currency";
            let found = rows(db, sql, vec![]).await?;
            use crate::clients::model::BillingCycle;
            let months = |key: &str| match key {
                "monthly" => 1,
                "quarterly" => 3,
                "semi_annually" => 6,
                "annually" => 12,
                "biennially" => 24,
                "triennially" => 36,
                _ => 1,
            };
            let cycle_label = |key: &str| {
                BillingCycle::from_key(key).map_or_else(|| key.to_owned(), |c| c.label())
            };
            let mut currencies: Vec<String> = found.iter().map(|r| text(r, "currency")).collect();
            currencies.sort();
            currencies.dedup();
            let mut cycles: Vec<String> = found.iter().map(|r| text(r, "cycle")).collect();
            cycles.dedup();
            // Per month: each cycle's amounts over its length (the division of a sum the database
            // made, per cycle).
            let series = currencies
                .iter()
                .map(|code| Series {
                    name: code.clone(),
                    values: cycles
                        .iter()
                        .map(|c| {
                            found
                                .iter()
                                .filter(|r| text(r, "cycle") == *c && text(r, "currency") == *code)
                                .map(|r| major(int(r, "amount"), code) / f64::from(months(c)))
                                .sum()
                        })
                        .collect(),
                })
                .collect();
            Ok(Output {
                columns: vec![
                    t("reports-col-cycle"),
                    t("reports-col-currency"),
                    t("reports-axis-services"),
                    t("reports-col-amount"),
                    t("reports-col-monthly"),
                ],
                rows: found
                    .iter()
                    .map(|r| {
                        let (code, cycle) = (text(r, "currency"), text(r, "cycle"));
                        let amount = int(r, "amount");
                        vec![
                            cycle_label(&cycle),
                            code.clone(),
                            int(r, "n").to_string(),
                            money(amount, &code),
                            money(amount / i64::from(months(&cycle)), &code),
                        ]
                    })
                    .collect(),
                chart: Chart {
                    kind: ChartKind::StackedBar,
                    title,
                    x_label: t("reports-col-cycle"),
                    y_label: t("reports-col-monthly"),
                    labels: cycles.iter().map(|c| cycle_label(c)).collect(),
                    series,
                },
            })
        }
        ReportKind::StaffActivity => {
            let mut values: Vec<Value> = vec![p.range.from.into(), p.range.to.into()];
            let admin_filter = admin_filter(p, "actor_id", &mut values);
            let sql = format!(
                "SELECT actor_name AS label, CAST(SUM(logins) AS BIGINT) AS logins, \
                 CAST(SUM(actions) AS BIGINT) AS actions FROM report_staff_days \
                 WHERE day >= $1 AND day <= $2{admin_filter} GROUP BY actor_id, actor_name \
                 ORDER BY actor_name LIMIT 100"
            );
            let found = rows(db, &sql, values).await?;
            let labels: Vec<String> = found.iter().map(|r| text(r, "label")).collect();
            Ok(Output {
                columns: vec![
                    t("reports-col-admin"),
                    t("reports-col-logins"),
                    t("reports-col-actions"),
                ],
                rows: found
                    .iter()
                    .map(|r| {
                        vec![
                            text(r, "label"),
                            int(r, "logins").to_string(),
                            int(r, "actions").to_string(),
                        ]
                    })
                    .collect(),
                chart: Chart {
                    kind: ChartKind::StackedBar,
                    title,
                    x_label: t("reports-col-admin"),
                    y_label: t("reports-col-events"),
                    labels,
                    series: vec![
                        Series {
                            name: t("reports-col-logins"),
                            values: found.iter().map(|r| int(r, "logins") as f64).collect(),
                        },
                        Series {
                            name: t("reports-col-actions"),
                            values: found.iter().map(|r| int(r, "actions") as f64).collect(),
                        },
                    ],
                },
            })
        }
    }
}

/// Income (payments less refunds) this month so far against all of last month, per currency:
/// the Dashboard's glance at the income report.
pub async fn income_against_last_month(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Chart, DbErr> {
    use chrono::{Datelike, Months};
    let this_month = today.with_day(1).unwrap_or(today);
    let last_month = this_month
        .checked_sub_months(Months::new(1))
        .unwrap_or(this_month);
    let sql = "SELECT CASE WHEN day >= $1 THEN 1 ELSE 0 END AS recent, currency AS currency, \
         CAST(SUM(paid) - SUM(refunded) AS BIGINT) AS net FROM report_payment_days \
         WHERE day >= $2 AND day <= $3 GROUP BY 1, 2 HAVING SUM(paid) <> 0 OR SUM(refunded) <> 0 \
         ORDER BY 2";
    let found = rows(
        db,
        sql,
        vec![this_month.into(), last_month.into(), today.into()],
    )
    .await?;
    let mut currencies: Vec<String> = found.iter().map(|r| text(r, "currency")).collect();
    currencies.sort();
    currencies.dedup();
    let value = |current: i64, code: &str| {
        found
            .iter()
            .filter(|r| int(r, "recent") == current && text(r, "currency") == code)
            .map(|r| major(int(r, "net"), code))
            .sum()
    };
    Ok(Chart {
        kind: ChartKind::Bar,
        title: t("reports-glance-income"),
        x_label: t("reports-col-currency"),
        y_label: t("reports-col-net"),
        series: vec![
            Series {
                name: t("reports-preset-last-month"),
                values: currencies.iter().map(|c| value(0, c)).collect(),
            },
            Series {
                name: t("reports-preset-this-month"),
                values: currencies.iter().map(|c| value(1, c)).collect(),
            },
        ],
        labels: currencies,
    })
}

/// Department names by id (as text, the series keys of the tickets report).
async fn department_names(db: &impl ConnectionTrait) -> Result<HashMap<String, String>, DbErr> {
    Ok(rows(db, "SELECT id, name FROM departments", vec![])
        .await?
        .iter()
        .map(|r| (int(r, "id").to_string(), text(r, "name")))
        .collect())
}

/// Admin names by id (as text, as `department_names`).
async fn admin_names(db: &impl ConnectionTrait) -> Result<HashMap<String, String>, DbErr> {
    Ok(
        rows(db, "SELECT id, first_name, last_name FROM admins", vec![])
            .await?
            .iter()
            .map(|r| {
                (
                    int(r, "id").to_string(),
                    format!("{} {}", text(r, "first_name"), text(r, "last_name")),
                )
            })
            .collect(),
    )
}

/// The departments and admins the parameters form offers.
pub async fn choices(
    db: &impl ConnectionTrait,
    departments_seen: &Option<Vec<i32>>,
) -> Result<(Vec<(i32, String)>, Vec<(i32, String)>), DbErr> {
    let departments = rows(db, "SELECT id, name FROM departments ORDER BY name", vec![])
        .await?
        .iter()
        .map(|r| (i32::try_from(int(r, "id")).unwrap_or(0), text(r, "name")))
        .filter(|(id, _)| {
            departments_seen
                .as_ref()
                .is_none_or(|seen| seen.contains(id))
        })
        .collect();
    let admins = rows(
        db,
        "SELECT id, first_name, last_name FROM admins ORDER BY first_name, last_name",
        vec![],
    )
    .await?
    .iter()
    .map(|r| {
        (
            i32::try_from(int(r, "id")).unwrap_or(0),
            format!("{} {}", text(r, "first_name"), text(r, "last_name")),
        )
    })
    .collect();
    Ok((departments, admins))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_question_marks_on_sqlite_only() {
        let s = statement(DbBackend::Sqlite, "a = $1 AND b IN ($2, $10)", vec![]);
        assert_eq!(s.sql, "a = ? AND b IN (?, ?)");
        let p = statement(DbBackend::Postgres, "a = $1", vec![]);
        assert_eq!(p.sql, "a = $1");
    }
}
