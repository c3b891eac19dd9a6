"""Copies, rewrites, syndication and derivatives between two articles, and which is the original.

`relate(a, b)` looks at one candidate pair (found by LSH or rare keys, never all pairs) and says
how the later one reuses the earlier one, with the evidence an analyst can check:

- verbatim: most sentences identical (truncated and re-ordered copies too), no credit added;
- syndicated: the same text on another site with a credit line the copier added (a wire,
  "This story was provided by X", a dateline "(X) -");
- spin: a paraphrase: most sentences align to a sentence of the original (content-word Dice),
  the texts are close (cosine) and direct quotes, numbers and rare names are shared;
- derivative: not a rewrite, but it credits the other's outlet ("according to X") on the story.

The original is inferred from who cites whom, then the publication date, then whether the
article credits itself (primary reporting: "obtained by <own outlet>") or someone else; ties go
to the smaller id. A copy that credits an outlet the original never mentions, and not the
original's own outlet, is flagged as a misattribution. Every score is a pure function of the two
articles, so the result never depends on the order they arrived in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from newsint.config import Corpus
from newsint.corpus import text as T
from newsint.corpus.features import ArticleFeatures, Credit
from newsint.model import CopyKind

KIND_RANK: dict[str, int] = {"verbatim": 0, "syndicated": 0, "spin": 1, "derivative": 2}


@dataclass(slots=True, eq=False)
class Doc:
    """The in-memory, compact form of an article's features used for pair comparison."""

    id: str
    site: str | None
    site_key: str | None
    published: str | None
    title: str | None
    order: tuple[str, int, str, str]  # primacy: earlier day, self-credited, earlier time, id
    words: int
    text_hash: str
    sent: frozenset[int]  # sentence fingerprints
    n_sent: int  # fingerprinted sentences (with repeats)
    terms: np.ndarray  # uint32 ascending
    weights: np.ndarray  # float32, L2-normalised sublinear tf
    story_weights: np.ndarray  # float32, L2-normalised sublinear tf x background IDF x headline
    sent_terms: np.ndarray  # uint32
    sent_ids: np.ndarray  # int32: sentence index of each sent_terms entry
    sent_lengths: np.ndarray  # int32
    quotes: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    rare_names: frozenset[str]  # multi-word or long names: evidence, not chance
    credits: tuple[Credit, ...]
    self_keys: frozenset[str]  # outlet keys naming this article's own outlet
    outlet_name: str | None  # how the article names its own outlet (or its site)
    primary: int  # 0 credits itself, 1 no credit, 2 credits only other outlets
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def day(self) -> str | None:
        return self.published[:10] if self.published else None


def _credit_matches(c: Credit, keys: frozenset[str] | set[str]) -> bool:
    return any(T.same_outlet(c.key, c.acronym, k) for k in keys)


@lru_cache(maxsize=4)
def background_zipf(stem_prefix: int, language: str = "en") -> tuple[np.ndarray, np.ndarray]:
    """Zipf frequency (log10 of uses per billion words) of each content stem in a fixed
    background: the `wordfreq` package's large word list, shipped with it (no download).

    A stem's frequency is the sum over the words that share it ("gover": government, governor,
    ...). Returned as (term hashes ascending, zipf) so a lookup is one `searchsorted`. Fixed,
    not fitted on the corpus: the weights never depend on which articles came first.
    """
    from wordfreq import DATA_PATH, read_cBpack

    # The packed list itself (buckets of words by centibel), not get_frequency_dict, which
    # keeps a 300 k-entry dict cached for the life of the process.
    buckets = read_cBpack(str(DATA_PATH / f"large_{language}.msgpack.gz"))
    stop = T.corpus_data().stopwords
    by_stem: dict[str, float] = {}
    for index, words in enumerate(buckets):
        f = 10.0 ** (-index / 100.0)
        for word in words:
            # content_stems, inlined: this runs once per process over ~300 k words
            for w in (word,) if word.isalpha() else T.words(word):
                if len(w) > 1 and not w.isdigit() and w not in stop:
                    stem = w[:stem_prefix]
                    by_stem[stem] = by_stem.get(stem, 0.0) + f
    freq: dict[int, float] = {}
    for stem, f in by_stem.items():
        h = T.hash32(stem)
        freq[h] = freq.get(h, 0.0) + f
    hashes = np.array(sorted(freq), dtype=np.uint32)
    zipf = np.log10(np.array([freq[int(h)] for h in hashes], dtype=np.float64)) + 9.0
    return hashes, zipf.astype(np.float32)


