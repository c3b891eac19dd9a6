"""Companies the model reads as people or places ("tyre giant Pirelli", "Ontario-based Magna",
"Pirelli 's cables division"): organisations by context, then everywhere in the article.

A name is a company when the article says so once: a business noun written before it as its
description ("the Italian tyre giant Pirelli"), an "X-based" before it, or a business noun it
owns ("Magna 's seating business", "Comelf 's output"). Every mention of that name in the
article is then the company, unless it is the surname of a person named in full. Words in
data/entities.toml [companies].
"""

from __future__ import annotations

from newsint.stages.entities.context import _Ctx
from newsint.text.fold import name_key

_RETYPED = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC"})


def company_names(ctx: _Ctx) -> set[str]:
    """Name keys the article describes as companies somewhere."""
    words, doc = ctx.gaz.words, ctx.toks  # the token table: no spaCy Token per look
    out: set[str] = set()
    for c in ctx.cands:
        ts, te = c.tokens
        if c.type not in _RETYPED or (c.type == "PERSON" and te - ts > 1):
            continue
        before = doc[ts - 1] if ts > 0 else None
        suffix = words.company_based_suffix
        described = before is not None and (
            before.lower_ in words.company_descriptors
            or before.lower_.endswith(suffix)
            or (before.lower_ == suffix.lstrip("-") and ts > 1 and doc[ts - 2].text == "-")
        )
        root = doc[te - 1]  # "Pirelli 's cables division": the possessor of a business noun
        owns = (
            c.type == "PERSON" and root.dep_ == "poss" and root.head.lower_ in words.company_owned
        )
        if described or owns:
            out.add(name_key(c.name))
    return out


def retype_companies(ctx: _Ctx) -> None:
    """Every mention of a name described as a company becomes the company (ORG)."""
    companies = company_names(ctx)
    if not companies:
        return
    surnames = {name_key(e[-1].text) for e in ctx.full_persons}
    for c in ctx.cands:
        key = name_key(c.name)
        if key in companies and key not in surnames and c.type in _RETYPED and c.sense is None:
            if ctx.gaz.lookup(c.name) is not None:
                continue  # a country or capital of the tables stays what it is
            c.type = "ORG"
            c.fixes.append("company")
