"""Tokens.token_range gives the tokens Doc.char_span(…, alignment_mode="expand") spans, for
every character range of a text (ends inside words, on spaces, at line breaks, at the edges)."""

from __future__ import annotations

import pytest

from newsint.stages.tokens import tokens_of

# Fictional text: a double space, a line break, a quotation and a closing full stop.
TEXT = "The ferry  sailed late.\n“Never again,” said Ana Quist of Port Lindell."


@pytest.fixture(scope="module")
def doc(run_stages):
    return run_stages(TEXT, ["clean", "nlp"]).doc


def test_every_range_as_char_span(doc) -> None:
    table = tokens_of(doc)
    n = len(doc.text)
    checked = 0
    for start in range(n + 1):
        for end in range(start + 1, n + 2):
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = None if span is None else (span.start, span.end)
            assert table.token_range(start, end) == expected, (start, end)
            checked += span is not None
    assert checked > n  # most ranges do span tokens


def test_empty_and_reversed_ranges(doc) -> None:
    """Ranges no caller asks for: None where char_span gives None, else what it spans."""
    table = tokens_of(doc)
    for start in range(len(doc.text)):
        for end in (start, start - 1):
            try:
                span = doc.char_span(start, end, alignment_mode="expand")
            except IndexError:
                continue  # spaCy refuses a span that ends before it starts
            expected = None if span is None else (span.start, span.end)
            assert table.token_range(start, end) == expected, (start, end)
