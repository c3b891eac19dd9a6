"""A claim's status from the factuality stage: what the text commits to about its content.

The content's head (its syntactic root, or the complement a plan, belief, question or
condition at the root governs: "plans to sell" is about the sale) has a factuality from the
source's point of view and the cues that set it. The cues inside the content give statuses
("will" intention, "if" hypothetical, "whether" question, "allegedly" alleged, "not" with a
low enough value negative); the speech act's own factuality gives the rest ("Iran denies its
minister called for talks": the call is denied, so is what it says). The cue kinds and the
statuses they give are in data/claims.toml [factuality_status]; the thresholds are config
([claims] denied_factuality, negative_factuality). The cue rules of status.py still apply:
[status] precedence decides between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsint.model import Evidence, Factuality
from newsint.stages.claims.lexicon import verb_base
from newsint.stages.claims.status import content_root
from newsint.stages.factuality.lookup import of_token
from newsint.stages.factuality.walk import USER_DATA_KEY, TokenFactuality
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsint.config import Claims as ClaimsConfig
    from newsint.stages.claims.lexicon import Lexicon
    from newsint.stages.factuality.cues import Cue
    from newsint.stages.tokens import Tok

# Edges to the complement a governing plan, belief, question or condition speaks of.
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "advcl"})
# Cue kinds at the root that make the claim about its complement.
_EMBEDDING = frozenset({"intention", "purpose", "belief", "question", "hypothetical"})
# Cue kinds on the speech act that change what its source does with the content.
_SPEECH_ACT = frozenset({"denial", "question", "conditional", "hypothetical"})
_NEGATION = frozenset({"negation", "negative_quantifier"})
# How the factuality stage words the effect of a hedge adverb ("caps at +1.5 -> +1.5").
_CAPS = "caps at"
# The root's arguments, and the clauses under them ("no evidence [that it paid]").
_ARGUMENTS = frozenset({"attr", "dobj", "nsubj", "nsubjpass"})
_NOUN_CLAUSES = frozenset({"acl", "ccomp", "relcl"})


@dataclass(frozen=True)
class Judged:
    """The factuality of a claim's content (source's view) and the evidence its cues give."""

    value: float | None
    evidence: list[Evidence]


def cue_status(doc: Doc, cue: Evidence | Cue, lex: Lexicon, reported: bool = False) -> str | None:
    """The status one factuality cue gives (None: it leaves the status alone); `reported`:
    the cue sits in reported speech ("said the bridge would reopen")."""
    table = lex.factuality_status
    if cue.kind == "modal":
        word = cue.text.lower()
        status = (lex.reported_modal_status.get(word) if reported else None) or (
            lex.modal_status.get(word)
        )
        if status is not None and _perfect(doc, cue):
            return "uncertain"  # "may have met": a hedged past event
        return status
    if cue.kind == "hedge":
        word = cue.text.lower()
        if word in lex.hedges:
            return lex.hedges[word]
        return table.get("hedge") if (cue.effect or "").startswith(_CAPS) else None
    if _unsupported(cue):
        return table.get("negative_quantifier_unsupported")
    return table.get(cue.kind)


def judge(
    doc: Doc,
    span: Span,
    cue_tokens: list[int],
    lex: Lexicon,
    cfg: ClaimsConfig,
) -> Judged:
    """Factuality and status evidence of one claim: its content `span` and the tokens of its
    cue (empty for the article's own claims)."""
    root = content_root(span)
    if root is None:
        return Judged(None, [])
    lo, hi = span.start_char, span.end_char
    head, fact = _head(root, lo, hi, lex)
    evidence: list[Evidence] = []
    for cue in fact.cues:
        if not (lo <= cue.start and cue.end <= hi):
            continue  # the claim's own cue and frame: judged by the cue rules
        status = _status(doc, cue, fact, lex, cfg, reported=bool(cue_tokens))
        if status is not None:
            evidence.append(_evidence(cue, status))
    speech = _speech_act(doc, cue_tokens)
    if speech is not None:
        said = _factuality(speech)
        for cue in said.cues:
            if lo <= cue.start < hi:
                continue
            if cue.kind in _NEGATION and said.value <= 0:
                # "no evidence shows that…", "nobody said that…": no source says it
                status = lex.factuality_status.get("negative_quantifier_unsupported")
            elif cue.kind in _SPEECH_ACT:
                status = _status(doc, cue, said, lex, cfg)
            else:
                continue
            if status is not None:
                evidence.append(_evidence(cue, status))
    del head
    return Judged(fact.source_value, evidence)


def _factuality(token: Token) -> Factuality | TokenFactuality:
    """The token's factuality as the factuality stage's walk left it on the Doc (the values
    and cues `of_token` would copy into a model record, without the copy: a claim reads
    three or four of them), else `of_token`'s (which walks the Doc once and keeps it)."""
    return _factuality_at(token.doc, token.i)


def _factuality_at(doc: Doc, i: int) -> Factuality | TokenFactuality:
    """`_factuality` of the Doc's token `i` (a spaCy Token made only when the walk's results
    are missing)."""
    results = doc.user_data.get(USER_DATA_KEY)
    if results is not None and len(results) == len(doc):
        return results[i]
    return of_token(doc[i])


def _head(
    root: Token, lo: int, hi: int, lex: Lexicon
) -> tuple[Token | Tok, Factuality | TokenFactuality]:
    """The content's head: the root, or the predicate inside the content that a plan,
    belief, question or condition at the root speaks of ("plans to sell": the sale), or
    that an absence of support at the root's argument leaves open ("there is no evidence
    that the company paid": the payment). The dependents are read on the shared token table."""
    doc = root.doc
    fact = _factuality(root)
    attempt = verb_base(root.lower_, lex.attempt_verbs, lex.irregular) is not None
    children = tokens_of(doc).tokens[root.i].children
    for child in children:
        if attempt or child.dep_ not in _COMPLEMENTS or not (lo <= child.idx < hi):
            continue
        below = _factuality_at(doc, child.i)
        if any(c.kind in _EMBEDDING and c.start == root.idx for c in below.cues):
            return child, below
    for arg in children:
        if arg.dep_ not in _ARGUMENTS:
            continue
        for clause in arg.children:
            if clause.dep_ not in _NOUN_CLAUSES or not (lo <= clause.idx < hi):
                continue
            below = _factuality_at(doc, clause.i)
            if any(_unsupported(c) and c.start == arg.idx for c in below.cues):
                return clause, below
    return root, fact


def _unsupported(cue: Evidence | Cue) -> bool:
    return cue.kind == "negative_quantifier" and (cue.effect or "").startswith("unsupported")


def _status(
    doc: Doc,
    cue: Evidence | Cue,
    fact: Factuality | TokenFactuality,
    lex: Lexicon,
    cfg: ClaimsConfig,
    reported: bool = False,
) -> str | None:
    if cue.kind == "denial":
        return "denied" if fact.source_value <= cfg.denied_factuality else None
    if cue.kind in _NEGATION and not _unsupported(cue):
        return "negative" if fact.source_value <= cfg.negative_factuality else None
    return cue_status(doc, cue, lex, reported)


def _speech_act(doc: Doc, cue_tokens: list[int]) -> Token | None:
    """The verb (or noun) of a claim's cue whose own factuality says what its source did."""
    toks = [doc[i] for i in cue_tokens]
    return next((t for t in toks if t.pos_ in ("VERB", "AUX")), toks[0] if toks else None)


def _perfect(doc: Doc, cue: Evidence | Cue) -> bool:
    """A modal followed by a perfect infinitive: "may have met", "could have known"."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc):
        return False
    after = doc[span.end]
    return after.lower_ == "have" and doc[span.end + 1].tag_ == "VBN"


def _evidence(cue: Evidence | Cue, status: str) -> Evidence:
    return Evidence(start=cue.start, end=cue.end, text=cue.text, kind=cue.kind, effect=status)
