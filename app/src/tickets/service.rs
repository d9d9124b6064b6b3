//! The support desk's storage and rules: opening tickets, replies and notes, changes and
//! assignment, the queue with its counts and full-text search, and the email each step sends.
//! Every change writes its audit row, its counters and its outbox messages in its transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rand_core::{OsRng, RngCore};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr, Statement, TransactionSession,
    TransactionTrait,
};

use super::attachments::Stored;
use super::mail;
use super::model::{
    AttachmentView, MessageBody, MessageView, NewTicket, Priority, QueueFilter, Status, TicketRow,
    readable_size,
};
use crate::entities::{
    admin, admin_department, department, role, role_permission, ticket, ticket_attachment,
    ticket_count, ticket_draft, ticket_message,
};
use crate::kernel::audit::{self, Action, Actor, Event, Target};
use crate::kernel::i18n::Lang;
use crate::kernel::time::when;
use crate::kernel::{CurrentAdmin, Permission};

/// Rows per page of the queue.
pub const PAGE_SIZE: u64 = 50;

#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    #[error("no such ticket, or not in a department the viewer sees")]
    NotFound,
    #[error("unknown or hidden department")]
    UnknownDepartment,
    #[error("the assignee is not an active admin of the ticket's department")]
    NotInDepartment,
    #[error("{0} is not a ticket the viewer sees")]
    NotInScope(String),
    #[error("a merge needs two or more tickets")]
    MergeNeedsTwo,
    #[error("the tickets have different requesters")]
    DifferentRequesters,
    #[error("too many tickets at once")]
    TooMany,
    #[error("new messages arrived since the writer last looked")]
    ThreadMoved,
    #[error("the ticket changed meanwhile: {0:?}")]
    ChangedMeanwhile(Vec<&'static str>),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// What a request needs to know besides the database: the sender-facing names and addresses.
pub struct Desk<'a> {
    pub organization: &'a str,
    pub public_url: &'a str,
    /// The language of email to requesters (they have no account yet).
    pub requester_lang: Lang,
}

impl<'a> Desk<'a> {
    pub fn from_settings(settings: &'a crate::kernel::settings::Settings) -> Self {
        Self {
            organization: &settings.organization.name,
            public_url: &settings.server.public_url,
            requester_lang: Lang::from_code(&settings.organization.language).unwrap_or_default(),
        }
    }
}

/// The departments whose tickets an admin sees: all, or the ones they belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Departments(Vec<i32>),
}

impl Scope {
    pub fn allows(&self, department_id: i32) -> bool {
        match self {
            Self::All => true,
            Self::Departments(ids) => ids.contains(&department_id),
        }
    }

    fn condition(&self) -> Condition {
        match self {
            Self::All => Condition::all(),
            Self::Departments(ids) => {
                Condition::all().add(ticket::Column::DepartmentId.is_in(ids.clone()))
            }
        }
    }
}

pub async fn scope_of(db: &impl ConnectionTrait, viewer: &CurrentAdmin) -> Result<Scope, DbErr> {
    if viewer.can(Permission::ViewAllTicketDepartments) {
        return Ok(Scope::All);
    }
    Ok(Scope::Departments(
        admin_department::Entity::find()
            .filter(admin_department::Column::AdminId.eq(viewer.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.department_id)
            .collect(),
    ))
}

/// The departments in scope, by name, for filters and forms (hidden ones only where a ticket
/// already is, so the queue can still filter by them).
pub async fn departments_in(
    db: &impl ConnectionTrait,
    scope: &Scope,
    with_hidden: bool,
) -> Result<Vec<(i32, String)>, DbErr> {
    let mut query = department::Entity::find().order_by_asc(department::Column::Name);
    if !with_hidden {
        query = query.filter(department::Column::Hidden.eq(false));
    }
    if let Scope::Departments(ids) = scope {
        query = query.filter(department::Column::Id.is_in(ids.clone()));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect())
}

/// A new public reference: three letters and six digits from the OS's random source, such as
/// `KTR-482913` (13.8 billion possibilities, so references cannot be guessed or walked).
pub fn new_reference() -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 9];
    OsRng.fill_bytes(&mut bytes);
    let letters: String = bytes[..3]
        .iter()
        .map(|b| LETTERS[usize::from(*b) % LETTERS.len()] as char)
        .collect();
    let number = u32::from_le_bytes([bytes[3], bytes[4], bytes[5], bytes[6]]) % 1_000_000;
    format!("{letters}-{number:06}")
}

/// `bytes` random bytes from the OS, as hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `text` has the shape of a reference; anything else is not looked up at all.
pub fn is_reference(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[3] == b'-'
        && b[4..].iter().all(u8::is_ascii_digit)
}

/// Moves `delta` tickets in or out of a department's count for a status.
pub async fn count(
    txn: &impl ConnectionTrait,
    department_id: i32,
    status: Status,
    delta: i64,
) -> Result<(), DbErr> {
    let backend = txn.get_database_backend();
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        match backend {
            DbBackend::Postgres => {
                "INSERT INTO ticket_counts (department_id, status, tickets) VALUES ($1, $2, $3) \
                 ON CONFLICT (department_id, status) \
                 DO UPDATE SET tickets = ticket_counts.tickets + EXCLUDED.tickets"
            }
            _ => {
                "INSERT INTO ticket_counts (department_id, status, tickets) VALUES (?, ?, ?) \
                 ON CONFLICT (department_id, status) \
                 DO UPDATE SET tickets = ticket_counts.tickets + excluded.tickets"
            }
        },
        [department_id.into(), status.key().into(), delta.into()],
    ))
    .await?;
    Ok(())
}

