"""Rule family `unattributed`: a sentence (or main clause) no attribution covers is the article's
own claim.
"""

from __future__ import annotations

from newsint.stages.claims.context import _ARGUMENTS, ExtractorBase, Found, _finite_clause
from newsint.stages.claims.source_refs import SrcRef
from newsint.stages.tokens import tokens_of


class UnattributedRules(ExtractorBase):
    """The article's own assertions."""

    # ------------------------------------------------------------------ the article's own

    def unattributed(self, found: list[Found]) -> list[Found]:
        """Sentences (or main clauses) that no attribution covers: the article asserts them.
        Headlines, fragments without a finite verb, and questions are not claims."""
        out: list[Found] = []
        covered: set[int] = set()
        tokens = tokens_of(self.doc)
        for f in found:
            spans = [f.content, f.cue or (0, 0), (f.source.start or 0, f.source.end or 0)]
            for s, e in [*spans, f.lead or (0, 0)]:  # a content's lead is covered too
                if e > s:
                    span = tokens.char_span(s, e, expand=True)  # char_span's tokens, no Span made
                    if span is not None:
                        covered.update(range(*span))
        table = tokens.tokens
        for sent in self.sents.spans:
            if self.in_title(sent.start_char) and not self.cfg.unattributed_in_title:
                continue
            words = [t for t in table[sent.start : sent.end] if not (t.is_punct or t.is_space)]
            if len(words) < self.cfg.unattributed_min_words:
                continue
            if self.text[sent.start_char : sent.end_char].rstrip().endswith("?"):
                continue
            root = sent.root
            if not _finite_clause(root):
                continue
            if root.i in covered:
                continue
            if any(i in covered for i in range(sent.start, sent.end)):
                drop = set()
                lost = False
                for child in root.children:
                    sub = {t.i for t in child.subtree}
                    if sub & covered:
                        drop |= sub
                        if child.dep_ in _ARGUMENTS:
                            lost = True  # its subject or object is someone else's claim
                if lost:
                    continue
                toks = [t.i for t in root.subtree if t.i not in drop and t.i not in covered]
                if (
                    len([i for i in toks if not table[i].is_punct])
                    < self.cfg.unattributed_min_words
                ):
                    continue
                # contiguous run around the root
                lo = hi = root.i
                tokset = set(toks)
                while lo - 1 in tokset:
                    lo -= 1
                while hi + 1 in tokset:
                    hi += 1
                start, end = self.span_of(list(range(lo, hi + 1)))
            else:
                start, end = sent.start_char, sent.end_char
            start, end = self.finish(start, end)
            if end <= start:
                continue
            out.append(
                Found(
                    rule="unattributed",
                    content=(start, end),
                    source=SrcRef(text="article", kind="article"),
                    sentence=self.sent_span(sent),
                    confidence=self.cfg.confidence_unattributed,
                    kind="unattributed",
                )
            )
        return out
