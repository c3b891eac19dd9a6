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

from newsint.corpus.queries import daily
from newsint.corpus.queries.daily import DAY_OR_FINER, VOLUME_KEY, Volume, corpus_volume
from newsint.corpus.store.store import Store
from newsint.model import TimelineEntry

__all__ = ["DAY_OR_FINER", "VOLUME_KEY", "Volume", "corpus_volume", "stored_volume", "volume"]


def articles_per_day(store: Store, ids: Collection[str] | None = None) -> tuple[Counter[str], int]:
    """Stored articles per publication day (all, or those of `ids`), and how many are undated.

    Every stored version counts, as on the articles page: the published column alone is read,
    so the database answers from its index alone (118 ms at 100k articles on a busy machine,
    docs/benchmarks.md); leaving out superseded versions cost a row lookup each (379 ms)."""
    with store.reading() as conn:
        return daily.articles_per_day(conn, ids)


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
    return daily.on_days(articles, undated_articles, events, coarse, undated)
