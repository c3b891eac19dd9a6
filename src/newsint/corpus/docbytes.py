"""compare.Doc as bytes and back, for the analyzer's scratch file (spill.py).

Layout: a 4-byte length, a JSON header with the scalar and set fields and the array lengths,
padding to 8 bytes, then the arrays' raw bytes (the int64 sentence fingerprints first, so every
array starts aligned). Decoding gives a Doc equal field by field to the one encoded; the arrays
are read-only views of the record's bytes (nothing writes to a Doc's arrays).
"""

from __future__ import annotations

import json
import struct
from typing import Any

import numpy as np

from newsint.corpus.compare import Doc
from newsint.stages.features.record import Credit

# (field, dtype) of the array fields, in the order they follow the header
_ARRAYS: tuple[tuple[str, type[np.generic]], ...] = (
    ("terms", np.uint32),
    ("weights", np.float32),
    ("story_weights", np.float32),
    ("sent_terms", np.uint32),
    ("sent_ids", np.int32),
    ("sent_lengths", np.int32),
)
_STRINGS = ("id", "site", "site_key", "published", "title", "text_hash", "outlet_name", "language")
_SETS = ("quotes", "numbers", "names", "rare_names", "self_keys", "years", "top_years")
_LEN = struct.Struct("<I")


def encode_doc(doc: Doc) -> bytes:
    head: dict[str, object] = {name: getattr(doc, name) for name in _STRINGS}
    head["order"] = list(doc.order)
    head["words"] = doc.words
    head["n_sent"] = doc.n_sent
    head["primary"] = doc.primary
    for name in _SETS:
        head[name] = list(getattr(doc, name))
    head["credits"] = [c.model_dump(mode="json") for c in doc.credits]
    head["extra"] = doc.extra
    sent = np.fromiter(doc.sent, dtype=np.int64, count=len(doc.sent))
    arrays = [sent] + [np.ascontiguousarray(getattr(doc, n), dtype=t) for n, t in _ARRAYS]
    head["lengths"] = [len(a) for a in arrays]
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    pad = -(_LEN.size + len(text)) % 8
    return b"".join([_LEN.pack(len(text)), text, b" " * pad, *(a.tobytes() for a in arrays)])


def decode_doc(data: bytes) -> Doc:
    (n,) = _LEN.unpack_from(data)
    head = json.loads(data[_LEN.size : _LEN.size + n])
    at = _LEN.size + n
    at += -at % 8
    lengths = head["lengths"]
    sent = np.frombuffer(data, dtype=np.int64, count=lengths[0], offset=at)
    at += sent.nbytes
    arrays: dict[str, np.ndarray] = {}
    for (name, dtype), count in zip(_ARRAYS, lengths[1:], strict=True):
        arrays[name] = np.frombuffer(data, dtype=dtype, count=count, offset=at)
        at += arrays[name].nbytes
    o = head["order"]
    fields: dict[str, Any] = {name: head[name] for name in _STRINGS}
    fields.update({name: frozenset(head[name]) for name in _SETS})
    fields.update(arrays)
    return Doc(
        order=(o[0], o[1], o[2], o[3]),
        words=head["words"],
        n_sent=head["n_sent"],
        primary=head["primary"],
        sent=frozenset(sent.tolist()),
        credits=tuple(Credit.model_validate(c) for c in head["credits"]),
        extra=head["extra"],
        **fields,
    )
