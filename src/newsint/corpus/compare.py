"""What two articles are compared by: the compact in-memory form of an article's features (Doc),
and the pair measures copies and stories share (content-word and story cosines, identical
sentences, sentence alignment, days apart).

The story weights of a Doc (sublinear tf x a fixed background IDF, headline words up-weighted)
are built here with it; every measure is a pure function of the two articles, so the result
never depends on the order they arrived in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from newsint.config import Corpus
from newsint.stages.features import pieces as T
from newsint.stages.features.record import ArticleFeatures, Credit


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
    years: frozenset[str] = frozenset()  # every year the text mentions, and the publication year
    top_years: frozenset[str] = frozenset()  # the most mentioned ones
    language: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def day(self) -> str | None:
        return self.published[:10] if self.published else None


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


def event_years(mentions: dict[str, int], published: str | None, cfg: Corpus) -> dict[str, float]:
    """The years an article's event may fall in, with their weight: each mention of a year,
    and the publication year as `story_published_year_weight` mentions. A report names the
    year of its event rarely (it is "Tuesday"), background years often ("a 1994 law"): without
    the publication year one aside would make "1994" the event's year."""
    years = {y: float(n) for y, n in mentions.items()}
    pub = published[:4] if published and published[:4].isdigit() else None
    if pub:
        years[pub] = years.get(pub, 0.0) + cfg.story_published_year_weight
    return years


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
    years = event_years(f.years, published, cfg)
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
        years=frozenset(years),
        top_years=frozenset(y for y, n in years.items() if n == max(years.values())),
        language=f.language,
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


def days_apart(a: Doc, b: Doc) -> int | None:
    from datetime import date

    if not a.day or not b.day:
        return None
    try:
        return abs((date.fromisoformat(a.day) - date.fromisoformat(b.day)).days)
    except ValueError:
        return None
