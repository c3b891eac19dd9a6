"""CorpusAnalyzer: new articles against all known ones, incrementally, without all-pairs work.

For each new article: candidates from two MinHash LSH indexes (word shingles for copies, content
words for rewrites) and from rare shared keys (direct quotes, multi-digit numbers, long names);
each candidate pair is classified once (copies.relate). From those pair relations follow:

- copy links: each article's original is its best related earlier neighbour (verbatim or
  syndicated before spin before derivative, then the higher score, then the more original);
- stories: connected components of related pairs (copy links and same-event pairs);
- claim clusters: claims compared only between related articles, clustered as components,
  with their independent source count (corroborate);
- corpus entities: name forms resolved with judgements (resolve).

Every one of these is a function of the set of articles (and user judgements), not of arrival
order or batching: pair relations are pure functions of two articles, components do not depend
on edge order, and a rare key that stops being rare drops the pairs it alone produced. The state
after any sequence of `add` calls equals the state after one `add` of everything.

The state is delta.AnalyzerState; derived.py brings the records up to date, judgements.py
applies a user's merges and splits.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable

import numpy as np

from newsint.corpus import bands
from newsint.corpus.bandindex import digests, pack_keys, unpack_keys
from newsint.corpus.compare import Doc, make_doc
from newsint.corpus.copies import cites, relate
from newsint.corpus.corroborate import CorroborationIndex, claim_item, statement_score
from newsint.corpus.delta import CorpusDelta, _pair
from newsint.corpus.judgements import JudgementRules
from newsint.corpus.stories import story_key_terms
from newsint.stages.features import pieces as T
from newsint.stages.features.bands import band_keys
from newsint.stages.features.record import ArticleFeatures


def _outlet(key: str | None) -> str:
    """An outlet key as credits and sites both spell it ('theguardian' / 'The Guardian')."""
    key = key or ""
    return key[3:] if key.startswith("the") and len(key) > 6 else key


class CorpusAnalyzer(JudgementRules):
    """In-memory corpus indexes; the store persists features and the records in each delta."""

    # ------------------------------------------------------------------ public API

    def load(self, features: Iterable[ArticleFeatures]) -> None:
        """Rebuild the indexes from stored features at start-up (the records are recomputed,
        identical to the stored ones; nothing is returned). The collector waits until the end,
        as in `_ingest`: reading the features between batches allocates enough to start full
        collections over the whole state."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            batch: list[ArticleFeatures] = []
            for f in features:
                batch.append(f)
                if len(batch) >= 1000:
                    self._ingest(batch)
                    batch = []
            self._ingest(batch)
        finally:
            if enabled:
                gc.enable()

    def add(
        self,
        features: list[ArticleFeatures],
        batch_pairs: Iterable[tuple[str, str]] | None = None,
    ) -> CorpusDelta:
        """New articles against all known ones; already known ids are ignored (idempotent).

        `batch_pairs`: the LSH candidate pairs among these articles, when an engine grouped
        their band keys itself (bands.py); None groups them here. Either way the same pairs."""
        return self._ingest(features, batch_pairs)

    def corroboration(self) -> CorroborationIndex:
        return CorroborationIndex(self.clusters.values())

    def independent_sources(self, claim: str, article: str | None = None) -> int:
        return self.corroboration().independent_sources(claim, article)

    def snapshot(self) -> dict[str, list[dict]]:
        """The whole derived state as sorted plain data (equal for equal corpora)."""
        return {
            "copy_links": [r.to_dict() for r in sorted(self.links.values(), key=lambda r: r.id)],
            "stories": [self.stories[k].to_dict() for k in sorted(self.stories)],
            "claim_clusters": [self.clusters[k].to_dict() for k in sorted(self.clusters)],
            "corpus_entities": [self.entities[k].to_dict() for k in sorted(self.entities)],
            "judgements": [j.to_dict() for j in self.resolver.all_judgements()],
        }

    # ------------------------------------------------------------------ ingest

    def _keys(self, f: ArticleFeatures, story: tuple[int, ...]) -> tuple[int, ...]:
        """Its rare keys, then its story-word keys (`_story_hashes`)."""
        keys = [f"q:{q}" for q in f.quotes]
        cfg = self.cfg
        keys += [f"n:{n}" for n in f.numbers if len(n) >= cfg.key_number_min_chars]
        keys += [f"e:{n}" for n in f.names if " " in n or len(n) >= cfg.rare_name_min_chars]
        keys = keys[: cfg.max_keys_per_article]
        return tuple(dict.fromkeys([*(T.hash64(k) for k in keys), *story]))

    def _story_hashes(self, doc: Doc) -> tuple[int, ...]:
        """The article's story-word keys (among `_keys`): they count apart, see
        `_shares_enough`."""
        terms = story_key_terms(doc, self.cfg.story_key_terms)
        return tuple(T.hash64(f"s:{t}") for t in terms)

    def _story_keys(self, article: str) -> set[int]:
        return set(self._story_hashes(self.docs[article]))

    def _shares_enough(self, keys: int, story_keys: int) -> bool:
        """A pair is a candidate on `min_shared_keys` rare keys, or on `story_key_min_shared`
        story words."""
        cfg = self.cfg
        return keys >= cfg.min_shared_keys or story_keys >= cfg.story_key_min_shared

    def _outlet_keys(self, f: ArticleFeatures) -> tuple[int, ...]:
        """Keys of an outlet and a name: an article of that outlet meets the articles that
        credit the outlet and name the same ("..., CNN reported" in a summary that shares
        little else). A pair they find is a candidate only when one credits the other's outlet
        (`_credited_pair`), so two articles of one outlet never meet through them."""
        outlets = {_outlet(T.site_key(f.site))} | {_outlet(c.key) for c in f.credits}
        names = f.names[: self.cfg.credit_key_names]
        keys = [f"c:{o}|{n}" for o in sorted(outlets - {""}) for n in names]
        return tuple(dict.fromkeys(T.hash64(k) for k in keys))

    def _credited_pair(self, a: str, b: str) -> bool:
        da, db = self.docs[a], self.docs[b]
        if not set(unpack_keys(self.outlet_keys[a])) & set(unpack_keys(self.outlet_keys[b])):
            return False
        return cites(da, db) is not None or cites(db, da) is not None

    def _ingest(
        self,
        features: Iterable[ArticleFeatures],
        batch_pairs: Iterable[tuple[str, str]] | None = None,
    ) -> CorpusDelta:
        # The indexes hold millions of small objects and none of ours form reference cycles: a
        # cyclic collection in the middle of an ingest would rescan them all (measured: 60 % of
        # the time at 30 k articles), so it waits until the batch is done.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._ingest_batch(features, batch_pairs)
        finally:
            if enabled:
                gc.enable()

    def _ingest_batch(
        self,
        features: Iterable[ArticleFeatures],
        batch_pairs: Iterable[tuple[str, str]] | None,
    ) -> CorpusDelta:
        cfg = self.cfg
        new: dict[str, ArticleFeatures] = {}
        for f in features:
            if f.id not in self.docs:
                new.setdefault(f.id, f)
        ids = sorted(new)
        # LSH candidates in two parts whose union is what one index query per article gives:
        # new articles against the known ones (the in-memory index, queried before the new
        # ones go in), and new against new (band keys grouped: here, or by the engine).
        keys_of = {i: band_keys(new[i], cfg) for i in ids}
        if batch_pairs is None:
            pairs = bands.candidate_pairs((k, i) for i in ids for k in keys_of[i])
        else:
            pairs = {_pair(a, b) for a, b in batch_pairs if a in new and b in new and a != b}
        width = self.band_index.width
        band_matrix = np.empty((len(ids), width), dtype=np.uint64)
        for row, i in enumerate(ids):
            band_matrix[row] = digests(keys_of[i])
        del keys_of
        for i, hits in zip(ids, self.band_index.query(band_matrix), strict=True):
            pairs |= {_pair(i, self.row_ids[j]) for j in hits}
        first = len(self.row_ids)
        self.row_ids.extend(ids)
        self.rows.update((i, first + n) for n, i in enumerate(ids))
        self.band_index.insert(range(first, first + len(ids)), band_matrix)
        # rare keys (not yet common) and outlet keys of the batch, as (key, row) entries
        rare: tuple[list[int], list[int]] = ([], [])
        outlets: tuple[list[int], list[int]] = ([], [])
        story_of: dict[str, frozenset[int]] = {}
        for i in ids:
            f = new[i]
            doc = self.docs[i] = make_doc(f, cfg)
            story = self._story_hashes(doc)
            story_of[i] = frozenset(story)
            keys = self._keys(f, story)
            self.doc_keys[i] = pack_keys(keys)
            outlet_keys = self._outlet_keys(f)
            self.outlet_keys[i] = pack_keys(outlet_keys)
            outlets[0].extend(outlet_keys)
            outlets[1].extend([self.rows[i]] * len(outlet_keys))
            live = [k for k in keys if k not in self.common]
            rare[0].extend(live)
            rare[1].extend([self.rows[i]] * len(live))
            self.story_graph.add_node(i)
            items = [claim_item(i, c, cfg.stem_prefix) for c in f.claims]
            self.article_claims[i] = [c.key for c in items]
            for item in items:
                self.claims[item.key] = item
                self.claim_graph.add_node(item.key)
                for s in item.chain:
                    if s.entity:
                        self.member_claims.setdefault(s.entity, set()).add(item.key)
            self.resolver.add_article(f.entities)
        self.outlet_buckets.insert(*outlets)
        self.buckets.insert(*rare)
        # a key held by more than max_key_articles articles stops being rare: it becomes common
        # and the pairs it alone made stop being candidates
        batch_keys = sorted(set(rare[0]))
        over = self.buckets.count(batch_keys) > cfg.max_key_articles
        crossed = {
            k: [self.row_ids[r] for r in self.buckets.rows([k])]
            for k, o in zip(batch_keys, over.tolist(), strict=True)
            if o
        }
        touched: set[str] = set(ids)
        removed_pairs: set[tuple[str, str]] = set()
        if crossed:
            self.common.update(crossed)
            for k in sorted(crossed):
                members = crossed[k]
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        pair = _pair(members[x], members[y])
                        if pair in self.relations and not self._candidate(*pair):
                            removed_pairs.add(pair)
        for pair in sorted(removed_pairs):
            self._drop_relation(pair)
            touched.update(pair)
        for i in ids:
            live = [k for k in unpack_keys(self.doc_keys[i]) if k not in self.common]
            story = story_of[i]
            counts = Counter(self.buckets.rows([k for k in live if k not in story]))
            story_counts = Counter(self.buckets.rows([k for k in live if k in story]))
            found = {
                self.row_ids[j]
                for j in counts.keys() | story_counts.keys()
                if self._shares_enough(counts[j], story_counts[j])
            }
            credited = {
                self.row_ids[j] for j in self.outlet_buckets.rows(unpack_keys(self.outlet_keys[i]))
            }
            found |= {j for j in credited if j != i and self._credited_pair(i, j)}
            found.discard(i)
            pairs |= {_pair(i, j) for j in found}
        new_relations: list[tuple[str, str]] = []
        for pair in sorted(pairs):
            if pair in self.relations:
                continue
            rel = relate(self.docs[pair[0]], self.docs[pair[1]], cfg)
            if rel is None:
                continue
            self.relations[pair] = rel
            # created with the first relation: most articles never get one
            self.neighbours.setdefault(pair[0], set()).add(pair[1])
            self.neighbours.setdefault(pair[1], set()).add(pair[0])
            self.story_graph.add_edge(*pair)
            new_relations.append(pair)
            touched.update(pair)
        for pair in new_relations:
            self._link_claims(pair)
        return self._finish(touched)

    def _candidate(self, a: str, b: str) -> bool:
        """Whether a pair is still a candidate (shares an LSH band or enough live rare keys)."""
        if self.band_index.share(self.rows[a], self.rows[b]):
            return True
        live = (
            set(unpack_keys(self.doc_keys[a])) & set(unpack_keys(self.doc_keys[b]))
        ) - self.common
        story = len(live & self._story_keys(a))
        return self._shares_enough(len(live) - story, story) or self._credited_pair(a, b)

    def _drop_relation(self, pair: tuple[str, str]) -> None:
        del self.relations[pair]
        self.neighbours[pair[0]].discard(pair[1])
        self.neighbours[pair[1]].discard(pair[0])
        self.story_graph.remove_edge(*pair)
        for ka, kb in self.claim_edges.pop(pair, []):
            self.claim_graph.remove_edge(ka, kb)

    def _link_claims(self, pair: tuple[str, str]) -> None:
        rel = self.relations[pair]
        if rel.kind is None and rel.story < self.cfg.claim_min_story_similarity:
            return  # only reports of one event repeat each other's statements
        threshold = (
            self.cfg.claim_min_similarity_copy
            if rel.kind is not None
            else self.cfg.claim_min_similarity
        )
        # each claim joins at most its best match in the other article, and only when that
        # match agrees (mutual best): two different claims of one article never merge through
        # a broad claim of another
        scored: list[tuple[float, str, str]] = []
        for ka in self.article_claims.get(pair[0], ()):
            a = self.claims[ka]
            for kb in self.article_claims.get(pair[1], ()):
                score = statement_score(
                    a, self.claims[kb], self.cfg.claim_prefilter_dice, self.cfg.claim_min_words
                )
                if score >= threshold:
                    scored.append((score, ka, kb))
        best_a: dict[str, tuple[float, str]] = {}
        best_b: dict[str, tuple[float, str]] = {}
        for score, ka, kb in scored:
            if (score, kb) > best_a.get(ka, (-1.0, "")):
                best_a[ka] = (score, kb)
            if (score, ka) > best_b.get(kb, (-1.0, "")):
                best_b[kb] = (score, ka)
        edges = sorted(
            (ka, kb) for ka, (_, kb) in best_a.items() if best_b.get(kb, (0.0, ""))[1] == ka
        )
        for ka, kb in edges:
            self.claim_graph.add_edge(ka, kb)
        if edges:
            self.claim_edges[pair] = edges
