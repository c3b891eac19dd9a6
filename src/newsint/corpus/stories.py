"""Same-event similarity and stories: whether two articles report the same event, and the
stories of a block of related articles.

story_cosine_weight x story cosine + the rest x name Dice; symmetric and a pure function of the
two articles. Articles in different languages share no words, only names, numbers and dates:
for them the similarity is the name Dice alone, and the year test still applies.

Stories are made by Ward linkage inside a block (the connected component of related pairs): a
merge is tested against the whole of both stories (how much it widens their spread), so a single
link never chains two similar-but-different events of one topic together, and the cut
(`story_merge_distance`) stops where merging would blur two events. A member whose mean
similarity to the rest of its story is under `story_min_member_similarity` stands alone. Pairs
published more than `story_max_days` apart never merge; pairs whose event years disagree are
penalised (`story_year_penalty`). The result is a function of the block's set of articles
(sorted ids, deterministic linkage), never of arrival order.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsint.config import Corpus
from newsint.corpus.compare import Doc, cosines, days_apart

# Distance that no average can bring under the threshold: a veto (outside the time window).
_VETO = 1e6


def story_key_terms(doc: Doc, k: int) -> list[int]:
    """The article's k most telling words (highest story weight; ties by term): blocking keys, so
    two reports of one event that share little text but its rare words meet (ascending)."""
    if k <= 0 or not len(doc.terms):
        return []
    order = np.lexsort((doc.terms, -doc.story_weights))[:k]
    return sorted(int(t) for t in doc.terms[order])


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
    """The linkage's distance of two articles: Euclidean between unit vectors of this cosine,
    sqrt(2 (1 - similarity)), so Ward's variance criterion holds (a copy is
    `story_copy_distance`; outside the time window a veto; years that disagree lower the
    similarity)."""
    if copy:
        return cfg.story_copy_distance
    if not in_window(a, b, cfg):
        return _VETO
    s = story_similarity(a, b, cfg) if similarity is None else similarity
    if years_disagree(a, b):
        s -= cfg.story_year_penalty
    return _distance(s)


def _distance(similarity: float) -> float:
    return math.sqrt(2.0 * max(1.0 - similarity, 0.0))


def cluster_block(
    members: list[Doc],
    known: Callable[[str, str], tuple[float, bool] | None],
    cfg: Corpus,
) -> list[list[str]]:
    """The stories of one block: Ward linkage cut at `story_merge_distance`.

    `known(a, b)` gives a related pair's (similarity, is a copy), None for a pair never related;
    an unrelated pair is compared here when the block is small enough, else counts as 0."""
    docs = sorted(members, key=lambda d: d.id)
    n = len(docs)
    if n < 2:
        return [[d.id for d in docs]]
    full = n <= cfg.story_block_max_articles
    dist = np.zeros((n, n), dtype=np.float64)
    for i in range(n):
        dist[i, i] = 0.0
        for j in range(i + 1, n):
            a, b = docs[i], docs[j]
            rel = known(a.id, b.id)
            if rel is None and not full:
                d = _VETO if not in_window(a, b, cfg) else _distance(0.0)
            else:
                sim, copy = rel if rel is not None else (None, False)
                d = story_distance(a, b, cfg, sim, copy)
            dist[i, j] = dist[j, i] = d
    labels = fcluster(
        linkage(squareform(dist, checks=False), method="ward"),
        t=cfg.story_merge_distance,
        criterion="distance",
    )
    return sorted(_members_that_belong(docs, labels, dist, cfg))


def _members_that_belong(
    docs: list[Doc], labels: np.ndarray, dist: np.ndarray, cfg: Corpus
) -> list[list[str]]:
    """Ward's cost grows with a story's size, so two small, weakly related groups merge cheaply:
    a member whose mean similarity to the rest of its story is under
    `story_min_member_similarity` stands alone. Two articles that would make a story by
    themselves rest on one pair, not on several members vouching for each other, and Ward's
    cost of joining two single articles is their distance, under the cut for any related pair:
    they need `story_min_pair_similarity` (a few shared words of two short texts are not an
    event)."""
    sim = 1.0 - np.minimum(dist, 2.0) ** 2 / 2.0
    groups: list[list[str]] = []
    for label in np.unique(labels):
        at = np.flatnonzero(labels == label)
        if len(at) > 2:
            mean = (sim[np.ix_(at, at)].sum(axis=1) - 1.0) / (len(at) - 1)
            groups += [[docs[i].id] for i in at[mean < cfg.story_min_member_similarity]]
            at = at[mean >= cfg.story_min_member_similarity]
        if len(at) == 2 and sim[at[0], at[1]] < cfg.story_min_pair_similarity:
            groups += [[docs[i].id] for i in at]
        elif len(at):
            groups.append([docs[i].id for i in at])
    return groups
