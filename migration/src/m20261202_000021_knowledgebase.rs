//! The knowledgebase: categories (nested one level, ordered), articles in one or more categories,
//! the slugs an article had before (each redirects to it), "was this helpful?" votes (one per
//! article and visitor), and the suggested articles a Client Area user read while opening a
//! ticket (deflection).
//!
//! Search: an FTS5 table kept by triggers on SQLite; a weighted `tsvector` column (title and tags
//! above the text) with a GIN index on PostgreSQL.

use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const PG_ARTICLE_SEARCH: &str = "setweight(to_tsvector('simple', title), 'A') || \
     setweight(to_tsvector('simple', tags), 'A') || setweight(to_tsvector('simple', plain), 'B')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        manager
            .create_table(
                Table::create()
                    .table("kb_categories")
                    .col(pk_auto("id"))
                    .col(integer_null("parent_id"))
                    .col(string_len("name", 100))
                    .col(string_len("description", 500).default(""))
                    .col(integer("position").default(0))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version").default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from("kb_categories", "parent_id")
                            .to("kb_categories", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("kb_articles")
                    .col(pk_auto("id"))
                    .col(string_len("title", 200))
                    .col(string_len_uniq("slug", 120))
                    // The Markdown staff write, the sanitised HTML it renders to, and its text.
                    .col(text("body"))
                    .col(text("html"))
                    .col(text("plain"))
                    .col(string_len("tags", 500).default(""))
                    .col(string_len("visibility", 8))
                    .col(big_integer("views").default(0))
                    .col(big_integer("helpful").default(0))
                    .col(big_integer("unhelpful").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("kb_article_categories")
                    .col(integer("article_id"))
                    .col(integer("category_id"))
                    .primary_key(Index::create().col("article_id").col("category_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("kb_article_categories", "article_id")
                            .to("kb_articles", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("kb_article_categories", "category_id")
                            .to("kb_categories", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("kb_old_slugs")
                    .col(string_len("slug", 120).primary_key())
                    .col(integer("article_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("kb_old_slugs", "article_id")
                            .to("kb_articles", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("kb_votes")
                    .col(integer("article_id"))
                    // A hash of the visitor's voting cookie (the cookie itself is never stored),
                    // or the Client Area user.
                    .col(string_len("voter", 64))
                    // A hash of the address the vote came from: a few per article and day.
                    .col(string_len("source", 64))
                    .col(boolean("helpful"))
                    .col(timestamp_with_time_zone("at"))
                    .primary_key(Index::create().col("article_id").col("voter"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("kb_votes", "article_id")
                            .to("kb_articles", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("kb_suggestion_reads")
                    .col(big_pk_auto("id"))
                    .col(integer("article_id"))
                    .col(integer("user_id"))
                    .col(integer("client_id"))
                    .col(timestamp_with_time_zone("at"))
                    // The ticket the user opened after reading it, if any: none means deflected.
                    .col(integer_null("ticket_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("kb_suggestion_reads", "article_id")
                            .to("kb_articles", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, columns) in [
            (
                "kb_articles_updated_idx",
                "kb_articles",
                &["visibility", "updated_at"][..],
            ),
            (
                "kb_articles_views_idx",
                "kb_articles",
                &["visibility", "views"][..],
            ),
            (
                "kb_article_categories_category_idx",
                "kb_article_categories",
                &["category_id", "article_id"][..],
            ),
            (
                "kb_suggestion_reads_user_idx",
                "kb_suggestion_reads",
                &["user_id", "at"][..],
            ),
            (
                "kb_suggestion_reads_at_idx",
                "kb_suggestion_reads",
                &["at"][..],
            ),
            (
                "kb_votes_source_idx",
                "kb_votes",
                &["article_id", "source", "at"][..],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(table);
            for col in columns {
                index.col(*col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "ALTER TABLE kb_articles ADD COLUMN search tsvector \
                     GENERATED ALWAYS AS ({PG_ARTICLE_SEARCH}) STORED"
                ))
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX kb_articles_search_idx ON kb_articles USING GIN (search)",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE kb_search USING fts5(title, tags, plain, \
                     tokenize = 'unicode61 remove_diacritics 2')",
                )
                .await?;
                let insert = "INSERT INTO kb_search (rowid, title, tags, plain) \
                     VALUES (new.id, new.title, new.tags, new.plain);";
                let delete = "DELETE FROM kb_search WHERE rowid = old.id;";
                for (event, body) in [
                    ("INSERT", insert.to_owned()),
                    ("UPDATE OF title, tags, plain", format!("{delete} {insert}")),
                    ("DELETE", delete.to_owned()),
                ] {
                    let name = event.split(' ').next().unwrap_or(event).to_lowercase();
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER kb_articles_search_{name} AFTER {event} ON kb_articles \
                         BEGIN {body} END"
                    ))
                    .await?;
                }
            }
        }
        txn.commit().await
    }

    async fn down(&self, outer: &SchemaManager) -> Result<(), DbErr> {
        let txn = outer.begin().await?;
        let manager = &txn;
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            let db = manager.get_connection();
            for name in ["insert", "update", "delete"] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS kb_articles_search_{name}"))
                    .await?;
            }
            db.execute_unprepared("DROP TABLE IF EXISTS kb_search")
                .await?;
        }
        for table in [
            "kb_suggestion_reads",
            "kb_votes",
            "kb_old_slugs",
            "kb_article_categories",
            "kb_articles",
            "kb_categories",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        txn.commit().await
    }
}
