"""The shared, cached Recognizers-Text model: the library's answers, whatever was asked before."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.stages.time import recognizer
from newsint.stages.time.recognizer import Recognizer, _clone, _fingerprint

REF = datetime(2023, 4, 13)
SENTENCES = [
    "The minister said on Tuesday that the talks, which began two weeks ago, would resume.",
    "The treaty was signed at the end of March 2021 and ratified in the second quarter of 2022.",
    "Inspectors visit the reactor every Monday at 9 a.m. and file a report each month.",
    "The ceasefire held for three weeks before fighting resumed last summer.",
    "Prices rose sharply in the 1990s, then fell from 2001 to last year.",
    "Nothing in this sentence is a time.",
]


def dump(results: list[Any]) -> list[tuple[Any, ...]]:
    return [(r.text, r.start, r.end, r.type_name, repr(r.resolution)) for r in results]


@pytest.fixture(scope="module")
def library_model() -> Any:
    from recognizers_date_time import Culture, DateTimeRecognizer

    return DateTimeRecognizer(Culture.English).get_datetime_model()


@pytest.fixture(scope="module")
def expected(library_model: Any) -> dict[str, list[tuple[Any, ...]]]:
    """What the library itself answers (computed before any wrapping model exists)."""
    return {s: dump(library_model.parse(s, REF)) for s in SENTENCES}


@pytest.fixture(scope="module")
def shared(expected: dict[str, list[tuple[Any, ...]]]) -> Recognizer:
    return recognizer.load(0)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_shared_extractors_answer_as_the_library(
    shared: Recognizer, expected: dict[str, list[tuple[Any, ...]]], sentence: str
) -> None:
    assert dump(shared.parse(sentence, REF)) == expected[sentence]


def test_nested_extractors_are_grouped(shared: Recognizer) -> None:
    # the English model builds well over a hundred extractors from a handful of configurations
    assert 0 < shared.groups < shared.extractors / 4


def test_cache_hit_equals_miss_and_callers_cannot_alter_it(
    expected: dict[str, list[tuple[Any, ...]]],
) -> None:
    model = recognizer.load(8)
    sentence = SENTENCES[0]
    first = model.parse(sentence, REF)
    assert dump(first) == expected[sentence]
    first[0].text = "tampered"
    first[0].resolution["values"].clear()
    first.clear()
    again = model.parse(sentence, REF)
    assert dump(again) == expected[sentence]
    assert model.calls == 1  # the second answer came from the cache


def test_cache_keys_on_the_reference_date(expected: dict[str, list[tuple[Any, ...]]]) -> None:
    model = recognizer.load(8)
    sentence = SENTENCES[0]
    other = model.parse(sentence, datetime(2020, 1, 1))
    assert model.calls == 1
    assert dump(model.parse(sentence, REF)) == expected[sentence] != dump(other)
    assert model.calls == 2


@pytest.fixture(scope="module")
def cached() -> dict[int, Recognizer]:
    """One model per cache size, kept across examples: each carries the history of the others."""
    return {size: recognizer.load(size) for size in (1, 3)}


@settings(max_examples=20, deadline=None)
@given(order=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8))
def test_answers_do_not_depend_on_what_was_asked_before(
    cached: dict[int, Recognizer], expected: dict[str, list[tuple[Any, ...]]], order: list[str]
) -> None:
    for size, model in cached.items():
        for sentence in order:
            assert dump(model.parse(sentence, REF)) == expected[sentence]
        assert len(model) <= size


def test_a_model_is_wrapped_once(shared: Recognizer) -> None:
    with pytest.raises(ValueError, match="already shared"):
        Recognizer(shared.model, 4)


class _Counting:
    """A stand-in model: counts parses, fails on "boom"."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def parse(self, text: str, reference: datetime) -> list[str]:
        self.seen.append(text)
        if text == "boom":
            raise ValueError(text)
        return [text.upper()]


