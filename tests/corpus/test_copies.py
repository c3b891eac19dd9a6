"""Copy kinds, origin inference and misattribution on our own invented articles."""

from __future__ import annotations

import pytest

from corpus_texts import (
    DERIVATIVE,
    FOOTBALL,
    ORIGINAL,
    SPIN,
    SYNDICATED,
    UNRELATED_SAME_TOPIC,
    features,
)
from newsint.config import default_config
from newsint.corpus.compare import make_doc
from newsint.corpus.copies import orient, relate

CFG = default_config().corpus
WIRE = dict(site="harborwire.example", published="2026-03-01T08:00:00")


def doc(text: str, **kw):
    return make_doc(features(text, **kw), CFG)


def truncated(text: str) -> str:
    paras = text.split("\n\n")
    return "\n\n".join(paras[: len(paras) * 2 // 3])


def reordered(text: str) -> str:
    paras = text.strip().split("\n\n")
    return "\n\n".join(paras[1::2] + paras[0::2])


CASES = [
    # (variant text, its site, expected kind, misattribution expected)
    (ORIGINAL, "copycat.example", "verbatim", False),
    (truncated(ORIGINAL), "copycat.example", "verbatim", False),
    (reordered(ORIGINAL), "copycat.example", "verbatim", False),
    (SYNDICATED, "valmoradaily.example", "syndicated", False),
    (SPIN, "spinmill.example", "spin", True),
    (DERIVATIVE, "pharmatimes.example", "derivative", False),
    (UNRELATED_SAME_TOPIC, "brennhavenpost.example", None, False),
    (FOOTBALL, "sportsdesk.example", None, False),
]


@pytest.mark.parametrize(("text", "site", "kind", "misattributed"), CASES)
def test_copy_kind(text: str, site: str, kind: str | None, misattributed: bool) -> None:
    original = doc(ORIGINAL, **WIRE)
    variant = doc(text, site=site, published="2026-03-01T15:00:00")
    rel = relate(original, variant, CFG)
    got = rel.kind if rel else None
    assert got == kind
    if kind is not None:
        assert rel is not None
        assert rel.original == original.id and rel.copy == variant.id
        assert rel.evidence
        assert bool(rel.misattribution) == misattributed


def test_misattribution_names_both_outlets() -> None:
    rel = relate(doc(ORIGINAL, **WIRE), doc(SPIN, site="spinmill.example", published=None), CFG)
    assert rel is not None and rel.misattribution
    assert "Reuters" in rel.misattribution
    assert "Harbor Wire Service" in rel.misattribution


def test_relation_is_symmetric_in_argument_order() -> None:
    a = doc(ORIGINAL, **WIRE)
    b = doc(SPIN, site="spinmill.example", published="2026-03-02")
    r1, r2 = relate(a, b, CFG), relate(b, a, CFG)
    assert r1 == r2


@pytest.mark.parametrize(
    ("first", "second", "expected_original"),
    [
        # dates decide when both are dated
        (("2026-03-01", "x.example"), ("2026-03-03", "y.example"), "first"),
        (("2026-03-05", "x.example"), ("2026-03-03", "y.example"), "second"),
        # a dated article is preferred over an undated one
        ((None, "x.example"), ("2026-03-03", "y.example"), "second"),
    ],
)
def test_origin_by_date(first, second, expected_original) -> None:
    a = doc(FOOTBALL, site=first[1], published=first[0])
    b = doc(FOOTBALL + "\nMore later.", site=second[1], published=second[0])
    d = orient(a, b, CFG)
    assert d.original is (a if expected_original == "first" else b)


def test_citation_beats_dates() -> None:
    """The copy credits the other's outlet, even though its own date is earlier (wrong clock)."""
    original = doc(ORIGINAL, site="harborwire.example", published="2026-03-02")
    copy = doc(SYNDICATED, site="valmoradaily.example", published="2026-03-01")
    d = orient(original, copy, CFG)
    assert d.original is original and d.confidence == CFG.direction_cited


def test_self_credit_decides_between_undated_articles() -> None:
    """Neither is dated: the one crediting its own outlet is primary reporting."""
    original = doc(ORIGINAL, site="harborwire.example", published=None)
    spin = doc(SPIN, site="spinmill.example", published=None)
    d = orient(spin, original, CFG)
    assert d.original is original
