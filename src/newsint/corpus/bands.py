"""LSH band keys as plain rows, and candidate pairs by grouping on them (no all-pairs work).

A MinHash LSH index with b bands of r rows puts an article in bucket H(band i) of table i for
each band; two articles are candidates when they share a bucket in any table. datasketch's
`MinHashLSH` keeps those tables in memory. For a batch of new articles the same buckets can be
written as rows `(key, article id)` and grouped on `key`: every group of two or more ids gives
its pairs. That grouping is what a distributed engine does well (a shuffle), so both engines
use these functions and only the execution differs:

- local: `candidate_pairs(rows)` groups in a dict;
- ray: the features stage computes `band_keys` next to the features (stages/features/bands.py),
  Ray Data groups on the key column and each group is turned into pairs by `group_pairs`.

The band key is datasketch's own: `MinHashLSH._byteswap(hashvalues[start:end])` (the bytes of
the band's hash values, byte-swapped), prefixed with the table and band number so one key
column serves both signatures. `tests/corpus/test_bands.py` checks the pairs equal what
`MinHashLSH.query` returns.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsint.config import Corpus
from newsint.stages.features.bands import band_keys
from newsint.stages.features.record import ArticleFeatures


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


__all__ = ["band_rows", "candidate_pairs", "group_pairs"]
