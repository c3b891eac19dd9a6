"""One article's events on a timeline: ordered by normalised time, granularity kept visible.

A TIMEX3 value says how precise it is ("2023-02" is a month, "2023-W14" a week), so the
timeline orders events by the first and last day each value covers and shows the value as
written, never a made-up day. Events whose time is unknown or unresolved are listed apart
rather than guessed into place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from newsint.model import Analysis, Argument, Event, TimeExpr

# TIMEX3 mod -> the word shown after the value ("2023-02 (early)").
MOD_WORDS = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "about",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "on or before",
    "ON_OR_AFTER": "on or after",
    "LESS_THAN": "less than",
    "MORE_THAN": "more than",
    "EQUAL_OR_LESS": "at most",
    "EQUAL_OR_MORE": "at least",
}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> date:
    """Last day of a month; months past 12 roll into the next year (winter spans two years)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def value_range(value: str | None) -> tuple[date, date] | None:
    """First and last day a TIMEX3 date value covers; None for durations, sets, *_REF and junk."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := _SEASON.match(value):
            y = int(m[1])
            first, last = _SEASON_MONTHS[m[2]]
            return date(y, first, 1), _month_end(y, last)
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31)
    except ValueError:  # month 13, week 54: an unresolvable value is no date
        return None
    return None


def _narrow(first: date, last: date, mod: str | None) -> tuple[date, date]:
    """Early/mid/late take a third of the range, so "early February" sorts before "February 20"."""
    span = (last - first).days + 1
    if mod not in ("START", "MID", "END") or span < 3:
        return first, last
    third = span // 3
    if mod == "START":
        return first, first + timedelta(days=third - 1)
    if mod == "MID":
        return first + timedelta(days=third), last - timedelta(days=third)
    return last - timedelta(days=third - 1), last


def time_range(t: TimeExpr) -> tuple[date, date] | None:
    """The days a time expression covers: the time stage's range, else read from its value."""
    if t.type not in ("DATE", "TIME"):
        return None
    if t.range_start and t.range_end:
        try:
            return date.fromisoformat(t.range_start[:10]), date.fromisoformat(t.range_end[:10])
        except ValueError:
            pass
    rng = value_range(t.value)
    return _narrow(*rng, t.mod) if rng else None


# TIMEX3 parts of the day ("2025-03-05TAF") -> words.
PART_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
_PART = re.compile(r"^(\d{4}-\d{2}-\d{2})T(MO|MI|AF|EV|NI|DT)$")


def time_label(value: str | None, mod: str | None = None) -> str:
    """The value as an analyst reads it: "2023-02 (early)", "2023-W14", "2023-04-11",
    "2025-03-05 (afternoon)"."""
    if not value:
        return "—"
    words = []
    if m := _PART.match(value):
        value = m[1]
        words.append(PART_OF_DAY[m[2]])
    if mod in MOD_WORDS:
        words.insert(0, MOD_WORDS[mod])
    return f"{value} ({', '.join(words)})" if words else value


@dataclass(frozen=True)
class Entry:
    """One event on the timeline with the time it is placed at."""

    event: Event
    label: str  # "2023-02 (early)", "2023-04-13 (publication date)", or "" when undated
    first: date | None = None
    last: date | None = None
    implied: bool = False  # time taken from the publication date because the tense implies it
    also: tuple[Event, ...] = ()  # other mentions of the same event, folded into this row


def event_time(analysis: Analysis, event: Event) -> Entry:
    """Where an event sits in time, from its time argument and the article's time expressions."""
    arg = event.time
    if arg is None:
        return Entry(event, "")
    if arg.time is None:
        # No time expression: the publication date, which the tense implied (or an unresolved text).
        rng = value_range(arg.value)
        if rng is None:
            return Entry(event, "")
        return Entry(event, f"{arg.value} (publication date)", rng[0], rng[1], implied=True)
    t = next((x for x in analysis.times if x.id == arg.time), None)
    if t is None:
        return Entry(event, "")
    rng = time_range(t)
    if rng is None:
        return Entry(event, "")
    return Entry(event, time_label(t.value, t.mod), rng[0], rng[1])


_DETERMINERS = re.compile(r"^(the|a|an|his|her|its|their|our|your|my|this|that|these|those)\s+")


def _participant(arg: Argument | None) -> str:
    """Who an argument is, for recognising a second mention: the entity, else the words."""
    if arg is None:
        return ""
    if arg.entity:
        return arg.entity
    text = " ".join(arg.text.lower().replace("“", "").replace("”", "").replace('"', "").split())
    return _DETERMINERS.sub("", text)


def same_event_key(e: Event) -> tuple[object, ...]:
    """Mentions with equal keys (type, mode, polarity, modality, actor, target) and compatible
    times are one event told twice: "spoke by phone with Putin in January" and "Erdogan's phone
    calls with Putin"."""
    return (
        e.type,
        e.mode,
        e.negated,
        e.modality,
        _participant(e.actor),
        _participant(e.target),
    )


def _span_days(e: Entry) -> int:
    return (e.last - e.first).days if e.first and e.last else 1 << 30


def _fold(entries: list[Entry]) -> list[Entry]:
    """Fold repeated mentions of one event into one row: dated mentions whose ranges overlap,
    and undated mentions with both actor and target when exactly one dated row has their key
    (one speaker's undated remarks are not folded into the day they spoke). The most precise
    time wins."""
    groups: list[list[Entry]] = []
    undated: list[Entry] = []
    for entry in sorted(entries, key=lambda e: (_span_days(e), e.event.trigger.start)):
        if entry.first is None:
            undated.append(entry)
            continue
        key = same_event_key(entry.event)
        for group in groups:
            head = group[0]
            overlaps = head.first <= entry.last and entry.first <= head.last  # type: ignore[operator]
            if same_event_key(head.event) == key and overlaps:
                group.append(entry)
                break
        else:
            groups.append([entry])
    leftover: list[Entry] = []
    for entry in undated:
        key = same_event_key(entry.event)
        matches = [g for g in groups if same_event_key(g[0].event) == key]
        if len(matches) == 1 and entry.event.actor and entry.event.target:
            matches[0].append(entry)
        else:
            leftover.append(entry)
    rows = [
        replace(g[0], also=tuple(sorted((x.event for x in g[1:]), key=lambda e: e.trigger.start)))
        for g in groups
    ]
    return rows + leftover


def article_timeline(analysis: Analysis, fold: bool = True) -> tuple[list[Entry], list[Entry]]:
    """(dated entries in time order, undated entries in text order).

    Ties in time keep text order; a coarser value covering the same start sorts first, as a
    month heading goes before its days. With `fold`, repeated mentions of one event share a row.
    """
    entries = [event_time(analysis, event) for event in analysis.events]
    if fold:
        entries = _fold(entries)
    dated = [e for e in entries if e.first]
    undated = [e for e in entries if not e.first]
    dated.sort(
        key=lambda e: (
            e.first,
            -((e.last - e.first).days if e.first and e.last else 0),
            e.event.trigger.start,
        )
    )
    undated.sort(key=lambda e: e.event.trigger.start)
    return dated, undated
