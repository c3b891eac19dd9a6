"""A costly pattern behind a guard that fails fast where no match can begin.

Python's `re` tries a pattern at every position of a text. The time cue (data/time_rules.toml
[cue]) is a long case-insensitive alternation behind `\\b` and look-behinds, so `re` tries every
branch at every character: about half a microsecond a character, a tenth of the time stage on
the bench pages. Every match of it begins with a digit, an apostrophe or one of a few letters
at the start of a word. So the pattern's first characters are read from its own parse
(`re._parser`), and the pattern is compiled again behind a zero-width guard that admits only
those positions: "(?<!\\w)(?=[jfm...])" for the characters a `\\b` or a look-behind such as
"(?<![\\w-])" puts at the start of a word, "(?=[...])" for the others. The guard admits every
position where the pattern matches (a superset, case-insensitive), so the matches, groups and
spans are the same by construction; `re` rejects the other positions in two steps instead of
one per branch (the cue over the 40 bench pages: 2.4x faster). A pattern whose first
characters this reading does not understand (a back-reference, `.`, a negated class, a match
that can be empty) is returned unchanged.

`re._parser` and `re._constants` are private (Python 3.11 to 3.13 have them under these names;
3.10 called them `sre_parse`, `sre_constants`). Where they cannot be imported, or their parse
tree is not of the shape read here, `guarded` returns the pattern unchanged: the same matches,
only the guard's speed lost.
"""

from __future__ import annotations

import re
from typing import Any

try:  # private modules of `re`: a later Python may move or change them
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    _CATEGORIES = {
        sre.CATEGORY_DIGIT: r"\d",
        sre.CATEGORY_NOT_DIGIT: r"\D",
        sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S",
        sre.CATEGORY_WORD: r"\w",
        sre.CATEGORY_NOT_WORD: r"\W",
    }
    _WORDY_CATEGORIES = {sre.CATEGORY_DIGIT, sre.CATEGORY_WORD}
    _REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
    READABLE = True  # patterns' first characters can be read: guards are built
except (ImportError, AttributeError):
    READABLE = False

_WORD = re.compile(r"\w")
_WORDY_RANGES = ((ord("0"), ord("9")), (ord("a"), ord("z")), (ord("A"), ord("Z")))


class _Unknown(Exception):
    """A construct the reading of first characters does not handle: scan as `re` does."""


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _class_items(items: list[tuple[Any, Any]]) -> tuple[str, bool]:
    """A character class's items as class syntax, and whether every character they match is
    a word character (so a `\\b` before it means no word character stands before it)."""
    parts: list[str] = []
    wordy = True
    for op, av in items:
        if op is sre.LITERAL:
            parts.append(_char(av))
            wordy = wordy and bool(_WORD.match(chr(av)))
        elif op is sre.RANGE:
            low, high = av
            parts.append(f"{_char(low)}-{_char(high)}")
            wordy = wordy and any(a <= low <= high <= b for a, b in _WORDY_RANGES)
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
            wordy = wordy and av in _WORDY_CATEGORIES
        else:
            raise _Unknown(op)  # NEGATE and the like
    return "".join(parts), wordy


def _not_after_word(op: Any, av: Any) -> bool:
    """A negative look-behind of one character class holding `\\w`: "(?<![\\w-])"."""
    if op is not sre.ASSERT_NOT or av[0] >= 0 or len(av[1]) != 1:
        return False
    inner_op, inner = next(iter(av[1]))
    return inner_op is sre.IN and (sre.CATEGORY, sre.CATEGORY_WORD) in inner


def _first(items: Any, bounded: bool, boundary: bool, out: tuple[list[str], list[str]]) -> bool:
    """Add to `out` the classes of the characters a match of `items` can begin with: those
    that then follow a non-word character (a `\\b` before a word character, or a look-behind
    "(?<![\\w-])") first, the others second. True if `items` can match the empty string.

    `bounded`: such a look-behind stands before `items`; `boundary`: a `\\b` does. What a
    part that can match nothing asserts is not carried past it (it may be skipped).
    """
    for op, av in items:
        if op is sre.AT:
            boundary = boundary or av is sre.AT_BOUNDARY
        elif op is sre.ASSERT or op is sre.ASSERT_NOT:
            bounded = bounded or _not_after_word(op, av)
        elif op is sre.LITERAL or op is sre.IN:
            syntax, wordy = _class_items([(op, av)] if op is sre.LITERAL else av)
            out[0 if bounded or (boundary and wordy) else 1].append(syntax)
            return False
        elif op is sre.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if (add_flags | del_flags) & (re.ASCII | re.LOCALE):
                raise _Unknown("ASCII or LOCALE inside the pattern")
            if not _first(sub, bounded, boundary, out):
                return False
        elif op is sre.ATOMIC_GROUP:
            if not _first(av, bounded, boundary, out):
                return False
        elif op is sre.BRANCH:
            empty = [_first(alt, bounded, boundary, out) for alt in av[1]]
            if not any(empty):
                return False
        elif op in _REPEATS:
            low, _, sub = av
            if not _first(sub, bounded, boundary, out) and low > 0:
                return False
        else:
            raise _Unknown(op)
    return True


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a guard that fails fast where it cannot begin a match; `pattern` itself
    when its first characters cannot be read (or `re`'s parser cannot be imported)."""
    if not READABLE:
        return pattern
    if pattern.flags & (re.ASCII | re.LOCALE) or not isinstance(pattern.pattern, str):
        return pattern
    out: tuple[list[str], list[str]] = ([], [])
    try:
        if _first(_parser.parse(pattern.pattern, pattern.flags), False, False, out):
            return pattern  # it can match the empty string anywhere
    except _Unknown:
        return pattern
    except (TypeError, ValueError, AttributeError, IndexError):  # a parse tree of another shape
        return pattern
    guards = []
    if out[0]:
        guards.append(f"(?<!\\w)(?=[{''.join(dict.fromkeys(out[0]))}])")
    if out[1]:
        guards.append(f"(?=[{''.join(dict.fromkeys(out[1]))}])")
    try:  # case-insensitive guard: a superset of what any part of the pattern matches
        return re.compile(f"(?i:{'|'.join(guards)})(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. a global inline flag, which must stay at the start
        return pattern
