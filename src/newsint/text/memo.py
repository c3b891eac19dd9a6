"""The bounds of the process-wide memos (data/memo.toml), read once.

A memo of a pure word function lives as long as the process and serves every pipeline, so its
bound cannot come from one pipeline's configuration: it is a named, commented number in a data
file, read when the memo's module is imported.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def _bounds() -> dict[str, dict[str, int]]:
    text = resources.files("newsint.data").joinpath("memo.toml").read_text("utf-8")
    return tomllib.loads(text)


def memo_bound(memo: str, name: str) -> int:
    """The bound `name` of the memo `memo` ([memo] name = … in data/memo.toml); a missing one is a
    KeyError, as a bound no one wrote down is a bug."""
    value = _bounds()[memo][name]
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"memo.toml: [{memo}] {name} must be a whole number >= 0, not {value!r}")
    return value
