"""mark_boundaries reads and writes the Doc as columns: the same preset sentence starts as the
rule written token by token (kept here as the specification), on a table of fictional texts."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from newsint.stages.nlp import mark_boundaries

_OPEN = {"“", "«", "„"}
_CLOSE = {"”", "»"}
_END = {".", "?", "!", "…", ".”", "?”", "!”"}


def by_token(doc: Doc) -> Doc:
    """The rule one spaCy Token at a time (the component before it read columns)."""
    inside = False
    for token in doc:
        if token.i == 0:
            continue
        prev = doc[token.i - 1]
        if prev.is_space and "\n" in prev.text:
            inside = False
            if not token.is_space:
                token.is_sent_start = True
            continue
        if token.text in _OPEN:
            inside = True
        elif token.text in _CLOSE:
            inside = False
        elif token.text == '"':
            inside = not inside
        elif inside and not token.is_space and prev.text not in _END:
            token.is_sent_start = False
    return doc


TEXTS = [
    "",
    "Word",
    "Two words",
    "Harbour strike enters its second week\n\nDock workers in Skarra stayed out, the union said.",
    "The memo, labelled “Ports, Rail, Roads: Unions seek a deal,” was read out on Monday.",
    'Mayor Ilse Vont said "we will not move. Never." and left.\n\n"Next," she added.',
    "A quote “that runs on\n\ninto a new paragraph” without closing » here «or here",
    "Line one\nline two \n \n  Third paragraph “with a quote. And more” end.",
    "« Les quais », dit-il. „Genau so“ — “Why?” she asked. “Because!” he said…",
    '"Open and never closed, it goes on and on and on',
    "Trailing blank line\n\n",
    "\n\nLeading blank lines then “a quote.” and text",
    "Odd spaces  “double  spaced  quote”   and tabs\t“tab\tquote”.",
]


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.mark.parametrize("text", TEXTS)
def test_same_starts_as_token_by_token(nlp: spacy.language.Language, text: str) -> None:
    expected = by_token(nlp.make_doc(text)).to_array(SENT_START).tolist()
    got = mark_boundaries(nlp.make_doc(text)).to_array(SENT_START).tolist()
    assert got == expected


@pytest.mark.parametrize(
    ("text", "preset"),
    [
        ("Title here\n\nBody text.", {"Body": True, "here": None}),
        ("He said “Go now: quickly” today.", {"Go": False, ":": False, "”": None, "today": None}),
        ("He said “Stop. Go” today.", {"Stop": False, "Go": None}),  # after a stop: the parser's
        ('He said "Stop: go" then "wait"', {"go": False, "then": None, "wait": False}),
    ],
)
def test_starts_preset(
    nlp: spacy.language.Language, text: str, preset: dict[str, bool | None]
) -> None:
    doc = mark_boundaries(nlp.make_doc(text))
    assert {t.text: t.is_sent_start for t in doc if t.text in preset} == preset
