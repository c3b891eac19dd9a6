"""What a name stands for here: demonyms linked to their country and what they stand for
("Russian forces": military), capitals used for a government (metonymy), roles from
appositions and titles, and the context words a merge checks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsint.model import Role
from newsint.stages.entities.context import _MODIFIER_DEPS, _Ctx, _span_text
from newsint.stages.entities.names import Candidate, acronym_letters
from newsint.text.fold import name_key

if TYPE_CHECKING:
    from newsint.stages.tokens import Tok
_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "'s", "’s", "am"})


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


# --------------------------------------------------------------------------- description


def _describe(ctx: _Ctx, c: Candidate) -> None:
    """Kind, links, roles, country and context of one candidate."""
    doc, gaz = ctx.toks, ctx.gaz
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


def _demonym_link(ctx: _Ctx, root: Tok) -> str:
    """What a demonym stands for: government, military or people, else the origin of a thing."""
    if root.dep_ in _MODIFIER_DEPS or root.dep_ == "npadvmod":
        return ctx.gaz.words.demonym_links.get(name_key(root.head.text), "origin")
    if root.pos_ in ("NOUN", "PROPN") or root.tag_ in ("NNS", "NNPS"):
        return "people"  # "the Russians said"
    return "origin"


def _acts(ctx: _Ctx, root: Tok) -> bool:
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
    doc, cfg = ctx.toks, ctx.cfg  # the token table; spaCy's Doc only for what it lacks
    ts, te = c.tokens
    root = doc.span_root(ts, te)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and not (ts <= child.i < te):
            _add_role(ctx, c, child.left_edge.i, ctx.doc[child.i].right_edge.i + 1)
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
                or (ctx.covered[i] and ctx.doc[i].ent_type_ in ("ORG", "GPE", "NORP"))
            ):
                i -= 1
                continue
            break
        if i + 1 < ts and name_key(doc[ts - 1].text) in words.title_heads:
            start, _, text = _span_text(ctx, i + 1, ts)
            _set_title(ctx, c, text, start)


def _add_role(ctx: _Ctx, c: Candidate, ts: int, te: int) -> None:
    doc = ctx.toks
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
    doc = ctx.toks
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
        start, end, _ = ctx.toks.sents[ctx.sent_of[ts]]
        ctx.stems[c.sentence] = [
            (t.i, t.lower_[:n])
            for t in ctx.toks.tokens[start:end]
            if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "VERB", "PROPN", "ADJ")
        ]
    return frozenset(stem for i, stem in ctx.stems[c.sentence] if not ts <= i < te)
