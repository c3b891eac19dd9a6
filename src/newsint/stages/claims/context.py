"""What every rule family of the extraction shares: Found (one attribution before chains and
status are decided), the per-article state the rules read (ExtractorBase), and small helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsint.model import Evidence
from newsint.stages.claims.lexicon import Lexicon
from newsint.stages.claims.quotes import Quote
from newsint.stages.claims.source_refs import SrcRef
from newsint.stages.claims.sources import Sources
from newsint.stages.tokens import tokens_of
from newsint.text.segments import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsint.config import Claims as ClaimsConfig


_ADDRESSEE_VERBS = {
    "tell",
    "inform",
    "ask",
    "urge",
    "warn",
    "brief",
    "assure",
    "remind",
    "notify",
    "advise",
    "instruct",
    "thank",
}
UNNAMED = "unnamed source"
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "attr", "acomp", "csubj", "oprd"}
_SIGNATURE = re.compile(
    r"(?P<dash>(?:^|\s|(?<=[”\"']))(?:[—―–]|--?))\s*"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin)){0,3})"
    r"(?:\s*\((?P<handle>@\w+)\))?"
    r"(?P<tail>[ ,]*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{4})?[.]?\s*(?:</\w+>)?[.]?)$",
    re.MULTILINE,
)
_OPENERS = {
    "but",
    "and",
    "yet",
    "however",
    "still",
    "also",
    "so",
    "meanwhile",
    "instead",
    "now",
    "then",
    "indeed",
    "moreover",
    "further",
    "furthermore",
    "separately",
}
_STRIP_END = " \t\n,;:—–-"
_STRIP_START = " \t\n,;:—–-"
_SENT_END = ".!?…"


@dataclass(eq=False)
class Found:
    """One attribution (or unattributed assertion) before chains and status are decided."""

    rule: str
    content: tuple[int, int]
    source: SrcRef
    cue: tuple[int, int] | None = None
    effect: str = "asserted"  # what the cue alone says about the content's status
    cue_tokens: list[int] = field(default_factory=list)
    source_tokens: set[int] = field(default_factory=set)
    sentence: tuple[int, int] = (0, 0)
    scope: str = "clause"  # "sentence" for a sentence-wide "according to"
    via: list[SrcRef] = field(default_factory=list)  # "…, citing Y": links after the source
    notes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0
    first_person: bool = False  # content before the cue in the first person: a quote
    inherited_from: int | None = None  # token of the verb whose speaker this one shares
    caveats: list[Evidence] = field(default_factory=list)  # unverified, from outside the claim
    parent: Found | None = None
    kind: str = "indirect"
    anaphor: tuple[int, int] | None = None  # "This information" pointing back
    lead: tuple[int, int] | None = None  # the content's opening word before the speaker (leads.py)

    def frame(self) -> tuple[int, int] | None:
        """Character range of the cue and source together, when they sit side by side."""
        spans = [
            s for s in (self.cue, (self.source.start, self.source.end)) if s and s[0] is not None
        ]
        if not spans:
            return None
        return (min(s[0] for s in spans), max(s[1] for s in spans))  # type: ignore[type-var]


# ---------------------------------------------------------------------------- helpers


def parts_held(found: list[Found], f: Found) -> set[int]:
    """ids of the other parts of `f`'s cue that its grown content now holds ("…” and let them
    know that “…”"): the caller drops them, so no words are claimed twice."""
    start, end = f.content
    return {
        id(g)
        for g in found
        if g is not f and g.cue == f.cue and start <= g.content[0] and g.content[1] <= end
    }


