"""Microsoft Recognizers-Text's English date-time model, built once, with its repeated work shared.

The model nests its extractors: the merged, date-period, date-time, set and duration extractors
(and the parsers) each own their own date, time, duration and number extractors and run them
over the same text. Profiled on news text, one parse ran a date extractor about 12 times and
the number extractors about 45 times over three or four distinct strings; that repetition was
most of the time stage's cost. Extractors of one class built from equal configurations are
interchangeable, so during one parse each such group computes a result once per input and the
others get copies of it.

On top of that, whole parses are kept in a bounded LRU keyed by (text, reference date): a
corpus of syndicated copies asks about the same sentences again and again. The key is the text
asked about (a cue window), not the shorter text the fast path makes of it, so a window asked
again is not shortened again either. Both caches hand out
deep copies, so callers can never alter what a later call returns: output never depends on what
was parsed before.

With a `Focus` (focus.py, the fast path), a text is read only where its words can make a time
expression: the model parses the shortened text and its results are moved back to where their
words stand in the text asked about.
"""

from __future__ import annotations

import copy
import enum
import inspect
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsint.stages.time.focus import Focus

_SCALARS = (str, bytes, int, float, bool, type(None))


def _is_pattern(obj: Any) -> bool:
    return isinstance(obj, re.Pattern) or type(obj).__name__ == "Pattern"


def _fingerprint(obj: Any, seen: dict[int, Hashable]) -> Hashable:
    """A hashable description of an object's state: equal fingerprints, equal behaviour.

    Only plain data, compiled patterns, enums, containers and objects made of them are
    described; anything else (a function, a native object) stands for itself, so objects that
    hold one are never treated as interchangeable with others.
    """
    if isinstance(obj, _SCALARS):
        return (type(obj).__name__, obj)
    key = id(obj)
    if key in seen:
        return seen[key]
    seen[key] = ("cycle", key)  # a reference back into an object being described
    result: Hashable
    if isinstance(obj, enum.Enum):
        result = ("enum", type(obj).__qualname__, obj.value)
    elif _is_pattern(obj):
        result = ("pattern", type(obj).__module__, obj.pattern, int(obj.flags))
    elif isinstance(obj, (list, tuple)):
        result = (type(obj).__name__, tuple(_fingerprint(x, seen) for x in obj))
    elif isinstance(obj, (set, frozenset)):
        items = [_fingerprint(x, seen) for x in obj]
        result = ("set", tuple(sorted(items, key=repr)))
    elif isinstance(obj, dict):
        pairs = [(_fingerprint(k, seen), _fingerprint(v, seen)) for k, v in obj.items()]
        result = ("dict", tuple(pairs))
    elif hasattr(obj, "__dict__") and not inspect.isroutine(obj) and not isinstance(obj, type):
        state = sorted(vars(obj).items())
        result = (
            "object",
            type(obj).__module__,
            type(obj).__qualname__,
            tuple((name, _fingerprint(value, seen)) for name, value in state),
        )
    else:
        result = ("identity", key)
    seen[key] = result
    return result


def _is_extractor(obj: Any) -> bool:
    return type(obj).__module__.startswith("recognizers") and callable(
        getattr(type(obj), "extract", None)
    )


def _library_objects(root: Any) -> list[Any]:
    """Every Recognizers-Text object reachable from `root` through attributes and containers."""
    found: list[Any] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, _SCALARS):
            continue
        seen.add(id(obj))
        if isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.values())
        elif type(obj).__module__.startswith("recognizers") and hasattr(obj, "__dict__"):
            found.append(obj)
            stack.extend(vars(obj).values())
    return found


def _immutable(obj: Any) -> bool:
    return isinstance(obj, (date, time, timedelta, enum.Enum)) or type(obj).__name__ in (
        "Pattern",
        "Match",
    )


_SHARE, _LIST, _DICT, _TUPLE, _SET, _OBJECT, _DEEP = range(7)
# How each type is copied, worked out once per type (a parse clones some 150 objects, of a
# dozen types); a process holds finitely many types, so the table needs no bound.
_HOW: dict[type, int] = {kind: _SHARE for kind in _SCALARS}


def _how(obj: Any) -> int:
    kind = type(obj)
    if kind is list:
        return _LIST
    if kind is dict:
        return _DICT
    if kind is tuple:
        return _TUPLE
    if kind is set:
        return _SET
    if kind.__module__.startswith("recognizers") and hasattr(obj, "__dict__"):
        return _OBJECT
    return _SHARE if _immutable(obj) else _DEEP


