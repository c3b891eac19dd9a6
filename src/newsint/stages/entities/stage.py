"""Entities stage: who and what is named, merged into one entity per referent inside the article.

Mentions start from spaCy's NER and are corrected by general rules and the tables in
newsint/data (never by patches for one article):

- span fixes: a leading "the", a trailing "'s", a title ("President", "Foreign Minister") split
  off a person's name and kept as a role;
- type fixes: site furniture tagged ORG is dropped; demonyms tagged GPE become NORP demonyms
  ("Ukrainian"); places tagged PERSON become places ("the Zaporizhzhia nuclear power facility",
  "fighting in Bakhmut"); names the tables know take the table's type ("Kremlin" is an ORG);
- names the model missed: table names in the text ("the associated press", "Kyiv"), names it
  tagged elsewhere in the article ("Recep Tayyip Erdogan" when "Erdogan" is tagged), spelling
  variants of tagged names ("Vagner"), all-caps headlines checked against the body;
- links: demonyms to their country with what they stand for ("Russian forces": military),
  capitals and seats of power used for a government ("Ankara said", "the Kremlin") flagged as
  metonymy, roles from appositions ("Bill Burns, the director of the CIA").

Merging is names.merge (beside this module): pure, order-independent, with the evidence of each
link kept.
Other stages find the entity at a span with `entity_at` / `mention_at`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, get_args

from newsint.config import Entities as EntitiesConfig
from newsint.model import Analysis, Entity, EntityType, Mention, Role, stable_id
from newsint.stages.entities.gazetteer import Gazetteer, load_gazetteer
from newsint.stages.entities.names import (
    Candidate,
    Group,
    acronym_letters,
    merge,
    spelling_similarity,
)
from newsint.text.fold import name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.stages.base import Resources, Work

ENTITY_TYPES = frozenset(get_args(EntityType))
_DETERMINERS = frozenset({"the", "a", "an"})
_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "'s", "’s", "am"})
_QUOTES = frozenset("\"'“”‘’«»()[]{},;:")
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_TRIM_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


class EntitiesStage:
    name = "entities"
    requires = frozenset({"doc", "text"})
    assigns = frozenset({"entities", "mentions"})

    def __init__(self, resources: Resources) -> None:
        self.cfg = resources.config.entities
        self.gaz: Gazetteer = resources.get("gazetteer", load_gazetteer)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            analysis = work.analysis
            cands = extract(work.doc, self.gaz, self.cfg)
            groups = merge(cands, self.gaz, self.cfg)
            analysis.mentions, analysis.entities = assemble(analysis.article.id, groups)


# --------------------------------------------------------------------------- lookups for others


def mention_at(analysis: Analysis, start: int, end: int, inside: bool = False) -> Mention | None:
    """The mention covering the span [start, end): the smallest one that contains it.

    With `inside=True` a longer phrase also finds the first mention lying within it
    ("Wagner Group representatives" -> "Wagner Group"), for callers holding a noun phrase.
    Mentions are few per article; a scan is cheaper than an index here.
    """
    best: Mention | None = None
    for m in analysis.mentions:
        if (
            m.start <= start
            and end <= m.end
            and (best is None or m.end - m.start < best.end - best.start)
        ):
            best = m
    if best is None and inside:
        best = next((m for m in analysis.mentions if start <= m.start and m.end <= end), None)
    return best


def entity_at(analysis: Analysis, start: int, end: int, inside: bool = False) -> Entity | None:
    """The entity of `mention_at(analysis, start, end, inside)`, or None."""
    m = mention_at(analysis, start, end, inside)
    return analysis.entity(m.entity) if m and m.entity else None


# --------------------------------------------------------------------------- assembly


def assemble(article_id: str, groups: list[Group]) -> tuple[list[Mention], list[Entity]]:
    """Records from merged groups with stable ids: mentions by offset, entities by first mention."""
    mentions: list[Mention] = []
    entities: list[Entity] = []
    used: set[str] = set()
    for g in groups:
        eid = stable_id("ent", article_id, g.name, g.type)
        if eid in used:  # two referents sharing a name and type (merging refused): keep both
            eid = stable_id("ent", article_id, g.name, g.type, g.members[0].start)
        used.add(eid)
        ids = []
        for c in g.members:
            mid = stable_id("men", article_id, c.start, c.end)
            ids.append(mid)
            mentions.append(
                Mention(
                    id=mid,
                    start=c.start,
                    end=c.end,
                    text=c.text,
                    label=c.label,
                    type=c.type if c.type in ENTITY_TYPES else "OTHER",
                    entity=eid,
                    kind=c.kind,
                    fix=",".join(dict.fromkeys(c.fixes)) or None,
                    link=c.link,
                )
            )
        entities.append(
            Entity(
                id=eid,
                name=g.name,
                type=g.type if g.type in ENTITY_TYPES else "OTHER",
                aliases=g.aliases,
                mentions=ids,
                roles=g.roles,
                country=g.country,
                links=g.links,
                metonymy=g.metonymy,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, entities


# --------------------------------------------------------------------------- extraction


@dataclass
class _Ctx:
    """One Doc with what every rule needs, computed once."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    gaz: Gazetteer
    cfg: EntitiesConfig
    sent_of: list[int]  # sentence index of each token
    shouted: list[bool]  # per token: on an all-caps line (a headline or dateline)
    covered: list[bool]  # tokens inside a kept candidate
    cands: list[Candidate] = field(default_factory=list)
    stems: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # sentence -> words

    def add(self, c: Candidate) -> None:
        ts, te = c.tokens
        for i in range(ts, te):
            self.covered[i] = True
        c.sentence = self.sent_of[ts]
        self.cands.append(c)

    def free(self, ts: int, te: int) -> bool:
        return not any(self.covered[ts:te])


