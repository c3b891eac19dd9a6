"""Independent source counting: copies collapse, shared upstreams count once, contradictions."""

from __future__ import annotations

import pytest

from corpus_texts import DENIAL, INDEPENDENT, ORIGINAL, SPIN, SYNDICATED, features
from newsint.config import default_config
from newsint.corpus.analyzer import CorpusAnalyzer

CLAIM = "seized 3,200 crates of counterfeit vaccines on Sunday"
HERON_CLAIM = "the freighter Silent Heron carried 3,200 crates of counterfeit vaccines"
SPIN_CLAIM = "confiscated 3,200 boxes of fake vaccines on Sunday"
MEMO = ("document", "a customs memo")
SPIN_MEMO = ("document", "a customs document")


def wire(**extra):
    return features(
        ORIGINAL,
        site="harborwire.example",
        published="2026-03-01T08:00:00",
        claims=[{"content": CLAIM, "chain": [MEMO]}],
        **extra,
    )


def test_copies_of_one_wire_story_count_once() -> None:
    """The wire story, a verbatim mirror, a syndicated copy and a spin, all resting on the same
    leaked memo: four articles, one independent source."""
    arts = [
        wire(),
        features(
            ORIGINAL,
            site="mirror.example",
            published="2026-03-01T10:00:00",
            claims=[{"content": CLAIM, "chain": [MEMO]}],
        ),
        features(
            SYNDICATED,
            site="valmoradaily.example",
            published="2026-03-01T11:00:00",
            claims=[{"content": CLAIM, "chain": [MEMO]}],
        ),
        features(
            SPIN,
            site="spinmill.example",
            published="2026-03-02",
            claims=[{"content": SPIN_CLAIM, "chain": [SPIN_MEMO]}],
        ),
    ]
    an = CorpusAnalyzer(default_config())
    an.add(arts)
    (cluster,) = an.clusters.values()
    assert len(cluster.articles) == 4
    assert cluster.independent_sources == 1
    assert any("collapses into its original" in r for r in cluster.collapsed)
    key = arts[3].claims[0].key
    assert an.independent_sources(key) == 1
    assert an.corroboration().reasons(key)[0].startswith("4 articles")


def test_two_outlets_quoting_different_officials_count_twice() -> None:
    claim_b = "the freighter Silent Heron carried 3,200 crates of counterfeit vaccines"
    a = wire()
    a.claims[0].chain[1].kind = "person"
    a.claims[0].chain[1].name = "Odile Ferrand"
    b = features(
        INDEPENDENT,
        site="valmoraherald.example",
        published="2026-03-02",
        claims=[{"content": claim_b, "chain": [("person", "Jonas Mirel")]}],
    )
    an = CorpusAnalyzer(default_config())
    an.add([a, b])
    (cluster,) = an.clusters.values()
    assert set(cluster.articles) == {a.id, b.id}
    assert cluster.independent_sources == 2
    assert not cluster.contradictions
    assert an.independent_sources(b.claims[0].key) == 2


def test_same_named_source_in_two_outlets_counts_once() -> None:
    b_claim = "the freighter Silent Heron carried 3,200 crates of counterfeit vaccines"
    a = features(
        ORIGINAL,
        site="harborwire.example",
        published="2026-03-01T08:00:00",
        claims=[{"content": CLAIM, "chain": [("person", "Jonas Mirel")]}],
    )
    b = features(
        INDEPENDENT,
        site="valmoraherald.example",
        published="2026-03-02",
        claims=[{"content": b_claim, "chain": [("person", "Jonas Mirel")]}],
    )
    an = CorpusAnalyzer(default_config())
    an.add([a, b])
    (cluster,) = an.clusters.values()
    assert cluster.independent_sources == 1
    assert any("same person 'Jonas Mirel'" in r for r in cluster.collapsed)


def test_contradiction_flagged() -> None:
    b_claim = "the freighter Silent Heron carried 3,200 crates of counterfeit vaccines"
    b = features(
        INDEPENDENT,
        site="valmoraherald.example",
        published="2026-03-02",
        claims=[{"content": b_claim, "chain": [("person", "Jonas Mirel")]}],
    )
    denial = features(
        DENIAL,
        site="tradegazette.example",
        published="2026-03-04",
        claims=[
            {
                "content": b_claim,
                "chain": [("organisation", "Marlow Brant Logistics")],
                "status": "denied",
            }
        ],
    )
    an = CorpusAnalyzer(default_config())
    an.add([b, denial])
    (cluster,) = an.clusters.values()
    assert cluster.contradictions == sorted([b.claims[0].key, denial.claims[0].key])
    assert "contradicted" in an.corroboration().reasons(b.claims[0].key)[-1]
    # one source says it, another denies it: one source backs it, not two
    assert cluster.stance_sources == {"1": 1, "-1": 1}
    assert cluster.independent_sources == 1


def test_claim_nobody_repeats_is_one_source() -> None:
    an = CorpusAnalyzer(default_config())
    a = wire()
    an.add([a])
    assert not an.clusters
    assert an.independent_sources(a.claims[0].key) == 1


def test_a_broad_claim_joins_only_its_best_match() -> None:
    """Two claims of one article never merge through one broad claim of another."""
    text_a = (
        "The freighter carried 3,200 crates of counterfeit vaccines from Dastrel. "
        "The freighter carried 3,200 crates of counterfeit vaccines to Valmora port."
    )
    text_b = "Reports say the freighter carried 3,200 crates of counterfeit vaccines to Valmora."
    a = features(
        text_a,
        site="a.example",
        published="2026-03-01",
        claims=[
            {"content": "freighter carried 3,200 crates of counterfeit vaccines from Dastrel"},
            {"content": "freighter carried 3,200 crates of counterfeit vaccines to Valmora port"},
        ],
    )
    b = features(
        text_b,
        site="b.example",
        published="2026-03-02",
        claims=[{"content": "freighter carried 3,200 crates of counterfeit vaccines to Valmora"}],
    )
    an = CorpusAnalyzer(default_config())
    an.add([a, b])
    (cluster,) = an.clusters.values()
    assert sorted(cluster.claims) == sorted([a.claims[1].key, b.claims[0].key])


@pytest.mark.parametrize(
    ("threshold", "sources"),
    [
        (0.9, 2),  # "leaked customs memo" ~ "internal customs memo" is 0.77: two documents
        (0.75, 1),  # a looser setting takes them for one document: one source
    ],
)
def test_claim_document_similarity_setting_decides_same_document(
    threshold: float, sources: int
) -> None:
    """Two outlets resting on two descriptions of a memo: the setting, not a constant, says
    whether the descriptions name one document."""
    a = wire()
    a.claims[0].chain[1].name = "a leaked customs memo"
    b = features(
        INDEPENDENT,
        site="valmoraherald.example",
        published="2026-03-02",
        claims=[{"content": HERON_CLAIM, "chain": [("document", "an internal customs memo")]}],
    )
    base = default_config()
    config = base.model_copy(
        update={"corpus": base.corpus.model_copy(update={"claim_document_similarity": threshold})}
    )
    an = CorpusAnalyzer(config)
    an.add([a, b])
    (cluster,) = an.clusters.values()
    assert set(cluster.articles) == {a.id, b.id}
    assert cluster.independent_sources == sources
