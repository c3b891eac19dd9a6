"""Event triggers in a parsed article, and the per-document index the extraction reads.

A trigger is a verb or event noun the lexicon knows; the index holds the mentions, times and
claims the earlier stages found (or spaCy's entities when the entities stage did not run),
and where the headline and the lead paragraph are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsint.model import Analysis, Claim, TimeExpr
from newsint.stages.events.lexicon import Lexicon, TriggerRule
from newsint.stages.tokens import tokens_of
from newsint.text.segments import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.stages.tokens import Tok, Tokens
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
    token: Tok  # from the Doc's token table (stages/tokens.py), as every word events walk
    rule: TriggerRule
    support: Tok | None = None  # the verb carrying an event noun ("announced sanctions")


@dataclass
class DocIndex:
    """Lookups from tokens to the mentions, times and claims other stages found."""

    doc: Doc
    analysis: Analysis
    lexicon: Lexicon
    toks: Tokens  # the Doc's token table: the words every rule of the stage walks
    ments: dict[int, Ment] = field(default_factory=dict)  # token index -> mention
    time_of_token: dict[int, int] = field(default_factory=dict)  # token index -> time index
    time_heads: list[Tok] = field(default_factory=list)  # head token of each time
    times: list[Any] = field(default_factory=list)  # TimeExpr or spaCy Span (fallback)
    claims: list[Claim] = field(default_factory=list)
    # sentences from the token table (spaCy's `token.sent` walks the Doc on every call)
    sent_of: list[int] = field(default_factory=list)  # token index -> sentence number
    sents: list[tuple[int, int, int]] = field(default_factory=list)  # first token, end, root
    sent_chars: list[tuple[int, int]] = field(default_factory=list)  # character offsets
    # (headline, lead paragraph) character spans (`lead_bounds`), once per article
    lead: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)

    def sentence(self, i: int) -> tuple[int, int]:
        """(first token, end) of the sentence holding token i (spaCy's `token.sent`)."""
        start, end, _ = self.sents[self.sent_of[i]]
        return start, end

    @classmethod
    def build(cls, analysis: Analysis, doc: Doc, lexicon: Lexicon) -> DocIndex:
        table = tokens_of(doc)
        idx = cls(doc, analysis, lexicon, table)
        idx.sents = table.sents
        idx.sent_chars = table.sentence_chars()
        idx.lead = lead_bounds(analysis)
        idx.sent_of = [0] * len(doc)
        for n, (start, end, _) in enumerate(idx.sents):
            idx.sent_of[start:end] = [n] * (end - start)
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
            found = table.char_span(m.start, m.end, expand=True)  # no spaCy Span, no Tokens
            if found is not None:
                for i in range(*found):
                    idx.ments.setdefault(i, m)
        times: list[Any] = [t for t in analysis.times if t.type in ("DATE", "TIME")]
        if not analysis.times:
            times = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        for t in times:
            start, end = (t.start, t.end) if isinstance(t, TimeExpr) else (t.start_char, t.end_char)
            found = table.char_span(start, end, expand=True)
            if found is None or found[0] == found[1]:
                continue
            n = len(idx.times)
            idx.times.append(t)
            idx.time_heads.append(table.span_root(*found))
            for i in range(*found):
                idx.time_of_token.setdefault(i, n)
        idx.claims = sorted(
            analysis.claims, key=lambda c: (len(c.content), c.kind == "unattributed")
        )
        return idx


# --------------------------------------------------------------------------- trigger detection


def _dependent_lemmas(tok: Tok) -> set[str]:
    """Lemmas of a word's dependents and of the objects of its prepositions: the context."""
    out: set[str] = set()
    for c in tok.children:
        out.add(c.lemma_.lower())
        if c.dep_ in ("prep", "agent", "dative"):
            out.update(g.lemma_.lower() for g in c.children if g.dep_ in ("pobj", "pcomp"))
    return out


def _rule_for(tok: Tok, lexicon: Lexicon, statements: bool) -> TriggerRule | None:
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
    # "a great deal" (not "met ... with the goal of", nor the "that" opening its clause:
    # "denied that its director had met…").
    own = {
        c.lemma_.lower()
        for c in tok.children
        if c.dep_ not in _SUBJ and c.dep_ not in ("prep", "mark")
    }
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
    table = tokens_of(doc)
    for tok in table.tokens:  # the shared table: no spaCy Token made per word
        if tok.pos_ != "VERB" and tok.pos_ != "NOUN":
            continue  # what `_rule_for` says first, without a call per word
        rule = _rule_for(tok, lexicon, statements)
        if rule is not None:
            found[tok.i] = rule
    triggers: list[Trigger] = []
    absorbed: set[int] = set()
    for i, rule in found.items():
        tok = table[i]
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


# --------------------------------------------------------------------------- main event (5W1H)


def lead_bounds(analysis: Analysis) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(headline, lead paragraph) spans in the clean text, when present. Worked out once per
    article by its callers (the extractor's DocIndex, main_event), not once per event."""
    text, title = analysis.text, analysis.article.title
    paras = paragraphs(text)
    if not paras:
        return None, None
    first = text[paras[0][0] : paras[0][1]].strip()
    if title and first == title.strip():
        return paras[0], paras[1] if len(paras) > 1 else None
    return None, paras[0]
