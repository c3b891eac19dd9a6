"""The walk: one pass down each sentence's dependency tree, composing every token's own cues
with the context its governor passes down (the embedding classes of embedding.py).

Each token gets two values: the article's view (`value`) and the nearest source's view
(`source_value`: for "X said Y", Y as X commits to it). A token's frame is what its context
does to any commitment placed under it; a complement of a class predicate gets a new frame
from that class, any other dependent (a conjunct, a relative clause, a nominal argument)
shares its governor's frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from newsint.stages.factuality.cues import Cue, Local, cap, local_value
from newsint.stages.factuality.embedding import Effect, embed, governor
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.stages.factuality.lexicon import Lexicon
    from newsint.stages.tokens import Tok

# (article's local value, source's local value) -> (article's value, source's value)
Transform = Callable[[float, float], tuple[float, float]]

USER_DATA_KEY = "newsint.factuality"

# Parts of speech that are never a predicate nor carry a cue on their own (their words act
# through the predicate they attach to): walked cheaply.
_INERT = frozenset({"PUNCT", "DET", "ADP", "CCONJ", "SCONJ", "PART", "SPACE", "SYM", "NUM", "X"})

# Dependents an uncertain predicate does not make uncertain: its own auxiliaries and negation,
# and a speech verb the parser hangs on what was said ("..., he added").
_UNSCOPED = frozenset({"aux", "auxpass", "neg", "parataxis"})
# Only predicates (clauses) inherit the scope of an uncertain one: a noun it mentions ("if it
# cooperates with the embargo") names something that exists either way.
_SCOPED_POS = frozenset({"VERB", "AUX", "ADJ"})
# ...except what the predicate itself would bring about: "would have caused destruction".
_SCOPED_NOUNS = frozenset({"dobj", "nsubjpass"})
# The dependencies of a clause that can describe a noun or an event (`_presupposed`).
_DESCRIBING = frozenset({"relcl", "advcl", "acl"})


@dataclass(frozen=True)
class Frame:
    """What a context does to a commitment placed in it, and the cues that made it so;
    `sources` is the same context with only its sources (reports, denials) kept, for a noun
    named along the way."""

    apply: Transform
    cues: tuple[Cue, ...] = ()
    sources: Frame | None = None  # None: this frame is its own (it holds nothing else)

    @property
    def reported(self) -> Frame:
        return self.sources or self


def _identity(a: float, s: float) -> tuple[float, float]:
    return a, s


ROOT_FRAME = Frame(_identity)


class TokenFactuality(NamedTuple):
    """One token's factuality: both views and every cue that set them (own and inherited).
    A named tuple: one is made for every token of every article."""

    i: int
    value: float
    source_value: float
    cues: tuple[Cue, ...] = ()


def _clip(v: float, top: float) -> float:
    """Rounded to 3 places, within [-top, top] (called twice per token)."""
    r = round(v, 3)
    return top if r > top else -top if r < -top else r


def walk(doc: Doc, lex: Lexicon, disabled: frozenset[str] = frozenset()) -> list[TokenFactuality]:
    """Factuality of every token of `doc` (index = token.i), one top-down pass per sentence
    over the Doc's token table (stages/tokens.py)."""
    table = tokens_of(doc)
    results: list[TokenFactuality | None] = [None] * len(doc)
    frames: list[Frame | None] = [None] * len(doc)
    own: list[Local | None] = [None] * len(doc)
    top = lex.factual
    inert = Local(top, top)  # shared by every inert token: only the token walked is changed
    settled = _Settled(top)
    for _, _, root in table.sents:
        order = _top_down(table.tokens[root])
        for tok in order:
            if tok.pos_ in _INERT and tok.dep_ != "ROOT":
                # no predicate and no cue of its own: it passes its head's frame on
                frame = frames[tok.head.i] or ROOT_FRAME
                own[tok.i] = inert
                frames[tok.i] = frame
                a, s, _ = settled.of(frame, top)
                results[tok.i] = TokenFactuality(tok.i, a, s, frame.cues)
                continue
            local = local_value(tok, lex, disabled)
            head_own = own[tok.head.i]
            if (
                tok.head is not tok
                and head_own is not None
                and _shares_head(tok)
                and _own_cues_only(tok.head, head_own)
            ):
                # "did not eat or drink", "is not serious": a conjunct, or the predicate of a
                # copula, takes its head's auxiliaries and negation as its own
                lead = head_own.value / top
                if lead < 0 or abs(lead) < 1:
                    local.value *= lead
                local.certainty = min(local.certainty, head_own.certainty)
                local.cues = [*head_own.cues, *local.cues]
            if "negation" not in disabled and tok.pos_ == "NOUN":
                _negated_by_governor(tok, local, own, lex)
            own[tok.i] = local
            frame = _frame_for(tok, frames, own, results, lex, disabled)
            frames[tok.i] = frame
            a, s, cues = settled.of(frame, local.value)
            if local.cues:
                cues = _unique((*local.cues, *frame.cues))
            results[tok.i] = TokenFactuality(tok.i, a, s, cues)
    out: list[TokenFactuality] = []
    for i, r in enumerate(results):
        out.append(r if r is not None else TokenFactuality(i, top, top))
    return out


