"""Whether a resolved value depends on the publication date (normalise._depends_on_reference)."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsint.stages.time import recognizer
from newsint.stages.time.candidates import _timex_of
from newsint.stages.time.normalise import _OTHER_REFERENCE, _depends_on_reference
from newsint.stages.time.recognizer import Recognizer


@pytest.fixture(scope="module")
def model() -> Recognizer:
    return recognizer.load(0)


@pytest.mark.parametrize(
    ("written", "reference"),
    [
        ("1998", datetime(2031, 3, 14)),
        ("2031", datetime(2031, 12, 31)),
        ("1066", datetime(1999, 1, 1)),
        ("2099", datetime(2000, 1, 5)),
        ("1500", datetime(2024, 2, 29)),
    ],
)
def test_a_year_alone_is_not_parsed_again(
    model: Recognizer, written: str, reference: datetime
) -> None:
    calls = model.calls
    assert _depends_on_reference(model, written, reference, written) is False
    assert model.calls == calls  # no second parse
    # what the second parse would have said
    other = model.parse(written, reference + _OTHER_REFERENCE)
    assert [_timex_of(r) for r in other] == [written]


@pytest.mark.parametrize(
    ("written", "value", "relative"),
    [
        ("from 2001 to last year", "(2001-01-01,2030-01-01,P29Y)", True),
        ("March 2031", "2031-03", False),
        ("2031", "2031-03", True),  # a value the year alone does not spell: asked as before
        ("the 2031", "2031", False),
    ],
)
def test_other_words_with_a_year_are_parsed_again(
    model: Recognizer, written: str, value: str, relative: bool
) -> None:
    calls = model.calls
    reference = datetime(2031, 6, 15)
    assert _depends_on_reference(model, written, reference, value) is relative
    assert model.calls == calls + 1
