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
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable

from datasketch import MinHashLSH
from pydantic import Field

from newsint.config import Config, default_config
from newsint.corpus import bands
from newsint.corpus.compare import Doc, make_doc
from newsint.corpus.copies import KIND_RANK, Relation, relate
from newsint.corpus.corroborate import (
    ClaimItem,
    CorroborationIndex,
    claim_item,
    cluster_record,
    statement_score,
)
from newsint.corpus.graph import Components
from newsint.corpus.resolve import EntityResolver
from newsint.model import (
    ClaimCluster,
    CopyLink,
    CorpusEntity,
    Judgement,
    Record,
    Story,
    stable_id,
)
from newsint.stages.features import pieces as T
from newsint.stages.features.bands import lean
from newsint.stages.features.record import ArticleFeatures


class CorpusDelta(Record):
    """What changed in the corpus after an add (or a user judgement): records to upsert, ids to
    delete. Records are complete (not patches); ids are deterministic."""

    copy_links: list[CopyLink] = Field(default_factory=list)
    removed_copy_links: list[str] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    removed_stories: list[str] = Field(default_factory=list)
    judgements: list[Judgement] = Field(default_factory=list)
    corpus_entities: list[CorpusEntity] = Field(default_factory=list)
    removed_corpus_entities: list[str] = Field(default_factory=list)
    claim_clusters: list[ClaimCluster] = Field(default_factory=list)
    removed_claim_clusters: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in type(self).model_fields)


_PHRASE = {
    "verbatim": "a verbatim copy of",
    "syndicated": "a syndicated copy of",
    "spin": "a spun rewrite of",
    "derivative": "derived from",
    "": "linked to",
}


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def link_id(article: str) -> str:
    """One copy link per copy: its id depends on the copy only, so a better original replaces
    the link in place instead of adding another."""
    return stable_id("copy", article)


