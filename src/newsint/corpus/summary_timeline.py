"""The timeline rows written at ingest (corpus/summaries.py calls it): each article's event
reports, and one entry per reported event and view with the names in its roles."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from newsint.config import Config
from newsint.corpus.queries.common import slices
from newsint.corpus.store.tables import (
    CopyLinkRow,
    FeatureRow,
    TimelineEntryRow,
    TimelineReportRow,
    TimelineRoleRow,
)
from newsint.corpus.timeline import (
    UNDATED_LAST,
    entry_of,
    group_key,
    order_keys,
    roles,
    root_of,
    shown,
)
from newsint.stages.features.record import EventFeature, decode

# Role names are kept lower-cased and clipped for the entity filter's index.
ROLE_CHARS = 255


def refresh_timeline(
    conn: Connection,
    config: Config,
    analyzed: Sequence[str],
    relinked: set[str],
    *,
    everything: bool = False,
) -> None:
    """Store the event reports of the analysed articles and rewrite the entries of every event
    they report, or whose articles' copy links changed (`everything`: all entries)."""
    touched: set[str] = set()
    for part in slices(sorted(set(analyzed))):
        if not everything:
            touched.update(
                conn.scalars(
                    select(TimelineReportRow.group_key).where(
                        TimelineReportRow.article_id.in_(part)
                    )
                )
            )
            conn.execute(delete(TimelineReportRow).where(TimelineReportRow.article_id.in_(part)))
        rows = []
        for _, data in conn.execute(
            select(FeatureRow.article_id, FeatureRow.data).where(FeatureRow.article_id.in_(part))
        ):
            try:
                f = decode(bytes(data))
            except (zlib.error, ValueError):  # unreadable features: the analyzer says so
                continue
            for e in f.events:
                key = group_key(e)
                touched.add(key)
                rows.append(
                    {
                        "article_id": f.id,
                        "event_id": e.id,
                        "group_key": key,
                        "record": {"published": f.published, "event": e.model_dump(mode="json")},
                    }
                )
        if rows:
            conn.execute(TimelineReportRow.__table__.insert(), _unique(rows))
    for part in slices(sorted(relinked)):
        touched.update(
            conn.scalars(
                select(TimelineReportRow.group_key).where(TimelineReportRow.article_id.in_(part))
            )
        )
    if not touched:
        return
    roots = root_of(
        (a, o)
        for a, o in conn.execute(
            select(CopyLinkRow.article_id, CopyLinkRow.original_id).order_by(CopyLinkRow.id)
        )
    )
    floor = config.events.happened_factuality
    for part in slices(sorted(touched)):
        conn.execute(delete(TimelineEntryRow).where(TimelineEntryRow.group_key.in_(part)))
        conn.execute(delete(TimelineRoleRow).where(TimelineRoleRow.group_key.in_(part)))
        entries: list[dict[str, Any]] = []
        names: list[dict[str, Any]] = []
        for key, reports in _reports(conn, part):
            for happened in (True, False):
                mine = [r for r in reports if shown(r[1], not happened, floor)]
                if not mine:
                    continue
                entry = entry_of(mine, roots)
                undated, start, end = order_keys(entry, mine)
                entries.append(
                    {
                        "group_key": key,
                        "happened": happened,
                        "id": entry.id,
                        "undated": undated,
                        "start_key": start,
                        "end_key": end,
                        "record": entry.model_dump(mode="json"),
                    }
                )
                found = set().union(*(roles(r[1]) for r in mine))
                names += [
                    {"group_key": key, "happened": happened, "role": n[:ROLE_CHARS]}
                    for n in sorted(found)
                ]
        if entries:
            conn.execute(TimelineEntryRow.__table__.insert(), entries)
        if names:
            conn.execute(TimelineRoleRow.__table__.insert(), _unique(names, 3))


def _reports(
    conn: Connection, keys: Sequence[str]
) -> Iterator[tuple[str, list[tuple[tuple[str, str], EventFeature, str]]]]:
    groups: dict[str, list[tuple[tuple[str, str], EventFeature, str]]] = {}
    for key, aid, record in conn.execute(
        select(
            TimelineReportRow.group_key, TimelineReportRow.article_id, TimelineReportRow.record
        ).where(TimelineReportRow.group_key.in_(keys))
    ):
        e = EventFeature.model_validate(record["event"])
        groups.setdefault(key, []).append(((record["published"] or UNDATED_LAST, aid), e, aid))
    yield from sorted(groups.items())


def _unique(rows: list[dict[str, Any]], width: int = 2) -> list[dict[str, Any]]:
    """Rows with distinct primary keys (the first `width` values), the first kept."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for row in rows:
        key = tuple(list(row.values())[:width])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out
