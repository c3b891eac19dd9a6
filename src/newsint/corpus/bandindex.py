"""The LSH tables of the corpus analyzer as two sorted numpy arrays instead of datasketch's dicts.

datasketch's `MinHashLSH` keeps a Python set per bucket and a list of band byte strings per
article: ~10 kB per article for our 37 bands, most of the analyzer's memory at 100 k articles.
Here every band key of every known article (bands.band_keys: table tag + band number + the band's
hash values, so one array serves both tables) is reduced to a 64-bit digest and kept in one
sorted uint64 array, next to the article row of each key (int32) and a rows x bands matrix of the
digests (whether two articles share a band): ~0.75 kB per article, in a handful of objects.

Two articles are candidates when they share a band key, as in `MinHashLSH.query`. A digest
collision would add a candidate pair that shares no band; with 64-bit digests the chance over
100 k articles x 37 bands is about 1e-8, and such a pair is still classified by its own
evidence (copies.relate), so it could only ever add a relation both articles support.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np


def digests(keys: Iterable[bytes]) -> np.ndarray:
    """64-bit digests of band keys, in their order."""
    return np.array(
        [int.from_bytes(hashlib.blake2b(k, digest_size=8).digest(), "little") for k in keys],
        dtype=np.uint64,
    )


class KeyIndex:
    """(key, row) pairs sorted by key: which rows hold a key. Each entry costs 12 bytes, where
    a dict of lists of ids costs ~150 (the analyzer's rare-key and outlet-key buckets)."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.int64)
        self._rows = np.empty(0, dtype=np.int32)

    def __len__(self) -> int:
        return len(self._keys)

    def insert(self, keys: Sequence[int], rows: Sequence[int]) -> None:
        if not len(keys):
            return
        k = np.asarray(keys, dtype=np.int64)
        r = np.asarray(rows, dtype=np.int32)
        order = np.argsort(k, kind="stable")
        k, r = k[order], r[order]
        at = np.searchsorted(self._keys, k, side="right")
        self._keys = np.insert(self._keys, at, k)
        self._rows = np.insert(self._rows, at, r)

    def count(self, keys: Sequence[int]) -> np.ndarray:
        """How many rows hold each key."""
        k = np.asarray(keys, dtype=np.int64)
        lo = np.searchsorted(self._keys, k, side="left")
        return np.searchsorted(self._keys, k, side="right") - lo

    def rows(self, keys: Sequence[int]) -> list[int]:
        """The rows holding any of `keys`, once per (key, row) entry."""
        if not len(keys) or not len(self._keys):
            return []
        k = np.asarray(keys, dtype=np.int64)
        lo = np.searchsorted(self._keys, k, side="left")
        hi = np.searchsorted(self._keys, k, side="right")
        out: list[int] = []
        for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
            if b > a:
                out.extend(self._rows[a:b].tolist())
        return out

    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._rows.nbytes)


def pack_keys(keys: Sequence[int]) -> bytes:
    """Signed 64-bit keys as one bytes object (~8 bytes a key instead of ~40 in a tuple)."""
    return np.asarray(keys, dtype=np.int64).tobytes()


def unpack_keys(data: bytes) -> list[int]:
    return np.frombuffer(data, dtype=np.int64).tolist()


class BandIndex:
    """Band digests of the known articles: which known rows share a band with a new article."""

    def __init__(self, width: int) -> None:
        self.width = width  # bands per article (both tables)
        self._keys = np.empty(0, dtype=np.uint64)  # every digest, ascending
        self._rows = np.empty(0, dtype=np.int32)  # the article row of each digest
        self._bands = np.empty((0, width), dtype=np.uint64)  # per row, its digests by band
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def query(self, bands: np.ndarray) -> list[set[int]]:
        """For each article (a row of `bands`, digests by band), the known rows sharing a band."""
        found: list[set[int]] = [set() for _ in range(len(bands))]
        if not self._count or not len(bands):
            return found
        flat = bands.reshape(-1)
        lo = np.searchsorted(self._keys, flat, side="left")
        hi = np.searchsorted(self._keys, flat, side="right")
        for at in np.nonzero(hi > lo)[0].tolist():
            found[at // self.width].update(self._rows[lo[at] : hi[at]].tolist())
        return found

    def insert(self, rows: Sequence[int], bands: np.ndarray) -> None:
        """Add articles: `rows[i]` is the row of `bands[i]`; rows are consecutive from len(self)."""
        if not len(rows):
            return
        first = self._count
        if list(rows) != list(range(first, first + len(rows))):
            raise ValueError("band index rows must be added in order")
        need = first + len(rows)
        if need > len(self._bands):
            grown = np.empty((max(need, 2 * len(self._bands), 1024), self.width), np.uint64)
            grown[:first] = self._bands[:first]
            self._bands = grown
        self._bands[first:need] = bands
        self._count = need
        flat = bands.reshape(-1)
        owners = np.repeat(np.asarray(rows, dtype=np.int32), self.width)
        order = np.argsort(flat, kind="stable")
        flat, owners = flat[order], owners[order]
        at = np.searchsorted(self._keys, flat, side="right")
        self._keys = np.insert(self._keys, at, flat)
        self._rows = np.insert(self._rows, at, owners)

    def share(self, a: int, b: int) -> bool:
        """Whether rows a and b fall in one bucket of some band."""
        return bool(np.any(self._bands[a] == self._bands[b]))

    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._rows.nbytes + self._bands.nbytes)
