"""Time stage: the publication date (dateline) and every time expression, normalised TIMEX3-style.

Microsoft Recognizers-Text finds and resolves most expressions (dates, ranges, durations, sets,
"last week" as an ISO week); it measured far above dateparser on TimeBank (docs/benchmarks.md).
It is wrapped here with the conventions it lacks, kept as data in data/time_rules.toml:
TimeML extents (no leading prepositions), news weekdays (the last one on or before
publication unless the verb is future), the year of "in January" from the verb's tense,
"five years ago" at year granularity, durations anchored on events ("one month after the
calls" -> the month after the dated calls), decades and centuries, and reference words
(now -> PRESENT_REF). Without a publication date, relative expressions keep no value: the
stage never falls back to today.

The recogniser is the expensive part, so it reads only the neighbourhood of time cues
(data/time_rules.toml [cue]), and stages/time/recognizer.py shares its nested extractors' work and
keeps whole windows in an LRU (copies of an article ask again).
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING, Any

from newsint.config import Time as TimeConfig
from newsint.model import Published, TimeExpr, stable_id
from newsint.stages.time import recognizer
from newsint.text import timex
from newsint.text.textsim import content_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.stages.base import Resources, Work
    from newsint.stages.time.recognizer import Recognizer

# Reference date handed to the recogniser when the publication date is unknown. Values that
# depend on it are discarded (see _depends_on_reference); it never reaches the output.
_SENTINEL = datetime(2000, 1, 5)
# A second reference, far enough from the first to change every relative value.
_OTHER_REFERENCE = timedelta(days=400)
_TUPLE = re.compile(r"^\((\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2}),(P[^)]+)\)$")
_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])(T.*)?$")
_MONTH_DAY = re.compile(r"^XXXX-(\d{2})(?:-(\d{2}))?(T.*)?$")
_SEASON = re.compile(r"^(?:XXXX-)?(SP|SU|FA|WI)$")
_YEAR4 = re.compile(r"\b(1[5-9]|20)\d\d\b")
# A year in the words: 1998, 2023-04-13, 4/13/98, '98 (not 1,998 nor 1998.5).
_YEAR_WRITTEN = re.compile(
    r"(?<![\d,.])(?:1\d|20)\d\d(?!\d|[,.]\d)|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|['’]\d\d\b"
)
_NUMBER = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|few|couple)\b",
    re.IGNORECASE,
)
_DEICTIC = re.compile(
    r"\b(last|next|this|previous|coming|past|current|following|preceding|ago|later|earlier)\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- rules as data


@dataclass(frozen=True)
class Rules:
    cue: re.Pattern[str]
    trim: tuple[str, ...]
    extend_left: tuple[str, ...]
    extend_right: tuple[str, ...]
    modifiers: tuple[tuple[str, str], ...]  # (phrase, mod), longest phrase first
    recognizer_mods: dict[str, str]
    refs: tuple[tuple[str, re.Pattern[str]], ...]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
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


def _phrase(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@cache
def rules() -> Rules:
    text = importlib_resources.files("newsint.data").joinpath("time_rules.toml").read_text("utf-8")
    data = tomllib.loads(text)
    mods = [(p, mod) for mod, phrases in data["modifiers"].items() for p in phrases]
    return Rules(
        cue=re.compile(f"{data['cue']['digits']}|{data['cue']['pattern']}", re.IGNORECASE),
        trim=tuple(sorted(data["trim"]["leading"], key=len, reverse=True)),
        extend_left=tuple(data["extend"]["left"]),
        extend_right=tuple(data["extend"]["right"]),
        modifiers=tuple(sorted(mods, key=lambda m: len(m[0]), reverse=True)),
        recognizer_mods=dict(data["recognizer_mods"]),
        refs=tuple((value, _phrase(words)) for value, words in data["refs"].items()),
        patterns=tuple(
            (p["kind"], re.compile(p["regex"], re.IGNORECASE)) for p in data["patterns"]
        ),
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
    )


# --------------------------------------------------------------------------- publication date


def find_dateline(raw: str, window: int) -> tuple[str, str] | None:
    """(ISO date, the line it came from) for a dateline near the top of the page, else None."""
    import dateparser

    head = raw[:window]
    for pattern in rules().datelines:
        for m in pattern.finditer(head):
            parsed = dateparser.parse(
                m.group("date"),
                languages=["en"],
                settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True},
            )
            if parsed is None:
                continue
            line_start = head.rfind("\n", 0, m.start()) + 1
            line_end = head.find("\n", m.end())
            line = head[line_start : line_end if line_end >= 0 else len(head)].strip()
            return parsed.date().isoformat(), line
    return None


def publication_date(published: Published) -> date | None:
    if not published.date:
        return None
    try:
        return date.fromisoformat(published.date[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # recognizer, pattern:<kind>, ref:<VALUE>, spacy:<LABEL>
    result: Any = None  # the recogniser's ModelResult
    match: re.Match[str] | None = None
    mod: str | None = None
    data: dict[str, str] = field(default_factory=dict)


@dataclass
class Normalised:
    type: str
    value: str | None
    rule: str
    mod: str | None = None
    relative: bool = False  # depends on the publication date
    range: tuple[date, date] | None = None
    anchor: str | None = None
    anchor_text: str | None = None
    resolved: bool = True


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _add(cands: list[Candidate], new: Candidate, replace_contained: bool = False) -> None:
    """Add unless it overlaps a kept candidate; a pattern may replace what it contains."""
    clashes = [c for c in cands if _overlaps(c, new)]
    if not clashes:
        cands.append(new)
        return
    if replace_contained and all(new.start <= c.start and c.end <= new.end for c in clashes):
        for c in clashes:
            cands.remove(c)
        cands.append(new)


def windows(text: str, doc: Doc, width: int) -> list[tuple[int, int]]:
    """Pieces of sentences around time cues, widened to whole words and merged.

    The recogniser's cost grows with the length of what it reads; a cue's neighbourhood holds
    the whole expression ("two days later", "the beginning of February").
    """
    cue = rules().cue
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        for m in cue.finditer(text, s0, s1):
            a, b = max(s0, m.start() - width), min(s1, m.end() + width)
            while a > s0 and not text[a - 1].isspace():
                a -= 1
            while b < s1 and not text[b].isspace():
                b += 1
            if out and a <= out[-1][1] and out[-1][0] >= s0:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((a, b))
    return out


def candidates(
    text: str, doc: Doc, model: Recognizer, ref: datetime, cfg: TimeConfig
) -> list[Candidate]:
    r = rules()
    cands: list[Candidate] = []
    for w_start, w_end in windows(text, doc, cfg.window_chars):
        chunk = text[w_start:w_end]
        lowered = chunk.lower()
        for res in model.parse(chunk, ref):
            # the recogniser's offsets drift on some inputs: find its words near where it says
            at = lowered.find(res.text.lower(), max(0, res.start - 40))
            if at < 0:
                continue
            start = w_start + at
            end = start + len(res.text)
            if _timex_of(res) in timex.REFS and res.text.lower() not in r.ref_words:
                continue
            _add(cands, Candidate(start, end, "recognizer", result=res))
    cands = _merge_split_years(text, sorted(cands, key=lambda c: c.start))
    for kind, pattern in r.patterns:
        for m in pattern.finditer(text):
            _add(cands, Candidate(m.start(), m.end(), f"pattern:{kind}", match=m), True)
    for value, pattern in r.refs:
        for m in pattern.finditer(text):
            _add(cands, Candidate(m.start(), m.end(), f"ref:{value}"))
    if cfg.spacy_fallback:
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                _add(cands, Candidate(ent.start_char, ent.end_char, f"spacy:{ent.label_}"))
    for c in cands:
        _adjust(text, c)
    cands = [c for c in cands if c.end > c.start and _plausible(text, c)]
    cands.sort(key=lambda c: (c.start, c.end))
    # adjustments may make neighbours overlap: keep the earlier one
    kept: list[Candidate] = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _merge_split_years(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "the end of March 2021" comes back as "the end of March" + "2021": put the year back."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.result is not None
            and c.result is not None
            and "XXXX" in (_timex_of(prev.result) or "")
            and re.fullmatch(r"[\s,]*", text[prev.end : c.start])
            and re.fullmatch(r"\d{4}", text[c.start : c.end])
        ):
            prev.end = c.end
            prev.data["year"] = text[c.start : c.end]
            continue
        out.append(c)
    return out


def _plausible(text: str, c: Candidate) -> bool:
    """Not a verb or noun that looks like a month ("may"), nor an age ("a 6-year-old")."""
    r = rules()
    written = text[c.start : c.end]
    if written in r.ambiguous:  # lower-case and alone
        return False
    if any(p.match(written) for p in r.reject):
        return False
    tail = text[c.end : c.end + 12].lower()
    if any(tail.startswith(w) for w in r.not_after):
        return False
    if c.kind.startswith("spacy:"):
        # spaCy calls ages and bare numbers DATE ("Smith, 44,"); a time needs a word or a year
        return bool(re.search(r"[A-Za-z]", written)) or bool(_YEAR4.fullmatch(written.strip()))
    return True


def _starts_with(text: str, phrase: str) -> bool:
    n = len(phrase)
    return text[:n].lower() == phrase and (len(text) == n or not text[n].isalnum())


def _ends_before(text: str, end: int, phrase: str) -> int | None:
    """Start of `phrase` when it stands right before `end` (a space or hyphen between)."""
    head = text[:end].rstrip(" -")
    if len(head) == end:
        return None
    start = len(head) - len(phrase)
    if start < 0 or head[start:].lower() != phrase:
        return None
    if start > 0 and text[start - 1].isalnum():
        return None
    return start


def _adjust(text: str, c: Candidate) -> None:
    """TimeML extent: drop leading prepositions, take in modifiers, "the", and "later"/"ago"."""
    r = rules()
    changed = True
    while changed:
        changed = False
        span = text[c.start : c.end]
        for word in r.trim:
            if _starts_with(span, word) and len(span) > len(word) + 1:
                cut = len(word)
                while cut < len(span) and span[cut] in " \t\n":
                    cut += 1
                c.start += cut
                changed = True
                break
    span = text[c.start : c.end]
    for phrase, mod in r.modifiers:
        if _starts_with(span, phrase) or span.lower().startswith(phrase + "-"):
            c.mod = mod
            break
    else:
        for phrase, mod in r.modifiers:
            start = _ends_before(text, c.start, phrase)
            if start is not None:
                c.start, c.mod = start, mod
                break
    for word in r.extend_left:
        start = _ends_before(text, c.start, word)
        if text[c.start : c.start + 1].isdigit():
            break  # "the 1992 elections": the article belongs to the noun, not the year
        if start is not None and not _starts_with(text[c.start : c.end], word):
            c.start = start
            break
    tail = text[c.end : c.end + 20]
    for word in r.extend_right:
        if re.match(rf" {re.escape(word)}\b", tail, re.IGNORECASE) and c.kind == "recognizer":
            if c.result is not None and c.result.type_name.endswith("duration"):
                if word in ("before", "after"):
                    break  # a signal before an event, not part of the expression
                c.end += 1 + len(word)
            break


# --------------------------------------------------------------------------- normalisation


def _values(res: Any) -> list[dict[str, Any]]:
    resolution = getattr(res, "resolution", None) or {}
    return list(resolution.get("values") or [])


def _timex_of(res: Any) -> str | None:
    values = _values(res)
    return values[0].get("timex") if values else None


def _depends_on_reference(model: Recognizer, text: str, ref: datetime, value: str | None) -> bool:
    """Relative iff the recogniser resolves the same words differently from another day.

    A calendar value whose words hold no year took its year from the reference: relative
    without asking. Words with a year can still be relative ("from 2001 to last year"), so
    only those are parsed a second time (a quarter of the cases on TimeBank).
    """
    if not _YEAR_WRITTEN.search(text):
        return True
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
    data = parser(ref).get_date_data(written)
    if not data or data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "time":
        return d.strftime("%Y-%m-%dT%H:%M")
    return timex.render(d.date(), data.period)


def _dateparser_factory() -> Any:
    from dateparser.date import DateDataParser

    cache_: dict[datetime, Any] = {}

    def get(ref: datetime) -> Any:
        if ref not in cache_:
            cache_[ref] = DateDataParser(
                languages=["en"],
                settings={
                    "RELATIVE_BASE": ref,
                    "PREFER_DATES_FROM": "past",
                    "PREFER_DAY_OF_MONTH": "first",
                },
            )
        return cache_[ref]

    return get


# --------------------------------------------------------------------------- anchors


@dataclass
class Placed:
    expr: TimeExpr
    sentence: int


def _signal_after(text: str, end: int) -> tuple[str, int, int] | None:
    """(signal, sign, index after it) when "after"/"before"/"later"/"earlier" follows `end`."""
    tail = text[end : end + 30]
    r = rules()
    for words, sign in ((r.after, 1), (r.before, -1)):
        for w in sorted(words, key=len, reverse=True):
            m = re.match(rf"\s+({re.escape(w)})\b", tail, re.IGNORECASE)
            if m:
                return w, sign, end + m.end()
    return None


def _event_phrase(doc: Doc, text: str, start: int) -> str | None:
    """The noun phrase after a signal word: "after [Erdogan's phone calls with Putin]"."""
    span = doc.char_span(start - 1, start, alignment_mode="expand")
    if span is None:
        return None
    signal = span[0]
    objects = [c for c in signal.children if c.dep_ in ("pobj", "pcomp", "obj")]
    if objects:
        sub = list(objects[0].subtree)
        return text[sub[0].idx : sub[-1].idx + len(sub[-1].text)]
    m = re.match(r"\s*([^,;.:]+)", text[start:])
    return m.group(1).strip() if m else None


def _is_date(expr: TimeExpr) -> bool:
    """A calendar date, or one that would be with a publication date: a possible anchor."""
    if expr.type not in ("DATE", "TIME"):
        return False
    if expr.value is None:
        return expr.anchor == "published" and expr.value not in timex.REFS
    return timex.period(expr.value) is not None


def _anchor_by_event(
    event: str, sentence: int, placed: list[Placed], sentences: list[str], cfg: TimeConfig
) -> Placed | None:
    """The dated expression whose sentence shares the most content words with the event."""
    words = content_words(event)
    best: tuple[int, int, Placed] | None = None
    for p in placed:
        if not _is_date(p.expr):
            continue
        if not 0 <= sentence - p.sentence <= cfg.anchor_max_sentences_back:
            continue
        shared = len(words & content_words(sentences[p.sentence]))
        key = (shared, p.sentence)
        if shared >= cfg.anchor_min_shared_words and (best is None or key > best[:2]):
            best = (shared, p.sentence, p)
    return best[2] if best else None


_ORDER = ("time", "day", "week", "month", "quarter", "half", "year", "decade", "century")


def _coarser(a: str, b: str) -> str:
    if a not in _ORDER or b not in _ORDER:
        return a
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


def _relative_to(anchor: TimeExpr | None, duration: str | None, sign: int, n: Normalised) -> None:
    """Turn a duration into the date it points to from its anchor, or mark it unresolved."""
    n.type = "DATE"
    n.relative = False
    if anchor is not None:
        n.anchor = anchor.id
    if anchor is None or anchor.value is None or duration is None:
        n.value, n.resolved = None, False
        if anchor is not None:
            n.rule += ": its anchor is unresolved"
        return
    moved = timex.shift(anchor.value, duration, sign)
    unit = timex.parse_duration(duration)
    if moved and unit:
        # "a year after 12 March" is a year, not a day: no more precision than the offset has
        coarser = _coarser(timex.granularity(moved), timex.UNIT_GRANULARITY.get(unit[1], "day"))
        span = timex.period(moved)
        moved = timex.render(span[0], coarser) if span else moved
    n.value = moved
    n.anchor = anchor.id
    n.resolved = moved is not None and anchor.resolved
    if moved is None:
        n.rule += ": cannot shift"


# --------------------------------------------------------------------------- the stage


def find_times(
    text: str,
    doc: Doc,
    article_id: str,
    pub: date | None,
    model: Recognizer,
    parser: Any,
    cfg: TimeConfig,
) -> list[TimeExpr]:
    ref = datetime(pub.year, pub.month, pub.day) if pub else _SENTINEL
    sent_starts = [s.start_char for s in doc.sents]
    sentences = [s.text for s in doc.sents]
    placed: list[Placed] = []
    out: list[TimeExpr] = []
    for c in candidates(text, doc, model, ref, cfg):
        written = text[c.start : c.end]
        if c.kind == "recognizer" and _ends_with_relative_adverb(written):
            n = Normalised("DURATION", duration_from_text(written), "recognizer:relative-adverb")
        elif c.kind == "recognizer":
            n = normalise_recognized(c, text, doc, model, ref)
        elif c.kind.startswith("pattern:"):
            n = normalise_pattern(c, ref.date())
        elif c.kind.startswith("ref:"):
            n = Normalised("DATE", c.kind[4:], "ref", c.mod, relative=True)
        else:
            n = normalise_spacy(c, text, parser, ref)
        sentence = max(0, bisect.bisect_right(sent_starts, c.start) - 1)
        tid = stable_id("tim", article_id, c.start, c.end)
        if n.type == "DURATION" and n.value and "X" not in n.value:
            _resolve_relative_duration(c, n, text, doc, written, sentence, placed, sentences, cfg)
        if n.relative and n.value not in timex.REFS:
            n.anchor = "published"
            if pub is None and n.type == "DURATION":
                n.range, n.resolved = None, False  # the length stands; where it lies is unknown
                n.rule += ": range relative to an unknown publication date"
            elif pub is None:
                n.value, n.resolved, n.range = None, False, None
                n.rule += ": relative, publication date unknown"
        if n.value in timex.REFS:
            n.anchor = "published"
            n.resolved = pub is not None
            if n.value == "PRESENT_REF" and pub:
                n.range = (pub, pub)
        span = n.range
        if span is None and n.type in ("DATE", "TIME") and n.value:
            span = timex.period(n.value)
            if span:
                span = timex.apply_mod(span, n.mod, cfg.mod_share)
        expr = TimeExpr(
            id=tid,
            start=c.start,
            end=c.end,
            text=written,
            type=n.type,  # type: ignore[arg-type]
            value=n.value,
            granularity=timex.granularity(n.value) if n.type in ("DATE", "TIME") else "none",  # type: ignore[arg-type]
            mod=n.mod,
            range_start=span[0].isoformat() if span else None,
            range_end=span[1].isoformat() if span else None,
            anchor=n.anchor,
            anchor_text=n.anchor_text,
            resolved=bool(n.resolved and n.value is not None),
            rule=n.rule,
        )
        placed.append(Placed(expr, sentence))
        out.append(expr)
    return out


def _ends_with_relative_adverb(written: str) -> bool:
    """ "two days later", "a year earlier": relative to another time, not to publication."""
    r = rules()
    last = written.lower().rsplit(" ", 1)[-1]
    return " " in written.strip() and last in (set(r.after) | set(r.before)) - {"after", "before"}


def _resolve_relative_duration(
    c: Candidate,
    n: Normalised,
    text: str,
    doc: Doc,
    written: str,
    sentence: int,
    placed: list[Placed],
    sentences: list[str],
    cfg: TimeConfig,
) -> None:
    """ "two days later" -> from the last date before it; "one month after <event>" -> from the
    date of that event when an earlier dated sentence tells of it."""
    r = rules()
    lowered = written.lower()
    for words, sign in ((r.after, 1), (r.before, -1)):
        for w in words:
            if lowered.endswith(" " + w):
                previous = next((p.expr for p in reversed(placed) if _is_date(p.expr)), None)
                duration = n.value
                n.rule += f":{w}-previous-date"
                _relative_to(previous, duration, sign, n)
                if previous is None:
                    n.rule += ": no earlier date in the text"
                return
    signal = _signal_after(text, c.end)
    if signal is None or signal[0] not in ("after", "before", "following", "prior to", "ahead of"):
        return
    _, sign, after = signal
    event = _event_phrase(doc, text, after)
    if not event or (rules().cue.search(event) and _YEAR4.search(event)):
        return  # "two days after March 4" is the recogniser's business, not an event
    anchor = _anchor_by_event(event, sentence, placed, sentences, cfg)
    duration = n.value
    n.anchor_text = event
    n.rule += f":{signal[0]}-event"
    _relative_to(anchor.expr if anchor else None, duration, sign, n)
    if anchor is None:
        n.rule += ": the event is not dated in the text"


class TimeStage:
    """Pipeline stage: dateline -> publication date (if unknown), then `analysis.times`."""

    name = "time"
    requires = frozenset({"text", "doc"})
    assigns = frozenset({"times", "published"})

    def __init__(self, resources: Resources) -> None:
        self.cfg: TimeConfig = resources.config.time
        size = self.cfg.recognizer_cache_size
        self.model: Recognizer = resources.get(
            "recognizers-datetime", lambda: recognizer.load(size)
        )
        self.parser = resources.get("dateparser-by-reference", _dateparser_factory)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            a = work.analysis
            if publication_date(a.article.published) is None:
                found = find_dateline(a.raw, self.cfg.dateline_window_chars)
                if found:
                    a.article.published = Published(
                        date=found[0], source="dateline", evidence=found[1]
                    )
            pub = publication_date(a.article.published)
            a.times = find_times(
                a.text, work.doc, a.article.id, pub, self.model, self.parser, self.cfg
            )
