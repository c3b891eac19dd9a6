"""Cheap text similarity for paraphrase and near-duplicate decisions.

The score averages two views that fail differently: Dice overlap of stemmed content words
(robust to re-ordering, blind to word order) and rapidfuzz's token-set ratio (forgiving of
extra words on one side). Measured on MSRP in docs/benchmarks.md; no model needed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsint.text.fold import fold

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=4096)
def content_words(text: str, stem_prefix: int = 5) -> frozenset[str]:
    """Folded non-stop words cut to `stem_prefix` letters (a crude, language-light stemmer)."""
    return frozenset(
        w[:stem_prefix] for w in _WORD.findall(fold(text)) if w not in ENGLISH_STOP_WORDS
    )


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def paraphrase_score(a: str, b: str, stem_prefix: int = 5) -> float:
    """Similarity in [0, 1]; 1 for the same text. Symmetric."""
    d = dice(content_words(a, stem_prefix), content_words(b, stem_prefix))
    t = fuzz.token_set_ratio(a.lower(), b.lower()) / 100.0
    return (d + t) / 2
