"""CorpusAnalyzer: incremental = batch, deltas, idempotence, the copy tree inside a story."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_texts import (
    DENIAL,
    DERIVATIVE,
    FOOTBALL,
    INDEPENDENT,
    ORIGINAL,
    SPIN,
    SYNDICATED,
    UNRELATED_SAME_TOPIC,
    features,
)
from newsint.config import Config, default_config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.corpus.delta import CorpusDelta
from newsint.stages.features.record import ArticleFeatures

CLAIM = "seized 3,200 crates of counterfeit vaccines on Sunday"


def corpus() -> list[ArticleFeatures]:
    memo = [{"content": CLAIM, "chain": [("document", "a customs memo")]}]
    ents = [("Odile Ferrand", "PERSON"), ("Valmora", "GPE"), ("Silent Heron", "PRODUCT")]
    return [
        features(
            ORIGINAL,
            site="harborwire.example",
            published="2026-03-01T08:00:00",
            claims=memo,
            entities=ents,
        ),
        features(ORIGINAL, site="mirror.example", published=None, claims=memo, entities=ents),
        features(
            SYNDICATED,
            site="valmoradaily.example",
            published="2026-03-01T11:00:00",
            claims=memo,
            entities=ents,
        ),
        features(
            SPIN,
            site="spinmill.example",
            published="2026-03-02",
            entities=[("Odile Ferand", "PERSON"), ("Valmora", "GPE")],
        ),
        features(DERIVATIVE, site="pharmatimes.example", published="2026-03-03"),
        features(
            INDEPENDENT,
            site="valmoraherald.example",
            published="2026-03-02",
            entities=[("Jonas Mirel", "PERSON"), ("Valmora", "GPE")],
        ),
        features(DENIAL, site="tradegazette.example", published="2026-03-04"),
        features(UNRELATED_SAME_TOPIC, site="brennhavenpost.example", published="2026-03-02"),
        features(FOOTBALL, site="sportsdesk.example", published="2026-03-01"),
    ]


ARTICLES = corpus()


def batch_state() -> dict:
    an = CorpusAnalyzer(default_config())
    an.add(ARTICLES)
    return an.snapshot()


BATCH = batch_state()


def test_the_copy_tree() -> None:
    an = CorpusAnalyzer(default_config())
    an.add(ARTICLES)
    wire, mirror, synd, spin, deriv = (a.id for a in ARTICLES[:5])
    kinds = {link.article: (link.original, link.kind) for link in an.links.values()}
    assert kinds[mirror] == (wire, "verbatim")
    assert kinds[synd] == (wire, "syndicated")
    assert kinds[spin] == (wire, "spin")
    assert kinds[deriv] == (wire, "derivative")
    assert an.links[spin].misattribution if spin in an.links else False
    story = an.stories[an.story_of[wire]]
    assert story.originals[0] == wire
    assert {mirror, synd, spin, deriv} <= set(story.articles)
    football = ARTICLES[-1].id
    assert an.stories[an.story_of[football]].articles == [football]


def added_in_batches(config: Config, order: list[int], sizes: list[int]) -> CorpusAnalyzer:
    """ARTICLES in this order, added in batches of these sizes in turn."""
    an = CorpusAnalyzer(config)
    items = [ARTICLES[i] for i in order]
    k = 0
    while items:
        size = sizes[k % len(sizes)]
        an.add(items[:size])
        items = items[size:]
        k += 1
    return an


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(len(ARTICLES))), st.lists(st.integers(1, 4), min_size=1))
def test_any_order_and_batching_gives_the_same_state(order: list[int], sizes: list[int]) -> None:
    assert added_in_batches(default_config(), order, sizes).snapshot() == BATCH


def replay(deltas: list[CorpusDelta]) -> dict:
    """What a store holding only the deltas ends up with."""
    state: dict[str, dict] = {"links": {}, "stories": {}, "clusters": {}, "entities": {}}
    for d in deltas:
        for rid in d.removed_copy_links:
            state["links"].pop(rid, None)
        for r in d.copy_links:
            state["links"][r.id] = r.to_dict()
        for rid in d.removed_stories:
            state["stories"].pop(rid, None)
        for r in d.stories:
            state["stories"][r.id] = r.to_dict()
        for rid in d.removed_claim_clusters:
            state["clusters"].pop(rid, None)
        for r in d.claim_clusters:
            state["clusters"][r.id] = r.to_dict()
        for rid in d.removed_corpus_entities:
            state["entities"].pop(rid, None)
        for r in d.corpus_entities:
            state["entities"][r.id] = r.to_dict()
    return state


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(len(ARTICLES))))
def test_deltas_replayed_equal_the_state(order: list[int]) -> None:
    an = CorpusAnalyzer(default_config())
    deltas = [an.add([ARTICLES[i]]) for i in order]
    state = replay(deltas)
    assert sorted(state["links"].values(), key=lambda r: r["id"]) == BATCH["copy_links"]
    assert sorted(state["stories"].values(), key=lambda r: r["id"]) == BATCH["stories"]
    assert sorted(state["clusters"].values(), key=lambda r: r["id"]) == BATCH["claim_clusters"]
    assert sorted(state["entities"].values(), key=lambda r: r["id"]) == BATCH["corpus_entities"]


def test_re_adding_changes_nothing() -> None:
    an = CorpusAnalyzer(default_config())
    an.add(ARTICLES)
    assert an.add(ARTICLES).is_empty()


def test_load_rebuilds_the_same_state() -> None:
    an = CorpusAnalyzer(default_config())
    an.load(iter(ARTICLES))
    assert an.snapshot() == BATCH


def test_story_ids_stable_as_a_story_grows() -> None:
    an = CorpusAnalyzer(default_config())
    an.add([ARTICLES[0]])
    sid = an.story_of[ARTICLES[0].id]
    delta = an.add([ARTICLES[2], ARTICLES[3]])
    assert an.story_of[ARTICLES[2].id] == sid
    assert sid in {s.id for s in delta.stories}
    assert not delta.removed_stories


def test_an_earlier_original_arriving_late_takes_over() -> None:
    """The spin arrives first (its own story); the wire original arrives later: the story is
    re-keyed to the original and the spin's old story is reported removed."""
    an = CorpusAnalyzer(default_config())
    spin, wire = ARTICLES[3], ARTICLES[0]
    an.add([spin])
    old = an.story_of[spin.id]
    delta = an.add([wire])
    assert old in delta.removed_stories
    assert an.story_of[spin.id] == an.story_of[wire.id] != old
    assert [link.original for link in delta.copy_links] == [wire.id]


