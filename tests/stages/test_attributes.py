"""The attributes component gives what the model's attribute_ruler and lemmatizer give."""

from __future__ import annotations

import pytest

from newsint.stages.attributes import ATTRIBUTES, use_attributes

# Fictional sentences touching the ruler's exceptions: contractions, "gonna", expletive "there",
# auxiliaries, subordinators, pronoun cases, determiners used as pronouns, spaces.
TEXTS = [
    "The mayor of Port Lindell said on Tuesday that she wasn't gonna resign.\n\n"
    "There were three ferries, but those were late.",
    "Officials who asked not to be named said the council had approved the levy, "
    "although it's unclear whether I'd agree.  Let's see, y'all.",
    "He told me that nothin' changed; they've got ta go, and we'll see 'em soon.",
    "That is what the ministry does: it has the records, and has had them since 2019.",
]


@pytest.fixture(scope="module")
def pair():
    spacy = pytest.importorskip("spacy")
    from newsint.config import default_config

    name = next(iter(default_config().nlp.models))
    try:
        model, ours = spacy.load(name), spacy.load(name)
    except OSError:
        pytest.skip(f"{name} is not installed")
    use_attributes(ours, max_entries=50)
    return model, ours


def _view(doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.lemma_, str(t.morph)) for t in doc]


@pytest.mark.slow
def test_the_component_replaces_the_ruler_and_lemmatizer(pair) -> None:
    model, ours = pair
    assert ATTRIBUTES in ours.pipe_names
    assert "attribute_ruler" not in ours.pipe_names
    assert "lemmatizer" not in ours.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(model.pipe_names)


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_same_pos_morphology_and_lemmas_as_the_model(pair, text: str) -> None:
    model, ours = pair
    expected, got = _view(model(text)), _view(ours(text))
    assert any(pos for _, _, pos, *_ in got)  # something was set at all
    assert got == expected


@pytest.mark.slow
def test_same_output_after_the_tables_are_emptied(pair) -> None:
    model, ours = pair
    # max_entries=50: these texts overflow the tables several times over
    for text in TEXTS * 3:
        assert _view(ours(text)) == _view(model(text))
    component = ours.get_pipe(ATTRIBUTES)
    assert len(component.known) <= 50 + 60  # emptied before a doc, filled by at most one doc


@pytest.mark.slow
def test_the_component_pickles(pair) -> None:
    import pickle

    model, ours = pair
    again = pickle.loads(pickle.dumps(ours.get_pipe(ATTRIBUTES)))
    doc = ours.make_doc(TEXTS[2])
    for name, component in ours.pipeline:
        doc = (again if name == ATTRIBUTES else component)(doc)
    assert _view(doc) == _view(model(TEXTS[2]))
