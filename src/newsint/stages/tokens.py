"""One table of a parsed Doc's tokens, built once and shared by the stages that walk them.

spaCy makes a new `Token` object on every `doc[i]`, `token.head`, `token.children` and every
pass over the Doc, and each attribute read looks its string up again: the stages after the
parse made about 35 `Token` objects per word (docs/benchmarks.md, issue 19). `tokens_of(doc)`
reads the columns once (`Doc.to_array`), makes one plain `Tok` per token with the same
attribute names as spaCy's (`text`, `lower_`, `lemma_`, `pos_`, `tag_`, `dep_`, `head`,
`children`...), and keeps the table on `doc.user_data`, so every stage after the first gets
it for free. A `Tok` reads like a `Token` for the attributes it has; it is not one (no
`morph`, no vectors, no extension attributes).

One difference matters to callers: a root's `head` is the very same `Tok` (`tok.head is tok`
is true), where spaCy's `token.head is token` is always false (a new object each time).

The table also keeps what more than one stage derives from the Doc's text alone: the text
itself (joined from the columns it reads anyway, not by `doc.text`, which makes a `Token` per
word) and its credit lines (`credits`: the entities and claims stages both ask).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.text.outlets import Credit, Outlets

USER_DATA_KEY = "newsint.tokens"
_IOB = ("", "I", "O", "B")  # spaCy's ent_iob values 0-3, as `Token.ent_iob_` names them


class Tok:
    """One token of a `Tokens` table: spaCy's attribute names, read once."""

    __slots__ = (
        "children",
        "dep_",
        "doc",
        "ent_iob_",
        "head",
        "i",
        "idx",
        "is_alpha",
        "is_digit",
        "is_lower",
        "is_punct",
        "is_space",
        "is_stop",
        "is_title",
        "is_upper",
        "lemma_",
        "lower_",
        "pos_",
        "tag_",
        "text",
        "whitespace_",
    )

    i: int
    idx: int
    text: str
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    ent_iob_: str
    whitespace_: str
    is_punct: bool
    is_space: bool
    is_alpha: bool
    is_upper: bool
    is_lower: bool
    is_title: bool
    is_digit: bool
    is_stop: bool
    head: Tok
    children: tuple[Tok, ...]  # dependents in document order, as spaCy's `Token.children`
    doc: Tokens

    def __len__(self) -> int:
        return len(self.text)

    @property
    def left_edge(self) -> Tok:
        """The first token of this token's subtree (spaCy's own, asked only when needed)."""
        return self.doc.tokens[self.doc.doc[self.i].left_edge.i]

    def __repr__(self) -> str:
        return self.text


