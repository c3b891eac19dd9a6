"""LSH band keys as plain rows, and candidate pairs by grouping on them (no all-pairs work).

A MinHash LSH index with b bands of r rows puts an article in bucket H(band i) of table i for
each band; two articles are candidates when they share a bucket in any table. datasketch's
`MinHashLSH` keeps those tables in memory. For a batch of new articles the same buckets can be
written as rows `(key, article id)` and grouped on `key`: every group of two or more ids gives
its pairs. That grouping is what a distributed engine does well (a shuffle), so both engines
use these functions and only the execution differs:

- local: `candidate_pairs(rows)` groups in a dict;
- ray: the workers compute `band_keys` next to the features, Ray Data groups on the key column
  and each group is turned into pairs by `group_pairs`.

The band key is datasketch's own: `MinHashLSH._byteswap(hashvalues[start:end])` (the bytes of
the band's hash values, byte-swapped), prefixed with the table and band number so one key
column serves both signatures. `tests/corpus/test_bands.py` checks the pairs equal what
`MinHashLSH.query` returns.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash

from newsint.config import Corpus
from newsint.corpus import text as T
from newsint.corpus.features import ArticleFeatures

# The table tag of each signature (first byte of a band key).
SHINGLE = b"s"
BAG = b"b"


def lean(packed: str) -> LeanMinHash:
    """A stored signature (base64 uint32 hash values) as the LeanMinHash the LSH indexes hold."""
    return LeanMinHash(seed=1, hashvalues=T.unpack(packed, "uint32"), scheme="affine32")


def band_hashes(hashvalues: np.ndarray, bands: int, rows: int) -> list[bytes]:
    """The bucket of each band, exactly as `MinHashLSH(params=(bands, rows))` computes it."""
    return [bytes(hashvalues[i * rows : (i + 1) * rows].byteswap().data) for i in range(bands)]


def band_keys(f: ArticleFeatures, cfg: Corpus) -> list[bytes]:
    """One key per band of both signatures: table tag + band number + the band's bucket."""
    keys: list[bytes] = []
    for tag, packed, bands, rows in (
        (SHINGLE, f.shingle_minhash, cfg.shingle_bands, cfg.shingle_rows),
        (BAG, f.bag_minhash, cfg.bag_bands, cfg.bag_rows),
    ):
        hv = lean(packed).hashvalues
        for i, h in enumerate(band_hashes(hv, bands, rows)):
            keys.append(tag + struct.pack(">H", i) + h)
    return keys


def band_rows(features: Iterable[ArticleFeatures], cfg: Corpus) -> list[tuple[bytes, str]]:
    """(band key, article id) rows of a batch of articles."""
    return [(k, f.id) for f in features for k in band_keys(f, cfg)]


def group_pairs(ids: Iterable[str]) -> list[tuple[str, str]]:
    """All pairs (smaller id first) of the distinct articles in one bucket."""
    members = sorted(set(ids))
    return [(a, b) for x, a in enumerate(members) for b in members[x + 1 :]]


def candidate_pairs(rows: Iterable[tuple[bytes, str]]) -> set[tuple[str, str]]:
    """Pairs of articles sharing a band key: the grouping done in this process."""
    groups: dict[bytes, list[str]] = {}
    for key, aid in rows:
        groups.setdefault(key, []).append(aid)
    pairs: set[tuple[str, str]] = set()
    for ids in groups.values():
        if len(ids) > 1:
            pairs.update(group_pairs(ids))
    return pairs


__all__ = ["band_hashes", "band_keys", "band_rows", "candidate_pairs", "group_pairs", "lean"]
