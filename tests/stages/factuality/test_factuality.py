"""Factuality stage: a table of our own sentences per construction -> the factuality of one
predicate from the article's and from its source's point of view; the records, cues and
look-ups the later stages read; invariants (bounds, determinism)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsint.model import Factuality
from newsint.stages.factuality import lookup
from newsint.stages.factuality.lexicon import load_lexicon
from newsint.stages.factuality.stage import FactualityStage

# The class of a value, as the factuality corpora score it: "+" factual (>= 2.5), "-"
# non-factual (< 0), "?" uncertain in between.
FACT, NOT, OPEN = "+", "-", "?"


def klass(value: float) -> str:
    return FACT if value >= 2.5 else NOT if value < 0 else OPEN


@pytest.fixture(scope="module")
def factuality(run_stages):
    """factuality(text) -> Work after clean, nlp and factuality."""

    def run(text: str):
        return run_stages(text, ["clean", "nlp", "factuality"])

    return run


def value_of(work, word: str, nth: int = 0) -> Factuality:
    """The factuality of the `nth` token whose text is `word`."""
    tokens = [t for t in work.doc if t.text == word]
    assert len(tokens) > nth, f"{word!r} not in {work.analysis.text!r}"
    return lookup.of_token(tokens[nth])


# (sentence, predicate, article's class, source's class, a cue kind that must be among its cues)
TABLE = [
    # plain assertion
    ("The council approved the budget on Monday.", "approved", FACT, FACT, None),
    # negation and its scope
    ("The council did not approve the budget.", "approve", NOT, NOT, "negation"),
    ("The mayor never signed the order.", "signed", NOT, NOT, "negation"),
    ("The ministers did not meet, but their deputies talked.", "talked", FACT, FACT, None),
    ("The guards did not eat or sleep for two days.", "sleep", NOT, NOT, "negation"),
    # negative quantifiers
    ("Nobody was injured in the fire at the depot.", "injured", NOT, NOT, "negative_quantifier"),
    ("No shots were fired during the standoff.", "fired", NOT, NOT, "negative_quantifier"),
    # "no evidence that"
    (
        "There is no evidence that the mayor accepted the payments.",
        "accepted",
        OPEN,
        OPEN,
        "negative_quantifier",
    ),
    (
        "Investigators found no evidence that the pilots had been drinking.",
        "drinking",
        OPEN,
        OPEN,
        "negative_quantifier",
    ),
    # ...and what the unsupported clause mentions under "any" is no surer
    (
        "There is no evidence that the ministry has moved ahead with any weapons sales.",
        "sales",
        OPEN,
        OPEN,
        "negative_quantifier",
    ),
    # "There's no X whatsoever": the speaker denies the noun outright
    ('"There is no collusion whatsoever," the senator said.', "collusion", NOT, NOT, "report"),
    # a negative assertion is still asserted (as a negative)
    ("The envoy said the rebels are not serious about a truce.", "serious", NOT, NOT, "negation"),
    # deny / reject / dismiss
    ("The ministry denied that its troops had shelled the village.", "shelled", NOT, NOT, "denial"),
    ("Lindqvist rejected claims that she leaked the memo.", "leaked", NOT, NOT, "denial"),
    ("The company dismissed reports that it would close the mill.", "close", NOT, NOT, "denial"),
    (
        "The ministry did not deny that its troops had shelled the village.",
        "shelled",
        OPEN,
        OPEN,
        "denial",
    ),
    # refuse to / fail to / manage to
    ("The governor refused to sign the bill.", "sign", NOT, NOT, "implicative"),
    ("The climbers failed to reach the summit.", "reach", NOT, NOT, "implicative"),
    ("The crew managed to repair the engine.", "repair", FACT, FACT, "implicative"),
    ("The crew did not manage to repair the engine.", "repair", NOT, NOT, "implicative"),
    ("The mayor did not fail to mention the new tram line.", "mention", FACT, FACT, "implicative"),
    ("The court neither approved nor rejected the merger.", "approved", NOT, NOT, "negation"),
    ("The port would no longer serve the navy.", "serve", NOT, NOT, "negation"),
    ("The envoy decided against visiting the camp.", "visiting", NOT, NOT, "negation"),
    # event modifiers, and verbs that stop their object event
    (
        "Two crew members died in a failed attempt to reach the shore.",
        "attempt",
        NOT,
        NOT,
        "negation",
    ),
    ("The ministry postponed the vote on the budget.", "vote", NOT, NOT, "implicative"),
    # adverbial clauses: a cause is given, a time to come is not yet
    (
        "The talks would resume because the rebels released the hostages.",
        "released",
        FACT,
        FACT,
        None,
    ),
    ("The ban stays until the agency inspects the plant.", "inspects", OPEN, OPEN, "future"),
    # a relative clause on a noun is presupposed, whatever the clause around it plans
    ("The city plans to repair the bridge that collapsed in May.", "collapsed", FACT, FACT, None),
    # if ... would
    ("If the dam breaks, the valley would flood.", "flood", OPEN, OPEN, "conditional"),
    ("If the dam breaks, the valley would flood.", "breaks", OPEN, OPEN, "conditional"),
    # questions
    (
        "Asked if she expects a fair ruling, the senator refused to say whether she would appeal.",
        "expects",
        OPEN,
        OPEN,
        "question",
    ),
    # a refusal to say leaves what would have been said open, neither way
    (
        "Asked if she expects a fair ruling, the senator refused to say whether she would appeal.",
        "appeal",
        OPEN,
        OPEN,
        "implicative",
    ),
    ("Will the union accept the offer?", "accept", OPEN, OPEN, "question"),
    ("Reporters asked whether the general had resigned.", "resigned", OPEN, OPEN, "question"),
    # plans, intentions, predictions
    ("The city plans to build a new bridge.", "build", OPEN, OPEN, "intention"),
    ("The airline aims to cut its fares next year.", "cut", OPEN, OPEN, "intention"),
    ("The factory will close in March.", "close", OPEN, OPEN, "future"),
    # hedges
    ("The official allegedly took bribes from the contractor.", "took", OPEN, OPEN, "hedge"),
    ("The convoy was reportedly attacked near the border.", "attacked", OPEN, OPEN, "hedge"),
    # reports: the speaker commits, the article reports
    ("The police said the suspect fled on foot.", "fled", FACT, FACT, "report"),
    # belief
    ("Analysts believe the bank will raise rates.", "raise", OPEN, OPEN, "belief"),
    # factive, also under negation
    ("The minister did not reveal that the talks had failed.", "failed", FACT, FACT, "factive"),
    ("The audit confirmed that the funds were missing.", "missing", FACT, FACT, "factive"),
    # nested embeddings
    (
        "Officials denied reports that the firm had agreed to sell the port.",
        "agreed",
        NOT,
        NOT,
        "denial",
    ),
    (
        "Officials denied reports that the firm had agreed to sell the port.",
        "sell",
        NOT,
        NOT,
        "intention",
    ),
    (
        "The prospect of the allies sending tanks worries the capital.",
        "sending",
        OPEN,
        OPEN,
        "hypothetical",
    ),
]


@pytest.mark.parametrize(("text", "word", "article", "source", "cue"), TABLE)
def test_construction(factuality, text, word, article, source, cue):
    f = value_of(factuality(text), word)
    assert klass(f.value) == article, (f.value, [c.kind for c in f.cues])
    assert klass(f.source_value) == source, (f.source_value, [c.kind for c in f.cues])
    if cue is not None:
        assert cue in {c.kind for c in f.cues}


def test_denial_keeps_the_speakers_view_apart(factuality):
    """The speaker says it did not happen (-3); the article only reports the denial."""
    f = value_of(
        factuality("The ministry denied that its troops had shelled the village."), "shelled"
    )
    assert f.source_value == -3.0
    assert -3.0 < f.value < 0
    assert next(c for c in f.cues if c.kind == "denial").text == "denied"


def test_stage_writes_one_record_per_predicate(factuality):
    work = factuality("The army did not withdraw. The talks collapsed after the attack.")
    f = work.analysis.factuality
    words = [r.text for r in f]
    assert words == ["withdraw", "talks", "collapsed", "attack"]
    assert [r.start for r in f] == sorted(r.start for r in f)
    text = work.analysis.text
    for r in f:
        assert text[r.start : r.end] == r.text
        for c in r.cues:
            assert text[c.start : c.end] == c.text
    withdraw = f[0]
    assert withdraw.value == load_lexicon().negated < 0
    assert withdraw.cues[0].kind == "negation" and withdraw.cues[0].text == "not"


def test_lookup_prefers_the_least_embedded_predicate(factuality):
    work = factuality("The spokesman denied that the troops had crossed the river.")
    text = work.analysis.text
    start = text.index("denied")
    found = lookup.at(work.analysis, start, len(text))
    assert found is not None and found.text == "denied"
    inner = lookup.at(work.analysis, text.index("the troops"), len(text))
    assert inner is not None and inner.text == "crossed" and inner.value < 0
    assert lookup.at(work.analysis, 0, 3) is None


def test_of_token_walks_a_doc_the_stage_did_not_see(run_stages):
    work = run_stages("The envoy refused to attend the summit.", ["clean", "nlp"])
    attend = next(t for t in work.doc if t.text == "attend")
    assert lookup.of_token(attend).value < 0


def test_stage_contract(resources):
    stage = FactualityStage(resources)
    assert stage.requires == {"doc"} and stage.assigns == {"factuality"}
    assert "factuality" in resources.config.pipeline.stages
    order = list(resources.config.pipeline.stages)
    assert order.index("time") < order.index("factuality") < order.index("claims")


def test_lexicon_classes_are_data():
    lex = load_lexicon()
    assert {"know", "reveal", "confirm", "acknowledge"} <= lex.factive
    assert lex.implicative["manage"] == (1, -1) and lex.implicative["fail"] == (-1, 1)
    assert lex.implicative["refuse"] == (-1, 0)
    assert {"deny", "reject", "dismiss", "rebut"} <= lex.denial
    assert {"say", "claim", "allege"} <= lex.report
    assert {"think", "believe", "suspect"} <= lex.belief
    assert -3.0 < lex.modals["may"] < lex.factual


WORDS = st.sampled_from(
    [
        "the",
        "envoy",
        "did",
        "not",
        "say",
        "never",
        "no",
        "officials",
        "denied",
        "that",
        "troops",
        "will",
        "may",
        "if",
        "would",
        "reportedly",
        "plan",
        "to",
        "attack",
        "refused",
        "talks",
        "collapsed",
        "whether",
        "nobody",
        "evidence",
    ]
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(WORDS, min_size=1, max_size=14))
def test_values_in_bounds_and_deterministic(factuality, words):
    text = " ".join(words).capitalize() + "."
    first = factuality(text).analysis.factuality
    again = factuality(text).analysis.factuality
    assert first == again
    n = len(factuality(text).analysis.text)
    for f in first:
        assert 0 <= f.start < f.end <= n
        assert -3.0 <= f.value <= 3.0 and -3.0 <= f.source_value <= 3.0
