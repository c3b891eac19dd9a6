"""The recogniser's fast path: a window read only where its words can make a time expression,
with the whole window's answers. Fictional sentences throughout."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsint.config import load_config
from newsint.stages.time import focus, recognizer
from newsint.stages.time.focus import JOINER, PLAIN, STRONG, WEAK, Focus
from newsint.stages.time.recognizer import Recognizer

REF = datetime(2024, 5, 16)


def dump(results: list[Any]) -> list[tuple[Any, ...]]:
    return [(r.text, r.start, r.end, r.type_name, repr(r.resolution)) for r in results]


@pytest.fixture(scope="module")
def lens() -> Focus:
    found = focus.build(load_config(None).time)
    assert found is not None  # on by default
    return found


@pytest.fixture(scope="module")
def whole() -> Recognizer:
    return recognizer.load(0)


@pytest.fixture(scope="module")
def fast(lens: Focus) -> Recognizer:
    return recognizer.load(0, lens)


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Tuesday", STRONG),  # found alone
        ("2021", STRONG),  # a digit
        ("Mondays", STRONG),  # pieces: "monday" + "s"
        ("centuries", STRONG),  # "centur" + "ies"
        ("Patrick", STRONG),  # [focus] extra: a holiday name's word
        ("until", STRONG),  # spelled "(un)?til" by the definitions
        ("after", WEAK),
        ("Labor", STRONG),  # a holiday word, spelled "labou?r" (a letter left out)
        ("last", WEAK),
        ("the", JOINER),
        ("on", JOINER),
        ("harbour", PLAIN),
        ("minister", PLAIN),  # "min" + one-letter pieces is no compound
        ("proposal", PLAIN),
    ],
)
def test_word_kinds(lens: Focus, word: str, kind: int) -> None:
    assert lens.kind(word) == kind


@pytest.mark.parametrize(
    ("text", "shortened"),
    [
        (
            "The committee said on Tuesday that it would review the proposal, and the harbour "
            "board added that the plan was sound and fair.",
            "said on Tuesday that it",
        ),
        (
            "The regional orchestra will play in the old cathedral on Saturday, organisers "
            "announced.",
            "cathedral on Saturday, organisers",
        ),
        (
            "A baker in Lyon sold bread at dawn, and a florist opened her stall at noon, "
            "the guide explained.",
            "A baker in Lyon sold bread at dawn, and a florist opened her stall at noon, "
            "the guide explained.",
        ),
    ],
)
def test_shortened_text(lens: Focus, text: str, shortened: str) -> None:
    found = lens.shorten(text)
    assert (found[0] if found else text) == shortened


@pytest.mark.parametrize(
    "text",
    [
        # "from": the model looks for the range's other end anywhere after it
        "Prices were frozen from 2019 until the council voted to lift the cap on rents.",
        # a time of day and a date with a comma between: one period, however far apart
        "The late shift, which begins at night, ends before the market opens, the owner said "
        "Friday.",
        # an earlier "in" left out would change what "in a week" is
        "Visitors in the museum queued for hours, and the exhibition opens in a week, the "
        "curator said.",
        # nothing to leave out
        "next Tuesday",
    ],
)
def test_read_whole(lens: Focus, text: str) -> None:
    assert lens.shorten(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The committee said on Tuesday that it would review the proposal, and the harbour "
            "board added that the plan was sound and fair.",
            [("tuesday", 22, "datetimeV2.date", "XXXX-WXX-2")],
        ),
        (
            "The regional orchestra will play in the old cathedral on Saturday, organisers "
            "announced that tickets sold out.",
            [("saturday", 57, "datetimeV2.date", "XXXX-WXX-6")],
        ),
        (
            "Farmers said the orchard had flowered since mid-March 2023, and its owner "
            "praised the weather near the coast.",
            # the year apart: candidates._merge_split_years puts it back
            [
                ("since mid-march", 38, "datetimeV2.daterange", "XXXX-03"),
                ("2023", 54, "datetimeV2.daterange", "2023"),
            ],
        ),
        (
            "Our courier reported parcels arrived yesterday, so its depot manager signed for "
            "them without delay.",
            [("yesterday", 37, "datetimeV2.date", "2024-05-15")],
        ),
        (
            "Two hikers said they reached the summit three days ago, after which rangers "
            "closed every trail nearby.",
            [("three days ago", 40, "datetimeV2.date", "2024-05-13")],
        ),
    ],
)
def test_fast_path_expressions(
    fast: Recognizer,
    whole: Recognizer,
    lens: Focus,
    text: str,
    expected: list[tuple[str, int, str, str]],
) -> None:
    assert lens.shorten(text) is not None  # the fast path fires
    got = fast.parse(text, REF)
    assert [
        (r.text, r.start, r.type_name, r.resolution["values"][0]["timex"]) for r in got
    ] == expected
    assert dump(got) == dump(whole.parse(text, REF))


FILLER = [
    "the ferry crew",
    "a local baker",
    "said the council",
    "which surprised many",
    "near the old harbour",
    "her neighbours agreed",
    "and the mayor",
    "announced plans",
    "with great care",
    "for the village",
    "as reporters waited",
    "outside the bakery",
]
SIMPLE = [
    "on Monday",
    "on Thursday",
    "in March",
    "on 4 June",
    "on June 4, 2022",
    "in 2019",
    "yesterday",
    "today",
    "tomorrow",
    "last week",
    "next month",
    "last year",
    "three days ago",
    "two weeks ago",
    "every Friday",
    "early September",
]


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    before=st.lists(st.sampled_from(FILLER), min_size=1, max_size=4),
    expressions=st.lists(st.sampled_from(SIMPLE), min_size=1, max_size=2),
    between=st.lists(st.sampled_from(FILLER), min_size=1, max_size=3),
    after=st.lists(st.sampled_from(FILLER), min_size=0, max_size=4),
)
def test_fast_path_equals_the_whole_window(
    fast: Recognizer,
    whole: Recognizer,
    before: list[str],
    expressions: list[str],
    between: list[str],
    after: list[str],
) -> None:
    parts = [*before, expressions[0], *between, *expressions[1:], *after]
    text = " ".join(parts) + "."
    expected = dump(whole.parse(text, REF))
    assert expected  # every generated text holds an expression
    assert dump(fast.parse(text, REF)) == expected


def test_window_edges_kept(lens: Focus, fast: Recognizer, whole: Recognizer) -> None:
    # the model's offsets after a final blank line differ from those without it
    text = (
        "  Our courier reported parcels arrived yesterday, so its depot manager signed for them "
        "without delay.\n\n"
    )
    found = lens.shorten(text)
    assert found is not None and found[0].startswith("  ") and found[0].endswith(".\n\n")
    assert dump(fast.parse(text, REF)) == dump(whole.parse(text, REF))


def test_fast_path_fires_on_generated_phrases(lens: Focus) -> None:
    # the equality above means something only if the fast path shortens such texts
    text = "said the council on Monday with great care for the village outside the bakery."
    found = lens.shorten(text)
    assert found is not None and len(found[0]) < len(text)


def test_library_vocabulary_holds_the_models_words() -> None:
    words = focus.library_vocabulary()
    assert {"monday", "week", "ago", "since", "last"} <= words
    assert "harbour" not in words
    assert "patrick" in words or "patrick" in focus.library_vocabulary(holidays=True)


def test_word_table_is_bounded(lens: Focus) -> None:
    bounded = focus.Focus(
        lens.pieces,
        lens.joiners,
        lens.alone,
        lens.cue,
        lens.inert_cues,
        lens.min_stem,
        lens.context,
        lens.separator,
        lens.whole_if,
        lens.reaching,
        lens.guarded,
        words_kept=3,
    )
    kinds = [bounded.kind(w) for w in ["harbour", "Tuesday", "the", "after", "ferry"]]
    assert kinds == [PLAIN, STRONG, JOINER, WEAK, PLAIN]
    assert 0 < len(bounded._kinds) <= 3


class _CountingFocus:
    """A fast path that counts the windows it shortens (the real one does the work)."""

    def __init__(self, lens: Focus) -> None:
        self.lens = lens
        self.shortened: list[str] = []

    def shorten(self, text: str) -> tuple[str, list[tuple[int, int, int]]] | None:
        self.shortened.append(text)
        return self.lens.shorten(text)


@pytest.mark.parametrize(
    "window",
    [
        "The harbour committee said on Tuesday that the old ferry pier would close.",
        "Fishing quotas were cut in 2031, and the minister resigned in early March.",
        "A proposal the councillors tabled sat idle for three weeks in the archive.",
    ],
)
def test_a_window_asked_again_is_neither_shortened_nor_parsed_again(
    lens: Focus, whole: Recognizer, window: str
) -> None:
    counting = _CountingFocus(lens)
    model = Recognizer(recognizer.english_model(), 8, counting)  # type: ignore[arg-type]
    first = model.parse(window, REF)
    assert counting.shortened == [window] and model.calls == 1
    first.clear()  # what a caller does to its answer never reaches the cache
    again = model.parse(window, REF)
    assert counting.shortened == [window] and model.calls == 1
    assert dump(again) == dump(whole.parse(window, REF))
