"""The event lexicon: PLOVER types, modes and trigger rules from a data file (data/plover.toml)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass


# --------------------------------------------------------------------------- the lexicon


@dataclass(frozen=True)
class TriggerRule:
    type: str
    ontology: str
    pos: str  # "verb" or "noun"
    lemmas: frozenset[str]
    context: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    mode: str | None = None
    target_preps: frozenset[str] = frozenset()
    dobj_target: bool = True
    no_object: bool = False  # counts only without a direct object ("protesters demonstrated")
    dobj_target_if: frozenset[str] = frozenset()  # ...or when one of these preps is present


@dataclass(frozen=True)
class EventType:
    name: str
    ontology: str
    salience: float
    modes: dict[str, frozenset[str]]
    manner_modes: bool  # the mode says how it was done (phone, drone): a 5W1H "how"


@dataclass(frozen=True)
class Lexicon:
    """The type lexicon and grammar word lists, read once from TOML."""

    types: dict[str, EventType]
    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]  # (pos, lemma) -> rules, context first
    support_verbs: frozenset[str]
    modality_verbs: dict[str, str]
    modality_nouns: dict[str, str]
    modal_auxiliaries: dict[str, str]
    modality_modifiers: dict[str, str]
    negating_verbs: frozenset[str]
    negation_words: frozenset[str]
    hedge_adverbs: dict[str, str]
    hedge_verbs: dict[str, str]
    object_control: frozenset[str]
    name_heads: frozenset[str]
    place_preps: frozenset[str]
    actor_preps: frozenset[str]
    perfect_blockers: frozenset[str]
    why_markers: tuple[str, ...]
    how_markers: tuple[str, ...]
    when_markers: frozenset[str]
    question_marks: frozenset[str]


def _words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Compile the TOML lexicon; a malformed entry fails loudly with its type name."""
    types: dict[str, EventType] = {}
    rules: dict[tuple[str, str], list[TriggerRule]] = {}
    for name, spec in data["types"].items():
        ontology = spec.get("ontology", "PLOVER")
        types[name] = EventType(
            name=name,
            ontology=ontology,
            salience=float(spec.get("salience", 0.5)),
            modes={m: _words(cues) for m, cues in spec.get("modes", {}).items()},
            manner_modes=bool(spec.get("manner_modes", False)),
        )
        for trig in spec.get("triggers", []):
            if trig["pos"] not in ("verb", "noun"):
                raise ValueError(f"plover lexicon: {name}: pos must be verb or noun")
            rule = TriggerRule(
                type=name,
                ontology=ontology,
                pos=trig["pos"],
                lemmas=_words(trig["lemmas"]),
                context=_words(trig.get("context", [])),
                exclude=_words(trig.get("exclude", [])),
                mode=trig.get("mode"),
                target_preps=_words(trig.get("target_preps", spec.get("target_preps", []))),
                dobj_target=bool(trig.get("dobj_target", spec.get("dobj_target", True))),
                no_object=bool(trig.get("no_object", False)),
                dobj_target_if=_words(trig.get("dobj_target_if", [])),
            )
            for lemma in rule.lemmas:
                rules.setdefault((rule.pos, lemma), []).append(rule)
    g = data["grammar"]
    return Lexicon(
        types=types,
        rules={k: tuple(sorted(v, key=lambda r: not r.context)) for k, v in rules.items()},
        support_verbs=_words(g["support_verbs"]),
        modality_verbs=dict(g["modality_verbs"]),
        modality_nouns=dict(g["modality_nouns"]),
        modal_auxiliaries=dict(g["modal_auxiliaries"]),
        modality_modifiers=dict(g["modality_modifiers"]),
        negating_verbs=_words(g["negating_verbs"]),
        negation_words=_words(g["negation_words"]),
        hedge_adverbs=dict(g["hedge_adverbs"]),
        hedge_verbs=dict(g["hedge_verbs"]),
        object_control=_words(g["object_control"]),
        name_heads=_words(g["name_heads"]),
        place_preps=_words(g["place_preps"]),
        actor_preps=_words(g["actor_preps"]),
        perfect_blockers=_words(g["perfect_blockers"]),
        why_markers=tuple(g["why_markers"]),
        how_markers=tuple(g["how_markers"]),
        when_markers=_words(g["when_markers"]),
        question_marks=_words(g["question_marks"]),
    )


def load_lexicon(name: str) -> Lexicon:
    """A lexicon file: a path the user gives, else a file shipped in newsint/data."""
    path = Path(name)
    if path.is_file():
        text = path.read_text("utf-8")
    else:
        text = package_files.files("newsint.data").joinpath(name).read_text("utf-8")
    return parse_lexicon(tomllib.loads(text))
