"""Helpers shared by the exporters: times, deterministic UUIDs, output sinks."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import IO

# Namespace of the ids newsint derives (STIX ids, export.stix_ext); fixed forever so re-exports
# keep ids.
NAMESPACE = uuid.UUID("5e1c0f4e-8a57-5a3c-9d1e-6e657773696e")


def uuid5(*parts: str) -> str:
    """A UUIDv5 from newsint's namespace and the parts (joined by a unit separator)."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def parse_time(value: str | None) -> datetime | None:
    """An ISO date or datetime as an aware UTC datetime (naive means UTC, as our readers
    write them); None when absent or unreadable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def byte_sink(out: IO[bytes] | IO[str]) -> Callable[[bytes], None]:
    """A writer of UTF-8 bytes to a binary or a text stream."""
    if isinstance(out, io.TextIOBase):
        return lambda chunk: out.write(chunk.decode("utf-8"))  # type: ignore[arg-type]
    return out.write  # type: ignore[return-value]


def shorten(text: str, limit: int = 120) -> str:
    """One line of at most `limit` characters, for names and titles made from claim text."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
