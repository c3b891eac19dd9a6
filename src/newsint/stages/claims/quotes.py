"""Quotation regions from quote marks, paired inside each paragraph.

Curly quotes pair by direction; straight double quotes toggle. A quotation left open at the end
of a paragraph is closed there and marked `open_end` (news style repeats the opening mark on the
next paragraph of a multi-paragraph quote and closes only the last one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    quotes: list[Quote] = []
    for p_start, p_end in paragraphs(text):
        opened: int | None = None
        for pos, length, role in _marks(text, p_start, p_end):
            if opened is None and role in ("open", "toggle"):
                opened = pos
            elif opened is not None and role in ("close", "toggle"):
                quotes.append(Quote(opened, pos + length))
                opened = None
        if opened is not None:
            end = p_end
            while end > opened + 1 and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(opened, end, open_end=True))
    return quotes


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
    inside = 0
    for ws, we in words:
        if any(q.start < ws and we <= q.end for q in near):
            inside += 1
    return inside / len(words)
