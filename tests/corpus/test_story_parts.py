"""Over-large blocks are cut into parts before Ward linkage; the result still never depends on
arrival order or batching, and a part met again unchanged keeps its stories."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_analyzer import ARTICLES, added_in_batches, replay

from newsint.config import Config, default_config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.corpus.stories import split_block

# A small graph: (a, b) -> (story similarity, is a copy).
CHAIN = {("a", "b"): (0.9, False), ("b", "c"): (0.2, False), ("c", "d"): (0.8, False)}
COPY_FIRST = {("a", "b"): (0.1, True), ("b", "c"): (0.95, False)}
STAR = {("h", x): (0.5, False) for x in "pqrs"}


def graph(edges: dict[tuple[str, str], tuple[float, bool]]):
    adjacent: dict[str, set[str]] = {}
    for a, b in edges:
        adjacent.setdefault(a, set()).add(b)
        adjacent.setdefault(b, set()).add(a)

    def known(a: str, b: str) -> tuple[float, bool] | None:
        return edges.get((a, b)) or edges.get((b, a))

    return sorted(adjacent), lambda a: adjacent.get(a, set()), known


@pytest.mark.parametrize(
    ("edges", "cap", "parts"),
    [
        (CHAIN, 4, [["a", "b", "c", "d"]]),  # within the cap: one part
        (CHAIN, 2, [["a", "b"], ["c", "d"]]),  # the weakest link is the one cut
        (CHAIN, 3, [["a", "b"], ["c", "d"]]),  # b-c would make four
        (COPY_FIRST, 2, [["a", "b"], ["c"]]),  # a copy link before any similarity
        (STAR, 3, [["h", "p", "q"], ["r"], ["s"]]),  # equal links: taken in id order
    ],
)
def test_split_block(edges, cap: int, parts: list[list[str]]) -> None:
    nodes, neighbours, known = graph(edges)
    assert split_block(nodes, neighbours, known, cap) == parts


EDGES = st.dictionaries(
    st.tuples(st.sampled_from("abcdefghij"), st.sampled_from("abcdefghij")).filter(
        lambda p: p[0] < p[1]
    ),
    st.tuples(st.sampled_from([0.15, 0.3, 0.5, 0.9]), st.booleans()),
    min_size=1,
)


@settings(max_examples=60, deadline=None)
@given(EDGES, st.integers(1, 6), st.randoms(use_true_random=False))
def test_parts_partition_the_block_within_the_cap_in_any_order(edges, cap: int, rng) -> None:
    nodes, neighbours, known = graph(edges)
    parts = split_block(nodes, neighbours, known, cap)
    assert sorted(m for p in parts for m in p) == nodes
    assert all(1 <= len(p) <= cap for p in parts)
    shuffled = list(nodes)
    rng.shuffle(shuffled)

    def neighbours_shuffled(a: str) -> list[str]:
        out = sorted(neighbours(a))
        rng.shuffle(out)
        return out

    assert split_block(shuffled, neighbours_shuffled, known, cap) == parts


def small_cap_config(cap: int) -> Config:
    cfg = default_config()
    return cfg.model_copy(
        update={"corpus": cfg.corpus.model_copy(update={"story_block_max_articles": cap})}
    )


CAPPED = small_cap_config(3)


def capped_batch_state() -> dict:
    an = CorpusAnalyzer(CAPPED)
    an.add(ARTICLES)
    assert an.story_part, "no block over the cap: the test would not cut any"
    return an.snapshot()


CAPPED_BATCH = capped_batch_state()


def test_a_capped_story_stays_within_the_cap() -> None:
    assert all(len(s["articles"]) <= 3 for s in CAPPED_BATCH["stories"])
    from test_analyzer import BATCH

    assert CAPPED_BATCH["copy_links"] == BATCH["copy_links"]  # the cut touches stories only


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(len(ARTICLES))), st.lists(st.integers(1, 4), min_size=1))
def test_cut_blocks_give_the_same_state_in_any_order_and_batching(
    order: list[int], sizes: list[int]
) -> None:
    assert added_in_batches(CAPPED, order, sizes).snapshot() == CAPPED_BATCH


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(len(ARTICLES))))
def test_cut_blocks_deltas_replayed_equal_the_state(order: list[int]) -> None:
    an = CorpusAnalyzer(CAPPED)
    state = replay([an.add([ARTICLES[i]]) for i in order])
    assert sorted(state["stories"].values(), key=lambda r: r["id"]) == CAPPED_BATCH["stories"]
    assert (
        sorted(state["clusters"].values(), key=lambda r: r["id"]) == CAPPED_BATCH["claim_clusters"]
    )


def min_shared_config(n: int) -> Config:
    cfg = default_config()
    return cfg.model_copy(
        update={"corpus": cfg.corpus.model_copy(update={"story_key_min_shared": n})}
    )


@pytest.mark.parametrize(
    ("min_shared", "keys", "story_words", "candidate"),
    [
        (2, 1, 0, True),  # one shared quote, number or rare name is enough
        (2, 0, 1, False),  # one shared story word is not
        (2, 0, 2, True),
        (1, 0, 1, True),  # the setting restores one
        (2, 0, 0, False),
    ],
)
def test_story_words_need_the_set_number(
    min_shared: int, keys: int, story_words: int, candidate: bool
) -> None:
    an = CorpusAnalyzer(min_shared_config(min_shared))
    assert an._shares_enough(keys, story_words) is candidate
