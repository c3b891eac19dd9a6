"""Questions and refusals to answer: content nobody asserts.

"Asked if he thinks the inquiry will be fair, he said…": what "he thinks" is the reporter's
question, not his claim. "She refused to say whether she would run": she said nothing about
running. Such a claim gets the status "question"; it rests on the article (the reporter who
asked) unless its own source is the one asking ("the senator asked whether the talks would
resume" is her question). The words are in data/claims.toml [questions].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsint.model import Evidence
from newsint.stages.claims.lexicon import Lexicon, verb_base
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.stages.claims.context import Found
    from newsint.stages.tokens import Tok

# How far up the parse a question clause may enclose a cue ("asked if he thinks…").
_MAX_CLIMB = 6


@dataclass(frozen=True)
class Question:
    """Why a claim is a question: the words that ask or refuse, and whether its own source
    asks (then it keeps its source; else it rests on the article)."""

    evidence: Evidence
    own: bool


def question_frame(doc: Doc, f: Found, lex: Lexicon) -> Question | None:
    """The question or refusal a claim's content belongs to, if any."""
    if f.rule == "unattributed" or not f.cue_tokens:
        return None
    cue = [doc[i] for i in f.cue_tokens]
    mark = _content_mark(doc, f, lex)
    if mark is not None:
        if any(_base(t, lex.question_verbs, lex) for t in cue):
            return Question(_ev(doc, cue[0], mark, "question"), own=True)
        if any(_refuses(t, lex) for t in cue):
            return Question(_ev(doc, cue[0], mark, "refusal"), own=False)
    head = next((t for t in cue if t.pos_ in ("VERB", "AUX")), cue[0])
    child = head
    for _ in range(_MAX_CLIMB):
        up = child.head
        if up.i == child.i:
            return None
        opener = next((c for c in child.children if c.dep_ == "mark" and _is_mark(c, lex)), None)
        if opener is not None and (_base(up, lex.question_verbs, lex) or _refuses(up, lex)):
            first = up if up.i < opener.i else opener
            return Question(_ev(doc, first, opener, "question"), own=False)
        child = up
    return None


def _content_mark(doc: Doc, f: Found, lex: Lexicon) -> Token | None:
    """The if/whether opening the content ("…to say whether she would run")."""
    tokens = tokens_of(doc)
    span = tokens.char_span(*f.content, expand=True)  # char_span's tokens, no Span made
    if span is None:
        return None
    words = tokens.tokens[span[0] : span[1]]
    first = next((t for t in words if not t.is_space and not t.is_punct), None)
    if first is not None and _is_mark(first, lex):
        return doc[first.i]
    return None


def _is_mark(tok: Tok | Token, lex: Lexicon) -> bool:
    return tok.lower_ in lex.question_marks


def _base(tok: Token, words: frozenset[str], lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and verb_base(tok.lower_, words, lex.irregular) is not None


def _refuses(tok: Token, lex: Lexicon) -> bool:
    """A refusal to answer: "refused (to say)", or a negated answering verb ("would not say")."""
    if _base(tok, lex.refusal_verbs, lex):
        return True
    if not _base(tok, lex.answering_verbs, lex):
        return False
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    up = tok.head
    return tok.dep_ == "xcomp" and up.i != tok.i and _base(up, lex.refusal_verbs, lex)


def _ev(doc: Doc, first: Token, last: Token, kind: str) -> Evidence:
    lo, hi = sorted((first.i, last.i))
    words = doc[lo : hi + 1]
    return Evidence(
        start=words.start_char, end=words.end_char, text=words.text, kind=kind, effect="question"
    )
