"""Word lists that decide where a content ends (data/content_bounds.toml), kept apart from the
cue lexicon (data/claims.toml): they shape spans, not what counts as a report."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Bounds:
    """Content-boundary words."""

    content_conjunctions: frozenset[str]  # "…, but the chairman declined" stays in the content


@cache
def bounds() -> Bounds:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("content_bounds.toml").read_text("utf-8")
    )
    return Bounds(
        content_conjunctions=frozenset(
            w.lower() for w in data["coordinated_clause"]["conjunctions"]
        ),
    )
