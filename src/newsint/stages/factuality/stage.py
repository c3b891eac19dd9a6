"""Factuality stage: one Factuality per predicate (verb heads and eventive noun heads), from one
walk over each sentence's dependency tree (walk.py), kept on the Doc for the stages after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.model import Evidence, Factuality
from newsint.stages.base import validated
from newsint.stages.factuality.lexicon import Lexicon, load_lexicon
from newsint.stages.factuality.walk import TokenFactuality, store, walk
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.stages.base import Resources, Work
    from newsint.stages.tokens import Tok


class FactualityStage:
    name = "factuality"
    english_only = True  # English model and word lists: skipped for other languages
    version = 1
    requires = frozenset({"doc"})
    uses: frozenset[str] = frozenset()
    assigns = frozenset({"factuality"})

    def __init__(self, resources: Resources) -> None:
        self.cfg = resources.config.factuality
        self.lexicon: Lexicon = resources.get(
            f"factuality.lexicon:{self.cfg.lexicon}", lambda: load_lexicon(self.cfg.lexicon)
        )

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            if work.doc is None:
                work.analysis.factuality = []
                continue
            work.analysis.factuality = annotate(work.doc, self.lexicon)


def is_predicate(token: Token | Tok, lex: Lexicon) -> bool:
    """A verb head, or a noun that names an event ("the attack", "negotiations")."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "NOUN" and lex.is_eventive_noun(token.lemma_.lower())


def annotate(doc: Doc, lex: Lexicon) -> list[Factuality]:
    """Walk the Doc once, keep the results on it, and return one record per predicate."""
    results = walk(doc, lex)
    store(doc, results)
    toks = tokens_of(doc).tokens
    return [record(toks[r.i], r) for r in results if is_predicate(toks[r.i], lex)]


def record(token: Token | Tok, result: TokenFactuality) -> Factuality:
    """The model record of one token's walk result (offsets into the Doc's text)."""
    return validated(
        Factuality,
        {
            "start": token.idx,
            "end": token.idx + len(token.text),
            "text": token.text,
            "value": result.value,
            "source_value": result.source_value,
            "cues": [
                validated(
                    Evidence,
                    {
                        "start": c.start,
                        "end": c.end,
                        "text": c.text,
                        "kind": c.kind,
                        "effect": c.effect,
                    },
                )
                for c in result.cues
            ],
        },
    )
