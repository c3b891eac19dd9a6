"""One article's events on a timeline: ordered by normalised time, granularity kept visible.

A TIMEX3 value says how precise it is ("2023-02" is a month, "2023-W14" a week), so the
timeline orders events by the first and last day each value covers and shows the value as
written, never a made-up day. Events whose time is unknown or unresolved are listed apart
rather than guessed into place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from newsint.config import default_config
from newsint.model import Analysis, Argument, Event, TimeExpr, reported_as_happened
from newsint.text import timex

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


def time_range(t: TimeExpr, mod_share: float | None = None) -> tuple[date, date] | None:
    """The days a time expression covers: the time stage's range, else read from its value
    (narrowed by its START/MID/END mod as the time stage does, `[time] mod_share`)."""
    if t.type not in ("DATE", "TIME"):
        return None
    if t.range_start and t.range_end:
        try:
            return date.fromisoformat(t.range_start[:10]), date.fromisoformat(t.range_end[:10])
        except ValueError:
            pass
    rng = timex.period(t.value)
    if rng is None:
        return None
    share = default_config().time.mod_share if mod_share is None else mod_share
    return timex.apply_mod(rng, t.mod, share)


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
        rng = timex.period(arg.value)
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


def article_timeline(
    analysis: Analysis, fold: bool = True, all_events: bool = False, floor: float | None = None
) -> tuple[list[Entry], list[Entry]]:
    """(dated entries in time order, undated entries in text order).

    Ties in time keep text order; a coarser value covering the same start sorts first, as a
    month heading goes before its days. With `fold`, repeated mentions of one event share a row.
    Events not reported as having happened (negated, denied, hypothetical, questioned, planned)
    are left out unless `all_events`, as are those whose factuality is at or below `floor`
    (default: config [events] happened_factuality).
    """
    if floor is None:
        floor = default_config().events.happened_factuality
    entries = [
        event_time(analysis, event)
        for event in analysis.events
        if all_events or reported_as_happened(event.status, event.negated, event.factuality, floor)
    ]
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
