"""Direction from evidence: which of two related articles is the original, how sure, and when
a wrong credit is a misattribution (our own invented articles, tests/corpus_texts.py)."""

from __future__ import annotations

import pytest

from corpus_texts import ORIGINAL, SPIN, features
from newsint.config import default_config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.corpus.compare import make_doc
from newsint.corpus.copies import orient, relate

CFG = default_config().corpus
WIRE_SITE = "harborwire.example"


def doc(text: str, site: str, published: str | None):
    return make_doc(features(text, site=site, published=published), CFG)


def excerpt(text: str) -> str:
    """The last four paragraphs (they credit no outlet)."""
    return "\n\n".join(text.strip().split("\n\n")[-4:])


# a short summary that credits the wire by name, in its own words
SUMMARY = """\
Customs officers in Valmora have found 3,200 crates of fake vaccines on the freighter Silent
Heron, Harbor Wire Service reported on Sunday.

Customs chief Odile Ferrand called it the biggest seizure the port had made.
"""


def test_excerpt_copy_is_the_copy_by_containment_when_times_cannot_tell() -> None:
    """Both dated the same day without a time: the excerpt is found in the longer page."""
    page = doc(ORIGINAL, WIRE_SITE, "2026-03-01")
    part = doc(excerpt(ORIGINAL), "excerpts.example", "2026-03-01")
    rel = relate(part, page, CFG)
    assert rel is not None and rel.kind == "verbatim"
    assert (rel.original, rel.copy) == (page.id, part.id)
    assert rel.confidence == CFG.direction_containment
    assert any("excerpt" in e for e in rel.evidence)


def test_original_whose_copies_arrive_first_wins_by_their_credit() -> None:
    """The summary is dated a day before the wire's page (a feed's wrong date); it credits the
    wire, so the wire's page is still its original, with the credit as evidence."""
    page = doc(ORIGINAL, WIRE_SITE, "2026-03-02T08:00:00")
    early = doc(SUMMARY, "digest.example", "2026-03-01T07:00:00")
    direction = orient(early, page, CFG)
    assert direction.original is page and direction.confidence == CFG.direction_cited
    rel = relate(page, early, CFG)
    assert rel is not None and rel.kind == "derivative" and rel.original == page.id


def test_late_rewrite_is_the_copy_and_the_original_is_never_accused() -> None:
    """A genuine original and a later spin that credits another agency: the spin carries the
    misattribution; the original, which credits its own outlet, never does."""
    analyzer = CorpusAnalyzer(default_config())
    original = features(ORIGINAL, site=WIRE_SITE, published="2026-03-01T08:00:00")
    rewrite = features(SPIN, site="spinmill.example", published="2026-03-03T10:00:00")
    analyzer.add([rewrite, original])
    assert original.id not in analyzer.links
    link = analyzer.links[rewrite.id]
    assert link.original == original.id and link.kind == "spin"
    assert link.misattribution and "Reuters" in link.misattribution


def test_direction_unknown_when_nothing_tells_them_apart() -> None:
    a = doc(ORIGINAL, "one.example", None)
    b = doc(ORIGINAL, "two.example", None)
    rel = relate(a, b, CFG)
    assert rel is not None and rel.kind == "verbatim"
    assert rel.confidence == CFG.direction_tie
    assert any("direction unknown" in e for e in rel.evidence)
    assert rel.misattribution is None


def test_a_credit_copied_with_the_text_is_no_misattribution() -> None:
    """The copy repeats the original's own mention of another outlet: nothing it added."""
    text = ORIGINAL + "\nThe Valmora Gazette first reported the arrests on Monday.\n"
    page = doc(text, WIRE_SITE, "2026-03-01T08:00:00")
    copy = doc(text, "mirror.example", "2026-03-01T12:00:00")
    rel = relate(page, copy, CFG)
    assert rel is not None and rel.kind == "verbatim" and rel.misattribution is None


@pytest.mark.parametrize(
    ("added", "flagged"),
    [("This story was provided by Reuters.", True), ("", False)],
)
def test_a_wrong_wire_line_added_by_the_copy_is_flagged(added: str, flagged: bool) -> None:
    page = doc(ORIGINAL, WIRE_SITE, "2026-03-01T08:00:00")
    copy = doc(f"{ORIGINAL}\n{added}\n", "mirror.example", "2026-03-01T12:00:00")
    rel = relate(page, copy, CFG)
    assert rel is not None and rel.original == page.id
    assert bool(rel.misattribution) is flagged
