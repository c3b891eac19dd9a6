"""Claims stage, issue 16 (branch attrverb5): the cue classifier's third pass. A lexicon verb
its rules refuse (a stance in a relative clause with a perfect, a wish under a modal) is a
candidate the model was trained on; it now judges such a verb alone, after the rules
(extract._model_cues). Three more ways for a candidate to get its speaker (data/cue_model.toml
`[candidates] subjects`): the noun a participle modifies ("a group opposing the plan"), the main
verb's subject for a purpose infinitive ("flew to Lisbon to defend…") and for a gerund after a
preposition ("by unveiling…"); and a subject of no known kind ("sixty percent of islanders"),
which the model weighs by its lemma (`[subject] speaker_kinds`). Sentences of our own;
candidates are judged on the parse, the claims tables hold cases the model passes clearly."""

from __future__ import annotations

import pytest

from handmade import first_claim
from newsint.config import load_config
from newsint.stages.claims import cue_model
from newsint.stages.claims.lexicon import lexicon
from newsint.stages.claims.sources import Sources

# text, the verb, how it got its subject, the subject as written
CANDIDATES = [
    ("A campaign group opposing the tunnel plan held a rally.", "opposing", "acl", "group"),
    ("The minister flew to Lisbon to defend the fishing quota.", "defend", "purpose", "minister"),
    (
        "Councillor Piet Ramsey began his term by unveiling a plan for cheaper ferries.",
        "unveiling",
        "pcomp",
        "Ramsey",
    ),
]


@pytest.mark.parametrize(("text", "word", "how", "subj"), CANDIDATES)
def test_new_subjects(run_stages, text, word, how, subj) -> None:
    work = run_stages(text, ["clean", "nlp", "entities"])
    lex = lexicon()
    sources = Sources(
        work.doc, lex, load_config().claims, work.analysis.mentions, work.analysis.entities
    )
    verb = next(t for t in work.doc if t.text == word)
    cand = cue_model.candidate(verb, lex, sources)
    assert cand is not None
    assert (cand.how, cand.subj.text) == (how, subj)


# text, cue, source as written, the content
FOUND = [
    (  # a stance in a relative clause with a perfect: the rules want a plain finite verb
        "Councillor Mara Lind, who had previously endorsed the harbour levy, left early.",
        "had previously endorsed",
        "who",
        "the harbour levy",
    ),
    (  # a wish under a modal
        "We might wish that the council would reckon with the cost of the new bridge.",
        "might wish",
        "We",
        "that the council would reckon with the cost of the new bridge",
    ),
    (  # a participle on its speaker (a stance the rules refuse on a noun)
        "A campaign group opposing the tunnel plan held a rally in the square.",
        "opposing",
        "A campaign group",
        "the tunnel plan",
    ),
    (  # a purpose infinitive: the main verb's subject
        "The minister flew to Lisbon to defend the fishing quota.",
        "to defend",
        "The minister",
        "the fishing quota",
    ),
    (
        "Governor Lena Orsk flew to Oslo to promote the tunnel plan.",
        "to promote",
        "Governor Lena Orsk",
        "the tunnel plan",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_refused_lexicon_verb_judged_by_model(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert (claim.source.text, claim.content.text) == (source, content)


# a lexicon verb the rules refuse and the model must not take back, a verb with a subject of
# no known kind the model must not take: no one's claim
NOT_FOUND = [
    "The rebels attacked the convoy near the border crossing.",  # no criticism
    "The harbour board did not respond to the letter.",  # negated
    "The storm destroyed the northern pier.",  # a subject of no known kind, no report
    "The trains passed the old harbour at noon.",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_refusals_of_the_rules_kept(claims_of, text) -> None:
    said = [c for c in claims_of(text).claims if c.kind != "unattributed"]
    assert not said, [(c.cue and c.cue.text, c.content.text) for c in said]
