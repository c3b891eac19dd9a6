"""claim-cluster upstreams stored as lists

A claim cluster's `upstreams` were "article id <- source" strings that readers split apart
again; each is now a list (the original article id, then the outermost named source), the
form model.ClaimCluster validates. Only the JSON records change; no table does.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The separator the earlier records used between the article id and the source.
OLD_SEPARATOR = " <- "

_clusters = sa.table("claim_clusters", sa.column("id", sa.String), sa.column("record", sa.JSON))


def _convert(record: dict[str, Any], to_lists: bool) -> dict[str, Any] | None:
    """The record with its upstreams in the other form, or None when nothing changes."""
    upstreams = record.get("upstreams") or []
    if to_lists:
        new = [u.split(OLD_SEPARATOR, 1) if isinstance(u, str) else u for u in upstreams]
    else:
        new = [OLD_SEPARATOR.join(u) if isinstance(u, list) else u for u in upstreams]
    return {**record, "upstreams": new} if new != upstreams else None


def _rewrite(to_lists: bool) -> None:
    conn = op.get_bind()
    for cid, record in conn.execute(sa.select(_clusters.c.id, _clusters.c.record)).all():
        changed = _convert(record or {}, to_lists)
        if changed is not None:
            conn.execute(_clusters.update().where(_clusters.c.id == cid).values(record=changed))


def upgrade() -> None:
    _rewrite(to_lists=True)


def downgrade() -> None:
    _rewrite(to_lists=False)
