"""Rule family: contents that run past what PolNeAR marks as reported, trimmed once the contents
are found (after the learned right edges of edge_model.py, before the cues are widened)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import _STRIP_END, ExtractorBase, Found, _inside_quote
from newsint.stages.claims.lexicon import verb_base

if TYPE_CHECKING:
    from spacy.tokens import Token


class TrimBoundRules(ExtractorBase):
    """Contents without the writer's connective at their start and without the loose words a
    dropped conjunct leaves at their end."""

    def trim_contents(self, found: list[Found]) -> None:
        for f in found:
            if f.rule == "unattributed":
                continue
            start, end = f.content
            if f.rule == "verb" and f.cue_tokens:
                feeling = self._expressed_feeling_end(self.doc[f.cue_tokens[0]], start, end)
                if feeling is not None:
                    self._set(f, self.finish(feeling, end, cue=f.cue), "expressed feeling is cue")
                    start, end = f.content
            lead = self._writers_connective(start, end)
            if lead is None and f.rule in bounds().framed_connective_rules:
                lead = self._framed_connective(start, end)
            if lead is not None:
                self._set(f, self.finish(lead, end, cue=f.cue), "writer's connective left out")
            self._set(f, self._lone_bracket(*f.content), "unpaired parenthesis left out")
            start, end = f.content
            cut = self._dangling_conjunction(start, end)
            if cut is not None:
                self._set(f, self.finish(start, cut, cue=f.cue), "dangling conjunction left out")

    @staticmethod
    def _set(f: Found, content: tuple[int, int], note: str) -> None:
        """A trimmed content replaces the old one when it changed and is not empty."""
        if content != f.content and content[1] > content[0]:
            f.content = content
            f.notes.append(note)

    def _dangling_conjunction(self, start: int, end: int) -> int | None:
        """Where the content ends before a conjunction left hanging at its end ("…were not
        complete, and"): the conjunct it joined (the speaker's next act, another report) was
        left out, so the conjunction is no one's words (`[dangling_conjunction] words`)."""
        head = self.text[start:end].rstrip(_STRIP_END)
        word = head.rsplit(None, 1)[-1] if head.split() else ""
        if word.lower() not in bounds().dangling_conjunctions or len(head.split()) < 2:
            return None
        cut = start + len(head) - len(word)
        if _inside_quote(self.quotes, cut):
            return None
        return cut

    def _writers_connective(self, start: int, end: int) -> int | None:
        """Where the content starts after a connective that ties the sentence to the writer's
        previous one ("However, the ferry…", "In addition, the port…"): the writer's link, not
        the speaker's words (`[writers_connective]`); not inside a quotation."""
        if _inside_quote(self.quotes, start):
            return None
        rules = bounds()
        head = self.text[start : min(end, start + rules.connective_max_chars)].lower()
        for phrase in rules.connectives:
            if not head.startswith(phrase):
                continue
            rest = head[len(phrase) :]
            if rest[:1] == "," or (
                phrase in rules.bare_connectives
                and rest[:1] == " "
                and self._adverb_of_clause(start)
            ):
                return start + len(phrase) + 1
        return None

    def _framed_connective(self, start: int, end: int) -> int | None:
        """Where a content the writer frames ("But the fund is empty, according to the
        auditors") starts after the conjunction that ties the sentence to the one before
        (`[framed_connective]`): the link is the writer's, as in `_writers_connective`, though
        in a speaker's own sentence "But" is the speaker's. Not inside a quotation."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if _inside_quote(self.quotes, start) or span is None or span[0].i != span[0].sent.start:
            return None  # only the word that opens the sentence ("…, and sold it" stays)
        first = self.text[start:end].split(None, 1)
        if len(first) < 2 or first[0].rstrip(",").lower() not in bounds().framed_connectives:
            return None
        return start + len(self.text[start:end]) - len(first[1])

    def _adverb_of_clause(self, pos: int) -> bool:
        """The word at `pos` modifies the clause's verb ("However debates are…"), not the next
        word ("However laudable the goal, …": a concession, the speaker's)."""
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        return bool(span[0].head.pos_ in ("VERB", "AUX") and span[0].head.i > span[0].i)

    def _lone_bracket(self, start: int, end: int) -> tuple[int, int]:
        """The content without a parenthesis at its edge whose partner lies outside it ("(“We
        will not sell,” he said.)": the writer's bracket around the sentence, not the words)."""
        text = self.text[start:end]
        opening, closing = bounds().bracket_pair
        if text.startswith(opening) and closing not in text:
            start, end = self.finish(start + 1, end)
        elif text.endswith(closing) and opening not in text:
            start, end = self.finish(start, end - 1)
        return start, end

    def _expressed_feeling_end(self, verb: Token, start: int, end: int) -> int | None:
        """Where the content starts after the feeling a speaker expresses ("expressed concern ‖
        that the vote…", "voiced doubts about ‖ the plan"): PolNeAR writes the noun (and its
        preposition) into the cue (`[expressed_feeling]`)."""
        rules = bounds()
        if verb_base(verb.lower_, rules.feeling_verbs, self.lex.irregular) is None:
            return None
        obj = next((c for c in verb.rights if c.dep_ in ("dobj", "obj")), None)
        if obj is None or obj.left_edge.idx != start:
            return None
        for c in obj.rights:
            if c.right_edge.idx + len(c.right_edge.text) < end:
                continue
            if c.dep_ == "prep" and c.lower_ in rules.feeling_preps:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                return int(pobj.left_edge.idx) if pobj is not None else None
            if c.dep_ in ("acl", "ccomp", "relcl") and c.left_edge.lower_ == "that":
                return int(c.left_edge.idx)
        return None
