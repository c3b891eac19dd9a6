"""Records derived from the pair relations, brought up to date after each change: each article's
original (copy links), stories (connected components), corpus entities (resolve) and claim
clusters with their independent sources (corroborate). Each is a function of the set of
articles and judgements, never of arrival order.
"""

from __future__ import annotations

from newsint.corpus.copies import KIND_RANK, Relation
from newsint.corpus.corroborate import cluster_record
from newsint.corpus.delta import _PHRASE, AnalyzerState, CorpusDelta, _pair, link_id
from newsint.corpus.stories import cluster_block, split_block
from newsint.model import CopyLink, Story, stable_id
from newsint.stages.features import pieces as T


class DerivedRecords(AnalyzerState):
    """Copy links, stories, entities and claim clusters from the relations."""

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
        # a candidate that is itself a copy of another candidate (by their own pair's
        # evidence: credit, time, containment) is not the original: the opening of a page
        # and the page are both like a reordered copy of it
        heads = [r for r in near if not any(self._copy_of(r.original, s.original) for s in near)]
        return min(heads or near, key=lambda r: (self.docs[r.original].order, -r.score))

    def _copy_of(self, a: str, b: str) -> bool:
        """Whether the relation between articles a and b makes a a copy of b."""
        rel = self.relations.get(_pair(a, b)) if a != b else None
        return rel is not None and rel.kind is not None and rel.copy == a

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

    def _within_stories(self, members: set[str]) -> list[set[str]]:
        """A component of "same statement" edges cut into the parts connected inside one story:
        a claim cluster never joins claims of different stories (two events of one kind say
        alike things about different participants)."""
        by_story: dict[str, set[str]] = {}
        for k in members:
            by_story.setdefault(self.story_of.get(self.claims[k].article, ""), set()).add(k)
        parts: list[set[str]] = []
        for group in by_story.values():
            left = set(group)
            while left:
                start = min(left)
                seen = {start}
                stack = [start]
                while stack:
                    for nb in self.claim_graph.adj.get(stack.pop(), ()):
                        if nb in left and nb not in seen:
                            seen.add(nb)
                            stack.append(nb)
                left -= seen
                parts.append(seen)
        return parts

    def _article_upstreams(self, article: str) -> list[tuple[str, str]]:
        """What a whole article says it rests on: a syndication or wire credit line, or, for a
        retelling (it credits only other outlets), each outlet it credits."""
        doc = self.docs[article]
        out = []
        for c in doc.credits:
            if not c.outlet or any(T.same_outlet(c.key, c.acronym, k) for k in doc.self_keys):
                continue
            if c.kind in ("provided", "dateline", "byline") or c.wire or doc.primary == 2:
                out.append((f"media:{c.wire or c.key}", f"outlet '{c.wire or c.name}'"))
        return out

    def _known(self, a: str, b: str) -> tuple[float, bool] | None:
        """A related pair's story similarity and whether it is a copy (None: never related)."""
        rel = self.relations.get(_pair(a, b))
        # a derivative only credits the other and re-reports it: its words decide, not the link
        return None if rel is None else (rel.story, rel.kind in ("verbatim", "syndicated", "spin"))

    def _block_stories(self, block: set[str], changed: set[str], kept: set[str]) -> list[list[str]]:
        """The stories of a changed block. One of more than `story_block_max_articles` is cut
        into parts first; a part met again whole, none of its members changed, keeps its stories
        (their ids go to `kept`) and is not clustered again."""
        cap = self.cfg.story_block_max_articles
        if len(block) <= cap:
            for m in block:
                self.story_part.pop(m, None)
            return cluster_block([self.docs[m] for m in block], self._known, self.cfg)
        out: list[list[str]] = []
        for part in split_block(block, self._related, self._known, cap):
            key = frozenset(part)
            if self.story_part.get(part[0]) == key and key.isdisjoint(changed):
                kept.update(self.story_of[m] for m in part)
                continue
            for m in part:
                self.story_part[m] = key
            docs = [self.docs[m] for m in part]
            out += cluster_block(docs, self._known, self.cfg, neighbours=self._related)
        return out

    def _related(self, article: str) -> set[str]:
        return self.neighbours.get(article, set())

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
        # stories: each changed block (component of related pairs) re-clustered by average
        # linkage; its old stories are replaced
        for d in rerooted | touched:
            self.story_graph.touch(d)
        old_ids: set[str] = set()
        new_ids: set[str] = set()
        moved: set[str] = set()
        for block in self.story_graph.take_changes():
            old_ids |= {self.story_of[m] for m in block if m in self.story_of}
            for members in self._block_stories(block, rerooted | touched, new_ids):
                record = self._story_record(set(members))
                new_ids.add(record.id)
                for m in members:
                    if self.story_of.get(m) != record.id:
                        moved.add(m)
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
        for d in rerooted | moved:
            for key in self.article_claims.get(d, ()):
                self.claim_graph.touch(key)
        alive = self.claim_graph.take_changes()
        old_ids = set()
        new_ids = set()
        parts = [p for members in alive for p in self._within_stories(members)]
        for members in parts:
            old_ids |= {self.cluster_of[k] for k in members if k in self.cluster_of}
            items = [self.claims[k] for k in sorted(members)]
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
                self._article_upstreams,
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
