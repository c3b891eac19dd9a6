"""Subjects of a reporting verb that speak for nobody (issue 16, fourth pass on sources).

- A set phrase opening a sentence, set off by a comma, with no complement of its own: "That
  said, the council has yet to vote", "You know, the harbour…". The clause it sits before is
  the article's (or the quotation's), not something "that" said or "you" know.
- A demonstrative pronoun as the subject ("That shows how hard the race will be", "That
  prompted the mayor to call the plan reckless", "That's partly why she quit before
  announcing…"): it points back to a fact, not to anyone who says something, and a verb
  that borrows the subject of its governor borrows nothing from it either.
- A verb under "without" ("It is impossible to judge the plan without knowing how…", "…,” he
  said, without referring to anyone", "It goes without saying that…"): what it would report
  is not said or known, so nobody speaks through it (train: 6 such claims, 1 with a gold
  attribution; dev: 2, both spurious).
- A relative clause with a modal or an infinitive's "to" ("a successor, who would decide
  whether the board leans left", "there is no reason to believe the figures"): it describes
  its noun, and its verb reports nothing (train: 21 such claims, 3 right).
- A question put to "you" ("Do you support the levy?", "What do you think the council should
  do?"): the reader or the one interviewed is asked, and asserts nothing.

The words are in data/source_spans.toml `[no_speaker]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsint.stages.claims.lexicon import Lexicon, data_file, verb_base, word_sets

if TYPE_CHECKING:
    from spacy.tokens import Token

# what a filler must not have before its comma: a complement there would make it a report
_COMPLEMENTS = ("ccomp", "xcomp", "dobj", "obj", "advcl", "prep", "attr", "oprd")


@dataclass(frozen=True)
class NoSpeaker:
    fillers: dict[str, frozenset[str]]  # verb base -> subjects that make it a set phrase
    addressees: frozenset[str]
    demonstratives: frozenset[str]
    negating_preps: frozenset[str]
    hypothetical_tags: frozenset[str]
    denying_determiners: frozenset[str]


_WORD_LISTS = ("addressees", "demonstratives", "negating_preps", "denying_determiners")


@cache
def no_speaker_words() -> NoSpeaker:
    data = data_file("source_spans.toml")["no_speaker"]
    fillers: dict[str, set[str]] = {}
    for subject, verb in data["fillers"]:
        fillers.setdefault(verb.lower(), set()).add(subject.lower())
    return NoSpeaker(
        fillers={v: frozenset(s) for v, s in fillers.items()},
        **word_sets(data, _WORD_LISTS, lower=True),
        hypothetical_tags=frozenset(data["hypothetical_tags"]),
    )


def speaks_for_nobody(subj: Token, verb: Token, lex: Lexicon) -> bool:
    """Whether the subject the parser gave a reporting verb makes no claim with it."""
    return _filler(subj, verb, lex) or _asked(subj, verb) or _demonstrative(subj, verb)


def unsaid(verb: Token) -> bool:
    """ "without knowing how…", "without referring to…": a participle (or the first of a
    chain: "without having to worry about…") whose preposition negates it."""
    tok = verb
    while tok.dep_ == "xcomp" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pcomp" or tok.tag_ != "VBG":
        return False
    return tok.head.lower_ in no_speaker_words().negating_preps


def hypothetical_relative(verb: Token) -> bool:
    """ "a successor, who would decide whether…", "no reason to believe the figures": a
    verb heading a relative clause with a modal or an infinitive's "to" describes the noun
    the clause hangs on; nobody reports through it."""
    tags = no_speaker_words().hypothetical_tags
    return verb.dep_ == "relcl" and any(c.tag_ in tags and c.dep_ == "aux" for c in verb.children)


def denied_evidence(tok: Token) -> bool:
    """ "There is no evidence that officials were aware of the transfer": the clause of `tok`
    (a stance word, or its copula's) completes a noun that "no" denies; it is the writer's
    negative claim, and nobody holds the stance."""
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if clause.dep_ not in ("acl", "ccomp") or clause.head.pos_ != "NOUN":
        return False
    denying = no_speaker_words().denying_determiners
    return any(c.dep_ == "det" and c.lower_ in denying for c in clause.head.children)


def _filler(subj: Token, verb: Token, lex: Lexicon) -> bool:
    """ "That said, …", "You know, …": the phrase alone, a comma after it."""
    words = no_speaker_words()
    base = verb_base(verb.lower_, frozenset(words.fillers), lex.irregular)
    if base is None or subj.lower_ not in words.fillers[base]:
        return False
    if subj.i + 1 != verb.i:
        return False
    # the parser often hangs the clause after the comma on the filler ("That said, a loss
    # would…": "would" a ccomp of "said"); only a complement before the comma is the verb's own
    if any(c.dep_ in _COMPLEMENTS and c.i < verb.i for c in verb.children):
        return False
    before = [t for t in verb.sent if t.i < subj.i and not (t.is_space or t.is_quote)]
    # only where it opens the sentence ("That said, …"); one inside it ("Well, look, you know,
    # …") is left to the rules of the clause around it (dev: a transcript turn lost its match)
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return not before and after is not None and after.text == ","


def _demonstrative(subj: Token, verb: Token) -> bool:
    """ "That shows…": a demonstrative standing alone as the subject, not a relative pronoun
    ("the rules that promise…") nor a determiner ("that plan")."""
    if subj.lower_ not in no_speaker_words().demonstratives or subj.dep_ != "nsubj":
        return False
    return verb.dep_ != "relcl" and subj.tag_ == "DT" and not list(subj.children)


def _asked(subj: Token, verb: Token) -> bool:
    """A question to "you": an auxiliary before the subject, the sentence closed by "?"."""
    if subj.lower_ not in no_speaker_words().addressees:
        return False
    if not any(c.dep_ in ("aux", "auxpass") and c.i < subj.i for c in verb.children):
        return False
    tail = [t for t in verb.sent if not (t.is_space or t.is_quote)][-1:]
    return bool(tail) and tail[0].text == "?"
