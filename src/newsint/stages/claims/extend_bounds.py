"""Rule family: a content the parser cut short. The parser hangs the second half of a reported
clause on the reporting verb when it cannot tie it to the clause ("said it would cut costs at
first, but would add jobs later": "would add" looks like a second act of the speaker's); a
finite reporting verb cannot be coordinated with a bare modal predicate, so that half is still
what was reported, and PolNeAR's content runs on to its end."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import ExtractorBase, Found, _inside_quote, parts_held

if TYPE_CHECKING:
    from spacy.tokens import Token

_DOTTED = re.compile(r"(?:\b[A-Za-z]\.)+[A-Za-z]$")  # "U.S", "p.m", "N.C" before their last stop
_LAST_WORD = re.compile(r"[A-Za-z]+$")


class ExtendBoundRules(ExtractorBase):
    """Contents of reporting verbs grown over the rest of the reported clause."""

    def extend_contents(self, found: list[Found]) -> list[Found]:
        """`found` with contents grown; a further part of the same cue that the grown content
        now holds ("…” and let them know that “…”") is dropped."""
        covered: set[int] = set()
        for f in found:
            if f.rule != "unattributed":
                f.content = self._with_abbreviation_stop(f.content)
            if f.rule != "verb" or f.cue is None or not f.cue_tokens:
                continue
            verb = self.doc[f.cue_tokens[-1]]
            if f.content[0] <= verb.idx:
                continue  # only a content after its cue runs on to the right
            end = (
                self._continued_end(verb, f.content)
                or self._argument_end(verb, f.content)
                or self._quoted_end(f.content, found)
            )
            if end is None:
                continue
            new = self.finish(f.content[0], end, cue=f.cue)
            if new[1] > f.content[1]:
                f.content = new
                f.notes.append("rest of the reported clause")
                covered |= parts_held(found, f)
        return [f for f in found if id(f) not in covered]

    def _with_abbreviation_stop(self, content: tuple[int, int]) -> tuple[int, int]:
        """A content ending in an abbreviation keeps its full stop ("…to the U.S.", "…in
        Dayton, Ohio" is no abbreviation, "…in Reno, Nev." is): the stop is the word's, even
        where it also ends the sentence, and PolNeAR writes it."""
        start, end = content
        if end >= len(self.text) or self.text[end] != "." or end <= start:
            return content
        head = self.text[max(start, end - 12) : end]
        word = _LAST_WORD.search(head)
        if _DOTTED.search(head) or (
            word is not None
            and word.group().lower() in bounds().abbreviations
            and (word.start() > 0 or end - 12 <= start)
        ):
            return (start, end + 1)
        return content

    def _continued_end(self, verb: Token, content: tuple[int, int]) -> int | None:
        """The end of a predicate coordinated right after the content in another tense than the
        reporting verb ("said it was ready, but would not testify", "says he fears arrest and
        is seeking asylum"), if the parser hung one on the reporting verb."""
        rules = bounds()
        said = self._tense(verb)
        if said is None or said == "modal":
            return None  # "would say X and would add Y": two acts of a modal speaker
        for c in verb.rights:
            if c.dep_ != "conj" or self.doc[c.left_edge.i].idx < content[1]:
                continue
            if any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
                return None  # a clause of its own (content.py's coordinated clause)
            tense = self._tense(c)
            if self._tense(c, own=False) is None and self._tense(verb, own=False) is not None:
                tense = None  # "has promoted X and downplayed Y": the auxiliary is shared
            if tense is None or tense == said:
                return None  # "said X and urged Y": the speaker's next act
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

    def _argument_end(self, verb: Token, content: tuple[int, int]) -> int | None:
        """The end of the second argument of a verb of comparison or blame right after its
        object ("likened the toll to a ransom", "blamed the delay on the weather"): what the
        object is compared to or blamed on is part of the claim, though the parser hangs the
        phrase on the verb (and content.py leaves a "to"/"on" phrase there out as a place or
        an addressee)."""
        preps = bounds().argument_preps.get(verb.lemma_.lower(), frozenset())
        for c in verb.rights:
            if c.dep_ != "prep" or c.idx < content[1]:
                continue
            if c.lower_ not in preps or self.doc.text[content[1] : c.idx].strip():
                return None
            last = c.right_edge
            return last.idx + len(last.text)
        return None

    def _quoted_end(self, content: tuple[int, int], found: list[Found]) -> int | None:
        """The end of a quotation that follows the content with nothing but a space between,
        when the content ends on a word ("pledged to fight the plan “to the last day.”",
        "called the ruling “a farce”"): the quoted words are the speaker's own part of the
        same clause, which the parser hung elsewhere; PolNeAR's content runs to the closing
        mark. Not a quotation that is another claim's content."""
        start, end = content
        if end <= start or not self.text[end - 1].isalnum():
            return None
        gap = bounds().quoted_tail_gap
        for q in self.quotes:
            if q.open_end or not (end < q.start <= end + gap):
                continue
            if self.text[end : q.start] != " " * (q.start - end):
                return None
            if q.words(self.text) > bounds().quoted_tail_max_words:
                return None
            if any(g.content[0] >= q.start and g.content[0] < q.end for g in found):
                return None
            return q.end
        return None

    @staticmethod
    def _tense(verb: Token, own: bool = True) -> str | None:
        """ "past", "present", "modal" or "bare" (an infinitive without "to"), read from the
        verb's first auxiliary or (when `own`) the verb itself; None for a participle or gerund
        alone."""
        rules = bounds()
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        if not aux and not own:
            return None
        first = aux[0] if aux else verb
        if first.tag_ == "MD":
            return "modal"
        return rules.tense_tags.get(first.tag_) if aux or first.tag_ != "VB" else "bare"
