"""Grade stage: Admiralty letters and numbers from documented rules, each with its reason."""

from __future__ import annotations

import pytest

from newsint.config import default_config
from newsint.model import Claim, Evidence, Source, TextSpan
from newsint.stages.grade import Corroboration, grade

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
        ("negative", 2),
        ("unverified", 3),
        ("alleged", 3),
        ("uncertain", 4),
        ("denied", 4),
        ("hypothetical", 6),
        ("question", 6),
        ("intention", 6),
    ],
)
def test_credibility_by_status(status: str, number: int) -> None:
    ev = [Evidence(start=0, end=5, text="words", kind="hedge", effect=status)]
    g = grade(claim(src("Lena Ortiz", "person"), status=status, evidence=ev))
    assert g.credibility == number
    if status != "asserted":
        assert any("“words” at 0–5" in r for r in g.reasons)


@pytest.mark.parametrize("status", ["hypothetical", "question", "intention"])
def test_nothing_reported_cannot_be_judged_whatever_the_corpus(status: str) -> None:
    ev = [Evidence(start=3, end=8, text="would", kind="factuality", effect=status)]
    c = claim(src("Lena Ortiz", "person"), status=status, evidence=ev)
    for corr in (Corroboration(3, articles=3), Corroboration(1, contradicted_by=(DENIAL,))):
        g = grade(c, corr)
        assert g.credibility == 6
        assert g.reasons[-1].startswith("corroboration does not apply")


def test_a_stored_negated_status_reads_as_negative() -> None:
    c = claim(src("Lena Ortiz", "person"), status="negated")
    assert c.status == "negative"
    assert grade(c).credibility == 2


def test_corroboration_from_the_corpus() -> None:
    c = claim(src("Lena Ortiz", "person"))
    assert grade(c, None).credibility == 2
    assert any("not assessed" in r for r in grade(c, None).reasons)
    assert grade(c, 1).credibility == 2
    assert grade(c, 3).credibility == 1
    alleged = claim(src("Lena Ortiz", "person"), status="alleged")
    assert grade(alleged, 3).credibility == 2


DENIAL = "denied by Marlow Brant in tradegazette.example"


@pytest.mark.parametrize(
    ("status", "corr", "credibility", "last"),
    [
        (
            "asserted",
            Corroboration(1),
            2,
            "1 independent source: no other article in the corpus makes this claim",
        ),
        (
            "asserted",
            Corroboration(1, articles=5, counted_once=("B collapses into its original A",)),
            2,
            "B collapses into its original A",
        ),
        ("asserted", Corroboration(2, articles=2), 1, "confirmed by 2 independent sources (1)"),
        (
            "asserted",
            Corroboration(2, articles=3),
            1,
            "1 of 3 articles counted once (copies, or the same source)",
        ),
        ("alleged", Corroboration(3, articles=3), 2, "carried by 3 independent sources: +1"),
        (
            "asserted",
            Corroboration(2, articles=2, contradicted_by=(DENIAL,)),
            2,
            f"contradicted by 1 report of the opposite stance ({DENIAL}): −1 → 2",
        ),
        (
            "uncertain",
            Corroboration(1, articles=2, contradicted_by=(DENIAL, DENIAL + " again")),
            5,
            f"contradicted by 2 reports of the opposite stance ({DENIAL}; {DENIAL} again): −1 → 5",
        ),
        (
            "denied",
            Corroboration(1, articles=2, contradicted_by=(DENIAL,)),
            5,
            f"contradicted by 1 report of the opposite stance ({DENIAL}): −1 → 5",
        ),
    ],
)
def test_corroboration_with_reasons(
    status: str, corr: Corroboration, credibility: int, last: str
) -> None:
    g = grade(claim(src("Lena Ortiz", "person"), status=status), corr)
    assert g.credibility == credibility and g.reliability == "C"
    assert g.reasons[-1] == last
    assert not any("not assessed" in r for r in g.reasons)


def test_few_sources_say_how_many_counted_once() -> None:
    g = grade(claim(src("Lena Ortiz", "person")), Corroboration(1, articles=5))
    assert g.reasons[-2:] == [
        "only 1 independent source, fewer than the 2 that confirm",
        "4 of 5 articles counted once (copies, or the same source)",
    ]
    strict = default_config().grade.model_copy(update={"confirmed_sources": 3})
    g = grade(claim(src("Lena Ortiz", "person")), Corroboration(2, articles=2), strict)
    assert g.credibility == 2
    assert g.reasons[-1] == "only 2 independent sources, fewer than the 3 that confirm"


def test_contradiction_threshold_is_config() -> None:
    cfg = default_config().grade.model_copy(update={"contradicting_reports": 2})
    corr = Corroboration(2, articles=2, contradicted_by=(DENIAL,))
    g = grade(claim(src("Lena Ortiz", "person")), corr, cfg)
    assert g.credibility == 1 and not any("contradicted" in r for r in g.reasons)


def test_grade_code() -> None:
    assert grade(claim(src("Reuters", "media", "Reuters"))).code == "B2"
