"""The factuality lexicon: cue words, embedding classes and their values, from a data file
(data/factuality.toml), checked on load so a typo names the file and the key."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources as package_files
from pathlib import Path
from typing import Any

from newsint.errors import ConfigError

# Signature letters of an implicative: the complement happened (+), did not (-), unknown (o).
_SIGN = {"+": 1, "-": -1, "o": 0}


@dataclass(frozen=True)
class Lexicon:
    """Everything the factuality walk reads, as sets and numbers."""

    factual: float
    negated: float
    negation_words: frozenset[str]
    negative_quantifiers: frozenset[str]
    negative_prepositions: frozenset[str]
    negative_before_gerund: frozenset[str]
    negative_polarity: frozenset[str]
    negated_prepositions: frozenset[str]
    negated_having: frozenset[str]
    turning_down: frozenset[str]
    intensifiers: frozenset[str]
    object_quantifier_cap: float
    modals: dict[str, float]
    future_modals: frozenset[str]
    hedges: dict[str, float]
    event_modifiers: dict[str, float]
    negated_adverbs: frozenset[str]
    stopping: frozenset[str]
    stopping_cap: float
    factive: frozenset[str]
    implicative: dict[str, tuple[int, int]]  # lemma -> (sign when positive, sign when negated)
    report: frozenset[str]
    weak_report: frozenset[str]
    report_scale: float
    weak_report_scale: float
    denial: frozenset[str]
    denial_scale: float
    belief: frozenset[str]
    negative_belief: frozenset[str]
    belief_cap: float
    intention: frozenset[str]
    intention_cap: float
    intention_caps: dict[str, float]  # the groups with a cap of their own
    question_marks: frozenset[str]
    question_lemmas: frozenset[str]
    question_cap: float
    conditional_marks: frozenset[str]
    conditional_cap: float
    purpose_cap: float
    presupposed_marks: frozenset[str]
    unrealised_marks: frozenset[str]
    past_marks: frozenset[str]
    unrealised_cap: float
    generic_cap: float
    imperative_cap: float
    infinitive_cap: float
    noun_suffixes: tuple[str, ...]
    eventive_nouns: frozenset[str]
    not_eventive: frozenset[str]
    evidence_nouns: frozenset[str]
    evidence_negated_cap: float
    evidence_scale: float
    hypothetical_nouns: frozenset[str]
    hypothetical_cap: float
    embedding_prepositions: frozenset[str]

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """Every word form that is a cue on its own as a dependent of a predicate (negations,
        negative quantifiers, intensifiers, event modifiers, "no"): see cues.may_cue."""
        return (
            self.negation_words
            | self.negated_adverbs
            | self.negative_quantifiers
            | self.intensifiers
            | frozenset(self.event_modifiers)
            | {"no"}
        )

    @cached_property
    def embedding_lemmas(self) -> frozenset[str]:
        """Every lemma of an embedding class (embedding.class_of): a governor outside them is
        transparent, whatever the relation."""
        return (
            self.stopping
            | self.evidence_nouns
            | self.hypothetical_nouns
            | frozenset(self.implicative)
            | self.factive
            | self.denial
            | self.question_lemmas
            | self.report
            | self.belief
            | self.intention
        )

    def negate(self, value: float) -> float:
        """Flip a commitment; a plain negation of a certain one ends at `negated`."""
        return -value * abs(self.negated) / self.factual

    def is_eventive_noun(self, lemma: str) -> bool:
        """A noun that names an event ("the attack", "negotiations"), by list or by ending."""
        if lemma in self.not_eventive:
            return False
        return lemma in self.eventive_nouns or lemma.endswith(self.noun_suffixes)


def _words(data: dict[str, Any], *keys: str) -> frozenset[str]:
    node: Any = data
    for k in keys:
        node = node[k]
    return frozenset(str(w).lower() for w in node)


def _values(table: dict[str, Any]) -> dict[str, float]:
    return {str(k).lower(): float(v) for k, v in table.items()}


def _signature(lemma: str, text: str, where: str) -> tuple[int, int]:
    pos, _, neg = str(text).partition("/")
    if pos not in _SIGN or neg not in _SIGN:
        raise ConfigError(
            where,
            f"bad implicative signature {text!r} for {lemma!r}",
            'write it as "P/N" with P and N each one of +, -, o',
        )
    return _SIGN[pos], _SIGN[neg]


def parse_lexicon(data: dict[str, Any], where: str) -> Lexicon:
    """Build the Lexicon from the parsed TOML; a missing key is a ConfigError naming it."""
    try:
        return Lexicon(
            factual=float(data["scale"]["factual"]),
            negated=float(data["negation"]["negated"]),
            negation_words=_words(data, "negation", "words"),
            negative_quantifiers=_words(data, "negation", "quantifiers"),
            negative_prepositions=_words(data, "negation", "prepositions"),
            negative_before_gerund=_words(data, "negation", "before_gerund"),
            negative_polarity=_words(data, "negation", "reaches_with"),
            negated_prepositions=_words(data, "negation", "reaches_through"),
            negated_having=_words(data, "negation", "reaches_objects_of"),
            turning_down=_words(data, "stopping", "turning_down"),
            intensifiers=_words(data, "negation", "intensifiers"),
            object_quantifier_cap=float(data["negation"]["object_quantifier_cap"]),
            modals=_values(data["modals"]["values"]),
            future_modals=_words(data, "modals", "future"),
            hedges=_values(data["hedges"]),
            event_modifiers=_values(data["event_modifiers"]),
            negated_adverbs=_words(data, "negation", "after_no"),
            stopping=_words(data, "stopping", "lemmas"),
            stopping_cap=float(data["stopping"]["cap"]),
            factive=_words(data, "factive", "lemmas"),
            implicative={
                str(k): _signature(str(k), v, f"{where} [implicative]")
                for k, v in data["implicative"].items()
            },
            report=_words(data, "report", "lemmas"),
            weak_report=_words(data, "report", "weak"),
            report_scale=float(data["report"]["author_scale"]),
            weak_report_scale=float(data["report"]["weak_author_scale"]),
            denial=_words(data, "denial", "lemmas"),
            denial_scale=float(data["denial"]["author_scale"]),
            belief=_words(data, "belief", "lemmas"),
            negative_belief=_words(data, "belief", "negative"),
            belief_cap=float(data["belief"]["cap"]),
            intention=_words(data, "intention", "lemmas")
            | _words(data, "intention", "weaker", "lemmas")
            | _words(data, "intention", "firmer", "lemmas"),
            intention_cap=float(data["intention"]["cap"]),
            intention_caps={
                str(w).lower(): float(data["intention"][group]["cap"])
                for group in ("weaker", "firmer")
                for w in data["intention"][group]["lemmas"]
            },
            question_marks=_words(data, "question", "marks"),
            question_lemmas=_words(data, "question", "lemmas"),
            question_cap=float(data["question"]["cap"]),
            conditional_marks=_words(data, "conditional", "marks"),
            conditional_cap=float(data["conditional"]["cap"]),
            purpose_cap=float(data["purpose"]["cap"]),
            presupposed_marks=_words(data, "adverbial", "presupposed"),
            unrealised_marks=_words(data, "adverbial", "unrealised"),
            past_marks=_words(data, "adverbial", "given_in_the_past"),
            unrealised_cap=float(data["adverbial"]["unrealised_cap"]),
            generic_cap=float(data["nouns"]["generic_cap"]),
            imperative_cap=float(data["imperative"]["cap"]),
            infinitive_cap=float(data["infinitive"]["cap"]),
            noun_suffixes=tuple(str(s) for s in data["nouns"]["suffixes"]),
            eventive_nouns=_words(data, "nouns", "lemmas"),
            not_eventive=_words(data, "nouns", "not_eventive"),
            evidence_nouns=_words(data, "evidence", "lemmas"),
            evidence_negated_cap=float(data["evidence"]["negated_cap"]),
            evidence_scale=float(data["evidence"]["author_scale"]),
            hypothetical_nouns=_words(data, "hypothetical_nouns", "lemmas"),
            hypothetical_cap=float(data["hypothetical_nouns"]["cap"]),
            embedding_prepositions=_words(data, "arguments", "prepositions"),
        )
    except KeyError as exc:
        raise ConfigError(
            where, f"missing key {exc}", "compare with newsint/data/factuality.toml"
        ) from None
    except (TypeError, ValueError) as exc:
        raise ConfigError(where, f"bad value ({exc})", "give numbers and lists of words") from None


@cache
def load_lexicon(name: str = "factuality.toml") -> Lexicon:
    """The lexicon from a file name in newsint/data, or a path to a TOML of the same form."""
    path = Path(name)
    if path.exists():
        text, where = path.read_text(encoding="utf-8"), str(path)
    else:
        ref = package_files.files("newsint.data").joinpath(name)
        if not ref.is_file():
            raise ConfigError(
                name,
                "factuality lexicon not found",
                "give a file in newsint/data or a path to a TOML file",
            )
        text, where = ref.read_text(encoding="utf-8"), f"newsint/data/{name}"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(where, f"not valid TOML ({exc})", "fix the syntax") from None
    return parse_lexicon(data, where)
