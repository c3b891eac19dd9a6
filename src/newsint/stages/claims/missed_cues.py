"""Known reporting verbs the other rules missed, third pass (issue 16, "attrmiss"). Each test
here is a construction counted on PolNeAR train before it was added (docs/benchmarks.md,
"Known verbs missed, third pass"):

- a verb of address whose object is also what is reported ("thanked the volunteers for their
  help"; `[addressed_content]`): its object with the rest of the phrase is the content;
- a naming verb whose object the parser read as a predicate ("called the mayor a liar" with
  both noun phrases as predicates; `[named_object]`, fifth pass, "attrmiss3");
- a gerund after a reporting verb with its subject ("the senator suggested closing the
  bridge"; `[gerund_content]`, branch "attrtail"): the gerund's phrase is the content.
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
    gerund_not_verbs: frozenset[str]  # verbs whose gerund is an aspect, not a content
    gerund_tags: frozenset[str]  # tags of a gerund complement


@cache
def missed_cue_words() -> MissedCueWords:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("missed_cues.toml").read_text("utf-8")
    )
    return MissedCueWords(
        addressed_content=frozenset(w.lower() for w in data["addressed_content"]["verbs"]),
        named_predicates=int(data["named_object"]["min_predicates"]),
        named_not_entities=frozenset(data["named_object"]["not_entities"]),
        gerund_not_verbs=frozenset(w.lower() for w in data["gerund_content"]["not_verbs"]),
        gerund_tags=frozenset(data["gerund_content"]["tags"]),
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


def gerund_content(base: str, verb: Token, xcomp: Token) -> bool:
    """Whether a reporting verb's gerund complement after it is its content ("Fowler supports
    raising the fee", "the senator suggested closing the bridge"; `[gerund_content]`): only
    with the verb's own subject, and not after a verb of aspect ("continued campaigning")."""
    words = missed_cue_words()
    return (
        xcomp.tag_ in words.gerund_tags
        and xcomp.i > verb.i
        and base not in words.gerund_not_verbs
        and any(c.dep_ == "nsubj" for c in verb.children)
    )
