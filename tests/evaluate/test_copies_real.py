"""The real-text copies eval's transformations, on our own invented page (no ../shared)."""

from __future__ import annotations

import random
from pathlib import Path

from corpus_texts import ORIGINAL
from newsint.evaluate.common import EvalOptions
from newsint.evaluate.copies_real import CASES, run, variants
from newsint.stages.features import pieces as T

TEXT = ORIGINAL.replace("\n\n", "\n")  # one paragraph a line, as news-please writes them


def made() -> dict[str, str]:
    out = variants(
        TEXT, "harborwire.example", "Another headline", "An added paragraph.", random.Random(3)
    )
    return dict(out)


def test_every_case_but_msrp_is_made_from_the_page() -> None:
    assert set(made()) == set(CASES) - {"MSRP paraphrases"}


def test_opening_and_excerpt_are_stretches_of_the_page_as_written() -> None:
    v = made()
    assert TEXT.startswith(v["opening"]) and v["excerpt"] in TEXT
    assert len(T.sentences(v["opening"])) < len(T.sentences(TEXT))


def test_reordered_keeps_every_paragraph_in_another_order() -> None:
    v = made()["reordered"]
    paras = [p for p in TEXT.split("\n") if p]
    assert sorted(p for p in v.split("\n\n") if p) == sorted(paras) and v != "\n\n".join(paras)


def test_copies_that_add_material_keep_the_whole_page() -> None:
    v = made()
    for case in ("paragraph added", "furniture", "credit line swapped"):
        assert TEXT in v[case]
    assert "An added paragraph." in v["paragraph added"]
    assert "provided by Reuters" in v["credit line swapped"]


def test_summary_credits_the_outlet_and_is_short() -> None:
    v = made()["summary citing the source"]
    assert "harborwire" in {T.outlet_key(c.name) for c in T.find_credits(v)}
    assert len(T.sentences(v)) <= 3


def test_absent_data_is_skipped(tmp_path: Path) -> None:
    (report,) = run(EvalOptions(data=tmp_path))
    assert report.skipped and "not found" in report.skipped
