"""The parts of a cue window the date model can read something in: the recogniser's fast path.

A parse costs about 0.6 ms whatever the text, plus about 12 µs a character, and a 120-character
cue window is mostly words no date-time rule mentions ("The minister said on Tuesday that the
talks would resume"). The model's rules are regular expressions over its own English
vocabulary, which the library ships as definitions: a word that none of them spells mostly
just separates expressions. So a window is cut down to regions around runs of vocabulary
words, and their results are put back at their offsets. "Mostly": the model also reads a
word of context, finds words again by their first occurrence (`str.index`) and joins some
expressions across any distance, so windows where that could matter are read whole (below).

What a word is (data/time_rules.toml [focus]):
- strong: a digit, a cue of the time stage, a word the model finds by itself ([focus] alone,
  [focus] extra), a word of its holiday definitions ("patrick"), or a word made of several
  vocabulary pieces ("mondays", "centuries");
- weak: any other word the definitions spell ("after", "last", "end"): joins a run, never
  makes one worth reading (alone, the model finds nothing in such words);
- joiner ([focus] joiners: "the", "of", "on"): free context, never a run of its own;
- plain: any other word; it ends a run.
A run with a strong word, widened by `context` words on each side (joiners not counted) and cut
at white space, is a region. The regions are joined by [focus] separator into one text, which
the model reads in one call (a parse costs ~0.6 ms before its first character, so one call per
region would cost more than it saves). The window is read whole when one region covers it, a
result would span a separator, it holds a word after which the model looks far ahead
([focus] whole_if: "from"), a time of day and a comma (`long_reach`), or a vocabulary word
kept that also stands in the part left out before it. Equality with the whole-window parse was
checked on every cue window of TimeBank + AQUAINT, PolNeAR dev and train and the bench pages
(docs/benchmarks.md; tests/stages/time/test_focus.py).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsint.config import Time as TimeConfig

_WORD = re.compile(r"\w+")
_PIECE = re.compile(r"[a-z]+")
_OPTIONAL = re.compile(r"[a-z]\?")  # a letter the pattern may leave out
_GROUPING = re.compile(r"[()?]")  # groups and their "?": "(un)?til" read as "until"
_SYNTAX = re.compile(r"\\.|\(\?P?<\w+>|\(\?<?[=!:]?")  # escapes (\b, \s) and group syntax

PLAIN, JOINER, WEAK, STRONG = 0, 1, 2, 3


def library_vocabulary(holidays: bool = False) -> frozenset[str]:
    """Every run of letters in the English date-time and number definitions of
    Recognizers-Text (regular expressions, word tables), lower-cased: the words and word
    pieces ("wednes", "centur", "ies") its rules can spell. With `holidays`, the words of
    three letters or more that only its holiday definitions spell ("patrick", "cinco"): the
    model finds them in names of several such words ("St. Patrick's"), none found alone."""
    from recognizers_date_time.resources.base_date_time import BaseDateTime
    from recognizers_date_time.resources.english_date_time import EnglishDateTime
    from recognizers_number.resources.base_numbers import BaseNumbers
    from recognizers_number.resources.english_numeric import EnglishNumeric

    def walk(value: object, words: set[str]) -> None:
        if isinstance(value, str):
            plain = _SYNTAX.sub(" ", value).lower()
            words.update(_PIECE.findall(plain))
            # "labou?r" spells "labor" too, "(un)?til" spells "until"
            words.update(_PIECE.findall(_OPTIONAL.sub("", plain)))
            words.update(_PIECE.findall(_GROUPING.sub("", plain)))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key, words)
                walk(item, words)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                walk(item, words)

    holiday: set[str] = set()
    other: set[str] = set()
    for definitions in (EnglishDateTime, BaseDateTime, EnglishNumeric, BaseNumbers):
        for name, value in vars(definitions).items():
            if not name.startswith("_"):
                walk(value, holiday if "Holiday" in name else other)
    if holidays:
        return frozenset(w for w in holiday - other if len(w) >= 3)
    return frozenset(holiday | other)


class Focus:
    """Cuts a window into the regions the date model can read something in."""

    def __init__(
        self,
        pieces: frozenset[str],
        joiners: frozenset[str],
        alone: frozenset[str],
        cue: re.Pattern[str],
        inert_cues: frozenset[str],
        min_stem: int,
        context: int,
        separator: str,
        whole_if: frozenset[str],
        reaching: tuple[tuple[Any, ...], ...] = (),
        guarded: frozenset[str] = frozenset(),
        words_kept: int = 0,
    ) -> None:
        self.pieces = pieces  # the library's vocabulary (library_vocabulary())
        self.joiners = joiners
        self.alone = alone  # [focus] alone and extra, the holiday definitions' words
        self.cue = cue
        self.inert_cues = inert_cues
        self.min_stem = min_stem  # shortest first piece of a compound word ("mon" + "days")
        self.context = context  # words kept on each side of a run, joiners not counted
        self.separator = separator
        self.whole_if = whole_if  # words after which the model looks far ahead ("from")
        self.reaching = reaching  # pattern groups that all matching make it reach far
        self.guarded = guarded  # joiners that count when kept and also left out before
        self.words_kept = words_kept  # bound of the word -> kind table (0: none kept)
        self._kinds: dict[str, int] = {}  # lower-cased word -> kind; news reuses its words

    def kind(self, word: str) -> int:
        word = word.lower()
        found = self._kinds.get(word)
        if found is None:
            found = self._kind(word)
            if len(self._kinds) >= self.words_kept:
                self._kinds.clear()  # a corpus's names and numbers never stop coming
            if self.words_kept:
                self._kinds[word] = found
        return found

    def _kind(self, word: str) -> int:
        if any(c.isdigit() for c in word) or word in self.alone:
            return STRONG
        if word in self.joiners:
            return JOINER
        if word in self.pieces:
            return WEAK
        return STRONG if _compound(word, self.pieces, self.min_stem) else PLAIN

    def _widen(self, kinds: list[int], at: int, step: int) -> int:
        """`at` moved by `context` words that are not joiners, then on to a plain word: the
        model reads "the end of the" at the end of a text otherwise than before "former"."""
        taken = 0
        while 0 <= at + step < len(kinds) and (taken < self.context or kinds[at] != PLAIN):
            at += step
            taken += kinds[at] != JOINER
        return at

    def regions(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each region, in order; [(0, len(text))] when one covers the text."""
        words = list(_WORD.finditer(text))
        if any(m.group().lower() in self.whole_if for m in words) or any(
            all(p.search(text) for p in group) for group in self.reaching
        ):
            return [(0, len(text))]
        kinds = [self.kind(m.group()) for m in words]
        starts = [m.start() for m in words]
        for m in self.cue.finditer(text):
            if m.group().lower() not in self.inert_cues:
                i = bisect.bisect_right(starts, m.start()) - 1
                if i >= 0 and m.start() < words[i].end():
                    kinds[i] = STRONG
        runs: list[tuple[int, int]] = []
        first = last = -1
        strong = False
        for i, k in enumerate([*kinds, PLAIN]):
            if k == PLAIN:
                if strong:
                    runs.append((first, last))
                first, strong = -1, False
            elif k != JOINER:
                if first < 0:
                    first = i
                last, strong = i, strong or k == STRONG
        out: list[tuple[int, int]] = []
        for first, last in runs:
            start = words[self._widen(kinds, first, -1)].start()
            end = words[self._widen(kinds, last, 1)].end()
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            while end < len(text) and not text[end].isspace():
                end += 1
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(end, out[-1][1]))
            else:
                out.append((start, end))
        if len(out) == 1 and not text[: out[0][0]].strip() and not text[out[0][1] :].strip():
            return [(0, len(text))]
        if self._repeats_left_out(text, words, kinds, out):
            return [(0, len(text))]
        return out

    def _repeats_left_out(
        self, text: str, words: list[re.Match[str]], kinds: list[int], kept: list[tuple[int, int]]
    ) -> bool:
        """A vocabulary word kept in a region (a joiner only if guarded) also stands in the
        text left out before it.

        The model finds some words again with `str.index`, which returns their first
        occurrence: "in a week" reads as a duration or a date range depending on an earlier
        "in" ("rowers in the club ... may quit in a week"). Leaving out the earlier one
        would change the answer.
        """
        left_out: set[str] = set()
        k = 0
        for m, kind in zip(words, kinds, strict=True):
            while k < len(kept) and kept[k][1] <= m.start():
                k += 1
            inside = k < len(kept) and kept[k][0] <= m.start()
            word = m.group().lower()
            if kind == PLAIN or (kind == JOINER and word not in self.guarded):
                continue
            if not inside:
                left_out.add(word)
            elif word in left_out:
                return True
        return False

    def shorten(self, text: str) -> tuple[str, list[tuple[int, int, int]]] | None:
        """The regions joined by the separator, with (start, end, shift) of each in the joined
        text; None when the text is best read whole."""
        regions = self.regions(text)
        if regions == [(0, len(text))]:
            return None
        # the window's own leading and trailing white space stay: the model's offsets after a
        # final blank line are not those without it (a result two letters too long)
        lead = text[: len(text) - len(text.lstrip())]
        parts: list[str] = [lead]
        places: list[tuple[int, int, int]] = []
        at = len(lead)
        for start, end in regions:
            if len(parts) > 1:
                parts.append(self.separator)
                at += len(self.separator)
            parts.append(text[start:end])
            places.append((at, at + end - start, start - at))
            at += end - start
        if places:
            parts.append(text[len(text.rstrip()) :])
        return "".join(parts), places


