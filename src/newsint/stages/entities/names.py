"""In-document merging of name mentions into entities: plain rules over written names.

Kept apart from spaCy so each rule can be tested with a table of names, and so the result depends
on the *set* of mentions only, never on their order: names are grouped by a comparison key, the
safe rules (surname, short form, acronym) link keys they match unambiguously, and fuzzy matches
are tried last, strongest first, each refused when the two sides look like different real names.
Every link that joins two names is kept as MergeEvidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from networkx.utils import UnionFind
from rapidfuzz import fuzz

from newsint.config import Entities as EntitiesConfig
from newsint.model import MergeEvidence, Role
from newsint.stages.entities.gazetteer import Entry, Gazetteer
from newsint.text.fold import name_key

# Order of rule names in an entity's evidence list (strongest first).
RULE_ORDER = ("exact", "alias", "title", "surname", "short-form", "acronym", "fuzzy")
RULE_ORDER += ("demonym", "metonymy")
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]*")


@dataclass
class Candidate:
    """A mention before merging: span, types and what the extraction rules learnt about it."""

    start: int
    end: int
    text: str  # the span's text
    label: str  # the model's label; "O" when a rule found the name
    type: str  # our type
    name: str = ""  # the name as matched: the text without a title ("Erdogan")
    kind: str = "name"  # name, demonym, metonym, acronym, title
    fixes: list[str] = field(default_factory=list)
    entry: Entry | None = None  # what the tables know about the name
    country: str | None = None  # ISO code from the tables, a leading demonym, or a role
    link: str | None = None  # demonyms and metonyms: what the name stands for
    title: str | None = None  # a title split off the name ("President")
    sentence: int = 0
    context: frozenset[str] = frozenset()  # stemmed content words of the sentence
    provisional: bool = False  # found only by spelling similarity: kept if it merges
    expands: str | None = None  # for "Long Name (LN)": the long name this acronym abbreviates
    roles: list[Role] = field(default_factory=list)
    tokens: tuple[int, int] = (0, 0)  # token range in the spaCy Doc, when there is one
    # a sense that keeps the name apart from the same name meaning something else in the
    # article ("place": the dateline's NEW YORK in a results table of New York clubs)
    sense: str | None = None

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.text

    @property
    def key(self) -> str:
        identity = self.entry.identity if self.entry else None
        key = identity or name_key(self.name)
        return f"{self.sense}:{key}" if self.sense else key

    @property
    def named(self) -> bool:
        """True for mentions that name the entity (not a demonym standing for a country)."""
        return self.kind != "demonym"


@dataclass
class Group:
    """Candidates judged one entity, with the evidence and the canonical name."""

    name: str
    type: str
    members: list[Candidate]
    aliases: list[str]
    links: list[MergeEvidence]
    country: str | None
    metonymy: bool
    roles: list[Role]


@dataclass
class _Node:
    """All candidates sharing one comparison key."""

    key: str
    type: str
    members: list[Candidate]
    _initials: list[set[str]] | None = field(default=None, repr=False)

    @cached_property
    def forms(self) -> list[str]:
        """Distinct written names, fullest first."""
        counts = Counter(c.name for c in self.members if c.named)
        return sorted(counts, key=lambda s: _fullness(s, counts[s]), reverse=True)

    @cached_property
    def tokens(self) -> list[tuple[str, ...]]:
        return sorted({tuple(name_key(f).split()) for f in self.forms})

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of its forms: a surname or a short form shares one with the longer name
        (most pairs of names share none)."""
        return frozenset(w for t in self.tokens for w in t)

    def initials(self, skip: frozenset[str]) -> list[set[str]]:
        """`initials` of each of its forms of two words or more (asked by every acronym)."""
        got = self._initials
        if got is None:
            got = self._initials = [initials(t, skip) for t in self.tokens if len(t) >= 2]
        return got

    @property
    def identity(self) -> str | None:
        for c in self.members:
            if c.entry and c.entry.identity:
                return c.entry.identity
        return None


