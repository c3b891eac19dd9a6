"""The corpus timeline: dated events across the corpus, merged across copies, oldest first.

The entries are written at ingest (corpus/summaries.py: one per reported event and view, with
the names in its roles), so a page is one indexed query at any corpus size.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from newsint.corpus.queries.common import count
from newsint.corpus.queries.entities import entity_ids
from newsint.corpus.queries.paging import Slice, SortKey, page
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import CorpusEntityRow, TimelineEntryRow, TimelineRoleRow
from newsint.corpus.timeline import wanted_roles
from newsint.model import CorpusEntity, TimelineEntry


def _query(conn: Any, entity: str | None, all_events: bool) -> Select[Any]:
    t = TimelineEntryRow
    happened = not all_events
    query = select(t.record).where(t.happened.is_(happened))
    if entity:
        entities = [
            CorpusEntity.model_validate(r)
            for r in conn.scalars(
                select(CorpusEntityRow.record).where(
                    CorpusEntityRow.id.in_(entity_ids(conn, entity))
                )
            )
        ]
        wanted = sorted(wanted_roles(entity, entities) or ())
        query = query.where(
            t.group_key.in_(
                select(TimelineRoleRow.group_key).where(
                    TimelineRoleRow.role.in_(wanted), TimelineRoleRow.happened.is_(happened)
                )
            )
        )
    return query


def _order() -> tuple[SortKey, ...]:
    t = TimelineEntryRow  # ix_timeline_entries_order, after the view's `happened`
    return (SortKey(t.undated), SortKey(t.start_key), SortKey(t.end_key), SortKey(t.id))


def timeline(
    store: Store,
    *,
    entity: str | None = None,
    all_events: bool = False,
    floor: float | None = None,
    limit: int | None = None,
    offset: int = 0,
    after: str | None = None,
    before: str | None = None,
) -> Slice[TimelineEntry]:
    """Dated events across the corpus (only those involving `entity`, an id or name, when
    given), each reported event once however many copies report it; with `all_events`, the
    negated, denied, hypothetical, questioned and planned ones too. `floor` (the factuality
    at or below which an event did not happen) was applied at ingest: the store's config.
    A page starts after the cursor `after` (a page's `next`), then `offset` skipped."""
    with store.reading() as conn:
        query = _query(conn, entity, all_events)
        rows, following, earlier = page(
            conn, query, _order(), limit=limit, offset=offset, cursor=after, before=before
        )
    return Slice([TimelineEntry.model_validate(r.record) for r in rows], following, earlier)


def timeline_total(store: Store, *, entity: str | None = None, all_events: bool = False) -> int:
    """How many entries `timeline()` lists without a limit."""
    with store.reading() as conn:
        return count(conn, _query(conn, entity, all_events))
