"""Rule family: a content's first part that stands apart from the rest (PolNeAR writes such a
content in two parts): a relative word before the speaker ("the fund, which she says is nearly
empty": which | is nearly empty) and, through verbs.py, a first part before a speaker tag
("Overall, she said, …"). newsint keeps one claim with a lead (model.Claim.lead), so no claim
is a part alone ("which", "The ferry")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsint.stages.claims.context import ExtractorBase, Found
from newsint.stages.claims.lexicon import data_file, word_sets

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class LeadWords:
    """data/claims.toml [leads]."""

    relative_words: frozenset[str]  # relative words that can open a content before its speaker
    relative_tags: frozenset[str]  # the tags they must carry (not the complementiser "that")
    relative_refused_deps: frozenset[str]  # ... and dependencies they must not (a "that" marker)
    rules: frozenset[str]  # the rules whose claims may take a lead
    empty_pos: frozenset[str]  # a short first part of only these parts of speech is no lead
    finite_tags: frozenset[str]  # an opening before a speaker tag with one of these is a lead
    opening_pos_dropped: frozenset[str]  # a lead's first word of these is the writer's


@cache
def lead_words() -> LeadWords:
    leads = data_file("claims.toml")["leads"]
    named = [f for f in LeadWords.__annotations__ if f != "empty_pos"]
    return LeadWords(**word_sets(leads, named), empty_pos=frozenset(leads["empty_lead_pos"]))


def short_lead(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """A first part too short for a claim of its own, before the speaker tag ("Overall, she
    said, …"), as the content's lead (verbs.py), unless it holds nothing but connectives and
    marks ("But, he said, …")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if end <= start or span is None:
        return None
    if all(t.pos_ in lead_words().empty_pos for t in span):
        return None
    return start, end


class LeadRules(ExtractorBase):
    """Relative words before the speaker, as their content's lead."""

    def relative_leads(self, found: list[Found]) -> None:
        words = lead_words()
        for f in found:
            if f.rule not in words.rules or f.cue is None or f.lead is not None:
                continue
            start, end = f.source.start, f.source.end
            if start is None or end is None or end > f.cue[0]:
                continue  # a speaker before the cue
            if f.content[0] < f.cue[1]:  # the content must follow the cue
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or span.start == 0:
                continue
            first = span.start
            word = self.doc[first - 1]
            if word.lower_ not in words.relative_words or word.tag_ not in words.relative_tags:
                continue
            if word.dep_ in words.relative_refused_deps:
                continue
            head = word.head.i
            in_content = f.content[0] <= self.doc[head].idx < f.content[1]
            if not (in_content or head in f.cue_tokens):
                continue
            f.lead = (word.idx, word.idx + len(word.text))

    def fronted_leads(self, found: list[Found]) -> None:
        """ "The tides were so high, the harbour master said, that the quay sank": a speaker
        tag set off by commas after an opening that holds a finite verb makes that opening the
        content's lead (an opening without one, "During a speech, she said, …", frames the
        saying)."""
        words = lead_words()
        for f in found:
            if f.rule not in words.rules or f.cue is None or f.lead is not None:
                continue
            start, end = f.source.start, f.source.end
            if start is None or end is None or end > f.cue[0] or f.content[0] < f.cue[1]:
                continue
            span = self.doc.char_span(start, f.cue[1], alignment_mode="expand")
            if span is None or span.start < 2 or span.end + 1 >= len(self.doc):
                continue
            before, after = self.doc[span.start - 1], self.doc[span.end]
            if before.text != "," or after.text != ",":
                continue
            sent = self.sents.of(before)
            opening = self.doc[sent.start : span.start - 1]
            if not len(opening) or self.doc[span.end + 1].idx != f.content[0]:
                continue
            if not any(t.tag_ in words.finite_tags for t in opening):
                continue
            if any(
                g is not f and g.cue and opening.start_char <= g.cue[0] < opening.end_char
                for g in found
            ):
                continue
            f.lead = (opening.start_char, opening.end_char)

    def trim_leads(self, found: list[Found]) -> None:
        """A lead without the writer's conjunction that opens it ("But | this winter",
        "And | perhaps"): it ties the sentence to the one before, it is not what was said."""
        words = lead_words()
        for f in found:
            if f.lead is None:
                continue
            span = self.doc.char_span(*f.lead, alignment_mode="expand")
            if span is None or not len(span) or span[0].pos_ not in words.opening_pos_dropped:
                continue
            rest = [t for t in span[1:] if not (t.is_punct or t.is_space)]
            if not rest:
                f.lead = None
                continue
            start, end = self.finish(rest[0].idx, f.lead[1])
            f.lead = (start, end) if end > start else None
