"""The pieces at a content's right edge and what describes them: shared by the claims stage
(stages/claims/edge_model.py decides them) and bench/content_edges.py (counts, on PolNeAR
train, how often annotators write each kind into the content).

A piece is a phrase or clause the parse ties to the reported clause at its right end: one inside
the content that ends where the content ends ("…the mayor will resign‖, which…", "…‖ on
Twitter"), or one the parser hung on the reporting verb right after the content ("said the plant
was closed‖, beginning in May"). Whether PolNeAR's content holds it depends on the kind of piece
more finely than a yes/no rule per construction can say, so the decision is a table of counts.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsint.stages.claims.quotes import Quote
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

INNER, OUTER = "inner", "outer"
REPORT, TIME, CHANNEL = "report", "time", "channel"  # what a piece holds (Piece.role)
_TIME_ENTS = frozenset({"DATE", "TIME"})
# words a piece's first word is named by (its lower case); any other first word by its coarse
# part of speech: the function words tell the kinds apart, the content words only blur them
_NAMED_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PRON", "DET", "ADV", "PART", "AUX"})
_SET_OFF = {",": ",", ";": ",", "—": "-", "–": "-", "--": "-", "-": "-", "―": "-", "(": "("}
_NO_PIECE = frozenset({"punct", "cc", "case", "det", "aux", "auxpass", "neg", "mark", "prt"})
_QUOTE_MARKS = "“”\"'’‘«»"


@dataclass(frozen=True)
class Piece:
    """One piece at a content's right edge: where the content would end without it (`cut`,
    an inner piece) or with it (`end`, an outer piece), and its description (`key`)."""

    kind: str  # INNER: inside the content, OUTER: right after it
    start: int  # first character of the piece's words (after its set-off mark)
    cut: int  # where the content ends without the piece (before its set-off mark)
    end: int  # the piece's last character
    dep: str  # the piece's root's dependency label (spaCy's)
    first: str  # its first word: the word itself when a function word, else its part of speech
    set_off: str  # "," / "-" / "(" / "cc:<word>" / "" before it
    head_pos: str  # the coarse part of speech of the word it hangs on
    quoted: bool  # it starts inside a quotation
    words: int  # its length in words
    role: str  # REPORT (a cue inside), TIME (a date or time), CHANNEL (a medium), or ""

    def descriptions(self) -> tuple[tuple[str, ...], ...]:
        """Its descriptions from the most specific to the most general: a decision table is
        read at the first that has enough counts."""
        size = "short" if self.words <= 3 else "mid" if self.words <= 8 else "long"
        q = "q" if self.quoted else "-"
        base = (self.kind, self.dep, self.set_off, q, self.role)
        return (
            (*base, self.first, self.head_pos, size),
            (*base, self.first, self.head_pos),
            (*base, self.first),
            base,
        )


def _inside(quotes: list[Quote], pos: int) -> bool:
    return any(q.start <= pos < q.end for q in quotes)


def _words(doc: Doc, first: int, last: int) -> int:
    table = tokens_of(doc).tokens  # the shared token table: no spaCy Token per word
    return sum(1 for t in table[first : last + 1] if not (t.is_punct or t.is_space))


def _any_within(indices: tuple[int, ...], first: int, last: int) -> bool:
    """Whether the sorted `indices` hold one from `first` to `last`."""
    at = bisect_left(indices, first)
    return at < len(indices) and indices[at] <= last


def _set_off(doc: Doc, piece: Token, floor: int) -> tuple[int, str]:
    """The index of the first token of the marks and conjunction right before `piece` (down to
    `floor`), and their name (", and" is ",cc:and")."""
    i = piece.left_edge.i
    mark, conj = "", ""
    while i - 1 >= floor:
        prev = doc[i - 1]
        if prev.is_space:
            pass
        elif prev.dep_ == "cc" and prev.head.i == piece.head.i and not conj and not mark:
            conj = f"cc:{prev.lower_}"
        elif prev.text in _SET_OFF and not mark:
            mark = _SET_OFF[prev.text]
        else:
            break
        i -= 1
    return i, mark + conj


@dataclass(frozen=True)
class Words:
    """What the stage knows about the article's words beyond the parse."""

    quotes: list[Quote]
    cues: tuple[int, ...]  # token indices of the cues found, sorted
    channels: frozenset[str]  # nouns of a medium ("interview", "statement": the lexicon's)
    times: tuple[int, ...]  # token indices inside a date or time entity, sorted


