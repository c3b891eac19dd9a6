"""a claim's lead in its row

A content split by its frame ("The ferry, | she argued, | is too slow") keeps its first part as
the claim's `lead`; the claims table held the content alone, so a reader of the store saw half a
claim. Its lead now has columns of its own (lead_text, lead_start, lead_end; null when the
content is whole), filled here from the stored analyses, and an article's search_text holds each
claim's lead before its content, as the store now writes it.

The claims-list rows (claim_groups) carry the lead too; corpus/summaries.py rewrites them the
first time the store is opened after this revision (its SUMMARIES_VERSION changed with it).

Revision ID: 0005
Revises: 0004
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Analyses read per round trip while filling in the leads.
CHUNK = 200
# Only analyses whose JSON holds a lead object are parsed (a claim without one writes
# "lead":null, and analyses from before leads existed have no such key); the store has
# written its JSON compact (pydantic) and with json.dumps's ", " and ": " separators.
HAS_LEAD = ('%"lead":{%', '%"lead": {%')

_analyses = sa.table("analyses", sa.column("article_id", sa.String), sa.column("data", sa.Text))
_claims = sa.table(
    "claims",
    sa.column("article_id", sa.String),
    sa.column("id", sa.String),
    sa.column("lead_text", sa.Text),
    sa.column("lead_start", sa.Integer),
    sa.column("lead_end", sa.Integer),
)
_articles = sa.table("articles", sa.column("id", sa.String), sa.column("search_text", sa.Text))


def upgrade() -> None:
    op.add_column("claims", sa.Column("lead_text", sa.Text(), nullable=True))
    op.add_column("claims", sa.Column("lead_start", sa.Integer(), nullable=True))
    op.add_column("claims", sa.Column("lead_end", sa.Integer(), nullable=True))
    _backfill()


def _backfill() -> None:
    """Leads and search texts of the articles stored before, from their analyses' JSON."""
    conn = op.get_bind()
    ids = list(
        conn.scalars(
            sa.select(_analyses.c.article_id)
            .where(sa.or_(*(_analyses.c.data.like(p) for p in HAS_LEAD)))
            .order_by(_analyses.c.article_id)
        )
    )
    for i in range(0, len(ids), CHUNK):
        leads: list[dict[str, Any]] = []
        texts: list[dict[str, Any]] = []
        query = sa.select(_analyses.c.article_id, _analyses.c.data).where(
            _analyses.c.article_id.in_(ids[i : i + CHUNK])
        )
        for aid, data in conn.execute(query):
            analysis = json.loads(data)
            claims = analysis.get("claims") or []
            leads.extend(
                {
                    "a_id": aid,
                    "c_id": c["id"],
                    "text": c["lead"]["text"],
                    "start": c["lead"]["start"],
                    "end": c["lead"]["end"],
                }
                for c in claims
                if c.get("lead")
            )
            texts.append({"a_id": aid, "search": _search_text(analysis)})
        if leads:
            conn.execute(
                _claims.update()
                .where(
                    _claims.c.article_id == sa.bindparam("a_id"),
                    _claims.c.id == sa.bindparam("c_id"),
                )
                .values(
                    lead_text=sa.bindparam("text"),
                    lead_start=sa.bindparam("start"),
                    lead_end=sa.bindparam("end"),
                ),
                leads,
            )
        if texts:
            conn.execute(
                _articles.update()
                .where(_articles.c.id == sa.bindparam("a_id"))
                .values(search_text=sa.bindparam("search")),
                texts,
            )


def _search_text(analysis: dict[str, Any]) -> str:
    """As corpus/store/rows.py: search_text writes it (claims, each lead first; then names)."""
    claims = []
    for c in analysis.get("claims") or []:
        lead = c.get("lead")
        text = c["content"]["text"]
        claims.append(f"{lead['text']} {text}" if lead else text)
    names = " ".join(e["name"] for e in analysis.get("entities") or [])
    return " ".join(claims) + " " + names


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): batch mode would copy the table and lose
    # the full-text triggers of migration 0003 on it.
    for column in ("lead_end", "lead_start", "lead_text"):
        op.drop_column("claims", column)
