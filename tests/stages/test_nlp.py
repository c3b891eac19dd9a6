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
