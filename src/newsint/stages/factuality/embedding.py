"""Embedding classes: what a predicate that takes another as its complement (or as its object)
does to it, after de Marneffe et al. 2012 and TruthTeller (Lotan et al. 2013).

- factive (know, reveal, confirm): the complement is presupposed, even under negation;
- implicative (manage, fail, refuse): the complement's sign follows the signature;
- report (say, claim): the speaker commits fully, the article reports it (scaled);
- denial (deny, reject, dismiss): the speaker says it did not happen;
- belief (think, expect): likely at most;
- intention (plan, want, agree): not (yet) happened;
- question (ask whether), purpose ("came to sign"), and the nouns that embed (evidence, reports,
  prospects, plans).

Every class's words and values are data (data/factuality.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsint.stages.factuality.cues import Cue, Local, cap, cue_of

if TYPE_CHECKING:
    from newsint.stages.factuality.lexicon import Lexicon
    from newsint.stages.tokens import Tok

Transform = Callable[[float, float], tuple[float, float]]

# Clausal complements: what the governor's class applies to.
COMPLEMENTS = frozenset({"ccomp", "xcomp", "csubj", "csubjpass", "oprd", "acl"})
# Nominal arguments a class also applies to ("denied the attack", "planned a raid").
ARGUMENTS = frozenset({"dobj", "nsubjpass"})
# Classes that apply to nominal and prepositional arguments too, not only to clauses.
# A denial's nominal object is not denied ("rejected the offer": the offer was made); what a
# denied report says is ("denied reports that X": X), see embed.
# An implicative's object is not implied either ("stop the fighting": the fighting happened).
_ARGUMENT_CLASSES = frozenset({"intention", "belief", "factive", "stopping"})


def governor(tok: Tok) -> tuple[Tok, str]:
    """The predicate a token depends on and how: through a preposition, the preposition's head
    ("called for talks" -> call, "prep:for"); a preposition that is its sentence's root is its
    own governor (as the walk always had it: spaCy's `head.head is not head` was never false)."""
    head = tok.head
    if tok.dep_ in {"pobj", "pcomp"} and head.dep_ in {"prep", "agent"}:
        return head.head, f"prep:{head.lemma_.lower()}"
    return head, tok.dep_


def _has_infinitive(tok: Tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _marks(tok: Tok) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ == "mark"}


def class_of(gov: Tok, lex: Lexicon, relation: str, tok: Tok) -> str | None:
    """The embedding class of a governor for this relation (None: transparent)."""
    lemma = gov.lemma_.lower()
    if lemma not in lex.embedding_lemmas:
        return None  # (most governors: in no class's list)
    if lemma in lex.stopping and relation in ARGUMENTS:
        return "stopping"
    if gov.pos_ in {"NOUN", "PROPN"}:
        if lemma in lex.evidence_nouns:
            return "evidence"
        if lemma in lex.hypothetical_nouns:
            return "hypothetical"
        return None
    if lemma in lex.implicative and relation in {"xcomp", "prep:from"}:
        return "implicative"
    if lemma in lex.factive and relation not in {"xcomp"}:
        return "factive"
    if lemma in lex.denial:
        return "denial"
    if lemma in lex.question_lemmas and relation == "ccomp" and _marks(tok) & lex.question_marks:
        return "question"  # "asked whether he had resigned" (not "asked how he did it")
    if lemma in lex.report:
        return "weak_report" if lemma in lex.weak_report else "report"
    if lemma in lex.belief:
        return "belief"
    if lemma in lex.intention:
        return "intention"
    if lemma in lex.implicative:
        return "implicative"
    return None


@dataclass(frozen=True)
class Effect:
    """What a class governor does to a complement: `apply` maps the complement's own
    (article, source) values, given the governor's own local value; `new_source` when the
    governor introduces a source (a report, a denial, a belief: the speaker's view of the
    complement is then the source view); `cue` names the governor."""

    apply: Transform
    cue: Cue
    new_source: bool = False


def embed(
    tok: Tok,
    gov: Tok,
    relation: str,
    gov_local: Local,
    lex: Lexicon,
    local_of: Callable[[Tok], Local | None],
    disabled: frozenset[str] = frozenset(),
) -> Effect | None:
    """What a class governor, whose own local value is `gov_local` (`local_of` gives any
    token's), does to `tok`; None when the
    relation is not one the governor's class reaches (`tok` then shares its governor's frame).
    The walk composes the effect with the governor's own frame."""
    top = lex.factual
    gl = gov_local.value
    if relation == "advcl":
        marks = _marks(tok)
        if "intention" in disabled:
            return None
        if marks & lex.unrealised_marks and tok.tag_ != "VBD":
            # "until the restriction expires", "before any attempt is made": not yet
            limit = lex.unrealised_cap
            return Effect(
                _capped(limit, lex.factual, top), cue_of(gov, "future", f"caps at {limit:+.1f}")
            )
        if marks & {"so", "order"} or (_has_infinitive(tok) and not marks & lex.conditional_marks):
            limit = lex.purpose_cap
            return Effect(_capped(limit, gl, top), cue_of(gov, "purpose", f"caps at {limit:+.1f}"))
        return None
    kind = class_of(gov, lex, relation, tok)
    if kind is None:
        infinitive = relation in {"xcomp", "acl", "relcl"} and _has_infinitive(tok)
        if infinitive and "intention" not in disabled:
            # "entitles them to buy", "an opportunity to reenergize": not (yet) realised
            limit = lex.infinitive_cap
            return Effect(
                _capped(limit, lex.factual, lex.factual),
                cue_of(gov, "infinitive", f"caps at {limit:+.1f}"),
            )
        return None
    if kind == "evidence" and gov.dep_ == "dobj" and gov.head.lemma_.lower() in lex.denial:
        # "denied reports that X": the denial reaches what the reports say
        head_local = local_of(gov.head)
        return _denial(gov.head, head_local.value if head_local else top, lex)
    clause = (
        relation in COMPLEMENTS
        or (relation == "relcl" and kind == "evidence")
        or (relation == "prep:from" and kind == "implicative" and tok.pos_ == "VERB")
    )
    argument = relation in ARGUMENTS or (
        relation.startswith("prep:") and relation[5:] in lex.embedding_prepositions
    )
    if not clause and not (argument and kind in _ARGUMENT_CLASSES | {"evidence", "hypothetical"}):
        return None
    if kind == "factive":
        return Effect(lambda a, s: (a, s), cue_of(gov, "factive", "presupposed: kept as it is"))
    if kind == "implicative":
        pos, neg = lex.implicative.get(gov.lemma_.lower(), (1, -1))
        sure = gov_local.certainty

        def implied(a: float, s: float) -> tuple[float, float]:
            return (
                _implicative(a, gl, sure, pos, neg, lex),
                _implicative(s, gl, sure, pos, neg, lex),
            )

        return Effect(implied, cue_of(gov, "implicative", f"signature {_sig(pos)}/{_sig(neg)}"))
    if kind in {"report", "weak_report"}:
        scale = lex.report_scale if kind == "report" else lex.weak_report_scale

        def reported(a: float, s: float) -> tuple[float, float]:
            if gl <= 0:  # "did not say": nothing is committed to
                return cap(a, 0.0), cap(s, 0.0)
            return a * scale * gl / top, s

        return Effect(reported, cue_of(gov, "report", f"article x{scale:.2f}"), new_source=True)
    if kind == "denial":
        return _denial(gov, gl, lex)
    if kind == "belief":
        limit = -lex.belief_cap if gov.lemma_.lower() in lex.negative_belief else lex.belief_cap
        return Effect(_capped(limit, gl, top), cue_of(gov, "belief", f"caps at {limit:+.1f}"), True)
    if kind == "intention":
        if "intention" in disabled:
            return None
        limit = lex.intention_caps.get(gov.lemma_.lower(), lex.intention_cap)
        return Effect(_capped(limit, gl, top), cue_of(gov, "intention", f"caps at {limit:+.1f}"))
    if kind == "stopping":
        limit = lex.stopping_cap
        return Effect(_capped(limit, gl, top), cue_of(gov, "implicative", f"-> {limit:+.1f}"))
    if kind == "question":
        limit = lex.question_cap
        return Effect(_capped(limit, gl, top), cue_of(gov, "question", f"caps at {limit:+.1f}"))
    if kind == "hypothetical":
        limit = lex.hypothetical_cap
        if gl > 0 and _turned_down(gov, lex):
            # "rejected a proposal to combine", "withdrew its offer to acquire": the proposal
            # was made; what it proposed will not happen
            return Effect(
                _capped(limit, -gl, top),
                cue_of(gov.head, "denial", f"turned down, -> {-limit:+.1f}"),
            )
        return Effect(_capped(limit, gl, top), cue_of(gov, "hypothetical", f"caps at {limit:+.1f}"))
    # evidence nouns: "no evidence that X" leaves X unsupported; "reports that X" report it
    if gl < 0:
        limit = lex.evidence_negated_cap

        def unsupported(a: float, s: float) -> tuple[float, float]:
            return cap(a, limit), cap(s, limit)

        return Effect(unsupported, cue_of(gov, "negative_quantifier", f"unsupported {limit:+.1f}"))
    scale = lex.evidence_scale

    def evidenced(a: float, s: float) -> tuple[float, float]:
        return a * scale * gl / top, s

    return Effect(evidenced, cue_of(gov, "report", f"article x{scale:.2f}"))


def _turned_down(noun: Tok, lex: Lexicon) -> bool:
    """A noun of proposal or request that is the object of a refusal ("denied a request",
    "rejected the proposal", "withdrew its offer", "refused the demand")."""
    if noun.dep_ not in ARGUMENTS:
        return False
    lemma = noun.head.lemma_.lower()
    refused = lemma in lex.implicative and lex.implicative[lemma][0] < 0
    return lemma in lex.denial or lemma in lex.stopping or lemma in lex.turning_down or refused


def _denial(gov: Tok, gl: float, lex: Lexicon) -> Effect:
    """The speaker says it did not happen: the source's view flipped, the article's scaled."""
    scale, top = lex.denial_scale, lex.factual

    def denied(a: float, s: float) -> tuple[float, float]:
        if gl <= 0:  # "did not deny": open
            return cap(a, 0.0), cap(s, 0.0)
        return -a * scale * gl / top, -s

    return Effect(denied, cue_of(gov, "denial", f"flipped; article x{scale:.2f}"), True)


def _capped(limit: float, gl: float, top: float) -> Transform:
    """Cap the complement, then weigh it by the governor's own commitment (a negated plan
    leans the other way; a plan only predicted counts less)."""

    def capped(a: float, s: float) -> tuple[float, float]:
        return cap(a, limit) * gl / top, cap(s, limit) * gl / top

    return capped


def _implicative(
    value: float, gov_value: float, sure: float, pos: int, neg: int, lex: Lexicon
) -> float:
    """The complement's sign from the signature and the governor's sign; its size no more
    than the governor's certainty ("did not fail to mention" is as certain as "mentioned"),
    and a complement turned negative ends where a negation would ("refused to say")."""
    sign = pos if gov_value > 0 else neg if gov_value < 0 else 0
    implied = sign * min(abs(value), sure) * (1 if value >= 0 else -1)
    return lex.negate(-implied) if implied < 0 else implied


def _sig(sign: int) -> str:
    return {1: "+", -1: "-", 0: "o"}[sign]
