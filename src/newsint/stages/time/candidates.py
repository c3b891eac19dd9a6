"""Time-expression candidates: the recogniser's, the cue patterns', spaCy's, cut to TimeML
extents (no leading prepositions) and read only near time cues (the recogniser is costly).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from newsint.config import Time as TimeConfig
from newsint.stages.time.rules import rules
from newsint.stages.tokens import tokens_of
from newsint.text import timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.stages.time.recognizer import Recognizer
_YEAR4 = re.compile(r"\b(1[5-9]|20)\d\d\b")


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


def windows(text: str, doc: Doc, width: int, max_chars: int) -> list[tuple[int, int]]:
    """Pieces of sentences around time cues, widened to whole words and merged up to
    `max_chars`.

    The recogniser's cost grows with the length of what it reads, and on some texts much
    faster than linearly (a run-on sentence with many "two days later" took gigabytes); a
    cue's neighbourhood holds the whole expression ("two days later", "the beginning of
    February"). Widening to whole words stops at `width` more characters (a "word" of
    thousands of letters is not read whole). Cue words after which the recogniser finds
    nothing by themselves ([cue] inert: "once", "season") open no window.
    """
    cue, inert = rules().cue, rules().inert_cues
    out: list[tuple[int, int]] = []
    for s0, s1 in tokens_of(doc).sentence_chars():
        for m in cue.finditer(text, s0, s1):
            if m.group().lower() in inert:
                continue  # the recogniser finds nothing by this word alone
            a, b = max(s0, m.start() - width), min(s1, m.end() + width)
            floor, ceiling = max(s0, a - width), min(s1, b + width)
            while a > floor and not text[a - 1].isspace():
                a -= 1
            while b < ceiling and not text[b].isspace():
                b += 1
            last = out[-1] if out else None
            if (
                last is not None
                and a <= last[1]
                and last[0] >= s0
                and max(last[1], b) - last[0] <= max_chars
            ):
                out[-1] = (last[0], max(last[1], b))
            else:
                out.append((a, b))
    return out


def candidates(
    text: str, doc: Doc, model: Recognizer, ref: datetime, cfg: TimeConfig
) -> list[Candidate]:
    r = rules()
    cands: list[Candidate] = []
    for w_start, w_end in windows(text, doc, cfg.window_chars, cfg.recognizer_max_chars):
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
    lowered = _lowered(text, r.case_folds)
    for kind, pattern in r.patterns:
        if _may_match(lowered, r.needs[kind]):
            for m in pattern.finditer(text):
                _add(cands, Candidate(m.start(), m.end(), f"pattern:{kind}", match=m), True)
    for value, pattern in r.refs:
        if _may_match(lowered, r.needs[value]):
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


def _lowered(text: str, folds: str) -> str | None:
    """`text` lower-cased for the `needs` tests, or None when it holds a letter that
    IGNORECASE matches otherwise than `str.lower()` reads it (then every pattern runs)."""
    if any(c in text for c in folds):
        return None
    return text.lower()


def _may_match(lowered: str | None, needs: tuple[str, ...]) -> bool:
    """Whether a pattern whose every match holds one of `needs` can match the text: a
    substring test, a small part of a regex scan (most texts hold no decade, no century)."""
    return lowered is None or not needs or any(n in lowered for n in needs)


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
    """Start of `phrase` when it stands right before `end` (a space or hyphen between).
    Scans back from `end` instead of copying the text before it (called ~500 times a text)."""
    k = end
    while k > 0 and text[k - 1] in " -":
        k -= 1
    if k == end:
        return None
    start = k - len(phrase)
    if start < 0 or text[start:k].lower() != phrase:
        return None
    if start > 0 and text[start - 1].isalnum():
        return None
    return start


def _adjust(text: str, c: Candidate) -> None:
    """TimeML extent: drop leading prepositions, take in modifiers, "the", and "later"/"ago".

    Words are compared by length (one lower-cased slice per length, not one per word): this
    runs for every candidate, against some 60 words.
    """
    r = rules()
    changed = True
    while changed:
        changed = False
        span = text[c.start : c.end]
        size = len(span)
        for n, words in r.trim_by_length:  # longest first
            if size > n + 1 and span[:n].lower() in words and not span[n].isalnum():
                cut = n
                while cut < size and span[cut] in " \t\n":
                    cut += 1
                c.start += cut
                changed = True
                break
    span = text[c.start : c.end]
    lowered = span.lower()
    heads: dict[int, str] = {}
    for phrase, mod in r.modifiers:
        n = len(phrase)
        head = heads.get(n)
        if head is None:
            head = heads[n] = span[:n].lower()
        if (head == phrase and (len(span) == n or not span[n].isalnum())) or (
            lowered[n : n + 1] == "-" and lowered.startswith(phrase)
        ):
            c.mod = mod
            break
    else:
        start = _modifier_before(text, c.start, r.modifiers)
        if start is not None:
            c.start, c.mod = start
    for word in r.extend_left:
        start = _ends_before(text, c.start, word)
        if text[c.start : c.start + 1].isdigit():
            break  # "the 1992 elections": the article belongs to the noun, not the year
        if start is not None and not _starts_with(text[c.start : c.end], word):
            c.start = start
            break
    tail = text[c.end : c.end + 20]
    for word, pattern in r.extend_right:
        if pattern.match(tail) and c.kind == "recognizer":
            if c.result is not None and c.result.type_name.endswith("duration"):
                if word in ("before", "after"):
                    break  # a signal before an event, not part of the expression
                c.end += 1 + len(word)
            break


def _modifier_before(
    text: str, end: int, modifiers: tuple[tuple[str, str], ...]
) -> tuple[int, str] | None:
    """(start, mod) of the first modifier phrase `_ends_before(text, end, ...)` finds; the
    spaces and hyphens before `end` are skipped once for all the phrases."""
    k = end
    while k > 0 and text[k - 1] in " -":
        k -= 1
    if k == end:
        return None
    tails: dict[int, str] = {}
    for phrase, mod in modifiers:
        start = k - len(phrase)
        if start < 0:
            continue
        tail = tails.get(start)
        if tail is None:
            tail = tails[start] = text[start:k].lower()
        if tail == phrase and not (start > 0 and text[start - 1].isalnum()):
            return start, mod
    return None


# --------------------------------------------------------------------------- normalisation


def _values(res: Any) -> list[dict[str, Any]]:
    resolution = getattr(res, "resolution", None) or {}
    return list(resolution.get("values") or [])


def _timex_of(res: Any) -> str | None:
    values = _values(res)
    return values[0].get("timex") if values else None
