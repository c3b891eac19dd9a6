"""Independent source counting: copies collapse, shared upstreams count once, contradictions."""

from __future__ import annotations

from corpus_texts import DENIAL, INDEPENDENT, ORIGINAL, SPIN, SYNDICATED, features

from newsint.config import default_config
from newsint.corpus.analyzer import CorpusAnalyzer

CLAIM = "seized 3,200 crates of counterfeit vaccines on Sunday"
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
