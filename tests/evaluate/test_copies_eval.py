"""The generated variants of `newsint eval copies` keep what each kind must keep."""

from __future__ import annotations

import random
import re

from newsint.evaluate.copies import quote_kept_rewrite, swaps, synonym_spin

TEXT = (
    "Officials said the ship was seized on Monday.\n\n"
    'The minister warned that "this cargo will not move again" and asked for calm. '
    "Police arrested two people.\n\n"
    "The company denied the allegations, according to a statement."
)


def quotes(text: str) -> list[str]:
    return re.findall(r'"[^"]*"', text)


def test_synonym_spin_swaps_words_and_keeps_quotes() -> None:
    spun = synonym_spin(TEXT, swaps(), random.Random(1))
    assert quotes(spun) == quotes(TEXT)
    assert "stated" in spun and "said" not in spun.replace('"', "")
    assert spun != TEXT


def test_quote_kept_rewrite_keeps_every_quoted_sentence() -> None:
    for seed in range(5):
        out = quote_kept_rewrite(TEXT, swaps(), random.Random(seed))
        assert quotes(out) == quotes(TEXT)
        assert out != TEXT