def extract(doc: Doc, gaz: Gazetteer, cfg: EntitiesConfig) -> list[Candidate]:
    """Candidates (mentions before merging) for one Doc, model errors corrected."""
    sent_of = [0] * len(doc)
    for si, sent in enumerate(doc.sents):
        for t in sent:
            sent_of[t.i] = si
    ctx = _Ctx(doc, doc.text, gaz, cfg, sent_of, _shouted(doc, cfg), [False] * len(doc))
    labels = set(cfg.labels)
    persons = _person_words(doc, labels)
    loud: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ not in labels:
            continue
        c = _candidate(ctx, ent.start, ent.end, ent.label_, ent.label_)
        if c is None:
            continue
        _fix_type(ctx, c, persons)
        if ctx.shouted[ent.start]:
            loud.append(c)
        else:
            ctx.add(c)
    _person_short_forms(ctx, persons)
    known = _known_names(ctx)
    for c in loud:  # the model guesses on all-caps text: keep what the article or tables confirm
        entry = gaz.lookup(c.name)
        if entry is not None or name_key(c.name) in known:
            c.type = entry.type if entry else known[name_key(c.name)]
            c.fixes.append("shouted")
            ctx.add(c)
    _from_tables(ctx)
    if cfg.propagate:
        _propagate(ctx, known)
        _shouted_names(ctx, known)
        _variants(ctx, known)
    _acronyms_in_parentheses(ctx)
    for c in ctx.cands:
        _describe(ctx, c)
    _role_countries(ctx)
    return ctx.cands


def _shouted(doc: Doc, cfg: EntitiesConfig) -> list[bool]:
    """Per token: is it on a line written in capitals? (Lines, not sentences: a headline
    often runs into the first sentence for the parser.)"""
    out = [False] * len(doc)
    line: list[Token] = []
    for t in [*doc, None]:
        if t is not None and "\n" not in t.text:
            line.append(t)
            if "\n" not in t.whitespace_:
                continue
        words = [w for w in line if w.is_alpha and len(w) >= 2]
        upper = sum(w.is_upper for w in words)
        if len(words) >= cfg.shouted_min_words and upper >= cfg.shouted_min_ratio * len(words):
            for w in line:
                out[w.i] = True
        line = []
    return out


