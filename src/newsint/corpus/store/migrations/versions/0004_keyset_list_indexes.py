"""keyset paging indexes, and full text indexed on the rows the lists page through

Every list pages by a cursor (corpus/queries/paging.py): a page is one seek into an index
holding the list's order, at any depth. A nullable date is ordered as "is it missing" then its
value with the missing ones made equal, so those indexes are on expressions (SQLite and
PostgreSQL both index expressions and use them when a query repeats them exactly; the queries
write the empty text as a literal for that reason).

Full text matched claims and entities and then mapped every match to its article or claims-list
row before a page could be cut: 400 ms for a word in a quarter of 100,000 articles. The text is
now indexed on the rows listed: an article's own claims and the names it mentions
(articles.search_text, beside its title and site), and the texts of the claims of a claims-list
row (claim_groups.text). A match is then a row of the list itself, so a page walks the list's
index and keeps the rows whose id the full-text index returned, and a count is the full-text
index's own.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# name -> (table, the indexed terms in the list's order)
INDEXES = {
    # articles and search: oldest first, undated last, then id
    "ix_articles_list": ("articles", "(published IS NULL), (coalesce(published, '')), id"),
    # stories: biggest first, then oldest first (undated last), then id
    "ix_stories_list": (
        "stories",
        "size DESC, (first_published IS NULL), (coalesce(first_published, '')), id",
    ),
    # entities: most widely mentioned first, then by name, then id
    "ix_corpus_entities_list": ("corpus_entities", "articles DESC, name, id"),
    # the claims list by date: newest first (walked backwards) and oldest first, undated last
    "ix_claim_groups_recent": (
        "claim_groups",
        "(published IS NOT NULL), (coalesce(published, '')), id",
    ),
    "ix_claim_groups_oldest": (
        "claim_groups",
        "(published IS NULL), (coalesce(published, '')), id",
    ),
}

# SQLite FTS5 tables (external content, kept by triggers) after this revision.
FTS = {
    "articles_fts": ("articles", ("title", "site", "search_text")),
    "claim_groups_fts": ("claim_groups", ("text",)),
}
# PostgreSQL GIN indexes over to_tsvector('simple', …) after this revision.
PG_FTS = {
    "ix_articles_fts": (
        "articles",
        "coalesce(title, '') || ' ' || coalesce(site, '') || ' ' || coalesce(search_text, '')",
    ),
    "ix_claim_groups_fts": ("claim_groups", "coalesce(text, '')"),
}
PG_ARTICLES_BEFORE = "coalesce(title, '') || ' ' || coalesce(site, '')"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _drop_sqlite_fts("articles_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
    op.add_column("articles", sa.Column("search_text", sa.Text(), nullable=True))
    op.add_column("claim_groups", sa.Column("text", sa.Text(), nullable=True))
    _backfill(dialect)
    if dialect == "sqlite":
        for fts, (table, columns) in FTS.items():
            _sqlite_fts(fts, table, columns)
    elif dialect == "postgresql":
        for name, (table, expr) in PG_FTS.items():
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (to_tsvector('simple', {expr}))")
    for name, (table, terms) in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} ({terms})")


def _backfill(dialect: str) -> None:
    """The new text columns of a corpus written before: as the store now writes them."""
    if dialect == "postgresql":
        joined, distinct = "string_agg(text, ' ')", "string_agg(DISTINCT text, ' ')"
        names = "string_agg(name, ' ')"
    else:
        joined, distinct, names = (
            "group_concat(text, ' ')",
            "group_concat(DISTINCT text)",
            ("group_concat(name, ' ')"),
        )
    op.execute(
        "UPDATE articles SET search_text = "
        f"coalesce((SELECT {joined} FROM claims WHERE claims.article_id = articles.id), '') "
        f"|| ' ' || coalesce((SELECT {names} FROM entities "
        "WHERE entities.article_id = articles.id), '')"
    )
    op.execute(
        f"UPDATE claim_groups SET text = (SELECT {distinct} FROM claims "
        "WHERE claims.group_id = claim_groups.id)"
    )


def _sqlite_fts(fts: str, table: str, columns: tuple[str, ...]) -> None:
    """An external-content FTS5 table over `table`, filled now and kept by triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
        "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END"
    )


def _drop_sqlite_fts(fts: str) -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {fts}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    if dialect == "sqlite":
        for fts in FTS:
            _drop_sqlite_fts(fts)
    elif dialect == "postgresql":
        for name in PG_FTS:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table("claim_groups", schema=None) as batch_op:
        batch_op.drop_column("text")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("search_text")
    if dialect == "sqlite":
        _sqlite_fts("articles_fts", "articles", ("title", "site"))
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_articles_fts ON articles "
            f"USING gin (to_tsvector('simple', {PG_ARTICLES_BEFORE}))"
        )
