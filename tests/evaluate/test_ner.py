"""NER evaluation readers and scoring on tiny files of our own (no shared data needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsint.config import default_config
from newsint.evaluate.common import EvalOptions
from newsint.evaluate.ner import (
    LINE_KINDS,
    GoldDoc,
    _score,
    evaluate,
    line_kinds,
    read_conll,
    read_gum,
    run,
)

CONLL = """-DOCSTART- -X- -X- O

Maria NNP B-NP B-PER
Lopes NNP I-NP I-PER
visited VBD B-VP O
Porto NNP B-NP B-LOC
. . O O

Acme NNP B-NP B-ORG
Fishing NNP I-NP I-ORG
hired VBD B-VP O
Portuguese JJ B-NP B-MISC
crews NNS I-NP O
. . O O

-DOCSTART- -X- -X- O

Braga NNP B-NP B-LOC
Lisbon NNP I-NP B-LOC
"""

GUM = """# newdoc id = GUM_news_test
# newpar
# text = Maria Lopes visited the Porto Museum.
1\tMaria\tMaria\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(1-person-new-nnnnn-cf1-1,2-sgl-Maria_Lopes
2\tLopes\tLopes\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)
3\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(2-place-new-nnnnn-cf2-2,3-sgl
5\tPorto\tPorto\tPROPN\tNNP\t_\t6\tcompound\t_\t_
6\tMuseum\tMuseum\tPROPN\tNNP\t_\t3\tobj\t_\tEntity=2)|SpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# newpar
# text = Maria's guide was Mr. Rui Costa.
1-2\tMaria's\t_\t_\t_\t_\t_\t_\t_\t_
1\tMaria\tMaria\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tEntity=(1-person-giv-nnnnn-cf1-1-coref
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\tEntity=1)
3\tguide\tguide\tNOUN\tNN\t_\t7\tnsubj\t_\tEntity=(3-person-new-nnnnn-cf3-2-coref)
4\twas\tbe\tAUX\tVBD\t_\t7\tcop\t_\t_
5\tMr.\tMr.\tPROPN\tNNP\t_\t7\tcompound\t_\tEntity=(3-person-giv-nnnnn-cf3-3-coref
6\tRui\tRui\tPROPN\tNNP\t_\t7\tcompound\t_\t_
7\tCosta\tCosta\tPROPN\tNNP\t_\t0\troot\t_\tEntity=3)|SpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_
"""


def named(doc: GoldDoc) -> list[tuple[str, str]]:
    return sorted((doc.text[s:e], t) for s, e, t in doc.spans)


def test_read_conll_rebuilds_text_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "conll.txt"
    path.write_text(CONLL, encoding="utf-8")
    first, second = read_conll(path)
    assert first.text == "Maria Lopes visited Porto .\nAcme Fishing hired Portuguese crews ."
    assert named(first) == [
        ("Acme Fishing", "ORG"),
        ("Maria Lopes", "PER"),
        ("Porto", "LOC"),
        ("Portuguese", "MISC"),
    ]
    assert named(second) == [("Braga", "LOC"), ("Lisbon", "LOC")]  # B- starts a new name
    assert len(read_conll(path, limit=1)) == 1


def test_read_gum_keeps_proper_names_only(tmp_path: Path) -> None:
    (tmp_path / "GUM_news_test.conllu").write_text(GUM, encoding="utf-8")
    (doc,) = read_gum(tmp_path)
    assert doc.text.startswith("Maria Lopes visited the Porto Museum.\n\nMaria's guide was")
    # the determiner, the possessive and the title stay out; "guide" is no name
    assert named(doc) == [
        ("Maria", "PER"),
        ("Maria Lopes", "PER"),
        ("Porto Museum", "LOC"),
        ("Rui Costa", "PER"),
    ]


def test_score_counts_strict_spans() -> None:
    gold = {(0, 5, "PER"), (10, 15, "LOC")}
    pred = {(0, 5, "PER"), (10, 14, "LOC"), (20, 25, "ORG")}
    scores = _score(gold, pred, ("PER", "ORG", "LOC"))
    assert (scores["PER"].tp, scores["PER"].fp, scores["PER"].fn) == (1, 0, 0)
    assert (scores["LOC"].tp, scores["LOC"].fp, scores["LOC"].fn) == (0, 1, 1)
    assert (scores["micro"].tp, scores["micro"].fp, scores["micro"].fn) == (1, 2, 1)


@pytest.mark.slow  # runs the spaCy pipeline
def test_evaluate_reports_both_systems() -> None:
    doc = GoldDoc("d1", "Maria Lopes visited Porto on Monday.", {(0, 11, "PER"), (20, 25, "LOC")})
    mapping = {"PERSON": "PER", "GPE": "LOC", "ORG": "ORG"}
    report = evaluate([doc], ("PER", "ORG", "LOC"), mapping, default_config())
    table, lines = report.tables
    assert [row[0] for row in table.rows] == ["PER", "ORG", "LOC", "micro", "span only"]
    assert table.rows[0][1] == 1  # gold PER count
    assert len(table.rows[0]) == len(table.columns)
    assert [row[0] for row in lines.rows] == list(LINE_KINDS)
    assert [row[1] for row in lines.rows] == [2, 0, 0]  # both gold names stand in prose
    assert len(lines.rows[0]) == len(lines.columns)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Maria Lopes visited Porto on Monday .", "prose"),
        ("OSLO 2024-05-04", "table or dateline"),
        ("KYIV, Ukraine (Reuters) - Talks resumed.", "table or dateline"),
        ("Harrowgate 3 Oakvale 1", "table or dateline"),
        ("Oakvale 4 2 1 1 5 4 7", "table or dateline"),
        ("SOCCER - HOSTS HOLD ON FOR NARROW WIN .", "all-caps headline"),
    ],
)
def test_line_kinds(line: str, kind: str) -> None:
    text = "An opening line of prose .\n" + line
    kinds = line_kinds(text, default_config())
    assert [k for _, _, k in kinds] == ["prose", kind]
    assert [text[s:e] for s, e, _ in kinds] == text.split("\n")


def test_absent_data_is_skipped(tmp_path: Path) -> None:
    reports = run(EvalOptions(data=tmp_path))
    assert [r.dataset for r in reports] == ["CoNLL++ dev", "GUM news"]
    assert all(r.skipped and "not found" in r.skipped for r in reports)