def _proper(name: str) -> int:
    """2 for a properly cased name, 1 for an acronym, 0 for lower case ("associated press")."""
    letters = [ch for ch in name if ch.isalpha()]
    if not any(ch.isupper() for ch in letters):
        return 0
    if all(ch.isupper() for ch in letters):
        return 1 if len(letters) <= 6 else 0  # a shouted name is no proper form either
    return 2


def _fullness(name: str, count: int) -> tuple[bool, int, int, int, str]:
    """Canonical-name order: properly cased, most words, most used, longest, then text."""
    return (_proper(name) > 0, len(name.split()), count, len(name), name)


_Link = Callable[..., None]  # link(a, b, rule, score=1.0, detail=None): union and keep evidence


# --------------------------------------------------------------------------- name rules


def person_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Could two person names be one person? Same surname and no clash of given names.

    "Bill Burns" ~ "Burns" ~ "W. Burns" (initial); "John Smith" is not "Jane Smith".
    """
    if not a or not b or a[-1] != b[-1]:
        return False
    ga, gb = a[:-1], b[:-1]
    if not ga or not gb:
        return True
    if ga[-len(gb) :] == gb or gb[-len(ga) :] == ga:
        return True  # "Tayyip Erdogan" ~ "Recep Tayyip Erdogan"
    if len(ga) != len(gb):
        return False
    return all(
        x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x, y in zip(ga, gb, strict=True)
    )


def is_surname_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`short` is the last words of `long` ("Erdogan" of "Recep Tayyip Erdogan"), or its first
    word (a family name written first, "Wang" of "Wang Donghai", or a given name)."""
    if len(short) >= len(long):
        return False
    return long[-len(short) :] == short or (len(short) == 1 and long[0] == short[0])


def is_short_form(
    short: tuple[str, ...], long: tuple[str, ...], removable: frozenset[str], gaz: Gazetteer
) -> bool:
    """`short` is `long` less a country or generic word ("State Department" of "US State
    Department"; "Wagner" of "Wagner Group")."""
    n = len(short)
    if not short or n >= len(long) or all(t in removable for t in short):
        return False
    for i in range(len(long) - n + 1):
        if long[i : i + n] != short:
            continue
        if _removable(long[:i], removable, gaz) and _removable(long[i + n :], removable, gaz):
            return True
    return False


def _removable(part: tuple[str, ...], removable: frozenset[str], gaz: Gazetteer) -> bool:
    if not part or all(t in removable for t in part):
        return True
    entry = gaz.entries.get(" ".join(part))
    return entry is not None and entry.kind in ("country", "demonym")


def acronym_letters(name: str, max_letters: int) -> str | None:
    """The letters of a name written as an acronym ("CIA", "U.S.", "DoD"), else None."""
    letters = name.replace(".", "").replace(" ", "")
    if not 2 <= len(letters) <= max_letters or not _ACRONYM.fullmatch(letters):
        return None
    if sum(ch.isupper() for ch in letters) < 2:
        return None
    return letters.upper()


def initials(tokens: tuple[str, ...], skip: frozenset[str]) -> set[str]:
    """Acronyms a long name can have: without its small words, and with them ("DoD")."""
    words = [t for t in tokens if t and t[0].isalnum()]
    out = {"".join(t[0] for t in words).upper()}
    kept = [t for t in words if t not in skip]
    if kept:
        out.add("".join(t[0] for t in kept).upper())
    return out


def spelling_similarity(a: str, b: str, min_chars: int) -> float:
    """How alike two names are spelt, word by word (0-100); 0 when a differing word is short.

    Word by word, so "US State Department" and "Ohio State Department" are not 88 % alike: a
    name differs from another by the words that differ, and those must be near-identical.
    """
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return 0.0
    score = 100.0
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if min(len(x), len(y)) < min_chars:
            return 0.0
        score = min(score, fuzz.ratio(x, y))
    return score