def _clone(obj: Any, memo: dict[int, Any]) -> Any:
    """A copy of results deep enough that no caller can change the original.

    Like copy.deepcopy (aliasing kept) but at a fraction of its cost: library objects,
    lists, dicts and sets are copied; everything else (strings, numbers, datetimes, match
    objects) is immutable and shared.
    """
    kind = type(obj)
    how = _HOW.get(kind)
    if how is None:
        how = _HOW[kind] = _how(obj)
    if how == _SHARE:
        return obj
    key = id(obj)
    if key in memo:
        return memo[key]
    if how == _LIST:
        new: Any = []
        memo[key] = new
        new.extend([_clone(x, memo) for x in obj])
    elif how == _DICT:
        new = {}
        memo[key] = new
        for k, v in obj.items():
            new[k] = _clone(v, memo)
    elif how == _TUPLE:
        new = tuple([_clone(x, memo) for x in obj])
    elif how == _SET:
        new = {_clone(x, memo) for x in obj}
    elif how == _OBJECT:
        new = kind.__new__(kind)
        memo[key] = new
        attrs = new.__dict__
        for k, v in vars(obj).items():
            attrs[k] = _clone(v, memo)
    else:
        new = copy.deepcopy(obj)
    memo[key] = new
    return new


_MISSING = object()


class _Memo(threading.local):
    table: dict[Hashable, Any] | None = None


def _share(extract: Callable[..., Any], group: Hashable, memo: _Memo) -> Callable[..., Any]:
    """`extract` answering from `memo` (while a parse is running) for its whole group."""
    takes_reference = "reference" in inspect.signature(extract).parameters

    def shared(*args: Any, **kwargs: Any) -> Any:
        table = memo.table
        if table is None:
            return extract(*args, **kwargs)
        if takes_reference and (args[1:2] or [kwargs.get("reference")])[0] is None:
            return extract(*args, **kwargs)  # the library would use the clock: never share that
        key = (group, args, tuple(sorted(kwargs.items()))) if kwargs else (group, args)
        try:
            found = table.get(key, _MISSING)
        except TypeError:  # unhashable arguments
            return extract(*args, **kwargs)
        if found is _MISSING:
            found = table[key] = extract(*args, **kwargs)
        return _clone(found, {})

    return shared


