"""The `needs` tests before the time stage's whole-text scans ([[patterns]] and [refs]): a text
holding none of a pattern's strings is not scanned with it, and that never loses a match.
Fictional sentences throughout."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsint.stages.time.candidates import _lowered, _may_match
from newsint.stages.time.rules import rules

DATA = tomllib.loads(resources.files("newsint.data").joinpath("time_rules.toml").read_text("utf-8"))
RAW = {p["kind"]: p["regex"] for p in DATA["patterns"]}


def scans(text: str) -> dict[str, bool]:
    """Pattern kind or ref value -> whether the stage scans `text` with it."""
    r = rules()
    lowered = _lowered(text, r.case_folds)
    return {name: _may_match(lowered, r.needs[name]) for name, _ in (*r.patterns, *r.refs)}


def test_case_folds_are_every_letter_lower_misses() -> None:
    """Every non-ASCII character that IGNORECASE matches to an ASCII letter is listed."""
    every = "".join(chr(i) for i in range(0x80, sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    found = set(re.compile("[a-z]", re.IGNORECASE).findall(every))
    assert found == set(rules().case_folds)


def test_every_scan_has_its_needs() -> None:
    r = rules()
    assert {name for name, _ in (*r.patterns, *r.refs)} == set(r.needs)
    assert all(r.needs[name] for name, _ in r.patterns)  # each pattern names some


@pytest.mark.parametrize(
    ("text", "scanned", "skipped"),
    [
        (
            "The orchard cooperative grew through the late 1970s and into the 21st century.",
            {"decade", "decade_short", "century", "year_part"},
            {"last_named", "FUTURE_REF", "PRESENT_REF", "PAST_REF"},
        ),
        (
            "Quilters in Brenford met on Tuesday to plan a fair for 2031.",
            set(),
            {"decade", "decade_short", "century", "year_part", "last_named", "FUTURE_REF"},
        ),
        (
            "The ferry has been late since last June and will be repaired in the future.",
            {"year_part", "last_named", "FUTURE_REF"},
            {"decade", "century"},
        ),
        (
            "Lantern makers recalled the '80S FAIR, NOW A LEGEND.",  # upper case
            {"decade", "decade_short", "PRESENT_REF"},
            {"century", "year_part", "FUTURE_REF"},
        ),
        # a long s matches "s" under IGNORECASE, which lower() does not see: scanned whole
        ("The 1990ſ were calm in Wexmoor.", {"decade", "century", "FUTURE_REF"}, set()),
    ],
)
def test_which_scans_run(text: str, scanned: set[str], skipped: set[str]) -> None:
    runs = scans(text)
    assert {name for name in scanned if runs[name]} == scanned
    assert {name for name in skipped if not runs[name]} == skipped


@pytest.mark.parametrize(
    "text",
    [
        "The orchard cooperative grew through the late 1970s and into the 21st century.",
        "Brenford's quilters remember the mid-1960's, and the '90s too.",
        "Since last spring the ferry is late; in early 2029 it will be replaced.",
        "The 1990ſ were calm in Wexmoor, the 19th CENTURY less so.",
        "Currently the lantern guild looks to the foreseeable future and the years ahead.",
        "At present, the weavers work as they did in the past, though lately less.",
    ],
)
def test_no_match_lost(text: str) -> None:
    """Each scan that finds something in `text` is one the stage runs."""
    r = rules()
    runs = scans(text)
    found = {name for name, p in (*r.patterns, *r.refs) if p.search(text)}
    assert found  # the table's sentences hold matches
    assert found <= {name for name, run in runs.items() if run}


@pytest.mark.parametrize("kind", sorted(RAW))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_match_holds_a_need(kind: str, data: st.DataObject) -> None:
    """Strings the pattern matches whole (any case, any white space) hold one of its needs,
    lower-cased, unless they hold a letter [scan] case_folds lists."""
    r = rules()
    written = data.draw(st.from_regex(re.compile(RAW[kind], re.IGNORECASE), fullmatch=True))
    lowered = _lowered(written, r.case_folds)
    assert lowered is None or any(n in lowered for n in r.needs[kind])
