"""The shared word-list alternations: the prefix tree finds what the flat alternation finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsint.text.alternation import alternation, prefix_tree

# Forms sharing prefixes, a form that is a prefix of another, one-letter forms, dots and
# spaces: the prefix tree must find what the flat longest-first alternation finds.
_FORMS = {"Port", "Port Vell", "Port Vellmar", "Porta", "P", "Pa.", "Vell", "Vell Mar", "U.K."}
_CASED_TEXTS = [
    "Port Vellmar and Port Vell, Porta, Portage and Port.",
    "In Port Vellmarsh the P. Pa. ferry left Vell Mar for U.K. ports; U.K.s and P.",
    "Port Vell Mar Vell Marina Porta Port Vellm",
]


@pytest.mark.parametrize("text", _CASED_TEXTS)
def test_prefix_tree_matches_like_the_flat_alternation(text: str) -> None:
    around = r"(?<![\w.])(?:{})(?![\w])"
    flat = re.compile(around.format(alternation(_FORMS)))
    tree = re.compile(around.format(prefix_tree(_FORMS)))
    expected = [(m.start(), m.group()) for m in flat.finditer(text)]
    assert expected  # the texts are built to match
    assert [(m.start(), m.group()) for m in tree.finditer(text)] == expected


@pytest.mark.parametrize(
    ("forms", "text"),
    [
        ({"half-time", "half", "Harbour Times"}, "HALF-TIME at harbour times: Half, half-timer"),
        ({"Café Nord", "cafe"}, "CAFÉ NORD by the Cafe, café nord"),  # not ASCII: kept flat
    ],
)
def test_case_folded_prefix_tree_matches_like_the_flat_alternation(
    forms: set[str], text: str
) -> None:
    around = r"(?<![\w-])(?:{})(?![\w-])"
    flat = re.compile(around.format(alternation(forms)), re.IGNORECASE)
    tree = re.compile(around.format(prefix_tree(forms, fold=True)), re.IGNORECASE)
    expected = [(m.start(), m.group()) for m in flat.finditer(text)]
    assert expected
    assert [(m.start(), m.group()) for m in tree.finditer(text)] == expected


_LETTERS = st.text(alphabet="abAB .-", min_size=1, max_size=5)


@given(st.sets(_LETTERS, min_size=1, max_size=8), st.text(alphabet="abAB .-x", max_size=40))
def test_prefix_tree_equals_flat_alternation_on_any_forms(forms: set[str], text: str) -> None:
    for flags, fold in ((0, False), (re.IGNORECASE, True)):
        around = r"(?<![\w.])(?:{})(?![\w])"
        flat = re.compile(around.format(alternation(forms)), flags)
        tree = re.compile(around.format(prefix_tree(forms, fold=fold)), flags)
        found = [(m.start(), m.group()) for m in tree.finditer(text)]
        assert found == [(m.start(), m.group()) for m in flat.finditer(text)]


def test_alternation_puts_longer_forms_first() -> None:
    assert alternation(["New York", "New York City", "NY"]) == r"New\ York\ City|New\ York|NY"