def _core(node: _Node, words: frozenset[str]) -> str:
    """What spelling similarity compares: a person's surname, an organisation without "Group"."""
    tokens = tuple(name_key(node.forms[0]).split()) if node.forms else tuple(node.key.split())
    if node.type == "PERSON":
        return tokens[-1] if tokens else ""
    kept = [t for t in tokens if t not in words and t != "the"]
    return " ".join(kept or tokens)


# --------------------------------------------------------------------------- merging


def merge(cands: Iterable[Candidate], gaz: Gazetteer, cfg: EntitiesConfig) -> list[Group]:
    """Group candidates into entities. The same set of candidates gives the same groups."""
    ordered = sorted(cands, key=lambda c: (c.start, c.end, c.type, c.name, c.kind))
    nodes = _nodes(ordered)
    words = gaz.words
    removable = words.designators | {"the"} | gaz.one_word_places
    uf = UnionFind(nodes)
    evidence: list[tuple[str, str, MergeEvidence]] = []

    def link(a: _Node, b: _Node, rule: str, score: float = 1.0, detail: str | None = None) -> None:
        uf.union(a.key, b.key)
        evidence.append(
            (
                a.key,
                b.key,
                MergeEvidence(
                    rule=rule, a=a.forms[0], b=b.forms[0], score=round(score, 3), detail=detail
                ),
            )
        )

    named = [n for n in nodes.values() if n.forms]
    of_type: dict[str, list[_Node]] = {}  # only names of one type link (in `named` order)
    for n in named:
        of_type.setdefault(n.type, []).append(n)
    for short in named:
        _link_unambiguous(short, of_type[short.type], removable, gaz, cfg, link)
    for node in named:  # "Long Name (LN)": the text itself says they are one
        for c in node.members:
            target = nodes.get(name_key(c.expands)) if c.expands else None
            if target is not None and target is not node:
                link(target, node, "acronym", 1.0, "written in parentheses after the long name")
    _link_fuzzy(named, uf, words.designators, cfg, link)

    groups: dict[str, list[_Node]] = {}
    for key in sorted(nodes):
        groups.setdefault(uf[key], []).append(nodes[key])
    out = []
    for members in groups.values():
        cands_ = sorted((c for n in members for c in n.members), key=lambda c: (c.start, c.end))
        if all(c.provisional for c in cands_):
            continue
        keys = {n.key for n in members}
        links = [ev for a, b, ev in evidence if a in keys and b in keys]
        out.append(_group(members, cands_, links, gaz))
    out.sort(key=lambda g: (g.members[0].start, g.members[0].end, g.name))
    return out


def _nodes(ordered: list[Candidate]) -> dict[str, _Node]:
    """One node per key; the type of a key is voted by its mentions (ties: the first mention)."""
    by_key: dict[str, list[Candidate]] = {}
    for c in ordered:
        by_key.setdefault(c.key, []).append(c)
    nodes: dict[str, _Node] = {}
    for key, members in by_key.items():
        identity_type = next(
            (c.entry.type for c in members if c.entry and c.named and c.entry.kind == "country"),
            None,
        )
        if identity_type is None and key.startswith("country:"):
            identity_type = "GPE"  # a country seen only through its demonyms
        votes = Counter(c.type for c in members if c.named)
        if identity_type:
            winner = identity_type
        elif votes:
            top = max(votes.values())
            winner = next(c.type for c in members if c.named and votes[c.type] == top)
        else:
            winner = members[0].type
        for c in members:
            if c.named and c.type != winner:
                c.type = winner
                c.fixes.append("doc-vote")
        nodes[key] = _Node(key, winner, members)
    return nodes


