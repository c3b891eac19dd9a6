"""Same-event similarity and stories: whether two articles report the same event, and the
stories of a block of related articles.

story_cosine_weight x story cosine + the rest x name Dice; symmetric and a pure function of the
two articles. Articles in different languages share no words, only names, numbers and dates:
for them the similarity is the share of name words they share, and the year test still applies.

Stories are made by Ward linkage inside a block (the connected component of related pairs): a
merge is tested against the whole of both stories (how much it widens their spread), so a single
link never chains two similar-but-different events of one topic together, and the cut
(`story_merge_distance`) stops where merging would blur two events. A member whose mean
similarity to the rest of its story is under `story_min_member_similarity` stands alone. Pairs
published more than `story_max_days` apart never merge; pairs whose event years disagree are
penalised (`story_year_penalty`). The result is a function of the block's set of articles
(sorted ids, deterministic linkage), never of arrival order.

A block of more than `story_block_max_articles` is first cut into parts of at most that many
(`split_block`): blocks percolate as a corpus grows (a component of 2,339 of 10,000 synthetic
articles), and Ward over one block costs its size squared.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsint.config import Corpus
from newsint.corpus.compare import Doc, cosines, days_apart
from newsint.stages.features import pieces as T

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


def name_words(d: Doc, cfg: Corpus) -> frozenset[str]:
    """The words of an article's names, for comparing across languages. Without NER a name is a
    capitalised sequence, and where every noun is capitalised (`name_noun_languages`: German)
    a word common in the language (wordfreq Zipf >= `name_noun_min_zipf`: "Schiff", "Woche")
    is a noun, not part of a name. Cached on the Doc."""
    words = d.extra.get("name_words")
    if words is None:
        words = frozenset(w for n in d.names for w in n.split())
        if d.language in cfg.name_noun_languages:
            lang, floor = d.language, cfg.name_noun_min_zipf
            words = frozenset(w for w in words if not T.common_word(w, lang, floor))
        d.extra["name_words"] = words
    return words  # type: ignore[return-value]


def name_words_shared(a: Doc, b: Doc, cfg: Corpus) -> float:
    """Across languages: the share of the smaller set of name words found in the other (a name
    may be worded differently: "Großen Belt" / "Great Belt"), 0 under
    `story_other_language_min_names` shared words. Not Dice: capitalised nouns that pass for
    names would dilute it."""
    wa, wb = name_words(a, cfg), name_words(b, cfg)
    shared = len(wa & wb)
    if shared < cfg.story_other_language_min_names:
        return 0.0
    return shared / min(len(wa), len(wb))


def other_language(a: Doc, b: Doc) -> bool:
    return bool(a.language and b.language and a.language != b.language)


def story_similarity(a: Doc, b: Doc, cfg: Corpus, story_cos: float | None = None) -> float:
    """Same-event similarity in [0, 1]: story_cosine_weight x story cosine + the rest x name
    Dice; in different languages the shared name words alone. Symmetric and order-independent."""
    if other_language(a, b):
        return name_words_shared(a, b, cfg)
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


Known = Callable[[str, str], tuple[float, bool] | None]


def split_block(
    members: Iterable[str], neighbours: Callable[[str], Iterable[str]], known: Known, cap: int
) -> list[list[str]]:
    """A block cut into parts of at most `cap` articles (sorted ids, parts by first id).

    Its relations are joined strongest first (copies, then by story similarity; ties by ids), as
    in Kruskal's algorithm, and a join that would make a part bigger than `cap` is refused: the
    weakest links, which chained events together, are the ones cut. A function of the block's
    relations alone, so never of arrival order."""
    nodes = sorted(members)
    inside = set(nodes)
    edges: list[tuple[bool, float, str, str]] = []
    for a in nodes:
        for b in neighbours(a):
            if a < b and b in inside and (rel := known(a, b)) is not None:
                edges.append((not rel[1], -rel[0], a, b))
    edges.sort()
    root = {a: a for a in nodes}
    size = dict.fromkeys(nodes, 1)

    def find(a: str) -> str:
        while root[a] != a:
            root[a] = root[root[a]]
            a = root[a]
        return a

    for _copy, _sim, a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb and size[ra] + size[rb] <= cap:
            if ra > rb:
                ra, rb = rb, ra
            root[rb] = ra
            size[ra] += size.pop(rb)
    parts: dict[str, list[str]] = {}
    for a in nodes:
        parts.setdefault(find(a), []).append(a)
    return sorted(parts.values())


def cluster_block(
    members: list[Doc],
    known: Known,
    cfg: Corpus,
    *,
    neighbours: Callable[[str], Iterable[str]] | None = None,
) -> list[list[str]]:
    """The stories of one block: Ward linkage cut at `story_merge_distance`.

    `known(a, b)` gives a related pair's (similarity, is a copy), None for a pair never related;
    an unrelated pair is compared here when the block is small enough, else counts as 0. A part
    of a block cut by `split_block` comes with its `neighbours` (the related articles of each):
    only its related pairs are looked up, the others count as 0."""
    docs = sorted(members, key=lambda d: d.id)
    n = len(docs)
    if n < 2:
        return [[d.id for d in docs]]
    if neighbours is None and n <= cfg.story_block_max_articles:
        dist = _all_pairs(docs, known, cfg)
    else:
        dist = _related_pairs(docs, known, cfg, neighbours)
    labels = fcluster(
        linkage(squareform(dist, checks=False), method="ward"),
        t=cfg.story_merge_distance,
        criterion="distance",
    )
    return sorted(_members_that_belong(docs, labels, dist, cfg))


def _all_pairs(docs: list[Doc], known: Known, cfg: Corpus) -> np.ndarray:
    """Distances of every pair, an unrelated one compared here."""
    n = len(docs)
    dist = np.zeros((n, n), dtype=np.float64)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = docs[i], docs[j]
            rel = known(a.id, b.id)
            sim, copy = rel if rel is not None else (None, False)
            dist[i, j] = dist[j, i] = story_distance(a, b, cfg, sim, copy)
    return dist


def _related_pairs(
    docs: list[Doc],
    known: Known,
    cfg: Corpus,
    neighbours: Callable[[str], Iterable[str]] | None,
) -> np.ndarray:
    """Distances with every unrelated pair at similarity 0 (a veto outside the time window):
    the window test by columns, then the related pairs one by one."""
    n = len(docs)
    days = np.array([_day_number(d) for d in docs], dtype=np.float64)
    with np.errstate(invalid="ignore"):  # an undated article (NaN) is never out of the window
        apart = np.abs(days[:, None] - days[None, :]) > cfg.story_max_days
    dist = np.where(apart, _VETO, _distance(0.0))
    np.fill_diagonal(dist, 0.0)
    at = {d.id: i for i, d in enumerate(docs)}
    for i, a in enumerate(docs):
        others = (at.get(b) for b in neighbours(a.id)) if neighbours else range(i + 1, n)
        for j in others:
            if j is not None and j > i and (rel := known(a.id, docs[j].id)) is not None:
                dist[i, j] = dist[j, i] = story_distance(a, docs[j], cfg, rel[0], rel[1])
    return dist


def _day_number(doc: Doc) -> float:
    try:
        return float(date.fromisoformat(doc.day).toordinal()) if doc.day else math.nan
    except ValueError:
        return math.nan


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
            floor = (
                cfg.story_min_small_member_similarity
                if len(at) <= cfg.story_small_size
                else cfg.story_min_member_similarity
            )
            mean = (sim[np.ix_(at, at)].sum(axis=1) - 1.0) / (len(at) - 1)
            groups += [[docs[i].id] for i in at[mean < floor]]
            at = at[mean >= floor]
        if len(at) == 2 and sim[at[0], at[1]] < cfg.story_min_pair_similarity:
            groups += [[docs[i].id] for i in at]
        elif len(at):
            groups.append([docs[i].id for i in at])
    return groups
