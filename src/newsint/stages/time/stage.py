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
(data/time_rules.toml [cue]), and recognizer.py shares its nested extractors' work and keeps
whole windows in an LRU (copies of an article ask again). The steps are beside this module:
rules (the data), candidates, normalise, anchors.
"""

from __future__ import annotations

import bisect
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from newsint.config import Time as TimeConfig
from newsint.model import Published, TimeExpr, stable_id
from newsint.stages.time import focus, recognizer
from newsint.stages.time.anchors import (
    Placed,
    _anchor_by_event,
    _event_phrase,
    _is_date,
    _relative_to,
    _signal_after,
)
from newsint.stages.time.candidates import _YEAR4, Candidate, Normalised, candidates
from newsint.stages.time.normalise import (
    _dateparser_factory,
    duration_from_text,
    normalise_pattern,
    normalise_recognized,
    normalise_spacy,
)
from newsint.stages.time.rules import rules
from newsint.stages.tokens import tokens_of
from newsint.text import timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.stages.base import Resources, Work
    from newsint.stages.time.recognizer import Recognizer

# Reference date handed to the recogniser when the publication date is unknown. Values that
# depend on it are discarded (see _depends_on_reference); it never reaches the output.
_SENTINEL = datetime(2000, 1, 5)


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
    table = tokens_of(doc)
    bounds = table.sentence_chars()
    sent_starts = [a for a, _ in bounds]
    sentences = [table.text[a:b] for a, b in bounds]
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
    english_only = True  # English model and word lists: skipped for other languages
    version = 1
    requires = frozenset({"text", "doc"})
    uses: frozenset[str] = frozenset()
    assigns = frozenset({"times", "published"})

    def __init__(self, resources: Resources) -> None:
        self.cfg: TimeConfig = resources.config.time
        limits = resources.config.limits
        self.years = (limits.min_published_year, limits.max_published_year)
        size = self.cfg.recognizer_cache_size
        lens = (self.cfg.recognizer_focus, self.cfg.focus_context_words, self.cfg.focus_min_stem)
        self.model: Recognizer = resources.get(
            f"recognizers-datetime:{lens}", lambda: recognizer.load(size, focus.build(self.cfg))
        )
        parsers, kept = self.cfg.dateparser_cache_size, self.cfg.dateparser_values_kept
        self.parser = resources.get(
            f"dateparser-by-reference:{kept}", lambda: _dateparser_factory(parsers, kept)
        )

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
            if pub is not None and not self.years[0] <= pub.year <= self.years[1]:
                pub = None  # readers refuse such dates; date arithmetic near year 1/9999 fails
            a.times = find_times(
                a.text, work.doc, a.article.id, pub, self.model, self.parser, self.cfg
            )
