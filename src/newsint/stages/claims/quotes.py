"""Quotation regions from quote marks, paired inside each paragraph.

Curly quotes pair by direction; straight double quotes toggle. A quotation left open at the end
of a paragraph is closed there and marked `open_end` (news style repeats the opening mark on the
next paragraph of a multi-paragraph quote and closes only the last one).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from newsint.stages.claims.known_cues import closing_mark
from newsint.text.segments import paragraphs

OPEN = "“«„"
CLOSE = "”»"
STRAIGHT = '"'
_WORD = re.compile(r"\w+")
_MARK = re.compile("``|''|[" + re.escape(OPEN + CLOSE + STRAIGHT) + "]")
_ROLE = {
    "``": "open",
    "''": "toggle",
    STRAIGHT: "toggle",
    **{ch: "open" for ch in OPEN},
    **{ch: "close" for ch in CLOSE},
}


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end when left open)
    open_end: bool = False  # no closing mark before the paragraph ended

    def words(self, text: str) -> int:
        return len(_WORD.findall(text[self.start : self.end]))


def opens_quotation(text: str, pos: int) -> bool:
    """Whether a quote mark (of any style or direction) stands at `pos`."""
    m = _MARK.match(text, pos)
    return m is not None


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Quote marks of a paragraph as (offset, length, role): open, close or toggle.
    Two apostrophes ('') and two backticks (``) are marks too (older wire and NYT copy).
    A pair may close on the first character after the paragraph, as a scan from its start
    reading two characters at a time would take it."""
    out: list[tuple[int, int, str]] = []
    for m in _MARK.finditer(text, start, end + 1):
        if m.start() >= end:
            break
        out.append((m.start(), m.end() - m.start(), _ROLE[m.group()]))
    return out


def find_quotes(text: str) -> list[Quote]:
    """The outermost quotations of each paragraph. A quotation inside another in the other
    style of mark ("…about “Equal Justice” anymore…", “…the "bathroom bill" again…”) is
    skipped as a whole: its closing mark does not close the outer one. A mark of the other
    style with no partner before the outer one's close still closes it (mixed typing), and so
    does a straight mark typed where a closing one stands (`known_cues.closing_mark`)."""
    quotes: list[Quote] = []
    for p_start, p_end in paragraphs(text):
        marks = _marks(text, p_start, p_end)
        opened: int | None = None
        straight = False  # the open quotation started with a straight mark
        nested = 0  # curly quotations open inside a straight one
        skip: set[int] = set()  # straight marks of a quotation inside a curly one
        for k, (pos, length, role) in enumerate(marks):
            if pos in skip:
                continue
            if opened is None:
                if role in ("open", "toggle"):
                    opened, straight, nested = pos, role == "toggle" and length == 1, 0
                continue
            if straight and role == "open" and pos == opened + 1:
                straight = False  # '"“' typed twice: one opening, curly from here
                continue
            if straight and length == 1 and text[pos] != STRAIGHT:
                if role == "open":
                    nested += 1
                    continue
                if nested:
                    nested -= 1
                    continue
            elif not straight and role == "toggle" and length == 1 and not closing_mark(text, pos):
                partner = _inner_partner(text, marks, k)
                if partner is not None:
                    skip.add(partner)
                    continue
            if role in ("close", "toggle"):
                quotes.append(Quote(opened, pos + length))
                opened = None
        if opened is not None:
            end = p_end
            while end > opened + 1 and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(opened, end, open_end=True))
    return quotes


def _inner_partner(text: str, marks: list[tuple[int, int, str]], k: int) -> int | None:
    """The straight mark that closes a straight quotation opened at marks[k] inside a curly
    one: the next straight mark, when the curly quotation's own close comes after it."""
    rest = marks[k + 1 :]
    for i, (pos, length, role) in enumerate(rest):
        if role == "close":
            return None
        if role == "toggle" and length == 1 and text[pos] == STRAIGHT:
            return pos if any(r == "close" for _, _, r in rest[i + 1 :]) else None
    return None


def inside_speech(quotes: list[Quote], pos: int, text: str, min_words: int) -> bool:
    """Whether `pos` lies inside a closed quotation long enough to be speech."""
    return any(
        q.start < pos < q.end and not q.open_end and q.words(text) >= min_words for q in quotes
    )


def quoted_share(text: str, start: int, end: int, quotes: list[Quote]) -> float:
    """Share of the words of text[start:end] that stand inside quotation marks."""
    near = [q for q in quotes if q.start < end and start < q.end]  # the others hold no word
    if not near:
        return 0.0
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    if not words:
        return 0.0
    # the words run in text order: those inside one quotation are a run of the list, found
    # by bisection instead of a test per word (a word inside two is counted once)
    starts = [ws for ws, _ in words]
    ends = [we for _, we in words]
    inside: set[int] = set()
    for q in near:
        inside.update(range(bisect_right(starts, q.start), bisect_right(ends, q.end)))
    return len(inside) / len(words)
