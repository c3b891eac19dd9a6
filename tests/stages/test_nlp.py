from __future__ import annotations

import pytest

from newsint.config import Nlp
from newsint.errors import ModelMissing
from newsint.stages.nlp import load_spacy


def test_doc_offsets_are_clean_text_offsets(run_stages) -> None:
    work = run_stages(
        "Home NEWS Minister visits Lisbon\n\nMinister visits Lisbon\n\n"
        "Foreign Minister Ana Ribeiro arrived in Lisbon on Monday for talks with Spanish "
        "officials.",
        ["clean", "nlp"],
    )
    text = work.analysis.text
    assert work.doc.text == text
    names = {e.text for e in work.doc.ents}
    assert "Lisbon" in names
    for ent in work.doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


def test_missing_model_is_a_clear_error() -> None:
    cfg = Nlp(models=["no_such_pipeline_xx"], exclude=[], batch_size=1, n_process=1)
    with pytest.raises(ModelMissing, match="no_such_pipeline_xx") as info:
        load_spacy(cfg, 1000)
    assert "make install" in info.value.fix


def test_a_paragraph_always_starts_a_sentence(run_stages) -> None:
    work = run_stages(
        "Harbour strike enters its second week\n\n"
        "Dock workers in the northern port stayed out on Monday, the union said.",
        ["clean", "nlp"],
    )
    starts = [s.text.split()[0] for s in work.doc.sents if s.text.strip()]
    assert starts[:2] == ["Harbour", "Dock"]


def test_a_quotation_is_not_cut_at_a_colon(run_stages) -> None:
    work = run_stages(
        "The memo, labelled “Ports, Rail, Roads: Unions seek a deal,” was read out on Monday.",
        ["clean", "nlp"],
    )
    assert len([s for s in work.doc.sents if s.text.strip()]) == 1