def _link_unambiguous(
    short: _Node,
    same_type: list[_Node],
    removable: frozenset[str],
    gaz: Gazetteer,
    cfg: EntitiesConfig,
    link: _Link,
) -> None:
    """Surname, short-form and acronym links from `short` to longer names of its type (in
    `same_type`), when unambiguous. A person links by surname only, anything else by short
    form or acronym."""
    if short.type == "PERSON":
        rules: tuple[str, ...] = ("surname",)
        letters: set[str | None] = set()
    else:
        rules = ("short-form", "acronym")
        letters = {acronym_letters(f, cfg.acronym_max_letters) for f in short.forms}
        letters.discard(None)
    skip = gaz.words.acronym_skip
    for rule in rules:
        if rule == "acronym" and not letters:
            continue
        targets = []
        for long in same_type:
            if long is short:
                continue
            if rule == "surname":
                hit = not short.words.isdisjoint(long.words) and any(
                    is_surname_of(s, lt) for s in short.tokens for lt in long.tokens
                )
            elif rule == "short-form":
                hit = not short.words.isdisjoint(long.words) and any(
                    is_short_form(s, lt, removable, gaz) for s in short.tokens for lt in long.tokens
                )
            else:
                hit = any(letters & i for i in long.initials(skip))
            if hit:
                targets.append(long)
        if targets and _consistent(targets, removable, gaz):
            for long in targets:
                link(long, short, rule)


def _consistent(targets: list[_Node], removable: frozenset[str], gaz: Gazetteer) -> bool:
    """Several longer names match: fine only if they could all be one entity themselves."""
    for i, a in enumerate(targets):
        for b in targets[i + 1 :]:
            ok = False
            for ta in a.tokens:
                for tb in b.tokens:
                    if a.type == "PERSON":
                        ok = ok or person_compatible(ta, tb)
                    else:
                        ok = ok or is_short_form(ta, tb, removable, gaz)
                        ok = ok or is_short_form(tb, ta, removable, gaz)
            if not ok:
                return False
    return True


def _link_fuzzy(
    named: list[_Node], uf: UnionFind, designators: frozenset[str], cfg: EntitiesConfig, link: _Link
) -> None:
    """Spelling variants, strongest pair first; each refused if it joins different real names."""
    pairs = []
    cores = {n.key: _core(n, designators) for n in named}
    sizes = {k: len(c.split()) for k, c in cores.items()}
    for i, a in enumerate(named):
        for b in named[i + 1 :]:
            if a.type != b.type:
                continue
            ca, cb = cores[a.key], cores[b.key]
            if ca == cb or (sizes[a.key] != sizes[b.key] and cfg.fuzzy_threshold > 0):
                continue  # one core, or a score of 0 (spelling_similarity compares word by word)
            score = spelling_similarity(ca, cb, cfg.fuzzy_min_chars)
            if score >= cfg.fuzzy_threshold and ca != cb:
                pairs.append((-score, *sorted((a.key, b.key))))
    by_key = {n.key: n for n in named}
    members: dict[str, list[_Node]] = {}
    for n in named:
        members.setdefault(uf[n.key], []).append(n)
    for neg, ka, kb in sorted(pairs):
        ra, rb = uf[ka], uf[kb]
        if ra == rb:
            continue
        shared = _fuzzy_blocked(members[ra], members[rb], cfg)
        if shared is None:
            continue
        link(by_key[ka], by_key[kb], "fuzzy", -neg / 100, f"same context: {', '.join(shared)}")
        root = uf[ka]
        merged = members.pop(ra) + members.pop(rb)
        members[root] = merged


def _fuzzy_blocked(ga: list[_Node], gb: list[_Node], cfg: EntitiesConfig) -> list[str] | None:
    """The context words both groups share, or None when merging them would be wrong."""
    ids_a = {n.identity for n in ga} - {None}
    ids_b = {n.identity for n in gb} - {None}
    if ids_a and ids_b and ids_a != ids_b:
        return None  # two names the tables know as different places or bodies
    ca = [c for n in ga for c in n.members]
    cb = [c for n in gb for c in n.members]
    if {c.sentence for c in ca} & {c.sentence for c in cb}:
        return None  # two spellings in one sentence are two names ("Johnson and Jonson")
    if min(len(ca), len(cb)) > cfg.fuzzy_max_variant_mentions:
        return None  # both spellings used consistently: two real names
    if ga[0].type == "PERSON":
        for na in ga:
            for nb in gb:
                for ta in na.tokens:
                    for tb in nb.tokens:
                        if len(ta) > 1 and len(tb) > 1 and not _given_compatible(ta, tb):
                            return None
    shared = set().union(*(c.context for c in ca)) & set().union(*(c.context for c in cb))
    if len(shared) < cfg.fuzzy_min_shared_context:
        return None
    return sorted(shared)[:5]


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return person_compatible((*a[:-1], "_"), (*b[:-1], "_"))


