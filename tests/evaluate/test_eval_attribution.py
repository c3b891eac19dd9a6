"""The PolNeAR scorer on an annotation of our own (no data set needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsint.evaluate.attribution import (
    Attribution,
    GoldDoc,
    Parse,
    Scores,
    outermost,
    read_ann,
    read_polnear,
    run,
    score_doc,
)
from newsint.evaluate.common import EvalOptions

TEXT = "The mayor said the bridge would reopen. Officials disagreed."
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 38\tthe bridge would reopen\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 40 49;50 60\tOfficials disagreed\n"
    "T6\tCue 50 59\tdisagreed\n"
    "E2\tAttribution-no-source:T6 Content:T5 Cue:T6\n"
)


def test_read_ann() -> None:
    atts = read_ann(ANN)
    assert atts[0] == Attribution(content=((15, 38),), cue=((10, 14),), source=((0, 9),))
    assert atts[1].content == ((40, 49), (50, 60))
    assert atts[1].source == ()


def never(_: str) -> str:
    return "kind"


def test_perfect_prediction_scores_one() -> None:
    doc = GoldDoc("d", TEXT, read_ann(ANN)[:1])
    scores = Scores()
    score_doc(doc, list(doc.attributions), scores, never)
    for role in ("source", "cue", "content"):
        assert scores.exact[role].f1 == 1.0
        assert scores.overlap[role].f1 == 1.0
    assert scores.content_source.f1 == 1.0


def test_partial_content_gets_overlap_credit_and_a_boundary_error() -> None:
    doc = GoldDoc("d", TEXT, read_ann(ANN)[:1])
    pred = [Attribution(content=((15, 25),), cue=((10, 14),), source=((0, 9),))]  # "the bridge"
    scores = Scores()
    score_doc(doc, pred, scores, never)
    assert scores.exact["content"].f1 == 0.0
    assert scores.overlap["content"].precision == pytest.approx(1.0)
    assert scores.overlap["content"].recall == pytest.approx(2 / 4)
    assert scores.errors["content boundary: too short"] == 1


def test_wrong_source_earns_no_content_credit() -> None:
    doc = GoldDoc("d", TEXT, read_ann(ANN)[:1])
    pred = [Attribution(content=((15, 38),), cue=((10, 14),), source=((40, 49),))]
    scores = Scores()
    score_doc(doc, pred, scores, never)
    assert scores.content_source.f1 == 0.0
    assert scores.errors["wrong source (content found)"] == 1


def test_missed_and_spurious_are_counted() -> None:
    doc = GoldDoc("d", TEXT, read_ann(ANN)[:1])
    pred = [Attribution(content=((40, 49),), cue=((50, 59),), source=())]
    scores = Scores()
    score_doc(doc, pred, scores, never)
    assert scores.errors["missed: kind"] == 1
    assert scores.errors["spurious: no gold attribution there"] == 1
    assert scores.missed_cues["said"] == 1


def test_first_annotator_is_gold(tmp_path: Path) -> None:
    root = tmp_path / "polnear"
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\ndev\tdoc1\tbbbb|aaaa\n", encoding="utf-8"
    )
    (root / "dev" / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "doc1_aaaa.ann").write_text("", encoding="utf-8")
    (root / "dev" / "attributions" / "doc1_bbbb.ann").write_text(ANN, encoding="utf-8")
    (doc,) = list(read_polnear(root, "dev"))
    assert len(doc.attributions) == 2


def test_absent_data_is_skipped(tmp_path: Path) -> None:
    (report,) = run(EvalOptions(data=tmp_path))
    assert report.skipped and "not found" in report.skipped


def test_outermost_drops_an_attribution_inside_another_content() -> None:
    # "The mayor said the engineer told her the bridge was safe."
    outer = Attribution(content=((15, 57),), cue=((10, 14),), source=((0, 9),))
    inner = Attribution(content=((38, 57),), cue=((28, 32),), source=((19, 27),))
    other = Attribution(content=((60, 70),), cue=((71, 75),), source=())
    assert outermost([outer, inner, other]) == [outer, other]


def test_matched_sources_count_exact_and_head() -> None:
    doc = GoldDoc("d", TEXT, read_ann(ANN)[:1])
    # "mayor" for "The mayor": not exact, but the same head word
    pred = [Attribution(content=((15, 38),), cue=((10, 14),), source=((4, 9),))]
    scores = Scores()
    score_doc(doc, pred, scores, never, Parse(_parse(TEXT)))
    assert scores.matched == [1, 0]
    assert scores.source_exact == [0, 0]
    assert scores.source_head == [1, 0]
    assert "gold='The mayor'" in scores.source_samples[0]


def test_a_source_in_an_earlier_sentence_is_counted_apart() -> None:
    text = "The mayor spoke at noon. “The bridge will reopen in May.”"
    gold = Attribution(content=((25, 57),), cue=(), source=((0, 9),))
    doc = GoldDoc("d", text, [gold])
    scores = Scores()
    score_doc(doc, [gold], scores, never, Parse(_parse(text)))
    assert scores.matched == [1, 1]
    assert scores.source_exact == [1, 1]


def _parse(text: str) -> object:
    """A stand-in parse: one sentence per full stop; each word hangs on the next, so the
    last word of a span is its head."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = text.replace(".", " .").replace("“", "“ ").replace("”", " ”").split()
    spaces = []
    pos = 0
    for w in words:
        pos = text.index(w, pos) + len(w)
        spaces.append(pos < len(text) and text[pos] == " ")
    heads, deps = [], []
    for i, w in enumerate(words):
        last = w == "." or i == len(words) - 1
        heads.append(i if last else i + 1)
        deps.append("ROOT" if last else "dep")
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps)
