//! How write transactions start: on SQLite with `BEGIN IMMEDIATE`, so the write lock is taken up
//! front and a transaction never fails at once on a read-to-write lock upgrade (`database is
//! locked (517)`, which `busy_timeout` does not cover). Postgres ignores the SQLite mode.

use sea_orm::{DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};

/// Begins a transaction that will write. Every write transaction in the app starts here.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// One number from several that describe a set of rows (counts, sums of versions and of ids), for
/// a cache validator: it changes when any of them does (barring a collision no edit aims at).
pub fn fingerprint(parts: impl IntoIterator<Item = i64>) -> i64 {
    parts
        .into_iter()
        .fold(0i64, |acc, n| acc.wrapping_mul(1_000_003).wrapping_add(n))
}
