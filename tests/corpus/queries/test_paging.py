"""Keyset paging: walking a list by its `next` cursors (and back by `prev`) gives every row
once, in the list's order, with no gaps, however many rows share a date or a count; and
full text is cut in the list's own order. On SQLite and PostgreSQL (`db_url`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from newsint.corpus.queries import articles as article_queries
from newsint.corpus.queries import entities as entity_queries
from newsint.corpus.queries import paging
from newsint.corpus.queries import stories as story_queries
from newsint.corpus.queries.common import InvalidFilter
from newsint.corpus.queries.paging import Slice
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import ArticleRow, CorpusEntityRow, StoryRow

# Few distinct dates and counts, so many rows tie on them and only the id tells them apart.
DAYS = st.one_of(st.none(), st.sampled_from(["2025-03-07", "2025-03-08", "2025-03-08T10:00"]))
ROWS = st.lists(st.tuples(DAYS, st.integers(1, 3)), min_size=0, max_size=23)
EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def store(db_url: str):
    with Store(db_url) as s:
        yield s


def _article(i: int, day: str | None) -> dict[str, Any]:
    return {
        "id": f"art_{i:03d}",
        "url": None,
        "site": f"Outlet {i % 3}",
        "title": f"Harbour report {i}",
        "published": day,
        "published_source": "metadata" if day else "none",
        "language": "en",
        "chars": 10,
        "stages": "",
        "current": True,
        "analyzed": True,
        "search_text": "ferry" if i % 2 else "bridge",
    }


def _fill(store: Store, table: Any, rows: list[dict[str, Any]]) -> None:
    with store.transaction() as conn:
        conn.execute(delete(table))
        if rows:
            conn.execute(insert(table), rows)


def walk(fetch: Callable[..., Slice[Any]], limit: int) -> tuple[list[Any], list[list[Any]]]:
    """Every page by `next` from the first, then every page back by `prev` from the last."""
    pages = [fetch(limit=limit)]
    while pages[-1].next:
        pages.append(fetch(limit=limit, after=pages[-1].next))
    back = [pages[-1]]
    while back[-1].prev:
        back.append(fetch(limit=limit, before=back[-1].prev))
    forward = [x for p in pages for x in p.items]
    return forward, [p.items for p in reversed(back)]


def _article_order(a: Any) -> tuple[bool, str, str]:
    return (a.published is None, a.published or "", a.id)


@EXAMPLES
@given(rows=ROWS, limit=st.integers(1, 7))
def test_articles_keyset_walk_is_the_whole_list_in_order(
    store: Store, rows: list[tuple[str | None, int]], limit: int
) -> None:
    _fill(store, ArticleRow, [_article(i, day) for i, (day, _) in enumerate(rows)])
    whole = article_queries.articles(store).items
    assert [a.id for a in whole] == [a.id for a in sorted(whole, key=_article_order)]

    def fetch(**kw: Any) -> Slice[Any]:
        return article_queries.articles(store, **kw)

    forward, back = walk(fetch, limit)
    assert [a.id for a in forward] == [a.id for a in whole]  # no gap, no repeat
    assert [[a.id for a in p] for p in back] == [
        [a.id for a in whole[i : i + limit]] for i in range(0, len(whole), limit)
    ] or not whole
    # a cursor and an offset name the same page
    for start in range(0, len(whole), limit):
        by_offset = article_queries.articles(store, limit=limit, offset=start).items
        assert by_offset == whole[start : start + limit]


@EXAMPLES
@given(rows=ROWS, limit=st.integers(1, 7))
def test_stories_and_entities_keyset_walks(
    store: Store, rows: list[tuple[str | None, int]], limit: int
) -> None:
    _fill(
        store,
        StoryRow,
        [
            {
                "id": f"story_{i:03d}",
                "title": None,
                "size": size,
                "first_published": day,
                "last_published": day,
                "record": {"id": f"story_{i:03d}"},
            }
            for i, (day, size) in enumerate(rows)
        ],
    )
    whole = story_queries.stories(store).items
    assert [s.id for s in whole] == [
        s.id
        for s in sorted(
            whole,
            key=lambda s: (-s.articles, s.first_published is None, s.first_published or "", s.id),
        )
    ]
    forward, _ = walk(lambda **kw: story_queries.stories(store, **kw), limit)
    assert [s.id for s in forward] == [s.id for s in whole]

    _fill(
        store,
        CorpusEntityRow,
        [
            {
                "id": f"ent_{i:03d}",
                "name": ["Mira Solano", "Port Velmar", "Tidewell Lines"][i % 3],
                "type": "PERSON",
                "articles": size,
                "record": {},
            }
            for i, (_, size) in enumerate(rows)
        ],
    )
    everyone = entity_queries.entities(store).items
    forward, _ = walk(lambda **kw: entity_queries.entities(store, **kw), limit)
    assert [e.id for e in forward] == [e.id for e in everyone]
    assert len({e.id for e in forward}) == len(rows)


def test_search_is_cut_in_list_order_and_counted_up_to_the_cap(store: Store) -> None:
    days = ["2025-03-09", None, "2025-03-07", "2025-03-08", "2025-03-07", None, "2025-03-10"]
    _fill(store, ArticleRow, [_article(i, day) for i, day in enumerate(days)])
    found = article_queries.search(store, "ferry", limit=2)
    # odd ids hold "ferry": art_001 (undated), art_003 (03-08), art_005 (undated)
    assert [a.id for a in found.items] == ["art_003", "art_001"]
    rest = article_queries.search(store, "ferry", limit=2, after=found.next)
    assert [a.id for a in rest.items] == ["art_005"] and rest.next is None
    assert article_queries.search_total(store, "ferry") == 3
    # title words match too, and the count stops one past the cap
    store.settings = store.settings.model_copy(update={"full_text_count_cap": 4})
    assert article_queries.search_total(store, "harbour") == 5  # 7 match: "more than 4"
    assert article_queries.search_total(store, "bridge") == 4  # exactly 4: counted


@pytest.mark.parametrize(
    "token", ["", "nonsense", paging.encode(["a"]), paging.encode([1.5, "x", "y"])]
)
def test_a_foreign_cursor_is_an_invalid_filter(store: Store, token: str) -> None:
    if not token:
        assert article_queries.articles(store, after=token).items == []
        return
    with pytest.raises(InvalidFilter):
        article_queries.articles(store, after=token)
