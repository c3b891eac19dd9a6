"""Claims stage, issue 16 (branch attrclf): the cue classifier learned from PolNeAR train
(stages/claims/cue_model.py, data/cue_model.json). A verb outside the rules with a speaker as
its subject and a complement after it reports when the model weighs its use high enough; a
deed, or a subject that cannot speak, does not. Sentences of our own; each row names the claim
by its cue. Clear cases only, so that training the model again does not break them."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim
from newsint.config import load_config
from newsint.stages.claims import cue_model
from newsint.stages.claims.lexicon import lexicon
from newsint.stages.claims.quotes import find_quotes
from newsint.stages.claims.sources import Sources

# text, cue, source as written, words the content holds
FOUND = [
    (  # a plain object: a stand proclaimed
        "Senator Ada Morrow proclaimed a new era of frugality for the province.",
        "proclaimed",
        "Senator Ada Morrow",
        "a new era of frugality",
    ),
    (  # a prepositional object
        "The opposition leader pleaded for calm in the port city.",
        "pleaded for",
        "The opposition leader",
        "calm",
    ),
    (  # what a speaker recognizes
        "Mayor Ilse Brandt recognized the danger of a second flood season.",
        "recognized",
        "Mayor Ilse Brandt",
        "the danger of a second flood season",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_model_cue_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert content in claim.content.text


# text, a verb that must not report anything
NOT_FOUND = [
    ("The Ruritanian ministry bought three old ferries.", "bought"),  # a deed
    ("The mayor won the election by a wide margin.", "won"),
    ("The ferry company sold its oldest vessel to a scrapyard.", "sold"),
    ("Councillor Mira Vell parked her car outside the town hall.", "parked"),
    ("The storm offered no respite to the harbour town.", "offered"),  # no speaker
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_not_a_model_cue(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert not [c for c in analysis.claims if c.cue and c.cue.text.startswith(cue)], listed(
        analysis
    )
    assert not by_cue(analysis, cue)


def test_features_deterministic(run_stages) -> None:
    """The same parse gives the same sorted feature list, and the runtime's probability is
    the dot product of those features with the file's weights."""
    text = "Senator Ada Morrow proclaimed a new era of frugality for the province."
    lex = lexicon()
    cfg = load_config().claims
    got = []
    for _ in range(2):
        work = run_stages(text, ["clean", "nlp", "entities"])
        analysis = work.analysis
        sources = Sources(work.doc, lex, cfg, analysis.mentions, analysis.entities)
        quotes = find_quotes(text)
        verb = next(t for t in work.doc if t.lower_ == "proclaimed")
        cand = cue_model.candidate(verb, lex, sources)
        assert cand is not None
        feats = cue_model.features(cand, lex, sources, quotes)
        assert feats == sorted(set(feats))
        assert "lemma=proclaim" in feats
        got.append((feats, cue_model.score(cand, lex, sources, quotes)))
    assert got[0] == got[1]


def test_model_file_loads() -> None:
    """data/cue_model.json has its header, intercept, threshold and weights, and the loader
    reads them; the settings file names the candidates' subjects."""
    data = json.loads(resources.files("newsint.data").joinpath("cue_model.json").read_text("utf-8"))
    assert {"header", "intercept", "threshold", "weights"} <= set(data)
    assert {"trained_on", "C", "class_weight", "regenerate"} <= set(data["header"])
    model = cue_model.model()
    assert 0.0 < model.threshold < 1.0
    assert model.threshold == data["threshold"]
    assert len(model.weights) > 100
    assert all(isinstance(w, float) and w != 0.0 for w in model.weights.values())
    assert any(k.startswith("lemma=") for k in model.weights)
    s = cue_model.settings()
    assert "own" in s.subjects and s.speaker_kinds and s.circumstance_preps
