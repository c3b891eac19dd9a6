"""Same-event similarity: whether two articles report the same event (corpus stories are the
connected components of these links and of copy links).

story_cosine_weight x story cosine (background-IDF weighted, headline words up-weighted) + the
rest x name Dice; symmetric and a pure function of the two articles.
"""

from __future__ import annotations

from newsint.config import Corpus
from newsint.corpus.compare import Doc, cosines


def story_cosine(a: Doc, b: Doc) -> float:
    """Cosine of the story vectors (background-IDF weighted, headline words up-weighted)."""
    return cosines(a, b)[1]


def name_dice(a: Doc, b: Doc) -> float:
    """Dice overlap of the two name sets (names are the event's who and where). Unlike the share
    of the smaller set, an article naming two people does not match every long report that
    mentions them among fifty others."""
    if not a.names or not b.names:
        return 0.0
    return 2 * len(a.names & b.names) / (len(a.names) + len(b.names))


def story_similarity(a: Doc, b: Doc, cfg: Corpus, story_cos: float | None = None) -> float:
    """Same-event similarity in [0, 1]: story_cosine_weight x story cosine + the rest x name
    Dice. Symmetric and a pure function of the two articles (order-independent)."""
    w = cfg.story_cosine_weight
    cos = story_cosine(a, b) if story_cos is None else story_cos
    return w * cos + (1 - w) * name_dice(a, b)