def test_lru_drops_the_least_recently_used() -> None:
    fake = _Counting()
    model = Recognizer(fake, 2)
    for text in ["a", "b", "a", "c", "a", "b"]:
        assert model.parse(text, REF) == [text.upper()]
    # "a" stayed (used again before "c" came), "b" was dropped for "c" and parsed again
    assert fake.seen == ["a", "b", "c", "b"]
    assert len(model) == 2
    model.clear_cache()
    assert len(model) == 0
    model.parse("a", REF)
    assert fake.seen[-1] == "a"  # asked again


def test_no_cache_at_size_zero_and_a_crash_loses_only_its_text() -> None:
    fake = _Counting()
    model = Recognizer(fake, 0)
    assert model.parse("boom", REF) == []
    assert model.parse("a", REF) == model.parse("a", REF) == ["A"]
    assert fake.seen == ["boom", "a", "a"]
    assert len(model) == 0


class Result:
    """Looks like a library object to _clone (it copies those)."""

    __module__ = "recognizers_text.fake"

    def __init__(self, data: Any) -> None:
        self.data = data


def test_clone_copies_what_callers_could_change_and_keeps_aliasing() -> None:
    inner = {"values": [{"timex": "2023-W14"}]}
    stamp = datetime(2023, 4, 13)
    match = re.match(r"\w+", "word")
    original = [Result(inner), Result(inner), Result([stamp, match, "text", 3])]
    copied = _clone(original, {})
    assert copied is not original and copied[0] is not original[0]
    assert copied[0].data == inner and copied[0].data is not inner
    assert copied[0].data is copied[1].data  # shared before, shared after
    assert copied[2].data[0] is stamp and copied[2].data[1] is match  # immutable: shared
    copied[0].data["values"][0]["timex"] = "changed"
    assert inner == {"values": [{"timex": "2023-W14"}]}


class Extractor:
    def __init__(self, pattern: str, hook: Any = None) -> None:
        self.regex = re.compile(pattern)
        self.words = {"a": [1, 2]}
        self.hook = hook


def test_fingerprint_equal_state_only() -> None:
    def fp(obj: Any) -> Any:
        return _fingerprint(obj, {})

    assert fp(Extractor(r"\d+")) == fp(Extractor(r"\d+"))
    assert fp(Extractor(r"\d+")) != fp(Extractor(r"\w+"))
    # a function stands for itself: objects holding different ones are never interchangeable
    assert fp(Extractor(r"\d+", lambda: 1)) != fp(Extractor(r"\d+", lambda: 1))
    cyclic = Extractor(r"\d+")
    cyclic.hook = cyclic
    assert fp(cyclic) == fp(cyclic)


@pytest.mark.parametrize("call", ["search", "match", "fullmatch", "finditer"])
def test_compiled_patterns_are_asked_directly_with_the_same_answer(call: str) -> None:
    import regex

    shim = recognizer._CompiledFirst(regex)
    pattern = regex.compile(r"(?i)\b(\d+) days? later\b")
    for text in ["Two days later", "3 days later, they met", "no time here", "1 day later"]:
        ours, theirs = getattr(shim, call)(pattern, text), getattr(regex, call)(pattern, text)
        if call == "finditer":
            ours, theirs = [m.span() for m in ours], [m.span() for m in theirs]
        else:
            ours, theirs = ours and ours.span(), theirs and theirs.span()
        assert ours == theirs
    # anything but a bare compiled pattern goes to regex unchanged
    assert shim.search(r"\d+", "in 2023").group() == "2023"
    assert (
        shim.search(pattern, "x 4 days later", pos=2).span()
        == regex.search(pattern, "x 4 days later", pos=2).span()
    )
    assert shim.escape is regex.escape


def test_the_recogniser_modules_see_the_compiled_first_view() -> None:
    import sys

    recognizer.english_model()
    modules = [
        m for n, m in sys.modules.items() if n.startswith("recognizers") and hasattr(m, "regex")
    ]
    assert modules and all(isinstance(m.regex, recognizer._CompiledFirst) for m in modules)
