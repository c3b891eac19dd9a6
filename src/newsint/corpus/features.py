"""Per-article features for the corpus layer, computed once in the ingest workers.

An ArticleFeatures record is everything CorpusAnalyzer needs to know about an article, so the
analyzer never re-reads a text: MinHash signatures (candidates), sentence fingerprints and
content-word vectors (copy classification), quotes, numbers and credit lines (evidence, origin,
misattribution), names (stories, entities), claims (corroboration) and events (timeline).
Every field is a pure function of the article, so features never go stale as the corpus grows.
Arrays are stored packed (little-endian, base64) to keep the JSON small.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np
from datasketch import MinHash
from pydantic import Field

from newsint.config import Config
from newsint.corpus import text as T
from newsint.model import Analysis, ClaimStatus, EntityType, Granularity, Record
from newsint.text.fold import word_key

FEATURES_VERSION = 1


class Credit(Record):
    """A credit line: who the article says the story came from ('according to X', '(X) -')."""

    kind: str  # provided, dateline, according, obtained, reported, told, byline
    name: str
    key: str  # outlet key: 'the Associated Press' -> 'associatedpress'
    acronym: str = ""
    outlet: bool = True  # looks like a news outlet (else a name that may still match a site)
    wire: str | None = None  # canonical agency name when a well-known wire


class EntityFeature(Record):
    key: str  # "<article id>/<entity id>": unique across the corpus
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 1


class SourceFeature(Record):
    kind: str  # model.SourceKind
    name: str  # canonical name when resolved, else the text as written
    entity: str | None = None  # "<article id>/<entity id>" when resolved to an entity


class ClaimFeature(Record):
    key: str  # "<article id>/<claim id>"
    id: str  # the claim id inside its article
    content: str
    chain: list[SourceFeature] = Field(default_factory=list)  # the article first, then outward
    status: ClaimStatus = "asserted"
    polarity: str = "positive"


class EventFeature(Record):
    key: str  # "<article id>/<event id>"
    id: str
    type: str
    text: str  # the trigger, for display
    sentence: str | None = None  # the sentence it sits in (clipped)
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    time: str | None = None  # TIMEX3 value
    granularity: Granularity = "none"
    range_start: str | None = None
    range_end: str | None = None
    claim: str | None = None  # "<article id>/<claim id>" it is reported in
    status: ClaimStatus = "asserted"
    negated: bool = False


class ArticleFeatures(Record):
    """What the corpus layer keeps of one article (see the module docstring)."""

    version: int = FEATURES_VERSION
    id: str
    site: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime, None when unknown
    title: str | None = None
    author: str | None = None
    content_hash: str | None = None  # of the raw text, as ArticleMeta
    text_hash: str  # of the normalised clean text: equal for byte-different identical copies
    words: int = 0
    shingles: int = 0  # distinct word shingles
    shingle_minhash: str = ""  # packed uint32[shingle_num_perm]
    bag_minhash: str = ""  # packed uint32[bag_num_perm] over distinct content words
    terms: str = ""  # packed uint32 content-word hashes, ascending
    counts: str = ""  # packed uint16 counts of those terms
    sentences: str = ""  # packed int64 fingerprints of the sentences, in text order
    sentence_terms: str = ""  # packed uint32 content-word hashes of those sentences, concatenated
    sentence_lengths: str = ""  # packed uint16: how many of sentence_terms belong to each sentence
    quotes: list[str] = Field(default_factory=list)  # normalised direct quotes
    numbers: list[str] = Field(default_factory=list)
    credits: list[Credit] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)  # folded names, most mentioned first
    entities: list[EntityFeature] = Field(default_factory=list)
    claims: list[ClaimFeature] = Field(default_factory=list)
    events: list[EventFeature] = Field(default_factory=list)


@cache
def _permutations(num_perm: int) -> np.ndarray:
    """The seed-1 permutations, drawn once per process (drawing them costs more than hashing)."""
    return MinHash(num_perm=num_perm, seed=1, scheme="affine32").permutations


def _minhash(items: list[str] | set[str], num_perm: int) -> str:
    mh = MinHash(num_perm=num_perm, seed=1, scheme="affine32", permutations=_permutations(num_perm))
    if items:
        mh.update_batch([s.encode("utf-8") for s in sorted(items)])
    return T.pack(mh.hashvalues.astype(np.uint32))


def _term_arrays(stems: list[str], max_terms: int) -> tuple[np.ndarray, np.ndarray]:
    counts = Counter(stems)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]
    if not top:
        return np.zeros(0, np.uint32), np.zeros(0, np.uint16)
    hashes = np.array([T.hash32(s) for s, _ in top], dtype=np.uint32)
    values = np.array([c for _, c in top], dtype=np.int64)
    uniq, inverse = np.unique(hashes, return_inverse=True)
    summed = np.zeros(len(uniq), dtype=np.int64)
    np.add.at(summed, inverse, values)
    return uniq.astype(np.uint32), np.minimum(summed, 65535).astype(np.uint16)


def _entities(analysis: Analysis, article_id: str, text: str) -> list[EntityFeature]:
    if analysis.entities:
        return [
            EntityFeature(
                key=f"{article_id}/{e.id}",
                name=e.name,
                type=e.type,
                aliases=sorted(set(e.aliases) - {e.name}),
                mentions=max(1, len(e.mentions)),
            )
            for e in analysis.entities
        ]
    counts = Counter(T.capitalised_names(text))
    by_fold: dict[str, list[str]] = {}
    for name in counts:
        f = word_key(name)
        if f:
            by_fold.setdefault(f, []).append(name)
    out = []
    for f, forms in by_fold.items():
        forms.sort(key=lambda n: (-counts[n], n))
        out.append(
            EntityFeature(
                key=f"{article_id}/n{T.hash32(f):08x}",
                name=forms[0],
                type="OTHER",
                aliases=forms[1:],
                mentions=sum(counts[n] for n in forms),
            )
        )
    out.sort(key=lambda e: (-e.mentions, e.key))
    return out


def _claims(analysis: Analysis, article_id: str) -> list[ClaimFeature]:
    def ent(eid: str | None) -> str | None:
        return f"{article_id}/{eid}" if eid else None

    out = []
    for c in analysis.claims:
        chain = c.chain or [c.source]
        out.append(
            ClaimFeature(
                key=f"{article_id}/{c.id}",
                id=c.id,
                content=c.content.text,
                chain=[
                    SourceFeature(kind=s.kind, name=s.name or s.text, entity=ent(s.entity))
                    for s in chain
                ],
                status=c.status,
                polarity=c.polarity,
            )
        )
    return out


def _events(analysis: Analysis, article_id: str) -> list[EventFeature]:
    times = {t.id: t for t in analysis.times}
    out = []
    for e in analysis.events:
        tx = times.get(e.time.time) if e.time and e.time.time else None
        sentence = e.sentence.slice(analysis.text)[:300] if e.sentence else None
        out.append(
            EventFeature(
                key=f"{article_id}/{e.id}",
                id=e.id,
                type=e.type,
                text=e.trigger.text,
                sentence=sentence,
                actor=(e.actor.value or e.actor.text) if e.actor else None,
                target=(e.target.value or e.target.text) if e.target else None,
                place=(e.place.value or e.place.text) if e.place else None,
                time=tx.value if tx else (e.time.value if e.time else None),
                granularity=tx.granularity if tx else "none",
                range_start=tx.range_start if tx else None,
                range_end=tx.range_end if tx else None,
                claim=f"{article_id}/{e.claim}" if e.claim else None,
                status=e.status,
                negated=e.negated,
            )
        )
    return out


def extract_features(analysis: Analysis, config: Config) -> ArticleFeatures:
    """The corpus features of one analysed article (cheap: no model, a few ms)."""
    cfg = config.corpus
    meta = analysis.article
    text = analysis.text or analysis.raw
    tokens = T.words(text)
    title_tokens = T.words(meta.title or "")
    n = cfg.shingle_words
    shingles = {" ".join(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1))}
    if not shingles and tokens:
        shingles = {" ".join(tokens)}
    stems = T.content_stems(tokens, cfg.stem_prefix)
    all_stems = stems + T.content_stems(title_tokens, cfg.stem_prefix)
    term_hashes, term_counts = _term_arrays(all_stems, cfg.max_terms)

    fingerprints: list[int] = []
    sent_terms: list[int] = []
    sent_lengths: list[int] = []
    for sentence in T.sentences(text):
        sw = T.words(sentence)
        if len(sw) < cfg.min_sentence_words:
            continue
        fingerprints.append(T.hash64(" ".join(sw)))
        st = sorted({T.hash32(s) for s in T.content_stems(sw, cfg.stem_prefix)})
        sent_terms.extend(st)
        sent_lengths.append(len(st))

    entities = _entities(analysis, meta.id, text)
    names: list[str] = []
    for e in entities:
        for form in [e.name, *e.aliases]:
            f = word_key(form)
            if f and f not in names:
                names.append(f)
    credits = [
        Credit(
            kind=c.kind,
            name=c.name,
            key=T.outlet_key(c.name),
            acronym=T.outlet_acronym(c.name),
            outlet=c.outlet,
            wire=c.wire,
        )
        for c in T.find_credits(text, meta.author)
    ]
    return ArticleFeatures(
        id=meta.id,
        site=meta.site,
        url=meta.url,
        published=meta.published.date,
        title=meta.title,
        author=meta.author,
        content_hash=meta.content_hash,
        text_hash=T.hash64(" ".join(tokens)).to_bytes(8, "little", signed=True).hex(),
        words=len(tokens),
        shingles=len(shingles),
        shingle_minhash=_minhash(shingles, cfg.shingle_num_perm),
        bag_minhash=_minhash(set(all_stems), cfg.bag_num_perm),
        terms=T.pack(term_hashes),
        counts=T.pack(term_counts),
        sentences=T.pack(np.array(fingerprints, dtype=np.int64)),
        sentence_terms=T.pack(np.array(sent_terms, dtype=np.uint32)),
        sentence_lengths=T.pack(np.array(sent_lengths, dtype=np.uint16)),
        quotes=T.quotes(text, cfg.min_quote_words),
        numbers=T.numbers(text),
        credits=credits,
        names=names,
        entities=entities,
        claims=_claims(analysis, meta.id),
        events=_events(analysis, meta.id),
    )
