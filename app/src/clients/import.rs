//! `server import-clients FILE.csv`: clients from a CSV file, all or none. Every line is checked
//! first and every problem reported with its line number; nothing is written unless the whole file
//! is valid, and the writes share one transaction.
//!
//! The header names the columns, in any order:
//! `first_name,last_name,company,email,phone,street,city,state,postcode,country,status,language,currency,tax_exempt,no_late_fees,no_overdue_notices,marketing_opt_in`.
//! `first_name`, `last_name`, `email`, `country` (ISO 3166-1 alpha-2) and `currency` (ISO 4217)
//! are required; the rest may be left out. `status` is active (the default), inactive or closed;
//! `language` is en (the default), de or es; the four options are yes/no (also true/false, 1/0).
//! A UTF-8 byte order mark is allowed.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionSession,
    TransactionTrait,
};

use super::model::{ClientForm, ClientInput, field_label};
use crate::entities::client;
use crate::kernel::audit::{self, Action, Actor, Event};

pub const COLUMNS: [&str; 17] = [
    "first_name",
    "last_name",
    "company",
    "email",
    "phone",
    "street",
    "city",
    "state",
    "postcode",
    "country",
    "status",
    "language",
    "currency",
    "tax_exempt",
    "no_late_fees",
    "no_overdue_notices",
    "marketing_opt_in",
];

const REQUIRED: [&str; 5] = ["first_name", "last_name", "email", "country", "currency"];

/// The most rows one file may hold.
pub const MAX_ROWS: usize = 100_000;

/// One problem, on one line of the file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

fn yes_no(value: &str) -> Result<Option<String>, ()> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "no" | "false" | "0" | "n" => Ok(None),
        "yes" | "true" | "1" | "y" => Ok(Some("on".to_owned())),
        _ => Err(()),
    }
}

