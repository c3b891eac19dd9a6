"""TIMEX3 value arithmetic: granularity, the days a value covers, shifting by a duration.

Pure calendar code with no NLP in it, so the time stage, the corpus timeline and the evaluation
share one reading of values like `2023-02`, `2023-W14`, `2023-Q2`, `199` or `P1M`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

Direction = Literal["past", "future", "near"]

REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(.+)$")
_DURATION = re.compile(r"^PT?(\d+(?:\.\d+)?|X)(DE|CE|[YMWDHS]|Q|H)$")


def granularity(value: str | None) -> str:
    """The unit a value is precise to, in model.Granularity terms ("none" for refs, durations)."""
    if not value or value in REFS or value.startswith("P"):
        return "none"
    for pattern, name in (
        (_DAY, "day"),
        (_MONTH, "month"),
        (_YEAR, "year"),
        (_WEEK, "week"),
        (_QUARTER, "quarter"),
        (_HALF, "half"),
        (_SEASON, "season"),
        (_DECADE, "decade"),
        (_CENTURY, "century"),
        (_TIME, "time"),
    ):
        if pattern.match(value):
            return name
    return "none"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period(value: str | None) -> tuple[date, date] | None:
    """First and last day a calendar value covers; None for refs, durations and unknowns."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _TIME.match(value):
            d = date.fromisoformat(m[1])
            return d, d
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := _WEEK.match(value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := _SEASON.match(value):
            y = int(m[1])
            first, last = SEASONS[m[2]]
            if first > last:  # winter runs into the next year
                return date(y, first, 1), _month_end(y + 1, last)
            return date(y, first, 1), _month_end(y, last)
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31)
        if m := _CENTURY.match(value):
            y = int(m[1]) * 100
            return date(y, 1, 1), date(y + 99, 12, 31)
    except ValueError:
        return None
    return None


def apply_mod(span: tuple[date, date], mod: str | None, share: float) -> tuple[date, date]:
    """Narrow a period to its START/MID/END part (`share` of its length); others unchanged."""
    start, end = span
    days = (end - start).days + 1
    part = max(1, round(days * share))
    if mod == "START":
        return start, start + timedelta(days=part - 1)
    if mod == "END":
        return end - timedelta(days=part - 1), end
    if mod == "MID":
        first = start + timedelta(days=(days - part) // 2)
        return first, first + timedelta(days=part - 1)
    return span


def parse_duration(value: str) -> tuple[int, str] | None:
    """`P3W` -> (3, "W"); `P1DE` -> (1, "DE"); None for vague (`PXM`) or fractional durations."""
    m = _DURATION.match(value)
    if not m or m[1] == "X" or "." in m[1]:
        return None
    unit = m[2]
    if value.startswith("PT") and unit == "M":
        unit = "MIN"
    return int(m[1]), unit


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    y, mo = divmod(total, 12)
    return date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


def shift_date(d: date, amount: int, unit: str) -> date | None:
    """`d` moved by `amount` units (negative = back); None for units smaller than a day, and
    where the move leaves the calendar (years 1-9999): a page's "1000000000000 years ago" or a
    digit run the date model read as a duration must not fail its article."""
    try:
        if unit == "D":
            return d + timedelta(days=amount)
        if unit == "W":
            return d + timedelta(weeks=amount)
        months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
        if months is None:
            return None
        return _add_months(d, amount * months)
    except (OverflowError, ValueError):
        return None


def render(d: date, gran: str) -> str | None:
    """A date written at a granularity: 2023-02-14 at "month" -> 2023-02."""
    if gran == "day":
        return d.isoformat()
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return None


UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "M": "month",
    "Q": "quarter",
    "H": "half",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
}


def shift(value: str, duration: str, sign: int) -> str | None:
    """A calendar value moved by a duration, kept at the value's own granularity.

    2023-01 + P1M -> 2023-02; 1989-Q3 - P1Y -> 1988-Q3; 2023-04-11 + P2D -> 2023-04-13.
    """
    gran = granularity(value)
    span = period(value)
    parsed = parse_duration(duration)
    if span is None or parsed is None or gran in {"season", "time", "none"}:
        return None
    amount, unit = parsed
    moved = shift_date(span[0], sign * amount, unit)
    if moved is None:
        return None
    return render(moved, gran)


def weekday_date(weekday: int, ref: date, direction: Direction) -> date:
    """The weekday (1 = Monday) nearest `ref` in `direction`; news convention: on or before it.

    A weekday named in a news report means the one before publication unless the verb is
    future; the publication day itself counts ("on Thursday" in a Thursday paper is today).
    """
    delta = (ref.isoweekday() - weekday) % 7
    if direction == "future":
        ahead = (weekday - ref.isoweekday()) % 7
        return ref + timedelta(days=ahead or 7)
    return ref - timedelta(days=delta)


def choose_year(month: int, day: int | None, ref: date, direction: Direction) -> int:
    """The year of a month (and day) written without one, relative to `ref`.

    past: the latest on or before ref; future: the earliest after it; near: the closest.
    """

    def first(year: int) -> date:
        return date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))

    same = first(ref.year)
    if direction == "past":
        return ref.year if same <= ref or (day is None and month == ref.month) else ref.year - 1
    if direction == "future":
        return ref.year if same > ref or (day is None and month == ref.month) else ref.year + 1
    candidates = [ref.year - 1, ref.year, ref.year + 1]
    return min(candidates, key=lambda y: (abs((first(y) - ref).days), -y if y <= ref.year else y))