def background_idf(terms: np.ndarray, cfg: Corpus) -> np.ndarray:
    """How much each term (uint32 stem hash) says about a story: `story_idf_ceiling` minus its
    background Zipf frequency, at least 0 ("said", "people" count little, "quake" a lot);
    words the background lacks count as Zipf `story_idf_unknown_zipf`."""
    hashes, zipf = background_zipf(cfg.stem_prefix)
    pos = np.minimum(np.searchsorted(hashes, terms), len(hashes) - 1)
    z = np.where(hashes[pos] == terms, zipf[pos], np.float32(cfg.story_idf_unknown_zipf))
    return np.maximum(np.float32(cfg.story_idf_ceiling) - z, np.float32(0.0))


def story_vector(terms: np.ndarray, tf: np.ndarray, title: str | None, cfg: Corpus) -> np.ndarray:
    """The story-similarity weights of an article's terms (ascending uint32 hashes): sublinear
    tf x background IDF, words of the headline x `story_title_weight`, L2-normalised. A pure
    function of the article."""
    if not len(terms):
        return np.zeros(0, dtype=np.float32)
    weights = (tf * background_idf(terms, cfg)).astype(np.float32)
    if title and cfg.story_title_weight != 1.0:
        heads = np.fromiter(
            {T.hash32(s) for s in T.content_stems(T.words(title), cfg.stem_prefix)}, np.uint32
        )
        at = np.minimum(np.searchsorted(terms, heads), len(terms) - 1)
        weights[at[terms[at] == heads]] *= cfg.story_title_weight
    norm = float(np.linalg.norm(weights))
    return weights / norm if norm else weights


def make_doc(f: ArticleFeatures, cfg: Corpus) -> Doc:
    site_key = T.site_key(f.site)
    self_keys: set[str] = {site_key} if site_key else set()
    own = [c for c in f.credits if site_key and T.same_outlet(c.key, c.acronym, site_key)]
    for c in own:
        self_keys.add(c.key)
        if c.acronym:
            self_keys.add(c.acronym)
    foreign = [c for c in f.credits if c.outlet and c not in own]
    primary = 0 if own else (2 if foreign else 1)
    published = f.published
    day = published[:10] if published else "~"
    clock = published[11:] if published and len(published) > 10 else "~"
    terms = T.unpack(f.terms, "uint32")
    counts = T.unpack(f.counts, "uint16").astype(np.float32)
    weights = (1.0 + np.log(np.maximum(counts, 1.0))).astype(np.float32)
    story_weights = story_vector(terms, weights, f.title, cfg)
    norm = float(np.linalg.norm(weights))
    if norm:
        weights /= norm
    lengths = T.unpack(f.sentence_lengths, "uint16").astype(np.int32)
    sent = T.unpack(f.sentences, "int64")
    return Doc(
        id=f.id,
        site=f.site,
        site_key=site_key,
        published=published,
        title=f.title,
        order=(day, primary, clock, f.id),
        words=f.words,
        text_hash=f.text_hash,
        sent=frozenset(sent.tolist()),
        n_sent=len(sent),
        terms=terms,
        weights=weights,
        story_weights=story_weights,
        sent_terms=T.unpack(f.sentence_terms, "uint32"),
        sent_ids=np.repeat(np.arange(len(lengths), dtype=np.int32), lengths),
        sent_lengths=lengths,
        quotes=frozenset(f.quotes),
        numbers=frozenset(f.numbers),
        names=frozenset(f.names),
        rare_names=frozenset(n for n in f.names if " " in n or len(n) >= cfg.rare_name_min_chars),
        credits=tuple(f.credits),
        self_keys=frozenset(self_keys),
        outlet_name=own[0].name if own else f.site,
        primary=primary,
    )


# --------------------------------------------------------------------------- measures


def cosine(a: Doc, b: Doc) -> float:
    return cosines(a, b)[0]


def cosines(a: Doc, b: Doc) -> tuple[float, float]:
    """Content-word cosine (copies) and story cosine (background IDF, headline words up-weighted;
    stories), from one intersection of the term lists."""
    _, ia, ib = np.intersect1d(a.terms, b.terms, assume_unique=True, return_indices=True)
    if not len(ia):
        return 0.0, 0.0
    return (
        float(np.dot(a.weights[ia], b.weights[ib])),
        float(np.dot(a.story_weights[ia], b.story_weights[ib])),
    )


