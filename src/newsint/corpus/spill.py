"""Values the corpus analyzer needs now and then, kept in a scratch file instead of in memory.

The analyzer needs every known article's comparison form (compare.Doc) when a new article meets
it, and the records it last emitted (copy links, stories, entities, claim clusters) to tell what
changed. Held as Python objects they cost ~20 kB per article; here each value is encoded to bytes
and appended to an unnamed temporary file, and only its offset stays in memory (plus a bounded
cache of recently used values). A replaced value leaves garbage behind; when the garbage
outgrows the live bytes the file is rewritten with the live values only.

The file is private to the process (`tempfile.TemporaryFile`: unlinked at once, gone when the
process ends) and holds our own encoding, never pickle. Nothing about results depends on it:
a value read back equals the one written.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections import OrderedDict
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True)
class SpillSettings:
    """[memory] of data/corpus.toml."""

    doc_cache: int
    record_cache: int
    garbage_ratio: float
    garbage_min_bytes: int


@lru_cache(maxsize=1)
def spill_settings() -> SpillSettings:
    raw = tomllib.loads(
        resources.files("newsint.data").joinpath("corpus.toml").read_text(encoding="utf-8")
    )["memory"]
    return SpillSettings(
        doc_cache=int(raw["doc_cache_articles"]),
        record_cache=int(raw["record_cache_records"]),
        garbage_ratio=float(raw["spill_garbage_ratio"]),
        garbage_min_bytes=int(raw["spill_garbage_min_bytes"]),
    )


class SpillMap(MutableMapping[str, V], Generic[V]):
    """A str-keyed mapping whose values live encoded in a scratch file, with an LRU cache.

    Iteration follows insertion order of the keys (as a dict's), so code that walked the dict
    walks this the same way."""

    def __init__(
        self,
        encode: Callable[[V], bytes],
        decode: Callable[[bytes], V],
        cache: int,
        settings: SpillSettings | None = None,
    ) -> None:
        self._encode = encode
        self._decode = decode
        self._settings = settings or spill_settings()
        self._capacity = max(cache, 0)
        self._cache: OrderedDict[str, V] = OrderedDict()
        self._where: dict[str, int] = {}  # key -> offset << 32 | length
        self._file = tempfile.TemporaryFile(prefix="newsint-spill-")  # noqa: SIM115 (closed in close())
        self._fd = self._file.fileno()
        self._end = 0
        self._live = 0

    # ------------------------------------------------------------------ mapping

    def __getitem__(self, key: str) -> V:
        value = self._cache.get(key)
        if value is not None:
            self._cache.move_to_end(key)
            return value
        where = self._where[key]
        offset, length = where >> 32, where & 0xFFFFFFFF
        data = os.pread(self._fd, length, offset)
        value = self._decode(data)
        self._remember(key, value)
        return value

    def __setitem__(self, key: str, value: V) -> None:
        data = self._encode(value)
        old = self._where.get(key)
        if old is not None:
            self._live -= old & 0xFFFFFFFF
        self._where[key] = self._end << 32 | len(data)
        os.pwrite(self._fd, data, self._end)
        self._end += len(data)
        self._live += len(data)
        self._remember(key, value)
        self._maybe_compact()

    def __delitem__(self, key: str) -> None:
        where = self._where.pop(key)
        self._live -= where & 0xFFFFFFFF
        self._cache.pop(key, None)
        self._maybe_compact()

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __bool__(self) -> bool:
        return bool(self._where)

    # ------------------------------------------------------------------ upkeep

    def _remember(self, key: str, value: V) -> None:
        if not self._capacity:
            return
        self._cache[key] = value
        self._cache.move_to_end(key)
        while len(self._cache) > self._capacity:
            self._cache.popitem(last=False)

    def _maybe_compact(self) -> None:
        garbage = self._end - self._live
        if garbage < self._settings.garbage_min_bytes:
            return
        if garbage < self._settings.garbage_ratio * self._live:
            return
        fresh = tempfile.TemporaryFile(prefix="newsint-spill-")  # noqa: SIM115
        fd = fresh.fileno()
        end = 0
        for key, where in self._where.items():
            offset, length = where >> 32, where & 0xFFFFFFFF
            os.pwrite(fd, os.pread(self._fd, length, offset), end)
            self._where[key] = end << 32 | length
            end += length
        self._file.close()
        self._file, self._fd, self._end = fresh, fd, end

    def disk_bytes(self) -> int:
        return self._end

    def close(self) -> None:
        self._file.close()

    def __del__(self) -> None:
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()
