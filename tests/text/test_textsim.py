from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsint.text.textsim import content_words, paraphrase_score


def test_marks_do_not_split_words() -> None:
    # with marks kept, \w+ cut this into one-letter "words" and unrelated lines looked alike
    assert content_words("كَتَبَ الوَلَدُ رِسَالَةً") == frozenset({"كتب", "الولد", "رسالة"})


def test_precomposed_and_decomposed_accents_agree() -> None:
    text = "Les délégués sont arrivés à Genève"
    assert content_words(text) == content_words(unicodedata.normalize("NFD", text))


@given(st.text(max_size=60), st.text(max_size=60))
def test_paraphrase_score_is_symmetric_and_bounded(a: str, b: str) -> None:
    s = paraphrase_score(a, b)
    assert 0.0 <= s <= 1.0
    assert s == paraphrase_score(b, a)