def _compound(word: str, pieces: frozenset[str], min_stem: int) -> bool:
    """`word` is a run of at least two vocabulary pieces, the first `min_stem` letters or
    longer, the others two or longer or a final "s" ("mon" + "days", "centur" + "ies",
    "weekend" + "s"): the one-letter pieces of the definitions ("t", "d") would make almost
    any word a compound."""
    n = len(word)
    reach = [True] + [False] * n  # reach[i]: word[:i] is a run of pieces
    for i in range(min_stem, n + 1):
        reach[i] = any(
            reach[j]
            and word[j:i] in pieces
            and (i >= min_stem if j == 0 else i - j >= 2 or (i == n and word[j:i] == "s"))
            for j in range(i)
        )
    return reach[n]


def long_reach() -> tuple[tuple[Any, ...], ...]:
    """The model's rules that join words across any distance, as groups of its own patterns
    that must all match for the rule to apply: a time of day ("night", "this morning") before
    or after a date with a pause (a comma) between is read as one period ("the gala night
    was loud, the florist told us Sunday" is one period from "night" to "sunday").
    """
    from recognizers_date_time.resources.english_date_time import EnglishDateTime
    from recognizers_text.utilities import RegExpUtility

    def compiled(source: str) -> Any:
        return RegExpUtility.get_safe_reg_exp(source)  # as the library compiles them

    return (
        (
            compiled(EnglishDateTime.PeriodTimeOfDayWithDateRegex),
            compiled(EnglishDateTime.MiddlePauseRegex),
        ),
    )


def build(cfg: TimeConfig) -> Focus | None:
    """The fast path `[time]` asks for, or None when it is off."""
    from newsint.stages.time.rules import rules

    if not cfg.recognizer_focus:
        return None
    r = rules()
    return Focus(
        library_vocabulary(),
        r.focus_joiners,
        r.focus_alone | r.focus_extra | library_vocabulary(holidays=True),
        r.cue,
        r.inert_cues,
        cfg.focus_min_stem,
        cfg.focus_context_words,
        r.focus_separator,
        r.focus_whole_if,
        long_reach(),
        r.focus_guarded,
        cfg.focus_words_kept,
    )
