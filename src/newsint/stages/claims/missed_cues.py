"""Known reporting verbs the other rules missed, third pass (issue 16, "attrmiss"). Each test
here is a construction counted on PolNeAR train before it was added (docs/benchmarks.md,
"Known verbs missed, third pass"):

- a verb of address whose object is also what is reported ("thanked the volunteers for their
  help"; `[addressed_content]`): its object with the rest of the phrase is the content.
The word lists live in data/missed_cues.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class MissedCueWords:
    """The word lists of data/missed_cues.toml."""

    addressed_content: frozenset[str]  # verbs of address whose object is reported too


@cache
def missed_cue_words() -> MissedCueWords:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("missed_cues.toml").read_text("utf-8")
    )
    return MissedCueWords(
        addressed_content=frozenset(w.lower() for w in data["addressed_content"]["verbs"]),
    )


def addressed_content(base: str) -> bool:
    """Whether the object of this verb of address is reported as well as addressed."""
    return base in missed_cue_words().addressed_content
