"""One fold: the comparison form of a text (accents, case and typographic variants ignored).

`fold` is the base every comparison key is built on; `name_key` and `word_key` are the two
keys made from it (a name as the gazetteers look it up, the words of a text as the corpus
compares them), so no caller folds letters its own way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsint.text.memo import memo_bound

# Letters NFKD does not decompose into a base letter plus marks, and typographic apostrophes
# and dashes: "Łódź" ~ "Lodz", "Ørsted" ~ "Orsted", "O’Brien" ~ "O'Brien".
_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
    }
)
_SPACES = re.compile(r"[\s\-]+")
_ALNUM = re.compile(r"[a-z0-9]+")
_KEPT = memo_bound("fold", "entries")  # texts each key function keeps worked out


@lru_cache(maxsize=_KEPT)
def fold(text: str) -> str:
    """Compatibility-decomposed, combining marks dropped, case-folded ('Çavuşoğlu' ->
    'cavusoglu'). Without it `\\w+` cuts words at every mark (Arabic vowel signs, decomposed
    accents), and two unrelated lines made of one-letter "words" look alike."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).casefold()


@lru_cache(maxsize=_KEPT)
def name_key(text: str) -> str:
    """How a name is looked up: folded, dots dropped, hyphens and runs of spaces as one space.

    "U.S." and "US" fold alike, as do "Çavuşoğlu" and "Cavusoglu": spellings that differ only so
    are the same name, not a fuzzy match."""
    return _SPACES.sub(" ", fold(text).replace(".", "")).strip()


@lru_cache(maxsize=_KEPT)
def word_key(text: str) -> str:
    """The folded ASCII words and numbers of a text joined by single spaces: punctuation and
    letters outside a-z are dropped ("The Associated Press's" -> "the associated press s")."""
    return " ".join(_ALNUM.findall(fold(text)))