class Recognizer:
    """`parse(text, reference)` of the date-time model, with shared extractors and an LRU."""

    def __init__(self, model: Any, cache_size: int, focus: Focus | None = None) -> None:
        if getattr(model, "_newsint_shared", False):
            raise ValueError("this model's extractors are already shared: build a new model")
        self.model = model
        self.cache_size = cache_size
        self.focus = focus
        self._memo = _Memo()
        self._cache: OrderedDict[tuple[str, datetime], list[Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.calls = 0  # parses the model actually ran (cache misses), for benchmarks
        # describe every extractor before wrapping any (a wrapper is not plain data)
        seen: dict[int, Hashable] = {}
        extractors = [
            (o, _fingerprint(o, seen)) for o in _library_objects(model) if _is_extractor(o)
        ]
        groups: dict[Hashable, int] = {}
        for obj, fingerprint in extractors:
            group = groups.setdefault(fingerprint, len(groups))
            obj.extract = _share(obj.extract, group, self._memo)
        self.groups = len(groups)
        self.extractors = len(extractors)
        model._newsint_shared = True

    def __len__(self) -> int:
        return len(self._cache)

    def clear_cache(self) -> None:
        """Forget every cached parse (benchmarks start each run cold)."""
        with self._lock:
            self._cache.clear()

    def parse(self, text: str, reference: datetime) -> list[Any]:
        """The model's results for `text`; an alpha library, so a crash loses only this text.

        The LRU keeps what the text asked about gave, after the fast path: a window asked
        again (a copy's paragraph) is neither shortened nor parsed again.
        """
        key = (text, reference)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is None:
            hit = self._read(text, reference)
            with self._lock:
                self._cache[key] = hit
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return _clone(hit, {})

    def _read(self, text: str, reference: datetime) -> list[Any]:
        """The model's results for `text`, through the fast path when there is one."""
        shortened = self.focus.shorten(text) if self.focus is not None else None
        if shortened is None:
            return self._run(text, reference)
        short, places = shortened
        results = self._run(short, reference) if places else []
        for res in results:
            # the results' `end` is the index of their last character
            at = next((p for p in places if p[0] <= res.start and res.end < p[1]), None)
            if at is None:
                return self._run(text, reference)  # across a separator: read it whole
            res.start += at[2]
            res.end += at[2]
        return results

    def _run(self, text: str, reference: datetime) -> list[Any]:
        self.calls += 1
        self._memo.table = {}
        try:
            return list(self.model.parse(text, reference))
        except MemoryError:
            raise  # the article's memory budget: the pipeline fails this article, not the text
        except Exception:
            return []
        finally:
            self._memo.table = None


class _CompiledFirst:
    """The `regex` module as the Recognizers-Text modules see it, minus a cost: they call
    `regex.search(pattern, text)` with patterns compiled long ago (~310,000 calls on TimeBank
    dev), and `regex` looks every one up in its compile cache, through a failed dictionary
    probe and an exception, before noticing it was given a compiled pattern (a fifth of the
    recogniser's time). A compiled pattern with no other argument is asked directly, which is
    what `regex` ends up doing. The number extractors pass their patterns as strings (a dozen
    a parse, each through the same cache look-up): those are compiled once, as `regex` would
    with no flags, and kept. Anything else goes to `regex` unchanged."""

    def __init__(self, module: Any) -> None:
        self._module = module
        self._pattern = module.Pattern
        self._compiled: dict[str, Any] = {}  # the library's own strings: 12 on TimeBank
        self._bound = getattr(getattr(module, "_main", module), "_MAXCACHE", 500)  # as `regex`

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._module, name)
        setattr(self, name, found)  # asked once: `regex.sub`, `regex.escape` are called often
        return found

    def _direct(self, pattern: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """The compiled pattern to ask directly, or None to go through `regex`."""
        if args or kwargs:
            return None
        if isinstance(pattern, self._pattern):
            return pattern
        if type(pattern) is str:
            found = self._compiled.get(pattern)
            if found is None and len(self._compiled) < self._bound:
                found = self._compiled[pattern] = self._module.compile(pattern)
            return found
        return None

    def search(self, pattern: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        if type(pattern) is self._pattern and not args and not kwargs:
            return pattern.search(string)  # the common case, without a call to _direct
        compiled = self._direct(pattern, args, kwargs)
        if compiled is None:
            return self._module.search(pattern, string, *args, **kwargs)
        return compiled.search(string)

    def match(self, pattern: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        if type(pattern) is self._pattern and not args and not kwargs:
            return pattern.match(string)  # the common case, without a call to _direct
        compiled = self._direct(pattern, args, kwargs)
        if compiled is None:
            return self._module.match(pattern, string, *args, **kwargs)
        return compiled.match(string)

    def fullmatch(self, pattern: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        if type(pattern) is self._pattern and not args and not kwargs:
            return pattern.fullmatch(string)  # the common case, without a call to _direct
        compiled = self._direct(pattern, args, kwargs)
        if compiled is None:
            return self._module.fullmatch(pattern, string, *args, **kwargs)
        return compiled.fullmatch(string)

    def finditer(self, pattern: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        if type(pattern) is self._pattern and not args and not kwargs:
            return pattern.finditer(string)  # the common case, without a call to _direct
        compiled = self._direct(pattern, args, kwargs)
        if compiled is None:
            return self._module.finditer(pattern, string, *args, **kwargs)
        return compiled.finditer(string)


def _compiled_patterns_asked_directly() -> None:
    """Give every loaded Recognizers-Text module the `_CompiledFirst` view of `regex`."""
    import sys

    import regex

    shim = _CompiledFirst(regex)
    for name, module in list(sys.modules.items()):
        if name.startswith("recognizers") and getattr(module, "regex", None) is regex:
            module.regex = shim  # type: ignore[attr-defined]


def english_model() -> Any:
    """A new English date-time model, built as DateTimeRecognizer registers it.

    Not `DateTimeRecognizer(Culture.English).get_datetime_model()`: that returns one model
    cached for the whole process (and builds every culture's), and a Recognizer changes the
    model it wraps.
    """
    from recognizers_date_time import (
        BaseMergedExtractor,
        BaseMergedParser,
        DateTimeModel,
        DateTimeOptions,
        EnglishCommonDateTimeParserConfiguration,
        EnglishMergedExtractorConfiguration,
        EnglishMergedParserConfiguration,
    )

    _compiled_patterns_asked_directly()
    options = DateTimeOptions.NONE
    return DateTimeModel(
        BaseMergedParser(
            EnglishMergedParserConfiguration(EnglishCommonDateTimeParserConfiguration()), options
        ),
        BaseMergedExtractor(EnglishMergedExtractorConfiguration(), options),
    )


def load(cache_size: int, focus: Focus | None = None) -> Recognizer:
    return Recognizer(english_model(), cache_size, focus)
