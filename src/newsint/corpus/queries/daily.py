"""Counts per day in SQL on a connection, for the volume charts: the corpus's articles by
publication day and its timeline's entries by their first day (queries/volume.py reads them;
corpus/summaries.py writes the whole corpus's when the corpus changes, without a Store)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from newsint.corpus.store.tables import ArticleRow, TimelineEntryRow
from newsint.model import Record

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


def articles_per_day(
    conn: Connection, ids: Collection[str] | None = None
) -> tuple[Counter[str], int]:
    """Articles per publication day (all, or those of `ids`) and how many are undated, from
    the `published` index alone."""
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
    per_day, undated_articles = articles_per_day(conn)
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
    return on_days(per_day, undated_articles, events, coarse, undated)


def on_days(
    articles: Counter[str],
    undated_articles: int,
    events: Counter[str],
    coarse: int,
    undated: int,
) -> Volume:
    """The counts on one axis of days (every day with an article or an event)."""
    days = sorted(set(articles) | set(events))
    return Volume(
        days=days,
        articles=[articles.get(d, 0) for d in days],
        events=[events.get(d, 0) for d in days],
        coarse_events=coarse,
        undated_events=undated,
        undated_articles=undated_articles,
    )
