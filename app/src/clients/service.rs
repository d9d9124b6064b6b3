//! Client storage and rules: profiles, contacts, services, invoices with their payments, notes,
//! the Summary, the list with its search, and the Dashboard's figures. Every change writes its
//! audit row in its transaction; every editable row is saved only at the version its form loaded.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr, TransactionSession,
    TransactionTrait,
};

use super::model::{
    ClientFilter, ClientForm, ClientInput, ClientRow, ClientStatus, ClientView, ContactForm,
    ContactInput, ContactView, InvoiceForm, InvoiceInput, InvoiceRow, InvoiceStatus, InvoiceTotals,
    InvoiceView, LogLine, NoteView, PaymentForm, PaymentInput, PaymentView, ServiceForm,
    ServiceInput, ServiceStatus, ServiceView, invoice_totals, percent_text,
};
use crate::entities::{
    admin, audit_event, client, client_contact, client_note, client_service, invoice, invoice_item,
    invoice_payment,
};
use crate::kernel::audit::{self, Action, Actor, Event, Target};
use crate::kernel::concurrency::{Expected, guarded};
use crate::kernel::money::{Currency, amount_text, display};
use crate::kernel::search_text::{Joint, prefix_query, words as search_words};
use crate::kernel::time::when;
use crate::kernel::{CurrentAdmin, Permission};

