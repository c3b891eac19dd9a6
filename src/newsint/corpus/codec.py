"""Per-article analyzer features as bytes in the store, and back.

Features are stored so that reopening a corpus never re-runs the NLP pipeline: the analyzer is
rebuilt from them. JSON (compressed) rather than pickle, because a database may be shared and
unpickling what someone else wrote would run their code.
"""

from __future__ import annotations

import zlib
from typing import Any

from newsint.corpus.features import ArticleFeatures


def encode(features: Any) -> bytes:
    if hasattr(features, "to_bytes"):
        return bytes(features.to_bytes())
    return zlib.compress(features.model_dump_json().encode("utf-8"), 6)


def decode(data: bytes) -> ArticleFeatures:
    if hasattr(ArticleFeatures, "from_bytes"):
        return ArticleFeatures.from_bytes(data)
    return ArticleFeatures.model_validate_json(zlib.decompress(data))