def time_tokens(doc: Doc) -> tuple[int, ...]:
    """The token indices of the article's date and time entities (`Words.times`), sorted."""
    return tuple(i for e in doc.ents if e.label_ in _TIME_ENTS for i in range(e.start, e.end))


def _role(tok: Token, words: Words) -> str:
    """What the piece rooted at `tok` holds: a report of its own, a time, a medium (its
    subtree is the run of tokens between its edges: the parse is projective)."""
    first, last = tok.left_edge.i, tok.right_edge.i
    if _any_within(words.cues, first, last):
        return REPORT
    if _any_within(words.times, first, last):
        return TIME
    obj = next((c for c in tok.children if c.dep_ in ("pobj", "dobj")), None)
    if obj is not None and obj.lemma_.lower() in words.channels:
        return CHANNEL
    return ""


def _piece(doc: Doc, tok: Token, kind: str, floor: int, words: Words) -> Piece:
    """`tok`'s subtree as a piece, with the marks before it down to `floor`."""
    first_i, set_off = _set_off(doc, tok, floor)
    first = tok.left_edge
    last = tok.right_edge
    while last.i > first.i and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    return Piece(
        kind=kind,
        start=first.idx,
        cut=doc[first_i].idx,
        end=last.idx + len(last.text),
        dep=tok.dep_,
        first=first.lower_ if first.pos_ in _NAMED_POS else first.pos_,
        set_off=set_off,
        head_pos=tok.head.pos_,
        quoted=_inside(words.quotes, first.idx),
        words=_words(doc, first.i, last.i),
        role=_role(tok, words),
    )


def right_pieces(
    doc: Doc,
    text: str,
    content: tuple[int, int],
    verb: Token,
    sent_end: int,
    words: Words,
    asked: frozenset[tuple[str, str]] | None = None,
) -> list[Piece]:
    """The inner pieces of `content` that end at its end, the outermost (earliest) first, then
    the outer pieces the parser hung on `verb` right after it (before `sent_end`, the token
    after its sentence), nearest first. With `asked`, only pieces of those (kind, dependency)
    pairs, and the outer ones only up to the first of another pair: a decision table asks
    nothing else (the rest keep the default), so the rest are not described."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None or len(span) < 2:
        return []
    last = span.end - 1
    while last > span.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    end = doc[last].idx + len(doc[last].text)
    # a subtree that ends at the content's end holds its last word (the parse is projective):
    # only that word and the words above it can root an inner piece
    spine: list[Token] = []
    tok = doc[last]
    while span.start < tok.i < span.end and tok.right_edge.i < span.end:
        spine.append(tok)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    out: list[Piece] = []
    for tok in sorted(spine, key=lambda t: t.i):
        if tok.dep_ in _NO_PIECE or (asked is not None and (INNER, tok.dep_) not in asked):
            continue
        if tok.left_edge.i <= span.start or not (span.start <= tok.head.i < tok.left_edge.i):
            continue
        if "\n" in text[tok.left_edge.idx : end]:
            continue  # a paragraph break: not one reported clause
        out.append(_piece(doc, tok, INNER, span.start + 1, words))
    out.sort(key=lambda p: p.cut)
    floor = span.end
    for c in verb.rights:
        if c.dep_ in _NO_PIECE or c.left_edge.i < span.end or c.i >= sent_end:
            continue
        if asked is not None and (OUTER, c.dep_) not in asked:
            break
        piece = _piece(doc, c, OUTER, floor, words)
        if piece.cut > content[1] and text[content[1] : piece.cut].strip(" \t" + _QUOTE_MARKS):
            break  # other words between: not right after the content
        if "\n" in text[content[1] : piece.start]:
            break
        out.append(piece)
        floor = c.right_edge.i + 1
        content = (content[0], piece.end)
    return out
