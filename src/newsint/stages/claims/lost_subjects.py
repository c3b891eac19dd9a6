"""Speakers of known reporting verbs that the parse hung somewhere else (issue 16, fourth pass,
branch attrmiss2). Each construction was counted on PolNeAR train before it was added
(docs/benchmarks.md, "Known cue verbs missed, fourth pass"):

- a subject swallowed by the phrase that opens the sentence ("In a statement to the Gazette,
  her adviser, Tom Reyes, said that…": the parser made the adviser an apposition of the
  Gazette and left "said" with no subject; `[swallowed_subject]`);
- a speaker after a verb that reports nothing but a clause, read as its object ("“The tolls
  are too high,” added another councillor": `[inverted_speaker]`);
- a reporting verb in an infinitive whose speaker is the object of the verb it completes ("the
  vote led the senator to declare that…", "leaving the crews to ask whether…";
  `[object_control]`);
- the reported words before a comma read as a second subject of a verb that reports only a
  clause ("People like Lund, he said."; train: 4 of 4 such roots with no claim before, outside
  quotation marks, are gold cues).
The word lists live in data/missed_cues.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsint.stages.claims.lexicon import data_file, verb_base, word_sets

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.claims.lexicon import Lexicon

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


@dataclass(frozen=True)
class LostSubjectWords:
    """The word lists of data/missed_cues.toml read here."""

    opening_deps: frozenset[str]  # dependencies of the opening phrase that can swallow a subject
    skipped_before: frozenset[str]  # the verb's own dependents between the subject and the verb
    name_deps: frozenset[str]  # dependencies inside one noun phrase, climbed to its head
    phrase_marks: frozenset[str]  # marks that end the opening phrase before the subject
    after_deps: frozenset[str]  # what the verb must govern after it
    controllers: frozenset[str]  # verbs whose object speaks in their infinitive
    not_speakers: frozenset[str]  # objects of a clause-only verb that never speak


@cache
def lost_subject_words() -> LostSubjectWords:
    data = data_file("missed_cues.toml")
    sw = data["swallowed_subject"]
    named = ["opening_deps", "skipped_before", "name_deps", "phrase_marks", "after_deps"]
    return LostSubjectWords(
        **word_sets(sw, named),
        controllers=frozenset(data["object_control"]["verbs"]),
        not_speakers=frozenset(data["inverted_speaker"]["not_speakers"]),
    )


def swallowed_subject(tok: Token) -> Token | None:
    """The head of the noun phrase right before a sentence's root reporting verb that has no
    subject, when the parser put that phrase inside the phrase opening the sentence ("In a
    meeting with the board Lund said…", "At the pier, Tom Reyes, the harbour master, said
    that…"). The verb must govern something after it (a clause, an object, an infinitive, a
    predicate, a preposition: `after_deps`): the subject is then what precedes it.
    The phrase is the largest one that ends right before the verb and follows a comma or a
    dash ("…, a retired pilot who had flown the island route asked…"); with no such phrase, only a
    name run into the opening phrase with nothing between it and the verb."""
    words = lost_subject_words()
    if tok.dep_ != "ROOT" or any(c.dep_ in _SUBJECTS for c in tok.children):
        return None
    if not any(c.dep_ in words.after_deps and c.i > tok.i for c in tok.children):
        return None
    doc = tok.doc
    i = tok.i - 1
    own = {c.i for c in tok.children if c.dep_ in words.skipped_before}
    while i >= 0 and i in own:
        i -= 1
    comma = i >= 0 and doc[i].text == ","
    if comma:
        i -= 1  # "Tom Reyes, the harbour master, said"
    if i <= 0 or doc[i].pos_ not in _NOMINAL:
        return None
    last = doc[i]
    opening = next(
        (
            c
            for c in tok.children
            if c.dep_ in words.opening_deps and c.left_edge.i <= last.i <= c.right_edge.i
        ),
        None,
    )
    if opening is None or opening.i == last.i:
        return None
    best = None
    node = last
    while node.i != opening.i and node.head.i != node.i:
        if (
            node.pos_ in _NOMINAL
            and last.i <= node.right_edge.i < tok.i
            and node.left_edge.i > opening.left_edge.i
            and doc[node.left_edge.i - 1].text in words.phrase_marks
        ):
            best = node
        node = node.head
    if best is not None or comma:
        return best
    head = last
    while head.dep_ in words.name_deps and head.head.i > head.i and head.head.i < tok.i:
        head = head.head  # "the Harbour Gazette Lund": up a name to its last word
    return head if head.pos_ == "PROPN" and head.dep_ == "pobj" else None


def inverted_speaker(tok: Token, lex: Lexicon) -> Token | None:
    """ "“The tolls are too high,” added another councillor": a verb that reports nothing but a
    clause ([object_content] clause_verbs) has no object; a noun after it, when its reported
    clause stands before it and it has no subject, is its speaker."""
    if tok.dep_ != "ROOT" or any(c.dep_ in _SUBJECTS for c in tok.children):
        return None
    if verb_base(tok.lower_, lex.clause_verbs, lex.irregular) is None:
        return None
    if not any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children):
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj") and c.i > tok.i), None)
    if obj is None or obj.pos_ not in _NOMINAL or obj.lower_ in lost_subject_words().not_speakers:
        return None
    return obj


def object_controller(tok: Token, lex: Lexicon) -> Token | None:
    """ "The vote led the senator to declare that…", "leaving the crews to ask whether…": the
    object of a verb of `[object_control]` speaks in its infinitive."""
    if tok.dep_ != "xcomp" or tok.tag_ != "VB":
        return None
    if any(c.dep_ in _SUBJECTS for c in tok.children):
        return None
    head = tok.head
    if head.i == tok.i or head.pos_ != "VERB":
        return None
    base = verb_base(head.lower_, lost_subject_words().controllers, lex.irregular)
    if base is None and head.lemma_.lower() not in lost_subject_words().controllers:
        return None
    return max(
        (c for c in head.children if c.dep_ in ("dobj", "obj") and c.i < tok.i),
        key=lambda c: c.i,
        default=None,
    )


def fronted_content(tok: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """ "People like Lund, he said.", "The levy hurts small firms, said Ona Berg.": the parser
    made the reported words before the comma a second subject of a verb that reports only a
    clause ([object_content] clause_verbs) and that has no clause of its own. Returns (the
    comma that ends the content, the speaker): the speaker is the subject after the comma; the
    content runs from the start of the sentence to the comma."""
    if tok.dep_ != "ROOT" or verb_base(tok.lower_, lex.clause_verbs, lex.irregular) is None:
        return None
    children = list(tok.children)
    if any(c.dep_ in ("ccomp", "dobj", "obj", "xcomp") for c in children):
        return None
    subjects = [c for c in children if c.dep_ in ("nsubj", "dep")]
    if len(subjects) < 2 or subjects[0].i > tok.i or subjects[0].pos_ == "PRON":
        return None
    first = subjects[0]
    comma = first.doc[first.right_edge.i + 1] if first.right_edge.i + 1 < tok.i else None
    if comma is None or comma.text != ",":
        return None
    speaker = next((c for c in subjects[1:] if c.dep_ == "nsubj" and c.i > comma.i), None)
    return (comma, speaker) if speaker is not None else None