def containment(a: Doc, b: Doc) -> tuple[int, int]:
    """Identical sentences, and the sentence count of the shorter article."""
    if a.text_hash == b.text_hash and a.words:
        n = max(len(a.sent), 1)
        return n, n
    shared = len(a.sent & b.sent)
    return shared, min(len(a.sent), len(b.sent))


def aligned(copy: Doc, original: Doc, min_dice: float, max_sentences: int) -> tuple[int, int]:
    """How many of the copy's sentences have a counterpart in the original (content-word Dice)."""
    nc = min(len(copy.sent_lengths), max_sentences)
    no = min(len(original.sent_lengths), max_sentences)
    if not nc or not no:
        return 0, nc
    mc = copy.sent_ids < nc
    mo = original.sent_ids < no
    tc, to = copy.sent_terms[mc], original.sent_terms[mo]
    vocab, inverse = np.unique(np.concatenate([tc, to]), return_inverse=True)
    a = np.zeros((nc, len(vocab)), dtype=np.float32)
    b = np.zeros((no, len(vocab)), dtype=np.float32)
    a[copy.sent_ids[mc], inverse[: len(tc)]] = 1.0
    b[original.sent_ids[mo], inverse[len(tc) :]] = 1.0
    overlap = a @ b.T
    sizes = copy.sent_lengths[:nc, None] + original.sent_lengths[None, :no]
    dice = 2.0 * overlap / np.maximum(sizes, 1)
    return int((dice.max(axis=1) >= min_dice).sum()), nc


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


def days_apart(a: Doc, b: Doc) -> int | None:
    from datetime import date

    if not a.day or not b.day:
        return None
    try:
        return abs((date.fromisoformat(a.day) - date.fromisoformat(b.day)).days)
    except ValueError:
        return None


# --------------------------------------------------------------------------- direction


def cites(copy: Doc, original: Doc) -> Credit | None:
    """The credit line of `copy` that names the outlet of `original`, if any."""
    if not original.self_keys or (copy.self_keys & original.self_keys):
        return None
    for c in copy.credits:
        if _credit_matches(c, original.self_keys):
            return c
    return None


@dataclass(frozen=True)
class Direction:
    original: Doc
    copy: Doc
    confidence: float
    reason: str


def orient(a: Doc, b: Doc, cfg: Corpus) -> Direction:
    """Which of two related articles is the original: citations, then dates, then self-credit
    (the confidence of each rule is a `direction_*` setting)."""
    ab, ba = cites(b, a), cites(a, b)
    if ab and not ba:
        return Direction(
            a, b, cfg.direction_cited, f"{b.id} credits {ab.name}, the outlet of {a.id}"
        )
    if ba and not ab:
        return Direction(
            b, a, cfg.direction_cited, f"{a.id} credits {ba.name}, the outlet of {b.id}"
        )
    first, second = (a, b) if a.order <= b.order else (b, a)
    if first.day and second.day and first.day != second.day:
        why = f"published earlier ({first.day} < {second.day})"
        return Direction(first, second, cfg.direction_earlier_day, why)
    if first.day and not second.day:
        more = first.primary < second.primary
        conf = cfg.direction_dated_primary if more else cfg.direction_dated
        return Direction(first, second, conf, f"dated {first.day}; the other has no date")
    if first.primary < second.primary:
        why = "credits its own outlet" if first.primary == 0 else "credits no other outlet"
        why = f"{first.id} {why}; {second.id} credits others"
        return Direction(first, second, cfg.direction_self_credit, why)
    if first.published and second.published and first.published != second.published:
        why = f"published earlier ({first.published})"
        return Direction(first, second, cfg.direction_earlier_time, why)
    why = "no date or credit tells them apart; smaller id first"
    return Direction(first, second, cfg.direction_tie, why)


# --------------------------------------------------------------------------- classification


@dataclass(slots=True)
class Relation:
    """What one candidate pair turned out to be (kind None: not a copy, maybe the same story)."""

    original: str
    copy: str
    kind: CopyKind | None
    score: float
    confidence: float
    evidence: list[str]
    misattribution: str | None
    story: float  # same-event similarity in [0, 1]
    story_edge: bool
    cited: bool = False  # the copy credits the original's outlet


