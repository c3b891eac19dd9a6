"""One paragraph splitter and lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsint.text.segments import lines, paragraph_texts, paragraphs, pieces


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


@given(st.text(alphabet="ab .!\n”", max_size=400), st.integers(0, 60))
def test_pieces_join_back_and_stay_bounded(text: str, size: int) -> None:
    got = pieces(text, size)
    assert "".join(got) == text
    if size:
        assert all(len(p) <= size for p in got)


def test_pieces_cut_at_a_paragraph_break_then_a_sentence_end() -> None:
    text = "First one here. Second one.\n\nThird paragraph goes on."
    assert pieces(text, 40) == ["First one here. Second one.\n\n", "Third paragraph goes on."]
    assert pieces("Alpha beta. Gamma delta epsilon", 20) == ["Alpha beta. ", "Gamma delta epsilon"]
