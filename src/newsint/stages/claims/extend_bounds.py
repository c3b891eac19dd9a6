"""Rule family: a content the parser cut short. The parser hangs the second half of a reported
clause on the reporting verb when it cannot tie it to the clause ("said it would cut costs at
first, but would add jobs later": "would add" looks like a second act of the speaker's); a
finite reporting verb cannot be coordinated with a bare modal predicate, so that half is still
what was reported, and PolNeAR's content runs on to its end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import ExtractorBase, Found, _inside_quote

if TYPE_CHECKING:
    from spacy.tokens import Token


class ExtendBoundRules(ExtractorBase):
    """Contents of reporting verbs grown over the rest of the reported clause."""

    def extend_contents(self, found: list[Found]) -> None:
        for f in found:
            if f.rule != "verb" or f.cue is None or not f.cue_tokens:
                continue
            verb = self.doc[f.cue_tokens[-1]]
            if f.content[0] <= verb.idx:
                continue  # only a content after its cue runs on to the right
            end = self._continued_end(verb, f.content)
            if end is None:
                continue
            new = self.finish(f.content[0], end, cue=f.cue)
            if new[1] > f.content[1]:
                f.content = new
                f.notes.append("rest of the reported clause")

    def _continued_end(self, verb: Token, content: tuple[int, int]) -> int | None:
        """The end of a modal predicate coordinated right after the content ("…, but would
        not testify in public"), if the parser hung one on the reporting verb."""
        rules = bounds()
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return None  # "would say X and would add Y": two acts of a modal speaker
        if verb.tag_ not in rules.continued_verb_tags:
            return None
        for c in verb.rights:
            if c.dep_ != "conj" or self.doc[c.left_edge.i].idx < content[1]:
                continue
            if any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
                return None  # a clause of its own (content.py's coordinated clause)
            if not any(g.dep_ == "aux" and g.lower_ in rules.continued_modals for g in c.children):
                return None
            if any(t.i in self.by_verb for t in c.subtree):
                return None  # "…, but would say later that…": a report of its own
            between = self.doc.text[content[1] : c.left_edge.idx].split()
            if not between or between[-1].lower() not in rules.content_conjunctions:
                return None
            if any(w not in (",", *rules.content_conjunctions) for w in between[:-1]):
                return None
            if _inside_quote(self.quotes, c.idx) != _inside_quote(self.quotes, content[0]):
                return None
            last = c.right_edge
            return last.idx + len(last.text)
        return None
