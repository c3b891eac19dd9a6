"""What a named entity is to a consumer of an export: a person, an organisation, a place, or
not known well enough to say (data/exports.toml has the rules and word lists).

Aleph cross-references every FtM Person against sanctions and PEP lists, and OpenCTI merges
identities by name and class, so a city, a ship or a newspaper the language model mistyped as
PERSON must not leave newsint as a person. The same answer serves the STIX and FtM exporters.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from newsint.model import Entity
from newsint.stages.entities.gazetteer import load_gazetteer
from newsint.text.fold import name_key

Kind = Literal["person", "organisation", "place", "unclear"]
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@cache
def settings() -> dict[str, Any]:
    """data/exports.toml, read once."""
    text = resources.files("newsint.data").joinpath("exports.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class _Rules:
    min_words: int
    max_words: int
    particles: frozenset[str]
    not_in_names: re.Pattern[str]
    thing_roles: frozenset[str]
    organisation_words: frozenset[str]
    separators: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = settings()
    words = load_gazetteer().words
    people = data["people"]
    seps = sorted(data["authors"]["separators"], key=lambda s: (-len(s), s))
    return _Rules(
        min_words=int(people["min_words"]),
        max_words=int(people["max_words"]),
        particles=frozenset(people["particles"]),
        not_in_names=re.compile("[" + re.escape("".join(people["not_in_names"])) + r"\d]"),
        thing_roles=frozenset(name_key(w) for w in people["thing_roles"]),
        organisation_words=frozenset(name_key(w) for w in people["organisation_words"])
        | words.designators
        | frozenset(name_key(w) for w in _org_heads()),
        separators=re.compile("|".join(re.escape(s) for s in seps), re.IGNORECASE),
    )


def _org_heads() -> list[str]:
    text = resources.files("newsint.data").joinpath("entities.toml").read_text("utf-8")
    return list(tomllib.loads(text)["organisations"]["heads"])


def kind_of(entity: Entity, name: str | None = None) -> Kind:
    """What the entity is, by its type and the evidence of its name and roles.

    ORG and outlets are organisations; places are places; a PERSON is a person only with a name
    of `min_words` words that is no outlet, no country or capital, no company-like name, and no
    role naming a thing ("the bulk carrier …")."""
    name = name or entity.name
    gazetteer = load_gazetteer()
    rules = _rules()
    if entity.type in PLACE_TYPES:
        return "place"
    if entity.type == "ORG":
        return "organisation"
    if entity.type != "PERSON":
        return "unclear"
    if gazetteer.outlets.looks_like_outlet(name):
        return "organisation"
    words = name_key(name).split()
    if words and words[-1] in rules.organisation_words:
        return "organisation"
    entry = gazetteer.lookup(name)
    if entry is not None and entry.kind in ("country", "capital"):
        return "place"
    if any(_head_noun(r.role) in rules.thing_roles for r in entity.roles):
        return "unclear"
    if not _looks_like_a_name(name, rules):
        return "unclear"
    return "person"


def _looks_like_a_name(name: str, rules: _Rules) -> bool:
    """A person's name as written: `min_words`..`max_words` words, each capitalised (name
    particles aside), no digits or credit-line marks ("Jane Roe/AP", "Ben Morgan 7/8")."""
    words = name.split()
    if not rules.min_words <= len(words) <= rules.max_words:
        return False
    if rules.not_in_names.search(name):
        return False
    return all(_capitalised(w, rules.particles) for w in words)


def _capitalised(word: str, particles: frozenset[str]) -> bool:
    """A word of a name: capitalised, a particle ("von"), or a particle joined to a
    capitalised word ("al-Barnawi", "d'Alembert")."""
    if word[:1].isupper() or word in particles:
        return True
    parts = re.split(r"[-'’]", word, maxsplit=1)
    return len(parts) == 2 and parts[0] in particles and parts[1][:1].isupper()


_ROLE_TAIL = re.compile(r"\b(?:of|at|for|in|from|with|to|on)\b|,|;|\(")


def _head_noun(role: str) -> str:
    """The head of a role as written before the name: its last word before a preposition
    ("bulk carrier" → carrier; "chief executive of the hospital" → executive)."""
    text = role.strip().removeprefix("’s").removeprefix("'s").strip()
    words = name_key(_ROLE_TAIL.split(text, maxsplit=1)[0]).split()
    return words[-1] if words else ""


def split_authors(author: str | None) -> list[str]:
    """Co-authors of a byline field as one name each ("Ana Varga and Lee Park" → two)."""
    if not author:
        return []
    parts = (" ".join(p.split()) for p in _rules().separators.split(author))
    return list(dict.fromkeys(p for p in parts if p))
