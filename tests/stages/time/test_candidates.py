"""TimeML extents of candidates (candidates._adjust): signals dropped, modifiers and "the" taken in,
"later"/"ago" taken into durations."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from newsint.stages.time.candidates import Candidate, _adjust

DURATION = "datetimeV2.duration"


@pytest.mark.parametrize(
    ("text", "words", "type_name", "extent", "mod"),
    [
        ("The dam opened until Thursday.", "until Thursday", None, "Thursday", None),
        ("Shops reopen as of Monday in Ternby.", "as of Monday", None, "Monday", None),
        ("Prices fell in the early 2030s.", "early 2030s", None, "the early 2030s", "START"),
        ("She left at the end of May.", "May", None, "the end of May", "END"),
        ("The ferry came about noon.", "noon", None, "about noon", "APPROX"),
        ("Rain came in mid-June.", "mid-June", None, "mid-June", "MID"),
        ("The 1992 flood ruined Ostra.", "1992", None, "1992", None),
        ("It froze in the winter.", "winter", None, "the winter", None),
        ("The vote came three days later.", "three days", DURATION, "three days later", None),
        ("It closed three days before the fair.", "three days", DURATION, "three days", None),
        ("It snowed two weeks ago in Pell.", "two weeks", DURATION, "two weeks ago", None),
        (
            "It shut no more than a week.",
            "a week",
            DURATION,
            "no more than a week",
            "EQUAL_OR_LESS",
        ),
        ("By the close of 2031 the mill shut.", "2031", None, "the close of 2031", "END"),
        (
            "From the start of spring, it rained.",
            "From the start of spring",
            None,
            "the start of spring",
            "START",
        ),
    ],
)
def test_extent(text: str, words: str, type_name: str | None, extent: str, mod: str | None) -> None:
    start = text.index(words)
    result = SimpleNamespace(type_name=type_name) if type_name else None
    c = Candidate(start, start + len(words), "recognizer", result=result)
    _adjust(text, c)
    assert (text[c.start : c.end], c.mod) == (extent, mod)
