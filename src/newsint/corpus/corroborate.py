"""Independence-aware corroboration: how many independent sources back a claim.

Claims are clustered across related articles (same statement, paraphrase allowed; compared only
between articles already linked as copies or as the same story). In a cluster, claims count as
one source when they

- sit in articles that collapse into the same original (copies, syndicated copies, rewrites and
  derivatives are their original: ten copies of one wire story are one source), or
- rest on the same upstream: the same named speaker or organisation (resolved across the corpus
  when possible), the same document, the same outlet ("according to Reuters").

Anonymous and unknown sources are not merged with anything (we cannot tell whether two
"officials" are the same people), so they may overcount; that is said in the reasons.
Contradictions: claims of opposite stance (negative polarity, or denied/negative status) in one
cluster are flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from networkx.utils import UnionFind
from rapidfuzz import fuzz

from newsint.model import LEGACY_STATUS, ClaimCluster, stable_id
from newsint.stages.features import pieces as T
from newsint.stages.features.record import ClaimFeature, SourceFeature
from newsint.text import textsim
from newsint.text.fold import word_key

_UNIDENTIFIED = frozenset({"anonymous", "unknown", "article"})
_DENIAL_STATUS = "denied"  # the source says the statement does not hold
_NEGATIVE_STATUS = "negative"  # the source asserts something negative
_DETERMINERS = frozenset({"a", "an", "the", "its", "his", "her", "their", "this", "that"})


@dataclass(frozen=True, slots=True)
class ClaimItem:
    key: str
    article: str
    content: str
    words: frozenset[str]
    chain: tuple[SourceFeature, ...]
    status: str
    polarity: str

    @property
    def stance(self) -> int:
        return stance(self.status, self.polarity)


def stance(status: str, polarity: str) -> int:
    """+1 when a report says the statement holds, -1 when it says it does not: a negative
    statement, or a denial. A denial is most often worded negatively itself ("there was no
    collusion whatsoever"), so a denied negative stays negative (a denial of a negative, "denied
    there had been no talks", is rare enough to read so too)."""
    status = LEGACY_STATUS.get(status, status)  # features stored before the rename
    negative = polarity == "negative" or status in (_NEGATIVE_STATUS, _DENIAL_STATUS)
    return -1 if negative else 1


def claim_item(article: str, c: ClaimFeature, stem_prefix: int) -> ClaimItem:
    return ClaimItem(
        key=c.key,
        article=article,
        content=c.content,
        words=textsim.content_words(c.content, stem_prefix),
        chain=tuple(c.chain),
        status=c.status,
        polarity=c.polarity,
    )


def statement_score(a: ClaimItem, b: ClaimItem, prefilter: float) -> float:
    """Paraphrase score of two claims (0 when their content words barely overlap)."""
    if textsim.dice(a.words, b.words) < prefilter:
        return 0.0
    return textsim.paraphrase_score(a.content, b.content)


def _upstream_keys(
    item: ClaimItem, entity_of: Callable[[str], str | None]
) -> list[tuple[str, str]]:
    """(key, label) of every identifiable source the claim rests on (beyond the article)."""
    out = []
    for s in item.chain:
        if s.kind in _UNIDENTIFIED:
            continue
        identity = entity_of(s.entity) if s.entity else None
        if identity is None:
            stop = T.corpus_data().stopwords
            words = [w for w in word_key(s.name).split() if w not in _DETERMINERS]
            if all(w in stop for w in words):
                continue  # "he", "they": an unresolved pronoun identifies nobody
            identity = " ".join(words)
            if s.kind == "media":
                identity = T.wire_of(s.name) or T.outlet_key(s.name)
        if identity:
            out.append((f"{s.kind}:{identity}", f"{s.kind} '{s.name}'"))
    return out


def _similar_key(a: str, b: str, threshold: float) -> bool:
    """Two descriptions of what may be the same document or statement ('a leaked US
    intelligence document' ~ 'the leaked US document'): token-set similarity (0-1) at least
    `threshold` ([corpus] claim_document_similarity)."""
    ka, _, ta = a.partition(":")
    kb, _, tb = b.partition(":")
    return (
        ka == kb
        and ka in ("document", "intelligence", "statement")
        and fuzz.token_set_ratio(ta, tb) >= threshold * 100
    )


UpstreamsOf = Callable[[str], list[tuple[str, str]]]


def _no_upstreams(article: str) -> list[tuple[str, str]]:
    return []


def independence(
    items: list[ClaimItem],
    root_of: Callable[[str], tuple[str, list[str]]],
    entity_of: Callable[[str], str | None],
    document_similarity: float = 0.9,
    upstreams_of: UpstreamsOf = _no_upstreams,
) -> tuple[int, list[list[str]], list[str]]:
    """Independent source count, what each rests on, and why claims were counted once.

    `root_of(article)` gives the original an article collapses into and the path of reasons;
    `upstreams_of(article)` the (key, label) of what the whole article says it rests on (a wire
    line, the one outlet a retelling credits): claims of two retellings of one report count once.
    """
    sources = UnionFind(i.key for i in items)
    collapsed: list[str] = []
    by_root: dict[str, list[ClaimItem]] = {}
    roots: dict[str, str] = {}
    for item in items:
        root, path = root_of(item.article)
        roots[item.key] = root
        by_root.setdefault(root, []).append(item)
        if root != item.article:
            collapsed.append(
                f"{item.article} collapses into its original {root}: {'; '.join(path)}"
            )
    for group in by_root.values():
        sources.union(*(g.key for g in group))
    keys: dict[str, list[ClaimItem]] = {}
    labels: dict[str, str] = {}
    for item in items:
        found = _upstream_keys(item, entity_of)
        for key, label in (*found, *upstreams_of(item.article)):
            if item not in keys.get(key, ()):
                keys.setdefault(key, []).append(item)
            labels.setdefault(key, label)
    ordered = sorted(keys)
    for i, ka in enumerate(ordered):  # near-identical document descriptions are one document
        for kb in ordered[i + 1 :]:
            if _similar_key(ka, kb, document_similarity):
                keys[ka] = keys[ka] + keys[kb]
                keys[kb] = keys[ka]
    for key in ordered:
        group = keys[key]
        roots_in = {roots[g.key] for g in group}
        if len(roots_in) > 1:
            collapsed.append(
                f"{len(roots_in)} originals ({', '.join(sorted(roots_in))}) rest on the same "
                f"{labels[key]}: counted once"
            )
        sources.union(*(g.key for g in group))
    groups: dict[str, list[ClaimItem]] = {}
    for item in items:
        groups.setdefault(sources[item.key], []).append(item)
    upstreams: list[list[str]] = []
    anonymous = False
    for members in sorted(groups.values(), key=lambda g: min(x.key for x in g)):
        root = sorted({roots[m.key] for m in members})[0]
        outer = [s.name for m in members for s in m.chain if s.kind not in _UNIDENTIFIED]
        if any(s.kind == "anonymous" for m in members for s in m.chain):
            anonymous = True
        upstreams.append([root, outer[-1]] if outer else [root])
    if anonymous:
        collapsed.append("anonymous sources are never merged: the count may be too high")
    return len(groups), upstreams, sorted(dict.fromkeys(collapsed))


def cluster_record(
    items: list[ClaimItem],
    order_of: Callable[[str], tuple[str, ...]],
    root_of: Callable[[str], tuple[str, list[str]]],
    entity_of: Callable[[str], str | None],
    document_similarity: float = 0.9,
    upstreams_of: UpstreamsOf = _no_upstreams,
) -> ClaimCluster:
    items = sorted(items, key=lambda i: (order_of(i.article), i.key))
    count, upstreams, collapsed = independence(
        items, root_of, entity_of, document_similarity, upstreams_of
    )
    rep = items[0]
    opposed = [i.key for i in items if i.stance != rep.stance]
    by_stance = {str(rep.stance): count}
    if opposed:  # a denial is no corroboration: count each side's independent sources apart
        for sign in sorted({i.stance for i in items}):
            side = [i for i in items if i.stance == sign]
            by_stance[str(sign)] = independence(
                side, root_of, entity_of, document_similarity, upstreams_of
            )[0]
    return ClaimCluster(
        id=stable_id("claims", rep.key),
        claims=[i.key for i in items],
        articles=sorted({i.article for i in items}),
        representative=rep.key,
        # what backs the statement as its earliest report makes it: a denial is no backing
        independent_sources=by_stance[str(rep.stance)],
        upstreams=upstreams,
        collapsed=collapsed,
        contradictions=sorted([rep.key, *opposed]) if opposed else [],
        stance_sources=by_stance,
    )


class CorroborationIndex:
    """Look-ups over stored claim clusters, for graders and queries: `independent_sources(claim)`.

    Claim references are "<article id>/<claim id>"; a bare claim id is accepted when the article
    is given (or unique in the index).
    """

    def __init__(self, clusters: Iterable[ClaimCluster]) -> None:
        self.clusters: dict[str, ClaimCluster] = {}
        self.by_claim: dict[str, str] = {}
        self.by_bare: dict[str, list[str]] = {}
        for c in clusters:
            self.clusters[c.id] = c
            for key in c.claims:
                self.by_claim[key] = c.id
                self.by_bare.setdefault(key.split("/", 1)[-1], []).append(key)

    def _key(self, claim: str, article: str | None) -> str | None:
        if "/" in claim:
            return claim
        if article:
            return f"{article}/{claim}"
        keys = self.by_bare.get(claim, [])
        return keys[0] if len(keys) == 1 else None

    def cluster(self, claim: str, article: str | None = None) -> ClaimCluster | None:
        key = self._key(claim, article)
        cid = self.by_claim.get(key) if key else None
        return self.clusters.get(cid) if cid else None

    def independent_sources(self, claim: str, article: str | None = None) -> int:
        """1 for a claim no other article repeats; the cluster's count otherwise."""
        c = self.cluster(claim, article)
        return c.independent_sources if c else 1

    def reasons(self, claim: str, article: str | None = None) -> list[str]:
        c = self.cluster(claim, article)
        if c is None:
            return ["no other article in the corpus makes this claim"]
        n = len(c.articles)
        head = (
            f"{n} articles make this claim; {c.independent_sources} independent "
            f"source{'s' if c.independent_sources != 1 else ''}"
        )
        out = [head, *c.collapsed]
        if c.contradictions:
            out.append(f"contradicted within the cluster: {', '.join(c.contradictions)}")
        return out