/// Reads and checks a whole file: the clients it holds, or every problem found.
pub fn parse(bytes: &[u8]) -> Result<Vec<(u64, ClientInput)>, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(bytes);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(err) => {
            return Err(vec![Problem {
                line: 1,
                message: format!("the header cannot be read: {err}"),
            }]);
        }
    };
    let mut problems = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        match COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(name)) {
            Some(column) => {
                if index.insert(column, i).is_some() {
                    problems.push(Problem {
                        line: 1,
                        message: format!("the column {name:?} appears twice"),
                    });
                }
            }
            None => problems.push(Problem {
                line: 1,
                message: format!(
                    "unknown column {name:?}; the columns are {}",
                    COLUMNS.join(",")
                ),
            }),
        }
    }
    for column in REQUIRED {
        if !index.contains_key(column) {
            problems.push(Problem {
                line: 1,
                message: format!("the required column {column:?} is missing"),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut clients = Vec::new();
    let mut emails: HashMap<String, u64> = HashMap::new();
    for (n, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position().map(|p| p.line()))
            .unwrap_or(n as u64 + 2);
        if n >= MAX_ROWS {
            problems.push(Problem {
                line,
                message: format!("a file may hold at most {MAX_ROWS} clients"),
            });
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                problems.push(Problem {
                    line,
                    message: format!("the line cannot be read: {err}"),
                });
                continue;
            }
        };
        let get = |c: &str| {
            index
                .get(c)
                .and_then(|i| record.get(*i))
                .unwrap_or("")
                .to_owned()
        };
        let mut flags = Vec::new();
        for column in [
            "tax_exempt",
            "no_late_fees",
            "no_overdue_notices",
            "marketing_opt_in",
        ] {
            match yes_no(&get(column)) {
                Ok(v) => flags.push(v),
                Err(()) => {
                    problems.push(Problem {
                        line,
                        message: format!("{column}: write yes or no"),
                    });
                    flags.push(None);
                }
            }
        }
        let mut flags = flags.into_iter();
        let form = ClientForm {
            first_name: get("first_name"),
            last_name: get("last_name"),
            company: get("company"),
            email: get("email"),
            phone: get("phone"),
            street: get("street"),
            city: get("city"),
            state: get("state"),
            postcode: get("postcode"),
            country: get("country"),
            status: get("status"),
            language: get("language"),
            currency: get("currency"),
            tax_exempt: flags.next().flatten(),
            no_late_fees: flags.next().flatten(),
            no_overdue_notices: flags.next().flatten(),
            marketing_opt_in: flags.next().flatten(),
        };
        match ClientInput::parse(&form) {
            Ok(input) => {
                let email = input.email.as_str().to_owned();
                if let Some(first) = emails.insert(email.clone(), line) {
                    problems.push(Problem {
                        line,
                        message: format!("email {email:?} is already on line {first}"),
                    });
                }
                clients.push((line, input));
            }
            Err((field, err)) => problems.push(Problem {
                line,
                message: format!("{field} ({}): {}", field_label(field), err.message()),
            }),
        }
    }
    if clients.is_empty() && problems.is_empty() {
        problems.push(Problem {
            line: 1,
            message: "the file holds no clients".to_owned(),
        });
    }
    if problems.is_empty() {
        Ok(clients)
    } else {
        Err(problems)
    }
}

/// The file's clients whose email address another client already has.
pub async fn existing_emails(
    db: &impl ConnectionTrait,
    clients: &[(u64, ClientInput)],
) -> Result<Vec<Problem>, DbErr> {
    let mut taken = HashSet::new();
    for chunk in clients.chunks(500) {
        let emails: Vec<String> = chunk
            .iter()
            .map(|(_, c)| c.email.as_str().to_owned())
            .collect();
        for c in client::Entity::find()
            .filter(client::Column::Email.is_in(emails))
            .all(db)
            .await?
        {
            taken.insert(c.email);
        }
    }
    Ok(clients
        .iter()
        .filter(|(_, c)| taken.contains(c.email.as_str()))
        .map(|(line, c)| Problem {
            line: *line,
            message: format!("a client with email {:?} already exists", c.email.as_str()),
        })
        .collect())
}

/// What an import did, or why it did nothing.
#[derive(Debug)]
pub enum Outcome {
    /// Every line is valid; with `dry_run` nothing was written.
    Imported(usize),
    Refused(Vec<Problem>),
}

/// Checks the file and, unless `dry_run`, imports every client in one transaction.
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    bytes: &[u8],
    dry_run: bool,
) -> Result<Outcome, DbErr> {
    let clients = match parse(bytes) {
        Ok(clients) => clients,
        Err(problems) => return Ok(Outcome::Refused(problems)),
    };
    let taken = existing_emails(db, &clients).await?;
    if !taken.is_empty() {
        return Ok(Outcome::Refused(taken));
    }
    if dry_run {
        return Ok(Outcome::Imported(clients.len()));
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    for (line, input) in &clients {
        if let Err(err) = super::service::insert_client(&txn, now, actor, input).await {
            // A client added since the check: nothing of the file is kept.
            txn.rollback().await?;
            return match err.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                    Ok(Outcome::Refused(vec![Problem {
                        line: *line,
                        message: format!(
                            "a client with email {:?} already exists",
                            input.email.as_str()
                        ),
                    }]))
                }
                _ => Err(err),
            };
        }
    }
    let event = Event::new(Action::ClientsImported, None)
        .after(serde_json::json!({ "clients": clients.len() }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(Outcome::Imported(clients.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "first_name,last_name,email,country,currency,tax_exempt\n";

    #[test]
    fn a_valid_file_with_a_byte_order_mark_is_read() {
        let file = format!(
            "\u{FEFF}{HEADER}Ada,Lovelace,ada@example.com,GB,GBP,yes\nAlan,Turing,alan@example.com,gb,gbp,\n"
        );
        let clients = parse(file.as_bytes()).expect("valid");
        assert_eq!(clients.len(), 2);
        assert_eq!(clients[1].0, 3);
        assert!(clients[0].1.tax_exempt);
        assert_eq!(clients[1].1.country.as_str(), "GB");
    }

    #[test]
    fn every_bad_line_is_named() {
        let file = format!(
            "{HEADER}Ada,Lovelace,ada@example.com,GB,GBP,no\nBad,Country,b@example.com,XX,EUR,no\nDup,Email,ADA@example.com,DE,EUR,no\nBad,Flag,c@example.com,DE,EUR,maybe\n"
        );
        let problems = parse(file.as_bytes()).expect_err("invalid");
        let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 4, 5], "{problems:?}");
        assert!(
            problems[0].message.starts_with("country"),
            "{}",
            problems[0]
        );
        assert!(problems[1].message.contains("line 2"), "{}", problems[1]);
    }

    #[test]
    fn unknown_and_missing_columns_are_refused() {
        let problems =
            parse(b"first_name,surname,email\nA,B,a@example.com\n").expect_err("invalid");
        assert!(problems.iter().all(|p| p.line == 1));
        assert!(problems.iter().any(|p| p.message.contains("surname")));
        assert!(problems.iter().any(|p| p.message.contains("\"country\"")));
        assert!(parse(HEADER.as_bytes()).is_err(), "a file without clients");
    }
}
