"""Known reporting verbs the other rules missed, third pass (issue 16, "attrmiss"). Each test
here is a construction counted on PolNeAR train before it was added (docs/benchmarks.md,
"Known verbs missed, third pass"):

- a verb of address whose object is also what is reported ("thanked the volunteers for their
  help"; `[addressed_content]`): its object with the rest of the phrase is the content;
- a naming verb whose object the parser read as a predicate ("called the mayor a liar" with
  both noun phrases as predicates; `[named_object]`, fifth pass, "attrmiss3").
The word lists live in data/missed_cues.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class MissedCueWords:
    """The word lists of data/missed_cues.toml."""

    addressed_content: frozenset[str]  # verbs of address whose object is reported too
    named_predicates: int  # predicates a naming verb needs before the first is its object
    named_not_entities: frozenset[str]  # entity types of a "predicate" that says when


@cache
def missed_cue_words() -> MissedCueWords:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("missed_cues.toml").read_text("utf-8")
    )
    return MissedCueWords(
        addressed_content=frozenset(w.lower() for w in data["addressed_content"]["verbs"]),
        named_predicates=int(data["named_object"]["min_predicates"]),
        named_not_entities=frozenset(data["named_object"]["not_entities"]),
    )


def addressed_content(base: str) -> bool:
    """Whether the object of this verb of address is reported as well as addressed."""
    return base in missed_cue_words().addressed_content


def named_object(verb: Token, children: list[Token]) -> Token | None:
    """The object of a naming verb the parser read as a predicate: in "called the mayor a
    liar" it may hang both noun phrases on the verb as predicates; the first is what is named
    (`[named_object]`: how many predicates it needs; one that only says when is none)."""
    words = missed_cue_words()
    preds = [
        c
        for c in children
        if c.dep_ == "oprd" and c.i > verb.i and c.ent_type_ not in words.named_not_entities
    ]
    if not preds or len(preds) < words.named_predicates:
        return None
    return preds[0]
