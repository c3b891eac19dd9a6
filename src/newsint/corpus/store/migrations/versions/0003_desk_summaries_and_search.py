"""summaries written at ingest and full-text search

The lists a person pages through are read from rows written at ingest instead of computed
per request: the claims list (claim_groups: every cluster and every claim no other article
makes), each claim's corpus grade and its group (new columns of claims), story counts
(outlets, originals) and the timeline (reports, entries, roles). Full-text search: FTS5
tables kept by triggers on SQLite, GIN indexes over to_tsvector on PostgreSQL.

The new rows of an existing corpus are filled in by corpus/summaries.py the first time the
store is opened after this revision (it needs the analyses and the grading rules, which a
migration does not have): the meta key `summaries` says which version they are.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(length=64)
KEY = sa.String(length=160)

# FTS5 tables over a text column of a table, kept in step by triggers (SQLite).
FTS = {
    "claims_fts": ("claims", ("text",)),
    "articles_fts": ("articles", ("title", "site")),
    "corpus_entities_fts": ("corpus_entities", ("name",)),
}
# The same columns indexed for PostgreSQL's full-text search ('simple': no stemming, no
# stop words, so names match as written).
PG_FTS = {
    "ix_claims_fts": ("claims", "text"),
    "ix_articles_fts": ("articles", "coalesce(title, '') || ' ' || coalesce(site, '')"),
    "ix_corpus_entities_fts": ("corpus_entities", "name"),
}


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_id", KEY, nullable=True))
        batch_op.add_column(sa.Column("corpus_grade", sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column("grade_reasons", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("corroboration", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_claims_group_id"), ["group_id"], unique=False)
        batch_op.create_index("ix_claims_article_source", ["article_id", "source_entity"])
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outlets", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("originals", sa.Integer(), nullable=True))

    op.create_table(
        "claim_groups",
        sa.Column("id", KEY, nullable=False),
        sa.Column("cluster", sa.Boolean(), nullable=False),
        sa.Column("representative", KEY, nullable=False),
        sa.Column("article_id", ID, nullable=False),
        sa.Column("speaker_key", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("grade", sa.String(length=4), nullable=True),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("claim_groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_groups_article_id"), ["article_id"])
        batch_op.create_index(batch_op.f("ix_claim_groups_speaker_key"), ["speaker_key"])
        batch_op.create_index(batch_op.f("ix_claim_groups_published"), ["published"])
        batch_op.create_index("ix_claim_groups_rank", ["sources", "articles", "id"])
        batch_op.create_index("ix_claim_groups_grade_rank", ["grade", "sources", "articles", "id"])

    op.create_table(
        "claim_group_statuses",
        sa.Column("group_id", KEY, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("group_id", "status"),
    )
    with op.batch_alter_table("claim_group_statuses", schema=None) as batch_op:
        batch_op.create_index(
            "ix_claim_group_statuses_rank", ["status", "sources", "articles", "group_id"]
        )

    op.create_table(
        "timeline_reports",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("event_id", ID, nullable=False),
        sa.Column("group_key", ID, nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "event_id"),
    )
    with op.batch_alter_table("timeline_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_timeline_reports_group_key"), ["group_key"])
    op.create_table(
        "timeline_entries",
        sa.Column("group_key", ID, nullable=False),
        sa.Column("happened", sa.Boolean(), nullable=False),
        sa.Column("id", ID, nullable=False),
        sa.Column("undated", sa.Boolean(), nullable=False),
        sa.Column("start_key", sa.String(length=64), nullable=False),
        sa.Column("end_key", sa.String(length=64), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("group_key", "happened"),
    )
    with op.batch_alter_table("timeline_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_timeline_entries_order", ["happened", "undated", "start_key", "end_key", "id"]
        )
    op.create_table(
        "timeline_roles",
        sa.Column("group_key", ID, nullable=False),
        sa.Column("happened", sa.Boolean(), nullable=False),
        sa.Column("role", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("group_key", "happened", "role"),
    )
    with op.batch_alter_table("timeline_roles", schema=None) as batch_op:
        batch_op.create_index("ix_timeline_roles_role", ["role", "happened", "group_key"])

    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for fts, (table, columns) in FTS.items():
            _sqlite_fts(fts, table, columns)
    elif conn.dialect.name == "postgresql":
        for name, (table, expr) in PG_FTS.items():
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (to_tsvector('simple', {expr}))")


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


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for fts in FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    elif conn.dialect.name == "postgresql":
        for name in PG_FTS:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_table("timeline_roles")
    op.drop_table("timeline_entries")
    op.drop_table("timeline_reports")
    op.drop_table("claim_group_statuses")
    op.drop_table("claim_groups")
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.drop_column("originals")
        batch_op.drop_column("outlets")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_article_source")
        batch_op.drop_index(batch_op.f("ix_claims_group_id"))
        batch_op.drop_column("corroboration")
        batch_op.drop_column("grade_reasons")
        batch_op.drop_column("corpus_grade")
        batch_op.drop_column("group_id")