def _span_text(ctx: _Ctx, ts: int, te: int) -> tuple[int, int, str]:
    start = ctx.doc[ts].idx
    end = ctx.doc[te - 1].idx + len(ctx.doc[te - 1])
    return start, end, ctx.text[start:end]


def _candidate(ctx: _Ctx, ts: int, te: int, label: str, type_: str) -> Candidate | None:
    """A candidate from a token range, its span trimmed; None when nothing name-like is left."""
    doc, words = ctx.doc, ctx.gaz.words
    fixes: list[str] = []
    while ts < te and (doc[ts].text in _QUOTES or doc[ts].is_space):
        ts += 1
    while te > ts and (doc[te - 1].text in _QUOTES or doc[te - 1].is_space):
        te -= 1
    if te - ts > 1 and doc[ts].lower_ in _DETERMINERS:
        ts += 1
        fixes.append("determiner")
    if te - ts > 1 and doc[te - 1].tag_ == "POS":
        te -= 1
        fixes.append("possessive")
    if type_ in _TRIM_TYPES and doc[ts].text[:1].isupper():
        end = te
        while (
            end - ts > 1
            and doc[end - 1].is_lower
            and doc[end - 1].is_alpha
            and doc[end - 2].whitespace_  # not "Yiu-chung"
        ):
            end -= 1  # "Interfax news agency": names do not end in common words
        if end < te:
            te = end
            fixes.append("lowercase-tail")
    if te <= ts or not any(_WORD.search(doc[i].text) for i in range(ts, te)):
        return None
    if all(name_key(doc[i].text) in words.boilerplate for i in range(ts, te)):
        return None  # site furniture the model took for a name ("Home NEWS")
    titles = words.title_heads | words.title_modifiers | words.honorifics
    if all(name_key(doc[i].text) in titles for i in range(ts, te)):
        return None  # a title without a name ("Foreign Minister")
    title: tuple[int, int, str] | None = None
    if type_ == "PERSON" and label == "PERSON":
        first = ts
        while ts > 0 and _given_name(ctx, ts - 1, first):
            ts -= 1  # the model cut "Ana" off "Ana Ribeiro"
        if ts < first:
            fixes.append("extended")
    if type_ == "PERSON":
        cut = _title_length(ctx, ts, te)
        if cut:
            title = _span_text(ctx, ts, ts + cut)
            ts += cut
            fixes.append("title")
    start, end, text = _span_text(ctx, ts, te)
    c = Candidate(start, end, text, label, type_, fixes=fixes, tokens=(ts, te))
    if title:
        _set_title(ctx, c, title[2], title[0])
    return c


def _given_name(ctx: _Ctx, i: int, first: int) -> bool:
    """Is token i an untagged proper noun that belongs before a person's name?"""
    t, words = ctx.doc[i], ctx.gaz.words
    w = name_key(t.text)
    return (
        t.ent_iob_ == "O"
        and not ctx.covered[i]
        and t.pos_ == "PROPN"
        and t.is_title
        and ctx.sent_of[i] == ctx.sent_of[first]
        and w not in words.title_heads
        and w not in words.title_modifiers
        and w not in words.honorifics
        and w not in ctx.gaz.entries
    )


def _title_length(ctx: _Ctx, ts: int, te: int) -> int:
    """How many leading tokens of a person span are a title ("Foreign Minister", "Mr")."""
    words, doc = ctx.gaz.words, ctx.doc
    n, seen_title = 0, False
    for i in range(ts, te - 1):
        w = name_key(doc[i].text)
        entry = ctx.gaz.entries.get(w)
        if w in words.title_heads or w in words.honorifics:
            seen_title = True
        elif not (w in words.title_modifiers or (entry and entry.kind in ("demonym", "country"))):
            break
        n = i - ts + 1
    return n if seen_title else 0


