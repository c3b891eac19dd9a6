"""Same-event similarity and stories: whether two articles report the same event, and the
stories of a block of related articles.

story_cosine_weight x story cosine + the rest x name Dice; symmetric and a pure function of the
two articles. Articles in different languages share no words, only names, numbers and dates:
for them the similarity is the name Dice alone, and the year test still applies.

Stories are made by average linkage inside a block (the connected component of related pairs):
two stories merge only while the mean similarity between their articles reaches
`story_min_similarity`, so a single link no longer chains two similar-but-different events of
one topic together. Pairs published more than `story_max_days` apart never merge; pairs whose
most mentioned years the other never mentions are penalised (`story_year_penalty`). The result
is a function of the block's set of articles (sorted ids, deterministic linkage), never of
arrival order.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsint.config import Corpus
from newsint.corpus.compare import Doc, cosines, days_apart

# Distance that no average can bring under the threshold: a veto (outside the time window).
_VETO = 1e6


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


def other_language(a: Doc, b: Doc) -> bool:
    return bool(a.language and b.language and a.language != b.language)


def story_similarity(a: Doc, b: Doc, cfg: Corpus, story_cos: float | None = None) -> float:
    """Same-event similarity in [0, 1]: story_cosine_weight x story cosine + the rest x name
    Dice; in different languages the name Dice alone. Symmetric and order-independent."""
    if other_language(a, b):
        return name_dice(a, b)
    w = cfg.story_cosine_weight
    cos = story_cosine(a, b) if story_cos is None else story_cos
    return w * cos + (1 - w) * name_dice(a, b)


def years_disagree(a: Doc, b: Doc) -> bool:
    """Both mention years and neither's most mentioned year occurs in the other."""
    return bool(
        a.top_years and b.top_years and not (a.top_years & b.years) and not (b.top_years & a.years)
    )


def in_window(a: Doc, b: Doc, cfg: Corpus) -> bool:
    apart = days_apart(a, b)
    return apart is None or apart <= cfg.story_max_days


def story_distance(a: Doc, b: Doc, cfg: Corpus, similarity: float | None, copy: bool) -> float:
    """1 - similarity for the linkage (a copy is 0; outside the time window a veto)."""
    if copy:
        return 0.0
    if not in_window(a, b, cfg):
        return _VETO
    s = story_similarity(a, b, cfg) if similarity is None else similarity
    if years_disagree(a, b):
        s -= cfg.story_year_penalty
    return 1.0 - s


def cluster_block(
    members: list[Doc],
    known: Callable[[str, str], tuple[float, bool] | None],
    cfg: Corpus,
) -> list[list[str]]:
    """The stories of one block: average linkage at 1 - story_min_similarity.

    `known(a, b)` gives a related pair's (similarity, is a copy), None for a pair never related;
    an unrelated pair is compared here when the block is small enough, else counts as 0."""
    docs = sorted(members, key=lambda d: d.id)
    n = len(docs)
    if n < 2:
        return [[d.id for d in docs]]
    full = n <= cfg.story_block_max_articles
    dist = np.ones((n, n), dtype=np.float64)
    for i in range(n):
        dist[i, i] = 0.0
        for j in range(i + 1, n):
            a, b = docs[i], docs[j]
            rel = known(a.id, b.id)
            if rel is None and not full:
                d = _VETO if not in_window(a, b, cfg) else 1.0
            else:
                sim, copy = rel if rel is not None else (None, False)
                d = story_distance(a, b, cfg, sim, copy)
            dist[i, j] = dist[j, i] = d
    labels = fcluster(
        linkage(squareform(dist, checks=False), method="average"),
        t=1.0 - cfg.story_min_similarity,
        criterion="distance",
    )
    groups: dict[int, list[str]] = {}
    for d, label in zip(docs, labels, strict=True):
        groups.setdefault(int(label), []).append(d.id)
    return sorted(groups.values())
