"""Candidates to TIMEX3 values, without claiming more precision than written: the recogniser's
resolution wrapped with news conventions (weekdays on or before publication unless the verb is
future, the year of "in January" from the tense, "five years ago" at year granularity, seasons,
decades, reference words), dateparser for spaCy's leftovers.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from newsint.stages.time.candidates import _YEAR4, Candidate, Normalised, _timex_of, _values
from newsint.stages.time.rules import rules
from newsint.text import timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.stages.time.recognizer import Recognizer
# A second reference, far enough from the first to change every relative value.
_OTHER_REFERENCE = timedelta(days=400)
_TUPLE = re.compile(r"^\((\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2}),(P[^)]+)\)$")
_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])(T.*)?$")
_MONTH_DAY = re.compile(r"^XXXX-(\d{2})(?:-(\d{2}))?(T.*)?$")
_SEASON = re.compile(r"^(?:XXXX-)?(SP|SU|FA|WI)$")
# A year in the words: 1998, 2023-04-13, 4/13/98, '98 (not 1,998 nor 1998.5).
_YEAR_WRITTEN = re.compile(
    r"(?<![\d,.])(?:1\d|20)\d\d(?!\d|[,.]\d)|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|['’]\d\d\b"
)
# A year written alone, "1998": the model resolves it to that year from any reference day
# (checked for every year 1000-2099 from 24 reference days), so no second parse asks.
_YEAR_ALONE = re.compile(r"(?:1\d|20)\d\d")
_NUMBER = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|few|couple)\b",
    re.IGNORECASE,
)
_DEICTIC = re.compile(
    r"\b(last|next|this|previous|coming|past|current|following|preceding|ago|later|earlier)\b",
    re.IGNORECASE,
)


def _depends_on_reference(model: Recognizer, text: str, ref: datetime, value: str | None) -> bool:
    """Relative iff the recogniser resolves the same words differently from another day.

    A calendar value whose words hold no year took its year from the reference: relative
    without asking. Words with a year can still be relative ("from 2001 to last year"), so
    only those are parsed a second time (a quarter of the cases on TimeBank), except a year
    written alone and resolved to itself (two thirds of those second parses on TimeBank and
    PolNeAR), which the model reads so from every day.
    """
    if not _YEAR_WRITTEN.search(text):
        return True
    if value == text and _YEAR_ALONE.fullmatch(text):
        return False
    other = model.parse(text, ref + _OTHER_REFERENCE)
    return not other or _timex_of(other[0]) != value


def direction(doc: Doc, start: int, end: int) -> timex.Direction:
    """Tense of the verb governing the expression: future, past, or near (no evidence)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "near"
    r = rules()
    tok = span.root
    for _ in range(6):
        inside = span.start <= tok.i < span.end
        if not inside and tok.pos_ in ("VERB", "AUX"):
            break
        if not inside and (tok.pos_ in ("NOUN", "PROPN", "ADJ") or tok.lower_ in r.endpoints):
            return "near"  # a deadline, an effective date, an end point: tense says nothing
        if tok.head.i == tok.i:
            return "near"
        tok = tok.head
    else:
        return "near"
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes} | {tok.lower_}
    if words & r.future:
        return "future"
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or words & r.perfect:
        return "past"
    return "near"


def _unit_in(text: str) -> tuple[str, bool] | None:
    """(TIMEX3 unit, written in the plural) of the last unit word in an expression."""
    words = re.findall(r"[a-z]+", text.lower())
    for i in range(len(words) - 1, -1, -1):
        unit = rules().units.get(words[i])
        if unit:
            return unit, words[i].endswith("s")
    return None


def count_in(text: str) -> int | None:
    """The number written in a duration: digits or a number word ("two days" -> 2)."""
    numbers = rules().numbers
    for word in re.findall(r"[a-z]+|\d+", text.lower()):
        if word.isdigit():
            return int(word)
        if word in numbers:
            return numbers[word]
    return None


def duration_from_text(text: str) -> str | None:
    """P<n><unit> from the words: "two days later" -> P2D, "the coming months" -> PXM."""
    unit = _unit_in(text)
    if unit is None:
        return None
    code, plural = unit
    n = count_in(text)
    if n is None and not plural:
        n = 1
    if code in ("DE", "CE"):
        return f"P{n * (10 if code == 'DE' else 100)}Y" if n else "PXY"
    return f"P{n}{code}" if n else f"PX{code}"


def _duration_value(text: str, timex_value: str | None) -> str | None:
    """The recogniser's duration, unless the words say otherwise (no number; decades)."""
    unit = _unit_in(text)
    if unit and (unit[0] in ("DE", "CE") or (unit[1] and count_in(text) is None)):
        return duration_from_text(text)
    return timex_value


def _calendar_from_tuple(a: date, b: date) -> str | None:
    """A recogniser range (start, exclusive end) that is exactly one calendar period."""
    last = b - timedelta(days=1)
    for gran in ("week", "month", "quarter", "half", "year"):
        value = timex.render(a, gran)
        if value and timex.period(value) == (a, last):
            return value
    return None