def _group(
    nodes: list[_Node], members: list[Candidate], links: list[MergeEvidence], gaz: Gazetteer
) -> Group:
    counts = Counter(c.name for c in members if c.named)
    entry = next((c.entry for c in members if c.entry and c.named), None)
    identity = next((n.identity for n in nodes if n.identity), None)
    code = identity.split(":", 1)[1] if identity and identity.startswith("country:") else None
    type_ = "GPE" if code else nodes[0].type
    if counts:
        name = max(counts, key=lambda s: _fullness(s, counts[s]))
        if not code:
            type_ = next(n.type for n in nodes if name in n.forms)
        if _proper(name) == 0 and entry is not None:
            name = entry.name  # "associated press" is written; "Associated Press" is its name
    elif code:
        name = gaz.country_name(code)  # a country seen only through its demonyms
    else:
        name = members[0].name
    aliases = sorted(s for s in counts if s != name)
    links = list(links)
    for n in nodes:
        forms = n.forms
        for other in forms[1:]:
            rule = "exact" if name_key(other) == name_key(forms[0]) else "alias"
            detail = (
                "same name once case, accents and dots are ignored"
                if rule == "exact"
                else "names of one place or body in newsint's tables"
            )
            links.append(MergeEvidence(rule=rule, a=forms[0], b=other, detail=detail))
    titled = sorted({(c.title, c.name) for c in members if c.title})
    for title, plain in titled:
        links.append(
            MergeEvidence(rule="title", a=f"{title} {plain}", b=plain, detail=f"title {title!r}")
        )
    countries = Counter(c.country for c in members if c.country)
    country = code or (
        max(
            countries,
            key=lambda k: (countries[k], -min(c.start for c in members if c.country == k)),
        )
        if countries
        else None
    )
    target = name if code or not country else gaz.country_name(country)
    demonyms: dict[str, set[str]] = {}
    for c in members:
        if c.kind == "demonym":
            demonyms.setdefault(c.text, set()).add(c.link or "origin")
    for text, kinds in sorted(demonyms.items()):
        links.append(
            MergeEvidence(rule="demonym", a=text, b=target, detail=", ".join(sorted(kinds)))
        )
    metonyms = [c for c in members if c.kind == "metonym"]
    if metonyms:
        seat = next((c.entry.stands_for for c in metonyms if c.entry and c.entry.stands_for), None)
        detail = (
            f"seat of power standing for {seat}"
            if seat
            else f"capital standing for the government of {target}"
        )
        detail += f" ({len(metonyms)} of {len(members)} mentions)"
        links.append(MergeEvidence(rule="metonymy", a=metonyms[0].name, b=target, detail=detail))
    order = {r: i for i, r in enumerate(RULE_ORDER)}
    links = sorted(
        {(ev.rule, ev.a, ev.b): ev for ev in links}.values(),
        key=lambda ev: (order.get(ev.rule, len(order)), ev.a, ev.b),
    )
    roles: dict[str, Role] = {}
    for c in members:
        for r in c.roles:
            roles.setdefault(r.role.casefold(), r)
    return Group(
        name=name,
        type=type_,
        members=members,
        aliases=aliases,
        links=links,
        country=country,
        metonymy=bool(metonyms),
        roles=sorted(roles.values(), key=lambda r: (r.start, r.end)),
    )
