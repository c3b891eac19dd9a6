"""Mentions: spaCy's names checked and fixed (spans, types, titles), and the names it missed found
(the tables' names, names tagged elsewhere in the article, spelling variants, shouted headlines,
acronyms in parentheses).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsint.config import Entities as EntitiesConfig
from newsint.stages.entities.business import retype_companies
from newsint.stages.entities.context import _MODIFIER_DEPS, _Ctx, _span_text
from newsint.stages.entities.credits import (
    block_credits,
    block_tickers,
    credit_names,
    in_credit_names,
)
from newsint.stages.entities.describe import _describe, _role_countries, _set_title
from newsint.stages.entities.gazetteer import Gazetteer
from newsint.stages.entities.names import Candidate, acronym_letters, spelling_similarity
from newsint.stages.entities.sports import (
    capital_competitions,
    competitions,
    sports_document,
    team_proposals,
)
from newsint.stages.tokens import Tok, Tokens, tokens_of
from newsint.text.fold import name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc
_DETERMINERS = frozenset({"the", "a", "an"})
_QUOTES = frozenset("\"'“”‘’«»()[]{},;:")
# Types whose names never end in a number (a score or a count stands beside them); a work or an
# event may ("Euro 96", "Apollo 13"), and an outlet ("France 24") outside sports articles.
_NO_NUMBER_TYPES = frozenset({"PERSON", "GPE", "LOC"})
_SCORE_MARKS = frozenset({"-", "–", ":", "/"})  # inside a score ("2-0") as the tokeniser cuts it
_QUOTE_MARKS = frozenset("\"'“”‘’«»")
_TRIM_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
_DIGIT = re.compile(r"\d")


def extract(doc: Doc, gaz: Gazetteer, cfg: EntitiesConfig) -> list[Candidate]:
    """Candidates (mentions before merging) for one Doc, model errors corrected."""
    table = tokens_of(doc)
    sent_of = [0] * len(doc)
    for si, (start, end, _) in enumerate(table.sents):
        sent_of[start:end] = [si] * (end - start)
    n = len(doc)
    ents = doc.ents  # spaCy builds the Spans anew on every `doc.ents`: once here
    shouted, flags = _shouted(doc, cfg), ([False] * n, [False] * n)
    ctx = _Ctx(doc, table.text, table, gaz, cfg, sent_of, shouted, *flags, ents=ents)
    credits = block_credits(ctx)
    ctx.sport = sports_document(ctx)
    tickers = block_tickers(ctx)
    labels = set(cfg.labels)
    persons = _person_words(ctx, labels)
    loud: list[Candidate] = []
    for ent in ents:
        if ent.label_ not in labels:
            continue
        if ent.start in ctx.tickers:
            continue  # named below as the company it follows
        if any(ctx.blocked[ent.start : ent.end]):
            if in_credit_names(ctx, ent.start_char, ent.end_char):
                _credited(ctx, ent.start, ent.end, ent.label_)
            continue
        c = _candidate(ctx, ent.start, ent.end, ent.label_, ent.label_)
        if c is None:
            continue
        _fix_type(ctx, c, persons)
        if ctx.shouted[ent.start]:
            loud.append(c)
        else:
            ctx.add(c)
    _credit_names(ctx, credit_names(ctx, credits))
    _tickers(ctx, tickers)
    _teams(ctx)
    retype_companies(ctx)
    _surnames(ctx)
    _person_short_forms(ctx, persons)
    known = _known_names(ctx)
    _known_in_credits(ctx, known)
    for c in loud:  # the model guesses on all-caps text: keep what the article or tables confirm
        if not ctx.free(*c.tokens):
            continue  # a rule already named it (a club or venue of a fixture line)
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
    if ctx.sport:
        for ts, te, type_, fix in capital_competitions(ctx):
            _replace(ctx, ts, te, type_, fix)
        competitions(ctx)
    for c in ctx.cands:
        _describe(ctx, c)
    _role_countries(ctx)
    return ctx.cands + ctx.credited


def _shouted(doc: Doc, cfg: EntitiesConfig) -> list[bool]:
    """Per token: is it on an all-caps line, or on a first line in title case ("Mayor Backs
    Harbour Deal")? The model takes any run of capitals there for a name ("Trump Says"): names
    stand there only where the article or the tables confirm them. (Lines, not sentences: a
    headline often runs into the first sentence; title-case lines further down are mostly
    lists of names.)"""
    table = tokens_of(doc)
    text = table.text
    blank = len(text) - len(text.lstrip())  # the first line starts within these characters
    out = [False] * len(doc)
    line: list[Tok] = []
    for t in [*table.tokens, None]:
        if t is not None and "\n" not in t.text:
            line.append(t)
            if "\n" not in t.whitespace_:
                continue
        words = [w for w in line if w.is_alpha and len(w.text) >= 2]
        upper = sum(w.is_upper for w in words)
        enough = len(words) >= cfg.shouted_min_words
        first = bool(line) and line[0].idx <= blank  # nothing but spaces before it
        if (enough and upper >= cfg.shouted_min_ratio * len(words)) or (
            enough and first and _title_case_headline(line, words)
        ):
            for w in line:
                out[w.i] = True
        line = []
    return out


def _title_case_headline(line: list[Tok], words: list[Tok]) -> bool:
    """Every word capitalised, no figure and no closing full stop: a headline in title case,
    not a sentence ("Mayor Ilse Brandt spoke.") nor a table row ("Oakvale 3 Harrowgate 1")."""
    content = [t for t in line if not t.is_space]
    if not content or content[-1].text in (".", ":") or any(_DIGIT.search(t.text) for t in content):
        return False
    return all(w.text[:1].isupper() for w in words)


def _candidate(ctx: _Ctx, ts: int, te: int, label: str, type_: str) -> Candidate | None:
    """A candidate from a token range, its span trimmed; None when nothing name-like is left."""
    doc, words = ctx.toks, ctx.gaz.words
    fixes: list[str] = []
    while ts < te and (doc[ts].text in _QUOTES or doc[ts].is_space):
        ts += 1
    while te > ts and (doc[te - 1].text in _QUOTES or doc[te - 1].is_space):
        te -= 1
    cut = next((i for i in range(ts + 1, te) if _opens_quote(doc, i, te)), None)
    if cut is not None:
        te = cut  # "Trump 'Looking Forward'": a headline's quoted words are no part of a name
        while te > ts and (doc[te - 1].text in _QUOTES or doc[te - 1].is_space):
            te -= 1
        if not any(doc[i].text[:1].isupper() for i in range(ts, te)):
            return None  # 'the " Iron Lady': nothing of a name before the quote
        fixes.append("quote-cut")
    if te - ts > 1 and doc[ts].lower_ in _DETERMINERS:
        ts += 1
        fixes.append("determiner")
    while (
        te - ts > 1
        and (doc[te - 1].is_digit or doc[te - 1].text in _SCORE_MARKS)
        and (type_ in _NO_NUMBER_TYPES or (ctx.sport and type_ == "ORG"))
    ):
        te -= 1  # "Jayasuriya 3", "Real Madrid 1": a score beside the name
        fixes.append("score")
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
    if not any(c.isupper() for i in range(ts, te) for c in doc[i].text) and label != "O":
        return None  # the model's "ministry later": no capital, no name (the tables' may be)
    furniture = all(name_key(doc[i].text) in words.boilerplate for i in range(ts, te))
    if furniture and ctx.gaz.lookup(_span_text(ctx, ts, te)[2]) is None:
        return None  # site furniture the model took for a name ("Home NEWS"), not "GB News"
    if all(name_key(doc[i].text) in words.title_words for i in range(ts, te)):
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


def _teams(ctx: _Ctx) -> None:
    """Clubs named after places, by context (sports.py): replace what the model made of them.
    The surname of a person the article names in full ("Edberg" of "Stefan Edberg") is no club."""
    persons = {name_key(e[-1].text) for e in ctx.full_persons}
    proposals = [
        p
        for p in (team_proposals(ctx) if ctx.sport else [])
        if p[2] != "ORG" or name_key(_span_text(ctx, p[0], p[1])[2]) not in persons
    ]
    if proposals:  # a sports article: its dateline's place is no club of the same name
        for c in ctx.cands:
            if ctx.dateline_places.intersection(range(*c.tokens)):
                c.sense = "place"
    teams: set[str] = set()
    for ts, te, type_, fix in proposals:
        if any(ctx.blocked[ts:te]) or ctx.dateline_places.intersection(range(ts, te)):
            continue
        if type_ == "ORG":
            teams.add(name_key(_span_text(ctx, ts, te)[2]))
        old = [c for c in ctx.cands if c.tokens[0] < te and ts < c.tokens[1]]
        if len(old) == 1 and old[0].tokens == (ts, te) and old[0].type == type_:
            continue
        c = _candidate(ctx, ts, te, old[0].label if len(old) == 1 else "O", type_)
        if c is None:
            continue
        for o in old:
            ctx.cands.remove(o)
            for i in range(*o.tokens):
                ctx.covered[i] = False
        c.fixes.append(fix)
        if fix == "sports-venue":
            c.sense = "place"  # DETROIT where the game is, not the Detroit club
        ctx.add(c)
    for c in ctx.cands:  # the same club named in prose ("Derbyshire and Surrey")
        if name_key(c.name) in teams and c.type != "ORG" and c.sense is None:
            c.type = "ORG"
            c.entry = None
            c.fixes.append("sports-team")


def _surnames(ctx: _Ctx) -> None:
    """A place name that is the surname of a person the article names in full is that person
    ("Valeska Paris ... Paris said", "MaliVai Washington ... said Washington"), except after a
    locative preposition ("in Paris")."""
    doc, words = ctx.toks, ctx.gaz.words
    full = ctx.full_persons
    surnames = {name_key(e[-1].text) for e in full}
    inside = {i for e in full for i in range(e.start, e.end)}
    for c in ctx.cands:
        ts, te = c.tokens
        if c.type not in ("GPE", "LOC") or te - ts != 1 or ts in inside or c.sense is not None:
            continue
        if name_key(c.name) not in surnames:
            continue
        if ts > 0 and doc[ts - 1].lower_ in words.place_prepositions | words.sports_venue_words:
            continue
        c.type, c.entry, c.country = "PERSON", None, None
        c.sense = "person"  # kept apart from the place of the same name ("in Lisbon")
        c.fixes.append("surname")


def _replace(ctx: _Ctx, ts: int, te: int, type_: str, fix: str) -> None:
    """A rule's name in place of whatever candidates overlap its tokens."""
    if any(ctx.blocked[ts:te]):
        return
    c = _candidate(ctx, ts, te, "O", type_)
    if c is None:
        return
    for o in [o for o in ctx.cands if o.tokens[0] < te and ts < o.tokens[1]]:
        ctx.cands.remove(o)
        for i in range(*o.tokens):
            ctx.covered[i] = False
    c.fixes.append(fix)
    ctx.add(c)


def _credited(ctx: _Ctx, ts: int, te: int, label: str) -> None:
    """A name the model found in a byline or photo credit: a typed mention of kind "credit"
    that joins no entity (a photographer is no actor of the story)."""
    c = _candidate(ctx, ts, te, label, label)
    if c is not None:
        c.kind = "credit"
        c.sentence = ctx.sent_of[c.tokens[0]]
        ctx.credited.append(c)


def _tickers(ctx: _Ctx, tickers: list[tuple[int, int]]) -> None:
    """The ticker of "Forest Laboratories Inc (NYSE:FRX)" is another name of the company."""
    ends = {c.tokens[1]: c for c in ctx.cands}
    for ts, te in tickers:
        company = ends.get(ts - 3)  # name, "(", exchange, ":", ticker
        if company is None or company.type != "ORG" or not ctx.free(ts, te):
            continue
        c = _candidate(ctx, ts, te, "O", "ORG")
        if c is not None:
            c.kind = "acronym"
            c.expands = company.name
            c.fixes.append("ticker")
            ctx.add(c)


def _known_in_credits(ctx: _Ctx, known: dict[str, str]) -> None:
    """A credited name the article names elsewhere ("Image: Home Office."): typed like there."""
    done = {(c.start, c.end) for c in ctx.credited}
    for s, e in ctx.credit_names:
        span = ctx.doc.char_span(s, e, alignment_mode="contract")
        if span is None or (span.start_char, span.end_char) in done:
            continue
        type_ = known.get(name_key(span.text))
        if type_ is not None:
            _credited(ctx, span.start, span.end, type_)


def _credit_names(ctx: _Ctx, names: list[tuple[int, int, str, str]]) -> None:
    """A dateline's places and a credited outlet: typed so whatever the model said, and added
    where the model missed them (all-caps datelines)."""
    by_tokens = {c.tokens: c for c in ctx.cands}
    for ts, te, type_, fix in names:
        c = by_tokens.get((ts, te))
        if c is not None:
            if c.type != type_ and not (type_ == "GPE" and c.type in ("LOC", "FAC")):
                c.type = type_
                c.fixes.append(fix)
        elif ctx.free(ts, te):
            _new(ctx, ts, te, type_, fix)


def _opens_quote(doc: Tokens, i: int, te: int) -> bool:
    """Does token i open a quotation inside a name's span? A lone straight apostrophe only
    when another closes it nearby ("Traders ' Association" is a plural possessive)."""
    if doc[i].text not in _QUOTE_MARKS:
        return False
    if doc[i].text != "'":
        return True
    return any(doc[k].text == "'" for k in range(i + 1, min(len(doc), te + 2)))


def _given_name(ctx: _Ctx, i: int, first: int) -> bool:
    """Is token i an untagged proper noun that belongs before a person's name?"""
    t, words = ctx.toks[i], ctx.gaz.words
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
    words, doc = ctx.gaz.words, ctx.toks
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


def _person_words(ctx: _Ctx, labels: set[str]) -> set[str]:
    """Words of multi-word person names: "Jordan" is a person where "Michael Jordan" is, and
    "Wang" where "Wang Donghai" is (family name first)."""
    out = set()
    toks = ctx.toks.tokens
    for ent in ctx.ents:
        if ent.label_ == "PERSON" and "PERSON" in labels and ent.end - ent.start > 1:
            out.update(name_key(t.text) for t in toks[ent.start : ent.end] if t.is_title)
    return out


def _fix_type(ctx: _Ctx, c: Candidate, persons: set[str]) -> None:
    """Correct the model's type where it is known to err, from the tables and the syntax."""
    gaz, words, doc = ctx.gaz, ctx.gaz.words, ctx.toks
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
    doc, words = ctx.toks, ctx.gaz.words
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
    toks = ctx.toks
    for m in ctx.gaz.matcher.finditer(ctx.text):
        span = toks.char_span(m.start(), m.end())  # the tokens of `doc.char_span`, no Span made
        if span is None or not ctx.free(*span):
            continue
        ts, te = span
        if ctx.shouted[ts]:
            continue  # handled with the other shouted names
        entry = ctx.gaz.lookup(m.group())
        if entry is None:
            continue
        if (
            te - ts == 1
            and entry.kind != "media"
            and (toks[ts].pos_ not in ("PROPN", "ADJ", "NOUN") or _in_name(ctx, ts, te))
        ):
            continue
        _new(ctx, ts, te, entry.type, "gazetteer")


def _in_name(ctx: _Ctx, ts: int, te: int) -> bool:
    """Is the range part of a longer untagged proper name ("Latin America")?"""
    doc = ctx.toks
    before = ts > 0 and doc[ts - 1].pos_ == "PROPN" and doc[ts - 1].is_title
    after = te < len(doc) and doc[te].pos_ == "PROPN" and doc[te].is_title
    return bool(before or after)


def _chains(ctx: _Ctx) -> list[tuple[int, int]]:
    """Maximal runs of free, capitalised proper-noun tokens outside shouted sentences."""
    mask, starts = ctx.capitalised_names
    covered, sent_of, out, end = ctx.covered, ctx.sent_of, [], 0
    for i in starts:  # only these tokens can start or continue a run
        if i < end or covered[i]:
            continue
        j = i + 1
        while j < len(mask) and mask[j] and not covered[j] and sent_of[j] == sent_of[i]:
            j += 1
        if not ctx.shouted[i]:
            out.append((i, j))
        end = j
    return out


def _propagate(ctx: _Ctx, known: dict[str, str]) -> None:
    """Untagged occurrences of names tagged elsewhere; full names ending in a known surname."""
    doc = ctx.toks
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
    doc, gaz = ctx.toks, ctx.gaz
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
    doc = ctx.toks
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