/// Rows per page of the client list.
pub const PAGE_SIZE: u64 = 50;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("no such client, or no such record of this client")]
    NotFound,
    #[error("another client has the email address {0:?}")]
    EmailTaken(String),
    #[error("the record was changed since the form was loaded")]
    ChangedMeanwhile,
    #[error("a {0} invoice can no longer be edited")]
    NotEditable(&'static str),
    #[error("payments cannot be recorded on a {0} invoice")]
    NotPayable(&'static str),
    #[error("the payment is larger than the balance")]
    MoreThanBalance,
    #[error("the refund is larger than what was paid")]
    MoreThanPaid,
    #[error("only the note's author or a manager can change it")]
    NotYourNote,
    #[error("the new total is below what was paid")]
    BelowPaid,
    #[error("the invoice has payments")]
    HasPayments,
    #[error("invalid {0}: {1}")]
    Invalid(&'static str, crate::kernel::validation::ValidationError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

fn currency_of(code: &str) -> Currency {
    Currency::parse(code).unwrap_or_default()
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A client's name as every page shows it.
pub fn name_of(c: &client::Model) -> String {
    format!("{} {}", c.first_name, c.last_name)
}

fn target(c: &client::Model) -> Target {
    Target::new("client", c.id, name_of(c))
}

fn flag(on: bool) -> Option<String> {
    on.then(|| "on".to_owned())
}

impl From<client::Model> for ClientView {
    fn from(c: client::Model) -> Self {
        Self {
            id: c.id,
            created: when(c.created_at),
            version: c.version,
            form: ClientForm {
                first_name: c.first_name,
                last_name: c.last_name,
                company: c.company,
                email: c.email,
                phone: c.phone,
                street: c.street,
                city: c.city,
                state: c.state,
                postcode: c.postcode,
                country: c.country,
                status: c.status,
                language: c.language,
                currency: c.currency,
                tax_exempt: flag(c.tax_exempt),
                no_late_fees: flag(c.no_late_fees),
                no_overdue_notices: flag(c.no_overdue_notices),
                marketing_opt_in: flag(c.marketing_opt_in),
            },
        }
    }
}

fn client_snapshot(c: &client::Model) -> serde_json::Value {
    serde_json::json!({
        "first_name": c.first_name, "last_name": c.last_name, "company": c.company,
        "email": c.email, "phone": c.phone, "street": c.street, "city": c.city,
        "state": c.state, "postcode": c.postcode, "country": c.country, "status": c.status,
        "language": c.language, "currency": c.currency, "tax_exempt": c.tax_exempt,
        "no_late_fees": c.no_late_fees, "no_overdue_notices": c.no_overdue_notices,
        "marketing_opt_in": c.marketing_opt_in,
    })
}

fn email_taken(email: String) -> impl FnOnce(DbErr) -> ClientError {
    move |err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ClientError::EmailTaken(email),
        _ => ClientError::Db(err),
    }
}

/// See `Expected::within`: every update here checks the version its own transaction read.
fn within(expected: Expected, current: i32) -> Result<Expected, ClientError> {
    expected
        .within(current)
        .ok_or(ClientError::ChangedMeanwhile)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<client::Model, ClientError> {
    client::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ClientError::NotFound)
}

async fn ensure_email_free(
    db: &impl ConnectionTrait,
    email: &str,
    except: Option<i32>,
) -> Result<(), ClientError> {
    let mut query = client::Entity::find().filter(client::Column::Email.eq(email));
    if let Some(id) = except {
        query = query.filter(client::Column::Id.ne(id));
    }
    match query.one(db).await? {
        Some(_) => Err(ClientError::EmailTaken(email.to_owned())),
        None => Ok(()),
    }
}

fn client_row(input: &ClientInput) -> client::ActiveModel {
    client::ActiveModel {
        first_name: Set(input.first_name.clone()),
        last_name: Set(input.last_name.clone()),
        company: Set(input.company.clone()),
        email: Set(input.email.as_str().to_owned()),
        phone: Set(input.phone.clone()),
        street: Set(input.street.clone()),
        city: Set(input.city.clone()),
        state: Set(input.state.clone()),
        postcode: Set(input.postcode.clone()),
        country: Set(input.country.as_str().to_owned()),
        status: Set(input.status.key().to_owned()),
        language: Set(input.language.code().to_owned()),
        currency: Set(input.currency.code().to_owned()),
        tax_exempt: Set(input.tax_exempt),
        no_late_fees: Set(input.no_late_fees),
        no_overdue_notices: Set(input.no_overdue_notices),
        marketing_opt_in: Set(input.marketing_opt_in),
        ..Default::default()
    }
}

/// Creates a client; email addresses are unique.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    input: ClientInput,
) -> Result<client::Model, ClientError> {
    let email = input.email.as_str().to_owned();
    ensure_email_free(db, &email, None).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let created = insert_client(&txn, now, actor, &input)
        .await
        .map_err(email_taken(email))?;
    txn.commit().await?;
    Ok(created)
}

/// The insert and its audit row, inside the caller's transaction (the import shares it).
pub(super) async fn insert_client(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    input: &ClientInput,
) -> Result<client::Model, DbErr> {
    let mut row = client_row(input);
    row.created_at = Set(now);
    let created = row.insert(txn).await?;
    let event =
        Event::new(Action::ClientCreated, Some(target(&created))).after(client_snapshot(&created));
    audit::record(txn, now, actor, event).await?;
    Ok(created)
}

/// Saves a client's profile at the version its form loaded.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
    input: ClientInput,
    version: Expected,
) -> Result<client::Model, ClientError> {
    find(db, id).await?;
    let email = input.email.as_str().to_owned();
    ensure_email_free(db, &email, Some(id)).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let existing = find(&txn, id).await?;
    let version = within(version, existing.version)?;
    let row = client_row(&input);
    let mut change = client::Entity::update_many().filter(client::Column::Id.eq(id));
    for (column, value) in [
        (client::Column::FirstName, row.first_name),
        (client::Column::LastName, row.last_name),
        (client::Column::Company, row.company),
        (client::Column::Email, row.email),
        (client::Column::Phone, row.phone),
        (client::Column::Street, row.street),
        (client::Column::City, row.city),
        (client::Column::State, row.state),
        (client::Column::Postcode, row.postcode),
        (client::Column::Country, row.country),
        (client::Column::Status, row.status),
        (client::Column::Language, row.language),
        (client::Column::Currency, row.currency),
    ] {
        if let sea_orm::ActiveValue::Set(value) = value {
            change = change.col_expr(column, Expr::value(value));
        }
    }
    for (column, value) in [
        (client::Column::TaxExempt, input.tax_exempt),
        (client::Column::NoLateFees, input.no_late_fees),
        (client::Column::NoOverdueNotices, input.no_overdue_notices),
        (client::Column::MarketingOptIn, input.marketing_opt_in),
    ] {
        change = change.col_expr(column, Expr::value(value));
    }
    let updated = guarded(change, client::Column::Version, version)
        .exec(&txn)
        .await
        .map_err(email_taken(email))?;
    if updated.rows_affected != 1 {
        return Err(ClientError::ChangedMeanwhile);
    }
    let saved = find(&txn, id).await?;
    let action = if saved.status == ClientStatus::Closed.key()
        && existing.status != ClientStatus::Closed.key()
    {
        Action::ClientClosed
    } else {
        Action::ClientUpdated
    };
    let event = Event::new(action, Some(target(&saved)))
        .before(client_snapshot(&existing))
        .after(client_snapshot(&saved));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Closes a client: history stays, the client leaves the default list. Never a delete.
pub async fn close<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i32,
    version: Expected,
) -> Result<(), ClientError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let existing = find(&txn, id).await?;
    if existing.status == ClientStatus::Closed.key() {
        return Ok(());
    }
    let version = within(version, existing.version)?;
    let change = client::Entity::update_many()
        .col_expr(
            client::Column::Status,
            Expr::value(ClientStatus::Closed.key()),
        )
        .filter(client::Column::Id.eq(id));
    let updated = guarded(change, client::Column::Version, version)
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ClientError::ChangedMeanwhile);
    }
    let saved = find(&txn, id).await?;
    let event = Event::new(Action::ClientClosed, Some(target(&saved)))
        .before(serde_json::json!({ "status": existing.status }))
        .after(serde_json::json!({ "status": saved.status }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// How many matching rows a search looks at: a common word must not cost a pass over every row.
const SEARCH_LIMIT: u32 = 2_000;

/// The ids of clients whose name, company, email or phone, or one of whose contacts', starts with
/// every word (prefix match, as you type): FTS5 on SQLite, `tsvector` on PostgreSQL. The one place
/// the two databases' client search differ.
fn matching_clients(backend: DbBackend, words: &[String]) -> Condition {
    let query = prefix_query(backend, words, Joint::All);
    match backend {
        DbBackend::Postgres => Condition::any()
            .add(Expr::cust_with_values(
                "\"clients\".\"search\" @@ to_tsquery('simple', $1)",
                [query.clone()],
            ))
            .add(Expr::cust_with_values(
                format!(
                    "\"clients\".\"id\" IN (SELECT client_id FROM client_contacts \
                         WHERE search @@ to_tsquery('simple', $1) LIMIT {SEARCH_LIMIT})"
                ),
                [query],
            )),
        _ => Condition::all().add(Expr::cust_with_values(
            format!(
                "\"clients\".\"id\" IN (SELECT client_id FROM client_search \
                 WHERE client_search MATCH ? LIMIT {SEARCH_LIMIT})"
            ),
            [query],
        )),
    }
}

fn row_of(c: client::Model) -> ClientRow {
    ClientRow {
        id: c.id,
        name: name_of(&c),
        status: ClientStatus::from_key(&c.status).unwrap_or(ClientStatus::Active),
        created: when(c.created_at),
        company: c.company,
        email: c.email,
        country: c.country,
    }
}

/// One page of the client list, newest first, after client `after` (keyset: every page costs the
/// same). With no status chosen, closed clients are left out; `all` shows them too.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &ClientFilter,
    after: Option<i32>,
) -> Result<(Vec<ClientRow>, Option<String>), DbErr> {
    let mut query = client::Entity::find();
    match filter.status.trim() {
        "" => query = query.filter(client::Column::Status.ne(ClientStatus::Closed.key())),
        "all" => {}
        status => {
            let status = ClientStatus::from_key(status).map_or("", |s| s.key());
            query = query.filter(client::Column::Status.eq(status));
        }
    }
    // A country that is no ISO code matches nothing rather than being sent to the database.
    if !filter.country.trim().is_empty() {
        let code = super::model::Country::parse(&filter.country)
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default();
        query = query.filter(client::Column::Country.eq(code));
    }
    let words = search_words(&filter.q);
    if !words.is_empty() {
        query = query.filter(matching_clients(db.get_database_backend(), &words));
    }
    if let Some(after) = after {
        query = query.filter(client::Column::Id.lt(after));
    }
    let mut rows = query
        .order_by_desc(client::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let limit = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|c| c.id.to_string())
    } else {
        None
    };
    Ok((rows.into_iter().map(row_of).collect(), next))
}

