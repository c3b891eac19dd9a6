"""The extractor's word loop skips, without a call, the words whose first test no cue rule can
pass (claims.extract._may_report, and the preposition and noun tests beside it): on every word
of sentences covering each rule family, a skipped word gives no cue when asked all the same."""

from __future__ import annotations

import pytest

from handmade import claim_extractors
from newsint.stages.claims.extract import Extractor, _may_report
from newsint.stages.tokens import tokens_of

TEXTS = [
    "The harbour master said on Monday that the ferry would sail again, adding that repairs "
    "were done.",
    "“We are not leaving,” said Mara Quist, who chairs the tenants' association.",
    "Orlin charges that the council hid the audit. The Velde campaign plans to appeal.",
    "The mayor made it clear that no new tolls would come. As the engineer put it, the bridge "
    "is tired.",
    "According to the port authority, cargo volumes fell. Cargo rose, per the customs office.",
    "The union's claim that wages fell was disputed by the ministry, officials told reporters.",
    "Tessa Brandvik, a spokeswoman for the agency, denied the report in a statement.",
    "BRANDVIK: We will answer every question at the hearing next week.",
]


@pytest.fixture(scope="module")
def extractors(run_stages, resources) -> list[Extractor]:
    return claim_extractors(run_stages, resources, TEXTS)


def test_skipped_words_give_no_cue(extractors: list[Extractor]) -> None:
    skipped = passed = cues = 0
    for ex in extractors:
        prep_first = ex._prep_first | ex.lex.frame_preps
        for sent in ex.sents.spans:
            for tok in tokens_of(ex.doc).tokens[sent.start : sent.end]:
                if _may_report(tok):
                    passed += 1
                    cues += (ex.verb_cue(tok) or ex.frame_report(tok)) is not None
                else:
                    skipped += 1
                    assert ex.verb_cue(tok) is None, tok.text
                    assert ex.frame_report(tok) is None, tok.text
                if tok.lower_ not in prep_first:
                    assert ex.prep_cue(tok, sent) == [], tok.text
                if tok.pos_ not in ("NOUN", "PROPN"):
                    assert ex.noun_cue(tok) is None, tok.text
    # the loop does skip most words, and the words it keeps hold the cues
    assert skipped > passed
    assert cues >= len(TEXTS)


def test_skipped_loop_finds_the_same(extractors: list[Extractor], claims_of) -> None:
    """The stage (which skips) finds a verb, frame, preposition and noun cue in these texts."""
    rules = {f.rule for ex in extractors for f in ex.run()}
    assert {"verb", "frame", "according", "noun"} <= rules
    assert claims_of(TEXTS[0]).claims
