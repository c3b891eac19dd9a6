"""The corpus features of one analysed article (record.ArticleFeatures), computed from its text
and what the earlier stages found: MinHash signatures, sentence fingerprints, content-word
vectors, quotes, numbers, credit lines, names, claims and events. Cheap: no model, a few ms.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np
from datasketch import MinHash

from newsint.config import Config
from newsint.model import Analysis
from newsint.stages.features import pieces as T
from newsint.stages.features.record import (
    ArticleFeatures,
    ClaimFeature,
    Credit,
    EntityFeature,
    EventFeature,
    SourceFeature,
)
from newsint.text.fold import word_key


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
    counts = Counter(T.capitalised_names(text, analysis.article.language or None))
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
                factuality=e.factuality,
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
        years=T.years(text),
        language=meta.language or None,
        credits=credits,
        names=names,
        entities=entities,
        claims=_claims(analysis, meta.id),
        events=_events(analysis, meta.id),
    )