def _set_title(ctx: _Ctx, c: Candidate, title: str, start: int) -> None:
    """Keep a title split off a name; as a role too unless it is a mere honorific ("Mr")."""
    c.title = title
    c.kind = "title"
    words = ctx.gaz.words
    if not any(name_key(w) in words.title_heads for w in title.split()):
        return
    skip = 0
    for m in re.finditer(r"\S+\s*", title):
        if name_key(m.group()) not in words.honorifics:
            break
        skip = m.end()
    c.roles.append(Role(role=title[skip:], start=start + skip, end=start + len(title)))


def _person_words(doc: Doc, labels: set[str]) -> set[str]:
    """Words of multi-word person names: "Jordan" is a person where "Michael Jordan" is, and
    "Wang" where "Wang Donghai" is (family name first)."""
    out = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and "PERSON" in labels and len(ent) > 1:
            out.update(name_key(t.text) for t in ent if t.is_title)
    return out


def _fix_type(ctx: _Ctx, c: Candidate, persons: set[str]) -> None:
    """Correct the model's type where it is known to err, from the tables and the syntax."""
    gaz, words, doc = ctx.gaz, ctx.gaz.words, ctx.doc
    entry = gaz.lookup(c.name)
    ts, te = c.tokens
    if entry is not None and not (c.type == "PERSON" and name_key(c.name) in persons):
        c.entry = entry
        if entry.kind == "demonym":
            c.kind = "demonym"
            c.country = entry.country
        elif entry.country:
            c.country = entry.country
        if c.type != entry.type:
            c.fixes.append("demonym" if entry.kind == "demonym" else "gazetteer")
            c.type = entry.type
        return
    if c.type == "PERSON" and name_key(c.name) not in persons and _place_context(ctx, ts, te):
        c.type = "GPE"
        c.fixes.append("place-as-person")
        return
    if c.type == "ORG" and te - ts == 1 and name_key(c.name) in persons:
        c.type = "PERSON"  # "Wang" beside "Wang Donghai"
        c.fixes.append("person-part")
        return
    last = name_key(doc[te - 1].text)
    if c.type in ("PERSON", "GPE", "LOC", "NORP") and te - ts > 1 and last in words.org_heads:
        c.type = "ORG"  # "the Foreign Ministry", "National Security Council"
        c.fixes.append("org-head")


def _place_context(ctx: _Ctx, ts: int, te: int) -> bool:
    """A name that modifies a place noun, or follows a locative preposition, is a place."""
    doc, words = ctx.doc, ctx.gaz.words
    root = doc[te - 1]
    if root.dep_ in _MODIFIER_DEPS and name_key(root.head.text) in words.place_nouns:
        return True
    if (
        te - ts == 1
        and root.dep_ == "pobj"
        and name_key(root.head.text) in words.place_prepositions
    ):
        return ts == 0 or doc[ts - 1].pos_ not in ("PROPN",)
    return False


def _person_short_forms(ctx: _Ctx, persons: set[str]) -> None:
    """A lone "Korvan" tagged PERSON where the article names "the Korvan Group" is that group."""
    designators = ctx.gaz.words.designators
    orgs = {}
    for c in ctx.cands:
        words = name_key(c.name).split()
        kept = [w for w in words if w not in designators]
        if c.type == "ORG" and len(kept) < len(words) and kept:
            orgs[" ".join(kept)] = c.type
    for c in ctx.cands:
        key = name_key(c.name)
        if c.type == "PERSON" and " " not in key and key in orgs and key not in persons:
            c.type = "ORG"
            c.fixes.append("org-short-form")


def _known_names(ctx: _Ctx) -> dict[str, str]:
    """Folded names (and person surnames) the model tagged outside shouted text -> their type."""
    votes: dict[str, dict[str, int]] = {}
    for c in ctx.cands:
        if c.kind == "demonym":
            continue
        key = name_key(c.name)
        keys = [key]
        if c.type == "PERSON" and " " in key:
            keys.append(key.rsplit(" ", 1)[1])
        for k in keys:
            votes.setdefault(k, {})
            votes[k][c.type] = votes[k].get(c.type, 0) + 1
    return {k: max(v, key=lambda t: (v[t], t)) for k, v in votes.items()}


