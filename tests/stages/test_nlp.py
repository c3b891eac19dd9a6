from __future__ import annotations

import pytest

from newsint.config import default_config
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
    cfg = default_config().nlp.model_copy(update={"models": ["no_such_pipeline_xx"]})
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


def test_a_text_longer_than_a_piece_is_parsed_in_pieces_into_one_doc(resources) -> None:
    from newsint.model import Analysis, ArticleMeta
    from newsint.stages.base import Work
    from newsint.stages.nlp import NlpStage

    paragraph = "Dock workers in Skarra stayed out on Monday, the union said. " * 3
    text = "\n\n".join([paragraph.strip()] * 12) + " " + "x" * 700  # and one endless word
    stage = NlpStage(resources)
    cfg = stage.cfg
    stage.cfg = cfg.model_copy(update={"max_piece_chars": 500})
    try:
        short = Work(Analysis(article=ArticleMeta(id="a"), text=paragraph, raw=paragraph))
        long = Work(Analysis(article=ArticleMeta(id="b"), text=text, raw=text))
        stage([short, long])
    finally:
        stage.cfg = cfg
    assert short.doc.text == paragraph
    assert long.doc.text == text
    starts = [s.text.split()[0] for s in long.doc.sents if s.text.strip()]
    assert starts.count("Dock") == 36
    assert [e.text for e in long.doc.ents].count("Skarra") == 36


def test_a_text_over_max_text_chars_is_refused_with_the_limit_named(resources) -> None:
    from newsint.errors import TooLarge
    from newsint.model import Analysis, ArticleMeta
    from newsint.stages.base import Work
    from newsint.stages.nlp import NlpStage

    stage = NlpStage(resources)
    text = "word " * (stage.max_chars // 5 + 1)
    work = Work(Analysis(article=ArticleMeta(id="a", source="big.txt"), text=text, raw=text))
    with pytest.raises(TooLarge, match="max_text_chars") as info:
        stage([work])
    assert info.value.where == "big.txt" and "character limit" in info.value.problem
