//! Opens the database (embedded SQLite by default, Postgres by URL) and runs the migrations.

use std::time::Duration;

use app::kernel::settings::Settings;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Connect(DbErr),
    #[error("cannot migrate the database: {0}")]
    Migrate(DbErr),
}

/// Connects; for the embedded default the data directory and the SQLite file are created if missing.
/// SQLite connections run in WAL mode with foreign keys on.
pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbSetupError> {
    let url = settings.database_url();
    if settings.database.url.trim().is_empty() {
        std::fs::create_dir_all(&settings.server.data_dir).map_err(|source| {
            DbSetupError::DataDir {
                path: settings.server.data_dir.display().to_string(),
                source,
            }
        })?;
    }
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(settings.database.max_connections)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
        });
    Database::connect(options)
        .await
        .map_err(DbSetupError::Connect)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbSetupError> {
    Migrator::up(db, None).await.map_err(DbSetupError::Migrate)
}

/// Why a backup was not made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file so no backup is overwritten")]
    Exists(String),
    #[error("backups of PostgreSQL are made with pg_dump (see the README's Backups section)")]
    Postgres,
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

/// A consistent copy of the SQLite database at `target`, taken while the server runs
/// (`VACUUM INTO`: one read transaction, so writers are not stopped and the copy is whole).
pub async fn backup(
    conn: &DatabaseConnection,
    target: &std::path::Path,
) -> Result<(), BackupError> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    if conn.get_database_backend() != DbBackend::Sqlite {
        return Err(BackupError::Postgres);
    }
    if target.exists() {
        return Err(BackupError::Exists(target.display().to_string()));
    }
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [target.to_string_lossy().into_owned().into()],
    ))
    .await?;
    Ok(())
}
