"""Rule family: where a reported clause ends. An aside the writer tacks on after the reported
words, set off by a comma or a dash (a non-restrictive relative clause about a name, a
concession), is the writer's, not the speaker's: PolNeAR leaves it out of the content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import ExtractorBase, Found, _inside_quote
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SET_OFF = {",", "—", "–", "--", "-"}
# The dependencies `_is_closing_aside` can say yes to: `_closing_aside_start` looks no further
# at any other word (a new kind of aside there must be added here, or it is never asked).
_ASIDE_DEPS = frozenset({"relcl", "advcl"})


class EndBoundRules(ExtractorBase):
    """Contents of reporting verbs without the writer's closing aside."""

    def trim_closing_asides(self, found: list[Found]) -> None:
        for f in found:
            if f.rule != "verb" or f.cue is None:
                continue
            start, end = f.content
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) < 3:
                continue
            cut = self._closing_aside_start(span)
            if cut is None:
                continue
            new = self.finish(start, cut, cue=f.cue)
            if new[1] > new[0]:
                f.content = new
                f.notes.append("closing aside left out")

    def _closing_aside_start(self, span: Span) -> int | None:
        """The offset of the comma or dash that opens a closing aside of `span`, if any."""
        toks = tokens_of(span.doc).tokens
        last = span.end - 1
        while last > span.start and (toks[last].is_punct or toks[last].is_space):
            last -= 1
        for tok in toks[span.start + 1 : span.end]:
            # first the tests the token table answers: an aside's kind, its head before it
            if tok.dep_ not in _ASIDE_DEPS or not (span.start <= tok.head.i < tok.i):
                continue
            t = span.doc[tok.i]
            if t.right_edge.i != last or t.left_edge.i <= span.start:
                continue
            if not (span.start <= t.head.i < t.left_edge.i):
                continue
            comma = span.doc[t.left_edge.i - 1]
            if comma.text not in _SET_OFF or _inside_quote(self.quotes, comma.idx):
                continue
            if self._is_closing_aside(t):
                return comma.idx
        return None

    def _is_closing_aside(self, t: Token) -> bool:
        """ "…, who has led the race since May", "…, even though the polls disagree"."""
        rules = bounds()
        if t.dep_ == "relcl":  # (only kinds in _ASIDE_DEPS are asked)
            first = t.left_edge
            if first.tag_ == "IN":  # "…, with whom he clashed"
                first = t.doc[first.i + 1]
            return first.lower_ in rules.aside_relatives
        if t.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in rules.aside_marks for c in t.children)
        return False
