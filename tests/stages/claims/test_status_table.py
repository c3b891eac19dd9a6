"""Claim status and factuality per construction (issue 15): sentences of our own, each with
the status its claim must get and the factuality of one predicate in it.

A claim is found by its cue (None: the article's own claim). The factuality bound is the
article's view of the named predicate, from the factuality stage, on the -3..+3 scale.
"""

from __future__ import annotations

import pytest

from newsint.model import Analysis, Claim

STAGES = ["clean", "nlp", "entities", "time", "factuality", "claims", "grade", "events"]


@pytest.fixture(scope="module")
def analysed(analysed_with):
    return analysed_with(STAGES)


def claim_by_cue(analysis: Analysis, cue: str | None) -> Claim:
    for claim in analysis.claims:
        if cue is None and claim.cue is None:
            return claim
        if claim.cue is not None and claim.cue.text == cue:
            return claim
    got = [(c.cue.text if c.cue else None, c.status, c.content.text) for c in analysis.claims]
    raise AssertionError(f"no claim with cue {cue!r}; claims: {got}")


def value_of(analysis: Analysis, word: str) -> float:
    found = [f for f in analysis.factuality if f.text == word]
    assert found, f"no factuality for {word!r}: {[f.text for f in analysis.factuality]}"
    return found[0].value


# Factuality bounds by what the text says of the predicate (the factuality stage's values are
# fitted to the corpora; these are the classes of `newsint eval factuality`): it did not happen,
# it is not reported as certain (below UW's factual class, 2.5), it happened.
DID_NOT = (-3.0, -0.1)
NOT_CERTAIN = (-3.0, 2.49)
HAPPENED = (2.5, 3.0)

