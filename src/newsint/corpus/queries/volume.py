"""Volume over time for the charts: articles published and events dated, per day.

Articles are counted in SQL by their publication day. Events are the timeline's entries (one per
reported event, copies collapsed), counted on their first day when their time is a day or finer;
coarser ones ("March 2023") and undated ones are counted apart, never spread over days.

The whole corpus's volume is counted in SQL (`corpus_volume`) when the corpus changes and kept
in meta with its counts (corpus/summaries.py), so the timeline page reads one row at any size;
a story's is counted from its own few articles per request.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from contextlib import AbstractContextManager
from typing import Protocol

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from newsint.corpus.store.tables import ArticleRow, TimelineEntryRow
from newsint.model import Record, TimelineEntry

DAY_OR_FINER = frozenset({"day", "time"})


class Volume(Record):
    """Counts per day, on the same list of days (every day with an article or an event)."""

    days: list[str] = Field(default_factory=list)  # ISO dates, ascending
    articles: list[int] = Field(default_factory=list)
    events: list[int] = Field(default_factory=list)
    coarse_events: int = 0  # dated, but only to a week, month, year, …
    undated_events: int = 0
    undated_articles: int = 0


# The meta key the corpus's volume is kept under (written with the counts).
VOLUME_KEY = "volume"


class Store(Protocol):
    """What these queries read of the store: the store writes the corpus volume through
    corpus/summaries.py, which counts it here, so naming the Store class would be a circle."""

    def reading(self) -> AbstractContextManager[Connection]: ...

    def get_meta(self, key: str) -> str | None: ...


def articles_per_day(store: Store, ids: Collection[str] | None = None) -> tuple[Counter[str], int]:
    """Stored articles per publication day (all, or those of `ids`), and how many are undated.

    Every stored version counts, as on the articles page: the published column alone is read,
    so the database answers from its index alone (118 ms at 100k articles on a busy machine,
    docs/benchmarks.md); leaving out superseded versions cost a row lookup each (379 ms)."""
    with store.reading() as conn:
        return _articles_per_day(conn, ids)


def _articles_per_day(
    conn: Connection, ids: Collection[str] | None = None
) -> tuple[Counter[str], int]:
    day = func.substr(ArticleRow.published, 1, 10)
    query = select(day, func.count()).group_by(day)
    if ids is not None:
        query = query.where(ArticleRow.id.in_(list(ids)))
    per_day: Counter[str] = Counter()
    undated = 0
    for when, n in conn.execute(query):
        if when and len(when) == 10:
            per_day[str(when)] += int(n)
        else:
            undated += int(n)
    return per_day, undated


def corpus_volume(conn: Connection) -> Volume:
    """The whole corpus's volume counted in SQL: articles by publication day, and the
    default timeline's entries (events reported as having happened) grouped by their
    granularity and first day, read from the entries' JSON by the database."""
    per_day, undated_articles = _articles_per_day(conn)
    t = TimelineEntryRow
    granularity = t.record["granularity"].as_string()
    day = func.substr(t.record["start"].as_string(), 1, 10)
    events: Counter[str] = Counter()
    coarse = undated = 0
    query = (
        select(granularity, day, func.count())
        .where(t.happened.is_(True))
        .group_by(granularity, day)
    )
    for grain, when, n in conn.execute(query):
        if not when:
            undated += int(n)
        elif grain in DAY_OR_FINER and len(when) == 10:
            events[str(when)] += int(n)
        else:
            coarse += int(n)
    return _on_days(per_day, undated_articles, events, coarse, undated)


def stored_volume(store: Store) -> Volume:
    """The corpus's volume as written when it last changed, else counted now."""
    kept = store.get_meta(VOLUME_KEY)
    if kept is not None:
        return Volume.model_validate_json(kept)
    with store.reading() as conn:
        return corpus_volume(conn)


def volume(
    articles: Counter[str], undated_articles: int, entries: Iterable[TimelineEntry]
) -> Volume:
    """Articles and events per day on one axis of days."""
    events: Counter[str] = Counter()
    coarse = undated = 0
    for e in entries:
        if e.start is None:
            undated += 1
        elif e.granularity in DAY_OR_FINER and len(e.start) >= 10:
            events[e.start[:10]] += 1
        else:
            coarse += 1
    return _on_days(articles, undated_articles, events, coarse, undated)


def _on_days(
    articles: Counter[str],
    undated_articles: int,
    events: Counter[str],
    coarse: int,
    undated: int,
) -> Volume:
    days = sorted(set(articles) | set(events))
    return Volume(
        days=days,
        articles=[articles.get(d, 0) for d in days],
        events=[events.get(d, 0) for d in days],
        coarse_events=coarse,
        undated_events=undated,
        undated_articles=undated_articles,
    )