def _misattribution(copy: Doc, original: Doc) -> str | None:
    credited = [c for c in copy.credits if c.outlet and not _credit_matches(c, copy.self_keys)]
    if not credited:
        return None
    known = set(original.self_keys) | {c.key for c in original.credits if c.outlet and c.key}
    if not original.self_keys and not known:
        return None  # we do not know who the original is by; nothing to contradict
    if any(_credit_matches(c, original.self_keys) for c in credited):
        return None
    wrong = [c for c in credited if not _credit_matches(c, frozenset(known))]
    if not wrong:
        return None
    names = ", ".join(dict.fromkeys(c.wire or c.name for c in wrong))
    who = original.outlet_name or original.site or original.id
    where = f" ({original.site})" if original.site and original.site != who else ""
    return f"credits {names}; the original is by {who}{where}"


def _examples(items: set[str], limit: int = 3) -> str:
    return "; ".join(sorted(items, key=lambda s: (-len(s), s))[:limit])


def relate(a: Doc, b: Doc, cfg: Corpus) -> Relation | None:
    """Classify a candidate pair; None when it is neither a copy nor the same story."""
    direction = orient(a, b, cfg)
    o, c = direction.original, direction.copy
    shared, smaller = containment(a, b)
    cos, story_cos = cosines(a, b)
    apart = days_apart(a, b)
    in_window = apart is None or apart <= cfg.story_max_days
    story = story_similarity(a, b, cfg, story_cos)
    evidence: list[str] = []
    kind: CopyKind | None = None
    score = 0.0
    cont = shared / smaller if smaller else 0.0
    if a.text_hash == b.text_hash and a.words:
        cont = 1.0
    if cont >= cfg.verbatim_min_containment:
        original_keys = {(x.kind, x.key) for x in o.credits}
        added = [
            x
            for x in c.credits
            if (x.kind, x.key) not in original_keys
            and (
                x.kind in ("provided", "dateline", "byline")
                or x.wire
                or _credit_matches(x, o.self_keys)
            )
            and not _credit_matches(x, c.self_keys)
        ]
        kind = "syndicated" if added and c.site_key != o.site_key else "verbatim"
        score = cont
        evidence.append(f"{shared} of {smaller} sentences identical")
        if added:
            evidence.append("credit line added: " + ", ".join(dict.fromkeys(x.name for x in added)))
    else:
        quotes = a.quotes & b.quotes
        numbers = a.numbers & b.numbers
        rare = a.rare_names & b.rare_names
        support = len(quotes) + len(numbers) + len(rare)
        credit = cites(c, o)
        if cos >= cfg.spin_min_cosine and support >= cfg.spin_min_evidence:
            n_al, n_c = aligned(c, o, cfg.spin_sentence_dice, cfg.align_max_sentences)
            share = n_al / n_c if n_c else 0.0
            if share >= cfg.spin_min_aligned:
                kind = "spin"
                score = (share + cos) / 2
                evidence.append(
                    f"{n_al} of {n_c} sentences rewritten from the original "
                    f"(content-word Dice >= {cfg.spin_sentence_dice})"
                )
        if kind is None and credit is not None and cos >= cfg.derivative_min_cosine:
            kind = "derivative"
            score = cos
            evidence.append(f"cites {credit.name}")
        if kind is not None:
            evidence.append(f"content-word cosine {cos:.2f}")
            if quotes:
                evidence.append(f"shared quotes ({len(quotes)}): {_examples(quotes, 2)}")
            if numbers:
                evidence.append(f"shared numbers: {', '.join(sorted(numbers)[:8])}")
            if rare:
                evidence.append(f"shared names: {_examples(rare, 5)}")
    story_edge = kind is not None or (story >= cfg.story_min_similarity and in_window)
    if not story_edge:
        return None
    mis = _misattribution(c, o) if kind in ("verbatim", "syndicated", "spin") else None
    if kind is not None:
        evidence.append(f"original: {direction.reason}")
    return Relation(
        original=o.id,
        copy=c.id,
        kind=kind,
        score=round(min(max(score, 0.0), 1.0), 4),
        confidence=direction.confidence,
        evidence=evidence,
        misattribution=mis,
        story=round(story, 4),
        story_edge=story_edge,
        cited=kind is not None and cites(c, o) is not None,
    )
