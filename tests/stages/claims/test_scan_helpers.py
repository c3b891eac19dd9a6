"""The scan helpers that replace slicing the text once per quotation (claims.context), and the
quote-mark scan (claims.quotes._marks): each against the slice-and-strip it stands for."""

from __future__ import annotations

import pytest

from newsint.stages.claims.context import _run_start, _space_end
from newsint.stages.claims.quotes import _marks, find_quotes, quoted_share


@pytest.mark.parametrize(
    ("text", "end", "start"),
    [
        ("“Done,” , she said", 9, 7),  # back over " ," to just after the closing mark
        ("“Done,” she said", 8, 7),
        ("“Done,”she said", 7, 7),  # nothing to scan over: the run is empty
        (" , ,", 4, 0),  # the whole text
        ("", 0, 0),
    ],
)
def test_run_start(text: str, end: int, start: int) -> None:
    assert _run_start(text, end, " ,") == start
    for i in range(end + 1):  # blank exactly from the run's start on
        assert (not text[i:end].strip(" ,")) == (start <= i)


@pytest.mark.parametrize(
    ("text", "pos", "stop"),
    [
        ("said. \n “Next”", 5, 8),  # over a space and a line break to the opening mark
        ("said.“Next”", 5, 5),
        ("said.   ", 5, 8),  # blank to the end: the text's length
        ("said.", 9, 9),  # past the end: nothing to scan
    ],
)
def test_space_end(text: str, pos: int, stop: int) -> None:
    assert _space_end(text, pos) == stop
    for j in range(pos, len(text) + 1):
        assert (not text[pos:j].strip()) == (j <= stop)


@pytest.mark.parametrize(
    ("text", "start", "end", "marks"),
    [
        (
            'He said “yes” and "no".',
            0,
            23,
            [(8, 1, "open"), (12, 1, "close"), (18, 1, "toggle"), (21, 1, "toggle")],
        ),
        ("``Yes,'' he said.", 0, 17, [(0, 2, "open"), (6, 2, "toggle")]),
        ("It's a 'word'.", 0, 14, []),  # single apostrophes are no marks
        ("«Oui» „ja“", 0, 10, [(0, 1, "open"), (4, 1, "close"), (6, 1, "open"), (9, 1, "open")]),
        ("ends `\n`next", 0, 6, []),  # a lone backtick before the paragraph's end
        ("ends ``", 0, 6, [(5, 2, "open")]),  # a pair read across the paragraph's end
        ("a “b” c", 2, 4, [(2, 1, "open")]),  # only marks inside [start, end)
    ],
)
def test_marks(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> None:
    assert _marks(text, start, end) == marks


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The clerk said “the vault is empty” and left.", 0, 45),
        ("“All of it,” she said, “is gone, every coin.”", 0, 46),
        ("“All of it,” she said, “is gone, every coin.”", 5, 30),  # cut inside both
        ('He called it "a fine mess" twice, then "enough".', 0, 48),
        ("No marks here at all.", 0, 21),
    ],
)
def test_quoted_share_counts_words_inside(text: str, start: int, end: int) -> None:
    """The bisection over word offsets counts what a test per word counts."""
    import re

    quotes = find_quotes(text)
    words = [m.span() for m in re.finditer(r"\w+", text[start:end])]
    words = [(a + start, b + start) for a, b in words]
    inside = sum(any(q.start < a and b <= q.end for q in quotes) for a, b in words)
    expected = inside / len(words) if quotes and words else 0.0
    assert quoted_share(text, start, end, quotes) == expected
