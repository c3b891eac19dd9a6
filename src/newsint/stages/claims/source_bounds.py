"""Rule family: a source span written as the text writes it, where the parser split or shifted
the subject of a reporting verb (applied after the verb rules, before chains are built); and
the owner a clause names for a stance noun its possessive pronoun owns ("Roe stepped up her
criticism of…": Roe)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import ExtractorBase, Found
from newsint.stages.claims.lexicon import data_file
from newsint.stages.claims.source_fixes import speaking_subjects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.claims.source_refs import SrcRef

_SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class OwnerClimb:
    """data/source_spans.toml [owner]: how a verb without a subject passes to the one it hangs
    on ("to renew his attacks", "keeping his promise"), and how many such steps."""

    links: frozenset[str]
    climb: int


@cache
def owner_climb() -> OwnerClimb:
    data = data_file("source_spans.toml")["owner"]
    return OwnerClimb(links=frozenset(data["links"]), climb=int(data["climb"]))


class SourceBoundRules(ExtractorBase):
    """Source spans of reporting verbs, repaired."""

    def fit_sources(self, found: list[Found]) -> None:
        for f in found:
            src = f.source
            if f.rule in ("predicate", "noun") and src.head is not None:
                # "Roe stepped up her criticism of…": the owner the clause names speaks
                owner = self._owner_named_by_clause(self.doc[src.head])
                if owner is not None:
                    f.source = self.sources.from_head(owner)
                    f.notes.append(f"owner “{owner.text}” named by the clause, not the possessive")
                    continue
            if f.rule != "verb" or not f.cue_tokens or src.start is None or src.end is None:
                continue
            cue = self.doc[f.cue_tokens[0]]
            if src.end > cue.idx:
                continue  # the source follows its cue ("said X"): nothing to repair here
            moved = self._object_read_as_subject(cue, src.start)
            if moved is not None and moved.start is not None and moved.end is not None:
                if moved.end < src.end and self.text[moved.end] == ",":
                    # the comma closing the apposition stays, as the original span had it
                    end = moved.end + 1
                    moved = replace(moved, end=end, text=self.text[moved.start : end])
                f.source = moved
                f.notes.append(f"source is the apposition “{moved.text}”")
                continue
            verb = cue
            if src.head is not None and self.doc[src.head].dep_ in _SUBJECTS:
                verb = self.doc[src.head].head  # a speaker shared with another verb
            span = self._split_subject(verb, src.start, src.end)
            if span is not None and not (span[0] < f.content[1] and f.content[0] < span[1]):
                # ("People like Lund, he said": the first "subject" is the content)
                f.source = replace(src, start=span[0], end=span[1], text=self.text[slice(*span)])

    def _split_subject(self, verb: Token, start: int, end: int) -> tuple[int, int] | None:
        """One subject the parser cut into several ("His ex - wife", "The family, protesters
        and civic leaders" as two subjects): the span over all of them, when only joiners
        stand between them."""
        subjects = speaking_subjects(
            [c for c in verb.children if c.dep_ in _SUBJECTS and c.i < verb.i], self.lex
        )
        if len(subjects) < 2:
            return None
        lo = min(s.left_edge.i for s in subjects)
        hi = max(s.right_edge.i for s in subjects)
        inside = {t.i for s in subjects for t in s.subtree}
        if any(
            i not in inside and self.doc[i].lower_ not in bounds().subject_joiners
            for i in range(lo, hi + 1)
        ):
            return None
        new = (self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi].text))
        if any(ch in bounds().subject_breaks for ch in self.text[new[0] : new[1]]) or any(
            c.start < new[1] and new[0] < c.end for c in self.sources.credits
        ):
            return None  # a dateline, a quotation or a line break is no part of one subject
        span = (new[0], max(new[1], end))
        return span if new[0] <= start < new[1] and span != (start, end) else None

    def _object_read_as_subject(self, cue: Token, start: int) -> SrcRef | None:
        """ "With 50 days until the election, Jane Roe, an adviser, said…": the parser made
        the noun closing a leading phrase the subject and the speaker its apposition. A subject
        right after a preposition or a verb is no subject; its apposition is."""
        subj = next((c for c in cue.children if c.dep_ in _SUBJECTS and c.i < cue.i), None)
        if subj is None or subj.left_edge.idx != start or subj.left_edge.i == 0:
            return None
        before = self.doc[subj.left_edge.i - 1]
        if before.is_sent_start or self.sents.idx(before) != self.sents.idx(subj):
            return None
        if before.pos_ not in ("ADP", "VERB") or before.lower_ in self._prep_first:
            return None
        appos = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is None:
            return None
        return self.sources.from_head(appos)

    def _owner_named_by_clause(self, poss: Token) -> Token | None:
        """ "Mayor Roe stepped up her criticism of the plan", "the rivals sharpened their
        attacks on…": a stance noun a possessive pronoun owns, as the object of a verb whose
        subject (its own, or that of the verb it hangs on: "went on air to renew his attacks")
        is the owner named; PolNeAR's source is that subject (train: 15 of 19 right, 2
        before). Not a second object ("lost two suits - lately her plan to…"), nor after
        punctuation, nor a relative pronoun."""
        if poss.dep_ != "poss" or poss.tag_ != "PRP$":
            return None
        noun = poss.head
        if noun.dep_ != "dobj":
            return None
        verb = noun.head
        if sum(c.dep_ == "dobj" for c in verb.children) > 1 or any(
            t.is_punct for t in self.doc[min(verb.i, poss.i) : max(verb.i, poss.i)]
        ):
            return None
        climb = owner_climb()
        for _ in range(climb.climb):
            subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if subj is not None:
                if subj.i == poss.i or subj.lower_ in self.lex.pronouns["relative"]:
                    return None
                return subj
            if verb.dep_ not in climb.links or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None
