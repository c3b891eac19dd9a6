"""Events stage: who did what to whom, when and where, typed with PLOVER.

Triggers (verbs and event nouns) come from a data lexicon (data/plover.toml); arguments come
from the dependency parse of the same spaCy Doc the other stages read, and resolve to the
entities, time expressions and claims those stages found (any of them may be absent: the
stage then keeps the text and leaves the link empty). An event reported inside a claim takes
that claim's status and chain of sources, so an alleged meeting never becomes a bare fact.
The article's main event is chosen by position and completeness, as Giveme5W1H answers
who/what/when/where/why/how.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsint.config import Events as EventsConfig
from newsint.model import (
    Analysis,
    Argument,
    Claim,
    ClaimStatus,
    Event,
    MainEvent,
    Span,
    TextSpan,
    TimeExpr,
    stable_id,
)
from newsint.stages.time.timeline import event_time
from newsint.text.segments import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.stages.base import Resources, Work

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PARTICIPANT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# spaCy labels used when the entities stage has not run.
_SPACY_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
}
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
_PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
_RESOLVED_PRONOUNS = _PERSON_PRONOUNS | {"its", "their"}
# Readings of a demonym (entities stage `Mention.link`) in which it stands for its state.
_STATE_LINKS = frozenset({"government", "military"})
_NP_LEFT = frozenset(
    {"compound", "amod", "det", "poss", "nummod", "nmod", "quantmod", "case", "predet", "flat"}
)
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
# Edges that open a clause of its own: a time above them belongs to another event.
_CLAUSE_EDGES = frozenset({"ccomp", "relcl", "parataxis", "advcl", "csubj"})
# The same, looking down into a trigger's phrase: a relative clause still describes the trigger
# ("the meeting, which took place in May"); reported speech does not.
_SUBTREE_BLOCK = frozenset({"ccomp", "parataxis", "advcl", "csubj"})


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


# --------------------------------------------------------------------------- per-document index


@dataclass(frozen=True)
class Ment:
    """A name mention as the events stage needs it (from the entities stage, or spaCy's NER)."""

    start: int
    end: int
    type: str
    entity: str | None
    name: str | None
    link: str | None = None  # a demonym's reading: government, military, people, origin


@dataclass(frozen=True)
class Trigger:
    token: Token
    rule: TriggerRule
    support: Token | None = None  # the verb carrying an event noun ("announced sanctions")


@dataclass
class DocIndex:
    """Lookups from tokens to the mentions, times and claims other stages found."""

    doc: Doc
    analysis: Analysis
    lexicon: Lexicon
    ments: dict[int, Ment] = field(default_factory=dict)  # token index -> mention
    time_of_token: dict[int, int] = field(default_factory=dict)  # token index -> time index
    time_heads: list[Token] = field(default_factory=list)  # head token of each time
    times: list[Any] = field(default_factory=list)  # TimeExpr or spaCy Span (fallback)
    claims: list[Claim] = field(default_factory=list)

    @classmethod
    def build(cls, analysis: Analysis, doc: Doc, lexicon: Lexicon) -> DocIndex:
        idx = cls(doc, analysis, lexicon)
        names = {e.id: e.name for e in analysis.entities}
        if analysis.mentions:
            ments = [
                Ment(m.start, m.end, m.type, m.entity, names.get(m.entity or ""), m.link)
                for m in analysis.mentions
            ]
        else:
            ments = [
                Ment(e.start_char, e.end_char, _SPACY_TYPES[e.label_], None, e.text)
                for e in doc.ents
                if e.label_ in _SPACY_TYPES
            ]
        for m in ments:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    idx.ments.setdefault(tok.i, m)
        times: list[Any] = [t for t in analysis.times if t.type in ("DATE", "TIME")]
        if not analysis.times:
            times = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        for t in times:
            start, end = (t.start, t.end) if isinstance(t, TimeExpr) else (t.start_char, t.end_char)
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            n = len(idx.times)
            idx.times.append(t)
            idx.time_heads.append(span.root)
            for tok in span:
                idx.time_of_token.setdefault(tok.i, n)
        idx.claims = sorted(
            analysis.claims, key=lambda c: (len(c.content), c.kind == "unattributed")
        )
        return idx


# --------------------------------------------------------------------------- trigger detection


def _dependent_lemmas(tok: Token) -> set[str]:
    """Lemmas of a word's dependents and of the objects of its prepositions: the context."""
    out: set[str] = set()
    for c in tok.children:
        out.add(c.lemma_.lower())
        if c.dep_ in ("prep", "agent", "dative"):
            out.update(g.lemma_.lower() for g in c.children if g.dep_ in ("pobj", "pcomp"))
    return out


def _rule_for(tok: Token, lexicon: Lexicon, statements: bool) -> TriggerRule | None:
    if tok.pos_ == "VERB":
        pos = "verb"
    elif tok.pos_ == "NOUN":
        pos = "noun"
    else:
        return None
    candidates = lexicon.rules.get((pos, tok.lemma_.lower()))
    if not candidates:
        return None
    context = _dependent_lemmas(tok)
    # Exclusions look at the word's own modifiers and object only: "meet an obligation",
    # "a great deal" (not "met ... with the goal of").
    own = {c.lemma_.lower() for c in tok.children if c.dep_ not in _SUBJ and c.dep_ != "prep"}
    for rule in candidates:
        if rule.ontology != "PLOVER" and not statements:
            continue
        if rule.context and not rule.context & context:
            continue
        if rule.exclude & own:
            continue
        if rule.no_object and any(c.dep_ == "dobj" for c in tok.children):
            continue
        return rule
    return None


def find_triggers(doc: Doc, lexicon: Lexicon, statements: bool = True) -> list[Trigger]:
    """Trigger words in text order; a verb carrying an event noun gives way to the noun."""
    found: dict[int, TriggerRule] = {}
    for tok in doc:
        rule = _rule_for(tok, lexicon, statements)
        if rule is not None:
            found[tok.i] = rule
    triggers: list[Trigger] = []
    absorbed: set[int] = set()
    for i, rule in found.items():
        tok = doc[i]
        support = None
        if rule.pos == "noun":
            head = tok.head
            if (
                tok.dep_ in ("dobj", "nsubjpass")
                and head.pos_ in ("VERB", "AUX")
                and head.lemma_.lower() in lexicon.support_verbs
            ):
                support = head
                absorbed.add(head.i)
        triggers.append(Trigger(tok, rule, support))
    return [t for t in triggers if t.token.i not in absorbed and not _continues_statement(t, found)]


def _continues_statement(trig: Trigger, found: dict[int, TriggerRule]) -> bool:
    """A speech verb hanging off another one is the same act: "said, adding that",
    "Speaking in public, Burns emphasized", "emphasized ... by stating"."""
    if trig.rule.ontology == "PLOVER":
        return False
    tok = trig.token
    head = tok.head
    if tok.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    elif tok.dep_ not in ("advcl", "conj", "xcomp"):
        return False
    rule = found.get(head.i)
    return rule is not None and rule.type == trig.rule.type


# --------------------------------------------------------------------------- syntax helpers


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def _pobj(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def governors(tok: Token, steps: int) -> Iterator[Token]:
    """Words that govern an event without opening a clause of their own: the controller of an
    infinitive ("attempted to purchase"), the noun it complements ("plans to sell", "the goal of
    purchasing"). Their modality, negation and time are the event's."""
    cur = tok
    for _ in range(steps):
        head = cur.head
        if head is cur:
            return
        controller = cur.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX", "ADJ")
        complement = cur.dep_ == "acl" and cur.tag_ in ("VB", "TO") and head.pos_ == "NOUN"
        if controller or complement:
            nxt = head
        elif cur.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.head.pos_ == "NOUN":
            nxt = head.head
        else:
            return
        yield nxt
        cur = nxt


def _subject(v: Token, lexicon: Lexicon, depth: int = 0) -> Token | None:
    """The acting subject of a verb, inherited through control, coordination and participles."""
    if depth > 6:
        return None
    passive = _is_passive(v)
    if passive:
        agent = next((c for c in v.children if c.dep_ == "agent"), None)
        return _pobj(agent) if agent is not None else None
    subjects = [c for c in v.children if c.dep_ == "nsubj"]
    if subjects:
        # Two subjects are a parse of a dateline ("BISHKEK (Agency) — Kazakhstan accused"):
        # the one nearest before the verb is the real one.
        before = [c for c in subjects if c.i < v.i]
        subj = before[-1] if before else subjects[0]
        if subj.lower_ in _RELATIVE and v.dep_ == "relcl":
            return v.head
        return _past_dateline(subj)
    head = v.head
    if head is v:
        return None
    if v.dep_ == "xcomp" and _is_passive(head):
        # Raising: "Carvalhal is expected to visit" - the passive's subject acts.
        return next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if v.dep_ == "xcomp":
        if head.lemma_.lower() in lexicon.object_control:
            obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None:
                return obj
        return _subject(head, lexicon, depth + 1) if head.pos_ in ("VERB", "AUX", "ADJ") else None
    if v.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return _subject(head, lexicon, depth + 1)
    participle = v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN")
    if (participle or _is_purpose(v)) and not any(c.dep_ == "mark" for c in v.children):
        return _subject(head, lexicon, depth + 1)
    if v.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if v.tag_ == "VBG":  # "forces fighting alongside"
            return head
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None:  # "Wagner's desire to buy"
            return poss
    if v.dep_ == "pcomp":
        # "with the goal of purchasing", "by selling": up to the verb the phrase modifies.
        g = head
        for _ in range(5):
            if g.pos_ in ("VERB", "AUX"):
                return _subject(g, lexicon, depth + 1)
            if g.head is g:
                break
            g = g.head
    return None


_DASHES = frozenset({"—", "–", "-", "--"})


def _past_dateline(subj: Token) -> Token:
    """A dateline parsed as the subject ("OSLO (Agency) — Norway accused"): the name after
    the dash is the subject. A dateline is an all-caps word opening its sentence."""
    if not (subj.is_upper and len(subj.text) > 1 and subj.i == subj.sent.start):
        return subj
    dash = next((c for c in subj.children if c.text in _DASHES), None)
    if dash is None:
        return subj
    after = [c for c in subj.children if c.i > dash.i and c.dep_ in ("appos", "conj", "dep")]
    return after[0] if after else subj


def _is_purpose(v: Token) -> bool:
    """An infinitive of purpose: "met the rebels to negotiate a truce"."""
    return v.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)


def _phrase_bounds(head: Token, idx: DocIndex) -> tuple[int, int]:
    """Token range of a noun phrase: head, its left modifiers, and a name in apposition."""
    left = head.i
    right = head.i
    for c in head.lefts:
        if c.dep_ in _NP_LEFT:
            left = min(left, c.left_edge.i)
    for c in head.rights:
        if c.dep_ in ("flat", "compound"):
            right = max(right, c.right_edge.i)
    if head.i not in idx.ments:
        for c in head.rights:
            if c.dep_ == "appos" and c.i in idx.ments:
                right = max(right, c.i)
                break
    doc = idx.doc
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return left, right


def _entity_for(head: Token, left: int, idx: DocIndex) -> Ment | None:
    """The mention an argument names: on its head, in apposition, or a name compound
    ("Wagner Group representatives" -> Wagner Group), only before heads in `name_heads`:
    "a NATO member" is not NATO. A demonym is the referent only where the entities stage
    says it stands for the state ("the Turkish government"): "Turkish firms" are not Turkey."""
    m = idx.ments.get(head.i)
    if m is not None:
        return m
    for c in head.rights:
        if c.dep_ == "appos" and c.i in idx.ments:
            return idx.ments[c.i]
    lemma = head.lemma_.lower()
    if lemma not in idx.lexicon.name_heads:
        return None
    best = None
    for c in head.lefts:
        m = idx.ments.get(c.i)
        if m is None or c.i < left:
            continue
        if c.dep_ in ("compound", "nmod") and m.type != "NORP":
            best = m
        elif m.type == "NORP" and m.entity and m.link in _STATE_LINKS:
            best = best or m  # "the Turkish government" stands for Turkey
    return best


def _conjuncts(tok: Token) -> list[Token]:
    """A word and the words coordinated with it ("Putin and Volodymyr Zelensky")."""
    return [tok, *(c for c in tok.conjuncts if c.i > tok.i and c.pos_ in ("PROPN", "NOUN"))]


def _is_place(tok: Token, idx: DocIndex) -> bool:
    m = idx.ments.get(tok.i)
    return m is not None and m.type in PLACE_TYPES


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


# --------------------------------------------------------------------------- the extractor


@dataclass
class Extractor:
    """Turns one Doc into events. Holds the document's lookups while it works."""

    idx: DocIndex
    cfg: EventsConfig
    triggers: list[Trigger] = field(default_factory=list)
    anchors: dict[int, int] = field(default_factory=dict)  # token -> trigger number
    time_governor: list[Token] = field(default_factory=list)  # per time expression

    def run(self) -> list[Event]:
        lex = self.idx.lexicon
        self.triggers = find_triggers(self.idx.doc, lex, self.cfg.statements)
        for n, trig in enumerate(self.triggers):
            self.anchors[trig.token.i] = n
            if trig.support is not None:
                self.anchors[trig.support.i] = n
        self.time_governor = [self._governor_of(h) for h in self.idx.time_heads]
        events: list[Event] = []
        for n, trig in enumerate(self.triggers):
            events.extend(self._events(n, trig))
        events.sort(
            key=lambda e: (
                e.trigger.start,
                e.actor.start if e.actor else -1,
                e.target.start if e.target else -1,
            )
        )
        return _unique(events)

    # ---- arguments

    def _argument(self, head: Token) -> Argument:
        idx = self.idx
        left, right = _phrase_bounds(head, idx)
        doc = idx.doc
        start, end = doc[left].idx, doc[right].idx + len(doc[right])
        m = _entity_for(head, left, idx)
        if m is None and head.lower_ in _RESOLVED_PRONOUNS:
            m = self._antecedent(head)
        return Argument(
            text=idx.analysis.text[start:end],
            start=start,
            end=end,
            entity=m.entity if m else None,
            value=m.name if m else None,
        )

    def _antecedent(self, pronoun: Token) -> Ment | None:
        """A pronoun's antecedent. A possessive first looks at the subject of its own clause
        ("Turkey has made no progress with its plans", "In his call, Erdogan urged"); a person
        pronoun then at the last named person that was a subject, earlier in this sentence or
        in the one before (the common news pattern; no further)."""
        if pronoun.dep_ == "poss":
            m = self._clause_subject(pronoun)
            if m is not None:
                return m
        if pronoun.lower_ not in _PERSON_PRONOUNS:
            return None
        sent = pronoun.sent
        start = sent.start
        if start > 0:
            start = self.idx.doc[start - 1].sent.start
        for i in range(pronoun.i - 1, start - 1, -1):
            tok = self.idx.doc[i]
            m = self.idx.ments.get(i)
            if m is not None and m.type == "PERSON" and tok.dep_ in ("nsubj", "nsubjpass"):
                return m
        return None

    def _clause_subject(self, pronoun: Token) -> Ment | None:
        """The named subject of the clause a possessive pronoun sits in, if it agrees."""
        cur = pronoun
        for _ in range(8):
            if cur.head is cur:
                return None
            cur = cur.head
            if cur.pos_ not in ("VERB", "AUX"):
                continue
            subj = _subject(cur, self.idx.lexicon)
            if subj is None or subj.pos_ == "PRON" or pronoun in subj.subtree:
                return None
            m = _entity_for(subj, subj.left_edge.i, self.idx)
            if m is None:
                return None
            person = m.type == "PERSON"
            low = pronoun.lower_
            agrees = (low in ("his", "her") and person) or (low == "its" and not person)
            return m if agrees or low == "their" else None
        return None

    def _verbish(self, trig: Trigger) -> list[Token]:
        """Words whose dependents are the trigger's arguments: trigger, then its support verb."""
        return [trig.token] + ([trig.support] if trig.support is not None else [])

    def _actors(self, trig: Trigger) -> list[Token]:
        lex = self.idx.lexicon
        tok = trig.token
        if trig.rule.pos == "verb":
            subj = _subject(tok, lex)
            return [] if subj is None else [subj]
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ != "PRON":  # "Erdogan's phone calls"
            return [poss]
        if trig.support is not None:  # "Turkey has stated its opposition"
            subj = _subject(trig.support, lex)
            if subj is not None:
                return [subj]
        if poss is not None:
            return [poss]
        if tok.dep_ not in ("dobj", "nsubjpass"):  # else "by" belongs to the verb
            for c in tok.children:  # "the invasion by Russia"
                if c.dep_ == "prep" and c.lower_ in lex.actor_preps:
                    obj = _pobj(c)
                    if obj is not None:
                        return [obj]
        for c in tok.lefts:  # "US sanctions", "a Kremlin statement"
            m = self.idx.ments.get(c.i)
            named = c.dep_ in ("compound", "amod") and m is not None
            if named and m.type in PARTICIPANT_TYPES and not self._is_mode_cue(trig, c):
                return [c]
        return []

    def _is_mode_cue(self, trig: Trigger, tok: Token) -> bool:
        modes = self.idx.lexicon.types[trig.rule.type].modes
        return any(tok.lemma_.lower() in cues for cues in modes.values())

    def _targets(self, trig: Trigger) -> list[Token]:
        rule = trig.rule
        idx = self.idx
        lex = idx.lexicon
        out: list[Token] = []
        dobj_target = rule.dobj_target or any(
            c.dep_ == "prep" and c.lower_ in rule.dobj_target_if for c in trig.token.children
        )
        for w in self._verbish(trig):
            is_trigger = w is trig.token
            for c in w.children:
                dep = "prep" if c.dep_ == "dative" and c.pos_ == "ADP" else c.dep_
                if dep == "dative":  # "gave the rebels weapons": the recipient
                    if is_trigger and rule.pos == "verb":
                        out.append(c)
                elif dep == "dobj":
                    if is_trigger and rule.pos == "verb" and dobj_target:
                        out.append(c)
                elif c.dep_ == "nsubjpass":
                    if is_trigger and rule.pos == "verb":
                        out.append(c)
                elif dep == "prep" and c.lower_ in rule.target_preps:
                    obj = _pobj(c)
                    if obj is None or obj.lemma_.lower() in lex.modality_nouns:
                        continue  # "with the goal of ..." is a purpose, not a partner
                    if c.lower_ in lex.place_preps and _is_place(obj, idx):
                        continue
                    out.append(obj)
                if dep == "dobj" and is_trigger and rule.pos == "verb" and not dobj_target:
                    # The object is the thing traded; a partner attached to it is the verb's:
                    # "buy rifles from a smuggler".
                    for p in c.children:
                        obj = _pobj(p) if p.dep_ == "prep" else None
                        if obj is not None and p.lower_ in rule.target_preps:
                            out.append(obj)
        tok = trig.token
        if rule.pos == "verb" and tok.dep_ == "acl" and tok.tag_ == "VBN" and not out:
            out.append(tok.head)  # a reduced passive: "three people killed in the blast"
        return [t for t in out if t.i not in idx.time_of_token]

    def _place(self, trig: Trigger) -> Token | None:
        idx = self.idx
        for w in self._verbish(trig):
            for c in w.children:
                if c.dep_ == "prep" and c.lower_ in idx.lexicon.place_preps:
                    obj = _pobj(c)
                    if obj is not None and _is_place(obj, idx):
                        return obj
        return None

    # ---- time

    def _governor_of(self, head: Token) -> Token:
        """The verb or event word a time expression modifies (up from its head)."""
        g = head
        for _ in range(12):
            if g.head is g:
                break
            g = g.head
            if g.pos_ in ("VERB", "AUX") or g.i in self.anchors:
                break
        return g

    def _time_anchors(self, trig: Trigger) -> list[Token]:
        """The trigger, its support verb, its governors ("attempted to buy on Monday") and the
        verb it is coordinated with ("attacked and killed on Monday")."""
        anchors = self._verbish(trig)
        mine = self.anchors.get(trig.token.i)
        for up in governors(anchors[-1], self.cfg.max_climb):
            if self.anchors.get(up.i, mine) != mine:
                break
            anchors.append(up)
        last = anchors[-1]
        if last.dep_ == "conj" and last.head.pos_ in ("VERB", "AUX") and not _own_subject(last):
            anchors.append(last.head)
        return anchors

    def _time_for(self, trig: Trigger) -> int | None:
        """The time expression of the trigger's clause: attached to it, else given by a
        when-clause, else inside its own phrase, else on a clause above it (no clause between)."""
        idx = self.idx
        if not idx.times:
            return None
        sent = trig.token.sent
        in_sent = [n for n, h in enumerate(idx.time_heads) if sent.start <= h.i < sent.end]
        if not in_sent:
            return None
        anchors = self._time_anchors(trig)
        anchor_ids = {a.i for a in anchors}
        other = self._other(trig)
        gov = self.time_governor

        def nearest(cands: list[int]) -> int | None:
            if not cands:
                return None
            return min(cands, key=lambda n: (abs(idx.time_heads[n].i - trig.token.i), n))

        found = nearest([n for n in in_sent if gov[n].i in anchor_ids])
        if found is not None:
            return found
        for a in anchors:  # "When X met Y last week, the government used ..."
            for c in a.children:
                if c.dep_ != "advcl":
                    continue
                markers = {g.lower_ for g in c.children if g.dep_ in ("mark", "advmod")}
                if markers & idx.lexicon.when_markers:
                    sub = {t.i for t in c.subtree}
                    found = nearest([n for n in in_sent if gov[n].i in sub])
                    if found is not None:
                        return found
        inside = [
            n
            for n in in_sent
            if gov[n].i not in other and _within(gov[n], trig.token, _SUBTREE_BLOCK)
        ]
        if inside:
            return nearest(inside)
        above = [
            n
            for n in in_sent
            if gov[n].i not in other and _within(anchors[-1], gov[n], _CLAUSE_EDGES)
        ]
        return nearest(above)

    def _other(self, trig: Trigger) -> set[int]:
        mine = self.anchors.get(trig.token.i)
        return {i for i, n in self.anchors.items() if n != mine}

    def _implied_publication(self, trig: Trigger) -> Token | None:
        """The auxiliary of a present perfect ("has imposed sanctions") with nothing dating it,
        in the headline or lead only: there news style reports the day's news so; further down
        a present perfect is background ("has long struggled", "has stated its opposition")."""
        lex = self.idx.lexicon
        analysis = self.idx.analysis
        if not analysis.article.published.date or trig.rule.ontology != "PLOVER":
            return None
        headline, lead = lead_bounds(analysis)
        pos = trig.token.idx
        if not any(b and b[0] <= pos < b[1] for b in (headline, lead)):
            return None
        v = trig.support if trig.support is not None else trig.token
        if v.tag_ != "VBN":
            return None
        aux = next(
            (
                c
                for c in v.children
                if c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
            ),
            None,
        )
        if aux is None:
            return None
        if any(c.lemma_.lower() in lex.perfect_blockers for c in v.children):
            return None
        return aux

    # ---- status, negation, modality

    def _modality(self, trig: Trigger) -> tuple[str | None, bool, str | None]:
        """(modality word, negated by a governing word, hedge status) from the trigger, its
        support verb and its governors."""
        lex = self.idx.lexicon
        base = trig.support if trig.support is not None else trig.token
        modality: str | None = None
        negated = False
        hedge: str | None = None
        words = self._verbish(trig) + list(governors(base, self.cfg.max_climb))
        for k, w in enumerate(words):
            lemma = w.lemma_.lower()
            if k >= len(self._verbish(trig)):  # a governor
                if lemma in lex.negating_verbs and w.pos_ in ("VERB", "AUX"):
                    negated = True
                if lemma in lex.hedge_verbs and w.pos_ in ("VERB", "AUX"):
                    hedge = hedge or lex.hedge_verbs[lemma]
                table = lex.modality_nouns if w.pos_ == "NOUN" else lex.modality_verbs
                if lemma in table:
                    modality = modality or table[lemma]
                if self._negated_here(w):
                    negated = True
            for c in w.children:
                low = c.lower_
                if c.dep_ == "aux" and low in lex.modal_auxiliaries:
                    modality = modality or lex.modal_auxiliaries[low]
                elif c.dep_ == "mark" and low in lex.question_marks:
                    modality = modality or "open question"
                elif c.dep_ in ("advmod", "amod") and low in lex.hedge_adverbs:
                    hedge = hedge or lex.hedge_adverbs[low]
                elif c.dep_ == "amod" and low in lex.modality_modifiers:
                    modality = modality or lex.modality_modifiers[low]
        if trig.token.head.lower_ == "without" and trig.token.dep_ in ("pobj", "pcomp"):
            negated = True
        if _is_purpose(base):
            modality = modality or "intended"
        return modality, negated, hedge

    def _negated_here(self, w: Token) -> bool:
        words = self.idx.lexicon.negation_words
        return any(
            c.dep_ in ("neg", "advmod", "det", "preconj") and c.lower_ in words for c in w.children
        )

    def _claim_for(self, trig: Trigger) -> Claim | None:
        """The innermost claim whose content covers the trigger; at equal size an attributed
        claim wins over the article's own (unattributed) one."""
        start = trig.token.idx
        end = start + len(trig.token)
        for claim in self.idx.claims:  # sorted: shortest first, attributed first
            if claim.content.start <= start and end <= claim.content.end:
                return claim
        return None

    @staticmethod
    def _claim_predicate(claim: Claim, tok: Token) -> bool:
        """Whether a word is the main predicate of the claim's content (its negation is ours)."""
        c = claim.content
        inside = c.start <= tok.idx < c.end
        return inside and (tok.head is tok or not c.start <= tok.head.idx < c.end)

    # ---- assembling

    def _mode(self, trig: Trigger) -> str | None:
        if trig.rule.mode:
            return trig.rule.mode
        etype = self.idx.lexicon.types[trig.rule.type]
        if not etype.modes:
            return None
        words = {trig.token.lemma_.lower()}
        for w in self._verbish(trig):  # not the actor: "gunmen attacked" says nothing of how
            words |= _dependent_lemmas(w) - {
                c.lemma_.lower() for c in w.children if c.dep_ in _SUBJ
            }
        for c in trig.token.children:  # the object's own words: "sell military equipment"
            if c.dep_ in ("dobj", "nsubjpass"):
                words |= {g.lemma_.lower() for g in c.subtree}
        for mode, cues in etype.modes.items():
            if cues & words:
                return mode
        return None

    def _events(self, n: int, trig: Trigger) -> list[Event]:
        idx = self.idx
        text = idx.analysis.text
        tok = trig.token
        actors = [a for a in self._actors(trig) if a.i not in idx.time_of_token]
        targets = self._targets(trig)
        place = self._place(trig)
        t_n = self._time_for(trig)
        # A verb needs a participant; so does a noun, unless it has a time and a place
        # ("the attack in Kabul on Monday").
        bare = not actors and not targets
        located = t_n is not None and place is not None
        if bare and (trig.rule.pos == "verb" or (self.cfg.noun_needs_participant and not located)):
            return []
        modality, negated, hedge = self._modality(trig)
        negated = negated or any(self._negated_here(w) for w in self._verbish(trig))
        claim = self._claim_for(trig)
        status: ClaimStatus = claim.status if claim else "asserted"
        chain = list(claim.chain) if claim else []
        if claim is not None and claim.polarity == "negative":
            pred = trig.support if trig.support is not None else tok
            negated = negated or self._claim_predicate(claim, pred)
        if hedge is not None and status == "asserted":
            status = hedge  # type: ignore[assignment]
        time_arg = self._time_argument(t_n)
        if time_arg is None and not negated and modality is None:
            aux = self._implied_publication(trig)
            if aux is not None:
                time_arg = Argument(
                    text=aux.text,
                    start=aux.idx,
                    end=aux.idx + len(aux),
                    value=idx.analysis.article.published.date,
                )
        place_arg = self._argument(place) if place is not None else None
        start, end = self._trigger_bounds(trig)
        sent_span = _sentence_span(tok, text)
        actor_heads: list[Token | None] = [c for a in actors for c in _conjuncts(a)] or [None]
        target_heads: list[Token | None] = [c for t in targets for c in _conjuncts(t)] or [None]
        pairs = [(a, t) for a in actor_heads for t in target_heads if a is None or a != t]
        mode = self._mode(trig)
        out = []
        for actor, target in pairs[: self.cfg.max_split]:
            a_arg = self._argument(actor) if actor is not None else None
            t_arg = self._argument(target) if target is not None else None
            out.append(
                Event(
                    id=stable_id(
                        "evt",
                        idx.analysis.article.id,
                        start,
                        end,
                        trig.rule.type,
                        a_arg.start if a_arg else "",
                        t_arg.start if t_arg else "",
                    ),
                    type=trig.rule.type,
                    mode=mode,
                    ontology=trig.rule.ontology,
                    trigger=TextSpan(start=start, end=end, text=text[start:end]),
                    actor=a_arg,
                    target=t_arg,
                    time=time_arg,
                    place=place_arg,
                    negated=negated,
                    modality=modality,
                    claim=claim.id if claim else None,
                    status=status,
                    chain=chain,
                    sentence=sent_span,
                )
            )
        del n
        return out

    def _trigger_bounds(self, trig: Trigger) -> tuple[int, int]:
        """The trigger as written: the word, its particle or compound ("phone calls"), and a
        support verb shortly before it ("announced sanctions")."""
        tok = trig.token
        first, last = tok, tok
        for c in tok.children:
            if c.dep_ == "prt" and c.i == last.i + 1:
                last = c
        for c in reversed(list(tok.lefts)):
            if c.dep_ == "compound" and c.i == first.i - 1 and c.i not in self.idx.ments:
                first = c
        s = trig.support
        if s is not None and s.i < first.i and first.i - s.i <= self.cfg.max_support_gap:
            first = s
        return first.idx, last.idx + len(last)

    def _time_argument(self, n: int | None) -> Argument | None:
        if n is None:
            return None
        t = self.idx.times[n]
        if isinstance(t, TimeExpr):
            return Argument(text=t.text, start=t.start, end=t.end, time=t.id, value=t.value)
        return Argument(text=t.text, start=t.start_char, end=t.end_char)


def _sentence_span(tok: Token, text: str) -> Span:
    """The trigger's sentence, never across a paragraph break (a headline has no full stop)."""
    sent = tok.sent
    start, end = sent.start_char, sent.end_char
    brk = text.rfind("\n\n", start, tok.idx)
    if brk >= 0:
        start = brk + 2
    brk = text.find("\n\n", tok.idx, end)
    if brk >= 0:
        end = brk
    return Span(start=start, end=start + len(text[start:end].rstrip()))


def _own_subject(v: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)


def _within(node: Token, ancestor: Token, blocked: frozenset[str]) -> bool:
    """Whether `ancestor` dominates `node` with no clause opening on the path: a blocked edge,
    or a coordinated verb with a subject of its own ("went on Tuesday and [they] supported")."""
    cur = node
    for _ in range(16):
        if cur is ancestor:
            return True
        if cur.head is cur or cur.dep_ in blocked:
            return False
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and _own_subject(cur):
            return False
        cur = cur.head
    return False


def _unique(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for e in events:
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    return out


def extract_events(
    analysis: Analysis, doc: Doc, lexicon: Lexicon, cfg: EventsConfig
) -> list[Event]:
    """Events of one article, in text order."""
    return Extractor(DocIndex.build(analysis, doc, lexicon), cfg).run()


# --------------------------------------------------------------------------- main event (5W1H)


def lead_bounds(analysis: Analysis) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(headline, lead paragraph) spans in the clean text, when present."""
    paras = paragraphs(analysis.text)
    if not paras:
        return None, None
    title = analysis.article.title
    first = analysis.text[paras[0][0] : paras[0][1]].strip()
    if title and first == title.strip():
        return paras[0], paras[1] if len(paras) > 1 else None
    return None, paras[0]


def score_event(
    event: Event,
    analysis: Analysis,
    lexicon: Lexicon,
    cfg: EventsConfig,
    sentence_rank: dict[int, int],
) -> float:
    """How well an event answers "what is this article about" (higher is better)."""
    headline, lead = lead_bounds(analysis)
    pos = event.trigger.start
    if headline and headline[0] <= pos < headline[1]:
        score = cfg.main_title
    elif lead and lead[0] <= pos < lead[1]:
        score = cfg.main_lead
    else:
        rank = sentence_rank.get(event.sentence.start if event.sentence else 0, 0)
        score = 1.0 / (1.0 + cfg.main_position_decay * rank)
    etype = lexicon.types.get(event.type)
    score += etype.salience if etype else 0.0
    score += cfg.main_actor * (event.actor is not None)
    score += cfg.main_target * (event.target is not None)
    score += cfg.main_time * (event.time is not None)
    score += cfg.main_place * (event.place is not None)
    score -= cfg.main_unrealised_penalty * (event.negated or event.modality is not None)
    return score


def _marked_phrase(tok: Token, trigger: Token, markers: tuple[str, ...], text: str) -> str | None:
    """The first dependent phrase of `tok` (not containing the trigger) that starts with one of
    `markers`: "to put an end to the fighting", "because ...", "by selling ..."."""
    ordered = sorted(markers, key=len, reverse=True)
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "punct", "aux", "neg", "det", "compound"):
            continue
        sub = list(c.subtree)
        if trigger in sub:
            continue
        start, end = sub[0].idx, sub[-1].idx + len(sub[-1])
        low = text[start:end].lower()
        for m in ordered:
            if not low.startswith(m + " "):
                continue
            if m == "to" and c.dep_ not in ("advcl", "xcomp", "acl"):
                continue
            if m == "by" and not (len(sub) > 1 and sub[1].tag_ == "VBG"):
                continue
            if m in ("for", "so") and c.dep_ not in ("prep", "advcl"):
                continue
            return " ".join(text[start:end].split()).strip(' ,.“”"')
    return None


def _who(arg: Argument | None) -> str | None:
    if arg is None:
        return None
    if arg.value and not re.search(rf"(?<!\w){re.escape(arg.value)}(?!\w)", arg.text, re.I):
        return f"{arg.value} ({arg.text})"
    return arg.text


def _shares_participant(a: Event, b: Event) -> bool:
    def keys(e: Event) -> set[str]:
        return {arg.entity or arg.text.lower() for arg in (e.actor, e.target) if arg is not None}

    return bool(keys(a) & keys(b))


def main_event(
    analysis: Analysis, doc: Doc | None, lexicon: Lexicon, cfg: EventsConfig
) -> MainEvent | None:
    """The event the article is about, with 5W1H answers. As Giveme5W1H does, a W the chosen
    event lacks (when, where) is taken from the best related event, and says so."""
    events = [e for e in analysis.events if e.ontology == "PLOVER"] or list(analysis.events)
    if not events:
        return None
    starts = sorted({e.sentence.start for e in events if e.sentence})
    rank = {s: i for i, s in enumerate(starts)}
    scored = sorted(
        events, key=lambda e: (-score_event(e, analysis, lexicon, cfg, rank), e.trigger.start)
    )
    best = scored[0]
    related = [e for e in scored[1:] if _shares_participant(best, e)]
    when = None
    when_event = best if best.time else next((e for e in related if e.time), None)
    if when_event is not None and when_event.time is not None:
        entry = event_time(analysis, when_event)
        when = entry.label or when_event.time.text
        if entry.label and not entry.implied:
            when += f", “{when_event.time.text}”"
        if when_event is not best:
            when += f" (from the related {when_event.type} event “{when_event.trigger.text}”)"
    where = None
    where_event = best if best.place else next((e for e in related if e.place), None)
    if where_event is not None and where_event.place is not None:
        where = where_event.place.value or where_event.place.text
        if where_event is not best:
            where += f" (from the related {where_event.type} event “{where_event.trigger.text}”)"
    why = how = None
    tok = _token_at(doc, best.trigger.start, best.trigger.end) if doc is not None else None
    if tok is not None:
        for w in [tok, *governors(tok, cfg.max_climb)]:
            why = why or _marked_phrase(w, tok, lexicon.why_markers, analysis.text)
            how = how or _marked_phrase(w, tok, lexicon.how_markers, analysis.text)
    etype = lexicon.types.get(best.type)
    if how is None and best.mode and etype is not None and etype.manner_modes:
        how = best.mode
    return MainEvent(
        event=best.id,
        who=_who(best.actor),
        what=_what(best, analysis, tok),
        when=when,
        where=where,
        why=why,
        how=how,
    )


def _what(event: Event, analysis: Analysis, tok: Token | None) -> str:
    """Type (mode), then the predicate as written: governing verb, trigger and target."""
    label = event.type + (f" ({event.mode})" if event.mode else "")
    start = event.trigger.start
    end = event.trigger.end
    if event.target is not None and event.target.start >= end:
        end = event.target.end
    if tok is not None and event.modality:
        for up in governors(tok, 3):
            if up.pos_ in ("VERB", "NOUN", "ADJ") and up.idx < start:
                start = up.idx
                break
    phrase = " ".join(analysis.text[start:end].split())
    return f"{label}: {'not ' if event.negated else ''}{phrase}"


# --------------------------------------------------------------------------- the stage


class EventsStage:
    name = "events"
    requires = frozenset({"doc"})
    assigns = frozenset({"events", "main_event"})

    def __init__(self, resources: Resources) -> None:
        self.cfg = resources.config.events
        self.lexicon: Lexicon = resources.get(
            f"events.lexicon:{self.cfg.lexicon}", lambda: load_lexicon(self.cfg.lexicon)
        )

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            a = work.analysis
            a.events = extract_events(a, work.doc, self.lexicon, self.cfg)
            a.main_event = main_event(a, work.doc, self.lexicon, self.cfg)
