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
