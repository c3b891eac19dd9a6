"""Rule family: a content's opening word that stands before the speaker ("the fund, which she
says is nearly empty"). PolNeAR writes such a content in two parts, "which | is nearly empty";
newsint keeps it one claim with a lead (model.Claim.lead), so no claim is the word "which"
alone."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsint.stages.claims.context import ExtractorBase, Found


@dataclass(frozen=True)
class LeadWords:
    """data/claims.toml [leads]."""

    relative_words: frozenset[str]  # relative words that can open a content before its speaker
    relative_tags: frozenset[str]  # the tags they must carry (not the complementiser "that")
    rules: frozenset[str]  # the rules whose claims may take a lead


@cache
def lead_words() -> LeadWords:
    data = tomllib.loads(resources.files("newsint.data").joinpath("claims.toml").read_text("utf-8"))
    leads = data["leads"]
    return LeadWords(
        relative_words=frozenset(leads["relative_words"]),
        relative_tags=frozenset(leads["relative_tags"]),
        rules=frozenset(leads["rules"]),
    )


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
            head = word.head.i
            in_content = f.content[0] <= self.doc[head].idx < f.content[1]
            if not (in_content or head in f.cue_tokens):
                continue
            f.lead = (word.idx, word.idx + len(word.text))
