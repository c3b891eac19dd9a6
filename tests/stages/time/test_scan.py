"""Guarded patterns (scan.py): the same matches as the plain pattern, wherever the scan starts."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from importlib import resources
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.stages.time import scan
from newsint.stages.time.rules import rules
from newsint.stages.time.scan import guarded

TEXTS = [
    "",
    "The ferry to Varnholm sails every Tuesday at 9 a.m. and twice a week in summer.",
    "Councillor Ibsa Morrow spoke on 12/04/2031, in the mid-1980s style, about Q3 and '98.",
    "A 1,643-page report (42.05 per cent) from the Halden Trust, May 2030; may we go?",
    "yesterday:today,tomorrow-next year!Easter?the 80s—late 2029…the 21st century",
    "x1999y under_May K\u212aelvin \u017fpring \u0130stanbul \u0663\u0660 ’99 'tis",
    "Mid-March the market in Olvano reopened, late on a Saturday night; recently, now.",
]

PATTERNS = [
    r"\bq[1-4]\b",
    r"(?<![\w-])(?:now|the present)(?![\w-])",
    r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?['’](?P<d>\d)0s\b",
    r"(?<![\d,.])(?:1\d|20)\d\d(?!\d|[,.]\d)|\b(?-i:May)\b",
    r"\d(?:st|nd|rd|th)\b|\b(mon|tues)day|x*\bweek",
    r"(?:\bthe\s+)*(?>late|early)\s+\d{4}",
]


def plain_cue() -> re.Pattern[str]:
    text = resources.files("newsint.data").joinpath("time_rules.toml").read_text("utf-8")
    cue = tomllib.loads(text)["cue"]
    return re.compile(f"{cue['digits']}|{cue['pattern']}", re.IGNORECASE)


def spans(pattern: re.Pattern[str], text: str, pos: int, end: int) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups(), m.group()) for m in pattern.finditer(text, pos, end)]


@pytest.mark.parametrize("source", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_guarded_pattern_finds_the_same_matches(source: str, text: str) -> None:
    plain = re.compile(source, re.IGNORECASE)
    fast = guarded(plain)
    assert fast.pattern != plain.pattern  # a guard was put in front
    for pos, end in ((0, len(text)), (len(text) // 3, len(text)), (1, max(1, len(text) - 5))):
        assert spans(fast, text, pos, end) == spans(plain, text, pos, end)


@pytest.mark.parametrize(
    "source",
    [
        r".ac",  # any character first
        r"(x?)\1y",  # a back-reference where a match may begin
        r"[^abc]x",  # a negated class
        r"x*",  # an empty match
        r"\b(?:x|)",  # an empty alternative
        r"(?i)the",  # a global flag, which must stay at the start
    ],
)
def test_patterns_it_cannot_read_are_left_as_they_are(source: str) -> None:
    plain = re.compile(source)
    assert guarded(plain) is plain


@pytest.mark.parametrize(
    ("source", "guard"),
    [
        (r"\bweek", r"(?<!\w)(?="),  # a word start: only after a non-word character
        (r"(?<![\w-])now", r"(?<!\w)(?="),
        (r"['’]\d\d", r"(?=["),  # an apostrophe can follow anything
    ],
)
def test_guard_kind(source: str, guard: str) -> None:
    fast = guarded(re.compile(source, re.IGNORECASE))
    assert fast.pattern.startswith(f"(?i:{guard}")


def test_the_time_cue_is_guarded_and_finds_what_the_plain_cue_finds() -> None:
    cue, plain = rules().cue, plain_cue()
    assert cue.pattern != plain.pattern
    for text in TEXTS:
        assert spans(cue, text, 0, len(text)) == spans(plain, text, 0, len(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"aAdeyMmqQhnt10289 ,.-/:'’\n_\u0130\u212a\u017f\u0663",
                *["May ", "March", "week", "day", "the ", "late ", "pm", "noon", "Easter", "now"],
            ]
        ),
        max_size=30,
    ).map("".join),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_every_time_pattern_matches_as_before(text: str, a: int, b: int) -> None:
    """The cue, the [[patterns]] and the [refs] of data/time_rules.toml, guarded, against the
    plain cue (compiled here from the data) and the patterns without their guard."""
    pos, end = sorted((min(a, len(text)), min(b, len(text))))
    r = rules()
    assert spans(r.cue, text, pos, end) == spans(plain_cue(), text, pos, end)
    for _, pattern in (*r.patterns, *r.refs):
        unguarded = re.compile(pattern.pattern.split(")(?:", 1)[1][:-1], pattern.flags)
        assert spans(pattern, text, pos, end) == spans(unguarded, text, pos, end)


def scan_without_re_parser(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A fresh copy of scan.py loaded where `re._parser` and `re._constants` cannot be
    imported, as on a Python that moved them (the stage's own scan.py stays as it is)."""
    for name in ("_parser", "_constants"):
        monkeypatch.delattr(re, name, raising=False)
        monkeypatch.setitem(sys.modules, f"re.{name}", None)  # None: the import fails
    spec = importlib.util.spec_from_file_location("scan_without_re_parser", scan.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_re_parser_patterns_are_used_unguarded(monkeypatch: pytest.MonkeyPatch) -> None:
    fallback = scan_without_re_parser(monkeypatch)
    assert not fallback.READABLE and scan.READABLE
    for source in [*PATTERNS, plain_cue().pattern]:
        plain = re.compile(source, re.IGNORECASE)
        unguarded = fallback.guarded(plain)
        assert unguarded is plain  # no guard, and nothing read from `re`'s parser
        for text in TEXTS:
            assert spans(unguarded, text, 0, len(text)) == spans(guarded(plain), text, 0, len(text))


class _OtherParser:
    """`re._parser` as another Python might have it: a parse tree of another shape."""

    @staticmethod
    def parse(source: str, flags: int) -> list[tuple[str, int, int]]:
        return [("LITERAL", 1, 2)]


def test_a_parse_tree_of_another_shape_leaves_patterns_unguarded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scan, "_parser", _OtherParser)
    for source in PATTERNS:
        plain = re.compile(source, re.IGNORECASE)
        assert guarded(plain) is plain