class Tokens:
    """Every token of a Doc as a `Tok`, and the sentences as (start, end, root) token indices."""

    def __init__(self, doc: Doc) -> None:
        from spacy import parts_of_speech  # type: ignore[attr-defined]
        from spacy.attrs import (
            DEP,
            ENT_IOB,
            HEAD,
            IDX,
            IS_ALPHA,
            IS_DIGIT,
            IS_LOWER,
            IS_PUNCT,
            IS_SPACE,
            IS_STOP,
            IS_TITLE,
            IS_UPPER,
            LEMMA,
            LOWER,
            ORTH,
            POS,
            SPACY,
            TAG,
        )

        self.doc = doc
        cols = (ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_IOB, SPACY)
        flags = (IS_PUNCT, IS_SPACE, IS_ALPHA, IS_UPPER, IS_LOWER, IS_TITLE, IS_DIGIT, IS_STOP)
        heads: list[int] = doc.to_array(HEAD).astype("int64").tolist()  # relative offsets
        rows = doc.to_array([IDX, *cols, *flags]).tolist()  # string hashes: unsigned
        strings = doc.vocab.strings
        names: dict[int, str] = {}  # hash -> string, once per distinct value in this Doc

        def name(h: int) -> str:
            s = names.get(h)
            if s is None:
                s = names[h] = strings[h] if h else ""
            return s

        pos_names = parts_of_speech.NAMES
        toks: list[Tok] = []
        for i, row in enumerate(rows):
            t = Tok()
            t.i, t.idx = i, row[0]
            t.text, t.lower_, t.lemma_ = name(row[1]), name(row[2]), name(row[3])
            t.pos_, t.tag_, t.dep_ = pos_names[row[4]], name(row[5]), name(row[6])
            t.ent_iob_ = _IOB[row[7]]
            t.whitespace_ = " " if row[8] else ""
            t.is_punct, t.is_space, t.is_alpha = row[9] == 1, row[10] == 1, row[11] == 1
            t.is_upper, t.is_lower, t.is_title = row[12] == 1, row[13] == 1, row[14] == 1
            t.is_digit, t.is_stop = row[15] == 1, row[16] == 1
            t.doc = self
            toks.append(t)
        kids: list[list[Tok]] = [[] for _ in toks]
        for t, step in zip(toks, heads, strict=True):
            t.head = toks[t.i + step]
            if step:
                kids[t.i + step].append(t)
        for t, ks in zip(toks, kids, strict=True):
            t.children = tuple(ks)
        self.tokens = toks
        # `doc.text` exactly (each token's text and trailing space), from the strings read above
        self.text: str = "".join([p for t in toks for p in (t.text, t.whitespace_)])
        self._sents: list[tuple[int, int, int]] | None = None
        self._starts: list[int] | None = None  # each token's offset, made on first use
        self._credits: tuple[Outlets, list[Credit]] | None = None

    @property
    def sents(self) -> list[tuple[int, int, int]]:
        """Each sentence's first token, end and root (spaCy's `Span.root`), in order."""
        if self._sents is None:
            self._sents = [(s.start, s.end, s.root.i) for s in self.doc.sents]
        return self._sents

    def sentence_chars(self) -> list[tuple[int, int]]:
        """Each sentence's character offsets (spaCy's `Span.start_char`, `Span.end_char`)."""
        toks = self.tokens
        return [(toks[a].idx, toks[b - 1].idx + len(toks[b - 1].text)) for a, b, _ in self.sents]

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens `doc.char_span(start, end, alignment_mode="expand")` would span, as
        (first, end) indices, by bisection over the table: no Span, and none of the Tokens
        char_span makes to test its ends. None where char_span gives None."""
        starts = self._starts
        if starts is None:
            starts = self._starts = [t.idx for t in self.tokens]
        toks = self.tokens
        # spaCy's `token_by_char` for both ends: the token whose text or trailing space holds
        # the character (none before the first token or past the last one's space)
        first = bisect_right(starts, start) - 1
        if first < 0:
            return None
        tok = toks[first]
        if start >= tok.idx + len(tok.text) + len(tok.whitespace_):
            return None
        last = bisect_right(starts, end - 1) - 1
        if last < 0:
            return None
        t = toks[last]
        if end - 1 >= t.idx + len(t.text) + len(t.whitespace_):
            return None
        if start == tok.idx + len(tok.text):
            first += 1  # the trailing space is no part of the token before it
        return (first, last + 1)

    def credits(self, outlets: Outlets) -> list[Credit]:
        """`outlets.credits(self.text)`, scanned once per Doc: the entities and claims stages
        both need the credit lines of the same text. A new list on each call (callers own it)."""
        if self._credits is None or self._credits[0] is not outlets:
            self._credits = (outlets, outlets.credits(self.text))
        return list(self._credits[1])

    def __len__(self) -> int:
        return len(self.tokens)

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        """Not carried along when the Doc is copied or pickled (its user_data with it): the
        copy builds its own table on first use (a graph of Toks is too deep to pickle)."""
        return _dropped, ()

    def __getitem__(self, i: int) -> Tok:
        return self.tokens[i]


def _dropped() -> None:
    return None


def tokens_of(doc: Doc) -> Tokens:
    """The Doc's token table: built on the first call, kept on the Doc for every later one."""
    table = doc.user_data.get(USER_DATA_KEY)
    if table is None or table.doc is not doc or len(table.tokens) != len(doc):
        table = doc.user_data[USER_DATA_KEY] = Tokens(doc)
    return table