/// Up to `limit` clients matching a search, newest first: the header search's answer.
pub async fn search(
    db: &impl ConnectionTrait,
    q: &str,
    limit: u64,
) -> Result<Vec<ClientRow>, DbErr> {
    let words = search_words(q);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    Ok(client::Entity::find()
        .filter(matching_clients(db.get_database_backend(), &words))
        .order_by_desc(client::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(row_of)
        .collect())
}

/// Up to `limit` contacts matching a search: (client id, contact name, email, client name).
pub async fn search_contacts(
    db: &impl ConnectionTrait,
    q: &str,
    limit: u64,
) -> Result<Vec<(i32, String, String, String)>, DbErr> {
    let words = search_words(q);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let query = prefix_query(backend, &words, Joint::All);
    let condition = match backend {
        DbBackend::Postgres => Expr::cust_with_values(
            "\"client_contacts\".\"search\" @@ to_tsquery('simple', $1)",
            [query],
        ),
        // Contact rows are the odd rows of the search table (see the migration).
        _ => Expr::cust_with_values(
            format!(
                "\"client_contacts\".\"id\" IN (SELECT rowid / 2 FROM client_search \
                 WHERE client_search MATCH ? AND rowid % 2 = 1 LIMIT {SEARCH_LIMIT})"
            ),
            [query],
        ),
    };
    let contacts = client_contact::Entity::find()
        .filter(condition)
        .order_by_desc(client_contact::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let owners = client_names(db, contacts.iter().map(|c| c.client_id)).await?;
    Ok(contacts
        .into_iter()
        .map(|c| {
            let owner = owners.get(&c.client_id).cloned().unwrap_or_default();
            (
                c.client_id,
                format!("{} {}", c.first_name, c.last_name),
                c.email,
                owner,
            )
        })
        .collect())
}

async fn client_names(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let ids: Vec<i32> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(client::Entity::find()
        .filter(client::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, name_of(&c)))
        .collect())
}

/// The invoice a search names by number ("1234", "#1234", "INV-1234"), if it exists.
pub async fn invoice_by_number(
    db: &impl ConnectionTrait,
    q: &str,
) -> Result<Option<InvoiceRow>, DbErr> {
    let digits: String = q
        .trim()
        .trim_start_matches(['#'])
        .trim_start_matches("INV-")
        .trim_start_matches("inv-")
        .to_owned();
    let Ok(id) = digits.parse::<i32>() else {
        return Ok(None);
    };
    let Some(inv) = invoice::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let names = client_names(db, std::iter::once(inv.client_id)).await?;
    Ok(Some(invoice_row(inv, &names)))
}

// Contacts.

impl From<client_contact::Model> for ContactView {
    fn from(c: client_contact::Model) -> Self {
        Self {
            id: c.id,
            client_id: c.client_id,
            version: c.version,
            form: ContactForm {
                first_name: c.first_name,
                last_name: c.last_name,
                email: c.email,
                phone: c.phone,
                email_general: flag(c.email_general),
                email_invoice: flag(c.email_invoice),
                email_support: flag(c.email_support),
                email_product: flag(c.email_product),
            },
        }
    }
}

pub async fn contacts_of(
    db: &impl ConnectionTrait,
    client_id: i32,
) -> Result<Vec<client_contact::Model>, DbErr> {
    client_contact::Entity::find()
        .filter(client_contact::Column::ClientId.eq(client_id))
        .order_by_asc(client_contact::Column::Id)
        .all(db)
        .await
}

/// A contact of `client_id`; another client's contact does not exist here.
pub async fn find_contact(
    db: &impl ConnectionTrait,
    client_id: i32,
    id: i32,
) -> Result<client_contact::Model, ClientError> {
    client_contact::Entity::find_by_id(id)
        .filter(client_contact::Column::ClientId.eq(client_id))
        .one(db)
        .await?
        .ok_or(ClientError::NotFound)
}

fn contact_snapshot(c: &ContactInput) -> serde_json::Value {
    serde_json::json!({ "contact": {
        "first_name": c.first_name, "last_name": c.last_name, "email": c.email.as_str(),
        "phone": c.phone, "email_general": c.email_general, "email_invoice": c.email_invoice,
        "email_support": c.email_support, "email_product": c.email_product,
    }})
}

/// Adds a contact (`id` None) or saves one at the version its form loaded.
pub async fn save_contact<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    id: Option<i32>,
    input: ContactInput,
    version: Expected,
) -> Result<i32, ClientError> {
    let owner = find(db, client_id).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let saved_id = match id {
        None => {
            client_contact::ActiveModel {
                client_id: Set(client_id),
                first_name: Set(input.first_name.clone()),
                last_name: Set(input.last_name.clone()),
                email: Set(input.email.as_str().to_owned()),
                phone: Set(input.phone.clone()),
                email_general: Set(input.email_general),
                email_invoice: Set(input.email_invoice),
                email_support: Set(input.email_support),
                email_product: Set(input.email_product),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
        Some(id) => {
            let version = within(version, find_contact(&txn, client_id, id).await?.version)?;
            let change = client_contact::Entity::update_many()
                .col_expr(
                    client_contact::Column::FirstName,
                    Expr::value(input.first_name.clone()),
                )
                .col_expr(
                    client_contact::Column::LastName,
                    Expr::value(input.last_name.clone()),
                )
                .col_expr(
                    client_contact::Column::Email,
                    Expr::value(input.email.as_str()),
                )
                .col_expr(
                    client_contact::Column::Phone,
                    Expr::value(input.phone.clone()),
                )
                .col_expr(
                    client_contact::Column::EmailGeneral,
                    Expr::value(input.email_general),
                )
                .col_expr(
                    client_contact::Column::EmailInvoice,
                    Expr::value(input.email_invoice),
                )
                .col_expr(
                    client_contact::Column::EmailSupport,
                    Expr::value(input.email_support),
                )
                .col_expr(
                    client_contact::Column::EmailProduct,
                    Expr::value(input.email_product),
                )
                .filter(client_contact::Column::Id.eq(id));
            let updated = guarded(change, client_contact::Column::Version, version)
                .exec(&txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(ClientError::ChangedMeanwhile);
            }
            id
        }
    };
    let event = Event::new(Action::ClientContactSaved, Some(target(&owner)))
        .after(contact_snapshot(&input));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(saved_id)
}

pub async fn delete_contact<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    id: i32,
    version: Expected,
) -> Result<(), ClientError> {
    let owner = find(db, client_id).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let contact = find_contact(&txn, client_id, id).await?;
    let Expected(Some(version)) = within(version, contact.version)? else {
        return Err(ClientError::ChangedMeanwhile);
    };
    let deleted = client_contact::Entity::delete_many()
        .filter(client_contact::Column::Id.eq(id))
        .filter(client_contact::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(ClientError::ChangedMeanwhile);
    }
    let event = Event::new(Action::ClientContactDeleted, Some(target(&owner))).before(
        serde_json::json!({ "contact": { "name": format!("{} {}", contact.first_name, contact.last_name), "email": contact.email } }),
    );
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

// Services.

impl From<client_service::Model> for ServiceView {
    fn from(s: client_service::Model) -> Self {
        let currency = currency_of(&s.currency);
        Self {
            id: s.id,
            client_id: s.client_id,
            price: display(s.amount, &s.currency),
            version: s.version,
            form: ServiceForm {
                product: s.product,
                domain: s.domain,
                billing_cycle: s.billing_cycle,
                amount: amount_text(s.amount, currency),
                currency: s.currency,
                next_due: s.next_due.map(day).unwrap_or_default(),
                status: s.status,
            },
        }
    }
}

pub async fn services_of(
    db: &impl ConnectionTrait,
    client_id: i32,
) -> Result<Vec<client_service::Model>, DbErr> {
    client_service::Entity::find()
        .filter(client_service::Column::ClientId.eq(client_id))
        .order_by_desc(client_service::Column::Id)
        .all(db)
        .await
}

pub async fn find_service(
    db: &impl ConnectionTrait,
    client_id: i32,
    id: i32,
) -> Result<client_service::Model, ClientError> {
    client_service::Entity::find_by_id(id)
        .filter(client_service::Column::ClientId.eq(client_id))
        .one(db)
        .await?
        .ok_or(ClientError::NotFound)
}

/// Adds a service (`id` None) or saves one at the version its form loaded.
pub async fn save_service<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    id: Option<i32>,
    input: ServiceInput,
    version: Expected,
) -> Result<i32, ClientError> {
    let owner = find(db, client_id).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let saved_id = match id {
        None => {
            client_service::ActiveModel {
                client_id: Set(client_id),
                product: Set(input.product.clone()),
                domain: Set(input.domain.clone()),
                billing_cycle: Set(input.billing_cycle.key().to_owned()),
                amount: Set(input.amount),
                currency: Set(input.currency.code().to_owned()),
                next_due: Set(input.next_due),
                status: Set(input.status.key().to_owned()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
        Some(id) => {
            let version = within(version, find_service(&txn, client_id, id).await?.version)?;
            let change = client_service::Entity::update_many()
                .col_expr(
                    client_service::Column::Product,
                    Expr::value(input.product.clone()),
                )
                .col_expr(
                    client_service::Column::Domain,
                    Expr::value(input.domain.clone()),
                )
                .col_expr(
                    client_service::Column::BillingCycle,
                    Expr::value(input.billing_cycle.key()),
                )
                .col_expr(client_service::Column::Amount, Expr::value(input.amount))
                .col_expr(
                    client_service::Column::Currency,
                    Expr::value(input.currency.code()),
                )
                .col_expr(client_service::Column::NextDue, Expr::value(input.next_due))
                .col_expr(
                    client_service::Column::Status,
                    Expr::value(input.status.key()),
                )
                .filter(client_service::Column::Id.eq(id));
            let updated = guarded(change, client_service::Column::Version, version)
                .exec(&txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(ClientError::ChangedMeanwhile);
            }
            id
        }
    };
    let event = Event::new(Action::ClientServiceSaved, Some(target(&owner))).after(
        serde_json::json!({ "service": {
            "id": saved_id, "product": input.product, "domain": input.domain,
            "billing_cycle": input.billing_cycle.key(),
            "amount": display(input.amount, input.currency.code()),
            "next_due": input.next_due.map(day), "status": input.status.key(),
        }}),
    );
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(saved_id)
}

// Invoices.

fn invoice_row(inv: invoice::Model, names: &HashMap<i32, String>) -> InvoiceRow {
    InvoiceRow {
        id: inv.id,
        client_id: inv.client_id,
        client: names.get(&inv.client_id).cloned().unwrap_or_default(),
        issued_on: day(inv.issued_on),
        due_on: day(inv.due_on),
        total: display(inv.total, &inv.currency),
        balance: display(inv.total - inv.paid, &inv.currency),
        status: InvoiceStatus::from_key(&inv.status).unwrap_or(InvoiceStatus::Unpaid),
    }
}

/// A client's newest invoices.
pub async fn invoices_of(
    db: &impl ConnectionTrait,
    client: &client::Model,
    limit: u64,
) -> Result<Vec<InvoiceRow>, DbErr> {
    let names = HashMap::from([(client.id, name_of(client))]);
    Ok(invoice::Entity::find()
        .filter(invoice::Column::ClientId.eq(client.id))
        .order_by_desc(invoice::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|i| invoice_row(i, &names))
        .collect())
}

/// Rows per page of a client's invoice list.
pub const INVOICE_PAGE: u64 = 50;

/// One page of a client's invoices, newest first, after invoice `after` (keyset); with
/// `issued_only`, drafts are left out (what the client itself sees).
pub async fn invoice_page(
    db: &impl ConnectionTrait,
    client: &client::Model,
    after: Option<i32>,
    issued_only: bool,
) -> Result<(Vec<InvoiceRow>, Option<String>), DbErr> {
    let names = HashMap::from([(client.id, name_of(client))]);
    let mut query = invoice::Entity::find().filter(invoice::Column::ClientId.eq(client.id));
    if issued_only {
        query = query.filter(invoice::Column::Status.ne(InvoiceStatus::Draft.key()));
    }
    if let Some(after) = after {
        query = query.filter(invoice::Column::Id.lt(after));
    }
    let mut rows = query
        .order_by_desc(invoice::Column::Id)
        .limit(INVOICE_PAGE + 1)
        .all(db)
        .await?;
    let limit = usize::try_from(INVOICE_PAGE).unwrap_or(usize::MAX);
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|i| i.id.to_string())
    } else {
        None
    };
    Ok((
        rows.into_iter().map(|i| invoice_row(i, &names)).collect(),
        next,
    ))
}

/// An invoice of `client_id`; another client's invoice does not exist here.
pub async fn find_invoice(
    db: &impl ConnectionTrait,
    client_id: i32,
    id: i32,
) -> Result<invoice::Model, ClientError> {
    invoice::Entity::find_by_id(id)
        .filter(invoice::Column::ClientId.eq(client_id))
        .one(db)
        .await?
        .ok_or(ClientError::NotFound)
}

/// The invoice with its lines and payments, as its page shows it.
pub async fn invoice_view(
    db: &impl ConnectionTrait,
    client_id: i32,
    id: i32,
    can_manage: bool,
) -> Result<InvoiceView, ClientError> {
    let owner = find(db, client_id).await?;
    let inv = find_invoice(db, client_id, id).await?;
    let currency = currency_of(&inv.currency);
    let items = invoice_item::Entity::find()
        .filter(invoice_item::Column::InvoiceId.eq(id))
        .order_by_asc(invoice_item::Column::Position)
        .all(db)
        .await?;
    let payments = invoice_payment::Entity::find()
        .filter(invoice_payment::Column::InvoiceId.eq(id))
        .order_by_asc(invoice_payment::Column::Id)
        .all(db)
        .await?;
    let mut lines = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        lines.insert(format!("d{i}"), item.description.clone());
        lines.insert(format!("a{i}"), amount_text(item.amount, currency));
        if item.taxed {
            lines.insert(format!("t{i}"), "on".to_owned());
        }
    }
    let names = HashMap::from([(owner.id, name_of(&owner))]);
    Ok(InvoiceView {
        client_name: name_of(&owner),
        form: InvoiceForm {
            issued_on: day(inv.issued_on),
            due_on: day(inv.due_on),
            currency: inv.currency.clone(),
            tax_rate: percent_text(inv.tax_rate),
            status: inv.status.clone(),
            notes: inv.notes.clone(),
            lines,
        },
        lines: items
            .iter()
            .map(|i| {
                (
                    i.description.clone(),
                    display(i.amount, &inv.currency),
                    i.taxed,
                )
            })
            .collect(),
        subtotal: display(inv.subtotal, &inv.currency),
        tax: display(inv.tax, &inv.currency),
        tax_rate: format!("{}%", percent_text(inv.tax_rate)),
        paid: display(inv.paid, &inv.currency),
        balance_amount: amount_text(inv.total - inv.paid, currency),
        has_payments: !payments.is_empty(),
        refundable: inv.paid > 0,
        payments: payments
            .into_iter()
            .map(|p| PaymentView {
                refund: p.kind == "refund",
                paid_on: day(p.paid_on),
                amount: display(p.amount, &inv.currency),
                method: p.method,
                reference: p.reference,
            })
            .collect(),
        can_manage,
        version: inv.version,
        row: invoice_row(inv, &names),
    })
}

fn invoice_snapshot(inv: &invoice::Model) -> serde_json::Value {
    serde_json::json!({ "invoice": {
        "number": inv.id, "issued_on": day(inv.issued_on), "due_on": day(inv.due_on),
        "total": display(inv.total, &inv.currency), "paid": display(inv.paid, &inv.currency),
        "status": inv.status,
    }})
}

/// Creates an invoice (`id` None) or saves one at the version its form loaded, with its lines;
/// the totals are computed by `invoice_totals` and the status settled against `today`. Only
/// draft, unpaid and overdue invoices can be edited, and one with payments cannot go back to draft.
#[allow(clippy::too_many_arguments)]
pub async fn save_invoice<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    client_id: i32,
    id: Option<i32>,
    input: InvoiceInput,
    version: Expected,
) -> Result<i32, ClientError> {
    let owner = find(db, client_id).await?;
    let today = now.date_naive();
    let totals = invoice_totals(&input.lines, input.tax_rate, owner.tax_exempt);
    let txn = crate::kernel::db::begin_write(db).await?;
    let (invoice_id, before) = match id {
        None => {
            let status = input.status.settle(totals.total, 0, input.due_on < today);
            let created = invoice::ActiveModel {
                client_id: Set(client_id),
                issued_on: Set(input.issued_on),
                due_on: Set(input.due_on),
                currency: Set(input.currency.code().to_owned()),
                tax_rate: Set(input.tax_rate),
                subtotal: Set(totals.subtotal),
                tax: Set(totals.tax),
                total: Set(totals.total),
                paid: Set(0),
                status: Set(status.key().to_owned()),
                notes: Set(input.notes.clone()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (created.id, None)
        }
        Some(id) => {
            let existing = find_invoice(&txn, client_id, id).await?;
            let version = within(version, existing.version)?;
            let current =
                InvoiceStatus::from_key(&existing.status).unwrap_or(InvoiceStatus::Unpaid);
            if !current.editable() {
                return Err(ClientError::NotEditable(current.key()));
            }
            // What was paid stays accounted for: refund it before cancelling, going back to a
            // draft, changing the currency, or lowering the total below it.
            let reshaped = matches!(
                input.status,
                InvoiceStatus::Draft | InvoiceStatus::Cancelled
            ) || existing.currency != input.currency.code();
            if existing.paid != 0 && reshaped {
                return Err(ClientError::HasPayments);
            }
            if totals.total < existing.paid {
                return Err(ClientError::BelowPaid);
            }
            let status = input
                .status
                .settle(totals.total, existing.paid, input.due_on < today);
            let change = invoice::Entity::update_many()
                .col_expr(invoice::Column::IssuedOn, Expr::value(input.issued_on))
                .col_expr(invoice::Column::DueOn, Expr::value(input.due_on))
                .col_expr(
                    invoice::Column::Currency,
                    Expr::value(input.currency.code()),
                )
                .col_expr(invoice::Column::TaxRate, Expr::value(input.tax_rate))
                .col_expr(invoice::Column::Subtotal, Expr::value(totals.subtotal))
                .col_expr(invoice::Column::Tax, Expr::value(totals.tax))
                .col_expr(invoice::Column::Total, Expr::value(totals.total))
                .col_expr(invoice::Column::Status, Expr::value(status.key()))
                .col_expr(invoice::Column::Notes, Expr::value(input.notes.clone()))
                .filter(invoice::Column::Id.eq(id))
                // Settled meanwhile (a payment landed): no longer editable.
                .filter(invoice::Column::Status.is_in(["draft", "unpaid", "overdue"]));
            let updated = guarded(change, invoice::Column::Version, version)
                .exec(&txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(ClientError::ChangedMeanwhile);
            }
            invoice_item::Entity::delete_many()
                .filter(invoice_item::Column::InvoiceId.eq(id))
                .exec(&txn)
                .await?;
            (id, Some(invoice_snapshot(&existing)))
        }
    };
    for (position, line) in input.lines.iter().enumerate() {
        invoice_item::ActiveModel {
            invoice_id: Set(invoice_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            description: Set(line.description.clone()),
            amount: Set(line.amount),
            taxed: Set(line.taxed),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let saved = find_invoice(&txn, client_id, invoice_id).await?;
    let mut event =
        Event::new(Action::InvoiceSaved, Some(target(&owner))).after(invoice_snapshot(&saved));
    if let Some(before) = before {
        event = event.before(before);
    }
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(invoice_id)
}

/// Records a payment (or, with `refund`, a refund) against an invoice at the version its page
/// loaded. A payment without an amount pays the balance ("Mark paid"); a refund without one
/// refunds everything paid. A payment may not exceed the balance, nor a refund what was paid.
#[allow(clippy::too_many_arguments)]
pub async fn record_payment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    admin_id: Option<i32>,
    client_id: i32,
    id: i32,
    form: &PaymentForm,
    refund: bool,
    version: Expected,
) -> Result<(), ClientError> {
    let owner = find(db, client_id).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let inv = find_invoice(&txn, client_id, id).await?;
    let version = within(version, inv.version)?;
    // The amount is read in the currency of the invoice as this transaction sees it.
    let input = PaymentInput::parse(form, currency_of(&inv.currency))
        .map_err(|(field, err)| ClientError::Invalid(field, err))?;
    let status = InvoiceStatus::from_key(&inv.status).unwrap_or(InvoiceStatus::Unpaid);
    let balance = inv.total - inv.paid;
    let overdue = inv.due_on < now.date_naive();
    let (amount, paid, next) = if refund {
        if inv.paid <= 0 {
            return Err(ClientError::MoreThanPaid);
        }
        let amount = input.amount.unwrap_or(inv.paid);
        if amount > inv.paid {
            return Err(ClientError::MoreThanPaid);
        }
        let paid = inv.paid - amount;
        let paid_in: i64 = invoice_payment::Entity::find()
            .filter(invoice_payment::Column::InvoiceId.eq(id))
            .filter(invoice_payment::Column::Kind.eq("payment"))
            .all(&txn)
            .await?
            .iter()
            .map(|p| p.amount)
            .sum();
        // Refunded: it was paid in full, and all of it went back. Otherwise what is owed again
        // is owed: the invoice is unpaid (or overdue) until it is paid, edited or cancelled.
        let next = if paid == 0 && paid_in >= inv.total {
            InvoiceStatus::Refunded
        } else {
            status.settle(inv.total, paid, overdue)
        };
        (amount, paid, next)
    } else {
        if !status.payable() {
            return Err(ClientError::NotPayable(status.key()));
        }
        let amount = input.amount.unwrap_or(balance);
        if amount > balance || amount <= 0 {
            return Err(ClientError::MoreThanBalance);
        }
        let paid = inv.paid + amount;
        (amount, paid, status.settle(inv.total, paid, overdue))
    };
    let change = invoice::Entity::update_many()
        .col_expr(invoice::Column::Paid, Expr::value(paid))
        .col_expr(invoice::Column::Status, Expr::value(next.key()))
        .filter(invoice::Column::Id.eq(id));
    let updated = guarded(change, invoice::Column::Version, version)
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ClientError::ChangedMeanwhile);
    }
    invoice_payment::ActiveModel {
        invoice_id: Set(id),
        kind: Set(if refund { "refund" } else { "payment" }.to_owned()),
        paid_on: Set(input.paid_on),
        amount: Set(amount),
        method: Set(input.method.clone()),
        reference: Set(input.reference.clone()),
        admin_id: Set(admin_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let action = if refund {
        Action::RefundRecorded
    } else {
        Action::PaymentRecorded
    };
    let event = Event::new(action, Some(target(&owner))).after(serde_json::json!({ "payment": {
        "invoice": id, "amount": display(amount, &inv.currency), "method": input.method,
        "reference": input.reference, "paid_on": day(input.paid_on), "status": next.key(),
    }}));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// Unpaid invoices whose due date has passed become overdue: run by the periodic jobs.
pub async fn mark_overdue(db: &impl ConnectionTrait, today: NaiveDate) -> Result<u64, DbErr> {
    let change = invoice::Entity::update_many()
        .col_expr(
            invoice::Column::Status,
            Expr::value(InvoiceStatus::Overdue.key()),
        )
        .filter(invoice::Column::Status.eq(InvoiceStatus::Unpaid.key()))
        .filter(invoice::Column::DueOn.lt(today));
    Ok(guarded(change, invoice::Column::Version, Expected(None))
        .exec(db)
        .await?
        .rows_affected)
}

/// A client's invoice figures per currency: count and sum of the totals of paid invoices, and of
/// the balances of unpaid and overdue ones. One grouped query.
pub async fn totals_of(
    db: &impl ConnectionTrait,
    client_id: i32,
) -> Result<Vec<InvoiceTotals>, DbErr> {
    let rows: Vec<(String, String, i64, i64, i64)> = invoice::Entity::find()
        .select_only()
        .column(invoice::Column::Currency)
        .column(invoice::Column::Status)
        .column_as(invoice::Column::Id.count(), "n")
        .column_as(Expr::cust("CAST(SUM(\"total\") AS BIGINT)"), "total")
        .column_as(Expr::cust("CAST(SUM(\"paid\") AS BIGINT)"), "paid")
        .filter(invoice::Column::ClientId.eq(client_id))
        .filter(invoice::Column::Status.is_in(["paid", "unpaid", "overdue"]))
        .group_by(invoice::Column::Currency)
        .group_by(invoice::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut by: Vec<InvoiceTotals> = Vec::new();
    for (currency, status, n, total, paid) in rows {
        let entry = match by.iter_mut().position(|t| t.currency == currency) {
            Some(i) => &mut by[i],
            None => {
                by.push(InvoiceTotals {
                    currency: currency.clone(),
                    paid: (0, display(0, &currency)),
                    unpaid: (0, display(0, &currency)),
                    overdue: (0, display(0, &currency)),
                });
                by.last_mut().expect("just pushed")
            }
        };
        match status.as_str() {
            "paid" => entry.paid = (n, display(total, &currency)),
            "unpaid" => entry.unpaid = (n, display(total - paid, &currency)),
            _ => entry.overdue = (n, display(total - paid, &currency)),
        }
    }
    by.sort_by(|a, b| a.currency.cmp(&b.currency));
    Ok(by)
}

pub async fn invoice_count(db: &impl ConnectionTrait, client_id: i32) -> Result<u64, DbErr> {
    invoice::Entity::find()
        .filter(invoice::Column::ClientId.eq(client_id))
        .count(db)
        .await
}

// Notes.

/// A client's notes, sticky ones first, newest first; `viewer` may edit their own, and a manager
/// any.
pub async fn notes_of(
    db: &impl ConnectionTrait,
    client_id: i32,
    viewer: &CurrentAdmin,
) -> Result<Vec<NoteView>, DbErr> {
    let notes = client_note::Entity::find()
        .filter(client_note::Column::ClientId.eq(client_id))
        .order_by_desc(client_note::Column::Sticky)
        .order_by_desc(client_note::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let ids: Vec<i32> = notes.iter().map(|n| n.admin_id).collect();
    let authors: HashMap<i32, String> = if ids.is_empty() {
        HashMap::new()
    } else {
        admin::Entity::find()
            .filter(admin::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
            .collect()
    };
    let manager = viewer.can(Permission::ManageClients);
    Ok(notes
        .into_iter()
        .map(|n| NoteView {
            id: n.id,
            author: authors.get(&n.admin_id).cloned().unwrap_or_default(),
            at: when(n.created_at),
            edited: (n.updated_at != n.created_at).then(|| when(n.updated_at)),
            body: n.body,
            sticky: n.sticky,
            can_edit: manager || n.admin_id == viewer.id,
            version: n.version,
        })
        .collect())
}

/// Adds a note (`id` None), or saves one at the version its form loaded: only its author or a
/// manager may.
#[allow(clippy::too_many_arguments)]
pub async fn save_note<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    viewer: &CurrentAdmin,
    client_id: i32,
    id: Option<i32>,
    body: String,
    sticky: bool,
    version: Expected,
) -> Result<(), ClientError> {
    let owner = find(db, client_id).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let note_id = match id {
        None => {
            client_note::ActiveModel {
                client_id: Set(client_id),
                admin_id: Set(viewer.id),
                body: Set(body.clone()),
                sticky: Set(sticky),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
        Some(id) => {
            let note = find_note(&txn, client_id, id).await?;
            if note.admin_id != viewer.id && !viewer.can(Permission::ManageClients) {
                return Err(ClientError::NotYourNote);
            }
            let version = within(version, note.version)?;
            let change = client_note::Entity::update_many()
                .col_expr(client_note::Column::Body, Expr::value(body.clone()))
                .col_expr(client_note::Column::Sticky, Expr::value(sticky))
                .col_expr(client_note::Column::UpdatedAt, Expr::value(now))
                .filter(client_note::Column::Id.eq(id));
            let updated = guarded(change, client_note::Column::Version, version)
                .exec(&txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(ClientError::ChangedMeanwhile);
            }
            id
        }
    };
    // The note itself stays with the client: the Activity Log, open to roles that may not read
    // notes, records only which note changed.
    let event =
        Event::new(Action::ClientNoteSaved, Some(target(&owner))).after(serde_json::json!({
            "note": { "id": note_id, "sticky": sticky, "characters": body.chars().count() }
        }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

async fn find_note(
    db: &impl ConnectionTrait,
    client_id: i32,
    id: i32,
) -> Result<client_note::Model, ClientError> {
    client_note::Entity::find_by_id(id)
        .filter(client_note::Column::ClientId.eq(client_id))
        .one(db)
        .await?
        .ok_or(ClientError::NotFound)
}

pub async fn delete_note<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    viewer: &CurrentAdmin,
    client_id: i32,
    id: i32,
    version: Expected,
) -> Result<(), ClientError> {
    let owner = find(db, client_id).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let note = find_note(&txn, client_id, id).await?;
    if note.admin_id != viewer.id && !viewer.can(Permission::ManageClients) {
        return Err(ClientError::NotYourNote);
    }
    let Expected(Some(version)) = within(version, note.version)? else {
        return Err(ClientError::ChangedMeanwhile);
    };
    let deleted = client_note::Entity::delete_many()
        .filter(client_note::Column::Id.eq(id))
        .filter(client_note::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(ClientError::ChangedMeanwhile);
    }
    let event = Event::new(Action::ClientNoteDeleted, Some(target(&owner)))
        .before(serde_json::json!({ "note": { "id": id, "sticky": note.sticky } }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// The client's own activity: the audit trail's events about it and about its users, newest
/// first.
pub async fn log_of(
    db: &impl ConnectionTrait,
    client_id: i32,
    limit: u64,
) -> Result<Vec<LogLine>, DbErr> {
    use sea_orm::sea_query::Query;
    // Events about the client, and about its users (their logins and account changes).
    let users_of_client = Query::select()
        .column(crate::entities::client_user::Column::UserId)
        .from(crate::entities::client_user::Entity)
        .and_where(crate::entities::client_user::Column::ClientId.eq(client_id))
        .to_owned();
    Ok(audit_event::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(audit_event::Column::TargetType.eq("client"))
                        .add(audit_event::Column::TargetId.eq(client_id)),
                )
                .add(
                    Condition::all()
                        .add(audit_event::Column::TargetType.eq("user"))
                        .add(audit_event::Column::TargetId.in_subquery(users_of_client)),
                ),
        )
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|e| LogLine {
            at: when(e.at),
            actor: e.actor_name,
            action: Action::from_key(&e.action).map_or_else(|| e.action.clone(), |a| a.label()),
        })
        .collect())
}

/// The Dashboard's clients figures: new clients this month, overdue invoices (count and total per
/// currency) and services due in the next 7 days.
pub async fn dashboard_figures(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<(u64, u64, Vec<String>, u64), DbErr> {
    use chrono::Datelike;
    let month_start = now
        .date_naive()
        .with_day(1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or(now);
    let new_clients = client::Entity::find()
        .filter(client::Column::CreatedAt.gte(month_start))
        .count(db)
        .await?;
    let overdue: Vec<(String, i64, i64)> = invoice::Entity::find()
        .select_only()
        .column(invoice::Column::Currency)
        .column_as(invoice::Column::Id.count(), "n")
        .column_as(
            Expr::cust("CAST(SUM(\"total\" - \"paid\") AS BIGINT)"),
            "due",
        )
        .filter(invoice::Column::Status.eq(InvoiceStatus::Overdue.key()))
        .group_by(invoice::Column::Currency)
        .into_tuple()
        .all(db)
        .await?;
    let overdue_count = overdue.iter().map(|(_, n, _)| *n).sum::<i64>();
    let mut overdue_totals: Vec<String> = overdue
        .into_iter()
        .map(|(c, _, due)| display(due, &c))
        .collect();
    overdue_totals.sort();
    let today = now.date_naive();
    let due_soon = client_service::Entity::find()
        .filter(client_service::Column::Status.eq(ServiceStatus::Active.key()))
        .filter(client_service::Column::NextDue.gte(today))
        .filter(client_service::Column::NextDue.lte(today + chrono::Duration::days(7)))
        .count(db)
        .await?;
    Ok((
        new_clients,
        u64::try_from(overdue_count).unwrap_or(0),
        overdue_totals,
        due_soon,
    ))
}
