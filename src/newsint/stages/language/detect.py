"""The language of a text, by py3langid (a naive Bayes model over byte n-grams, shipped with the
package: no download, a few ms a text).

Stories need it: an article in another language shares no words with the story, only names,
numbers and dates (corpus/stories.py compares it on those alone).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from newsint.config import Language


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str, cfg: Language) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when the text is too short or the model
    unsure (probability under `min_probability`)."""
    sample = text[: cfg.max_chars]
    if not _has_letters(sample, cfg.min_letters):
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= cfg.min_probability else None


def _has_letters(text: str, n: int) -> bool:
    """Has `text` at least `n` letters? Stops counting at the n-th (a text has thousands)."""
    if n <= 0:
        return True
    for ch in text:
        if ch.isalpha():
            n -= 1
            if not n:
                return True
    return False
