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


def _named_values(component) -> list[set]:
    """Every value the ruler's token specs name, per key position, and a few no spec names."""
    from newsint.stages.attributes import _READ

    values: list[set] = [{"XX", "zebra", "nsubj", "."}, {"zebra", "harbour"}, {"ROOT"}, set()]
    for specs, _ in component.patterns:
        for spec in specs:
            for token in spec:
                for attr, want in token.items():
                    named = (
                        want.get("IN", want.get("NOT_IN", [])) if isinstance(want, dict) else [want]
                    )
                    values[_READ.index(attr)].update(named)
    values[3] = {True, False}
    return values


@pytest.mark.slow
def test_filed_checks_give_what_every_check_gives(pair) -> None:
    """A new key is checked only against the specs filed under its values: the same patterns
    and the same "may start a longer pattern" as checking every spec, on keys made of the
    values the patterns name (and some they do not), and on the keys of the texts."""
    import random

    _, ours = pair
    component = ours.get_pipe(ATTRIBUTES)
    tags, lowers, deps, spaces = (sorted(v, key=str) for v in _named_values(component))
    rng = random.Random(7)
    keys = {
        (rng.choice(tags), rng.choice(lowers), rng.choice(deps), rng.choice(spaces))
        for _ in range(3000)
    }
    for text in TEXTS:
        keys |= {(t.tag_, t.lower_, t.dep_, t.is_space) for t in ours(text)}
    component.clear_cache()
    for key in sorted(keys, key=str):
        every = tuple(sorted({pid for pid, check in component.singles if check(key)}))
        starts = any(checks[0](key) for _, checks, _ in component.multis)
        assert component._lookup(key) == (every, starts), key
        assert len(component._filed(key)) < len(component.singles) // 4
