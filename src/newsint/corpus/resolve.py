"""Cross-document entities: article entities resolved into corpus entities, as judgements.

Article entities with the same folded name and type form a *name form* (`name:PERSON:mevlut
cavusoglu`) and are one referent unless a user says otherwise. Name forms are compared only when
blocking puts them together (a shared 3-letter token prefix or suffix), then by fuzzy name
similarity (rapidfuzz, diacritics folded, token-aligned), type compatibility and context: the
names they co-occur with across the corpus. A misspelling ("Cavasoglu") merges with the correct
spelling seen elsewhere only when the corpus gives evidence (shared context); similar names
without it stay apart as "unsure". Every decision is a Judgement with score and evidence.

User judgements (merge/split) win over automatic ones: the partition is built by a greedy union
over edges in a fixed order (user, then exact forms, then automatic by score) that never joins
two sides a "not-same" judgement separates. Only the component around a change is rebuilt, and
the result depends on the final set of articles and judgements, never their order.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from networkx.utils import UnionFind
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from newsint.config import Corpus
from newsint.model import CorpusEntity, Judgement, stable_id
from newsint.stages.features import pieces as T
from newsint.stages.features.record import EntityFeature
from newsint.text.fold import word_key

_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "ese", "i", "ish", "ic", "er"})
_COMPATIBLE = {frozenset({"GPE", "LOC"}), frozenset({"ORG", "FAC"})}


def compatible(a: str, b: str) -> bool:
    return a == b or "OTHER" in (a, b) or frozenset({a, b}) in _COMPATIBLE


def group_key(type_: str, folded: str) -> str:
    return f"name:{type_}:{folded}"


def article_of(member: str) -> str:
    return member.split("/", 1)[0]


@dataclass(eq=False, slots=True)
class NameForm:
    """A name form; slots and no stored article set, since a corpus holds millions of them
    (issue 19: the resolver was the analyzer's largest state after the LSH tables)."""

    key: str
    type: str
    folded: str
    tokens: tuple[str, ...]
    members: set[str] = field(default_factory=set)  # article entity keys
    surface: Counter[str] = field(default_factory=Counter)  # names as written -> articles
    sample: list[str] = field(default_factory=list)  # the smallest article ids: its context

    @property
    def articles(self) -> set[str]:
        """Ids of the articles naming it (from the member keys, read only when judging)."""
        return {article_of(m) for m in self.members}


def name_similarity(
    a: tuple[str, ...],
    b: tuple[str, ...],
    token_min: float = 0.6,
    short_form_token: float = 0.8,
    short_form_weight: float = 0.85,
) -> tuple[float, str]:
    """Similarity of two folded token sequences in [0, 1] and the rule that gave it.

    Same length: mean token similarity, none below `token_min`. A short form ("Erdogan" for
    "Recep Tayyip Erdogan"): each short token matches a long one in order at `short_form_token`,
    the last tokens match, and the score is discounted by `short_form_weight` (a short form is
    weaker evidence than a full name). Defaults are [corpus] entity_* settings."""
    if a == b:
        return 1.0, "exact"
    if len(a) == len(b):
        scores = []
        for x, y in zip(a, b, strict=True):
            if len(x) == 1 or len(y) == 1:  # an initial: "j smith" ~ "john smith"
                scores.append(0.9 if x[0] == y[0] else 0.0)
            else:
                scores.append(Indel.normalized_similarity(x, y))
        if min(scores) < token_min:
            return 0.0, "fuzzy"
        return sum(scores) / len(scores), "fuzzy"
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    pos = 0
    matched = 0.0
    for tok in short:
        best, where = 0.0, -1
        for i in range(pos, len(long_)):
            s = Indel.normalized_similarity(tok, long_[i])
            if s > best:
                best, where = s, i
        if best < short_form_token:
            return 0.0, "short-form"
        matched += best
        pos = where + 1
    # A short form must keep the last token (the surname or head noun): "Erdogan" for
    # "Recep Tayyip Erdogan", not "Recep".
    if Indel.normalized_similarity(short[-1], long_[-1]) < short_form_token:
        return 0.0, "short-form"
    return short_form_weight * matched / len(short), "short-form"


def _node(ref: str) -> str:
    """Partition node of a judgement end: a name form stays itself, a member is pinned."""
    return ref if ref.startswith("name:") else "m:" + ref


def blocking_keys(tokens: tuple[str, ...]) -> set[str]:
    """First and last three letters of each longer token: 'cavasoglu' and 'cavusoglu' meet,
    as do 'erdogan' and 'recep tayyip erdogan'; a misspelt first or last letter of a one-word
    name is missed (the price of not comparing every name with every other)."""
    common = T.corpus_data().common_name_tokens
    return {
        f"{t[:3]}|{t[-3:]}" for t in tokens if len(t) >= 4 and not t.isdigit() and t not in common
    }


@dataclass
class AutoVerdict:
    verdict: str
    score: float
    evidence: list[str]


class EntityResolver:
    """Name forms, their automatic judgements, user judgements and the corpus-entity partition."""

    def __init__(self, cfg: Corpus) -> None:
        self.cfg = cfg
        self.forms: dict[str, NameForm] = {}
        self.member_form: dict[str, str] = {}
        self.member_name: dict[str, str] = {}
        self.blocks: dict[str, list[str]] = {}  # blocking key -> name forms (a list: smaller)
        self.candidates: dict[str, set[str]] = {}  # form -> forms worth judging
        self.auto: dict[tuple[str, str], AutoVerdict] = {}  # judged pairs (sorted keys)
        self.user: dict[str, Judgement] = {}  # user judgements by id
        self.node_entity: dict[str, str] = {}  # partition node -> corpus entity id
        self.entity_nodes: dict[str, set[str]] = {}
        self._changed_judgements: dict[str, Judgement] = {}
        self._dirty_nodes: set[str] = set()
        self._user_adj: dict[str, set[str]] = {}
        self.article_forms: dict[str, tuple[str, ...]] = {}

    def _similarity(self, a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, str]:
        cfg = self.cfg
        return name_similarity(
            a,
            b,
            cfg.entity_token_min_similarity,
            cfg.entity_short_form_token_similarity,
            cfg.entity_short_form_weight,
        )

    # ------------------------------------------------------------------ input

    def add_article(self, entities: list[EntityFeature]) -> None:
        """Record one article's entities: new members, new forms, grown contexts."""
        keys: list[str] = []
        article = ""
        for e in entities:
            folded = word_key(e.name)
            if not folded:
                continue
            gk = group_key(e.type, folded)
            form = self.forms.get(gk)
            if form is None:
                form = NameForm(gk, e.type, folded, tuple(folded.split()))
                self.forms[gk] = form
                self._index(form)
            article = article_of(e.key)
            if e.key not in form.members:
                form.members.add(e.key)
                form.surface[e.name] += 1
                self.member_form[e.key] = gk
                self.member_name[e.key] = e.name
            keys.append(gk)
        distinct = tuple(sorted(set(keys)))
        if not distinct:
            return
        self.article_forms[article] = distinct
        limit = self.cfg.entity_context_articles
        for gk in distinct:
            sample = self.forms[gk].sample
            if article not in sample and (len(sample) < limit or article < sample[-1]):
                bisect.insort(sample, article)
                del sample[limit:]
            self._dirty_nodes.add(gk)

    def context(self, form: NameForm) -> set[str]:
        """The name forms that co-occur with `form`, over its first articles (a fixed-size
        sample, so a form named in 50,000 articles costs what one named in 50 does)."""
        out: set[str] = set()
        for article in form.sample:
            out.update(self.article_forms.get(article, ()))
        out.discard(form.key)
        return out

    def _index(self, form: NameForm) -> None:
        found: set[str] = set()
        for bk in blocking_keys(form.tokens):
            bucket = self.blocks.setdefault(bk, [])
            found.update(bucket)
            bucket.append(form.key)  # each form is indexed once
        if not found:
            return
        keys = sorted(found)
        # a C-speed prefilter (token-set ratio) before the token-aligned similarity
        hits = process.extract(
            form.folded,
            [self.forms[k].folded for k in keys],
            scorer=fuzz.token_set_ratio,
            score_cutoff=self.cfg.entity_prefilter_score,
            limit=None,
        )
        for _, _, index in hits:
            other = keys[index]
            o = self.forms[other]
            if not compatible(form.type, o.type):
                continue
            score, _ = self._similarity(form.tokens, o.tokens)
            if score >= self.cfg.entity_unsure_name_similarity:
                self.candidates.setdefault(form.key, set()).add(other)
                self.candidates.setdefault(other, set()).add(form.key)
                self._dirty_nodes.add(other)

    # ------------------------------------------------------------------ automatic judgements

    def judge(self, a: NameForm, b: NameForm) -> AutoVerdict | None:
        cfg = self.cfg
        score, rule = self._similarity(a.tokens, b.tokens)
        if score < cfg.entity_unsure_name_similarity:
            return None
        short, long_ = sorted((a.folded, b.folded), key=len)
        if long_.startswith(short) and long_[len(short) :] in _DEMONYM_ENDINGS:
            return None  # "Latvia" / "Latvian": a place and its people
        sa, sb = a.surface.most_common(1)[0][0], b.surface.most_common(1)[0][0]
        names = f"'{sa}' ({a.type}) ~ '{sb}' ({b.type})"
        if a.folded == b.folded:
            return AutoVerdict(
                "same", 1.0, [f"same name once diacritics and case are folded: {names}"]
            )
        if not a.articles.isdisjoint(b.articles):
            # one article names both and did not make them one: trust the article
            return AutoVerdict(
                "unsure",
                round(0.5 * score, 4),
                [
                    f"name similarity {score:.2f} ({rule}): {names}",
                    "both forms appear in one article",
                ],
            )
        ca = self.context(a) - {b.key}
        cb = self.context(b) - {a.key}
        shared = ca & cb
        small = min(len(ca), len(cb))
        ctx = len(shared) / small if small else 0.0
        evidence = [
            f"name similarity {score:.2f} ({rule}): {names}",
            f"context: {len(shared)} shared co-occurring names of {small} ({ctx:.2f})",
        ]
        if shared:
            evidence.append(
                "shared context: " + ", ".join(sorted(s.split(":", 2)[2] for s in shared)[:6])
            )
        if (
            score >= cfg.entity_min_name_similarity
            and ctx >= cfg.entity_min_context
            and len(shared) >= cfg.entity_min_shared_context
        ):
            return AutoVerdict("same", round(0.5 * score + 0.5 * ctx, 4), evidence)
        why = "context gives no evidence" if ctx < cfg.entity_min_context else "names too far"
        return AutoVerdict("unsure", round(0.5 * score + 0.5 * ctx, 4), [*evidence, why])

    def _rejudge(self, form_key: str) -> None:
        for other in sorted(self.candidates.get(form_key, ())):
            pair = (form_key, other) if form_key < other else (other, form_key)
            verdict = self.judge(self.forms[pair[0]], self.forms[pair[1]])
            old = self.auto.get(pair)
            if verdict is None:
                if old is not None:
                    del self.auto[pair]
                    self._dirty_nodes.update(pair)
                continue
            self.auto[pair] = verdict
            if old is None or (old.verdict, old.score, old.evidence) != (
                verdict.verdict,
                verdict.score,
                verdict.evidence,
            ):
                j = self._auto_record(pair, verdict)
                self._changed_judgements[j.id] = j
                if old is None or old.verdict != verdict.verdict:
                    self._dirty_nodes.update(pair)

    @staticmethod
    def _auto_record(pair: tuple[str, str], v: AutoVerdict) -> Judgement:
        return Judgement(
            id=stable_id("judgement", "auto", *pair),
            a=pair[0],
            b=pair[1],
            verdict=v.verdict,  # type: ignore[arg-type]
            score=min(max(v.score, 0.0), 1.0),
            evidence=v.evidence,
            by="auto",
        )

    # ------------------------------------------------------------------ user judgements

    def node_of(self, ref: str) -> str:
        """Partition node of a reference: a name form key, or an article entity (member) key."""
        if ref.startswith("name:"):
            return ref
        if any(ref in (j.a, j.b) for j in self.user.values() if j.active):
            return "m:" + ref
        return self.member_form.get(ref, "m:" + ref)

    def add_user(self, judgement: Judgement) -> None:
        old = self.user.get(judgement.id)
        self.user[judgement.id] = judgement
        if old != judgement:
            self._changed_judgements[judgement.id] = judgement
        for ref in (judgement.a, judgement.b):
            self._dirty_nodes.add(_node(ref))
            if ref in self.member_form:
                self._dirty_nodes.add(self.member_form[ref])
        if old is not None:
            for ref in (old.a, old.b):
                self._dirty_nodes.add(_node(ref))

    def pinned(self) -> set[str]:
        return {
            ref
            for j in self.user.values()
            if j.active
            for ref in (j.a, j.b)
            if not ref.startswith("name:")
        }

    # ------------------------------------------------------------------ partition

    def _neighbours(self, node: str, pinned: set[str]) -> set[str]:
        out: set[str] = set()
        if node.startswith("name:"):
            for other in self.candidates.get(node, ()):
                pair = (node, other) if node < other else (other, node)
                v = self.auto.get(pair)
                if v is not None and v.verdict == "same":
                    out.add(other)
            form = self.forms.get(node)
            if form:
                out |= {"m:" + m for m in form.members & pinned}
        else:
            member = node[2:]
            if member in self.member_form:
                out.add(self.member_form[member])
        out |= self._user_adj.get(node, set())
        return out

    def update(self) -> tuple[list[CorpusEntity], list[str], list[Judgement]]:
        """Re-judge changed forms, rebuild the partition around them; return what changed."""
        dirty_forms = sorted(n for n in self._dirty_nodes if n in self.forms)
        for gk in dirty_forms:
            self._rejudge(gk)
        pinned = self.pinned()
        self._user_adj = {}
        for j in self.user.values():
            if j.active:
                na, nb = _node(j.a), _node(j.b)
                self._user_adj.setdefault(na, set()).add(nb)
                self._user_adj.setdefault(nb, set()).add(na)
        start = set(self._dirty_nodes)
        self._dirty_nodes = set()
        # everything connected to a changed node through any same-edge, before or after
        area: set[str] = set()
        stack = [n for n in start if n.startswith("name:") or n[2:] in self.member_form]
        for n in start:
            if n in self.node_entity:
                stack.extend(self.entity_nodes.get(self.node_entity[n], ()))
        while stack:
            n = stack.pop()
            if n in area:
                continue
            area.add(n)
            stack.extend(self._neighbours(n, pinned) - area)
            if n in self.node_entity:
                stack.extend(self.entity_nodes.get(self.node_entity[n], set()) - area)
        old_ids = {self.node_entity[n] for n in area if n in self.node_entity}
        cells = self._partition(area, pinned)
        changed: list[CorpusEntity] = []
        new_ids: set[str] = set()
        for cell in cells:
            record = self._record(cell, pinned)
            if record is None:
                continue
            new_ids.add(record.id)
            for n in cell:
                self.node_entity[n] = record.id
            self.entity_nodes[record.id] = set(cell)
            changed.append(record)
        removed = sorted(old_ids - new_ids)
        for rid in removed:
            self.entity_nodes.pop(rid, None)
        for n in area:
            if n in self.node_entity and self.node_entity[n] not in new_ids:
                del self.node_entity[n]
        judgements = [self._changed_judgements[k] for k in sorted(self._changed_judgements)]
        self._changed_judgements = {}
        changed.sort(key=lambda e: e.id)
        return changed, removed, judgements

    def _partition(self, area: set[str], pinned: set[str]) -> list[set[str]]:
        cells = UnionFind(area)
        cannot: dict[str, set[str]] = {n: set() for n in area}
        edges: list[tuple[int, float, str, str]] = []
        for j in sorted(self.user.values(), key=lambda j: j.id):
            if not j.active:
                continue
            na, nb = _node(j.a), _node(j.b)
            if na not in area or nb not in area:
                continue
            if j.verdict == "same":
                edges.append((0, 0.0, na, nb))
            elif j.verdict == "not-same":
                cannot[na].add(nb)
                cannot[nb].add(na)
        for n in sorted(area):
            if n.startswith("m:") and n[2:] in self.member_form:
                gk = self.member_form[n[2:]]
                if gk in area:
                    edges.append((1, 0.0, gk, n))
        same_with: dict[str, list[str]] = {}
        for pair, v in self.auto.items():
            if v.verdict == "same" and pair[0] in area and pair[1] in area:
                edges.append((2, -v.score, pair[0], pair[1]))
                same_with.setdefault(pair[0], []).append(pair[1])
                same_with.setdefault(pair[1], []).append(pair[0])
        # a short form ("Union") may join one long form, not bridge two different ones
        # ("European Union", "Harbour Workers' Union"): dissimilar partners cannot merge
        for partners in same_with.values():
            for i, x in enumerate(partners):
                for y in partners[i + 1 :]:
                    fx, fy = self.forms[x], self.forms[y]
                    score, _ = self._similarity(fx.tokens, fy.tokens)
                    if score < self.cfg.entity_unsure_name_similarity:
                        cannot[x].add(y)
                        cannot[y].add(x)
        edges.sort()
        # cannot-links are kept per root and merged with it
        for _, _, a, b in edges:
            ra, rb = cells[a], cells[b]
            if ra == rb:
                continue
            if any(cells[x] == rb for x in cannot[ra]) or any(cells[x] == ra for x in cannot[rb]):
                continue
            cells.union(ra, rb)
            cannot[cells[ra]] = cannot[ra] | cannot[rb]
        out: dict[str, set[str]] = {}
        for n in sorted(area):
            out.setdefault(cells[n], set()).add(n)
        return list(out.values())

    def _record(self, cell: set[str], pinned: set[str]) -> CorpusEntity | None:
        members: set[str] = set()
        surface: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for n in cell:
            if n.startswith("name:"):
                form = self.forms.get(n)
                if form is None:
                    continue
                own = form.members - pinned
                members |= own
                for m in own:
                    surface[self.member_name[m]] += 1
                    types[form.type] += 1
            else:
                m = n[2:]
                if m in self.member_form:
                    members.add(m)
                    surface[self.member_name[m]] += 1
                    types[self.forms[self.member_form[m]].type] += 1
        if not members:
            return None
        ranked = sorted(surface.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
        typed = sorted(
            ((t, c) for t, c in types.items() if t != "OTHER"), key=lambda kv: (-kv[1], kv[0])
        )
        anchor = (
            min(n for n in cell if n.startswith("name:"))
            if any(n.startswith("name:") for n in cell)
            else min(cell)
        )
        return CorpusEntity(
            id=stable_id("entity", anchor),
            name=ranked[0][0],
            type=typed[0][0] if typed else "OTHER",  # type: ignore[arg-type]
            aliases=[name for name, _ in ranked[1:26]],
            members=sorted(members),
            articles=len({article_of(m) for m in members}),
        )

    # ------------------------------------------------------------------ queries

    def entity_of(self, member: str) -> str | None:
        return self.node_entity.get(self.node_of(member))

    def nodes_of_entity(self, entity_id: str) -> set[str]:
        return set(self.entity_nodes.get(entity_id, ()))

    def members_of_entity(self, entity_id: str) -> list[str]:
        pinned = self.pinned()
        out: set[str] = set()
        for n in self.entity_nodes.get(entity_id, ()):
            if n.startswith("name:") and n in self.forms:
                out |= self.forms[n].members - pinned
            elif n.startswith("m:"):
                out.add(n[2:])
        return sorted(out)

    def all_judgements(self) -> Iterable[Judgement]:
        for pair in sorted(self.auto):
            yield self._auto_record(pair, self.auto[pair])
        yield from (self.user[k] for k in sorted(self.user))