def _new(ctx: _Ctx, ts: int, te: int, type_: str, fix: str, provisional: bool = False) -> None:
    c = _candidate(ctx, ts, te, "O", type_)
    if c is None:
        return
    c.fixes.append(fix)
    c.provisional = provisional
    _fix_type(ctx, c, set())
    ctx.add(c)


def _from_tables(ctx: _Ctx) -> None:
    """Names of the tables the model missed ("the associated press", "Kyiv")."""
    doc = ctx.doc
    for m in ctx.gaz.matcher.finditer(ctx.text):
        span = doc.char_span(m.start(), m.end())
        if span is None or not ctx.free(span.start, span.end):
            continue
        if ctx.shouted[span.start]:
            continue  # handled with the other shouted names
        entry = ctx.gaz.lookup(m.group())
        if entry is None:
            continue
        if len(span) == 1 and entry.kind != "media":
            t = span[0]
            if t.pos_ not in ("PROPN", "ADJ", "NOUN") or _in_name(ctx, span.start, span.end):
                continue
        _new(ctx, span.start, span.end, entry.type, "gazetteer")


def _in_name(ctx: _Ctx, ts: int, te: int) -> bool:
    """Is the range part of a longer untagged proper name ("Latin America")?"""
    doc = ctx.doc
    before = ts > 0 and doc[ts - 1].pos_ == "PROPN" and doc[ts - 1].is_title
    after = te < len(doc) and doc[te].pos_ == "PROPN" and doc[te].is_title
    return bool(before or after)


def _chains(ctx: _Ctx) -> list[tuple[int, int]]:
    """Maximal runs of free, capitalised proper-noun tokens outside shouted sentences."""
    doc, out, i = ctx.doc, [], 0
    while i < len(doc):
        t = doc[i]
        if ctx.covered[i] or t.pos_ != "PROPN" or not t.text[:1].isupper():
            i += 1
            continue
        j = i
        while (
            j < len(doc)
            and not ctx.covered[j]
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and ctx.sent_of[j] == ctx.sent_of[i]
        ):
            j += 1
        if not ctx.shouted[i]:
            out.append((i, j))
        i = j
    return out


def _propagate(ctx: _Ctx, known: dict[str, str]) -> None:
    """Untagged occurrences of names tagged elsewhere; full names ending in a known surname."""
    doc = ctx.doc
    for ts, te in _chains(ctx):
        key = name_key(_span_text(ctx, ts, te)[2])
        if key in known:
            _new(ctx, ts, te, known[key], "propagated")
        elif known.get(name_key(doc[te - 1].text)) == "PERSON" and all(
            doc[i].is_title for i in range(ts, te)
        ):
            _new(ctx, ts, te, "PERSON", "propagated")


def _shouted_names(ctx: _Ctx, known: dict[str, str]) -> None:
    """In all-caps text, take the word sequences the article or the tables know as names."""
    doc, gaz = ctx.doc, ctx.gaz
    for i in range(len(doc)):
        if not ctx.shouted[i] or ctx.covered[i] or not doc[i].is_alpha:
            continue
        for n in (4, 3, 2, 1):
            te = i + n
            if te > len(doc) or not ctx.free(i, te) or not all(ctx.shouted[i:te]):
                continue
            if n == 1 and (doc[i].is_stop or len(doc[i]) < 2):
                continue  # "US" in "LET US" is no country
            key = name_key(_span_text(ctx, i, te)[2])
            entry = gaz.entries.get(key)
            if key in known or (entry is not None and entry.kind != "media"):
                _new(ctx, i, te, known.get(key) or entry.type, "shouted")
                break


