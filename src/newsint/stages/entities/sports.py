"""Sports clubs named after places ("Surrey beat Kent", "Millwall 2 Burnley 1", "BOSTON AT
DETROIT"): organisations, which the model reads as places or people.

Only in a sports article (enough sports words, data/entities.toml [sports]), and only by
context: a name standing in a results or standings line beside scores, or the subject or
object of a result verb ("beat", "drew with"), or before a squad role ("Surrey captain").
Countries stay places: news, like CoNLL, writes national sides by their country's name.
The rules propose (tokens, type); the mentions module applies them.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING

from newsint.stages.entities.context import _Ctx
from newsint.text.fold import name_key

if TYPE_CHECKING:
    from spacy.tokens import Token

_NUMBER = re.compile(r"^\d+(?:[.,:/\-]\d+)*(?:[.,:/\-]\d+|[½¼¾])?$|^\d+/\d+$|^\.\d+$")
_RANK = re.compile(r"\s*\d+[.=](?:\s|$)")  # matched at a line's start
_INITIAL = re.compile(r"^[A-Z]\.$")
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "PERSON"})
# spaCy's labels of numbers and times: "July 21" beside a number is a date, not a team
_NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"})
Proposal = tuple[int, int, str, str]  # token start, token end, type, fix


def sports_document(ctx: _Ctx) -> bool:
    """Does the article speak of sport (enough sports words, or results lines)?"""
    words, text = ctx.gaz.words, ctx.text
    return _matches_at_least(words.sports_cue_matcher, text, ctx.cfg.sports_min_cues) or (
        _matches_at_least(words.result_line, text, ctx.cfg.sports_min_result_lines)
    )


def _matches_at_least(pattern: re.Pattern[str], text: str, n: int) -> bool:
    """`len(pattern.findall(text)) >= n`, the scan stopped at the n-th match."""
    if n <= 0:
        return True
    return next(islice(pattern.finditer(text), n - 1, None), None) is not None  # an n-th match


def team_proposals(ctx: _Ctx) -> list[Proposal]:
    """Team names of the result and standings lines, and place names used as teams in prose
    (for a sports article: the caller asks `sports_document` first)."""
    out = _table_teams(ctx)
    taken = {i for ts, te, _, _ in out for i in range(ts, te)}
    for c in ctx.cands:  # "Marion Roe ( France ) 3:31.674": an athlete, whatever the model said
        ts, te = c.tokens
        athlete = c.type == "ORG" and te - ts > 1 and _country_follows(ctx, te)
        if athlete and not taken.intersection(range(ts, te)) and not _org_word(ctx, ts, te):
            out.append((ts, te, "PERSON", "sports-athlete"))
            taken.update(range(ts, te))
    for c in ctx.cands:
        ts, te = c.tokens
        if c.type in _PLACE_TYPES and not taken.intersection(range(ts, te)):
            if _is_country(ctx, c.name) or (c.type == "PERSON" and te - ts > 1):
                continue
            if _team_context(ctx, ts, te):
                out.append((ts, te, "ORG", "sports-team"))
    return out


def competitions(ctx: _Ctx) -> None:
    """In a sports article a name ending in a competition word is the competition (EVENT):
    "American League", "Fed Cup", "Hong Kong Open" (the model says club or place)."""
    heads = ctx.gaz.words.competition_heads
    for c in ctx.cands:
        ts, te = c.tokens
        if te - ts < 2 or c.type not in ("ORG", "GPE", "LOC", "FAC", "PERSON", "NORP"):
            continue
        if name_key(ctx.doc[te - 1].text) in heads and ctx.gaz.lookup(c.name) is None:
            c.type, c.entry, c.country = "EVENT", None, None
            c.fixes.append("competition")


def capital_competitions(ctx: _Ctx) -> list[Proposal]:
    """Competitions written in capitals ("HONG KONG OPEN", "AMERICAN LEAGUE"), which the model
    misses in all-caps lines: the capitalised words before a competition word, back to a
    function word or a dash ("RESULTS FROM THE U.S. OPEN" -> "U.S. OPEN")."""
    heads, doc = ctx.gaz.words.competition_heads, ctx.doc
    out: list[Proposal] = []
    for t in doc:
        if not (t.is_upper and t.is_alpha and name_key(t.text) in heads):
            continue
        ts = t.i
        while ts > 0 and _capital_word(doc[ts - 1]) and "\n" not in doc[ts - 1].whitespace_:
            ts -= 1
        if ts < t.i:
            out.append((ts, t.i + 1, "EVENT", "competition"))
    return out


def _capital_word(t: Token) -> bool:
    return t.is_upper and not t.is_stop and any(c.isalpha() for c in t.text) and t.text != "-"


# --------------------------------------------------------------------------- tables


def _lines(ctx: _Ctx) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for t in ctx.doc:
        if "\n" in t.text:
            lines.append([])
            continue
        lines[-1].append(t)
        if "\n" in t.whitespace_:
            lines.append([])
    return [line for line in lines if line]


def _is_number(t: Token) -> bool:
    return bool(_NUMBER.match(t.text))


def _table_teams(ctx: _Ctx) -> list[Proposal]:
    words, cfg = ctx.gaz.words, ctx.cfg
    out: list[Proposal] = []
    for line in _lines(ctx):
        if _RANK.match(ctx.text, line[0].idx):
            continue  # "1. Jane Roe ( Kenya ) 13.17": ranked athletes, not teams
        numbers = sum(_is_number(t) for t in line)
        alpha = sum(t.is_alpha for t in line)
        separators = sum(t.text in words.sports_separators for t in line)
        table = numbers >= cfg.table_min_numbers and numbers >= cfg.table_number_ratio * alpha
        if not table and not separators:
            continue
        for ts, te in _runs(ctx, line):
            before = ctx.doc[ts - 1] if ts > line[0].i else None
            after = ctx.doc[te] if te <= line[-1].i else None
            if after is not None and after.text == ":":
                continue  # "Leicester :" a venue, "Division two :" a heading
            if before is not None and before.lower_ in words.sports_venue_words:
                if before.text in words.sports_separators and not table:
                    # "KANSAS CITY AT DETROIT": the visitors, then where they play
                    out.append((ts, te, "GPE", "sports-venue"))
                continue  # "At Hove": a venue
            beside = [t for t in (before, after) if t is not None]
            if not any(_is_number(t) or t.text in words.sports_separators for t in beside):
                continue
            if not table and not all(t.text in words.sports_separators for t in beside):
                continue  # a fixture line: "KANSAS CITY AT DETROIT", "Wigan v Hull"
            out.append((ts, te, _table_type(ctx, ts, te), "sports-table"))
    return out


def _runs(ctx: _Ctx, line: list[Token]) -> list[tuple[int, int]]:
    """Maximal name-like runs: capitalised words, with "'s", "of" and "( B )" inside a name."""
    words, doc = ctx.gaz.words, ctx.doc
    out: list[tuple[int, int]] = []
    i, end = line[0].i, line[-1].i + 1
    while i < end:
        if not _capitalised(ctx, doc[i]):
            i += 1
            continue
        j = i + 1
        while j < end and (step := _name_step(ctx, j, end)):
            j += step
        if not all(name_key(doc[k].text) in words.boilerplate for k in range(i, j)) and not any(
            doc[k].ent_type_ in _NOT_NAMES for k in range(i, j)
        ):
            out.append((i, j))
        i = j
    return out


def _capitalised(ctx: _Ctx, t: Token) -> bool:
    return (
        t.text[:1].isupper()
        and t.text[:1].isalpha()
        and t.text not in ctx.gaz.words.sports_separators
    )


def _name_step(ctx: _Ctx, j: int, end: int) -> int:
    """How many tokens from j still belong to the name being read (0: it ends before j)."""
    doc, words = ctx.doc, ctx.gaz.words
    u = doc[j]
    if _capitalised(ctx, u) or u.text in ("'s", "’s"):
        return 1
    if u.lower_ in words.sports_name_joiners and j + 1 < end and _capitalised(ctx, doc[j + 1]):
        return 1  # "Queen of South"
    if (
        u.text == "("
        and j + 2 < end
        and doc[j + 2].text == ")"
        and doc[j + 1].text.isupper()
        and len(doc[j + 1].text) <= 2
    ):
        return 3  # "Proleter ( Z )": the town a club comes from
    return 0


def _table_type(ctx: _Ctx, ts: int, te: int) -> str:
    """A table name is a club unless it is a country (a national side) or a person the model
    tagged as such with a full name, or a name written with an initial ("J. Roe 4-37")."""
    text = ctx.text[ctx.doc[ts].idx : ctx.doc[te - 1].idx + len(ctx.doc[te - 1])]
    if _is_country(ctx, text):
        return "GPE"
    if _INITIAL.match(ctx.doc[ts].text):
        return "PERSON"
    after = ctx.doc[te - 1].idx + len(ctx.doc[te - 1])
    if ctx.gaz.words.person_figures.match(ctx.text, after):
        return "PERSON"
    for c in ctx.cands:
        if c.tokens == (ts, te) and c.type == "PERSON" and te - ts > 1 and "score" not in c.fixes:
            return "PERSON"  # (a span the model ran into the score is no sure person)
    if te - ts > 1 and _country_follows(ctx, te):
        return "PERSON"  # "Ada Capelli ( France ) 3:31.674"
    return "ORG"


def _org_word(ctx: _Ctx, ts: int, te: int) -> bool:
    """Does the name carry an organisation's word ("Red Star Club", "Dinamo Moscow FC")?"""
    words = ctx.gaz.words
    return any(
        name_key(t.text) in words.designators or name_key(t.text) in words.org_heads
        for t in ctx.doc[ts:te]
    )


