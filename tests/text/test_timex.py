from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsint.text import timex


@pytest.mark.parametrize(
    ("value", "granularity"),
    [
        ("2023-04-11", "day"),
        ("2023-02", "month"),
        ("2023", "year"),
        ("2023-W14", "week"),
        ("2022-Q2", "quarter"),
        ("2022-H1", "half"),
        ("2022-SU", "season"),
        ("199", "decade"),
        ("19", "century"),
        ("2023-04-12T17:00", "time"),
        ("P3W", "none"),
        ("PRESENT_REF", "none"),
        (None, "none"),
    ],
)
def test_granularity(value: str | None, granularity: str) -> None:
    assert timex.granularity(value) == granularity


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-W14", date(2023, 4, 3), date(2023, 4, 9)),
        ("2022-Q2", date(2022, 4, 1), date(2022, 6, 30)),
        ("2022-H2", date(2022, 7, 1), date(2022, 12, 31)),
        ("2022-SP", date(2022, 3, 1), date(2022, 5, 31)),
        ("2022-SU", date(2022, 6, 1), date(2022, 8, 31)),
        ("2022-FA", date(2022, 9, 1), date(2022, 11, 30)),
        # winter runs from December into the next year's February (a leap one here)
        ("2022-WI", date(2022, 12, 1), date(2023, 2, 28)),
        ("2023-WI", date(2023, 12, 1), date(2024, 2, 29)),
        # decades and centuries are written by their leading digits (TIMEX3): the 1990s, the
        # 2000s; "18" is the 19th century, 1800-1899
        ("199", date(1990, 1, 1), date(1999, 12, 31)),
        ("200", date(2000, 1, 1), date(2009, 12, 31)),
        ("18", date(1800, 1, 1), date(1899, 12, 31)),
        ("20", date(2000, 1, 1), date(2099, 12, 31)),
        ("2023-04-11T14:30", date(2023, 4, 11), date(2023, 4, 11)),
    ],
)
def test_period(value: str, first: date, last: date) -> None:
    assert timex.period(value) == (first, last)


@pytest.mark.parametrize("value", ["P1M", "PRESENT_REF", "XXXX-02", "2023-13", "nonsense"])
def test_no_period_for_non_calendar_values(value: str) -> None:
    assert timex.period(value) is None


@pytest.mark.parametrize(
    ("value", "duration", "sign", "expected"),
    [
        ("2023-01", "P1M", 1, "2023-02"),
        ("2023-01", "P2M", -1, "2022-11"),
        ("1989-Q3", "P1Y", -1, "1988-Q3"),
        ("2021-05-02", "P2D", 1, "2021-05-04"),
        ("2023-W14", "P1W", 1, "2023-W15"),
        ("2023", "P1Y", 1, "2024"),
        ("2023-01", "PXM", 1, None),
        ("PRESENT_REF", "P1D", 1, None),
        # moves that leave the calendar (years 1-9999) give nothing instead of failing
        ("2023", "P99999999999999999999Y", 1, None),
        ("2023-05-01", "P99999999999999999999D", -1, None),
        ("2023-05", "P90000M", -1, None),
        ("2023", "P800DE", 1, None),
    ],
)
def test_shift(value: str, duration: str, sign: int, expected: str | None) -> None:
    assert timex.shift(value, duration, sign) == expected


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (2, "past", date(2023, 4, 11)),  # Tuesday before Thursday 13 April
        (4, "past", date(2023, 4, 13)),  # the publication day itself
        (5, "past", date(2023, 4, 7)),
        (2, "future", date(2023, 4, 18)),
        (4, "future", date(2023, 4, 20)),
    ],
)
def test_weekday_date(weekday: int, direction: timex.Direction, expected: date) -> None:
    assert timex.weekday_date(weekday, date(2023, 4, 13), direction) == expected


@pytest.mark.parametrize(
    ("month", "day", "direction", "expected"),
    [
        (1, None, "past", 2023),
        (4, None, "past", 2023),  # the current month
        (11, None, "past", 2022),
        (11, None, "future", 2023),
        (2, None, "future", 2024),
        (5, 2, "near", 2023),
        (12, 20, "near", 2022),
    ],
)
def test_choose_year(
    month: int, day: int | None, direction: timex.Direction, expected: int
) -> None:
    assert timex.choose_year(month, day, date(2023, 4, 13), direction) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_rendered_period_contains_its_day(d: date) -> None:
    for gran in ("day", "week", "month", "quarter", "half", "year", "decade", "century"):
        value = timex.render(d, gran)
        assert value is not None
        span = timex.period(value)
        assert span is not None
        assert span[0] <= d <= span[1]
        assert timex.granularity(value) == gran


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=1, max_value=7),
)
def test_weekday_is_that_weekday_within_a_week(ref: date, weekday: int) -> None:
    past = timex.weekday_date(weekday, ref, "past")
    future = timex.weekday_date(weekday, ref, "future")
    assert past.isoweekday() == weekday == future.isoweekday()
    assert 0 <= (ref - past).days < 7
    assert 0 < (future - ref).days <= 7
