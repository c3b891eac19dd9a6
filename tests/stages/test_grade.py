"""Grade stage: Admiralty letters and numbers from documented rules, each with its reason."""

from __future__ import annotations

import pytest

from newsint.model import Claim, Evidence, Source, TextSpan
from newsint.stages.grade import grade

ARTICLE = Source(text="the article", kind="article")
TEXT = TextSpan(start=0, end=5, text="words")


def claim(
    *links: Source, status: str = "asserted", evidence: list[Evidence] | None = None
) -> Claim:
    chain = [ARTICLE, *links]
    return Claim(
        id="clm_test",
        content=TEXT,
        source=chain[-1],
        chain=chain,
        kind="unattributed" if not links else "indirect",
        status=status,  # type: ignore[arg-type]
        evidence=evidence or [],
    )


def src(text: str, kind: str, name: str | None = None) -> Source:
    return Source(text=text, kind=kind, start=0, end=len(text), name=name)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "letter"),
    [
        (src("Reuters", "media", "Reuters"), "B"),
        (src("the Valley Courier", "media", "Valley Courier"), "C"),
        (src("a council statement", "statement"), "B"),
        (src("the ministry", "government"), "C"),
        (src("Lena Ortiz", "person"), "C"),
        (src("sources", "anonymous"), "D"),
        (src("a Police spokesman", "anonymous"), "C"),  # speaks for a named body
        (src("someone", "unknown"), "F"),
    ],
)
def test_reliability_by_source_kind(source: Source, letter: str) -> None:
    g = grade(claim(source))
    assert g.reliability == letter
    assert g.reasons and g.reasons[0].startswith("source")


def test_the_article_itself_cannot_be_judged() -> None:
    g = grade(claim())
    assert g.reliability == "F"
    assert "article" in g.reasons[0]


def test_long_chain_through_a_leaked_document_costs_two_letters() -> None:
    chain = [
        src("the associated press", "media", "Associated Press"),
        src("a leaked US intelligence document", "document"),
        src("US signals intelligence reporting", "intelligence"),
    ]
    g = grade(claim(*chain, status="alleged"))
    assert g.reliability == "D"  # intelligence B, 3 hops -1, leaked -1
    assert any("chain of 3 hops" in r for r in g.reasons)
    assert any("leaked" in r for r in g.reasons)
    assert g.credibility == 3


@pytest.mark.parametrize(
    ("status", "number"),
    [
        ("asserted", 2),
        ("confirmed", 2),
        ("negated", 2),
        ("unverified", 3),
        ("alleged", 3),
        ("uncertain", 4),
        ("denied", 4),
    ],
)
def test_credibility_by_status(status: str, number: int) -> None:
    ev = [Evidence(start=0, end=5, text="words", kind="hedge", effect=status)]
    g = grade(claim(src("Lena Ortiz", "person"), status=status, evidence=ev))
    assert g.credibility == number
    if status not in ("asserted", "negated"):
        assert any("“words”" in r for r in g.reasons)


def test_corroboration_from_the_corpus() -> None:
    c = claim(src("Lena Ortiz", "person"))
    assert grade(c, None).credibility == 2
    assert any("not assessed" in r for r in grade(c, None).reasons)
    assert grade(c, 1).credibility == 2
    assert grade(c, 3).credibility == 1
    alleged = claim(src("Lena Ortiz", "person"), status="alleged")
    assert grade(alleged, 3).credibility == 2


def test_grade_code() -> None:
    assert grade(claim(src("Reuters", "media", "Reuters"))).code == "B2"
