"""What the factuality stage says of an event: its value, the statuses its cues give, and
which event a denial denies.

An event's factuality is its trigger's (the support verb's for an event noun: "will hold
talks") from the article's point of view, as the factuality stage walked it: a report scales
it, a denial flips it, a plan or a condition caps it. Its cues give statuses as they do for
claims (data/claims.toml [factuality_status]); a value at or below [events]
negated_factuality marks it negated. A denial (REJECT, mode deny) carries in `about` the id of
the event it denies, so a story about a denial has the denial as its main event and the
denied event beside it, off the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsint.model import Analysis, ClaimStatus, Event
from newsint.stages.claims.factual import cue_status
from newsint.stages.claims.lexicon import verb_base
from newsint.stages.events.triggers import _SUBJ
from newsint.stages.factuality.lookup import of_token

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.config import Events as EventsConfig
    from newsint.stages.claims.lexicon import Lexicon as ClaimsLexicon
    from newsint.stages.events.triggers import Trigger
    from newsint.stages.tokens import Tok

# The claim statuses an event does not inherit: whether it happened is said by its own
# trigger's factuality (the claim may be a plan while this event, in a relative clause, is done).
OWN_STATUSES = frozenset({"hypothetical", "intention", "question", "negative"})
# The modality word an unrealised status gives an event that has none from its governors.
MODALITY = {"hypothetical": "hypothetical", "question": "open question", "intention": "future"}
# The denial events (PLOVER type, mode): they and every REJECT carry the event they deny or
# reject in `about`.
DENIAL = ("REJECT", "deny")
# Edges to what stands beside a denial rather than under it.
_SIBLINGS = frozenset({"conj", "cc", "parataxis"})


@dataclass(frozen=True)
class TriggerFactuality:
    value: float  # -3..+3, the article's point of view
    statuses: list[str]  # what its cues say ("intention" for "will", "denied" for "denies")
    negated: bool  # the article leans towards it not having happened


def trigger_factuality(
    trig: Trigger, doc: Doc, cfg: EventsConfig, lex: ClaimsLexicon
) -> TriggerFactuality:
    base = trig.support if trig.support is not None else trig.token
    fact = of_token(doc[base.i])  # the factuality stage's record is kept on the spaCy Doc
    low = fact.value <= cfg.negated_factuality
    asks = verb_base(base.lower_, lex.question_verbs, lex.irregular) is not None
    statuses: list[str] = []
    for cue in fact.cues:
        if asks and cue.kind == "conditional" and cue.start > base.idx:
            continue  # "asked if he thought…": the if-clause is the question, not a condition
        # a denial above it counts once the value says the article leans to "did not happen"
        denied = "denied" if low else None
        status = denied if cue.kind == "denial" else cue_status(doc, cue, lex)
        if status is not None:
            statuses.append(status)
    return TriggerFactuality(round(fact.value, 2), statuses, low)


def after_publication(time: object, analysis: Analysis) -> bool:
    """Whether a time expression starts after the article was published (a date to come)."""
    published = (analysis.article.published.date or "")[:10]
    first = getattr(time, "range_start", None)
    return bool(published and first and first > published)


def strongest(status: ClaimStatus, more: list[str], lex: ClaimsLexicon) -> ClaimStatus:
    """The status that wins by [status] precedence (data/claims.toml)."""
    order = lex.precedence
    rank = _ranks(order)
    best = min([status, *more], key=lambda s: rank.get(s, len(order)))
    return best  # type: ignore[return-value]


@lru_cache(maxsize=4)
def _ranks(order: tuple[str, ...]) -> dict[str, int]:
    """Each status's place in the precedence (the first place of a status listed twice)."""
    rank: dict[str, int] = {}
    for n, status in enumerate(order):
        rank.setdefault(status, n)
    return rank


def link_denials(events: list[Event], triggers: list[Trigger], doc: Doc, cfg: EventsConfig) -> None:
    """Set `about` on each denial or rejection (REJECT): the nearest event whose trigger lies
    in what it governs ("denies [its minister called for talks]", "rejected a report that [its
    director held a meeting]"), a PLOVER event before a statement."""
    of_type: dict[str, list[Event]] = {}  # in text order, as `events`
    for e in events:
        of_type.setdefault(e.type, []).append(e)
    by_token: dict[int, list[Event]] = {}
    for trig in triggers:
        at = trig.token.idx
        for e in of_type.get(trig.rule.type, ()):
            if e.trigger.start <= at < e.trigger.end:
                by_token.setdefault(trig.token.i, []).append(e)
    for trig in triggers:
        if trig.rule.type != DENIAL[0]:
            continue  # a denial ("denied that…"), or any rejection ("rejected a report that…")
        denial = trig.token
        best: tuple[int, int, Event] | None = None
        for i, found in by_token.items():
            depth = _depth_below(denial.doc[i], denial, cfg.max_climb + 2)
            if depth is None:
                continue
            for e in found:
                rank = (depth, 0 if e.ontology == "PLOVER" else 1)
                if best is None or rank < best[:2]:
                    best = (*rank, e)
        if best is None:
            continue
        for e in by_token.get(denial.i, []):
            e.about = best[2].id


def _depth_below(node: Tok, ancestor: Tok, limit: int) -> int | None:
    """How many edges `node` lies below `ancestor` (None: not below it, too far, in its
    subject, "the minister who met them denied…", or beside it, "denied it and said…")."""
    cur = node
    for depth in range(limit + 1):
        if cur.head.i == cur.i:
            return None
        if cur.head.i == ancestor.i:
            return None if cur.dep_ in _SUBJ or cur.dep_ in _SIBLINGS else depth + 1
        cur = cur.head
    return None
