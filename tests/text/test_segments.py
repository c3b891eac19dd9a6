"""One paragraph splitter and lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsint.text.segments import lines, paragraph_texts, paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\n  \n\nTwo.", ["One.", "Two."]),  # blank lines of spaces separate too
        (
            "Headline\n\nFirst paragraph.\nIts second line.",
            ["Headline", "First paragraph.\nIts second line."],
        ),
        ("\n\nOnly one.\n\n", ["Only one."]),
        ("", []),
    ],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraph_texts(text) == expected
    assert [text[s:e] for s, e in paragraphs(text)] == expected


def test_lines() -> None:
    assert lines("A list:\n- one\n  \n- two\n") == ["A list:", "- one", "- two"]


@given(st.lists(st.text(alphabet="ab .", min_size=1, max_size=12), max_size=6))
def test_paragraphs_joined_by_blank_lines_come_back(parts: list[str]) -> None:
    """What the clean stage writes (paragraphs joined by one blank line) splits back into them."""
    kept = [p.strip() for p in parts if p.strip()]
    assert paragraph_texts("\n\n".join(kept)) == kept