def normalise_recognized(
    c: Candidate, text: str, doc: Doc, model: Recognizer, ref: datetime
) -> Normalised:
    res = c.result
    kind = res.type_name.split(".")[-1]
    values = _values(res)
    first = values[0] if values else {}
    value = first.get("timex")
    written = text[c.start : c.end]
    if value and "year" in c.data:
        value = value.replace("XXXX", c.data["year"])
    rmod = rules().recognizer_mods.get(str(first.get("Mod") or "").lower())
    mod = c.mod or rmod
    if not value:  # None, or "" for what it found but could not resolve ("Easter")
        return Normalised("DATE", None, f"recognizer:{kind}: no value", mod, resolved=False)
    if kind == "duration":
        return Normalised("DURATION", _duration_value(written, value), f"recognizer:{kind}", mod)
    if kind == "set":
        return Normalised("SET", value, f"recognizer:{kind}", mod)
    if value in timex.REFS:
        return Normalised("DATE", value, f"recognizer:{kind}", mod, relative=True)
    day = ref.date()
    if m := _TUPLE.match(value):
        a, b = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        calendar_value = _calendar_from_tuple(a, b)
        relative = _depends_on_reference(model, written, ref, value)
        if calendar_value:
            if relative and not _DEICTIC.search(written) and not _YEAR4.search(written):
                calendar_value = _year_by_tense(calendar_value, day, direction(doc, c.start, c.end))
            return Normalised(
                "DATE", calendar_value, f"recognizer:{kind}:period", mod, relative=relative
            )
        dur = _duration_value(written, m[3])
        return Normalised(
            "DURATION",
            dur,
            f"recognizer:{kind}:range",
            mod,
            relative=relative,
            range=(a, b - timedelta(days=1)) if dur and "X" not in dur else None,
        )
    if m := _WEEKDAY.match(value):
        tense = direction(doc, c.start, c.end)
        d = timex.weekday_date(int(m[1]), day, "future" if tense == "future" else "past")
        rule = f"recognizer:{kind}:weekday-{'future' if tense == 'future' else 'past'}"
        return Normalised(
            "TIME" if m[2] else "DATE", d.isoformat() + (m[2] or ""), rule, mod, relative=True
        )
    if m := _MONTH_DAY.match(value):
        tense = direction(doc, c.start, c.end)
        month, dd = int(m[1]), int(m[2]) if m[2] else None
        if not 1 <= month <= 12:
            return Normalised("DATE", None, f"recognizer:{kind}: bad month", mod, resolved=False)
        year = timex.choose_year(month, dd, day, tense)
        resolved = f"{year:04d}-{month:02d}" + (f"-{dd:02d}" if dd else "") + (m[3] or "")
        return Normalised(
            "TIME" if m[3] else "DATE",
            resolved,
            f"recognizer:{kind}:year-{tense}",
            mod,
            relative=True,
        )
    if m := _SEASON.match(value):
        tense = direction(doc, c.start, c.end)
        start_month = timex.SEASONS[m[1]][0]
        year = timex.choose_year(start_month, None, day, tense)
        return Normalised(
            "DATE", f"{year:04d}-{m[1]}", f"recognizer:{kind}:season-{tense}", mod, relative=True
        )
    if "X" in value:
        return Normalised("DATE", None, f"recognizer:{kind}: underspecified {value}", mod)
    # a year put back by _merge_split_years is written, not taken from the reference
    relative = "year" not in c.data and _depends_on_reference(model, written, ref, value)
    vtype = "TIME" if "T" in value else "DATE"
    rule = f"recognizer:{kind}"
    if value.startswith("T"):  # "at 5 p.m.": on the day of the report unless told otherwise
        value, relative, rule = day.isoformat() + value, True, rule + ":time-on-reference-day"
    if written.lower().rstrip().endswith(" ago") and (unit := _unit_in(written)):
        span = timex.period(value)
        gran = timex.UNIT_GRANULARITY.get(unit[0])
        if span and gran and (coarse := timex.render(span[0], gran)):
            value, rule = coarse, rule + ":ago-at-unit"
    return Normalised(vtype, value, rule, mod, relative=relative)


def _year_by_tense(value: str, ref: date, tense: timex.Direction) -> str:
    """A quarter or half the recogniser put in the current year, moved by the verb's tense."""
    span = timex.period(value)
    if span is None:
        return value
    if tense == "past" and span[0] > ref:
        moved = timex.shift(value, "P1Y", -1)
        return moved or value
    if tense == "future" and span[1] < ref:
        moved = timex.shift(value, "P1Y", 1)
        return moved or value
    return value


_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