def _infinitive_complement(tok: Token) -> bool:
    """ "purports to show": an xcomp, or the same read as an infinitival advcl."""
    if tok.dep_ == "xcomp":
        return True
    return (
        tok.dep_ == "advcl"
        and tok.i > tok.head.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _ev(tok: Token, kind: str, effect: str | None) -> Evidence:
    return Evidence(
        start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, kind=kind, effect=effect
    )


def _stronger(lex: Lexicon, a: str, b: str) -> str:
    order = {s: i for i, s in enumerate(lex.precedence)}
    return a if order.get(a, 99) <= order.get(b, 99) else b


def _run_start(text: str, end: int, chars: str) -> int:
    """Where the run of `chars` ending at `end` starts: `text[i:end].strip(chars)` is empty
    exactly for run start <= i <= end (found once, not by slicing the text for every quote)."""
    i = end
    while i > 0 and text[i - 1] in chars:
        i -= 1
    return i


def _space_end(text: str, pos: int) -> int:
    """The first non-space position from `pos` on (the text's length if none): `text[pos:j]`
    is blank exactly for pos <= j <= that position."""
    i = pos
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _after_quoted_comma(tok: Token) -> bool:
    """ "…was “a disaster,” describing…": `tok` opens a phrase right after a closing quotation
    mark that follows a comma, as set off as one after a bare comma (issue 16, attrover)."""
    doc, i = tok.doc, tok.left_edge.i
    return i > 1 and doc[i - 1].is_quote and doc[i - 2].text == ","


def _inside_quote(quotes: list[Quote], pos: int) -> bool:
    return any(q.start < pos < q.end - 1 for q in quotes)


def _finite_clause(root: Token) -> bool:
    """A sentence that asserts: a verb (or copula) with a subject, not a bare noun phrase."""
    if root.pos_ not in ("VERB", "AUX"):
        return False
    if root.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") for c in root.children
    )


def _dedupe(found: list[Found]) -> list[Found]:
    seen: set[tuple[int, int, int]] = set()
    out = []
    for f in found:
        key = (f.content[0], f.content[1], f.cue[0] if f.cue else -1)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


class ExtractorBase:
    """The parsed article and what the rules have found so far, with the span helpers they share."""

    def __init__(
        self,
        doc: Doc,
        lex: Lexicon,
        cfg: ClaimsConfig,
        sources: Sources,
        quotes: list[Quote],
        title: tuple[int, int] | None,
    ) -> None:
        self.doc = doc
        self.text = sources.text  # the token table's copy: `doc.text` joins every token anew
        self.lex = lex
        self.cfg = cfg
        self.sources = sources
        self.quotes = quotes
        self.title = title
        self.by_verb: dict[int, Found] = {}
        self.paragraphs = paragraphs(self.text)
        self.sents = sources.sents
        self._prep_first = {p[0] for p in lex.prep_cues}

    # ------------------------------------------------------------------ spans

    def span_of(self, tokens: list[Token] | set[int]) -> tuple[int, int]:
        table = tokens_of(self.doc).tokens  # indices and spaCy Tokens read as the table's Toks
        toks = [table[t if isinstance(t, int) else t.i] for t in tokens]
        toks = [t for t in toks if not t.is_space]
        if not toks:
            return (0, 0)
        start = min([t.idx for t in toks])
        end = max([t.idx + len(t.text) for t in toks])
        return (start, end)

    def finish(
        self,
        start: int,
        end: int,
        keep_final: bool = False,
        cue: tuple[int, int] | None = None,
    ) -> tuple[int, int]:
        """Trim punctuation at the edges; grow to whole quotations the edges fall inside
        (unless the cue itself is inside that quotation: a quote within a quote)."""
        text = self.text
        while start < end and (text[start] in _STRIP_START or text[start].isspace()):
            start += 1
        while end > start:
            ch = text[end - 1]
            final = ch in _SENT_END and not _inside_quote(self.quotes, end - 1)
            if ch in _STRIP_END or ch.isspace() or (final and not keep_final):
                end -= 1
            else:
                break
        for q in self.quotes:
            if cue is not None and q.start <= cue[0] < q.end:
                continue
            if q.start < start < q.end:
                start = q.start
            if q.start < end < q.end:
                end = q.end
        return (start, end)

    def sent_span(self, sent: Span) -> tuple[int, int]:
        return (sent.start_char, sent.end_char)

    def outside_credits(self, found: list[Found]) -> list[Found]:
        """Datelines and credit lines ("WASHINGTON (AP) —", "AP Photo/…") say nothing: a content
        inside one is dropped, one that starts in one starts after it."""
        out = []
        for f in found:
            start, end = f.content
            for credit in self.sources.credits:
                if credit.start <= start < credit.end:
                    start = credit.end
            start, end = (
                self.finish(start, end, keep_final=True)
                if start != f.content[0]
                else (
                    start,
                    end,
                )
            )
            if end > start:
                f.content = (start, end)
                out.append(f)
        return out

    def in_title(self, pos: int) -> bool:
        return self.title is not None and self.title[0] <= pos < self.title[1]
