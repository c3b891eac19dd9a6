"""One paragraph splitter (paragraphs are blocks separated by blank lines), and lines.

The clean stage writes paragraphs separated by one blank line; every later reader of the clean
text (quotes, claims, events, the brief, the evaluation's generated copies) finds them here.
"""

from __future__ import annotations

import re

# A blank line: a line break, optional white space (other blank lines included), a line break.
_BLANK_LINE = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, without the blank lines between them."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def paragraph_texts(text: str) -> list[str]:
    """The text of each paragraph, in order."""
    return [text[s:e] for s, e in paragraphs(text)]


def lines(text: str) -> list[str]:
    """The non-blank lines of a text, stripped (a paragraph may hold several: a list, a table)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


# Where a long text may be cut, best first: after a blank line, after a sentence's end, after
# any white space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?…][\"”’)\]]*\s+"), re.compile(r"\s+"))


def pieces(text: str, size: int) -> list[str]:
    """Consecutive parts of `text` of at most `size` characters that join back into it.

    Each is cut at the best place in its second half (a paragraph break, a sentence's end, a
    space), else at `size` (a "word" longer than a piece is cut inside). A text within `size`
    is one piece; size 0 never cuts.
    """
    if size <= 0 or len(text) <= size:
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = end
        for pattern in _CUTS:
            found = [m.end() for m in pattern.finditer(text, start + size // 2, end)]
            found = [f for f in found if f <= end]
            if found:
                cut = found[-1]
                break
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out