class _Settled:
    """A frame's values for a local value, and its cues each once, worked out once per walk:
    most tokens of a sentence share a few frames and the value +3 (frames are kept alive in
    the walk's table, so `id` names one for the walk's length). A zero is not kept: -0.0 and
    0.0 are one dict key, and the sign shows in the output."""

    def __init__(self, top: float) -> None:
        self.top = top
        self._of: dict[tuple[int, float], tuple[float, float, tuple[Cue, ...]]] = {}

    def of(self, frame: Frame, value: float) -> tuple[float, float, tuple[Cue, ...]]:
        """`frame.apply(value, value)`, each view rounded and clipped, and
        `_unique(frame.cues)`."""
        key = (id(frame), value)
        got = self._of.get(key)
        if got is None:
            a, s = frame.apply(value, value)
            got = (_clip(a, self.top), _clip(s, self.top), _unique(frame.cues))
            if value:
                self._of[key] = got
        return got


def _negated_by_governor(tok: Tok, local: Local, own: list[Local | None], lex: Lexicon) -> None:
    """A noun event inside a negation's reach takes it: "did not result in any changes",
    "could not be reached for comment", "has reached no agreement on any deals"."""
    gov, relation = governor(tok)
    gov_local = own[gov.i]
    if gov is tok or gov_local is None or gov_local.value >= 0 or local.value < 0:
        return
    reached = relation in {"dobj", "nsubjpass"} or relation[5:] in lex.negated_prepositions
    npi = any(c.lower_ in lex.negative_polarity for c in tok.children if c.dep_ in {"det", "amod"})
    lemma = tok.lemma_.lower()
    embedding = lemma in lex.hypothetical_nouns or lemma in lex.evidence_nouns
    having = embedding and gov.lemma_.lower() in lex.negated_having
    if not (npi or (reached and relation.startswith("prep:")) or (having and reached)):
        return  # ("did not have the right to work", "gave no sign of")
    cue = next((c for c in gov_local.cues if c.kind in {"negation", "negative_quantifier"}), None)
    if cue is None:
        return
    local.negate(lex)
    local.cues.append(Cue(cue.start, cue.end, cue.text, cue.kind, f"reaches {tok.text}"))


def _unique(cues: tuple[Cue, ...]) -> tuple[Cue, ...]:
    """Each cue once (a modal reaches a clause through several paths), nearest first."""
    seen: set[tuple[int, str]] = set()
    out: list[Cue] = []
    for c in cues:
        if (c.start, c.kind) not in seen:
            seen.add((c.start, c.kind))
            out.append(c)
    return tuple(out)


def _top_down(root: Tok) -> list[Tok]:
    """Tokens of the tree under `root`, every governor before its dependents."""
    order = [root]
    k = 0
    while k < len(order):
        order.extend(order[k].children)
        k += 1
    return order


