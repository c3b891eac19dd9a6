"""The time stage's conventions as data (data/time_rules.toml), compiled once: cue words,
reference words, signals, units."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources

from newsint.stages.time.scan import guarded
from newsint.text.alternation import alternation

# --------------------------------------------------------------------------- rules as data


@dataclass(frozen=True)
class Rules:
    cue: re.Pattern[str]
    inert_cues: frozenset[str]  # cue matches that open no recogniser window by themselves
    trim: tuple[str, ...]
    trim_by_length: tuple[
        tuple[int, frozenset[str]], ...
    ]  # the trim words by length, longest first
    extend_left: tuple[str, ...]
    extend_right: tuple[tuple[str, re.Pattern[str]], ...]  # (word, " word" at a text's start)
    modifiers: tuple[tuple[str, str], ...]  # (phrase, mod), longest phrase first
    recognizer_mods: dict[str, str]
    refs: tuple[tuple[str, re.Pattern[str]], ...]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # pattern kind or ref value -> strings one of which every match holds, lower case (none:
    # always scanned)
    needs: dict[str, tuple[str, ...]]
    case_folds: str  # letters IGNORECASE matches otherwise than `str.lower()` reads them
    units: dict[str, str]  # word -> TIMEX3 unit
    numbers: dict[str, int]
    future: frozenset[str]
    perfect: frozenset[str]
    endpoints: frozenset[str]
    reject: tuple[re.Pattern[str], ...]
    after: tuple[str, ...]
    before: tuple[str, ...]
    datelines: tuple[re.Pattern[str], ...]
    ambiguous: frozenset[str]
    not_after: tuple[str, ...]
    ref_words: frozenset[str]
    focus_alone: frozenset[str]  # [focus]: the recogniser's fast path (focus.py)
    focus_extra: frozenset[str]
    focus_joiners: frozenset[str]
    focus_separator: str
    focus_whole_if: frozenset[str]
    focus_guarded: frozenset[str]


def _phrase(words: list[str]) -> re.Pattern[str]:
    """The words, whole, in any case: each match is one of them (`needs` relies on it)."""
    return guarded(re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", re.IGNORECASE))


@cache
def rules() -> Rules:
    text = importlib_resources.files("newsint.data").joinpath("time_rules.toml").read_text("utf-8")
    data = tomllib.loads(text)
    mods = [(p, mod) for mod, phrases in data["modifiers"].items() for p in phrases]
    trim = tuple(sorted(data["trim"]["leading"], key=len, reverse=True))
    lengths = sorted({len(w) for w in trim}, reverse=True)
    return Rules(
        # the same matches as the plain pattern, found in under half the time (scan.py)
        cue=guarded(re.compile(f"{data['cue']['digits']}|{data['cue']['pattern']}", re.IGNORECASE)),
        inert_cues=frozenset(w.lower() for w in data["cue"]["inert"]),
        trim=trim,
        trim_by_length=tuple((n, frozenset(w for w in trim if len(w) == n)) for n in lengths),
        extend_left=tuple(data["extend"]["left"]),
        extend_right=tuple(
            (w, re.compile(rf" {re.escape(w)}\b", re.IGNORECASE)) for w in data["extend"]["right"]
        ),
        modifiers=tuple(sorted(mods, key=lambda m: len(m[0]), reverse=True)),
        recognizer_mods=dict(data["recognizer_mods"]),
        refs=tuple((value, _phrase(words)) for value, words in data["refs"].items()),
        patterns=tuple(
            (p["kind"], guarded(re.compile(p["regex"], re.IGNORECASE))) for p in data["patterns"]
        ),
        needs={p["kind"]: tuple(p.get("needs", ())) for p in data["patterns"]}
        | {value: tuple(w.lower() for w in words) for value, words in data["refs"].items()},
        case_folds="".join(data["scan"]["case_folds"]),
        units={w: unit for unit, words in data["units"].items() for w in words},
        numbers=dict(data["numbers"]),
        future=frozenset(data["tense"]["future"]),
        perfect=frozenset(data["tense"]["perfect"]),
        endpoints=frozenset(data["tense"]["endpoints"]),
        reject=tuple(re.compile(p) for p in data["reject"]["patterns"]),
        after=tuple(data["relative"]["after"]),
        before=tuple(data["relative"]["before"]),
        datelines=tuple(re.compile(p, re.MULTILINE) for p in data["dateline"]["patterns"]),
        ambiguous=frozenset(data["ambiguous"]["words"]),
        not_after=tuple(data["not_after"]["words"]),
        ref_words=frozenset(w.lower() for words in data["refs"].values() for w in words),
        focus_alone=frozenset(data["focus"]["alone"]),
        focus_extra=frozenset(data["focus"]["extra"]),
        focus_joiners=frozenset(data["focus"]["joiners"]),
        focus_separator=data["focus"]["separator"],
        focus_whole_if=frozenset(data["focus"]["whole_if"]),
        focus_guarded=frozenset(data["focus"]["guarded"]),
    )