def _last_named(name: str, ref: date) -> str:
    """The most recent month or season wholly or partly before `ref`, never the current one."""
    name = name.lower()
    if name in _MONTHS:
        month = _MONTHS.index(name) + 1
        year = ref.year if month < ref.month else ref.year - 1
        return f"{year:04d}-{month:02d}"
    code = _SEASON_CODES[name]
    first = timex.SEASONS[code][0]
    year = ref.year
    while True:
        span = timex.period(f"{year:04d}-{code}")
        if span and span[1] < ref:
            return f"{year:04d}-{code}"
        if first == 12 and span and span[0] <= ref:
            year -= 1
            continue
        year -= 1


def normalise_pattern(c: Candidate, ref: date) -> Normalised:
    m = c.match
    assert m is not None
    kind = c.kind.split(":", 1)[1]
    groups = m.groupdict()
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((groups.get("mod") or "").lower())
    mod = mod or c.mod
    if kind == "last_named":
        return Normalised(
            "DATE", _last_named(groups["name"], ref), "pattern:last-named", mod, relative=True
        )
    if kind == "decade":
        return Normalised("DATE", f"{groups['century']}{groups['decade']}", "pattern:decade", mod)
    if kind == "decade_short":
        # "the '90s": the century is not written; the twentieth is meant in nearly all news
        return Normalised(
            "DATE", f"19{groups['decade']}", "pattern:decade-short", mod, relative=False
        )
    if kind == "century":
        return Normalised("DATE", f"{int(groups['ordinal']) - 1:02d}", "pattern:century", mod)
    if kind == "year_part":
        return Normalised("DATE", groups["year"], "pattern:year-part", mod)
    return Normalised("DATE", None, f"pattern:{kind}: no handler", mod, resolved=False)


def normalise_spacy(c: Candidate, text: str, parser: Any, ref: datetime) -> Normalised:
    """dateparser over a spaCy DATE/TIME span the recogniser missed; often no value."""
    label = c.kind.split(":", 1)[1]
    written = text[c.start : c.end]
    value = _dateparser_value(parser, written, ref) if re.search(r"[A-Za-z]", written) else None
    if value is None:
        duration = duration_from_text(written)
        if duration and not _DEICTIC.search(written):
            return Normalised("DURATION", duration, f"spacy:{label}:duration", c.mod)
        return Normalised(label, None, f"spacy:{label}: not normalised", c.mod, resolved=False)
    # as _depends_on_reference: without a year in the words the value took the reference's
    relative = not _YEAR_WRITTEN.search(written) or value != _dateparser_value(
        parser, written, ref + _OTHER_REFERENCE
    )
    return Normalised(
        "TIME" if "T" in value else "DATE", value, "spacy+dateparser", c.mod, relative=relative
    )


def _dateparser_value(parser: Any, written: str, ref: datetime) -> str | None:
    """dateparser's value of `written` from `ref`, through the factory's memo when it has one."""
    memo = getattr(parser, "value", None)
    if memo is not None:
        return memo(written, ref)  # type: ignore[no-any-return]
    return _read_value(parser, written, ref)


def _read_value(parser: Any, written: str, ref: datetime) -> str | None:
    data = parser(ref).get_date_data(written)
    if not data or data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "time":
        return d.strftime("%Y-%m-%dT%H:%M")
    return timex.render(d.date(), data.period)


def _dateparser_factory(cache_size: int = 64, values_kept: int = 0) -> Any:
    """A DateDataParser per publication date, the `cache_size` most recent kept.

    Building one costs milliseconds and a corpus has a few publication dates per day of news;
    unbounded, a long ingest over years kept one per date for the life of the process.
    `value(written, ref)` is `_read_value` with the `values_kept` latest answers kept (copies
    of an article ask about the same phrases from the same date; a call costs ~0.4 ms and
    nearly all find nothing); `clear_cache()` forgets them (benchmarks start cold).
    """
    from dateparser.date import DateDataParser

    cache_: OrderedDict[datetime, Any] = OrderedDict()
    lock = threading.Lock()

    def get(ref: datetime) -> Any:
        with lock:
            parser = cache_.get(ref)
            if parser is not None:
                cache_.move_to_end(ref)
                return parser
        parser = DateDataParser(
            languages=["en"],
            settings={
                "RELATIVE_BASE": ref,
                "PREFER_DATES_FROM": "past",
                "PREFER_DAY_OF_MONTH": "first",
            },
        )
        with lock:
            cache_[ref] = parser
            while len(cache_) > max(1, cache_size):
                cache_.popitem(last=False)
        return parser

    values: OrderedDict[tuple[str, datetime], str | None] = OrderedDict()

    def value(written: str, ref: datetime) -> str | None:
        key = (written, ref)
        with lock:
            if key in values:
                values.move_to_end(key)
                return values[key]
        found = _read_value(get, written, ref)
        if values_kept > 0:
            with lock:
                values[key] = found
                while len(values) > values_kept:
                    values.popitem(last=False)
        return found

    def clear_cache() -> None:
        with lock:
            values.clear()

    get.cache = cache_  # type: ignore[attr-defined]
    get.values = values  # type: ignore[attr-defined]
    get.value = value  # type: ignore[attr-defined]
    get.clear_cache = clear_cache  # type: ignore[attr-defined]
    return get