def _variants(ctx: _Ctx, known: dict[str, str]) -> None:
    """Untagged proper nouns spelt like a tagged name ("Vagner"); kept only if merging agrees."""
    cfg = ctx.cfg
    targets = {
        k: t for k, t in known.items() if t in ("PERSON", "ORG") and len(k) >= cfg.fuzzy_min_chars
    }
    for ts, te in _chains(ctx):
        if te - ts > 3:
            continue
        key = name_key(_span_text(ctx, ts, te)[2])
        if len(key) < cfg.fuzzy_min_chars or key in ctx.gaz.entries:
            continue
        best = max(
            ((spelling_similarity(key, k, cfg.fuzzy_min_chars), k) for k in targets if k != key),
            default=(0.0, ""),
        )
        if best[0] >= cfg.fuzzy_threshold:
            _new(ctx, ts, te, targets[best[1]], "spelling-variant", provisional=True)


def _acronyms_in_parentheses(ctx: _Ctx) -> None:
    """ "Long Name (LN)": the acronym is linked to the long name whatever its letters."""
    doc = ctx.doc
    by_start = {c.tokens[0]: c for c in ctx.cands}
    for c in list(ctx.cands):
        te = c.tokens[1]
        if te + 2 >= len(doc) or doc[te].text != "(" or doc[te + 2].text != ")":
            continue
        inner = by_start.get(te + 1)
        letters = acronym_letters(doc[te + 1].text, ctx.cfg.acronym_max_letters)
        if inner is None and letters and ctx.free(te + 1, te + 2):
            _new(ctx, te + 1, te + 2, c.type, "parenthesis")
            inner = ctx.cands[-1]
        if inner is not None and letters and inner.type == c.type:
            inner.expands = c.name


# --------------------------------------------------------------------------- description


def _describe(ctx: _Ctx, c: Candidate) -> None:
    """Kind, links, roles, country and context of one candidate."""
    doc, gaz = ctx.doc, ctx.gaz
    ts, te = c.tokens
    root = doc[te - 1]
    if c.kind == "demonym":
        c.link = _demonym_link(ctx, root)
    elif c.entry is not None and c.entry.kind == "seat":
        c.kind, c.link = "metonym", "government"
    elif c.entry is not None and c.entry.kind == "capital" and c.type == "GPE":
        if _acts(ctx, root):
            c.kind, c.link = "metonym", "government"
    elif (
        c.kind == "name"
        and te - ts == 1
        and not ctx.shouted[ts]
        and acronym_letters(c.name, ctx.cfg.acronym_max_letters)
    ):
        c.kind = "acronym"
    if c.kind in ("name", "title", "acronym"):
        _roles(ctx, c)
    if c.country is None and c.type in ("ORG", "FAC", "NORP", "EVENT", "LAW"):
        for n in (2, 1):
            entry = gaz.entries.get(name_key(_span_text(ctx, ts, min(ts + n, te))[2]))
            if entry and entry.kind in ("country", "demonym") and ts + n < te:
                c.country = entry.country  # "US Treasury Department", "Turkish Embassy"
                break
    c.context = _context(ctx, c)


def _demonym_link(ctx: _Ctx, root: Token) -> str:
    """What a demonym stands for: government, military or people, else the origin of a thing."""
    if root.dep_ in _MODIFIER_DEPS or root.dep_ == "npadvmod":
        return ctx.gaz.words.demonym_links.get(name_key(root.head.text), "origin")
    if root.pos_ in ("NOUN", "PROPN") or root.tag_ in ("NNS", "NNPS"):
        return "people"  # "the Russians said"
    return "origin"