def test_common_keys_stop_making_candidates() -> None:
    """A key held by more articles than max_key_articles is dropped, and so are the pairs it
    alone made, whatever the arrival order. (LSH is all but off here: two bands of 64 rows.)"""
    cfg = default_config().model_copy(deep=True)
    for key, value in {
        "max_key_articles": 2,
        "min_shared_keys": 1,
        "shingle_bands": 2,
        "shingle_rows": 64,
        "bag_bands": 2,
        "bag_rows": 64,
        "story_key_terms": 0,  # the quote is the only key here
    }.items():
        object.__setattr__(cfg.corpus, key, value)
    quote = '"we will rebuild the northern bridge before the winter floods arrive"'
    texts = [
        f"Mayor Lina Osk of Tarnby said {quote} at a meeting on Monday about the bridge.",
        f"Mayor Lina Osk told Tarnby residents {quote} on Monday, promising the bridge.",
        f"Tarnby mayor Lina Osk promised on Monday: {quote}. The bridge fell in the floods.",
    ]
    arts = [features(t, site=f"s{i}.example", published="2026-01-05") for i, t in enumerate(texts)]
    incremental = CorpusAnalyzer(cfg)
    incremental.add(arts[:2])
    assert len(incremental.relations) == 1  # found through the shared quote
    incremental.add(arts[2:])
    assert not incremental.relations  # the quote is now common: its pair is gone
    batch = CorpusAnalyzer(cfg)
    batch.add(arts)
    assert batch.snapshot() == incremental.snapshot()
