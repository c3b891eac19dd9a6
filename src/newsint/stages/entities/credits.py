"""Datelines, credit lines, photo credits and bylines (newsint.text.outlets) in the entities stage.

Such a line names no actor: the writers and photographers it credits, and whatever the model
reads into "AP Photo/…", are never entities. Two names in it are real and kept: a dateline's
place ("KYIV, Ukraine (Reuters) —": KYIV and Ukraine are places, whatever case they are in) and
the credited outlet (an ORG, one entity with its other mentions).
"""

from __future__ import annotations

import re

from newsint.stages.entities.context import _Ctx
from newsint.text.outlets import Credit

_PLACE_PART = re.compile(r"[^,]+")


def block_credits(ctx: _Ctx) -> list[Credit]:
    """Mark the tokens of every credit line as taken, except its place and outlet: nothing
    found later (model names, table names, propagated names) may stand there."""
    credits = ctx.toks.credits(ctx.gaz.outlets)  # once per Doc: claims asks too
    for c in credits:
        ctx.credit_names.extend(c.names)
        keep = [c.place] if c.place else []
        if c.outlet:
            keep.append((c.outlet.start, c.outlet.end))
        for t in _tokens(ctx, c.start, c.end):
            idx = ctx.toks[t].idx
            if not any(s <= idx < e for s, e in keep):
                ctx.blocked[t] = True
                ctx.covered[t] = True
    return credits


def block_tickers(ctx: _Ctx) -> list[tuple[int, int]]:
    """ "(NYSE:FRX)": the exchange and brackets are taken (no "NYSE" organisation); the ticker's
    token range is returned, to be named as the company it follows."""
    out = []
    for m in ctx.gaz.words.ticker.finditer(ctx.text):
        ticker = ctx.toks.char_span(*m.span("ticker"))
        for t in _tokens(ctx, m.start(), m.end()):
            if ticker is None or not ticker[0] <= t < ticker[1]:
                ctx.blocked[t] = True
                ctx.covered[t] = True
        if ticker is not None:
            ctx.tickers.add(ticker[0])
            out.append(ticker)
    return out


def in_credit_names(ctx: _Ctx, start: int, end: int) -> bool:
    """Is [start, end) inside the writers or photographers a credit line names?"""
    return any(s <= start and end <= e for s, e in ctx.credit_names)


def credit_names(ctx: _Ctx, credits: list[Credit]) -> list[tuple[int, int, str, str]]:
    """(token start, token end, type, fix) for the names a credit line holds: the places of a
    dateline and its outlet. The caller adds those still free."""
    out: list[tuple[int, int, str, str]] = []
    for c in credits:
        if c.place:
            ps, pe = c.place
            ctx.dateline_places.update(_tokens(ctx, ps, pe))
            for m in _PLACE_PART.finditer(ctx.text, ps, pe):
                s = m.start() + len(m.group()) - len(m.group().lstrip())
                e = m.end() - (len(m.group()) - len(m.group().rstrip()))
                if e <= s:
                    continue
                span = ctx.toks.char_span(s, e, expand=True)
                if span is None:
                    continue
                entry = ctx.gaz.lookup(ctx.text[s:e])
                type_ = entry.type if entry is not None and entry.type != "NORP" else "GPE"
                out.append((*span, type_, "dateline"))
        if c.outlet and (c.outlet.outlet is not None or c.kind != "byline"):
            span = ctx.toks.char_span(c.outlet.start, c.outlet.end, expand=True)
            if span is not None:
                out.append((*span, "ORG", "outlet"))
    return out


def _tokens(ctx: _Ctx, start: int, end: int) -> range:
    """The tokens of `doc.char_span(start, end, alignment_mode="expand")`, from the table."""
    span = ctx.toks.char_span(start, end, expand=True)
    return range(*span) if span is not None else range(0)
