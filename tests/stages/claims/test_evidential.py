"""Claims stage, issue 16 (branch attrevid): the writer's own evidential hedge. A sentence-root
"seem"/"appear" with a complement is a claim of the article itself, with the verb (and its
auxiliaries and negation) as cue and an uncertain status; it replaces the plain claim the
sentence would give, never doubles it. Sentences of our own."""

from __future__ import annotations

import pytest

from newsint.evaluate.attribution import predict_claims

# text, cue, lead, content of the claim the article makes through its own hedge: the subject
# is the content's lead, the cue stays out of both ("the bid | seemed | doomed", as PolNeAR
# writes it); the statement reads lead … content
HEDGED = [
    ("The ferry company seemed unprepared for the winter storms.", "seemed",
     "The ferry company", "unprepared for the winter storms"),
    ("The harbour board appears to have shelved the new quay.", "appears",
     "The harbour board", "to have shelved the new quay"),
    ("It appears that the island council delayed the vote again.", "appears",
     None, "that the island council delayed the vote again"),
    ("The mayor did not appear to know about the tender.", "did not appear",
     "The mayor", "to know about the tender"),
    ("Lindby's fishermen may seem reluctant to sell their boats.", "may seem",
     "Lindby's fishermen", "reluctant to sell their boats"),
    # a "not" before the subject is none of the cue's
    ("As often as not the harbour master seemed to side with the ferry company.", "seemed",
     "the harbour master", "to side with the ferry company"),
    ("There seems to be little appetite for a second bridge on the island.", "seems",
     "There", "to be little appetite for a second bridge on the island"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "lead", "content"), HEDGED)
def test_a_root_seem_or_appear_is_the_articles_hedged_claim(
    claims_of, text, cue, lead, content
) -> None:
    claims = claims_of(text).claims
    hedged = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert len(hedged) == 1, [(c.cue, c.content.text) for c in claims]
    claim = hedged[0]
    assert claim.content.text == content
    assert (claim.lead.text if claim.lead else None) == lead
    assert claim.source.kind == "article" and claim.source.start is None
    assert claim.chain == [claim.source]
    assert claim.kind == "unattributed"
    # "may seem": the modal's status outranks the hedge's (data/claims.toml [status])
    assert claim.status in ("uncertain", "hypothetical")
    # no second, plain claim of the same sentence
    assert [c for c in claims if c.content.text == content] == [claim]
    # scored as an attribution without a source (PolNeAR's reading), its lead a first part
    (attr,) = [a for a in predict_claims(claims_of(text)) if a.cue]
    assert attr.source == ()
    assert "".join(text[s:e] for s, e in attr.cue) == cue
    assert len(attr.content) == (1 if lead is None else 2)


# text, word that must not be a cue: not the root, no complement, or a literal "appear"
NOT_HEDGED = [
    ("Officials said the plan seemed too costly for the island.", "seemed"),
    ("The minister appeared on television on Sunday evening.", "appeared"),
    ("Nothing is what it seems.", "seems"),
    ("The new ferry, which appeared in the harbour last spring, broke down twice.", "appeared"),
    # quoted words are someone's, even where no rule finds whose
    ("The skipper shrugged. “The new quay seems doomed to fail.”", "seems"),
]


@pytest.mark.parametrize(("text", "word"), NOT_HEDGED)
def test_no_evidential_claim_without_a_root_complement(claims_of, text, word) -> None:
    claims = claims_of(text).claims
    assert claims, "the sentence still gives some claim"
    hedged = [c for c in claims if c.cue is not None and c.cue.text.endswith(word)]
    assert all(c.source.kind != "article" for c in hedged)
    assert not any(e.kind == "evidential" for c in claims for e in c.evidence)
