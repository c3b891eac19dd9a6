"""Anchors: expressions relative to an event ("one month after the calls") take the dated
expression of the sentence that event was reported in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsint.config import Time as TimeConfig
from newsint.model import TimeExpr
from newsint.stages.time.candidates import Normalised
from newsint.stages.time.rules import rules
from newsint.text import timex
from newsint.text.textsim import content_words

if TYPE_CHECKING:
    from spacy.tokens import Doc


# --------------------------------------------------------------------------- anchors


@dataclass
class Placed:
    expr: TimeExpr
    sentence: int


def _signal_after(text: str, end: int) -> tuple[str, int, int] | None:
    """(signal, sign, index after it) when "after"/"before"/"later"/"earlier" follows `end`."""
    tail = text[end : end + 30]
    r = rules()
    for words, sign in ((r.after, 1), (r.before, -1)):
        for w in sorted(words, key=len, reverse=True):
            m = re.match(rf"\s+({re.escape(w)})\b", tail, re.IGNORECASE)
            if m:
                return w, sign, end + m.end()
    return None


def _event_phrase(doc: Doc, text: str, start: int) -> str | None:
    """The noun phrase after a signal word: "after [Erdogan's phone calls with Putin]"."""
    span = doc.char_span(start - 1, start, alignment_mode="expand")
    if span is None:
        return None
    signal = span[0]
    objects = [c for c in signal.children if c.dep_ in ("pobj", "pcomp", "obj")]
    if objects:
        sub = list(objects[0].subtree)
        return text[sub[0].idx : sub[-1].idx + len(sub[-1].text)]
    m = re.match(r"\s*([^,;.:]+)", text[start:])
    return m.group(1).strip() if m else None


def _is_date(expr: TimeExpr) -> bool:
    """A calendar date, or one that would be with a publication date: a possible anchor."""
    if expr.type not in ("DATE", "TIME"):
        return False
    if expr.value is None:
        return expr.anchor == "published" and expr.value not in timex.REFS
    return timex.period(expr.value) is not None


def _anchor_by_event(
    event: str, sentence: int, placed: list[Placed], sentences: list[str], cfg: TimeConfig
) -> Placed | None:
    """The dated expression whose sentence shares the most content words with the event."""
    words = content_words(event)
    best: tuple[int, int, Placed] | None = None
    for p in placed:
        if not _is_date(p.expr):
            continue
        if not 0 <= sentence - p.sentence <= cfg.anchor_max_sentences_back:
            continue
        shared = len(words & content_words(sentences[p.sentence]))
        key = (shared, p.sentence)
        if shared >= cfg.anchor_min_shared_words and (best is None or key > best[:2]):
            best = (shared, p.sentence, p)
    return best[2] if best else None


_ORDER = ("time", "day", "week", "month", "quarter", "half", "year", "decade", "century")


def _coarser(a: str, b: str) -> str:
    if a not in _ORDER or b not in _ORDER:
        return a
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


def _relative_to(anchor: TimeExpr | None, duration: str | None, sign: int, n: Normalised) -> None:
    """Turn a duration into the date it points to from its anchor, or mark it unresolved."""
    n.type = "DATE"
    n.relative = False
    if anchor is not None:
        n.anchor = anchor.id
    if anchor is None or anchor.value is None or duration is None:
        n.value, n.resolved = None, False
        if anchor is not None:
            n.rule += ": its anchor is unresolved"
        return
    moved = timex.shift(anchor.value, duration, sign)
    unit = timex.parse_duration(duration)
    if moved and unit:
        # "a year after 12 March" is a year, not a day: no more precision than the offset has
        coarser = _coarser(timex.granularity(moved), timex.UNIT_GRANULARITY.get(unit[1], "day"))
        span = timex.period(moved)
        moved = timex.render(span[0], coarser) if span else moved
    n.value = moved
    n.anchor = anchor.id
    n.resolved = moved is not None and anchor.resolved
    if moved is None:
        n.rule += ": cannot shift"
