"""Volume per day for the charts: events counted on their day only when dated to a day, articles
by their publication day, one axis of days for both."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsint.corpus.api import Corpus
from newsint.corpus.queries.volume import volume
from newsint.model import TimelineEntry


def entry(i: int, time: str | None, granularity: str, start: str | None) -> TimelineEntry:
    return TimelineEntry.model_validate(
        {
            "id": f"tl_{i}",
            "time": time,
            "granularity": granularity,
            "start": start,
            "type": "CONSULT",
            "text": "met",
        }
    )


def test_events_on_their_day_coarse_and_undated_apart() -> None:
    entries = [
        entry(1, "2025-03-07", "day", "2025-03-07"),
        entry(2, "2025-03-07T14:30", "time", "2025-03-07"),
        entry(3, "2025-03-10", "day", "2025-03-10"),
        entry(4, "2025-03", "month", "2025-03-01"),  # coarse: not spread over March
        entry(5, "2025-W10", "week", "2025-03-03"),
        entry(6, None, "none", None),
    ]
    v = volume(Counter({"2025-03-07": 2, "2025-03-08": 1}), 1, entries)
    assert v.days == ["2025-03-07", "2025-03-08", "2025-03-10"]
    assert v.articles == [2, 1, 0]
    assert v.events == [2, 0, 1]
    assert (v.coarse_events, v.undated_events, v.undated_articles) == (2, 1, 1)


def test_nothing_gives_an_empty_axis() -> None:
    v = volume(Counter(), 0, [])
    assert v.days == [] and v.articles == [] and v.events == []


@pytest.mark.parametrize("story", [False, True])
def test_corpus_and_story_volume(web_db: Path, story: bool) -> None:
    with Corpus(web_db) as corpus:
        if story:
            bridge = next(s for s in corpus.stories() if "bridge" in (s.title or "").lower())
            v = corpus.volume(story=corpus.story(bridge.id))
            assert sum(v.articles) == len(corpus.story(bridge.id).articles)
            assert "2025-03-04" not in v.days  # the museum story's day is not this story's
        else:
            v = corpus.volume()
            assert v.days[0] == "2025-03-04"
            assert dict(zip(v.days, v.articles, strict=True))["2025-03-07"] == 2  # wire + copy
            assert sum(v.articles) == 4
        assert len(v.days) == len(v.articles) == len(v.events)
        assert v.days == sorted(v.days)


def test_stored_volume_is_the_timelines_counted_again(web_db: Path) -> None:
    """The corpus volume kept in meta at ingest (counted in SQL) is what counting the whole
    default timeline per request gave."""
    from newsint.corpus.queries.volume import VOLUME_KEY, articles_per_day

    with Corpus(web_db) as corpus:
        assert corpus.store.get_meta(VOLUME_KEY) is not None
        per_day, undated = articles_per_day(corpus.store)
        again = volume(per_day, undated, corpus.timeline())
        assert corpus.volume() == again
        assert sum(again.events) + again.coarse_events + again.undated_events == len(
            corpus.timeline()
        )


def test_corpus_volume_in_sql_counts_as_the_timeline_does(db_url: str) -> None:
    """`corpus_volume` reads each entry's granularity and day from its JSON in the database
    (SQLite and PostgreSQL) and classifies them as `volume` does from the records."""
    from sqlalchemy import insert

    from newsint.corpus.queries.volume import corpus_volume
    from newsint.corpus.store.store import Store
    from newsint.corpus.store.tables import TimelineEntryRow

    entries = [
        entry(1, "2025-03-07", "day", "2025-03-07"),
        entry(2, "2025-03-07T14:30", "time", "2025-03-07"),
        entry(3, "2025-03-10", "day", "2025-03-10"),
        entry(4, "2025-03", "month", "2025-03-01"),
        entry(5, None, "none", None),
    ]
    rows = [
        {
            "group_key": e.id,
            "happened": happened,
            "id": e.id,
            "undated": e.start is None,
            "start_key": e.start or "",
            "end_key": "",
            "record": e.model_dump(mode="json"),
        }
        for e in entries
        for happened in (True, False)  # the other view is not the chart's
    ]
    with Store(db_url) as store, store.transaction() as conn:
        conn.execute(insert(TimelineEntryRow), rows)
        counted = corpus_volume(conn)
    assert counted == volume(Counter(), 0, entries)
    assert counted.events == [2, 1] and (counted.coarse_events, counted.undated_events) == (1, 1)
