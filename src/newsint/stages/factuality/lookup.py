"""Look-ups for the stages after this one: the predicate at a span of an analysis, and the
factuality of a spaCy token (from the walk kept on its Doc, or walked now)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.model import Analysis, Factuality
from newsint.stages.factuality.lexicon import Lexicon, load_lexicon
from newsint.stages.factuality.stage import record
from newsint.stages.factuality.walk import USER_DATA_KEY, TokenFactuality, store, walk

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token


def at(analysis: Analysis | Sequence[Factuality], start: int, end: int) -> Factuality | None:
    """The predicate whose head lies in [start, end): the first one that does (the records are
    sorted by start), unless another is governed by nothing in the span; None when none does.

    Give the span of a claim's content or an event's trigger; to prefer the content's syntactic
    root, call `of_token` with the root token instead when the Doc is at hand."""
    items = analysis.factuality if isinstance(analysis, Analysis) else analysis
    inside = [f for f in items if start <= f.start and f.end <= end]
    if not inside:
        return None

    # the least embedded one: the one fewest other predicates in the span pass cues to
    def depth(f: Factuality) -> int:
        return sum(1 for c in f.cues if start <= c.start < end and c.kind in _EMBEDDING_KINDS)

    return min(inside, key=lambda f: (depth(f), f.start))


_EMBEDDING_KINDS = frozenset(
    {
        "factive",
        "implicative",
        "report",
        "denial",
        "belief",
        "intention",
        "question",
        "hypothetical",
        "purpose",
    }
)


def of_token(token: Token, lexicon: Lexicon | None = None) -> Factuality:
    """The factuality of any token of a parsed Doc: from the factuality stage's walk when it
    ran on this Doc, else walked now (and kept on the Doc for the next call)."""
    doc = token.doc
    results: list[TokenFactuality] | None = doc.user_data.get(USER_DATA_KEY)
    if results is None or len(results) != len(doc):
        results = walk(doc, lexicon or load_lexicon())
        store(doc, results)
    return record(token, results[token.i])
