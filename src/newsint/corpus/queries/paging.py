"""Keyset paging: a page starts after the last row of the page before it (a cursor), not
after a count of skipped rows, so page 1,000 costs what page 1 does.

A list's order is a tuple of sort keys that never hold NULL (a nullable column is ordered by
"is it missing" and then its value with the missing ones made equal) and ends with a unique
id, so "after this row" is exact even among rows with the same date or count. The cursor is
the last row's key values, as URL-safe base64 of their JSON: opaque to a client, which passes
`next` back as `after`.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, literal, literal_column

from newsint.corpus.queries.common import InvalidFilter

T = TypeVar("T")
Value = str | int | bool


@dataclass(frozen=True)
class SortKey:
    """One term of a list's order: a SQL expression that is never NULL, and its direction."""

    expr: Any
    descending: bool = False


def present(column: Any) -> tuple[SortKey, SortKey]:
    """A nullable text column ordered with the missing values last (as `col IS NULL, col`),
    as two keys that never hold NULL (the empty text a literal, so an index on the same
    expression serves the order)."""
    return SortKey(column.is_(None)), SortKey(func.coalesce(column, literal_column("''")))


@dataclass
class Slice(Generic[T]):
    """One page of a list, the cursor of the page after it (None: this is the last) and of
    the page before it (None: this is the first)."""

    items: list[T]
    next: str | None
    prev: str | None = None


def encode(values: Sequence[Value]) -> str:
    """The cursor of a row from its sort key values."""
    raw = json.dumps(list(values), separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(token: str, keys: Sequence[SortKey]) -> list[Value]:
    """The sort key values in a cursor made for this order, or InvalidFilter."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        values = None
    if (
        not isinstance(values, list)
        or len(values) != len(keys)
        or not all(isinstance(v, str | int | bool) for v in values)
    ):
        raise InvalidFilter(
            "after", "not a cursor of this list", "pass the `next` of the page before"
        )
    return values


def order_by(keys: Sequence[SortKey]) -> list[Any]:
    return [k.expr.desc() if k.descending else k.expr for k in keys]


def beyond(key: SortKey, value: Value) -> Any:
    """The key's values after `value` in its direction (a flag too: false before true)."""
    bound = literal(value)
    return key.expr < bound if key.descending else key.expr > bound


def page(
    conn: Any,
    query: Select[Any],
    keys: Sequence[SortKey],
    *,
    limit: int | None,
    offset: int = 0,
    cursor: str | None = None,
    before: str | None = None,
) -> tuple[list[Any], str | None, str | None]:
    """The rows of `query` (which selects anything) in the order of `keys`: after `cursor`
    (or before `before`, the page that ends there) when given, then `offset` skipped; with
    the cursors of the pages after and before them when there are any."""
    exprs = [k.expr for k in keys]
    labelled = query.add_columns(*(e.label(f"_k{i}") for i, e in enumerate(exprs)))
    if before:  # the same walk in the opposite order, turned round
        back = [SortKey(k.expr, not k.descending) for k in keys]
        rows = _after(conn, labelled, back, decode(before, keys), limit, offset)
        more = limit is not None and len(rows) > limit
        rows = rows[:limit][::-1] if limit is not None else rows[::-1]
        return rows, _key(rows[-1], keys) if rows else None, _key(rows[0], keys) if more else None
    if cursor:
        rows = _after(conn, labelled, keys, decode(cursor, keys), limit, offset)
    else:
        first = labelled.order_by(*order_by(keys)).offset(offset)
        rows = list(conn.execute(first if limit is None else first.limit(limit + 1)))
    more = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    earlier = bool(cursor or offset) and bool(rows)
    return rows, _key(rows[-1], keys) if more else None, _key(rows[0], keys) if earlier else None


def _after(
    conn: Any,
    labelled: Select[Any],
    keys: Sequence[SortKey],
    values: Sequence[Value],
    limit: int | None,
    offset: int,
) -> list[Any]:
    """Rows after `values` in the order of `keys`, `offset` skipped, at most limit + 1.

    The rows after a cursor (v0, v1, …, vn) are those with k0..kn-1 equal to the cursor's and
    kn beyond it, then those with k0..kn-2 equal and kn-1 beyond, and so on: each part one
    seek into an index on the keys (equal prefix, one range), asked in turn until the page is
    full. A single comparison of all keys at once (row values, or its expansion with OR) is
    answered by SQLite scanning the index from its start, which is what OFFSET costs."""
    want = None if limit is None else offset + limit + 1
    rows: list[Any] = []
    for i in reversed(range(len(keys))):
        same = [k.expr == literal(v) for k, v in zip(keys[:i], values[:i], strict=True)]
        # ordered by the keys not held equal: the same order, and SQLite sees that the index
        # gives it (ordered by all keys, it sorts the part again)
        part = labelled.where(*same, beyond(keys[i], values[i])).order_by(*order_by(keys[i:]))
        if want is not None:
            part = part.limit(want - len(rows))
        rows += conn.execute(part)
        if want is not None and len(rows) >= want:
            break
    return rows[offset:]


def _key(row: Any, keys: Sequence[SortKey]) -> str:
    return encode([_plain(getattr(row, f"_k{i}")) for i in range(len(keys))])


def _plain(value: Any) -> Value:
    if isinstance(value, bool | int | str):
        return value
    raise TypeError(f"a sort key must be text, a number or a flag, not {type(value).__name__}")
