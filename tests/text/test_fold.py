"""One fold, and the two comparison keys built on it."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsint.text.fold import fold, name_key, word_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Çavuşoğlu", "cavusoglu"),
        (unicodedata.normalize("NFD", "Zürich café"), "zurich cafe"),
        ("ﻛﺘﺎﺏ", "كتاب"),  # Arabic presentation forms become the base letters
        ("كَتَبَ", "كتب"),  # vowel marks dropped, the word stays whole
        ("STRASSE", "strasse"),
        ("Łódź", "lodz"),  # letters NFKD keeps whole are folded too
        ("Ørsted", "orsted"),
        ("O’Brien", "o'brien"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "us"),
        ("Çavuşoğlu", "cavusoglu"),
        ("Agence France-Presse", "agence france presse"),
        ("Agence France–Presse", "agence france presse"),  # an en dash is a hyphen
        ("  Wagner   Group ", "wagner group"),
        ("Kadıköy", "kadikoy"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Associated Press's", "the associated press s"),
        ("Çavuşoğlu said", "cavusoglu said"),
        ("Østergaard & Co.", "ostergaard co"),
        ("Reuters (2026)", "reuters 2026"),
    ],
)
def test_word_key(text: str, key: str) -> None:
    assert word_key(text) == key


@given(st.text(max_size=40))
def test_keys_are_fixed_points_of_their_fold(text: str) -> None:
    """Folding what is already folded changes nothing: keys compare stably."""
    assert fold(fold(text)) == fold(text)
    assert word_key(word_key(text)) == word_key(text)
