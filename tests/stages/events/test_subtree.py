"""events' `subtree` gives spaCy's `Token.subtree`, word for word and in order, without leaving a
reference cycle behind for the garbage collector."""

from __future__ import annotations

import gc

import pytest

from newsint.stages.events.syntax import subtree
from newsint.stages.tokens import tokens_of

# Fictional texts: nested clauses, a coordination, a quotation and a passive.
TEXTS = [
    "The harbour board of Port Lindell, which met on Tuesday, voted to close the old ferry pier.",
    "Ana Quist said the levy, first proposed in May, would be dropped and the money returned.",
    "“We were never told,” a fisherman in Eastmere said after the meeting was called off.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_subtree_is_spacys_for_every_word(run_stages, text: str) -> None:
    doc = run_stages(text, ["clean", "nlp"]).doc
    table = tokens_of(doc)
    deep = 0
    for tok in doc:
        ours = [t.i for t in subtree(table[tok.i])]
        assert ours == [t.i for t in tok.subtree], tok.text
        deep = max(deep, len(ours))
    assert deep == len(doc)  # the root's subtree is the sentence


def test_subtree_leaves_no_cyclic_garbage(run_stages) -> None:
    doc = run_stages(TEXTS[0], ["clean", "nlp"]).doc
    table = tokens_of(doc)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(5):
            assert len(subtree(table.tokens[0].head)) > 1
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
