"""Claims stage, issue 16 (branch attrclf2): the cue classifier's second pass of candidates
(stages/claims/cue_model.py, data/cue_model.toml). A refusal before an infinitive ("refuses
to release…") and a document as the subject ("the report links…") are candidates the model
weighs; what seems, an attempt and a failure are none. Sentences of our own: candidates are
judged on the parse, not on the weights, so training the model again does not break the
tables; the claims table holds clear cases only."""

from __future__ import annotations

import pytest

from handmade import first_claim
from newsint.config import load_config
from newsint.stages.claims import cue_model
from newsint.stages.claims.lexicon import lexicon
from newsint.stages.claims.sources import Sources

# text, the verb, its construction, how it got its subject, the subject as written
CANDIDATES = [
    (  # a refusal before an infinitive
        "Governor Lena Orsk refuses to repay the harbour loan.",
        "refuses",
        cue_model.INFINITIVE,
        "own",
        "Orsk",
    ),
    (  # a refusal, past tense
        "The harbour authority declined to reopen the northern pier.",
        "declined",
        cue_model.INFINITIVE,
        "own",
        "authority",
    ),
    (  # a document speaks ("the report links…")
        "The audit report links the budget gap to the ferry contract.",
        "links",
        cue_model.OBJECT,
        "own",
        "report",
    ),
]


def _verb(run_stages, text: str, word: str):  # type: ignore[no-untyped-def]
    work = run_stages(text, ["clean", "nlp", "entities"])
    analysis = work.analysis
    lex = lexicon()
    sources = Sources(work.doc, lex, load_config().claims, analysis.mentions, analysis.entities)
    verb = next(t for t in work.doc if t.text == word)
    return cue_model.candidate(verb, lex, sources)


@pytest.mark.parametrize(("text", "word", "kind", "how", "subj"), CANDIDATES)
def test_new_candidates(run_stages, text, word, kind, how, subj) -> None:
    cand = _verb(run_stages, text, word)
    assert cand is not None
    assert (cand.kind, cand.how, cand.subj.text) == (kind, how, subj)


# text, a verb that is no candidate
NOT_CANDIDATES = [
    ("The old ferry seems to need a new engine.", "seems"),  # the writer's voice
    ("Mayor Ilse Brandt appears to favour the northern route.", "appears"),
    ("Governor Lena Orsk refused the invitation.", "refused"),  # a refusal with no infinitive
    ("The harbour authority went to the mainland on Monday.", "went"),  # no infinitive
    ("Councillor Piet Ramsey tried to block the new parking levy.", "tried"),  # an attempt
    ("The council failed to approve the new rail line.", "failed"),  # it did not happen
]


@pytest.mark.parametrize(("text", "word"), NOT_CANDIDATES)
def test_not_candidates(run_stages, text, word) -> None:
    assert _verb(run_stages, text, word) is None


# text, cue, source as written, words the content holds: a refusal is its source's stand
# (PolNeAR train marks 72 in 83), and its content is what the source will not do: "denied"
# (test_constructions kept "refused to sign" the article's own report until this branch)
REFUSALS = [
    (
        "Governor Lena Orsk refuses to repay the harbour loan.",
        "refuses",
        "Governor Lena Orsk",
        "to repay the harbour loan",
    ),
    (
        "The harbour authority declined to reopen the northern pier.",
        "declined",
        "The harbour authority",
        "to reopen the northern pier",
    ),
    (
        "The governor refused to sign the budget bill.",
        "refused",
        "The governor",
        "to sign the budget bill",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), REFUSALS)
def test_refusal_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert content in claim.content.text
    assert claim.status == "denied"