def _country_follows(ctx: _Ctx, te: int) -> bool:
    """ "( France )" right after the name: an athlete's nationality."""
    doc = ctx.doc
    if te + 2 >= len(doc) or doc[te].text != "(":
        return False
    line_end = ctx.text.find("\n", doc[te].idx)
    inner = ctx.text[doc[te].idx + 1 : line_end if line_end >= 0 else len(ctx.text)]
    return ")" in inner and _is_country(ctx, inner.split(")", 1)[0].strip())


# --------------------------------------------------------------------------- prose


def _team_context(ctx: _Ctx, ts: int, te: int) -> bool:
    """Is the name a team by its syntax: subject or object of a result verb, after "v" or
    "against", before a squad role or a possessive with a game noun, or beside a score?"""
    words, doc = ctx.gaz.words, ctx.doc
    root = doc[te - 1]
    head = root.head
    if root.dep_ in ("nsubj", "dobj", "nsubjpass") and head.lemma_.lower() in words.sports_verbs:
        return True
    if root.dep_ == "pobj" and head.lower_ in words.sports_prepositions:
        grand = head.head
        return grand.lemma_.lower() in words.sports_verbs or grand.lower_ in words.sports_nouns
    after = doc[te] if te < len(doc) else None
    before = doc[ts - 1] if ts > 0 else None
    if before is not None and before.text in words.sports_separators:
        return True
    if after is not None and after.lower_ in words.sports_roles:
        return True
    if root.dep_ == "poss":  # "Boston 's seventh loss", "Surrey 's captain"
        return head.lower_ in words.sports_nouns or head.lower_ in words.sports_roles
    return False


def _is_country(ctx: _Ctx, name: str) -> bool:
    """A country (or a home nation): its side is written as the place."""
    if name_key(name) in ctx.gaz.words.national_sides:
        return True
    entry = ctx.gaz.lookup(name)
    return entry is not None and entry.kind in ("country", "demonym")
