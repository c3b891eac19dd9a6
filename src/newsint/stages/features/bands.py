"""LSH band keys of one article: the buckets its MinHash signatures fall in, as plain bytes.

A MinHash LSH index with b bands of r rows puts an article in bucket H(band i) of table i for
each band. The band key is datasketch's own: `MinHashLSH._byteswap(hashvalues[start:end])` (the
bytes of the band's hash values, byte-swapped), prefixed with the table and band number so one
key column serves both signatures. Computed per article by the features stage, so an engine can
group a batch on its keys (corpus/bands.py) without knowing how they are made.
"""

from __future__ import annotations

import struct

import numpy as np
from datasketch import LeanMinHash

from newsint.config import Corpus
from newsint.stages.features import pieces as T
from newsint.stages.features.record import ArticleFeatures

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