/// Adds text to the SQLite search index (PostgreSQL indexes generated columns by itself).
pub(super) async fn index_text(
    txn: &impl ConnectionTrait,
    ticket_id: i32,
    text: &str,
) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Sqlite {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "INSERT INTO ticket_search (ticket_id, body) VALUES (?, ?)",
            [ticket_id.into(), text.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Appends a message to a ticket's thread and to the search index. A message with an admin
/// author is staff's; without, the requester's.
pub(super) async fn add_message(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    ticket_id: i32,
    kind: &str,
    author_admin_id: Option<i32>,
    author_name: &str,
    text: &str,
) -> Result<i64, DbErr> {
    let message = ticket_message::ActiveModel {
        ticket_id: Set(ticket_id),
        kind: Set(kind.to_owned()),
        author_kind: Set(if author_admin_id.is_some() {
            "staff"
        } else {
            "requester"
        }
        .to_owned()),
        author_admin_id: Set(author_admin_id),
        author_name: Set(author_name.to_owned()),
        body: Set(text.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    index_text(txn, ticket_id, text).await?;
    Ok(message.id)
}

/// Records files already stored on disk as attachments of message `message_id`.
pub(super) async fn attach(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    ticket_id: i32,
    message_id: i64,
    files: &[Stored],
) -> Result<(), DbErr> {
    for file in files {
        ticket_attachment::ActiveModel {
            ticket_id: Set(ticket_id),
            message_id: Set(message_id),
            stored_name: Set(file.stored_name.clone()),
            file_name: Set(file.name.clone()),
            content_type: Set(file.kind.content_type().to_owned()),
            size: Set(file.size),
            sha256: Set(file.sha256.clone()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Refuses a message written while the thread moved on: `seen` is the newest message the writer
/// had seen (None: not checked).
async fn check_seen(
    txn: &impl ConnectionTrait,
    ticket_id: i32,
    seen: Option<i64>,
) -> Result<(), TicketError> {
    let Some(seen) = seen else { return Ok(()) };
    let newer = ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .filter(ticket_message::Column::Id.gt(seen))
        .one(txn)
        .await?;
    match newer {
        Some(_) => Err(TicketError::ThreadMoved),
        None => Ok(()),
    }
}

/// Whether `admin_id` wrote on the ticket after message `seen`.
pub async fn wrote_since(
    db: &impl ConnectionTrait,
    ticket_id: i32,
    admin_id: i32,
    seen: i64,
) -> Result<bool, DbErr> {
    Ok(ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .filter(ticket_message::Column::Id.gt(seen))
        .filter(ticket_message::Column::AuthorAdminId.eq(admin_id))
        .one(db)
        .await?
        .is_some())
}

/// The newest message id of a ticket's thread (0 when empty): what its reply forms carry.
pub async fn newest_message_id(db: &impl ConnectionTrait, ticket_id: i32) -> Result<i64, DbErr> {
    Ok(ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .order_by_desc(ticket_message::Column::Id)
        .one(db)
        .await?
        .map_or(0, |m| m.id))
}

/// Ends `admin_id`'s draft on a ticket (it was sent).
async fn drop_draft(
    txn: &impl ConnectionTrait,
    ticket_id: i32,
    admin_id: i32,
) -> Result<(), DbErr> {
    ticket_draft::Entity::update_many()
        .col_expr(ticket_draft::Column::Body, Expr::value(""))
        .filter(ticket_draft::Column::TicketId.eq(ticket_id))
        .filter(ticket_draft::Column::AdminId.eq(admin_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Tickets per status in `scope`, from the counters: one small read whatever the number of
/// tickets.
pub async fn counts(db: &impl ConnectionTrait, scope: &Scope) -> Result<Vec<(Status, i64)>, DbErr> {
    let mut query = ticket_count::Entity::find();
    if let Scope::Departments(ids) = scope {
        query = query.filter(ticket_count::Column::DepartmentId.is_in(ids.clone()));
    }
    let mut totals: HashMap<Status, i64> = HashMap::new();
    for row in query.all(db).await? {
        if let Some(status) = Status::from_key(&row.status) {
            *totals.entry(status).or_default() += row.tickets;
        }
    }
    Ok(Status::ALL
        .into_iter()
        .map(|s| (s, totals.get(&s).copied().unwrap_or(0)))
        .collect())
}

/// Awaiting-reply tickets per department in `scope`: (department name, count).
pub async fn awaiting_by_department(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<(String, i64)>, DbErr> {
    let names: HashMap<i32, String> = departments_in(db, scope, true).await?.into_iter().collect();
    let mut query = ticket_count::Entity::find()
        .filter(ticket_count::Column::Status.is_in(Status::AWAITING_REPLY.map(|s| s.key())));
    if let Scope::Departments(ids) = scope {
        query = query.filter(ticket_count::Column::DepartmentId.is_in(ids.clone()));
    }
    let mut by: HashMap<i32, i64> = HashMap::new();
    for row in query.all(db).await? {
        *by.entry(row.department_id).or_default() += row.tickets;
    }
    let mut out: Vec<(String, i64)> = by
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .filter_map(|(id, n)| names.get(&id).map(|name| (name.clone(), n)))
        .collect();
    out.sort();
    Ok(out)
}

/// The keyword as an FTS5 query: every word quoted (so nothing in it is query syntax), all of
/// them required.
fn fts5_query(words: &str) -> String {
    words
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many of the most recent matching texts a keyword search looks at: a word found in most
/// tickets must not cost a pass over all of them on every page.
const SEARCH_LIMIT: u32 = 5_000;

/// The tickets whose subject or messages contain every word of `q` (among the most recent
/// `SEARCH_LIMIT` matching texts): FTS5 on SQLite, `tsvector` on PostgreSQL. The one place the two
/// databases' full-text search differ.
fn matching(backend: DbBackend, q: &str) -> Condition {
    match backend {
        DbBackend::Postgres => Condition::any()
            .add(Expr::cust_with_values(
                "\"tickets\".\"search\" @@ plainto_tsquery('simple', $1)",
                [q.to_owned()],
            ))
            .add(Expr::cust_with_values(
                format!(
                    "\"tickets\".\"id\" IN (SELECT ticket_id FROM ticket_messages \
                     WHERE search @@ plainto_tsquery('simple', $1) ORDER BY id DESC LIMIT {SEARCH_LIMIT})"
                ),
                [q.to_owned()],
            )),
        _ => Condition::all().add(Expr::cust_with_values(
            format!(
                "\"tickets\".\"id\" IN (SELECT ticket_id FROM ticket_search \
                 WHERE ticket_search MATCH ? ORDER BY rowid DESC LIMIT {SEARCH_LIMIT})"
            ),
            [fts5_query(q)],
        )),
    }
}

/// A queue cursor: the last row's reply time (microseconds) and id.
fn parse_cursor(text: &str) -> Option<(DateTime<Utc>, i32)> {
    let (at, id) = text.split_once('.')?;
    // Years 1970 to 9999: every database stores those; a crafted value outside is no cursor.
    let micros: i64 = at
        .parse()
        .ok()
        .filter(|m| (0..=253_402_300_799_000_000).contains(m))?;
    Some((DateTime::from_timestamp_micros(micros)?, id.parse().ok()?))
}

fn cursor_of(t: &ticket::Model) -> String {
    format!("{}.{}", t.last_reply_at.timestamp_micros(), t.id)
}

/// One page of the queue for `viewer`, newest reply first, after `after` (keyset: the same cost
/// on any page). Four queries whatever the page.
pub async fn queue(
    db: &impl ConnectionTrait,
    viewer: &CurrentAdmin,
    scope: &Scope,
    filter: &QueueFilter,
    after: Option<&str>,
) -> Result<(Vec<TicketRow>, Option<String>), DbErr> {
    let mut query = ticket::Entity::find().filter(scope.condition());
    if let Ok(department) = filter.department.trim().parse::<i32>() {
        query = query.filter(ticket::Column::DepartmentId.eq(department));
    }
    if let Some(priority) = Priority::from_key(filter.priority.trim()) {
        query = query.filter(ticket::Column::Priority.eq(priority.key()));
    }
    match filter.assigned.trim() {
        "mine" => query = query.filter(ticket::Column::AssignedAdminId.eq(viewer.id)),
        "unassigned" => query = query.filter(ticket::Column::AssignedAdminId.is_null()),
        _ => {}
    }
    // Control characters can be in no stored text, and PostgreSQL refuses a NUL in a parameter.
    let q: String = filter
        .q
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    if !q.trim().is_empty() {
        query = query.filter(matching(db.get_database_backend(), q.trim()));
    }
    if let Some((at, id)) = after.and_then(parse_cursor) {
        // A row-value comparison, which both databases answer with one index range.
        query = query.filter(
            Expr::tuple([
                Expr::col((ticket::Entity, ticket::Column::LastReplyAt)),
                Expr::col((ticket::Entity, ticket::Column::Id)),
            ])
            .lt(Expr::tuple([Expr::value(at), Expr::value(id)])),
        );
    }
    let page = |query: sea_orm::Select<ticket::Entity>| {
        query
            .order_by_desc(ticket::Column::LastReplyAt)
            .order_by_desc(ticket::Column::Id)
            .limit(PAGE_SIZE + 1)
    };
    let statuses = filter.statuses();
    // One ordered index range per status, merged here: a database cannot walk several ranges of
    // one index in a single order, and would otherwise sort every matching ticket for each page.
    let mut rows = if statuses.len() == Status::ALL.len() {
        page(query).all(db).await?
    } else {
        let mut merged = Vec::new();
        for status in statuses {
            merged.extend(
                page(
                    query
                        .clone()
                        .filter(ticket::Column::Status.eq(status.key())),
                )
                .all(db)
                .await?,
            );
        }
        merged.sort_by_key(|t| std::cmp::Reverse((t.last_reply_at, t.id)));
        merged.truncate(usize::try_from(PAGE_SIZE + 1).unwrap_or(usize::MAX));
        merged
    };
    let limit = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(cursor_of)
    } else {
        None
    };
    let departments: HashMap<i32, String> = department::Entity::find()
        .filter(department::Column::Id.is_in(rows.iter().map(|t| t.department_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let admins = admin_names(db, rows.iter().filter_map(|t| t.assigned_admin_id)).await?;
    Ok((
        rows.into_iter()
            .map(|t| TicketRow {
                department: departments
                    .get(&t.department_id)
                    .cloned()
                    .unwrap_or_default(),
                status: Status::from_key(&t.status).unwrap_or(Status::Open),
                priority: Priority::from_key(&t.priority).unwrap_or(Priority::Medium),
                requester: t.requester_name,
                assigned: t.assigned_admin_id.and_then(|id| admins.get(&id).cloned()),
                last_reply: when(t.last_reply_at),
                last_reply_by_staff: t.last_reply_by == "staff",
                reference: t.reference,
                subject: t.subject,
            })
            .collect(),
        next,
    ))
}

async fn admin_names(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let ids: Vec<i32> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(admin::Entity::find()
        .filter(admin::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
        .collect())
}

/// The client a requester's address belongs to: a client's own address, or else a contact's of
/// exactly one client. A ticket from anyone else stays a guest's ticket. (An email's sender can be
/// forged: the link says whose address it came from, not who wrote it.)
pub async fn client_of_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<i32>, DbErr> {
    use crate::entities::{client, client_contact};
    let email = email.to_lowercase();
    if let Some(c) = client::Entity::find()
        .filter(client::Column::Email.eq(email.clone()))
        .one(db)
        .await?
    {
        return Ok(Some(c.id));
    }
    // A contact address several clients share says nothing about which one wrote.
    let mut owners: Vec<i32> = client_contact::Entity::find()
        .filter(client_contact::Column::Email.eq(email))
        .limit(20)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.client_id)
        .collect();
    owners.sort_unstable();
    owners.dedup();
    Ok(match owners[..] {
        [only] => Some(only),
        _ => None,
    })
}

/// The client's name, for the ticket page's link.
pub async fn client_name(
    db: &impl ConnectionTrait,
    client_id: i32,
) -> Result<Option<String>, DbErr> {
    Ok(crate::entities::client::Entity::find_by_id(client_id)
        .one(db)
        .await?
        .map(|c| format!("{} {}", c.first_name, c.last_name)))
}

/// A client's newest tickets that `scope` shows, newest reply first (its Summary).
pub async fn of_client(
    db: &impl ConnectionTrait,
    scope: &Scope,
    client_id: i32,
    limit: u64,
) -> Result<Vec<ticket::Model>, DbErr> {
    ticket::Entity::find()
        .filter(scope.condition())
        .filter(ticket::Column::ClientId.eq(client_id))
        .filter(ticket::Column::MergedIntoId.is_null())
        .order_by_desc(ticket::Column::LastReplyAt)
        .order_by_desc(ticket::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The ticket with this reference, if `scope` shows it. Outside the scope it does not exist.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: &Scope,
    reference: &str,
) -> Result<ticket::Model, TicketError> {
    lookup(db, scope, reference, false).await
}

/// As `find`, for a change: on PostgreSQL the row stays locked until the transaction ends, so two
/// writers to one ticket take turns (SQLite's write transactions already do).
pub(super) async fn find_for_update(
    txn: &impl ConnectionTrait,
    scope: &Scope,
    reference: &str,
) -> Result<ticket::Model, TicketError> {
    lookup(txn, scope, reference, true).await
}

async fn lookup(
    db: &impl ConnectionTrait,
    scope: &Scope,
    reference: &str,
    lock: bool,
) -> Result<ticket::Model, TicketError> {
    if !is_reference(reference) {
        return Err(TicketError::NotFound);
    }
    let lock = lock && db.get_database_backend() == DbBackend::Postgres;
    let locked = |query: sea_orm::Select<ticket::Entity>| {
        if lock { query.lock_exclusive() } else { query }
    };
    let mut found = locked(ticket::Entity::find().filter(ticket::Column::Reference.eq(reference)))
        .one(db)
        .await?;
    // A merged ticket's reference leads to the ticket it was merged into (which may itself have
    // been merged since; a merge never points back, so the walk ends).
    for _ in 0..16 {
        match found.as_ref().and_then(|t| t.merged_into_id) {
            Some(into) => {
                found = locked(ticket::Entity::find_by_id(into)).one(db).await?;
            }
            None => break,
        }
    }
    found
        .filter(|t| t.merged_into_id.is_none() && scope.allows(t.department_id))
        .ok_or(TicketError::NotFound)
}

/// The thread, oldest first (or newest first).
pub async fn messages(
    db: &impl ConnectionTrait,
    ticket_id: i32,
    newest_first: bool,
) -> Result<Vec<ticket_message::Model>, DbErr> {
    let query =
        ticket_message::Entity::find().filter(ticket_message::Column::TicketId.eq(ticket_id));
    // By time, then by id: a merge brings in messages written before newer ids.
    if newest_first {
        query
            .order_by_desc(ticket_message::Column::CreatedAt)
            .order_by_desc(ticket_message::Column::Id)
    } else {
        query
            .order_by_asc(ticket_message::Column::CreatedAt)
            .order_by_asc(ticket_message::Column::Id)
    }
    .all(db)
    .await
}

/// Messages of a ticket newer than `seen`, oldest first, as the page shows them: (id, view).
pub async fn messages_after(
    db: &impl ConnectionTrait,
    ticket_id: i32,
    seen: i64,
) -> Result<Vec<(i64, MessageView)>, DbErr> {
    let rows = ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .filter(ticket_message::Column::Id.gt(seen))
        .order_by_asc(ticket_message::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    Ok(message_views(db, rows)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect())
}

/// Messages as the page shows them, with their attachments.
pub async fn message_views(
    db: &impl ConnectionTrait,
    rows: Vec<ticket_message::Model>,
) -> Result<Vec<MessageView>, DbErr> {
    let mut files: HashMap<i64, Vec<AttachmentView>> = HashMap::new();
    if !rows.is_empty() {
        for a in ticket_attachment::Entity::find()
            .filter(ticket_attachment::Column::MessageId.is_in(rows.iter().map(|m| m.id)))
            .order_by_asc(ticket_attachment::Column::Id)
            .all(db)
            .await?
        {
            files.entry(a.message_id).or_default().push(AttachmentView {
                id: a.id,
                size: readable_size(a.size),
                image: super::attachments::Kind::from_content_type(&a.content_type)
                    .is_some_and(super::attachments::Kind::is_image),
                name: a.file_name,
            });
        }
    }
    Ok(rows
        .into_iter()
        .map(|m| MessageView {
            id: m.id,
            attachments: files.remove(&m.id).unwrap_or_default(),
            note: m.kind == "note",
            by_staff: m.author_kind == "staff",
            author: m.author_name,
            at: when(m.created_at),
            body: m.body,
        })
        .collect())
}

/// Of `admins`, those whose role lets them see tickets (Full Administrator, or a role holding
/// "View support tickets").
async fn ticket_viewers(
    db: &impl ConnectionTrait,
    admins: Vec<admin::Model>,
) -> Result<Vec<admin::Model>, DbErr> {
    let roles: HashMap<i32, role::Model> = role::Entity::find()
        .filter(role::Column::Id.is_in(admins.iter().map(|a| a.role_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let viewers: Vec<i32> = role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.is_in(roles.keys().copied()))
        .filter(role_permission::Column::Permission.eq(Permission::ViewTickets.key()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.role_id)
        .collect();
    Ok(admins
        .into_iter()
        .filter(|a| {
            roles
                .get(&a.role_id)
                .is_some_and(|r| r.key.as_deref() == Some("full_administrator"))
                || viewers.contains(&a.role_id)
        })
        .collect())
}

/// The active admins of a department who may see its tickets: whom a ticket can be assigned to.
/// (id, name), by name.
pub async fn department_admins(
    db: &impl ConnectionTrait,
    department_id: i32,
) -> Result<Vec<(i32, String)>, DbErr> {
    let ids: Vec<i32> = admin_department::Entity::find()
        .filter(admin_department::Column::DepartmentId.eq(department_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.admin_id)
        .collect();
    let admins = admin::Entity::find()
        .filter(admin::Column::Id.is_in(ids))
        .filter(admin::Column::DisabledAt.is_null())
        .order_by_asc(admin::Column::FirstName)
        .order_by_asc(admin::Column::LastName)
        .all(db)
        .await?;
    Ok(ticket_viewers(db, admins)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
        .collect())
}

pub(super) fn target(t: &ticket::Model) -> Target {
    // The reference only: the Activity Log is read by admins outside the ticket's department.
    Target::new("ticket", t.id, t.reference.clone())
}

/// Who hears about a new ticket or a reply: the department's active admins who turned
/// notifications on (when `include_opted_in`), plus the assigned admin, all of them only while
/// they belong to the department and may see tickets, and never the one who acted.
pub(super) async fn staff_to_notify(
    db: &impl ConnectionTrait,
    t: &ticket::Model,
    actor_admin_id: Option<i32>,
    include_opted_in: bool,
) -> Result<Vec<admin::Model>, DbErr> {
    let members = admin_department::Entity::find()
        .filter(admin_department::Column::DepartmentId.eq(t.department_id))
        .all(db)
        .await?;
    let mut ids: Vec<i32> = members
        .iter()
        .filter(|m| include_opted_in && m.notify)
        .map(|m| m.admin_id)
        .collect();
    if let Some(assignee) = t.assigned_admin_id
        && members.iter().any(|m| m.admin_id == assignee)
    {
        ids.push(assignee);
    }
    ids.retain(|id| Some(*id) != actor_admin_id);
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let admins = admin::Entity::find()
        .filter(admin::Column::Id.is_in(ids))
        .filter(admin::Column::DisabledAt.is_null())
        .all(db)
        .await?;
    ticket_viewers(db, admins).await
}

/// Queues the staff notification about `message` on `t` for each of `recipients`, in their
/// language.
#[allow(clippy::too_many_arguments)]
pub(super) async fn notify_staff(
    txn: &impl ConnectionTrait,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    t: &ticket::Model,
    department: &str,
    recipients: &[admin::Model],
    kind: mail::Notice,
    author: &str,
    body: &str,
) -> Result<(), DbErr> {
    for admin in recipients {
        let lang = Lang::from_code(&admin.language).unwrap_or_default();
        let message = mail::notification(
            desk,
            lang,
            &mail::Thread::of(t, desk.public_url),
            kind,
            &admin.email,
            department,
            author,
            body,
        );
        mail::send(txn, now, t.id, message).await?;
    }
    Ok(())
}

pub async fn department_name(db: &impl ConnectionTrait, id: i32) -> Result<String, DbErr> {
    Ok(department::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|d| d.name)
        .unwrap_or_default())
}

/// Opens a ticket on a requester's behalf: their first message, status Open. The department's
/// opted-in admins hear of it, except the one who opened it.
pub async fn open<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    viewer: &CurrentAdmin,
    scope: &Scope,
    input: NewTicket,
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let department = department::Entity::find_by_id(input.department_id)
        .one(&txn)
        .await?
        .filter(|d| !d.hidden && scope.allows(d.id))
        .ok_or(TicketError::UnknownDepartment)?;
    let created = create(
        &txn,
        desk,
        now,
        actor,
        &department,
        &input,
        Some(viewer.id),
        &[],
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Writes a new ticket with its first message (and files) in `txn`: counters, search, audit, and
/// the department's opted-in admins hear of it (except `opened_by`).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn create<T: ConnectionTrait + TransactionTrait>(
    txn: &T,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    department: &department::Model,
    input: &NewTicket,
    opened_by: Option<i32>,
    files: &[Stored],
) -> Result<ticket::Model, TicketError> {
    let host = desk
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or("staffdesk.invalid")
        .split(['/', ':'])
        .next()
        .unwrap_or("staffdesk.invalid")
        .to_owned();
    let client_id = client_of_email(txn, input.requester_email.as_str()).await?;
    // A fresh reference; a collision (one in billions) just draws again.
    let created = loop {
        let reference = new_reference();
        let row = ticket::ActiveModel {
            reference: Set(reference.clone()),
            subject: Set(input.subject.as_str().to_owned()),
            department_id: Set(department.id),
            priority: Set(input.priority.key().to_owned()),
            status: Set(Status::Open.key().to_owned()),
            assigned_admin_id: Set(None),
            client_id: Set(client_id),
            client_visible: Set(false),
            requester_name: Set(input.requester_name.as_str().to_owned()),
            requester_email: Set(input.requester_email.as_str().to_owned()),
            created_at: Set(now),
            last_reply_at: Set(now),
            last_reply_by: Set("requester".to_owned()),
            // With a random part: a reply by email that refers to it proves it saw our mail.
            thread_id: Set(format!(
                "<ticket.{}.{}@{host}>",
                reference.to_lowercase(),
                random_hex(8)
            )),
            version: Set(1),
            ..Default::default()
        };
        // In a savepoint: on PostgreSQL a failed statement spoils the rest of its transaction.
        let attempt = txn.begin().await?;
        match row.insert(&attempt).await {
            Ok(t) => {
                attempt.commit().await?;
                break t;
            }
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                attempt.rollback().await?;
                continue;
            }
            Err(e) => return Err(e.into()),
        }
    };
    index_text(txn, created.id, &created.subject).await?;
    let first = add_message(
        txn,
        now,
        created.id,
        "reply",
        None,
        &created.requester_name,
        input.body.as_str(),
    )
    .await?;
    attach(txn, now, created.id, first, files).await?;
    count(txn, created.department_id, Status::Open, 1).await?;
    audit::record(
        txn,
        now,
        actor,
        Event::new(Action::TicketOpened, Some(target(&created))).after(serde_json::json!({
            "department": department.name,
            "priority": created.priority,
            "status": created.status,
        })),
    )
    .await?;
    let recipients = staff_to_notify(txn, &created, opened_by, true).await?;
    notify_staff(
        txn,
        desk,
        now,
        &created,
        &department.name,
        &recipients,
        mail::Notice::NewTicket,
        &created.requester_name,
        input.body.as_str(),
    )
    .await?;
    Ok(created)
}

/// An admin's reply: their signature appended, status Answered (which also reopens a closed
/// ticket), emailed to the requester; the assigned admin hears of it unless they wrote it.
#[allow(clippy::too_many_arguments)]
pub async fn reply<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    viewer: &CurrentAdmin,
    scope: &Scope,
    reference: &str,
    body: MessageBody,
    seen: Option<i64>,
    files: &[Stored],
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let t = find_for_update(&txn, scope, reference).await?;
    check_seen(&txn, t.id, seen).await?;
    let me = admin::Entity::find_by_id(viewer.id)
        .one(&txn)
        .await?
        .ok_or(TicketError::NotFound)?;
    let text = with_signature(body.as_str(), &me.signature);
    let (updated, message_id) = write_message(&txn, now, &t, Some(&me), &text).await?;
    attach(&txn, now, t.id, message_id, files).await?;
    drop_draft(&txn, t.id, viewer.id).await?;
    audit::record(
        &txn,
        now,
        actor,
        Event::new(Action::TicketReplied, Some(target(&updated)))
            .before(serde_json::json!({ "status": t.status }))
            .after(serde_json::json!({ "status": updated.status })),
    )
    .await?;
    let department = department_name(&txn, t.department_id).await?;
    let thread = mail::Thread::of(&updated, desk.public_url);
    mail::send(
        &txn,
        now,
        updated.id,
        mail::reply_to_requester(desk, &thread, &updated, &text),
    )
    .await?;
    let recipients = staff_to_notify(&txn, &updated, Some(viewer.id), false).await?;
    notify_staff(
        &txn,
        desk,
        now,
        &updated,
        &department,
        &recipients,
        mail::Notice::StaffReply,
        &format!("{} {}", me.first_name, me.last_name),
        &text,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// The requester's reply (from email, later the Client Area): status Customer-Reply, and the
/// department's opted-in admins and the assigned admin hear of it.
pub async fn requester_reply<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    desk: &Desk<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    reference: &str,
    body: MessageBody,
    files: &[Stored],
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let t = find_for_update(&txn, &Scope::All, reference).await?;
    let (updated, message_id) = write_message(&txn, now, &t, None, body.as_str()).await?;
    attach(&txn, now, t.id, message_id, files).await?;
    audit::record(
        &txn,
        now,
        actor,
        Event::new(Action::TicketReplied, Some(target(&updated)))
            .before(serde_json::json!({ "status": t.status }))
            .after(serde_json::json!({ "status": updated.status, "by": "requester" })),
    )
    .await?;
    let department = department_name(&txn, t.department_id).await?;
    let recipients = staff_to_notify(&txn, &updated, None, true).await?;
    notify_staff(
        &txn,
        desk,
        now,
        &updated,
        &department,
        &recipients,
        mail::Notice::RequesterReply,
        &updated.requester_name,
        body.as_str(),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// An internal note: seen by staff only, never emailed, and it changes no status.
#[allow(clippy::too_many_arguments)]
pub async fn note<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    viewer: &CurrentAdmin,
    scope: &Scope,
    reference: &str,
    body: MessageBody,
    seen: Option<i64>,
    files: &[Stored],
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let t = find_for_update(&txn, scope, reference).await?;
    check_seen(&txn, t.id, seen).await?;
    let message_id = add_message(
        &txn,
        now,
        t.id,
        "note",
        Some(viewer.id),
        &viewer.display_name(),
        body.as_str(),
    )
    .await?;
    attach(&txn, now, t.id, message_id, files).await?;
    drop_draft(&txn, t.id, viewer.id).await?;
    audit::record(
        &txn,
        now,
        actor,
        Event::new(Action::TicketNoteAdded, Some(target(&t))),
    )
    .await?;
    txn.commit().await?;
    Ok(t)
}

/// The reply text with the admin's signature under it, when they have one.
pub fn with_signature(body: &str, signature: &str) -> String {
    let signature = signature.trim();
    if signature.is_empty() {
        body.to_owned()
    } else {
        format!("{body}\n\n{signature}")
    }
}

/// Writes a new status with the close time it starts or ends: set when the ticket closes (kept
/// when it was closed already), cleared when it opens again. Every status change goes through
/// here, so the support reports can count closes and resolution times from the ticket alone.
pub(super) fn with_status(
    update: sea_orm::UpdateMany<ticket::Entity>,
    status: Status,
    now: DateTime<Utc>,
) -> sea_orm::UpdateMany<ticket::Entity> {
    let closed_at = if status == Status::Closed {
        sea_orm::sea_query::Func::coalesce([Expr::col(ticket::Column::ClosedAt), Expr::value(now)])
            .into()
    } else {
        Expr::value(Option::<DateTime<Utc>>::None)
    };
    update
        .col_expr(ticket::Column::Status, Expr::value(status.key()))
        .col_expr(ticket::Column::ClosedAt, closed_at)
}

/// Appends a reply and moves the ticket on: status, last reply, version, counters, search.
pub(super) async fn write_message(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    t: &ticket::Model,
    author: Option<&admin::Model>,
    text: &str,
) -> Result<(ticket::Model, i64), TicketError> {
    // A reply with an admin author is staff's; without, the requester's.
    let by_staff = author.is_some();
    let before = Status::from_key(&t.status).unwrap_or(Status::Open);
    let after = before.after_reply(by_staff);
    let author_name = author.map_or_else(
        || t.requester_name.clone(),
        |a| format!("{} {}", a.first_name, a.last_name),
    );
    let message_id = add_message(
        txn,
        now,
        t.id,
        "reply",
        author.map(|a| a.id),
        &author_name,
        text,
    )
    .await?;
    let mut update = with_status(ticket::Entity::update_many(), after, now)
        .col_expr(ticket::Column::LastReplyAt, Expr::value(now));
    // The first staff reply starts nothing new later: it is the first response time.
    if let (Some(a), None) = (author, t.first_response_at) {
        update = update
            .col_expr(ticket::Column::FirstResponseAt, Expr::value(now))
            .col_expr(ticket::Column::FirstResponseAdminId, Expr::value(a.id));
    }
    update
        .col_expr(
            ticket::Column::LastReplyBy,
            Expr::value(if by_staff { "staff" } else { "requester" }),
        )
        .col_expr(
            ticket::Column::Version,
            Expr::col(ticket::Column::Version).add(1),
        )
        .filter(ticket::Column::Id.eq(t.id))
        .exec(txn)
        .await?;
    if before != after {
        count(txn, t.department_id, before, -1).await?;
        count(txn, t.department_id, after, 1).await?;
    }
    let updated = ticket::Entity::find_by_id(t.id)
        .one(txn)
        .await?
        .ok_or(TicketError::NotFound)?;
    Ok((updated, message_id))
}

/// A change from the ticket page: each field with the value the form was loaded with. Only the
/// fields the admin changed are written; if one of those changed meanwhile, nothing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change<T> {
    pub was: T,
    pub now: T,
}

impl<T: PartialEq + Copy> Change<T> {
    pub(super) fn wanted(&self) -> Option<T> {
        (self.was != self.now).then_some(self.now)
    }
}

/// Changes status, priority and department together. A field the admin changed that someone else
/// changed since the form loaded is refused with the list of such fields; a field they left alone
/// is never overwritten.
#[allow(clippy::too_many_arguments)]
pub async fn change<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    scope: &Scope,
    reference: &str,
    status: Change<Status>,
    priority: Change<Priority>,
    department_id: Change<i32>,
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let t = find_for_update(&txn, scope, reference).await?;
    let updated =
        change_locked(&txn, now, actor, scope, t, status, priority, department_id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// `change` on a ticket already read for update in `txn`.
#[allow(clippy::too_many_arguments)]
pub(super) async fn change_locked(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    scope: &Scope,
    t: ticket::Model,
    status: Change<Status>,
    priority: Change<Priority>,
    department_id: Change<i32>,
) -> Result<ticket::Model, TicketError> {
    let current_status = Status::from_key(&t.status).unwrap_or(Status::Open);
    let current_priority = Priority::from_key(&t.priority).unwrap_or(Priority::Medium);
    let mut stale = Vec::new();
    if status.wanted().is_some() && status.was != current_status {
        stale.push("status");
    }
    if priority.wanted().is_some() && priority.was != current_priority {
        stale.push("priority");
    }
    if department_id.wanted().is_some() && department_id.was != t.department_id {
        stale.push("department_id");
    }
    if !stale.is_empty() {
        return Err(TicketError::ChangedMeanwhile(stale));
    }
    let new_status = status.wanted().unwrap_or(current_status);
    let new_priority = priority.wanted().unwrap_or(current_priority);
    let new_department = match department_id.wanted() {
        Some(id) => {
            department::Entity::find_by_id(id)
                .one(txn)
                .await?
                .filter(|d| !d.hidden && scope.allows(d.id))
                .ok_or(TicketError::UnknownDepartment)?
                .id
        }
        None => t.department_id,
    };
    if new_status == current_status
        && new_priority == current_priority
        && new_department == t.department_id
    {
        return Ok(t);
    }
    // An assignee who is not in the new department no longer fits the ticket.
    let mut assigned = t.assigned_admin_id;
    if new_department != t.department_id
        && let Some(id) = assigned
        && !department_admins(txn, new_department)
            .await?
            .iter()
            .any(|(a, _)| *a == id)
    {
        assigned = None;
    }
    let done = with_status(ticket::Entity::update_many(), new_status, now)
        .col_expr(ticket::Column::Priority, Expr::value(new_priority.key()))
        .col_expr(ticket::Column::DepartmentId, Expr::value(new_department))
        .col_expr(ticket::Column::AssignedAdminId, Expr::value(assigned))
        .col_expr(
            ticket::Column::Version,
            Expr::col(ticket::Column::Version).add(1),
        )
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::Version.eq(t.version))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(TicketError::ChangedMeanwhile(vec![]));
    }
    if new_status != current_status || new_department != t.department_id {
        count(txn, t.department_id, current_status, -1).await?;
        count(txn, new_department, new_status, 1).await?;
    }
    let updated = ticket::Entity::find_by_id(t.id)
        .one(txn)
        .await?
        .ok_or(TicketError::NotFound)?;
    audit::record(
        txn,
        now,
        actor,
        Event::new(Action::TicketChanged, Some(target(&updated)))
            .before(serde_json::json!({
                "status": t.status,
                "priority": t.priority,
                "department_id": t.department_id,
                "assigned_admin_id": t.assigned_admin_id,
            }))
            .after(serde_json::json!({
                "status": updated.status,
                "priority": updated.priority,
                "department_id": updated.department_id,
                "assigned_admin_id": updated.assigned_admin_id,
            })),
    )
    .await?;
    Ok(updated)
}

/// Assigns the ticket to an active admin of its department, or to nobody. Refused as changed
/// meanwhile when the assignee is no longer the one the form was loaded with.
pub async fn assign<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: &Actor,
    scope: &Scope,
    reference: &str,
    assignee: Change<Option<i32>>,
) -> Result<ticket::Model, TicketError> {
    let txn = crate::kernel::db::begin_write(db).await?;
    let t = find_for_update(&txn, scope, reference).await?;
    let updated = assign_locked(&txn, now, actor, t, assignee).await?;
    txn.commit().await?;
    Ok(updated)
}

/// `assign` on a ticket already read for update in `txn`.
pub(super) async fn assign_locked(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    t: ticket::Model,
    assignee: Change<Option<i32>>,
) -> Result<ticket::Model, TicketError> {
    if assignee.was != t.assigned_admin_id {
        return Err(TicketError::ChangedMeanwhile(vec!["assigned_admin_id"]));
    }
    if assignee.now == t.assigned_admin_id {
        return Ok(t);
    }
    if let Some(id) = assignee.now
        && !department_admins(txn, t.department_id)
            .await?
            .iter()
            .any(|(a, _)| *a == id)
    {
        return Err(TicketError::NotInDepartment);
    }
    let done = ticket::Entity::update_many()
        .col_expr(ticket::Column::AssignedAdminId, Expr::value(assignee.now))
        .col_expr(
            ticket::Column::Version,
            Expr::col(ticket::Column::Version).add(1),
        )
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::Version.eq(t.version))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(TicketError::ChangedMeanwhile(vec!["assigned_admin_id"]));
    }
    let updated = ticket::Entity::find_by_id(t.id)
        .one(txn)
        .await?
        .ok_or(TicketError::NotFound)?;
    audit::record(
        txn,
        now,
        actor,
        Event::new(Action::TicketAssigned, Some(target(&updated)))
            .before(serde_json::json!({ "assigned_admin_id": t.assigned_admin_id }))
            .after(serde_json::json!({ "assigned_admin_id": updated.assigned_admin_id })),
    )
    .await?;
    Ok(updated)
}

/// The admin's own open tickets (not closed), newest reply first, for the Dashboard.
pub async fn assigned_open(
    db: &impl ConnectionTrait,
    admin_id: i32,
    scope: &Scope,
    limit: u64,
) -> Result<Vec<ticket::Model>, DbErr> {
    ticket::Entity::find()
        .filter(scope.condition())
        .filter(ticket::Column::AssignedAdminId.eq(admin_id))
        .filter(ticket::Column::Status.ne(Status::Closed.key()))
        .order_by_desc(ticket::Column::LastReplyAt)
        .limit(limit)
        .all(db)
        .await
}

/// The ticket that has waited longest for a reply, in `scope`.
pub async fn oldest_awaiting(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Option<ticket::Model>, DbErr> {
    ticket::Entity::find()
        .filter(scope.condition())
        .filter(ticket::Column::Status.is_in(Status::AWAITING_REPLY.map(|s| s.key())))
        .order_by_asc(ticket::Column::LastReplyAt)
        .order_by_asc(ticket::Column::Id)
        .one(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_have_their_shape_and_differ() {
        let a = new_reference();
        let b = new_reference();
        assert!(is_reference(&a), "{a}");
        assert_ne!(a, b);
        assert!(!is_reference("KTR-48291"));
        assert!(!is_reference("ktr-482913"));
        assert!(!is_reference("KTR_482913"));
    }

    #[test]
    fn fts_queries_quote_every_word() {
        assert_eq!(fts5_query("disk full"), "\"disk\" \"full\"");
        assert_eq!(fts5_query("a\"b OR c*"), "\"a\"\"b\" \"OR\" \"c*\"");
    }

    #[test]
    fn signatures_go_under_the_reply_after_a_blank_line() {
        assert_eq!(with_signature("Hi", "  "), "Hi");
        assert_eq!(with_signature("Hi", "Ann\nSupport"), "Hi\n\nAnn\nSupport");
    }

    #[test]
    fn cursors_round_trip() {
        let at = DateTime::from_timestamp_micros(1_764_000_000_123_456).unwrap();
        assert_eq!(
            parse_cursor(&format!("{}.{}", at.timestamp_micros(), 7)),
            Some((at, 7))
        );
        assert_eq!(parse_cursor("x.7"), None);
    }
}
