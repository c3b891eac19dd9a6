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

from newsint.text.memo import memo_bound

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
        import numpy
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
        # the string columns first: their hashes are named at once (one look-up per distinct
        # hash, through numpy's unique, and the name kept for the next Doc: `_name`), the rest
        # are small numbers and flags. Read by column (a list per attribute, not per token):
        # fewer objects for the garbage collector. One `to_array` (the heads too).
        strs = (ORTH, LOWER, LEMMA, TAG, DEP)
        rest = (IDX, POS, ENT_IOB, SPACY, HEAD)
        flags = (IS_PUNCT, IS_SPACE, IS_ALPHA, IS_UPPER, IS_LOWER, IS_TITLE, IS_DIGIT, IS_STOP)
        cols = doc.to_array([*strs, *rest, *flags])  # unsigned: HEAD's offsets wrap around
        k, m = len(strs), len(strs) + len(rest)
        hashes, where = numpy.unique(cols[:, :k], return_inverse=True)
        strings = doc.vocab.strings
        names = numpy.array([_name(h, strings) for h in hashes.tolist()], dtype=object)
        heads: list[int] = cols[:, m - 1].astype("int64").tolist()  # relative offsets
        columns = [
            *names[where.reshape(-1, k)].T.tolist(),
            *cols[:, k : m - 1].T.tolist(),
            *(cols[:, m:] == 1).T.tolist(),
        ]
        pos_names = parts_of_speech.NAMES
        toks: list[Tok] = []
        new, add = Tok.__new__, toks.append
        # one pass sets every attribute read from the columns (was two, and a third for heads)
        for i, (
            text,
            lower,
            lemma,
            tag,
            dep,
            idx,
            pos,
            iob,
            space,
            punct,
            space_,
            alpha,
            upper,
            lower_,
            title,
            digit,
            stop,
        ) in enumerate(zip(*columns, strict=True)):
            t = new(Tok)  # one store per attribute: no tuple packed and unpacked per token
            t.i = i
            t.idx = idx
            t.text = text
            t.lower_ = lower
            t.lemma_ = lemma
            t.pos_ = pos_names[pos]
            t.tag_ = tag
            t.dep_ = dep
            t.ent_iob_ = _IOB[iob]
            t.whitespace_ = " " if space else ""
            t.doc = self
            t.is_punct = punct
            t.is_space = space_
            t.is_alpha = alpha
            t.is_upper = upper
            t.is_lower = lower_
            t.is_title = title
            t.is_digit = digit
            t.is_stop = stop
            t.children = ()
            add(t)
        kids: dict[int, list[Tok]] = {}  # only the tokens that have dependents
        for t, step in zip(toks, heads, strict=True):
            if step:
                h = t.i + step
                t.head = toks[h]
                got = kids.get(h)
                if got is None:
                    kids[h] = [t]
                else:
                    got.append(t)
            else:
                t.head = t
        for h, ks in kids.items():
            toks[h].children = tuple(ks)
        self.tokens = toks
        # `doc.text` exactly (each token's text and trailing space), from the strings read above
        self.text: str = "".join([p for t in toks for p in (t.text, t.whitespace_)])
        self._sents: list[tuple[int, int, int]] | None = None
        self._credits: tuple[Outlets, list[Credit]] | None = None
        self._starts: list[int] | None = None  # each token's first character (`token_at`)

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

    def token_at(self, char: int) -> int:
        """The token whose text or trailing space holds the character at `char`, else -1
        (spaCy's `token_by_char`: the tokens and their spaces tile the text)."""
        toks = self.tokens
        if char < 0 or not toks:
            return -1
        last = toks[-1]
        if char >= last.idx + len(last.text) + len(last.whitespace_):
            return -1
        if self._starts is None:
            self._starts = [t.idx for t in toks]
        return bisect_right(self._starts, char) - 1

    def char_span(self, start: int, end: int, expand: bool = False) -> tuple[int, int] | None:
        """The token range of `doc.char_span(start, end)` (`alignment_mode` "strict", or
        "expand" with `expand=True`) without making the Span: None where spaCy gives None.
        For a range spaCy could not make a Span of (`end` before `start`'s token), the empty
        range at `start`'s token, where spaCy raises."""
        first, last = self.token_at(start), self.token_at(end - 1)
        if first < 0 or last < 0:
            return None
        a, b = self.tokens[first], self.tokens[last]
        if expand:
            if start == a.idx + len(a.text):
                first += 1  # the trailing space is no part of the token before it
        elif start != a.idx or end != b.idx + len(b.text):
            return None
        return first, max(first, last + 1)

    def span_root(self, start: int, end: int) -> Tok:
        """spaCy's `doc[start:end].root`, from the table: the sentence root if the span holds
        it, else the first of the words nearest to it among those whose head lies outside the
        span (a bare space or punctuation mark counts as far), else the first word."""
        toks = self.tokens
        for t in toks[start:end]:
            if t.head is t:
                return t
        best, root = len(toks), None
        for t in toks[start:end]:
            if start <= t.head.i < end:
                continue
            if (t.is_space or t.is_punct) and not t.children:
                steps = len(toks) - 1
            else:
                steps, up = 0, t
                while up.head is not up:
                    up, steps = up.head, steps + 1
            if steps < best:
                best, root = steps, t
        return root if root is not None else toks[start]

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


_NAMES: dict[int, str] = {}  # string hash -> its string, for every vocab (see `_name`)
_NAMES_BOUND = memo_bound("tokens", "names")


def _name(key: int, strings: Any) -> str:
    """The string of a hash (0: ""), kept for later Docs: a StringStore look-up decodes the
    string anew each time, and most of an article's words and labels were in the one before.
    A hash names the same string in every vocab (spaCy's hash of the text), so one memo
    serves them all; emptied when full (a miss costs only the look-up)."""
    got = _NAMES.get(key)
    if got is None:
        if len(_NAMES) >= _NAMES_BOUND:
            _NAMES.clear()
        got = _NAMES[key] = strings[key] if key else ""
    return got


def tokens_of(doc: Doc) -> Tokens:
    """The Doc's token table: built on the first call, kept on the Doc for every later one."""
    table = doc.user_data.get(USER_DATA_KEY)
    if table is None or table.doc is not doc or len(table.tokens) != len(doc):
        table = doc.user_data[USER_DATA_KEY] = Tokens(doc)
    return table


def release(doc: Doc) -> None:
    """Drop the Doc's token table and break its reference cycles (every `Tok`'s head, children
    and table), so the table, the Doc and all that hangs on them go by reference count when
    the last reference does, not at the garbage collector's next pass. For a Doc no one reads
    again (`Pipeline.run_batch`): a `Tok` of a released table has none of those three."""
    table = doc.user_data.pop(USER_DATA_KEY, None)
    if isinstance(table, Tokens):
        for t in table.tokens:
            del t.head, t.children, t.doc
        table.tokens = []
