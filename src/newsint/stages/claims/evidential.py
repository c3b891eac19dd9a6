"""Rule family `evidential`: the writer's own evidential hedge ("the plan seems to have failed").

A raising verb at the root of a sentence, with a complement, hedges what the article itself
says: nobody else speaks, so the claim rests on the article (no speaker span) and is uncertain.
PolNeAR marks these as attributions without a source; they replace the plain unattributed claim
the sentence would otherwise give (the unattributed rule skips a sentence whose root is taken).
The words are in data/claims.toml `[evidential]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsint.stages.claims.context import ExtractorBase, Found, _inside_quote
from newsint.stages.claims.lexicon import data_file, word_sets
from newsint.stages.claims.source_refs import SrcRef

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

EVIDENTIAL = "evidential"  # the rule's name, and the kind of the evidence its cue leaves


@dataclass(frozen=True)
class EvidentialWords:
    verbs: frozenset[str]
    complements: frozenset[str]
    subjects: frozenset[str]
    expletives: frozenset[str]
    cue_children: frozenset[str]


@cache
def evidential_words() -> EvidentialWords:
    data = data_file("claims.toml")["evidential"]
    return EvidentialWords(**word_sets(data, EvidentialWords.__annotations__, lower=True))


class EvidentialRules(ExtractorBase):
    """The article's own hedged assertions."""

    def evidentials(self, found: list[Found]) -> list[Found]:
        """One claim per sentence whose root is an evidential verb with a complement, unless
        another attribution already holds that root (as its cue or inside its content)."""
        words = evidential_words()
        taken = [f.content for f in found] + [f.cue for f in found if f.cue is not None]
        out: list[Found] = []
        for sent in self.sents.spans:
            root = sent.root
            if root.lemma_.lower() not in words.verbs or root.pos_ not in ("VERB", "AUX"):
                continue
            if any(s <= root.idx < e for s, e in taken):
                continue
            if _inside_quote(self.quotes, root.idx):
                continue  # someone's quoted words, even when no rule found whose: not the writer's
            f = self._evidential(root, sent, words)
            if f is not None:
                out.append(f)
        return out

    def _evidential(self, verb: Token, sent: Span, words: EvidentialWords) -> Found | None:
        comp = next((c for c in verb.children if c.dep_ in words.complements), None)
        subj = next((c for c in verb.children if c.dep_ in words.subjects), None)
        if comp is None or subj is None:
            return None
        if subj.lower_ in words.expletives and comp.dep_ == "ccomp":
            first = comp.left_edge.i  # "It appears that…": the that-clause alone
        elif comp.i < verb.i:
            return None  # a fronted complement ("So it seems") hedges the sentence before
        else:
            first = subj.left_edge.i
        # only the words between the subject and the verb: "more often than not the skipper
        # seemed" keeps its "not" out of the cue
        before = [
            c.i
            for c in verb.children
            if c.dep_ in words.cue_children and subj.right_edge.i < c.i < verb.i
        ]
        cue_first = min(before, default=verb.i)
        cue = self.span_of(list(range(cue_first, verb.i + 1)))
        lead: tuple[int, int] | None = None
        if first < cue_first:
            # "the bid | seemed | doomed": the subject is the content's lead, the cue stays out
            lead = self.finish(*self.span_of(list(range(first, cue_first))))
            first = verb.i + 1
        if first > comp.right_edge.i:
            return None
        content = self.finish(*self.span_of([self.doc[first], comp.right_edge]))
        if content[1] <= content[0]:
            return None
        return Found(
            rule=EVIDENTIAL,
            content=content,
            source=SrcRef(text="article", kind="article"),
            cue=cue,
            effect="uncertain",
            cue_tokens=[verb.i],
            sentence=self.sent_span(sent),
            confidence=self.cfg.confidence_unattributed,
            kind="unattributed",
            lead=lead if lead is not None and lead[1] > lead[0] else None,
        )
