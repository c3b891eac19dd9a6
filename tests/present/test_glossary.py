"""The glossary explains every code newsint writes (issue 18)."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsint.model import ClaimStatus, CopyKind
from newsint.present import glossary

PLOVER = tomllib.loads(resources.files("newsint.data").joinpath("plover.toml").read_text("utf-8"))


@pytest.mark.parametrize(
    "code",
    [*get_args(ClaimStatus), *get_args(CopyKind), *PLOVER["types"]],
)
def test_every_status_copy_kind_and_event_type_has_an_entry(code: str) -> None:
    (entry,) = glossary.lookup(code)
    assert entry.term == code and len(entry.meaning) > 10


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("C2", ["fairly reliable", "probably true"]),
        ("f6", ["cannot be judged", "truth cannot be judged"]),
        ("A1", ["completely reliable", "confirmed by other independent sources"]),
        ("2024-WI", ["winter of 2024"]),
        ("XXXX-SU", ["summer of a year not given"]),
        ("2025-Q1", ["quarter 1 of 2025"]),
        ("2023-W14", ["ISO week 14 of 2023"]),
        ("PXM", ["unspecified number of month(s)"]),
        ("P1D", ["1 day(s)"]),
        ("PT30M", ["30 minute(s)"]),
        ("P2DE", ["2 decade(s)"]),
        ("2024-05-03TMO", ["morning of 2024-05-03"]),
        ("2024-05-03T14:30", ["14:30 on 2024-05-03"]),
        ("XXXX-03-14", ["the date XXXX-03-14"]),
        ("201", ["2010–2019"]),
        ("PRESENT_REF", ["now"]),
        ("XXXX-XX-XX", ["year, month and day"]),
        ("negated", ["did not happen"]),
    ],
)
def test_composite_codes_are_explained_from_their_parts(code: str, words: list[str]) -> None:
    (entry,) = glossary.lookup(code)
    assert all(w in entry.meaning for w in words), entry.meaning


def test_unknown_codes_find_nothing_and_any_case_finds_a_term() -> None:
    assert glossary.lookup("not-a-code") == []
    assert glossary.lookup("G7") == []  # reliability stops at F, credibility at 6
    assert [e.term for e in glossary.lookup("Spin")] == ["spin"]


def test_all_entries_render_in_every_format() -> None:
    entries = list(glossary.load().entries)
    groups = {e.group for e in entries}
    assert {"reliability", "credibility", "status", "copy", "timex", "event-type"} <= groups
    md = glossary.to_markdown(entries)
    assert md.count("## ") == len({e.title for e in entries})
    assert "| `C` | fairly reliable |" in md
    assert '"term": "spin"' in glossary.to_json(entries)


@given(st.sampled_from(["A", "B", "C", "D", "E", "F"]), st.integers(1, 6))
def test_every_grade_is_explained(letter: str, number: int) -> None:
    (entry,) = glossary.lookup(f"{letter}{number}")
    assert (
        entry.group == "grade" and f"({letter})" in entry.meaning and f"({number})" in entry.meaning
    )


@pytest.mark.parametrize(
    ("term", "group", "words"),
    [
        ("C2", "grade", "fairly reliable source (C); information probably true (2)"),
        ("spin", "copy", "rewritten"),
        ("negated", "event", "did not happen"),
        ("2024-WI", "timex", "the winter of 2024"),
        ("alleged", "status", "alleged by the source"),
    ],
)
def test_meaning_is_one_line_for_a_tooltip(term: str, group: str, words: str) -> None:
    said = glossary.meaning(term, group)
    assert said is not None and words in said and "\n" not in said


def test_meaning_of_an_unknown_code_is_none() -> None:
    assert glossary.meaning("no-such-code-at-all") is None


def test_sections_list_every_family_and_explain_their_examples() -> None:
    sections = glossary.sections()
    assert [s.key for s in sections][:2] == ["reliability", "credibility"]
    assert {"grade", "status", "copy", "timex", "event-type"} <= {s.key for s in sections}
    timex = next(s for s in sections if s.key == "timex")
    assert len(timex.examples) == len(glossary.load().patterns)  # every pattern has an example
    for value, words in timex.examples:
        assert words and glossary.lookup(value)[0].meaning == words