class CorpusAnalyzer:
    """In-memory corpus indexes; the store persists features and the records in each delta."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or default_config()
        cfg = self.cfg = self.config.corpus
        self.docs: dict[str, Doc] = {}
        self.shingle_lsh = MinHashLSH(
            num_perm=cfg.shingle_num_perm, params=(cfg.shingle_bands, cfg.shingle_rows)
        )
        self.bag_lsh = MinHashLSH(num_perm=cfg.bag_num_perm, params=(cfg.bag_bands, cfg.bag_rows))
        self.doc_keys: dict[str, tuple[int, ...]] = {}
        self.buckets: dict[int, list[str]] = {}
        self.common: set[int] = set()
        self.relations: dict[tuple[str, str], Relation] = {}
        self.neighbours: dict[str, set[str]] = {}
        self.parent: dict[str, Relation] = {}
        self.children: dict[str, set[str]] = {}
        self.story_graph = Components()
        self.claims: dict[str, ClaimItem] = {}
        self.article_claims: dict[str, list[str]] = {}
        self.claim_graph = Components()
        self.claim_edges: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.member_claims: dict[str, set[str]] = {}
        self.resolver = EntityResolver(cfg)
        # current records, as last emitted
        self.links: dict[str, CopyLink] = {}
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.clusters: dict[str, ClaimCluster] = {}
        self.cluster_of: dict[str, str] = {}
        self.entities: dict[str, CorpusEntity] = {}

    # ------------------------------------------------------------------ public API

    def load(self, features: Iterable[ArticleFeatures]) -> None:
        """Rebuild the indexes from stored features at start-up (the records are recomputed,
        identical to the stored ones; nothing is returned)."""
        batch: list[ArticleFeatures] = []
        for f in features:
            batch.append(f)
            if len(batch) >= 1000:
                self._ingest(batch)
                batch = []
        self._ingest(batch)

    def add(
        self,
        features: list[ArticleFeatures],
        batch_pairs: Iterable[tuple[str, str]] | None = None,
    ) -> CorpusDelta:
        """New articles against all known ones; already known ids are ignored (idempotent).

        `batch_pairs`: the LSH candidate pairs among these articles, when an engine grouped
        their band keys itself (bands.py); None groups them here. Either way the same pairs."""
        return self._ingest(features, batch_pairs)

    def load_judgements(self, judgements: Iterable[Judgement]) -> CorpusDelta:
        """Restore user judgements (auto ones are recomputed); they win over automatic ones."""
        for j in judgements:
            if j.by == "user":
                self.resolver.add_user(j)
        return self._finish()

    def merge_entities(self, a: str, b: str) -> CorpusDelta:
        """A user judgement: corpus entities (or article entities) `a` and `b` are the same."""
        ra, rb = self._ref(a), self._ref(b)
        ea, eb = self._entity_nodes(a), self._entity_nodes(b)
        for j in list(self.resolver.user.values()):  # undo splits that separated them
            if j.active and j.verdict == "not-same":
                na, nb = self._node(j.a), self._node(j.b)
                if (na in ea and nb in eb) or (na in eb and nb in ea):
                    self.resolver.add_user(j.model_copy(update={"active": False}))
        self._user(ra, rb, "same", [f"user merged {a} and {b}"])
        return self._finish()

    def split_entity(self, entity: str, members: Iterable[str]) -> CorpusDelta:
        """A user judgement: `members` (article entity keys or name forms `name:TYPE:folded`)
        are not the same referent as the rest of corpus entity `entity`."""
        nodes = self._entity_nodes(entity)
        if not nodes:
            raise KeyError(f"unknown corpus entity {entity!r}")
        wanted = set(members)
        all_members = self.resolver.members_of_entity(self.resolver.node_entity[min(nodes)])
        selected: set[str] = set()
        for ref in wanted:
            if ref.startswith("name:"):
                form = self.resolver.forms.get(ref)
                selected |= {m for m in all_members if form and m in form.members}
            elif ref in all_members:
                selected.add(ref)
        rest = [m for m in all_members if m not in selected]
        if not selected or not rest:
            raise ValueError("a split needs some members on each side")
        ends_sel = self._pin_ends(selected, set(all_members))
        ends_rest = self._pin_ends(set(rest), set(all_members))
        for ends in (ends_sel, ends_rest):
            for other in ends[1:]:
                self._user(ends[0], other, "same", [f"user split {entity}: kept together"])
        self._user(ends_sel[0], ends_rest[0], "not-same", [f"user split {entity}"])
        return self._finish()

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

    def _keys(self, f: ArticleFeatures) -> tuple[int, ...]:
        keys = [f"q:{q}" for q in f.quotes]
        cfg = self.cfg
        keys += [f"n:{n}" for n in f.numbers if len(n) >= cfg.key_number_min_chars]
        keys += [f"e:{n}" for n in f.names if " " in n or len(n) >= cfg.rare_name_min_chars]
        return tuple(dict.fromkeys(T.hash64(k) for k in keys[: self.cfg.max_keys_per_article]))

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
        if batch_pairs is None:
            pairs = bands.candidate_pairs(bands.band_rows(new.values(), cfg))
        else:
            pairs = {_pair(a, b) for a, b in batch_pairs if a in new and b in new and a != b}
        signatures = {i: (lean(new[i].shingle_minhash), lean(new[i].bag_minhash)) for i in ids}
        if self.docs:
            for i in ids:
                found = set(self.shingle_lsh.query(signatures[i][0]))
                found |= set(self.bag_lsh.query(signatures[i][1]))
                pairs |= {_pair(i, j) for j in found}
        crossed: dict[int, list[str]] = {}
        for i in ids:
            f = new[i]
            self.docs[i] = make_doc(f, cfg)
            self.neighbours[i] = set()
            sig = signatures[i]
            self.shingle_lsh.insert(i, sig[0], check_duplication=False)
            self.bag_lsh.insert(i, sig[1], check_duplication=False)
            keys = self._keys(f)
            self.doc_keys[i] = keys
            for k in keys:
                if k in self.common:
                    continue
                bucket = self.buckets.setdefault(k, [])
                bucket.append(i)
                if len(bucket) > cfg.max_key_articles:
                    crossed[k] = bucket
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
        touched: set[str] = set(ids)
        removed_pairs: set[tuple[str, str]] = set()
        if crossed:
            for k in crossed:
                self.common.add(k)
                self.buckets.pop(k, None)
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
            counts: Counter[str] = Counter()
            for k in self.doc_keys[i]:
                if k not in self.common:
                    counts.update(self.buckets.get(k, ()))
            found = {j for j, c in counts.items() if c >= cfg.min_shared_keys}
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
            self.neighbours[pair[0]].add(pair[1])
            self.neighbours[pair[1]].add(pair[0])
            self.story_graph.add_edge(*pair)
            new_relations.append(pair)
            touched.update(pair)
        for pair in new_relations:
            self._link_claims(pair)
        return self._finish(touched)

    def _candidate(self, a: str, b: str) -> bool:
        """Whether a pair is still a candidate (shares an LSH band or enough live rare keys)."""
        for lsh in (self.shingle_lsh, self.bag_lsh):
            ha, hb = lsh.keys.get(a), lsh.keys.get(b)
            if ha and hb and any(x == y for x, y in zip(ha, hb, strict=False)):
                return True
        live = (set(self.doc_keys[a]) & set(self.doc_keys[b])) - self.common
        return len(live) >= self.cfg.min_shared_keys

    def _drop_relation(self, pair: tuple[str, str]) -> None:
        del self.relations[pair]
        self.neighbours[pair[0]].discard(pair[1])
        self.neighbours[pair[1]].discard(pair[0])
        self.story_graph.remove_edge(*pair)
        for ka, kb in self.claim_edges.pop(pair, []):
            self.claim_graph.remove_edge(ka, kb)

    def _link_claims(self, pair: tuple[str, str]) -> None:
        rel = self.relations[pair]
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
                score = statement_score(a, self.claims[kb], self.cfg.claim_prefilter_dice)
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

    # ------------------------------------------------------------------ derived records

    def _best_parent(self, d: str) -> Relation | None:
        """The original of `d` among its related neighbours: one it credits first, then the
        closest kind of reuse; within parent_score_tie of the best score the more original wins (a
        copy of the original looks as much like a rewrite as the original itself)."""
        eligible = []
        for nb in self.neighbours.get(d, ()):
            rel = self.relations[_pair(d, nb)]
            if rel.kind is not None and rel.copy == d:
                eligible.append(rel)
        if not eligible:
            return None
        top = min((not r.cited, KIND_RANK[r.kind]) for r in eligible)  # type: ignore[index]
        group = [r for r in eligible if (not r.cited, KIND_RANK[r.kind]) == top]  # type: ignore[index]
        best = max(r.score for r in group)
        near = [r for r in group if r.score >= best - self.cfg.parent_score_tie]
        return min(near, key=lambda r: (self.docs[r.original].order, -r.score))

    def _update_parents(self, touched: set[str]) -> set[str]:
        """Recompute the original of touched articles; return articles whose root changed."""
        changed: set[str] = set()
        for d in sorted(touched):
            rel = self._best_parent(d)
            old = self.parent.get(d)
            if rel is old:
                continue
            if old is not None:
                self.children.get(old.original, set()).discard(d)
                del self.parent[d]
            if rel is not None:
                self.parent[d] = rel
                self.children.setdefault(rel.original, set()).add(d)
            changed.add(d)
        # citations can point against the dates: break any cycle at its most original member
        for d in sorted(changed):
            seen: list[str] = []
            node: str | None = d
            while node is not None and node not in seen:
                seen.append(node)
                node = self.parent[node].original if node in self.parent else None
            if node is not None:
                cycle = seen[seen.index(node) :]
                head = min(cycle, key=lambda x: self.docs[x].order)
                rel = self.parent.pop(head)
                self.children.get(rel.original, set()).discard(head)
                changed.add(head)
        out: set[str] = set()
        stack = list(changed)
        while stack:
            d = stack.pop()
            if d not in out:
                out.add(d)
                stack.extend(self.children.get(d, ()))
        return out

    def root_of(self, article: str) -> tuple[str, list[str]]:
        path: list[str] = []
        node = article
        seen = {node}
        while node in self.parent:
            rel = self.parent[node]
            path.append(f"{node} is {_PHRASE[rel.kind or '']} {rel.original}")
            node = rel.original
            if node in seen:
                break
            seen.add(node)
        return node, path

    def _link_record(self, rel: Relation) -> CopyLink:
        return CopyLink(
            id=link_id(rel.copy),
            article=rel.copy,
            original=rel.original,
            kind=rel.kind,  # type: ignore[arg-type]
            score=rel.score,
            confidence=rel.confidence,
            evidence=rel.evidence,
            misattribution=rel.misattribution,
        )

    def _story_record(self, members: set[str]) -> Story:
        docs = sorted((self.docs[m] for m in members), key=lambda d: d.order)
        originals = [d.id for d in docs if d.id not in self.parent]
        title = next(
            (self.docs[o].title for o in originals if self.docs[o].title),
            next((d.title for d in docs if d.title), None),
        )
        dates = sorted(d.published for d in docs if d.published)
        return Story(
            id=stable_id("story", docs[0].id),
            title=title,
            articles=[d.id for d in docs],
            originals=originals,
            links=sorted(link_id(d.id) for d in docs if d.id in self.parent),
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
        )

    def _entity_of_member(self, member: str) -> str | None:
        return self.resolver.entity_of(member)

    def _finish(self, touched: set[str] | None = None) -> CorpusDelta:
        """Bring links, stories, entities and claim clusters up to date; return what changed."""
        touched = touched or set()
        delta = CorpusDelta()
        # copy links
        rerooted = self._update_parents(touched)
        for d in sorted(rerooted | touched):
            rel = self.parent.get(d)
            old = self.links.get(d)
            if rel is None:
                if old is not None:
                    del self.links[d]
                    delta.removed_copy_links.append(old.id)
                continue
            record = self._link_record(rel)
            if old != record:
                self.links[d] = record
                delta.copy_links.append(record)
        # stories
        for d in rerooted | touched:
            self.story_graph.touch(d)
        alive = self.story_graph.take_changes()
        old_ids: set[str] = set()
        new_ids: set[str] = set()
        for members in alive:
            old_ids |= {self.story_of[m] for m in members if m in self.story_of}
            record = self._story_record(members)
            new_ids.add(record.id)
            for m in members:
                self.story_of[m] = record.id
            if self.stories.get(record.id) != record:
                self.stories[record.id] = record
                delta.stories.append(record)
        for sid in sorted(old_ids - new_ids):
            self.stories.pop(sid, None)
            delta.removed_stories.append(sid)
        # entities
        changed, removed, judgements = self.resolver.update()
        delta.judgements = judgements
        for rid in removed:
            if self.entities.pop(rid, None) is not None:
                delta.removed_corpus_entities.append(rid)
        for e in changed:
            if self.entities.get(e.id) != e:
                self.entities[e.id] = e
                delta.corpus_entities.append(e)
            for m in e.members:
                for key in self.member_claims.get(m, ()):
                    self.claim_graph.touch(key)
        # claim clusters
        for d in rerooted:
            for key in self.article_claims.get(d, ()):
                self.claim_graph.touch(key)
        alive = self.claim_graph.take_changes()
        old_ids = set()
        new_ids = set()
        for members in alive:
            old_ids |= {self.cluster_of[k] for k in members if k in self.cluster_of}
            items = [self.claims[k] for k in members]
            if len({i.article for i in items}) < 2:
                for k in members:
                    self.cluster_of.pop(k, None)
                continue
            record = cluster_record(
                items,
                lambda a: self.docs[a].order,
                self.root_of,
                self._entity_of_member,
                self.cfg.claim_document_similarity,
            )
            new_ids.add(record.id)
            for k in members:
                self.cluster_of[k] = record.id
            if self.clusters.get(record.id) != record:
                self.clusters[record.id] = record
                delta.claim_clusters.append(record)
        for cid in sorted(old_ids - new_ids):
            self.clusters.pop(cid, None)
            delta.removed_claim_clusters.append(cid)
        for name in ("copy_links", "stories", "corpus_entities", "claim_clusters"):
            getattr(delta, name).sort(key=lambda r: r.id)
        delta.removed_copy_links.sort()
        return delta

    # ------------------------------------------------------------------ user judgement helpers

    def _node(self, ref: str) -> str:
        return ref if ref.startswith("name:") else "m:" + ref

    def _entity_nodes(self, ref: str) -> set[str]:
        """Partition nodes of the corpus entity `ref` names (entity id, member or name form)."""
        if ref in self.resolver.entity_nodes:
            return self.resolver.nodes_of_entity(ref)
        eid = (
            self.resolver.entity_of(ref)
            if not ref.startswith("name:")
            else (self.resolver.node_entity.get(ref))
        )
        return self.resolver.nodes_of_entity(eid) if eid else set()

    def _ref(self, ref: str) -> str:
        """A stable judgement end for a user reference: a corpus entity becomes its smallest
        name form (or member); article entity keys and name forms stay as they are."""
        if ref in self.resolver.entity_nodes:
            nodes = sorted(self.resolver.nodes_of_entity(ref))
            names = [n for n in nodes if n.startswith("name:")]
            return names[0] if names else nodes[0][2:]
        if ref.startswith("name:") or ref in self.resolver.member_form:
            return ref
        raise KeyError(f"unknown entity {ref!r}: give a corpus entity id or an article entity key")

    def _pin_ends(self, members: set[str], all_members: set[str]) -> list[str]:
        """Judgement ends covering `members`: whole name forms where every member of the form in
        this entity is selected, single members otherwise; the smallest first."""
        ends: set[str] = set()
        by_form: dict[str, set[str]] = {}
        for m in members:
            by_form.setdefault(self.resolver.member_form.get(m, ""), set()).add(m)
        for form, chosen in by_form.items():
            in_entity = {m for m in all_members if self.resolver.member_form.get(m) == form}
            if form and chosen == in_entity:
                ends.add(form)
            else:
                ends |= chosen
        return sorted(ends)

    def _user(self, a: str, b: str, verdict: str, evidence: list[str]) -> None:
        a, b = sorted((a, b))
        self.resolver.add_user(
            Judgement(
                id=stable_id("judgement", "user", a, b),
                a=a,
                b=b,
                verdict=verdict,  # type: ignore[arg-type]
                score=1.0,
                evidence=evidence,
                by="user",
            )
        )
