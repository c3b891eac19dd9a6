"""lexicon.verb_base keeps its answers per word list: the same answers as reducing the form
anew, for the lexicon's own lists and for lists made on the fly (which must not pile up)."""

from __future__ import annotations

import pytest

from newsint.stages.claims import lexicon as lexmod
from newsint.stages.claims.lexicon import _verb_base, lexicon, noun_base, verb_base

FORMS = ["said", "says", "saying", "told", "denies", "denied", "admitted", "walks", "ran", "is"]


@pytest.mark.parametrize("field", ["cue_verbs", "cue_extenders", "general_stop", "put_verbs"])
def test_kept_answers_match(field: str) -> None:
    lex = lexicon()
    words = getattr(lex, field)
    for _ in range(2):  # asked, then answered from what was kept
        for form in FORMS:
            assert verb_base(form, words, lex.irregular) == _verb_base(form, words, lex.irregular)


def test_lists_made_on_the_fly() -> None:
    lex = lexicon()
    for n in range(3 * lexmod._MAX_LISTS):
        words = frozenset({"say", f"word{n}"})  # a new list each time
        assert verb_base("said", words, lex.irregular) == "say"
        assert verb_base(f"word{n}s", words, lex.irregular) == f"word{n}"
        assert len(lexmod._BASES) <= lexmod._MAX_LISTS
    assert verb_base("said", frozenset({"tell"}), lex.irregular) is None


@pytest.mark.parametrize(
    ("word", "words", "base"),
    [
        ("claims", {"claim"}, "claim"),
        ("claim", {"claim"}, "claim"),
        ("witnesses", {"witness"}, "witness"),
        ("s", {""}, None),  # no empty candidate
        ("memo", {"memos"}, None),
        ("press", {"pres"}, "pres"),  # the "-s" reading first
    ],
)
def test_noun_base(word: str, words: set[str], base: str | None) -> None:
    assert noun_base(word, frozenset(words)) == base