def _frame_for(
    tok: Tok,
    frames: list[Frame | None],
    own: list[Local | None],
    results: list[TokenFactuality | None],
    lex: Lexicon,
    disabled: frozenset[str],
) -> Frame:
    """The frame a token's context puts it in: a class complement gets its governor's class
    frame; anything else shares the frame of the token it depends on."""
    if tok.dep_ == "ROOT" or tok.head is tok:
        return ROOT_FRAME
    if "presupposed" not in disabled and _presupposed(tok, lex):
        return ROOT_FRAME
    gov, relation = governor(tok)
    gov_frame = frames[gov.i]
    gov_own = own[gov.i]
    if gov_frame is None or gov_own is None:  # governor outside this sentence's tree
        return ROOT_FRAME
    effect = (
        None
        if "embedding" in disabled
        else embed(tok, gov, relation, gov_own, lex, lambda t: own[t.i], disabled)
    )
    gov_result = results[gov.i]
    if (
        effect is not None
        and effect.new_source
        and gov_own.value > 0
        and gov_result is not None
        and gov_result.value <= 0
    ):
        # "refused to say if he would agree", "failed to report that ...": the saying did not
        # happen, so nothing is said either way
        return Frame(_open, (effect.cue, *gov_frame.cues), gov_frame.reported)
    if effect is not None:
        framed = Frame(_compose(effect, gov_frame), (effect.cue, *gov_frame.cues))
        if effect.new_source:
            outer_sources = gov_frame.reported
            return Frame(
                framed.apply,
                framed.cues,
                Frame(_compose(effect, outer_sources), (effect.cue, *outer_sources.cues)),
            )
        return Frame(framed.apply, framed.cues, gov_frame.reported)
    nominal = tok.pos_ == "NOUN" and tok.dep_ not in _SCOPED_NOUNS
    if any(c.lower_ in lex.negative_polarity for c in tok.children if c.dep_ == "det"):
        nominal = False  # "moved forward with any arms sales": inside whatever its clause is in
    if "nominal" not in disabled and (nominal or tok.dep_ == "amod"):
        # a noun event named along the way ("to capitalise on the murder", "a proposal for an
        # end to the confrontation") exists whatever the clause around it plans or asks
        return gov_frame.reported
    outer = frames[tok.head.i] or ROOT_FRAME
    scope = gov_own.certainty
    if scope >= lex.factual or "scope" in disabled:
        return outer
    # "may include selling branches", "would not leave until they had assurances": what
    # depends on an uncertain predicate is no surer than it (the sign is its own)
    if tok.dep_ in _UNSCOPED or (tok.pos_ not in _SCOPED_POS and tok.dep_ not in _SCOPED_NOUNS):
        return outer

    def scoped(a: float, s: float, f: Frame = outer, k: float = scope) -> tuple[float, float]:
        return f.apply(cap(a, k), cap(s, k))

    return Frame(scoped, outer.cues + _scope_cues(gov_own.cues), outer.reported)


def _scope_cues(cues: list[Cue]) -> tuple[Cue, ...]:
    """The cues of a governor that limit what depends on it: all but its negations."""
    return tuple(c for c in cues if c.kind not in {"negation", "negative_quantifier"})


def _presupposed(tok: Tok, lex: Lexicon) -> bool:
    """A relative clause or a past participle describing a noun ("the crisis, which has caused
    a decline", "the profit reaped last year") is taken as given, whatever the noun sits in;
    not what a noun of report or possibility says ("claims that she leaked the memo")."""
    if tok.dep_ not in _DESCRIBING:
        return False  # (most tokens: asked first, as every rule below needs one of these)
    lemma = tok.head.lemma_.lower()
    if lemma in lex.evidence_nouns or lemma in lex.hypothetical_nouns:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False  # "the best person to raise the child": not done yet
    if tok.dep_ == "relcl":
        return True
    if tok.dep_ == "advcl":
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if marks & lex.presupposed_marks:
            return True  # "because the talks failed", "after the army withdrew"
        # "when the army invaded", "before he died": in the past, it happened
        return bool(marks & lex.past_marks) and tok.tag_ == "VBD"
    if tok.dep_ != "acl" or any(c.dep_ == "aux" for c in tok.children):
        return False
    if tok.tag_ in {"VBN", "VBD"}:
        return True
    # "the soldiers occupying Kuwait" (not "the prospect of the allies sending tanks")
    noun = tok.head
    return tok.tag_ == "VBG" and not (
        noun.dep_ == "pobj"
        and noun.head.head.lemma_.lower() in lex.hypothetical_nouns | lex.evidence_nouns
    )


def _open(a: float, s: float) -> tuple[float, float]:
    return cap(a, 0.0), cap(s, 0.0)


def _compose(effect: Effect, outer: Frame) -> Transform:
    """The effect of a class governor, then the governor's own frame; a governor that brings
    in a source (a report, a denial) makes the source view the one its effect gives."""

    def composed(a: float, s: float) -> tuple[float, float]:
        a2, s2 = effect.apply(a, s)
        fa, fs = outer.apply(a2, s2)
        return fa, (s2 if effect.new_source else fs)

    return composed


def _own_cues_only(head: Tok, local: Local) -> bool:
    """Whether all of a head's cues sit on its own dependents: a negation it takes from the
    preposition above it ("a stand against restricting it and paid with his life") is not
    shared with its conjuncts."""
    mine = {c.idx for c in head.children} | {head.idx}
    return all(c.start in mine for c in local.cues)


def _shares_head(tok: Tok) -> bool:
    """A conjunct with no subject or auxiliary of its own shares those of its head, and so
    does the predicate of a copula ("is not serious", "was never a threat")."""
    if tok.dep_ in {"acomp", "attr"} and tok.head.lemma_ == "be":
        return True
    if tok.dep_ != "conj":
        return False
    if any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in tok.head.children):
        return False  # "would not divulge the evidence but said ...": a contrast
    return not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"} for c in tok.children)


def store(doc: Doc, results: list[TokenFactuality]) -> None:
    """Keep the walk's results on the Doc, so later stages read a token's value for free."""
    doc.user_data[USER_DATA_KEY] = results