# construction, text, cue, status, predicate, (lowest, highest) factuality of the predicate
TABLE = [
    (
        "negation scope",
        "The harbour master said the ferry did not leave the port on Friday.",
        "said",
        "negative",
        "leave",
        DID_NOT,
    ),
    (
        "negative quantifier",
        "Nobody was injured in the fire, the fire brigade said.",
        "said",
        "negative",
        "injured",
        DID_NOT,
    ),
    (
        "negative statement, not a denial",
        "The envoy said the general is not serious about a ceasefire.",
        "said",
        "negative",
        None,
        None,
    ),
    (
        "no evidence that",
        "There is no evidence that the company paid the inspectors.",
        None,
        "uncertain",
        "paid",
        NOT_CERTAIN,
    ),
    (
        "no evidence shows",
        "No evidence shows that the port sold grain to the trading company.",
        "shows",
        "uncertain",
        None,
        None,
    ),
    (
        "deny",
        "The ministry denied that its troops had crossed the river.",
        "denied",
        "denied",
        "crossed",
        DID_NOT,
    ),
    (
        "reject",
        "The mayor rejected claims that she had taken money from the developer.",
        "rejected",
        "denied",
        None,
        None,
    ),
    (
        "dismiss",
        "The club dismissed reports that the coach had resigned.",
        "dismissed",
        "denied",
        None,
        None,
    ),
    (
        "denial worded as a negation",
        "“There was no deal whatsoever,” the senator told reporters.",
        "told",
        "denied",
        None,
        None,
    ),
    (
        "denial: the thing said is false",
        "The ministry said the reports of a secret meeting were false.",
        "said",
        "denied",
        None,
        None,
    ),
    (
        "refuse to",  # the governor's stand: what she will not do (issue 16, attrclf2)
        "The governor refused to sign the budget bill.",
        "refused",
        "denied",
        "sign",
        DID_NOT,
    ),
    (
        "fail to",
        "The council failed to approve the new rail line.",
        None,
        "asserted",
        "approve",
        DID_NOT,
    ),
    (
        "manage to",
        "Rescuers managed to reach the stranded climbers on Sunday.",
        None,
        "asserted",
        "reach",
        HAPPENED,
    ),
    (
        "if … would",
        "The minister said the government would raise taxes if the economy slowed.",
        "said",
        "hypothetical",
        "raise",
        NOT_CERTAIN,
    ),
    (
        "question: the asker's own",
        "The reporter asked whether the factory would close.",
        "asked",
        "question",
        "close",
        NOT_CERTAIN,
    ),
    (
        "question: the reporter's, not the interviewee's",
        "Asked if he thought the inquiry would be fair, the mayor said he would wait for "
        "its findings.",
        "thought",
        "question",
        None,
        None,
    ),
    (
        "refusal to answer",
        "The spokesman refused to say whether the minister had met the envoy.",
        "refused to say",
        "question",
        "met",
        NOT_CERTAIN,
    ),
    (
        "plans to: the company's own plan",
        "The company plans to close two factories next year.",
        "plans",
        "intention",
        "close",
        NOT_CERTAIN,
    ),
    (
        "will",
        "The mayor said the city will open a new library in May.",
        "said",
        "intention",
        "open",
        NOT_CERTAIN,
    ),
    (
        "aims to: the airline's own aim",
        "The airline aims to resume flights to the island by June.",
        "aims",
        "intention",
        "resume",
        NOT_CERTAIN,
    ),
    (
        "attempted to: the attempt is asserted, the purchase is not",
        "A leaked memo says the militia attempted to purchase rifles from a broker.",
        "says",
        "asserted",
        "purchase",
        NOT_CERTAIN,
    ),
    (
        "allegedly",
        "The rebels allegedly seized three villages near the border.",
        None,
        "alleged",
        "seized",
        NOT_CERTAIN,
    ),
    (
        "reportedly",
        "The director reportedly resigned after the audit, according to staff.",
        "according to",
        "alleged",
        "resigned",
        NOT_CERTAIN,
    ),
    (
        "may have",
        "The army said the militants may have fled across the border.",
        "said",
        "uncertain",
        "fled",
        NOT_CERTAIN,
    ),
    (
        "nested: denied reports that X had agreed to …",
        "Officials denied reports that the mayor had agreed to sell the port.",
        "denied",
        "denied",
        "agreed",
        DID_NOT,
    ),
    (
        "nested: a claim inside a denial",
        "Valdoria denies its foreign minister called for talks with Morland.",
        "called for",
        "denied",
        None,
        None,
    ),
    (
        "a hedge in the cue: found no evidence that …",
        "Inspectors have found no evidence that the mill dumped waste into the river.",
        "have found no evidence",
        "uncertain",
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("construction", "text", "cue", "status", "predicate", "bounds"),
    TABLE,
    ids=[row[0] for row in TABLE],
)
def test_status_per_construction(
    analysed,
    construction: str,
    text: str,
    cue: str | None,
    status: str,
    predicate: str | None,
    bounds: tuple[float, float] | None,
) -> None:
    a = analysed(text)
    claim = claim_by_cue(a, cue)
    assert claim.status == status, (construction, claim.status, claim.evidence)
    assert claim.factuality is not None
    if status not in ("asserted", "negative"):
        # the grade says which cue decided, with its offsets
        reason = claim.grade.reasons[1] if claim.grade else ""
        assert " at " in reason and "–" in reason, reason
    if predicate is not None and bounds is not None:
        lo, hi = bounds
        assert lo <= value_of(a, predicate) <= hi, (predicate, value_of(a, predicate))


def test_a_question_is_never_the_interviewees_claim(analysed) -> None:
    a = analysed(
        "Asked if he thought the inquiry would be fair, the mayor said he would wait for "
        "its findings."
    )
    question = claim_by_cue(a, "thought")
    assert question.source.kind == "article" and question.kind == "unattributed"
    assert [s.kind for s in question.chain] == ["article"]
    mayor = claim_by_cue(a, "said")
    assert "inquiry" not in mayor.content.text
    refused = analysed("The spokesman refused to say whether the minister had met the envoy.")
    claim = claim_by_cue(refused, "refused to say")
    assert claim.source.kind == "article"
    assert any(e.kind == "refusal" for e in claim.evidence)


def test_a_negative_statement_is_not_a_denial(analysed) -> None:
    a = analysed("The envoy said the general is not serious about a ceasefire.")
    claim = claim_by_cue(a, "said")
    assert claim.status == "negative" and claim.polarity == "negative"
    assert not any(e.effect == "denied" for e in claim.evidence)