def _acts(ctx: _Ctx, root: Token) -> bool:
    """Is a capital an actor here (its government), not the place? ("Ankara said")."""
    words = ctx.gaz.words
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "Moscow and Beijing said": the first conjunct decides
    dep, head = root.dep_, root.head
    if dep in ("nsubj", "nsubjpass") and dep in words.agent_deps:
        if name_key(head.text) in words.literal_verbs:
            return False
        if head.lower_ in _BE or head.pos_ == "AUX":
            for child in head.children:
                if child.dep_ == "attr":
                    return False  # "Kyiv is a city"
                if child.dep_ == "acomp" and name_key(child.text) in words.literal_adjectives:
                    return False
        return True
    if dep == "poss" and dep in words.agent_deps:
        return name_key(head.text) not in words.literal_nouns
    if dep == "pobj" and head.dep_ == "agent" and "agent" in words.agent_deps:
        return True  # "was rejected by Moscow"
    if dep == "pobj" and head.lower_ in ("with", "from", "to", "between", "against"):
        return name_key(head.head.text) in words.interaction_words
    if dep in _MODIFIER_DEPS:
        return name_key(head.text) in words.government_nouns
    return False


def _roles(ctx: _Ctx, c: Candidate) -> None:
    """Roles from appositions ("Bill Burns, the director of the CIA") and titles before a name."""
    doc, cfg = ctx.doc, ctx.cfg
    ts, te = c.tokens
    span = doc[ts:te]
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and not (ts <= child.i < te):
            _add_role(ctx, c, child.left_edge.i, child.right_edge.i + 1)
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < ts:
        _add_role(ctx, c, head.left_edge.i, ts)  # "his Russian counterpart Sergey Lavrov"
    if c.title is None and c.type == "PERSON":
        words, gaz = ctx.gaz.words, ctx.gaz
        i = ts - 1
        while i >= 0 and ts - i <= cfg.role_max_tokens and ctx.sent_of[i] == c.sentence:
            w = name_key(doc[i].text)
            entry = gaz.entries.get(w)
            if (
                w in words.title_heads
                or w in words.title_modifiers
                or (entry is not None and entry.kind in ("demonym", "country", "seat"))
                or (doc[i].pos_ == "PROPN" and doc[i].is_title and not ctx.covered[i])
                or (ctx.covered[i] and doc[i].ent_type_ in ("ORG", "GPE", "NORP"))
            ):
                i -= 1
                continue
            break
        if i + 1 < ts and name_key(doc[ts - 1].text) in words.title_heads:
            start, _, text = _span_text(ctx, i + 1, ts)
            _set_title(ctx, c, text, start)


def _add_role(ctx: _Ctx, c: Candidate, ts: int, te: int) -> None:
    doc = ctx.doc
    while ts < te and (doc[ts].dep_ in ("det", "poss") or doc[ts].is_punct):
        ts += 1
    while te > ts and (doc[te - 1].is_punct or doc[te - 1].is_space):
        te -= 1
    if ts >= te or te - ts > ctx.cfg.role_max_tokens:
        return
    start, end, text = _span_text(ctx, ts, te)
    c.roles.append(Role(role=text, start=start, end=end))


def _role_countries(ctx: _Ctx) -> None:
    """A person's country from a role naming it ("Turkish Foreign Minister", "president of
    Turkey"); not from "ambassador to Turkey"."""
    doc = ctx.doc
    places = [c for c in ctx.cands if c.country and (c.kind == "demonym" or c.type == "GPE")]
    for c in ctx.cands:
        if c.type != "PERSON" or c.country or not c.roles:
            continue
        for role in c.roles:
            for p in places:
                if not (role.start <= p.start and p.end <= role.end):
                    continue
                r = doc[p.tokens[1] - 1]
                if r.dep_ in _MODIFIER_DEPS or (r.dep_ == "pobj" and r.head.lower_ == "of"):
                    c.country = p.country
                    break
            if c.country:
                break


def _context(ctx: _Ctx, c: Candidate) -> frozenset[str]:
    """Stemmed content words of the candidate's sentence, the name itself left out."""
    ts, te = c.tokens
    if c.sentence not in ctx.stems:
        n = ctx.cfg.context_stem_prefix
        ctx.stems[c.sentence] = [
            (t.i, t.lower_[:n])
            for t in ctx.doc[ts].sent
            if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "VERB", "PROPN", "ADJ")
        ]
    return frozenset(stem for i, stem in ctx.stems[c.sentence] if not ts <= i < te)
